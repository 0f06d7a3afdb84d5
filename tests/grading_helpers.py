"""Helpers for the grader tests: copies of the solution notebooks with answer cells replaced, and grading one."""
import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
# Items newer than a blind census (tests/census_blind*/): their blind attempts must be written by someone who has
# not read their mistakes, so until then they are left out of that census's test, by name (no other item can slip out).
AWAITING_BLIND = {"census_blind": {"match_targets", "chance_accuracy", "width_for_budget", "paired_interval"},
                  "census_blind2": set()}  # census_blind (the first round) has no exercise 09 attempts yet


def answer_source(notebook, item_id):
    """The solution's source of one answer cell."""
    nb = nbformat.read(ROOT / "solutions" / notebook, as_version=4)
    return next(c.source for c in nb.cells if c.metadata.get("lstmlab", {}).get("exercise") == item_id)


def given_namespace(notebook):
    """The names a notebook's answers may use, as the grader gives them: its given code cells run as the grader
    runs them (lstmlab imports dropped; a cell that calls check or an answer left out), e.g. np, sigmoid, lstm_step."""
    from lstmlab.grade.plan import setup_source, to_python
    nb = nbformat.read(ROOT / "solutions" / notebook, as_version=4)
    answers = [c for c in nb.cells if c.metadata.get("lstmlab", {}).get("exercise")]
    names = [c.metadata["lstmlab"]["exercise"] for c in answers]
    namespace = {}
    for cell in nb.cells:
        if cell.cell_type == "code" and cell not in answers and (source := setup_source(cell.source, names)) is not None:
            exec(to_python(source), namespace)
    return namespace


def census_source(notebook, item_id):
    """The answer the censuses' edits apply to: the solution's, or for an answer that calls a given helper
    (lstm_step, lstm_layer), the same answer written with its own step, as the censuses were written
    (own_answers.py: a learner who writes the step again instead of calling the given one)."""
    from own_answers import OWN_ANSWERS
    return OWN_ANSWERS.get(item_id) or answer_source(notebook, item_id)


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


RELEASE_LINK = re.compile(r"(?<!\\)\]\(([^()\s]+)(?:\s+\"[^\"]*\")?\)")  # a Markdown link's target; an escaped \]( is none


def release_links(folder):
    """Every relative link in a release's notebooks (Markdown cells) and Markdown files: (file, target, resolved path),
    each asserted to stay inside the release and to point at something."""
    folder = Path(folder)
    for path in sorted(folder.rglob("*")):
        if path.suffix not in (".ipynb", ".md"):
            continue
        texts = ([c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"]
                 if path.suffix == ".ipynb" else [path.read_text()])
        for target in (t for text in texts for t in RELEASE_LINK.findall(text)):
            if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", target) or target.startswith("#"):
                continue
            resolved = (path.parent / target.split("#")[0]).resolve()
            assert resolved.is_relative_to(folder.resolve()), f"{path.name}: {target} leaves the release"
            assert resolved.exists(), f"{path.relative_to(folder)}: {target} points at nothing"
            yield path, target, resolved
