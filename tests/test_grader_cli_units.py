"""`lstmlab grade`'s bookkeeping (grade/cli.py) called in this process, with a stand-in for the class's grading: the
report's order, seed and files, --only, --resume, Ctrl-C, exit codes, and the small helpers. The command run for
real (sandboxes, a subprocess) is tests/test_grader.py and test_grader_classroom.py; these are fast enough for
bench/mutation.py."""
import argparse
import io
import json
import os
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from grading_helpers import ROOT
from lstmlab.grade import batch, cli
from lstmlab.grade.course import Course
from lstmlab.messages import msg

WEEK = "01_one_cell"


@pytest.fixture(autouse=True)
def chosen(monkeypatch):
    """sandbox.choose replaced by the isolation asked for, unprobed: these tests grade nothing (a stand-in does), and
    a sandbox probe fails inside mutmut's forked mutant processes, which would count every mutant of run() killed."""
    from lstmlab.grade import sandbox
    calls = []

    def choose(mode="bubblewrap", secrets=()):
        calls.append((mode, list(secrets)))
        return sandbox.Isolation(mode, detail=f"{mode} (stand-in)")

    monkeypatch.setattr(sandbox, "choose", choose)
    return calls


def parse(*argv):
    parser = argparse.ArgumentParser()
    cli.add_arguments(parser)
    return parser.parse_args([str(a) for a in argv])


@pytest.fixture
def klass(tmp_path):
    """Three learners' folders, each with the pristine week-1 notebook."""
    root = tmp_path / "class"
    for name in ("ann", "bob", "cat"):
        (root / name).mkdir(parents=True)
        shutil.copy(ROOT / "exercises" / f"{WEEK}.ipynb", root / name / f"{WEEK}.ipynb")
    return root


def stand_in(monkeypatch, scores, interrupt_after=None):
    """grade_class replaced: each learner (last first) gets its score on the week's first exercise; its calls kept."""
    calls = []

    def grade_class(learners, course, **kw):
        calls.append({"learners": [ln.name for ln in learners], "course": list(course.assignments), **kw})
        for k, ln in enumerate(reversed(learners)):
            if interrupt_after is not None and k == interrupt_after:
                raise KeyboardInterrupt
            item = course.assignments[WEEK].ids[0]
            kw["on_learner"]({"learner": ln.name, "path": str(ln.path), "score": scores.get(ln.name, 0),
                              "max_score": 3, "notebooks": {WEEK: str(ln.path / f"{WEEK}.ipynb")
                                                            if (ln.path / f"{WEEK}.ipynb").exists() else None},
                              "exercises": [{"id": item, "assignment": WEEK, "points": scores.get(ln.name, 0),
                                             "max_points": 3, "status": "failed", "feedback": f"{item}: no"}],
                              "notes": []})

    monkeypatch.setattr(batch, "grade_class", grade_class)
    return calls


def test_a_class_is_reported_in_the_learners_order_with_every_file_asked(klass, tmp_path, monkeypatch, capsys):
    calls = stand_in(monkeypatch, {"ann": 1, "bob": 2, "cat": 3})
    out = tmp_path / "out"
    args = parse(klass, "--assignment", WEEK, "--seed", 5, "--json", out / "r.json", "--csv", out / "r.csv", "--quiet",
                 "--jobs", 0, "--timeout", 2, "--total-timeout", 9, "--memory", 300, "--feedback", out / "fb",
                 "--summary", out / "s.html", "--gradescope-results", out / "gs" / "results.json")
    out.mkdir()
    assert cli.run(args) == 0
    data = json.loads((out / "r.json").read_text())
    assert [s["learner"] for s in data["submissions"]] == ["ann", "bob", "cat"] and data["seed"] == 5
    assert data["isolation"]["mode"] == "bubblewrap" and data["language"] == "en"
    assert [line.split(",")[0] for line in (out / "r.csv").read_text().splitlines()[2:]] == ["ann", "bob", "cat"]
    assert sorted(p.name for p in (out / "fb").iterdir()) == ["ann", "bob", "cat"] and (out / "s.html").is_file()
    gradescope = json.loads((out / "gs" / "results.json").read_text())
    assert gradescope["score"] == 1 and gradescope["extra_data"]["isolation"]["mode"] == "bubblewrap"
    [call] = calls
    assert call["learners"] == ["ann", "bob", "cat"] and call["course"] == [WEEK]
    assert {k: call[k] for k in ("seed", "isolation", "jobs", "timeout", "total_timeout", "memory_mb", "progress",
                                 "resume")} == {"seed": 5, "isolation": "bubblewrap", "jobs": 1, "timeout": 2,
                                                "total_timeout": 9, "memory_mb": 300, "progress": False, "resume": []}
    assert call["items_files"] == [] and call["warnings"] == []
    said = capsys.readouterr().out
    assert said.splitlines()[0].startswith(f"ann ({klass / 'ann'})  1/3")


