"""Lessons that show an explorer keep their widget state, so a viewer without a kernel draws the explorer.

Re-executing a real lesson takes a while; the mechanism is tested on a two-cell notebook, and the committed lessons are
checked statically (every explorer view they store has its state). `make widget-state` re-executes the lessons.
"""
from pathlib import Path

import nbformat
import pytest

from lstmlab.explore.widget_state import (KERNELSPEC, STATE, VIEW, execute_with_widget_state, lessons_with_explorers,
                                          main, save_as_jupyterlab, shows_explorer, state_problems, widget_views)

ROOT = Path(__file__).resolve().parents[1]
LESSONS = ["01_one_cell", "03_shaping_data", "04_stacking", "05_stateful"]


def tiny_notebook(path, code="import lstmlab\nlstmlab.ShapeQuiz()"):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# a quiz"), nbformat.v4.new_code_cell(code)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def test_the_lessons_that_show_explorers():
    assert [p.stem for p in lessons_with_explorers(ROOT / "notebooks")] == LESSONS
    assert not shows_explorer(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("StackExplorer = 1")]))


@pytest.mark.parametrize("lesson", LESSONS)
def test_committed_lessons_store_the_state_of_every_explorer_they_show(lesson):
    nb = nbformat.read(ROOT / "notebooks" / f"{lesson}.ipynb", as_version=4)
    views = widget_views(nb)
    state = nb.metadata.get("widgets", {}).get(STATE, {}).get("state", {})
    assert views, f"{lesson}: no explorer in the stored outputs; run `make widget-state`"
    assert set(views) <= set(state), f"{lesson}: the widget state is missing; run `make widget-state`"
    problems = state_problems(ROOT / "notebooks" / f"{lesson}.ipynb")
    assert not problems, f"{lesson}: {problems}; run `make widget-state`"


def test_a_notebook_saved_without_running_or_without_state_is_reported(tmp_path):
    path = tiny_notebook(tmp_path / "quiz.ipynb")
    assert state_problems(path) == ["no widget in the stored outputs: the lesson was saved without running it"]
    nb = nbformat.read(path, as_version=4)
    nb.cells[1].outputs = [nbformat.v4.new_output("display_data", data={
        VIEW: {"version_major": 2, "version_minor": 0, "model_id": "abc"}, "text/plain": "ShapeQuiz(...)"})]
    assert state_problems(nb) == [f"no widget state in metadata.widgets['{STATE}']"]


def test_re_executing_saves_the_widget_state(tmp_path):
    path = tiny_notebook(tmp_path / "quiz.ipynb")
    execute_with_widget_state(path, timeout=120)
    nb = nbformat.read(path, as_version=4)
    state = nb.metadata["widgets"][STATE]["state"]
    views = widget_views(nb)
    assert len(views) == 1 and views[0] in state
    root = state[views[0]]
    assert root["model_name"] == "VBoxModel" and "lstmlab-shape-quiz" in root["state"]["_dom_classes"]
    assert state_problems(nb) == []
    assert nb.metadata["kernelspec"] == KERNELSPEC  # saved as JupyterLab saves it
    assert main(["--check", str(path)]) == 0


def test_the_kernelspec_is_the_one_jupyterlab_writes():
    """JupyterLab copies the running kernel's spec into the notebook when it connects: ipykernel's own."""
    from ipykernel.kernelspec import get_kernel_dict
    spec = get_kernel_dict()
    assert KERNELSPEC == {"display_name": spec["display_name"], "language": spec["language"], "name": "python3"}


NOTEBOOKS = sorted(p.relative_to(ROOT).as_posix() for folder in ("notebooks", "solutions", "exercises")
                   for p in (ROOT / folder).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_every_notebook_is_stored_as_jupyterlab_saves_it(path):
    """Otherwise it shows as modified the moment it opens (01_one_cell did: its kernelspec said 'Python 3')."""
    nb = nbformat.read(ROOT / path, as_version=4)
    assert nb.metadata.get("kernelspec") == KERNELSPEC, \
        f"{path}: run python -m lstmlab.explore.widget_state --jupyterlab-metadata {path}"
    assert nb.nbformat == 4 and nb.nbformat_minor >= 5 and all(cell.get("id") for cell in nb.cells)


def test_saving_as_jupyterlab_rewrites_only_what_differs(tmp_path):
    path = tiny_notebook(tmp_path / "quiz.ipynb")
    assert save_as_jupyterlab([path]) == [path] and save_as_jupyterlab([path]) == []
    assert nbformat.read(path, as_version=4).metadata["kernelspec"] == KERNELSPEC
    assert main(["--jupyterlab-metadata", str(path)]) == 0
