"""The course a submission is graded against (grade/course.py): where it is found, what an assignment holds, and
how a submitted notebook is matched to one: by its file name, else by the answer ids it shares, else not at all."""
import hashlib
import shutil

import nbformat
import pytest

from lstmlab.exercises import contract
from lstmlab.grade import course as course_module
from lstmlab.grade.course import Course, locate
from grading_helpers import ROOT

EXERCISES = ROOT / "exercises"


def answer_cell(item_id, points=1):
    cell = nbformat.v4.new_code_cell("def f():\n    raise NotImplementedError\n")
    cell.metadata["lstmlab"] = {"exercise": item_id, "points": points}
    return cell


def notebook(path, *cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# a lesson"), *cells]
    nbformat.write(nb, str(path))
    return nb


def test_the_clone_is_found_first():
    folder, source = locate()
    assert folder == EXERCISES and source == f"this clone ({EXERCISES})"
    assert Course.find().source == source and Course.find(EXERCISES).source == f"--course {EXERCISES}"


def test_a_course_folder_or_its_exercises_folder(tmp_path):
    (tmp_path / "exercises").mkdir()
    assert locate(tmp_path) == (tmp_path / "exercises", f"--course {tmp_path / 'exercises'}")
    assert locate(tmp_path / "exercises") == (tmp_path / "exercises", f"--course {tmp_path / 'exercises'}")
    assert locate(str(tmp_path / "exercises"))[0] == tmp_path / "exercises"


def test_a_course_that_is_not_a_folder_is_refused(tmp_path):
    with pytest.raises(ValueError, match=f"^--course {tmp_path / 'none'}: no such folder$"):
        locate(tmp_path / "none")
    (tmp_path / "file").write_text("x")
    with pytest.raises(ValueError, match="no such folder"):
        locate(tmp_path / "file")


def test_an_installed_lstmlab_uses_its_packaged_course(tmp_path, monkeypatch):
    monkeypatch.setattr(course_module, "REPO", tmp_path / "not-a-clone")
    (tmp_path / "not-a-clone" / "exercises").mkdir(parents=True)  # exercises/ without pyproject.toml: no clone
    monkeypatch.setattr(course_module, "packaged_course", lambda: tmp_path / "course")
    with pytest.raises(ValueError) as info:
        locate()
    assert str(info.value) == ("no exercise notebooks found: this lstmlab has none inside it; give --course DIR "
                               "(a folder holding exercises/ or the exercise notebooks themselves)")
    (tmp_path / "course" / "exercises").mkdir(parents=True)
    assert locate() == (tmp_path / "course" / "exercises", "the installed lstmlab package")
    (tmp_path / "not-a-clone" / "pyproject.toml").write_text("")
    assert locate()[0] == tmp_path / "not-a-clone" / "exercises"
    assert contract.packaged_course().name == "course"


def test_assignments_are_the_notebooks_with_answer_cells(tmp_path):
    notebook(tmp_path / "b_week.ipynb", answer_cell("y", 3), answer_cell("z"))
    notebook(tmp_path / "a_week.ipynb", answer_cell("x", 2))
    notebook(tmp_path / "reading.ipynb")  # no answer cell: not an assignment
    (tmp_path / "notes.txt").write_text("x")
    assert Course(tmp_path).source == ""
    course = Course(tmp_path, "mine")
    assert course.source == "mine" and course.folder == tmp_path
    assert list(course.assignments) == ["a_week", "b_week"]  # by file name
    week = course.assignments["b_week"]
    assert (week.name, week.path, week.ids, week.points) == ("b_week", tmp_path / "b_week.ipynb", ["y", "z"],
                                                             {"y": 3, "z": 1})
    assert week.sha256 == hashlib.sha256((tmp_path / "b_week.ipynb").read_bytes()).hexdigest()
    assert week.notebook.cells[1].metadata["lstmlab"]["exercise"] == "y"


def test_points_read_only_well_formed_metadata(tmp_path):
    odd = [nbformat.v4.new_code_cell("x = 1") for _ in range(3)]
    odd[0].metadata["lstmlab"] = "not a dict"
    odd[1].metadata["lstmlab"] = {"exercise": 5}
    odd[2].metadata["lstmlab"] = {"exercise": "w"}  # no points
    nb = notebook(tmp_path / "w.ipynb", answer_cell("x", 2), *odd)
    assert course_module._points(nb) == {"x": 2, "w": None}


def test_a_folder_without_an_exercise_notebook_is_refused(tmp_path):
    notebook(tmp_path / "reading.ipynb")
    with pytest.raises(ValueError, match=f"^{tmp_path} holds no exercise notebook \\(none has an answer cell\\)$"):
        Course(tmp_path)


def test_select_keeps_the_named_assignments_in_course_order():
    course = Course.find()
    names = list(course.assignments)
    assert course.select([]) is course and list(course.assignments) == names
    assert list(Course.find().select([names[2], names[0]]).assignments) == [names[0], names[2]]
    with pytest.raises(ValueError) as info:
        Course.find().select(["01_one_cell", "week9", "x"])
    assert str(info.value) == "no assignment named 'week9', 'x'; the assignments are: " + ", ".join(names)


def test_a_notebook_matches_by_name_then_by_ids(tmp_path):
    notebook(tmp_path / "a.ipynb", answer_cell("x"), answer_cell("y"))
    notebook(tmp_path / "b.ipynb", answer_cell("z"))
    course = Course(tmp_path)
    other = notebook(tmp_path / "c.ipynb", answer_cell("z"))
    assert course.match(tmp_path / "a.ipynb", other) == ("a", "name")  # the name wins over the ids
    assert course.match("elsewhere/a.ipynb", None) == ("a", "name")
    assert course.match(tmp_path / "copy of b.ipynb", other) == ("b", "ids")
    both = notebook(tmp_path / "d.ipynb", answer_cell("x"), answer_cell("z"), answer_cell("y"))
    assert course.match(tmp_path / "mine.ipynb", both) == ("a", "ids")  # the most ids shared
    assert course.match(tmp_path / "mine.ipynb", None) == (None, None)
    assert course.match(tmp_path / "mine.ipynb", notebook(tmp_path / "e.ipynb", answer_cell("q"))) == (None, None)
    assert course.match(tmp_path / "mine.ipynb", notebook(tmp_path / "f.ipynb")) == (None, None)


def test_a_tie_goes_to_the_first_assignment(tmp_path):
    notebook(tmp_path / "a.ipynb", answer_cell("x"))
    notebook(tmp_path / "b.ipynb", answer_cell("y"))
    course = Course(tmp_path)
    nb = notebook(tmp_path / "c.ipynb", answer_cell("y"), answer_cell("x"))
    assert course.match(tmp_path / "mine.ipynb", nb) == ("a", "ids")


def test_the_clone_course_is_every_exercise_notebook(tmp_path):
    course = Course.find()
    assert list(course.assignments) == sorted(p.stem for p in EXERCISES.glob("*.ipynb"))
    shutil.copy(EXERCISES / "01_one_cell.ipynb", tmp_path)
    assert list(Course.find(tmp_path).assignments) == ["01_one_cell"]
