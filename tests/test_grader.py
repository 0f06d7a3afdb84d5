"""The grader end to end: blank exercises score 0, solutions score full marks, reports, batch mode, exit codes."""
import csv
import json
import shutil
import subprocess
import sys

import nbformat

from lstmlab.checks import all_items
from lstmlab.grade import grade_notebook, grade_paths
from grading_helpers import ROOT, answer_source, by_id, submission

LESSONS = sorted(p.name for p in (ROOT / "solutions").glob("*.ipynb"))


def test_blank_exercises_score_zero_and_solutions_full_marks():
    report = grade_paths([ROOT / "exercises", ROOT / "solutions"], timeout=10, jobs=2, seed=5, progress=False)
    subs = {(s["path"].split("/")[-2], s["path"].split("/")[-1]): s for s in report["submissions"]}
    for lesson in LESSONS:
        blank, solved = subs[("exercises", lesson)], subs[("solutions", lesson)]
        assert blank["score"] == 0 and blank["max_score"] > 0
        assert {e["status"] for e in blank["exercises"]} == {"not_attempted"}
        assert solved["score"] == solved["max_score"] == blank["max_score"]
        assert {e["status"] for e in solved["exercises"]} == {"passed"}
    graded = {e["id"] for s in report["submissions"] for e in s["exercises"]}
    assert len(graded) >= 12
    assert {"lstm_step", "lstm_layer", "lstm_param_count", "make_windows", "stack_forward", "predict_shapes",
            "stateful_batches", "stateful_forward", "time_split", "scale_train_only", "persistence_forecast", "mase"} <= graded


def test_every_answer_cell_carries_the_metadata_contract():
    items = all_items()
    for lesson in LESSONS:
        for folder in ("solutions", "exercises"):
            nb = nbformat.read(ROOT / folder / lesson, as_version=4)
            meta = [c.metadata["lstmlab"] for c in nb.cells if "exercise" in c.metadata.get("lstmlab", {})]
            assert meta, f"{folder}/{lesson} has no answer cells"
            for m in meta:
                assert set(m) == {"exercise", "points"}
                assert m["points"] == items[m["exercise"]].points


def test_grader_feedback_names_the_mistake_without_revealing_expected_values(tmp_path):
    wrong = answer_source("01_one_cell.ipynb", "lstm_step").replace("h = o * np.tanh(c)", "h = o * c")
    result = by_id(grade_notebook(submission(tmp_path, "01_one_cell.ipynb", {"lstm_step": wrong}), timeout=5))
    step = result["lstm_step"]
    assert (step["status"], step["points"], step["max_points"]) == ("failed", 0, 3)
    assert "Likely mistake: missing tanh on c." in step["feedback"]
    assert "expected" not in step["feedback"].split("Likely")[0].split("Wrong values")[1]


def test_grade_time_inputs_are_fresh(tmp_path):
    """A hard-coded answer that passes the notebook's check (seed 0) fails at grade time."""
    from lstmlab.checks import get_item
    item = get_item("count_batches")
    table = {(c["samples"], c["batch_size"]): -(-c["samples"] // c["batch_size"]) for c in item.make_cases(0)}
    cheat = f"def count_batches(samples, batch_size):\n    return {table!r}[(samples, batch_size)]\n"
    result = by_id(grade_notebook(submission(tmp_path, "03_shaping_data.ipynb", {"count_batches": cheat}), timeout=5))
    assert result["count_batches"]["points"] == 0


def test_cli_table_json_csv_and_folder_of_learners(tmp_path):
    ann = tmp_path / "class" / "ann"
    ann.mkdir(parents=True)
    for lesson in LESSONS:
        shutil.copy(ROOT / "solutions" / lesson, ann / lesson)
    submission(tmp_path / "class", "01_one_cell.ipynb", folder="bob", source="exercises")
    wrong = answer_source("01_one_cell.ipynb", "lstm_param_count").replace("4 * (", "(")
    submission(tmp_path / "class", "01_one_cell.ipynb", {"lstm_param_count": wrong}, folder="cleo")
    out_json, out_csv = tmp_path / "grades.json", tmp_path / "grades.csv"
    run = subprocess.run([sys.executable, "-m", "lstmlab", "grade", str(tmp_path / "class"), "--json", str(out_json),
                          "--csv", str(out_csv), "--timeout", "10", "--jobs", "2"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert "grading [" in run.stderr and "notebooks" in run.stderr  # the progress bar
    report = json.loads(out_json.read_text())
    subs = {s["path"].split("/")[-1]: s for s in report["submissions"]}
    assert set(subs) == {"ann", "bob", "cleo"}
    total = sum(i.points for i in all_items().values() if any(
        i.lesson + ".ipynb" == lesson for lesson in LESSONS))
    assert (subs["ann"]["score"], subs["ann"]["max_score"]) == (total, total)
    assert (subs["bob"]["score"], subs["bob"]["max_score"]) == (0, total)
    assert subs["cleo"]["score"] == 4
    for sub in report["submissions"]:
        assert set(sub) >= {"path", "score", "max_score", "exercises"}
        for e in sub["exercises"]:
            assert set(e) == {"id", "points", "max_points", "status", "feedback"}
            assert e["status"] in ("passed", "failed", "error", "timeout", "not_attempted")
    missing = [e for e in subs["bob"]["exercises"] if "was not submitted" in e["feedback"]]
    assert missing and all(e["status"] == "not_attempted" for e in missing)
    rows = list(csv.DictReader(out_csv.open()))
    assert [r["path"].split("/")[-1] for r in rows] == ["ann", "bob", "cleo"]
    assert rows[2]["lstm_param_count"] == "0" and rows[2]["lstm_step"] == "3"
    assert "cleo" in run.stdout and "lstm_param_count" in run.stdout and "failed" in run.stdout


def test_cli_exit_code_is_nonzero_only_when_the_grader_cannot_run(tmp_path):
    bad = subprocess.run([sys.executable, "-m", "lstmlab", "grade", str(tmp_path / "nowhere")],
                         capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode != 0 and "no such notebook or folder" in bad.stderr
    odd = tmp_path / "odd.ipynb"
    odd.write_text("not a notebook")
    ran = subprocess.run([sys.executable, "-m", "lstmlab", "grade", str(odd), "--quiet"], capture_output=True, text=True, cwd=ROOT)
    assert ran.returncode == 0, ran.stderr
    assert "could not read the notebook" in ran.stdout
