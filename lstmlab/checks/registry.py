"""The registry: every graded item, from the course's item modules, teachers' item files and entry points.

A teacher adds items without editing the package: a Python file defining ITEMS = [Item(...), ...], given as
`--items FILE`, or a module registered under the `lstmlab.items` entry point group (it, too, defines ITEMS).
Learners' check() sees the same files: `use_items(FILE or URL)` in a notebook (a release with --items writes that
cell), or the environment variable LSTMLAB_ITEMS (files separated by os.pathsep).
"""
import hashlib
import importlib
import importlib.metadata
import importlib.util
import os
import tempfile
import urllib.request
from pathlib import Path

from ..messages import msg

ITEM_MODULES = [
    # one module per lesson; each defines ITEMS, a list of Item (add a lesson with one line here)
    "lstmlab.checks.items_cell",
    "lstmlab.checks.items_layer",
    "lstmlab.checks.items_data",
    "lstmlab.checks.items_stack",
    "lstmlab.checks.items_stateful",
    "lstmlab.checks.items_training",
    "lstmlab.checks.items_forecast",
]
ENTRY_POINTS = "lstmlab.items"

_CACHE = {}
_SESSION = []  # items files this session loaded with use_items (a URL's: the downloaded copy)
ENV = "LSTMLAB_ITEMS"


def use_items(*sources):
    """Load a teacher's items files (paths or http(s) URLs) for check(); returns the ids they add."""
    before = set(all_items(session_files()))
    for source in map(str, sources):
        try:
            if source.startswith(("https://", "http://")):
                with urllib.request.urlopen(source, timeout=30) as response:  # the teacher's release repository
                    data = response.read()
                folder = Path(tempfile.mkdtemp(prefix="lstmlab-items-"))
                path = folder / Path(source.split("?")[0]).name
                path.write_bytes(data)
            else:
                path = Path(source).resolve()
                if not path.is_file():
                    raise FileNotFoundError(source)
            all_items([*session_files(), path])  # a file that does not load is refused here, not at check()
        except Exception as exc:
            raise ValueError(msg("problem.items_file", source=source, why=f"{type(exc).__name__}: {exc}")) from None
        if path not in _SESSION:
            _SESSION.append(path)
    return [i for i in all_items(session_files()) if i not in before]


def session_files():
    """The items files check() uses beyond the course's: LSTMLAB_ITEMS's, then use_items's."""
    listed = [Path(p) for p in os.environ.get(ENV, "").split(os.pathsep) if p.strip()]
    return [*listed, *(p for p in _SESSION if p not in listed)]


def _file_module(path):
    """Import a teacher's items file by path (once per path)."""
    path = Path(path).resolve()
    if not path.is_file():
        raise FileNotFoundError(f"no items file {path}")  # not learner-facing: for teachers
    name = "lstmlab_items_" + hashlib.sha256(str(path).encode()).hexdigest()[:12]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _sources(files):
    """(where, ITEMS) for the course's modules, the entry points, then the given files."""
    for name in ITEM_MODULES:
        yield name, importlib.import_module(name).ITEMS
    for point in importlib.metadata.entry_points(group=ENTRY_POINTS):
        loaded = point.load()
        yield f"entry point {point.name}", getattr(loaded, "ITEMS", loaded)
    for path in files:
        module = _file_module(path)
        if not hasattr(module, "ITEMS"):
            raise ValueError(f"{path} defines no ITEMS (a list of lstmlab.checks.item.Item)")  # not learner-facing: for teachers
        yield str(path), module.ITEMS


def all_items(files=()):
    """{id: Item} for every registered item, in course order; teachers' items (files, entry points) after."""
    key = tuple(str(Path(f).resolve()) for f in files)
    if key not in _CACHE:
        from .item import Item
        found, where = {}, {}
        for source, items in _sources(files):
            for item in items:
                if not isinstance(item, Item):
                    raise TypeError(f"{source}: ITEMS must hold lstmlab.checks.item.Item objects, got {type(item).__name__}")  # not learner-facing: for teachers
                if item.id in found:
                    raise ValueError(f"two items share the id {item.id!r} ({where[item.id]} and {source})")  # not learner-facing: for teachers
                found[item.id], where[item.id] = item, source
        _CACHE[key] = found
    return dict(_CACHE[key])


def get_item(item_id):
    """The Item with this id (the course's, or a teacher's loaded by use_items), or a clear error listing the ids."""
    items = all_items(session_files())
    if item_id not in items:
        raise KeyError(msg("problem.no_item", item=item_id, items=msg("join.list").join(items)))
    return items[item_id]


def contract_problems(notebook, items, name):
    """Sentences on answer cells whose id no item knows, or whose points differ from the item's."""
    problems = []
    for cell in notebook.cells:
        meta = cell.get("metadata", {}).get("lstmlab", {})
        if not isinstance(meta, dict) or not isinstance(meta.get("exercise"), str):
            continue
        item_id, points = meta["exercise"], meta.get("points")
        if item_id not in items:
            problems.append(f"{name}: answer cell {item_id!r} matches no graded item (add it with --items FILE, or "  # not learner-facing: for teachers
                            "fix the id); it is not graded")
        elif points != items[item_id].points:
            problems.append(f"{name}: answer cell {item_id!r} says {points} points, its item gives "  # not learner-facing: for teachers
                            f"{items[item_id].points}; the item's points count")
    return problems
