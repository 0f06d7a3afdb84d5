"""Stored experiment results with their provenance: configuration, seeds, versions and a hash of the code that made them.

A full sweep (a `bench/` script) runs once and saves its results here; the lesson loads them and re-runs one
configuration live. `stale()` says when the code behind a stored result has changed since it was made, and a test
fails on any stale result, so a table in a lesson is never older than the code it describes.
"""
import hashlib
import json
import platform
import sys
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from ..messages import msg

RESULTS = Path(__file__).resolve().parent / "results"  # lstmlab/lessons/results/<name>.json (package data)
ROOT = Path(__file__).resolve().parents[2]  # the clone the sources are named from (a wheel has no bench/)
PACKAGES = ("numpy", "keras", "tensorflow", "statsmodels", "scipy")
ALIASES = {"tensorflow": ("tensorflow", "tensorflow-cpu")}  # the distribution names one package is installed under


def versions():
    """Python, the platform and each installed package of PACKAGES: {name: version or None}."""
    found = {"python": platform.python_version(), "platform": platform.platform()}
    for name in PACKAGES:
        found[name] = None
        for dist in ALIASES.get(name, (name,)):
            try:
                found[name] = metadata.version(dist)
                break
            except metadata.PackageNotFoundError:
                continue
    return found


def source_text(name, root=ROOT):
    """The bytes a source names: a whole file ("lstmlab/data/windows.py"), or one top-level function or class of it
    ("lstmlab/lessons/experiments.py::reset_states_each_epoch"), so an edit elsewhere in that file is no change."""
    import ast
    file, _, part = name.partition("::")
    path = Path(root) / file
    if not path.is_file():
        raise FileNotFoundError(f"expected a source file {file} in {root}, found none")
    text = path.read_text()
    if not part:
        return text.encode()
    for node in ast.parse(text).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == part:
            return ast.get_source_segment(text, node).encode()
    raise FileNotFoundError(f"expected a top-level function or class {part} in {file}, found none")


def code_hash(sources, root=ROOT):
    """SHA-256 over each source's name and bytes (source_text), in the order given; FileNotFoundError names a missing one."""
    digest = hashlib.sha256()
    for name in sources:
        digest.update(name.encode() + b"\0" + source_text(name, root) + b"\0")
    return digest.hexdigest()


def save(name, *, config, seeds, results, sources, folder=RESULTS, root=ROOT):
    """Write <folder>/<name>.json: the results with their configuration, seeds and provenance; returns its path."""
    if not sources:
        raise ValueError(f"expected the source files that produce {name!r} (clone-relative paths), received none")
    record = {"name": name, "config": config, "seeds": list(seeds), "results": results,
              "provenance": {"sources": list(sources), "code_hash": code_hash(sources, root), "versions": versions(),
                             "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
                             "created": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}}
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    path.write_text(json.dumps(record, indent=1, sort_keys=False) + "\n")
    return path


def load(name, folder=RESULTS):
    """The stored record {name, config, seeds, results, provenance}; FileNotFoundError says which command makes it."""
    path = Path(folder) / f"{name}.json"
    if not path.is_file():
        known = sorted(p.stem for p in Path(folder).glob("*.json"))
        raise FileNotFoundError(f"expected stored results {path} (known: {', '.join(known) or 'none'}); "
                                f"run the bench/ script that makes {name!r}")
    return json.loads(path.read_text())


def stale(record, root=ROOT):
    """Why a stored record no longer matches its code: [] when current, else one line per reason."""
    sources = record["provenance"]["sources"]
    try:
        now = code_hash(sources, root)
    except FileNotFoundError as missing:
        return [str(missing)]
    if now != record["provenance"]["code_hash"]:
        return [f"{record['name']}: the code that made it changed since {record['provenance']['created']} "
                f"({', '.join(sources)}); re-run `{record['provenance']['command']}`"]
    return []


def describe(record):
    """One line for a lesson: when, with which versions and seeds, by which command."""
    prov = record["provenance"]
    v = prov["versions"]
    return msg("lesson.provenance", name=record["name"], n=len(record["seeds"]), seeds=record["seeds"], created=prov["created"],
               command=prov["command"], keras=v.get("keras"), tensorflow=v.get("tensorflow"), numpy=v.get("numpy"),
               statsmodels=v.get("statsmodels"), code_hash=prov["code_hash"][:12])
