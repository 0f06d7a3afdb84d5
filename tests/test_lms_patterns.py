"""The README's --learner-pattern examples for flat LMS downloads (Canvas, Moodle) group files by learner as it
says, and a graded Canvas download gives one gradebook row per learner."""
import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lstmlab.grade import collect
from lstmlab.grade.course import Course

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()
CANVAS_ID = r"^[^_]+_(?:LATE_)?(?P<learner>\d+)_\d+_"
CANVAS_NAME = r"^(?P<learner>[^_]+)_(?:LATE_)?\d+_\d+_"  # not in the README: two students of one name would merge
MOODLE_NUMBER = r"_(?P<learner>\d+)_assignsubmission_file_/[^/]+$"

CANVAS = ["doejane_12345_67890_01_one_cell.ipynb", "doejane_LATE_12345_67891_02_through_time.ipynb",
          "smithbob_23456_67892_01_one_cell-1.ipynb"]  # Canvas renames a resubmitted file: matched by its answer cells
MOODLE = ["Jane Doe_12345_assignsubmission_file_/01_one_cell.ipynb",
          "Jane Doe_12345_assignsubmission_file_/02_through_time.ipynb",
          "Bob Smith_23456_assignsubmission_file_/01_one_cell.ipynb"]  # "download submissions in folders"


@pytest.mark.parametrize("pattern", [CANVAS_ID, MOODLE_NUMBER])
def test_the_readme_gives_these_patterns(pattern):
    assert f"--learner-pattern '{pattern}'" in README


def _download(root, names, notebook="exercises"):
    for name in names:
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        lesson = "02_through_time" if "02_through_time" in name else "01_one_cell"
        shutil.copy(ROOT / notebook / f"{lesson}.ipynb", target)
    return root


@pytest.mark.parametrize("names, pattern, expected", [
    (CANVAS, CANVAS_ID, {"12345": ["01_one_cell", "02_through_time"], "23456": ["01_one_cell"]}),
    (CANVAS, CANVAS_NAME, {"doejane": ["01_one_cell", "02_through_time"], "smithbob": ["01_one_cell"]}),
    (MOODLE, MOODLE_NUMBER, {"12345": ["01_one_cell", "02_through_time"], "23456": ["01_one_cell"]}),
])
def test_each_pattern_groups_a_download_by_learner(tmp_path, names, pattern, expected):
    course = Course(ROOT / "exercises")
    learners = collect.learners([_download(tmp_path, names)], pattern)
    found = {ln.name: sorted(collect.match(ln, course).files) for ln in learners}
    assert found == expected


@pytest.mark.parametrize("names, pattern, victim", [
    # a display name that holds another learner's id and the plugin's text (Moodle lets some sites edit names)
    (["Eve_12345_assignsubmission_file_ x_99999_assignsubmission_file_/01_one_cell.ipynb",
      "Jane Doe_12345_assignsubmission_file_/01_one_cell.ipynb"], MOODLE_NUMBER, "12345"),
    # a file name that holds another learner's user id (Canvas keeps the original name at the end)
    (["eve_99999_88888_doejane_12345_67890_01_one_cell.ipynb", "doejane_12345_67890_01_one_cell.ipynb"],
     CANVAS_ID, "12345"),
])
def test_a_name_the_learner_chose_cannot_pass_as_another_learner(tmp_path, names, pattern, victim):
    learners = {ln.name: ln for ln in collect.learners([_download(tmp_path, names)], pattern)}
    assert sorted(learners) == sorted({victim, "99999"})
    assert [p.name for p in learners[victim].files] == [Path(names[1]).name]


def test_grading_a_canvas_download_gives_one_row_per_learner(tmp_path):
    _download(tmp_path / "download", CANVAS[:1] + CANVAS[2:], notebook="solutions")
    done = subprocess.run([sys.executable, "-m", "lstmlab", "grade", str(tmp_path / "download"), "--learner-pattern",
                           CANVAS_ID, "--assignment", "01_one_cell", "--csv", str(tmp_path / "grades.csv"),
                           "--json", str(tmp_path / "grades.json"), "--quiet", "--jobs", "2"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader((tmp_path / "grades.csv").open()))
    assert rows[:2] == [["learner", "lstm_step", "lstm_param_count", "split_gates", "total"],
                        ["Points Possible", "3", "1", "1", "5"]]
    assert sorted(rows[2:]) == [["12345", "3", "1", "1", "5"], ["23456", "3", "1", "1", "5"]]  # in finishing order
    assert {s["learner"]: s["score"] for s in json.loads((tmp_path / "grades.json").read_text())["submissions"]} == {
        "12345": 5, "23456": 5}
