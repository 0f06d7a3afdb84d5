"""Grade many submissions: find them, grade notebooks in parallel with a progress line, gather per learner."""
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from ..exercises.contract import REPO
from .core import grade_notebook


def find_submissions(paths):
    """[(learner path, [notebooks])]: a notebook is one submission; a folder holds one per notebook or subfolder."""
    found = []
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            found.append((path, [path]))
        elif path.is_dir():
            for child in sorted(path.iterdir()):
                if child.is_file() and child.suffix == ".ipynb":
                    found.append((child, [child]))
                elif child.is_dir() and not child.name.startswith("."):
                    found.append((child, sorted(p for p in child.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)))
        else:
            raise FileNotFoundError(f"no such notebook or folder: {raw}")
    return found


def _progress(done, total, stream=sys.stderr):
    width = 30
    bar = "#" * (width * done // max(total, 1))
    stream.write(f"\rgrading [{bar:<{width}}] {done}/{total} notebooks")
    stream.write("\n" if done == total else "")
    stream.flush()


def _missing(pristine, graded):
    """not_attempted entries for the lessons a folder submission did not include."""
    from .core import _entry
    from ..exercises.contract import answer_cells
    from ..checks.registry import all_items
    import nbformat
    items, entries = all_items(), []
    for nb_path in pristine:
        if nb_path.name in graded:
            continue
        for item_id in answer_cells(nbformat.read(nb_path, as_version=4)):
            if item_id in items:
                entries.append(_entry(items[item_id], "not_attempted", f"{item_id}: not attempted: {nb_path.name} was not submitted"))
    return entries


def grade_paths(paths, timeout=10, total_timeout=None, memory_mb=1024, jobs=1, seed=None, progress=True):
    """{"submissions": [...]} for every submission under paths (see find_submissions)."""
    submissions = find_submissions(paths)
    tasks = [(k, nb) for k, (_, notebooks) in enumerate(submissions) for nb in notebooks]
    kwargs = dict(timeout=timeout, total_timeout=total_timeout, memory_mb=memory_mb, seed=seed)
    results, done = {}, 0
    if progress:
        _progress(0, len(tasks))
    if jobs > 1 and len(tasks) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {pool.submit(grade_notebook, nb, **kwargs): (k, nb) for k, nb in tasks}
            for future in as_completed(futures):
                results[futures[future]] = future.result()
                done += 1
                if progress:
                    _progress(done, len(tasks))
    else:
        for k, nb in tasks:
            results[(k, nb)] = grade_notebook(nb, **kwargs)
            done += 1
            if progress:
                _progress(done, len(tasks))
    pristine = sorted((REPO / "exercises").glob("*.ipynb"))
    report = []
    for k, (learner, notebooks) in enumerate(submissions):
        parts = [results[(k, nb)] for nb in notebooks]
        exercises = [e for part in parts for e in part["exercises"]]
        if learner.is_dir():
            exercises += _missing(pristine, {nb.name for nb in notebooks})
        notes = [f"{Path(part['path']).name}: {note}" for part in parts for note in part["notes"]]
        report.append({"path": str(learner), "score": sum(e["points"] for e in exercises),
                       "max_score": sum(e["max_points"] for e in exercises), "exercises": exercises, "notes": notes})
    return {"submissions": report}
