"""grade/core.py's _judge_item, in-process: each way a run can end for one exercise (refused, grader's fault, not
attempted, its answer cell or its call timed out or died, no or missing results, its cell raised) gives its own
status, message and points, before the results are judged (bench/mutation.py --in-place runs these first)."""
import numpy as np
import pytest

from lstmlab.checks import all_items
from lstmlab.grade.core import _judge_item
from lstmlab.grade.run import Outcome

ITEM = all_items()["lstm_param_count"]
CASES = ITEM.make_cases(np.random.default_rng([7, 0]))
CELL = {"lstm_param_count": "cell 3"}  # its answer cell's unit
RIGHT = [("ok", np.asarray(4 * (c["units"] * (c["features"] + c["units"]) + c["units"])), "") for c in CASES]


def judged(units=None, results=None, answer_unit=CELL, notes=None, refused=None, fault=None):
    outcome = Outcome(units=units or {}, results={"lstm_param_count": results} if results is not None else {},
                      fault=fault)
    return _judge_item(ITEM, CASES, outcome, answer_unit, notes or {}, refused)


@pytest.mark.parametrize("kw, expected", [
    ({"refused": {"lstm_param_count": "too many lines"}}, ("error", "lstm_param_count: too many lines", 0)),
    ({"fault": "the grader's fault"}, ("error", "lstm_param_count: the grader's fault", 0)),
    ({"answer_unit": {}, "notes": {"lstm_param_count": "its cell was deleted"}},
     ("not_attempted", "lstm_param_count: not attempted: its cell was deleted", 0)),
    ({"units": {"cell 3": ("timeout", "ran longer than 5 s")}},
     ("timeout", "lstm_param_count: the answer cell ran longer than 5 s; the other exercises were graded", 0)),
    ({"units": {"cell 3": ("dead", "stopped (exit code 9)")}},
     ("error", "lstm_param_count: the answer cell stopped (exit code 9); the other exercises were graded", 0)),
    ({"units": {"item lstm_param_count": ("timeout", "ran longer than 5 s")}},
     ("timeout", "lstm_param_count: your function ran longer than 5 s (infinite loop?); the other exercises were "
                 "graded", 0)),
    ({"units": {"item lstm_param_count": ("dead", "stopped (exit code 9)")}},
     ("error", "lstm_param_count: calling your function stopped (exit code 9); the other exercises were graded", 0)),
    ({"units": {"item lstm_param_count": ("error", "refused: malformed")}},
     ("error", "lstm_param_count: refused: malformed", 0)),
    ({"units": {"item lstm_param_count": ("ok", "")}},
     ("error", "lstm_param_count: no result came back (the run ended before this exercise was called)", 0)),
    ({"units": {"item lstm_param_count": ("ok", "")}, "results": RIGHT[:-1]},
     ("error", "lstm_param_count: results are missing for some inputs", 0)),
], ids=["refused", "fault", "not attempted", "cell timeout", "cell dead", "call timeout", "call dead",
        "call refused", "no result", "results missing"])
def test_each_way_a_run_ends_has_its_own_status_and_message(kw, expected):
    assert judged(**kw) == expected


def test_all_results_are_judged_and_a_note_is_added():
    status, feedback, points, *_ = judged(results=RIGHT, notes={"lstm_param_count": "two cells"})
    assert (status, points) == ("passed", ITEM.points)
    assert feedback.endswith(" (note: two cells)")


def test_a_missing_function_after_its_cell_raised_names_the_cells_error():
    missing = ("error", None, "NameError: no function named lstm_param_count is defined")
    _, raised, *_ = judged(units={"cell 3": ("error", "PermissionError: grading: os.kill is not allowed")},
                           results=[missing])
    assert raised.endswith("NameError: no function named lstm_param_count is defined (your answer cell raised "
                           "PermissionError: grading: os.kill is not allowed)")
    _, alone, *_ = judged(units={"cell 3": ("ok", "")}, results=[missing])  # its cell ran: nothing to add
    assert alone.endswith("NameError: no function named lstm_param_count is defined")


def test_an_unreadable_notebook_is_an_error_for_each_exercise_naming_why(tmp_path):
    from lstmlab.grade.core import grade_notebook
    from lstmlab.grade.course import Course
    path = tmp_path / "01_one_cell.ipynb"
    path.write_text("{not json")
    assignment = Course.find().assignments["01_one_cell"]
    result = grade_notebook(path, assignment, all_items(), None, 7)  # no isolation: nothing is run
    (why,) = result["notes"]
    assert why and result["score"] == 0 and result["max_score"] == sum(all_items()[i].points for i in assignment.ids)
    assert [(e["id"], e["status"], e["feedback"], e["points"]) for e in result["exercises"]] == [
        (i, "error", f"{i}: {why}", 0) for i in assignment.ids]
