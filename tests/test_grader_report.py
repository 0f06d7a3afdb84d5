"""The grader's outputs from learners' untrusted text, one defence at a time: every spreadsheet formula prefix in the
CSV, every control character in the table, any string in the JSON, files replaced whole (grade/report.py)."""
import csv
import io
import json
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from lstmlab.grade import report

PREFIXES = ["=", "+", "-", "@", "\t", "\r"]  # OWASP's list: what a spreadsheet may run as a formula


def entry(item_id, points, max_points, status="passed", feedback="Passed.", assignment="01_one_cell"):
    return {"id": item_id, "assignment": assignment, "points": points, "max_points": max_points, "status": status,
            "feedback": feedback}


def data(*subs):
    return {"submissions": [{"learner": name, "path": f"class/{name}", "score": sum(e["points"] for e in ex),
                             "max_score": sum(e["max_points"] for e in ex), "exercises": ex, "notes": notes}
                            for name, ex, notes in subs]}


def rows(text):
    return list(csv.reader(io.StringIO(text, newline="")))


def test_the_prefixes_are_owasps_list():
    assert sorted(report.FORMULA) == sorted(PREFIXES)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_every_formula_prefix_is_defused_in_the_gradebook(prefix):
    name = prefix + 'HYPERLINK("http:evil.example","x")'
    text = report.gradebook_csv(data((name, [entry("a", 1, 2)], [])), ["a"])
    assert rows(text)[2] == ["'" + name, "1", "1"]


@pytest.mark.parametrize("name", ["ann", " =1+1", "a=b", "ann-marie", "'=already", "", "１=1", "\n=1"])
def test_other_text_is_left_as_it_is(name):
    assert rows(report.gradebook_csv(data((name, [entry("a", 1, 2)], [])), ["a"]))[2][0] == name


@pytest.mark.parametrize("value", [-1, 0, 2.5, -0.5])
def test_numbers_are_never_quoted(value):
    assert report._cell(value) == value


def test_the_gradebook_rows():
    two = data(("ann", [entry("a", 1, 2), entry("b", 0, 3, "failed")], []),
               ("bob", [entry("b", 3, 3)], []))  # bob's notebook had no `a`
    assert rows(report.gradebook_csv(two, ["a", "b", "c"])) == [
        ["learner", "a", "b", "c", "total"], ["Points Possible", "2", "3", "", "5"],
        ["ann", "1", "0", "", "1"], ["bob", "", "3", "", "3"]]
    assert report.gradebook_csv(data(), ["a"]).splitlines() == ["learner,a,total", "Points Possible,,0"]


def test_write_csv_writes_the_gradebook_whole(tmp_path):
    one = data(("=x", [entry("a", 1, 2)], []))
    report.write_csv(one, ["a"], tmp_path / "g.csv")
    assert (tmp_path / "g.csv").read_bytes().decode("utf-8") == report.gradebook_csv(one, ["a"])
    assert os.listdir(tmp_path) == ["g.csv"]


# --- the table ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("char, shown", [("\n", "\\n"), ("\r", "\\r"), ("\x1b", "\\x1b"), ("\x00", "\\x00"),
                                         ("\x7f", "\\x7f"), ("\x9b", "\\x9b"), ("\u2028", "\\u2028"),
                                         ("\u2029", "\\u2029"), ("\u202e", "\\u202e"), ("\u202a", "\\u202a"),
                                         ("\u2066", "\\u2066"), ("\u2069", "\\u2069"), ("\ud800", "\\ud800"),
                                         ("\udfff", "\\udfff"), ("\t", "\\t"), ("\x1f", "\\x1f")])
def test_every_control_character_is_shown_as_an_escape(char, shown):
    assert report.printable(f"a{char}b") == f"a{shown}b"


@pytest.mark.parametrize("text", ["ann", "\xa0\u00e9\u4e2d", "\u2027\u202f\u2065\u206a", "\ue000", " ~"])
def test_printable_text_is_left_as_it_is(text):
    assert report.printable(text) == text


def test_printable_takes_any_value():
    assert report.printable(5) == "5"


def test_the_table_one_block_per_learner():
    two = data(("ann\n", [entry("lstm_step", 3, 3, feedback="lstm_step: Passed (3/3)."),
                          entry("split_gates", 0, 1, "failed", "split_gates\uff1a Failed\x1b[31m")], ["a note\r"]),
               ("bob", [], []))
    assert report.table(two).splitlines() == [
        "ann\\n (class/ann\\n)  3/4",
        "  note: a note\\r",
        "  lstm_step                   3/3  passed         Passed (3/3).",
        "  split_gates                 0/1  failed         Failed\\x1b[31m",
        "bob (class/bob)  0/0"]


def test_the_table_of_a_learner_without_notes():
    one = data(("ann", [entry("a", 1, 1)], []))
    del one["submissions"][0]["notes"]
    assert report.table(one).splitlines()[0] == "ann (class/ann)  1/1"