def test_a_fresh_seed_is_drawn_and_recorded(klass, tmp_path, monkeypatch):
    calls = stand_in(monkeypatch, {})
    assert cli.run(parse(klass, "--json", tmp_path / "r.json")) == 0
    seed = json.loads((tmp_path / "r.json").read_text())["seed"]
    assert calls[0]["seed"] == seed and 0 <= seed < 2 ** 32 and calls[0]["progress"] is True


def test_only_regrades_one_learner_into_its_old_place_with_the_old_seed(klass, tmp_path, monkeypatch):
    stand_in(monkeypatch, {"ann": 1, "bob": 2, "cat": 3})
    report = tmp_path / "r.json"
    assert cli.run(parse(klass, "--seed", 8, "--json", report, "--quiet")) == 0
    calls = stand_in(monkeypatch, {"bob": 0})
    assert cli.run(parse(klass, "--only", "bob", "--json", report, "--quiet")) == 0
    data = json.loads(report.read_text())
    assert [(s["learner"], s["score"]) for s in data["submissions"]] == [("ann", 1), ("bob", 0), ("cat", 3)]
    assert calls[0]["learners"] == ["bob"] and calls[0]["seed"] == 8
    assert calls[0]["resume"] == [("ann", str(klass / "ann")), ("cat", str(klass / "cat"))]
    calls = stand_in(monkeypatch, {"bob": 2})
    assert cli.run(parse(klass, "--only", "bob", "--json", report, "--quiet", "--seed", 9)) == 0
    assert calls[0]["seed"] == 9 and json.loads(report.read_text())["seed"] == 9


def test_only_a_new_learner_goes_last(klass, tmp_path, monkeypatch):
    stand_in(monkeypatch, {"ann": 1, "bob": 2})
    report = tmp_path / "r.json"
    assert cli.run(parse(klass / "bob", klass / "ann", "--seed", 8, "--json", report, "--quiet")) == 0
    stand_in(monkeypatch, {"cat": 3})
    assert cli.run(parse(klass / "bob", klass / "cat", klass / "ann", "--only", "cat", "--json", report,
                         "--quiet")) == 0
    assert [s["learner"] for s in json.loads(report.read_text())["submissions"]] == ["bob", "ann", "cat"]


def test_only_needs_an_earlier_report_and_a_known_learner(klass, tmp_path, monkeypatch, capsys):
    stand_in(monkeypatch, {})
    assert cli.run(parse(klass, "--only", "bob", "--quiet")) == 2
    assert "give --json FILE of an earlier run (no --json given)" in capsys.readouterr().err
    assert cli.run(parse(klass, "--only", "bob", "--json", tmp_path / "none.json")) == 2
    assert f"({tmp_path / 'none.json'})" in capsys.readouterr().err
    assert cli.run(parse(klass, "--seed", 1, "--json", tmp_path / "r.json", "--quiet")) == 0
    capsys.readouterr()
    assert cli.run(parse(klass, "--only", "zed", "--only", "bob", "--json", tmp_path / "r.json")) == 2
    assert "--only 'zed': no such learner under" in capsys.readouterr().err


