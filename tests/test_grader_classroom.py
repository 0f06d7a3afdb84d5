"""A class as a teacher grades it: honest, blank, partly wrong, renamed and linked submissions, graded by two runs
at once; one week's maximum; a gradebook an LMS imports; flat LMS downloads; resume; a broken sandbox."""
import csv
import json
import os
import shutil
import subprocess
import sys

import pytest

from lstmlab.checks import all_items
from lstmlab.grade import collect
from lstmlab.grade.course import Course
from grading_helpers import ROOT, answer_source, submission

WEEK = "01_one_cell"
FULL = sum(all_items()[i].points for i in Course.find().assignments[WEEK].ids)


def lstmlab_grade(*args):
    return subprocess.Popen([sys.executable, "-m", "lstmlab", "grade", *map(str, args), "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)


@pytest.fixture(scope="module")
def klass(tmp_path_factory):
    """A class and each learner's exact expected score on week 01 (5 points) and on the whole course."""
    root = tmp_path_factory.mktemp("class")
    wrong_count = answer_source(f"{WEEK}.ipynb", "lstm_param_count").replace("4 * (", "(")
    submission(root, f"{WEEK}.ipynb", folder="ann")  # honest
    for nb in (ROOT / "solutions").glob("*.ipynb"):
        shutil.copy(nb, root / "ann" / nb.name)
    submission(root, f"{WEEK}.ipynb", folder="bob", source="exercises")  # blank
    submission(root, f"{WEEK}.ipynb", {"lstm_param_count": wrong_count}, folder="cleo")  # partly wrong: 4/5
    submission(root, f"{WEEK}.ipynb", folder="dan", name="Copy of 01_one_cell (1).ipynb")  # renamed: 5/5, once
    (root / "eve").mkdir()  # a link to the solutions: 0, error
    os.symlink(ROOT / "solutions" / f"{WEEK}.ipynb", root / "eve" / f"{WEEK}.ipynb")
    submission(root, f"{WEEK}.ipynb", folder="fay", source="exercises")  # two files claim week 01
    submission(root, f"{WEEK}.ipynb", folder="fay", name="01_one_cell-final.ipynb")
    return root, {"ann": 5, "bob": 0, "cleo": 4, "dan": 5, "eve": 0, "fay": 0}


def test_two_concurrent_runs_give_every_learner_exactly_the_right_week_score(klass, tmp_path):
    root, expected = klass
    runs = [lstmlab_grade(root, "--assignment", WEEK, "--jobs", "2", "--json", tmp_path / f"r{k}.json",
                          "--csv", tmp_path / f"r{k}.csv", "--seed", "4") for k in (0, 1)]
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
    reports = [json.loads((tmp_path / f"r{k}.json").read_text()) for k in (0, 1)]
    assert reports[0]["submissions"] == reports[1]["submissions"]  # same seed, same results, whatever ran beside
    data = reports[0]
    assert data["max_score"] == FULL == 5 and data["assignments"] == [WEEK]
    subs = {s["learner"]: s for s in data["submissions"]}
    assert {name: s["score"] for name, s in subs.items()} == expected
    assert all(s["max_score"] == 5 for s in subs.values())
    assert [e["id"] for e in subs["dan"]["exercises"]].count("lstm_step") == 1  # the renamed copy counts once
    assert {e["status"] for e in subs["eve"]["exercises"]} == {"error"}
    assert "symbolic link" in subs["eve"]["exercises"][0]["feedback"]
    assert any("also matches it and was not graded" in n for n in subs["fay"]["notes"])  # the name match is kept
    assert subs["fay"]["notebooks"][WEEK].endswith(f"{WEEK}.ipynb")
    assert data["sandbox"].startswith("bubblewrap") and isinstance(data["seed"], int)
    assert set(data["course"]["notebooks"]) == {WEEK} and len(data["course"]["notebooks"][WEEK]) == 64
    for sub in data["submissions"]:  # the JSON and the CSV agree
        assert sub["score"] == sum(e["points"] for e in sub["exercises"])
    rows = list(csv.reader((tmp_path / "r0.csv").open()))
    assert rows[0] == ["learner", "lstm_step", "lstm_param_count", "split_gates", "total"]
    assert rows[1] == ["Points Possible", "3", "1", "1", "5"]
    assert {r[0]: int(r[-1]) for r in rows[2:]} == expected


def test_the_whole_course_and_missing_weeks(klass, tmp_path):
    root, _ = klass
    run = lstmlab_grade(root / "ann", root / "bob", "--json", tmp_path / "all.json", "--jobs", "2")
    out, err = run.communicate(timeout=300)
    assert run.returncode == 0, err
    data = json.loads((tmp_path / "all.json").read_text())
    subs = {s["learner"]: s for s in data["submissions"]}
    total = data["max_score"]
    assert total == sum(i.points for i in all_items().values() if i.id in
                        {x for a in Course.find().assignments.values() for x in a.ids})
    assert (subs["ann"]["score"], subs["ann"]["max_score"]) == (total, total)
    assert (subs["bob"]["score"], subs["bob"]["max_score"]) == (0, total)
    assert any("02_through_time.ipynb was not submitted" in e["feedback"] for e in subs["bob"]["exercises"])


def test_resume_skips_learners_already_graded(klass, tmp_path):
    root, expected = klass
    out = tmp_path / "grades.json"
    first = lstmlab_grade(root / "cleo", "--assignment", WEEK, "--json", out, "--seed", "9")
    first.communicate(timeout=120)
    before = json.loads(out.read_text())
    second = lstmlab_grade(root / "cleo", root / "dan", "--assignment", WEEK, "--json", out, "--resume")
    _, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    after = json.loads(out.read_text())
    assert after["seed"] == 9 and [s["learner"] for s in after["submissions"]] == ["cleo", "dan"]
    assert after["submissions"][0] == before["submissions"][0]


def test_flat_lms_downloads_are_grouped_by_learner_pattern(tmp_path):
    flat = tmp_path / "canvas"
    submission(flat, f"{WEEK}.ipynb", folder=".", name="doejane_12345_67890_01_one_cell.ipynb")
    submission(flat, f"{WEEK}.ipynb", folder=".", name="roesam_LATE_23456_78901_01_one_cell.ipynb", source="exercises")
    learners = collect.learners([flat], r"^(?P<learner>[a-z]+)_(?:LATE_)?\d+_\d+_")
    assert [(ln.name, [p.name for p in ln.files]) for ln in learners] == [
        ("doejane", ["doejane_12345_67890_01_one_cell.ipynb"]), ("roesam", ["roesam_LATE_23456_78901_01_one_cell.ipynb"])]
    moodle = tmp_path / "moodle"
    submission(moodle, f"{WEEK}.ipynb", folder="Jane Doe_12345_assignsubmission_file_")
    learners = collect.learners([moodle], r"^(?P<learner>[^_/]+)_\d+_assignsubmission_file_")
    assert [ln.name for ln in learners] == ["Jane Doe"]
    run = lstmlab_grade(flat, "--learner-pattern", r"^(?P<learner>[a-z]+)_(?:LATE_)?\d+_\d+_", "--assignment", WEEK,
                        "--json", tmp_path / "flat.json")
    _, err = run.communicate(timeout=120)
    assert run.returncode == 0, err
    subs = {s["learner"]: s["score"] for s in json.loads((tmp_path / "flat.json").read_text())["submissions"]}
    assert subs == {"doejane": 5, "roesam": 0}


def test_a_sandbox_that_will_not_start_costs_that_notebook_only(tmp_path):
    from lstmlab.grade.core import grade_file
    from lstmlab.grade.sandbox import Isolation, choose
    good = choose()
    broken = Isolation("bubblewrap", binds=[(tmp_path / "missing", "/opt/x")], python=good.python, uid=good.uid)
    path = submission(tmp_path, f"{WEEK}.ipynb")
    out = grade_file(path, Course.find(), all_items(), broken, 1)
    assert out["score"] == 0 and {e["status"] for e in out["exercises"]} == {"error"}
    assert all("the grader's fault" in e["feedback"] and "re-run" in e["feedback"] for e in out["exercises"])
    again = grade_file(path, Course.find(), all_items(), good, 1)
    assert again["score"] == 5


def dies_on_cleo(path, *args):
    """A grading task whose own process dies on cleo's notebook (workers are forked, so they see this patch)."""
    if "cleo" in str(path):
        os._exit(3)
    return ORIGINAL_TASK(path, *args)


def test_a_dying_worker_costs_one_notebook(klass, monkeypatch):
    """A grading worker that dies (not the learner's sandbox: the grader's own process) costs that notebook only."""
    from lstmlab.grade import batch
    global ORIGINAL_TASK
    root, _ = klass
    ORIGINAL_TASK = batch._grade_task
    monkeypatch.setattr(batch, "_grade_task", dies_on_cleo)
    course = Course.find().select([WEEK])
    learners = collect.learners([root / n for n in ("ann", "cleo", "dan")])
    subs = {s["learner"]: s for s in batch.grade_class(learners, course, seed=1, jobs=2, progress=False)}
    assert subs["ann"]["score"] == subs["dan"]["score"] == 5
    assert subs["cleo"]["score"] == 0 and "grading process died" in subs["cleo"]["exercises"][0]["feedback"]


def test_ctrl_c_keeps_what_was_graded_and_resume_finishes(tmp_path):
    import signal
    import time
    root = tmp_path / "big"
    for k in range(12):
        for nb in (ROOT / "solutions").glob("*.ipynb"):
            (root / f"l{k:02d}").mkdir(parents=True, exist_ok=True)
            shutil.copy(nb, root / f"l{k:02d}" / nb.name)
    out = tmp_path / "g.json"
    run = lstmlab_grade(root, "--json", out, "--jobs", "1", "--seed", "2")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (out.exists() and json.loads(out.read_text())["submissions"]):
        time.sleep(0.1)
    run.send_signal(signal.SIGINT)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130 and "--resume" in err
    kept = json.loads(out.read_text())["submissions"]
    assert 1 <= len(kept) < 12 and all(s["score"] == s["max_score"] > 0 for s in kept)
    again = lstmlab_grade(root, "--json", out, "--jobs", "2", "--resume")
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    final = json.loads(out.read_text())
    assert [s["learner"] for s in final["submissions"]] == [f"l{k:02d}" for k in range(12)]
    assert final["seed"] == 2 and final["submissions"][:len(kept)] == kept


# --- what is graded follows what is given (#20), learners from folders (#19) -------------------------------------

def _run(*args, timeout=300):
    run = lstmlab_grade(*args)
    out, err = run.communicate(timeout=timeout)
    return run.returncode, out, err


def test_a_notebook_path_is_graded_for_its_own_assignment_and_one_folders_notebooks_are_one_learner(tmp_path):
    first = submission(tmp_path, f"{WEEK}.ipynb", folder="ann")
    second = submission(tmp_path, "02_through_time.ipynb", folder="ann", source="exercises")
    code, out, err = _run(first, "--json", tmp_path / "one.json", "--seed", "1")
    data = json.loads((tmp_path / "one.json").read_text())
    assert code == 0 and data["assignments"] == [WEEK] and data["max_score"] == 5, err
    assert [(s["learner"], s["score"], s["max_score"]) for s in data["submissions"]] == [("ann", 5, 5)]
    assert "not submitted" not in out
    code, out, err = _run(first, second, "--json", tmp_path / "two.json", "--seed", "1")
    data = json.loads((tmp_path / "two.json").read_text())
    assert data["assignments"] == [WEEK, "02_through_time"] and len(data["submissions"]) == 1  # one learner, two weeks
    assert data["submissions"][0]["score"] == 5 and not data["warnings"]


def test_only_regrades_one_learner_into_the_existing_json(tmp_path):
    submission(tmp_path / "class", f"{WEEK}.ipynb", folder="ann")
    path = submission(tmp_path / "class", f"{WEEK}.ipynb", folder="bob", source="exercises")
    report = tmp_path / "week.json"
    assert _run(tmp_path / "class", "--assignment", WEEK, "--json", report)[0] == 0
    before = json.loads(report.read_text())
    submission(tmp_path / "class", f"{WEEK}.ipynb", folder="bob")  # bob's fixed notebook, re-graded alone
    code, out, err = _run(tmp_path / "class", "--assignment", WEEK, "--json", report, "--only", "bob")
    after = json.loads(report.read_text())
    assert code == 0, err
    assert [s["learner"] for s in after["submissions"]] == ["ann", "bob"] and after["seed"] == before["seed"]
    assert after["submissions"][0] == before["submissions"][0]  # ann untouched
    assert (before["submissions"][1]["score"], after["submissions"][1]["score"]) == (0, 5)
    assert _run(tmp_path / "class", "--json", report, "--only", "zed")[0] == 2  # no such learner
    assert _run(path, "--only", "bob")[0] == 2  # --only needs the earlier report


def test_a_folder_named_like_a_notebook_does_not_merge_the_class(tmp_path):
    submission(tmp_path / "class", f"{WEEK}.ipynb", folder="ann")
    submission(tmp_path / "class", f"{WEEK}.ipynb", folder="bob", source="exercises")
    submission(tmp_path / "class", f"{WEEK}.ipynb", folder="mallory.ipynb")
    found = collect.learners([tmp_path / "class"])
    assert sorted(ln.name for ln in found) == ["ann", "bob", "mallory.ipynb"]
    os.symlink(ROOT / "solutions" / f"{WEEK}.ipynb", tmp_path / "class" / "link.ipynb")  # a link is no notebook here
    found = collect.learners([tmp_path / "class"])
    assert sorted(ln.name for ln in found) == ["ann", "bob", "mallory.ipynb"]


def test_two_inputs_of_one_learner_are_a_warning_never_a_silent_merge(tmp_path):
    submission(tmp_path / "a", f"{WEEK}.ipynb", folder="ann")
    submission(tmp_path / "b", f"{WEEK}.ipynb", folder="ann", source="exercises")
    code, out, err = _run(tmp_path / "a", tmp_path / "b", "--assignment", WEEK, "--json", tmp_path / "r.json")
    data = json.loads((tmp_path / "r.json").read_text())
    assert [(s["learner"], s["score"]) for s in data["submissions"]] == [("ann", 5), ("ann", 0)]
    assert any("2 inputs map to the learner 'ann'" in w for w in data["warnings"])
    assert "2 inputs map to the learner 'ann'" in out  # under the table
    download = tmp_path / "canvas"  # two Canvas students of one name, grouped by name: a warning too
    submission(download, f"{WEEK}.ipynb", folder=".", name=f"doejane_111_901_{WEEK}.ipynb")
    submission(download, f"{WEEK}.ipynb", folder=".", name=f"doejane_222_902_{WEEK}.ipynb", source="exercises")
    code, out, err = _run(download, "--learner-pattern", r"^(?P<learner>[^_]+)_(?:LATE_)?\d+_\d+_",
                          "--assignment", WEEK, "--json", tmp_path / "c.json")
    assert any("doejane_111_901_" in w and "doejane_222_902_" in w for w in json.loads((tmp_path / "c.json").read_text())["warnings"])


def test_other_weeks_files_are_one_line_and_an_empty_file_says_so(tmp_path):
    for name in ("ann", "bob"):
        for nb in ("02_through_time", "03_shaping_data"):
            submission(tmp_path / "class", f"{nb}.ipynb", folder=name, source="exercises")
    (tmp_path / "class" / "bob" / f"{WEEK}.ipynb").write_text("")
    submission(tmp_path / "class", f"{WEEK}.ipynb", folder="ann")
    code, out, err = _run(tmp_path / "class", "--assignment", WEEK, "--json", tmp_path / "r.json")
    data = json.loads((tmp_path / "r.json").read_text())
    subs = {s["learner"]: s for s in data["submissions"]}
    assert not subs["ann"]["notes"] and not subs["bob"]["notes"]  # no line per other week's file
    assert [w for w in data["warnings"] if "4 notebooks of other assignments" in w]
    assert all("the file is empty" in e["feedback"] for e in subs["bob"]["exercises"])
    assert not any("not submitted" in e["feedback"] for e in subs["bob"]["exercises"])


def test_grading_without_ipython_stops_with_a_clear_error(tmp_path):
    path = submission(tmp_path, f"{WEEK}.ipynb", folder="ann")
    blocker = tmp_path / "block" / "IPython"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('IPython is not installed here')\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(blocker.parent), str(ROOT)])}
    done = subprocess.run([sys.executable, "-m", "lstmlab", "grade", str(path), "--json", str(tmp_path / "r.json")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2 and "IPython" in done.stderr and "lstmlab[grade]" in done.stderr
    assert not (tmp_path / "r.json").exists()
