"""The package's layout is its architecture: few top-level modules, sub-packages that say what they hold and
what they may import, arrows that point one way, no import cycles, and every old module path still working."""
import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import lstmlab

PACKAGE = Path(lstmlab.__file__).resolve().parent
SUBPACKAGES = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))
TOP = "lstmlab"


def _docstring_rule(package):
    """(module-level allowed, lazily allowed) sub-packages, read from the two-line docstring's 'May import:' line."""
    doc = ast.get_docstring(ast.parse((PACKAGE / package / "__init__.py").read_text()), clean=False)
    line = doc.strip().splitlines()[1]
    assert line.startswith("May import: "), f"{package}/__init__.py: line 2 must start with 'May import: '"
    rule = line[len("May import: "):].rstrip(".")
    eager, _, lazy = rule.partition(";")
    as_set = lambda text: {w.strip(" ,") for w in text.replace("lazily", "").split(":")[-1].split(",")} & set(SUBPACKAGES)
    return (set() if eager.startswith("nothing") else as_set(eager)), as_set(lazy) if lazy else set()


def _module_name(path):
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path):
    """[(imported lstmlab module, at module level?)] for one source file; relative imports resolved."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text())
    top_level = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            targets = [target] + [f"{target}.{a.name}" for a in node.names]  # `from . import train` names a module
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            continue
        for target in targets:
            if target == TOP or target.startswith(TOP + "."):
                found.append((target, id(node) in top_level))
    return found


def _everyones(target):
    """The root's light namespace (`from .. import __version__`) and the lazy-export helper: every part may use them."""
    return target in (TOP, f"{TOP}.__version__") or target == f"{TOP}.lazy" or target.startswith(f"{TOP}.lazy.")


def _subpackage(module):
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in SUBPACKAGES else None


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_top_level_holds_at_most_eight_modules():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 8, top
    assert {"__init__.py", "__main__.py", "cli.py", "lazy.py"} <= set(top)


@pytest.mark.parametrize("package", SUBPACKAGES)
def test_each_subpackage_is_small_and_says_what_it_holds_and_may_import(package):
    modules = list((PACKAGE / package).glob("*.py"))
    assert len(modules) <= 16, f"{package}/ holds {len(modules)} modules; split it"
    doc = ast.get_docstring(ast.parse((PACKAGE / package / "__init__.py").read_text()), clean=False)
    assert doc is not None and len(doc.strip().splitlines()) == 2, f"{package}/__init__.py needs a two-line docstring"
    _docstring_rule(package)  # line 2 is a rule this test can read


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_one_way(path):
    """A sub-package imports only what its __init__'s 'May import:' line names (lazily-only ones inside functions)."""
    here = _subpackage(_module_name(path))
    if here is None:
        return  # the top: cli, info, lazy and __init__ may use everything
    eager, lazy = _docstring_rule(here)
    for target, module_level in _imports(path):
        there = _subpackage(target)
        if _everyones(target) or there == here:
            continue
        allowed = eager if module_level else eager | lazy
        assert there in allowed, (f"{_module_name(path)} imports {target}: {here}/ may import "
                                  f"{sorted(allowed) or 'nothing of lstmlab'}{'' if module_level else ' (lazily)'}")


def test_the_reference_imports_nothing_of_the_course():
    for path in (PACKAGE / "reference").glob("*.py"):
        outside = [t for t, _ in _imports(path) if _subpackage(t) != "reference" and not _everyones(t)]
        assert not outside, f"{path.name} imports {outside}"


def test_no_module_level_import_cycles():
    graph = {}
    for path in MODULES:
        name = _module_name(path)
        graph[name] = set()
        for target, module_level in _imports(path):
            if module_level:
                while target not in {_module_name(p) for p in MODULES} and "." in target:
                    target = target.rsplit(".", 1)[0]  # `from .pkg import name` -> the module pkg
                graph[name].add(target)
    state = {}

    def visit(node, trail):
        state[node] = "open"
        for nxt in graph.get(node, ()):
            if nxt == node or node.startswith(nxt + "."):
                continue  # a package is always initialised before its modules: `from . import x` is no cycle
            if state.get(nxt) == "open":
                raise AssertionError("import cycle: " + " -> ".join(trail[trail.index(nxt):] + [nxt]))
            if nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = "done"

    for node in graph:
        if node not in state:
            visit(node, [node])


def test_every_public_name_is_importable_from_lstmlab():
    for name in lstmlab.__all__:
        assert getattr(lstmlab, name) is not None, name


@pytest.mark.parametrize("old, new", sorted(lstmlab.MOVED.items()))
def test_old_module_paths_are_the_moved_modules(old, new):
    """Notebooks learners already edited say `from lstmlab.gradcheck import ...`: it is the very module now in reference/."""
    moved = importlib.import_module(f"lstmlab.{old}")
    assert moved is importlib.import_module(f"lstmlab.{new}")
    assert moved.__spec__.name == f"lstmlab.{new}"  # the alias leaves the real module's own spec in place


def test_old_paths_work_in_a_fresh_interpreter():
    code = ("from lstmlab.gradcheck import gradient_check\nfrom lstmlab import cost, train\n"
            "import lstmlab.keras_bridge, lstmlab.stateful_data\nimport sys\n"
            "print(gradient_check.__module__, cost.__name__, train.__name__, 'keras' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["lstmlab.reference.gradcheck", "lstmlab.lessons.cost", "lstmlab.reference.train", "False"]
