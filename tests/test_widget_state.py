"""Lessons that show an explorer keep their widget state, so a viewer without a kernel draws the explorer.

Re-executing a real lesson takes a while; the mechanism is tested on a two-cell notebook, and the committed lessons are
checked statically (every explorer view they store has its state). `make widget-state` re-executes the lessons.
"""
from pathlib import Path

import nbformat
import pytest

from lstmlab.explore.widget_state import (STATE, VIEW, execute_with_widget_state, lessons_with_explorers, main,
                                          shows_explorer, state_problems, widget_views)

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
    assert main(["--check", str(path)]) == 0