def test_the_table_keeps_feedback_that_does_not_start_with_the_id():
    one = data(("ann", [entry("a", 0, 1, "failed", "b: the id of another; a: not at the start")], []))
    assert report.table(one).splitlines()[1].endswith("failed         b: the id of another; a: not at the start")


# --- the JSON and Gradescope's results ---------------------------------------------------------------------------

def test_any_string_is_written_as_valid_utf8_json(tmp_path):
    one = data(("zed\udcff\ud800", [entry("a", 1, 1, feedback="\x00\u202e")], []))
    report.write_json(one, tmp_path / "r.json")
    raw = (tmp_path / "r.json").read_bytes()
    raw.decode("utf-8")
    assert json.loads(raw) == one and raw.endswith(b"\n") and b"\n \"submissions\"" in raw  # indented by 1
    report.write_json({"learner": "\u674e\u96f7 \xe9"}, tmp_path / "r.json")  # readable: UTF-8, not \\u escapes
    assert (tmp_path / "r.json").read_bytes() == '{\n "learner": "\u674e\u96f7 \xe9"\n}\n'.encode("utf-8")


def test_a_file_is_replaced_whole_and_a_failed_write_leaves_the_old_one(tmp_path, monkeypatch):
    path = tmp_path / "r.json"
    path.write_text("old")
    report.write_json({"a": 1}, path)
    assert json.loads(path.read_text()) == {"a": 1} and os.listdir(tmp_path) == ["r.json"]

    class Unwritable:
        def encode(self, *a, **k):
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        report._atomic_write(path, Unwritable())
    assert json.loads(path.read_text()) == {"a": 1} and os.listdir(tmp_path) == ["r.json"]  # no temporary left
    monkeypatch.chdir(tmp_path)
    report._atomic_write("plain.txt", "here")  # a bare file name: the current folder
    assert (tmp_path / "plain.txt").read_text() == "here"


def test_the_temporary_file_is_hidden_beside_the_report(tmp_path, monkeypatch):
    """Written beside the report (os.replace cannot cross file systems), named .<name>.XXXX (no reader takes it)."""
    renamed = []
    real = os.replace
    monkeypatch.setattr(report.os, "replace", lambda src, dst: (renamed.append((src, dst)), real(src, dst)))
    (tmp_path / "out").mkdir()
    report.write_csv(data(), ["a"], tmp_path / "out" / "g.csv")
    (src, dst), = renamed
    assert Path(src).parent == tmp_path / "out" and Path(src).name.startswith(".g.csv.") and dst == tmp_path / "out" / "g.csv"


def test_gradescope_results_one_test_per_exercise():
    sub = data(("ann", [entry("a", 1, 2, "failed", "Failed."), entry("b", 3, 3, assignment="02")],
                ["note 1", "note 2"]))["submissions"][0]
    assert report.gradescope_results(sub) == {
        "score": 4, "visibility": "visible", "output": "note 1\nnote 2",
        "tests": [{"name": "01_one_cell: a", "score": 1, "max_score": 2, "output": "Failed.", "status": "failed"},
                  {"name": "02: b", "score": 3, "max_score": 3, "output": "Passed.", "status": "passed"}]}
    del sub["notes"]
    assert report.gradescope_results(sub)["output"] == ""


def course():
    week = lambda name, ids: SimpleNamespace(name=name, sha256=name * 2, ids=ids)  # noqa: E731
    return SimpleNamespace(source="here", assignments={"w1": week("w1", ["a", "x"]), "w2": week("w2", ["b"])})


def test_the_report_records_its_provenance():
    items = {"a": SimpleNamespace(points=2), "b": SimpleNamespace(points=3)}  # x: an id no item knows
    sandbox = SimpleNamespace(sandboxed=True, detail="bubblewrap 0.8.0")
    sub = {"learner": "s", "notebooks": {"w1": "doe_LATE_12_34_w1.ipynb", "w2": "doe_12_35_w2.ipynb"}}
    got = report.report([sub], course=course(), items=items, seed=4, isolation=sandbox, graded_at="now",
                        version="0.1", warnings=("w",), language="zh")
    assert got == {"lstmlab_version": "0.1", "seed": 4, "graded_at": "now", "language": "zh",
                   "sandbox": "bubblewrap 0.8.0", "course": {"source": "here", "notebooks": {"w1": "w1w1", "w2": "w2w2"}},
                   "assignments": ["w1", "w2"], "max_score": 5, "warnings": ["w"],
                   "submissions": [{**sub, "late": ["w1"]}]}  # Canvas's LATE mark, read from the download name
    assert report.gradebook_ids(course(), items) == ["a", "b"]
    plain = report.report([], course=course(), items=items, seed=4, graded_at="now", version="0.1",
                          isolation=SimpleNamespace(sandboxed=False, detail="uid 60000"))
    assert plain["sandbox"] is False and plain["language"] == "en" and plain["warnings"] == []
