"""The teacher's commands' options (`lstmlab grade`, `gradebook`, `gradescope`) as reviewed: each option's names,
metavar, default, choices and help, compared with tests/cli_options.json, so an option or its help never changes
unnoticed. After a deliberate change: python tests/test_cli_options.py (rewrites the file; review its diff)."""
import argparse
import json
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))
REVIEWED = HERE / "cli_options.json"
COMMANDS = {"grade": "lstmlab.grade.cli", "gradebook": "lstmlab.grade.lms.cli", "gradescope": "lstmlab.grade.gradescope"}


def describe(parser):
    """[one dict per option] of a parser, its subcommands' options nested (argparse's own fields, no formatting)."""
    out = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        entry = {"options": action.option_strings, "dest": action.dest, "metavar": action.metavar,
                 "help": action.help, "default": action.default, "choices": action.choices,
                 "required": action.required, "nargs": action.nargs, "kind": type(action).__name__,
                 "type": getattr(action.type, "__name__", None)}
        if isinstance(action, argparse._SubParsersAction):
            entry["choices"] = {name: describe(sub) for name, sub in action.choices.items()}
            entry["help"] = {a.dest: a.help for a in action._choices_actions}
        out.append(entry)
    return out


def options():
    """{command: its options described} as the code defines them now."""
    import importlib
    found = {}
    for command, module in COMMANDS.items():
        parser = argparse.ArgumentParser(prog=f"lstmlab {command}")
        importlib.import_module(module).add_arguments(parser)
        found[command] = describe(parser)
    return json.loads(json.dumps(found))  # as the file holds them: tuples as lists


@pytest.mark.parametrize("command", COMMANDS)
def test_the_options_are_the_reviewed_ones(command):
    reviewed = json.loads(REVIEWED.read_text(encoding="utf-8"))
    assert options()[command] == reviewed[command], (f"lstmlab {command}'s options changed: if that was meant, run "
                                                     "python tests/test_cli_options.py and review the diff")


def test_every_option_has_help():
    def walk(entries):
        for e in entries:
            yield e
            if isinstance(e["choices"], dict):
                for sub in e["choices"].values():
                    yield from walk(sub)

    for command, entries in options().items():
        missing = [e["dest"] for e in walk(entries) if not e["help"]]
        assert missing == [], f"lstmlab {command}: no help for {missing}"


if __name__ == "__main__":
    REVIEWED.write_text(json.dumps(options(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {REVIEWED}")
