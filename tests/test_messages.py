"""Every sentence a learner reads from checks and the explorers comes from one catalogue (lstmlab/messages/en.py),
ready for a translation (issue #14): every key the code uses exists, every key exists for a reason, and no
learner-facing sentence is written inside the code of checks/ or explore/."""
import ast
import json
import re
import string
from pathlib import Path

import pytest

import lstmlab
from lstmlab.checks import all_items, msg, set_language
from lstmlab.checks.mutants.generic import KINDS as GENERIC_KINDS
from lstmlab.checks.mutants.answer import KINDS as ANSWER_KINDS
from lstmlab import messages
from lstmlab.messages.en import MESSAGES
from lstmlab.checks.verdict import STATUSES
from lstmlab.grade.gradescope import STUDENT_KEYS
from lstmlab.grade.run import RUNNER_KEYS

PACKAGE = Path(lstmlab.__file__).resolve().parent
SCANNED = ("checks", "messages", "grade", "explore", "explainer")  # the parts whose every learner-facing sentence is in the catalogue
KEYED = ("data", "shapes", "plots", "lessons")  # parts with some messages in the catalogue (the errors an explorer shows,
# explain's findings, figures' labels, lessons' tables and verdicts), not scanned
CATALOGUE_FILES = {PACKAGE / "messages" / "en.py", PACKAGE / "messages" / "zh.py"}  # the catalogues themselves
MAINTAINERS = {PACKAGE / "explore" / "widget_state.py"}  # `make widget-state`: a maintainer's tool, in a terminal
SOURCES = {str(p.relative_to(PACKAGE)): p.read_text() for part in SCANNED for p in sorted((PACKAGE / part).rglob("*.py"))
           if p not in CATALOGUE_FILES | MAINTAINERS}
KEY_SOURCES = {**SOURCES, **{str(p.relative_to(PACKAGE)): p.read_text() for part in KEYED
                             for p in sorted((PACKAGE / part).rglob("*.py"))}}
CODE = "\n".join(SOURCES.values())
# What a teacher reads in a terminal (options, set-up errors, the Gradescope scripts' comments) stays English; the
# sentences a student reads from these files (Gradescope's notes) are in the catalogue all the same.
TEACHER_FACING = {"grade/cli.py", "grade/gradescope.py", "grade/course.py", "grade/sandbox.py", "grade/authoring.py",
                  "grade/lms/cli.py"}
PROSE = re.compile(r"[A-Za-z]{2,}[,;:]? [A-Za-z]{2,}[,;:]? [A-Za-z]{2,}")  # three words in a row: a sentence
MARK = "# not learner-facing"


def _literal_keys():
    """The string constants in the first argument of every msg(...) call (`msg("a" if x else "b")` gives both)."""
    keys = set()
    for path, source in KEY_SOURCES.items():
        callers = ("msg", "say", "phrase") if path.startswith("plots") else ("msg",)  # plots/fonts.say: a figure's words
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in callers and node.args:
                parts = [node.args[0]]
                while parts:  # the key, or both branches of `"a" if x else "b"` (f-string keys: see _dynamic_keys)
                    part = parts.pop()
                    if isinstance(part, ast.IfExp):
                        parts += [part.body, part.orelse]
                    elif isinstance(part, ast.Constant) and isinstance(part.value, str):
                        keys.add(part.value)
    return keys


