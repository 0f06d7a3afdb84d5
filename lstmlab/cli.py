"""The `lstmlab` command: a table of subcommands, each living in its own module and loaded on use.

A subcommand module defines `add_arguments(parser)` and `run(args) -> int`.
"""
import argparse
import importlib
import sys

COMMANDS = {
    # name: (module, one-line help)
    "info": ("lstmlab.info", "versions, and whether the Keras oracle is available"),
    "summary": ("lstmlab.info", "shapes and parameters of an LSTM stack, with formulas"),
    "explore": ("lstmlab.explore.cli", "serve the interactive explorers as a standalone page (Voila)"),
    "grade": ("lstmlab.grade.cli", "grade exercise notebooks in locked-down kernels: table, JSON, CSV"),
    "build-exercises": ("lstmlab.grade.authoring", "generate exercises/ from solutions/ (never overwrites a learner's "
                        "edits); warns about answer cells no graded item knows"),
    "release": ("lstmlab.exercises.release", "write what learners get: lessons, exercises and a README, never a solution"),
    "gradebook": ("lstmlab.grade.lms.cli", "fill Canvas's or Moodle's exported gradebook from lstmlab grade's JSON; "
                  "feedback pages per learner; the class summary"),
    "gradescope": ("lstmlab.grade.gradescope", "write a Gradescope autograder.zip that grades uploads with lstmlab grade"),
    "translate": ("lstmlab.translate.cli", "gettext catalogues per notebook (locale/) and the translated notebooks built "
                  "from them: extract, update, build, check"),
    "explain": ("lstmlab.explainer.cli", "explain a saved Keras model (.keras) or a Keras 2 snippet (.py), and name its mistakes"),
}


def _module(name):
    module = importlib.import_module(COMMANDS[name][0])
    return getattr(module, "COMMANDS", {}).get(name, module)


def build_parser():
    parser = argparse.ArgumentParser(prog="lstmlab", description="The lstmlab course's command line.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (_, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        _module(name).add_arguments(p)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        return _module(args.command).run(args)
    except (ValueError, TypeError, ImportError, FileNotFoundError) as exc:
        print(f"lstmlab {args.command}: {exc}", file=sys.stderr)
        return 2
