"""The grader end to end: blank exercises score 0, solutions full marks, the feedback, fresh inputs, exit codes."""
import subprocess
import sys

import nbformat

from lstmlab.checks import all_items
from lstmlab.grade import grade_paths
from grading_helpers import ROOT, answer_source, by_id, grade, submission

LESSONS = sorted(p.name for p in (ROOT / "solutions").glob("*.ipynb"))


def test_blank_exercises_score_zero_and_solutions_full_marks():
    report = grade_paths([ROOT / "exercises", ROOT / "solutions"], jobs=2, seed=5, progress=False)
    subs = {s["learner"]: s for s in report["submissions"]}
    blank, solved = subs["exercises"], subs["solutions"]
    assert blank["score"] == 0 and blank["max_score"] == solved["max_score"] == report["max_score"] > 0
    assert {e["status"] for e in blank["exercises"]} == {"not_attempted"}
    assert solved["score"] == solved["max_score"]
    assert {e["status"] for e in solved["exercises"]} == {"passed"}
    graded = {e["id"] for e in solved["exercises"]}
    assert {"lstm_step", "lstm_layer", "lstm_param_count", "make_windows", "stack_forward", "predict_shapes",
            "stateful_batches", "stateful_forward"} <= graded
    assert set(solved["notebooks"]) == {lesson[:-6] for lesson in LESSONS}


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
    result = by_id(grade(submission(tmp_path, "01_one_cell.ipynb", {"lstm_step": wrong}), timeout=5))
    step = result["lstm_step"]
    assert (step["status"], step["points"], step["max_points"]) == ("failed", 0, 3)
    assert step["feedback"].startswith("lstm_step: Failed (0/3). Likely mistake: missing tanh on c. Fix: ")  # mistake first
    values = step["feedback"].split("Wrong values")[1].split(". ")[0]
    assert "largest difference" in values  # how far off, but neither number: with the gap, the received one
    assert "received" not in values and "expected" not in values  # would give the hidden expected value away


def test_a_blank_answer_graded_is_told_its_body_is_missing_not_to_rerun_a_cell(tmp_path):
    """In the notebook a NotImplementedError may mean the def cell was not run again; the grader ran every cell."""
    blank = answer_source("01_one_cell.ipynb", "lstm_step").split("    z = ")[0] + "    raise NotImplementedError\n"
    step = by_id(grade(submission(tmp_path, "01_one_cell.ipynb", {"lstm_step": blank}), timeout=5))["lstm_step"]
    assert step["status"] == "not_attempted" and "its body is not written yet" in step["feedback"]
    assert "Shift+Enter" not in step["feedback"] and "has not run" not in step["feedback"]


def test_grade_time_inputs_are_fresh(tmp_path):
    """A hard-coded answer that passes the notebook's check (seed 0) fails at grade time."""
    from lstmlab.checks import get_item
    item = get_item("count_batches")
    table = {(c["samples"], c["batch_size"]): -(-c["samples"] // c["batch_size"]) for c in item.make_cases(0)}
    cheat = f"def count_batches(samples, batch_size):\n    return {table!r}[(samples, batch_size)]\n"
    result = by_id(grade(submission(tmp_path, "03_shaping_data.ipynb", {"count_batches": cheat}), timeout=5))
    assert result["count_batches"]["points"] == 0


def test_same_seed_same_results(tmp_path):
    wrong = answer_source("01_one_cell.ipynb", "lstm_step").replace("h = o * np.tanh(c)", "h = o * c")
    path = submission(tmp_path, "01_one_cell.ipynb", {"lstm_step": wrong})
    first, second, other = grade(path, seed=11), grade(path, seed=11), grade(path, seed=12)
    assert first["exercises"] == second["exercises"]
    assert by_id(first)["lstm_step"]["feedback"] != by_id(other)["lstm_step"]["feedback"]  # other inputs, other case


def test_cli_exit_codes(tmp_path):
    bad = subprocess.run([sys.executable, "-m", "lstmlab", "grade", str(tmp_path / "nowhere")],
                         capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "no such notebook or folder" in bad.stderr
    odd = tmp_path / "ann" / "odd.ipynb"
    odd.parent.mkdir()
    odd.write_text("not a notebook")
    none = subprocess.run([sys.executable, "-m", "lstmlab", "grade", str(odd.parent), "--quiet"], capture_output=True,
                          text=True, cwd=ROOT)
    assert none.returncode == 1 and "matches any exercise" in none.stderr
    assert "odd.ipynb: could not read the notebook" in none.stdout
    named = tmp_path / "bob" / "01_one_cell.ipynb"
    named.parent.mkdir()
    named.write_text("{ not json")
    ran = subprocess.run([sys.executable, "-m", "lstmlab", "grade", str(named.parent), "--quiet",
                          "--assignment", "01_one_cell"], capture_output=True, text=True, cwd=ROOT)
    assert ran.returncode == 0, ran.stderr
    assert "could not read the notebook" in ran.stdout and "0/5" in ran.stdout
