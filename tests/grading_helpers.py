"""Helpers for the grader tests: copies of the solution notebooks with answer cells replaced, and grading one."""
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent


def answer_source(notebook, item_id):
    """The solution's source of one answer cell."""
    nb = nbformat.read(ROOT / "solutions" / notebook, as_version=4)
    return next(c.source for c in nb.cells if c.metadata.get("lstmlab", {}).get("exercise") == item_id)


def answer_notebooks():
    """{exercise id: the file name of the solutions/ notebook holding its answer cell}, read from the notebooks."""
    found = {}
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            item_id = cell.metadata.get("lstmlab", {}).get("exercise")
            if item_id:
                found.setdefault(item_id, path.name)
    return found


def submission(tmp_path, notebook, answers=None, edit=None, folder="learner", source="solutions", name=None):
    """Write a copy of solutions/<notebook> (or exercises/) under tmp_path/folder with answer cells replaced.

    answers: {item id: new source}; edit: an optional function(nb) for structural edits; name: another file name.
    """
    nb = nbformat.read(ROOT / source / notebook, as_version=4)
    for cell in nb.cells:
        item_id = cell.metadata.get("lstmlab", {}).get("exercise")
        if answers and item_id in answers:
            cell.source = answers[item_id]
    if edit:
        edit(nb)
    path = tmp_path / folder / (name or notebook)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


def grade(path, seed=7, timeout=6, **kw):
    """One notebook graded in the sandbox against this clone's course (the result dict)."""
    from lstmlab.checks import all_items
    from lstmlab.grade import grade_file
    from lstmlab.grade.course import Course
    from lstmlab.grade.sandbox import choose
    return grade_file(path, Course.find(), all_items(), choose(), seed, timeout=timeout, **kw)


def by_id(result):
    """{item id: exercise entry} of one graded notebook."""
    return {e["id"]: e for e in result["exercises"]}