def test_resume_keeps_the_graded_learners_and_their_seed(klass, tmp_path, monkeypatch):
    stand_in(monkeypatch, {"ann": 1, "bob": 2, "cat": 3}, interrupt_after=1)
    report = tmp_path / "r.json"
    assert cli.run(parse(klass, "--seed", 4, "--json", report, "--quiet")) == 130
    assert [s["learner"] for s in json.loads(report.read_text())["submissions"]] == ["cat"]
    calls = stand_in(monkeypatch, {"ann": 1, "bob": 2, "cat": 3})
    assert cli.run(parse(klass, "--resume", "--json", report, "--quiet")) == 0
    assert calls[0]["seed"] == 4 and calls[0]["resume"] == [("cat", str(klass / "cat"))]
    calls = stand_in(monkeypatch, {})
    assert cli.run(parse(klass, "--resume", "--json", report, "--quiet", "--seed", 6)) == 0
    assert calls[0]["seed"] == 6
    calls = stand_in(monkeypatch, {})
    assert cli.run(parse(klass, "--json", report, "--quiet", "--seed", 7)) == 0  # no --resume: all graded again
    assert calls[0]["resume"] == []


def test_ctrl_c_saves_what_was_graded_and_says_how_to_go_on(klass, tmp_path, monkeypatch, capsys):
    stand_in(monkeypatch, {}, interrupt_after=2)
    assert cli.run(parse(klass, "--seed", 1, "--json", tmp_path / "r.json", "--quiet")) == 130
    err = capsys.readouterr().err
    assert f"interrupted; 2 learners kept in {tmp_path / 'r.json'}: run again with --resume" in err
    stand_in(monkeypatch, {}, interrupt_after=0)
    assert cli.run(parse(klass, "--seed", 1, "--quiet")) == 130
    assert "interrupted; 0 learners kept: run again" in capsys.readouterr().err


def test_nothing_matched_is_exit_1_and_says_so(tmp_path, monkeypatch, capsys):
    stand_in(monkeypatch, {})
    (tmp_path / "ann").mkdir()
    (tmp_path / "ann" / "notes.txt").write_text("x")
    assert cli.run(parse(tmp_path, "--assignment", WEEK, "--quiet", "--seed", 1)) == 1
    assert f"no notebook under {tmp_path} matches any exercise of {WEEK}" in capsys.readouterr().err


def test_missing_dependencies_stop_before_any_learner(klass, monkeypatch, capsys):
    monkeypatch.setattr(cli, "GRADING_NEEDS", ("numpy", "lstmlab_no_such_module"))
    assert cli.missing_dependencies() == ["lstmlab_no_such_module (No module named 'lstmlab_no_such_module')"]
    assert cli.run(parse(klass)) == 2
    assert "this Python lacks lstmlab_no_such_module (No module" in capsys.readouterr().err
    monkeypatch.setattr(cli, "GRADING_NEEDS", ("numpy", "nbformat"))
    assert cli.missing_dependencies() == []


def test_a_refused_isolation_is_exit_2(klass, monkeypatch, capsys):
    stand_in(monkeypatch, {})
    assert cli.run(parse(klass, "--no-sandbox", "--isolation", "bubblewrap")) == 2
    assert "lstmlab grade: --no-sandbox (the same as --isolation uid) contradicts" in capsys.readouterr().err


def test_the_isolation_mode_of_the_options(capsys):
    assert cli.isolation_mode(SimpleNamespace(no_sandbox=False, isolation=None)) == "bubblewrap"
    assert cli.isolation_mode(SimpleNamespace(no_sandbox=False, isolation="uid")) == "uid"
    assert capsys.readouterr().err == ""
    assert cli.isolation_mode(SimpleNamespace(no_sandbox=True, isolation=None)) == "uid"
    assert cli.isolation_mode(SimpleNamespace(no_sandbox=True, isolation="uid")) == "uid"
    assert capsys.readouterr().err.count("warning: --no-sandbox is deprecated") == 2
    with pytest.raises(RuntimeError, match="contradicts --isolation bubblewrap"):
        cli.isolation_mode(SimpleNamespace(no_sandbox=True, isolation="bubblewrap"))