def _notebook_keys():
    """The lesson.* keys the English lessons' code cells print through msg() (their Chinese twins run the same code)."""
    keys = set()
    for path in sorted((PACKAGE.parent / "notebooks").glob("*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            if cell["cell_type"] == "code":
                keys |= set(re.findall(r"[\"'](lesson\.[a-z0-9_]+\.[a-z0-9_]+)[\"']", "".join(cell["source"])))
    return keys


def _dynamic_keys():
    """The keys the code builds (msg(f"mistake.{key}"), ...), from the items and the code's own key lists."""
    keys = set()
    for item in all_items().values():
        keys |= {f"meaning.{item.id}", f"title.{item.id}"}
        for mistake in item.mistakes:
            keys |= {*mistake.message_keys, *mistake.fields.values()}
        keys |= {step for step, _ in item.isolate}
        for case in item.make_cases(0):
            for labels in item.axis_labels(case).values():
                keys |= {f"axis.{label}" for label in labels if label != "gate"} | {f"axisname.{label}" for label in labels}
    keys |= {f"{kind}.value_{name}" for kind in ("mutation", "mutfix") for name in GENERIC_KINDS}
    keys |= {f"{kind}.answer_{name}" for kind in ("mutation", "mutfix") for name in ANSWER_KINDS}
    keys |= {"axis.gate_unit"} | {f"headline.{status}" for status in STATUSES}
    for path in sorted((PACKAGE / "plots").glob("*.py")):  # figures' tables of keys (LEGEND, PANELS, ...)
        keys |= {node.value for node in ast.walk(ast.parse(path.read_text())) if isinstance(node, ast.Constant)
                 and isinstance(node.value, str) and node.value.startswith(("plot.", "explore."))}
    keys |= _notebook_keys()
    keys |= {f"grade.sandbox.{key}" for key in RUNNER_KEYS} | {f"grade.gradescope.{key}" for key in STUDENT_KEYS}
    keys |= {f"{style}.{part}" for style in ("inline", "line") for part in ("mistake", "fix", "where", "case", "error")}
    keys |= {f"problem.{kind}{hidden}" for kind in ("value", "values", "layer_shape", "layer_params")
             for hidden in ("", "_hidden")}
    keys |= {f"type.{key}" for key in re.findall(r"\bMismatch\(\s*\"([a-z_]+)\"", CODE)}
    keys |= {f"refused.{key}" for key in re.findall(r"\bNotNumbers\(\s*\"([a-z_]+)\"", CODE)}
    type_mistakes = set(re.findall(r"\bMismatch\(\s*\"[a-z_]+\",\s*\"([a-z_]+)\"", CODE))
    type_mistakes |= set(re.findall(r"\"([a-z_]+)\" if [^\n]* else None", SOURCES["checks/compare.py"] + SOURCES["checks/judge.py"]
                              + SOURCES["checks/describe.py"]))
    keys |= {f"{kind}.{key}" for key in type_mistakes for kind in ("mistake", "fix")}
    return keys


def test_every_key_the_code_uses_is_in_the_catalogue():
    used = _literal_keys() | _dynamic_keys()
    assert len(_literal_keys()) > 40
    missing = sorted(used - set(MESSAGES))
    assert not missing, f"keys used in lstmlab but missing from messages/en.py: {missing}"


def test_the_sandboxed_runner_says_only_sentences_the_grader_sends_it():
    """grade/runner.py runs without lstmlab: its say(key) sentences travel in the plan, RUNNER_KEYS of them."""
    said = set()
    for node in ast.walk(ast.parse(SOURCES["grade/runner.py"])):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "say":
            parts = [node.args[0]]
            while parts:
                part = parts.pop()
                if isinstance(part, ast.IfExp):
                    parts += [part.body, part.orelse]
                else:
                    said.add(part.value)
    assert said == set(RUNNER_KEYS), (sorted(said), RUNNER_KEYS)


def test_every_key_in_the_catalogue_is_used():
    unused = sorted(set(MESSAGES) - _literal_keys() - _dynamic_keys())
    assert not unused, f"keys in messages/en.py that no code uses: {unused}"


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_templates_have_only_named_placeholders(key):
    fields = [name for _, name, _, _ in string.Formatter().parse(MESSAGES[key]) if name is not None]
    assert all(name and name.isidentifier() for name in fields), (key, fields)


def _strings(tree):
    """Every string constant and f-string of a module, except docstrings and f-strings' parts."""
    docstrings, inner = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body and isinstance(
                node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant):
            docstrings.add(id(node.body[0].value))
        if isinstance(node, ast.JoinedStr):
            inner |= {id(v) for v in ast.walk(node) if v is not node}
    for node in ast.walk(tree):
        if id(node) in docstrings or id(node) in inner:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node, node.value
        elif isinstance(node, ast.JoinedStr):
            yield node, "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)


def test_no_learner_facing_sentence_is_written_in_the_code():
    """A heuristic: a string of three words in a row, outside the catalogue and docstrings, is a sentence a learner
    may read. Strings that are not (NumPy's error words matched, CSS) carry the comment `# not learner-facing`."""
    found = []
    for name, source in SOURCES.items():
        if name in TEACHER_FACING:
            continue
        lines = source.splitlines()
        for node, text in _strings(ast.parse(source)):
            marked = any(MARK in lines[k] for k in range(node.lineno - 1, node.end_lineno))
            if PROSE.search(text) and not marked:
                found.append(f"{name}:{node.lineno}: {text[:70]!r}")
    assert not found, "learner-facing text outside messages/en.py (move it to the catalogue):\n" + "\n".join(found)


def test_msg_fills_placeholders_and_the_language_hook_refuses_an_unknown_language(monkeypatch):
    assert msg("headline.failed", points=0, max_points=3) == "Failed (0/3)"
    assert set_language("en") == "en" and messages.language() == "en"
    with pytest.raises(ValueError, match="available: en, zh"):
        set_language("xx")  # the Chinese catalogue itself: tests/test_messages_zh.py
    assert lstmlab.set_language is set_language
    monkeypatch.setenv("LSTMLAB_LANG", "xx")
    monkeypatch.setitem(messages._STATE, "lang", None)
    assert messages.language() == "en"  # an unknown LSTMLAB_LANG falls back to English


def test_the_prose_heuristic_finds_sentences_and_leaves_code_alone():
    assert PROSE.search("Wrong values for h") and PROSE.search("still raises NotImplementedError")
    assert not PROSE.search("x @ kernel.T") and not PROSE.search("{name} = np.array({text})")