def test_gradescope_results_say_the_isolation_first():
    uid = SimpleNamespace(name="uid", record=lambda: {"mode": "uid"})
    bwrap = SimpleNamespace(name="bubblewrap", record=lambda: {"mode": "bubblewrap"})
    out = cli.gradescope_results({"score": 1, "output": "hello", "extra_data": {"a": 1}}, uid)
    assert out == {"score": 1, "output": msg("grade.gradescope.isolation_uid") + "\n\nhello",
                   "extra_data": {"a": 1, "isolation": {"mode": "uid"}}}
    out = cli.gradescope_results({"score": 0}, bwrap)
    assert out == {"score": 0, "output": msg("grade.gradescope.isolation_bubblewrap"),
                   "extra_data": {"isolation": {"mode": "bubblewrap"}}}
    assert cli.gradescope_results({"output": ""}, bwrap)["output"] == msg("grade.gradescope.isolation_bubblewrap")


def test_files_of_several_canvas_users_under_one_learner_are_warned_of(capsys):
    cli._warn_merged({"submissions": [
        {"learner": "doejane", "notebooks": {"w1": "d/doejane_12_1_w1.ipynb"}, "notes": ["(doejane_13_2_w1.ipynb)"]},
        {"learner": "ann", "notebooks": {"w1": "d/ann_14_3_w1.ipynb"}}]})
    err = capsys.readouterr().err
    assert err.startswith("lstmlab grade: warning: doejane holds files of 2 Canvas users (12, 13): two students")
    assert err.count("\n") == 1 and "ann holds" not in err and "(?P<learner>\\d+)" in err


def test_a_course_folder_carries_its_items(tmp_path):
    assert cli.course_items(None) == []
    (tmp_path / "items").mkdir()
    for name in ("b.py", "a.py", "c.txt"):
        (tmp_path / "items" / name).write_text("")
    assert cli.course_items(tmp_path) == [str(tmp_path / "items" / "a.py"), str(tmp_path / "items" / "b.py")]
    assert cli.course_items(str(tmp_path), [tmp_path / "items" / "." / "a.py"]) == [str(tmp_path / "items" / "b.py")]


def test_notebooks_named_on_the_command_line_select_their_assignments(klass, tmp_path):
    course = Course.find()
    names = list(course.assignments)
    other = tmp_path / f"{names[1]}.ipynb"
    other.write_text("not json")  # unreadable: matched by its name
    assert cli._given_assignments([other, klass / "ann" / f"{WEEK}.ipynb"], course) == [WEEK, names[1]]
    assert cli._given_assignments([klass / "ann"], course) is None  # a folder: the whole course
    assert cli._given_assignments([], course) is None
    (tmp_path / "x.ipynb").write_text("{}")
    assert cli._given_assignments([tmp_path / "x.ipynb"], course) is None


def test_the_language_is_set_here_and_for_workers(monkeypatch):
    from lstmlab.messages import language, set_language
    monkeypatch.delenv("LSTMLAB_LANG", raising=False)
    before = language()
    try:
        assert cli.choose_language(None) == before and "LSTMLAB_LANG" not in os.environ
        assert cli.choose_language("zh") == "zh" and os.environ["LSTMLAB_LANG"] == "zh" and language() == "zh"
    finally:
        set_language(before)
        os.environ.pop("LSTMLAB_LANG", None)  # choose_language wrote it; later tests' subprocesses must not inherit it


def test_printing_never_fails_on_what_stdout_cannot_show(monkeypatch):
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="ascii"))
    cli._print("caf\u00e9 \u4e2d")
    sys.stdout.flush()
    assert raw.getvalue() == b"caf\\xe9 \\u4e2d\n"


def test_the_teachers_messages_are_whole_sentences(klass, tmp_path, monkeypatch, capsys):
    """Each message that joins parts says them, in order, with ', ' between (the exact text: a teacher reads it)."""
    monkeypatch.setattr(cli, "GRADING_NEEDS", ("lstmlab_no_a", "numpy", "lstmlab_no_b"))
    assert cli.run(parse(klass)) == 2
    assert capsys.readouterr().err == (
        "lstmlab grade: cannot grade: this Python lacks lstmlab_no_a (No module named 'lstmlab_no_a'), lstmlab_no_b "
        "(No module named 'lstmlab_no_b'). Install what grading needs: pip install 'lstmlab[grade]' (or the wheel "
        "with [grade]); no learner was graded\n")
    monkeypatch.setattr(cli, "GRADING_NEEDS", ("numpy",))
    stand_in(monkeypatch, {})
    assert cli.run(parse(klass, "--only", "bob", "--quiet")) == 2
    assert capsys.readouterr().err == ("lstmlab grade: --only re-grades learners into an existing report: give --json "
                                       "FILE of an earlier run (no --json given)\n")
    report = tmp_path / "r.json"
    assert cli.run(parse(klass, "--seed", 1, "--json", report, "--quiet")) == 0
    capsys.readouterr()
    assert cli.run(parse(klass / "bob", klass / "ann", "--only", "zed", "--only", "ann", "--only", "yan", "--json",
                         report)) == 2
    assert capsys.readouterr().err == (f"lstmlab grade: --only 'zed', 'yan': no such learner under {klass / 'bob'}, "
                                       f"{klass / 'ann'}; the learners are: bob, ann\n")


def test_a_warning_is_said_on_stderr_first_and_after_the_table(klass, tmp_path, monkeypatch, capsys):
    """Two inputs of one learner's name: warned of on stdout after the table, in the report and to the grading."""
    calls = stand_in(monkeypatch, {})
    again = tmp_path / "again" / "ann"
    shutil.copytree(klass / "ann", again)
    assert cli.run(parse(klass / "ann", again, "--seed", 1, "--quiet", "--json", tmp_path / "r.json")) == 0
    said = (f"2 inputs map to the learner 'ann' ({klass / 'ann'}, {again}): graded as separate rows of the same name, "
            "never merged; rename one folder, or use a --learner-pattern that captures an id")
    out = capsys.readouterr().out
    assert out.endswith(f"\nwarning: {said}\n") and calls[0]["warnings"] == [said]
    assert json.loads((tmp_path / "r.json").read_text())["warnings"] == [said]


def test_a_course_folders_items_and_its_notebooks_problems_are_said(klass, tmp_path, monkeypatch, capsys):
    """--course DIR: its items/*.py are loaded (said so, joined), and an answer cell no item knows is warned of."""
    import nbformat
    calls = stand_in(monkeypatch, {})
    course = tmp_path / "course"
    (course / "exercises").mkdir(parents=True)
    (course / "items").mkdir()
    nb = nbformat.read(ROOT / "exercises" / f"{WEEK}.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("x = 1", metadata={"lstmlab": {"exercise": "nope", "points": 1}}))
    nbformat.write(nb, course / "exercises" / f"{WEEK}.ipynb")
    for name in ("c.py", "b.py", "a.py"):
        (course / "items" / name).write_text("ITEMS = []\n")
    given = str(course / "items" / "a.py")  # given with --items as well: not carried twice
    assert cli.run(parse(klass, "--course", course, "--items", given, "--seed", 1, "--quiet")) == 0
    items = [str(course / "items" / "b.py"), str(course / "items" / "c.py")]
    problem = f"{WEEK}: answer cell 'nope' matches no graded item (add it with --items FILE, or fix the id); it is not graded"
    said = capsys.readouterr()
    assert said.err.startswith(f"lstmlab grade: items from the course folder: {items[0]}, {items[1]}\n"
                               f"lstmlab grade: warning: {problem}\n")
    assert said.out.endswith(f"\nwarning: {problem}\n")
    assert calls[0]["items_files"] == [given, *items] and calls[0]["warnings"] == [problem]


def test_the_report_says_when_it_was_graded_in_utc_to_the_second(klass, tmp_path, monkeypatch):
    """graded_at: ISO 8601 with the UTC offset (+00:00), seconds, the time of this run."""
    import datetime
    stand_in(monkeypatch, {})
    before = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    assert cli.run(parse(klass, "--seed", 1, "--quiet", "--json", tmp_path / "r.json")) == 0
    after = datetime.datetime.now(datetime.timezone.utc)
    graded_at = json.loads((tmp_path / "r.json").read_text())["graded_at"]
    assert len(graded_at) == len("2026-12-06T20:00:00+00:00") and graded_at.endswith("+00:00")
    assert before <= datetime.datetime.fromisoformat(graded_at) <= after


def test_only_two_new_learners_go_last_in_their_order(klass, tmp_path, monkeypatch):
    stand_in(monkeypatch, {})
    report = tmp_path / "r.json"
    assert cli.run(parse(klass / "cat", "--seed", 8, "--json", report, "--quiet")) == 0
    stand_in(monkeypatch, {})
    assert cli.run(parse(klass / "bob", klass / "cat", klass / "ann", "--only", "bob", "--only", "ann", "--json", report,
                         "--quiet")) == 0
    assert [s["learner"] for s in json.loads(report.read_text())["submissions"]] == ["cat", "bob", "ann"]


def test_resume_puts_a_learner_no_longer_given_first(klass, tmp_path, monkeypatch):
    """--resume keeps a graded learner whose folder is not among the paths now: before the ones given."""
    stand_in(monkeypatch, {})
    report = tmp_path / "r.json"
    assert cli.run(parse(klass / "cat", "--seed", 8, "--json", report, "--quiet")) == 0
    stand_in(monkeypatch, {})
    assert cli.run(parse(klass / "ann", klass / "bob", "--resume", "--json", report, "--quiet")) == 0
    assert [s["learner"] for s in json.loads(report.read_text())["submissions"]] == ["cat", "ann", "bob"]


def test_the_isolation_keeps_the_teachers_paths_out_of_reach(klass, tmp_path, monkeypatch, chosen):
    """sandbox.choose is given the mode and every teacher's path: the class, the items, the course, the outputs' folders."""
    stand_in(monkeypatch, {})
    items = tmp_path / "items.py"
    items.write_text("ITEMS = []\n")
    for name in ("j", "c", "g"):
        (tmp_path / name).mkdir()
    assert cli.run(parse(klass, "--items", items, "--json", tmp_path / "j" / "r.json", "--csv", tmp_path / "c" / "r.csv",
                         "--gradescope-results", tmp_path / "g" / "r.json", "--seed", 1, "--quiet",
                         "--isolation", "uid")) == 0
    [(mode, found)] = chosen
    course = Course.find()
    assert mode == "uid" and found[-6:] == [items, klass, Path(course.folder), tmp_path / "j", tmp_path / "c",
                                            tmp_path / "g"]


def test_the_deprecated_option_says_what_it_now_means(capsys):
    assert cli.isolation_mode(SimpleNamespace(no_sandbox=True, isolation=None)) == "uid"
    assert capsys.readouterr().err == (
        "lstmlab grade: warning: --no-sandbox is deprecated: it now means --isolation uid (learners' code as an "
        "unprivileged uid; there is no grading without OS isolation)\n")


def test_the_closing_messages_are_whole_sentences(klass, tmp_path, monkeypatch, capsys):
    """Ctrl-C and 'nothing matched' say their parts in full; Gradescope gets a results file even for no learner."""
    stand_in(monkeypatch, {}, interrupt_after=1)
    assert cli.run(parse(klass, "--seed", 1, "--json", tmp_path / "r.json", "--quiet")) == 130
    assert capsys.readouterr().err == (f"\nlstmlab grade: interrupted; 1 learners kept in {tmp_path / 'r.json'}: run "
                                       "again with --resume to grade the rest\n")
    stand_in(monkeypatch, {})
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    names = list(Course.find().assignments)[:2]
    gradescope = tmp_path / "gs" / "deep" / "results.json"
    assert cli.run(parse(tmp_path / "a", tmp_path / "b", "--assignment", names[0], "--assignment", names[1], "--quiet",
                         "--seed", 1, "--gradescope-results", gradescope)) == 1
    assert capsys.readouterr().err == (f"lstmlab grade: no notebook under {tmp_path / 'a'}, {tmp_path / 'b'} matches "
                                       f"any exercise of {names[0]}, {names[1]} (by name or by exercise ids)\n")
    assert json.loads(gradescope.read_text())["score"] == 0
    gradescope.unlink()  # its folder is there now: written again into it
    assert cli.run(parse(tmp_path / "a", "--assignment", names[0], "--quiet", "--seed", 1, "--gradescope-results",
                         gradescope)) == 1
    assert json.loads(gradescope.read_text())["tests"] == []


def test_a_notebook_given_is_matched_by_its_answers_else_by_its_lms_name(klass, tmp_path):
    """A readable notebook of another name: by its answer ids; an unreadable one: by the end of its file name."""
    course = Course.find()
    mine = tmp_path / "my_work.ipynb"
    shutil.copy(klass / "ann" / f"{WEEK}.ipynb", mine)
    assert cli._given_assignments([mine], course) == [WEEK]
    lms = tmp_path / f"doejane_12_34_{WEEK}.ipynb"
    lms.write_text("not json")
    assert cli._given_assignments([lms], course) == [WEEK]
    assert cli._given_assignments([tmp_path / "gone" / f"{WEEK}.ipynb"], course) == [WEEK]  # no such file: its name


def test_printing_to_a_stdout_of_no_encoding_uses_utf_8(monkeypatch):
    """A stand-in stdout without an encoding (or with None): the text goes out whole, as UTF-8 can say it all."""
    said = []
    monkeypatch.setattr(sys, "stdout", SimpleNamespace(write=said.append, flush=lambda: None))
    cli._print("caf\u00e9 \u4e2d")
    monkeypatch.setattr(sys, "stdout", SimpleNamespace(write=said.append, flush=lambda: None, encoding=None))
    cli._print("\u00e9")
    assert "".join(said) == "caf\u00e9 \u4e2d\n\u00e9\n"


def test_the_canvas_warning_gives_the_pattern_to_group_by_user_id(capsys):
    cli._warn_merged({"submissions": [
        {"learner": "doejane", "notebooks": {"w1": "d/doejane_12_1_w1.ipynb", "w2": "d/doejane_13_2_w2.ipynb"}}]})
    assert capsys.readouterr().err == (
        "lstmlab grade: warning: doejane holds files of 2 Canvas users (12, 13): two students of one name? Group by "
        "user id: --learner-pattern '^[^_]+_(?:LATE_)?(?P<learner>\\d+)_\\d+_'\n")


def test_the_report_records_the_version_and_the_language_asked(klass, tmp_path, monkeypatch):
    import lstmlab
    from lstmlab.messages import language, set_language
    stand_in(monkeypatch, {})
    monkeypatch.setenv("LSTMLAB_LANG", "en")
    before = language()
    try:
        assert cli.run(parse(klass, "--language", "zh", "--seed", 1, "--quiet", "--json", tmp_path / "r.json")) == 0
    finally:
        set_language(before)
    data = json.loads((tmp_path / "r.json").read_text())
    assert data["language"] == "zh" and data["lstmlab_version"] == lstmlab.__version__ != ""


def test_a_notebook_given_grades_its_assignment_only(klass, monkeypatch):
    calls = stand_in(monkeypatch, {})
    assert cli.run(parse(klass / "ann" / f"{WEEK}.ipynb", "--seed", 1, "--quiet")) == 0
    assert calls[0]["course"] == [WEEK] and len(Course.find().assignments) > 1


def test_a_flat_download_is_split_by_the_learner_pattern(klass, tmp_path, monkeypatch):
    calls = stand_in(monkeypatch, {})
    flat = tmp_path / "flat"
    flat.mkdir()
    for name in ("roe", "doe"):
        shutil.copy(klass / "ann" / f"{WEEK}.ipynb", flat / f"{name}_12_{WEEK}.ipynb")
    cli.run(parse(flat, "--learner-pattern", "^(?P<learner>[a-z]+)_", "--seed", 1, "--quiet"))  # (the stand-in
    # looks for the notebook in the learner's folder: none here, so the exit says nothing matched)
    assert sorted(calls[0]["learners"]) == ["doe", "roe"]
