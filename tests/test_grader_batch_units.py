"""grade/batch.py's bookkeeping called in this process, without a sandbox: one learner's report from what was graded,
linked, unreadable or missing; the teacher's notices; the progress bar; a class whose notebooks are all missing or
whose grading task is a stand-in (workers are forked, so they see it). The real grading runs are
tests/test_grader_classroom.py and test_grader_robust.py; these are fast enough for bench/mutation.py."""
import io
from pathlib import Path
from types import SimpleNamespace

import pytest

from lstmlab.grade import batch
from lstmlab.grade.collect import Learner, Match
from lstmlab.messages import msg

ITEMS = {i: SimpleNamespace(id=i, points=p) for i, p in (("a", 2), ("b", 1), ("c", 3), ("d", 1), ("e", 2))}
ASSIGNMENTS = {name: SimpleNamespace(name=name, ids=ids)
               for name, ids in (("w1", ["a", "zz"]), ("w2", ["b"]), ("w3", ["c"]), ("w4", ["d", "e"]))}
COURSE = SimpleNamespace(assignments=ASSIGNMENTS)


def graded_entry(i, points, name="w1"):
    return {"id": i, "assignment": name, "points": points, "max_points": ITEMS[i].points, "status": "passed",
            "feedback": "ok"}


def test_the_fault_entries_are_errors_of_each_exercise_the_items_hold():
    assert batch._fault(ASSIGNMENTS["w4"], ITEMS, "why") == [
        {"id": i, "assignment": "w4", "points": 0, "max_points": ITEMS[i].points, "status": "error",
         "feedback": msg("grade.item_error", id=i, detail="why")} for i in ("d", "e")]
    assert [e["id"] for e in batch._fault(ASSIGNMENTS["w1"], ITEMS, "why")] == ["a"]  # zz is no item: left out
    failed = batch._failed(COURSE, ITEMS, "w2", Path("x/n.ipynb"), "boom")
    message = msg("grade.failed_on_notebook", why="boom", fault=msg("grade.fault"))
    assert failed == {"path": "x/n.ipynb", "exercises": batch._fault(ASSIGNMENTS["w2"], ITEMS, message), "notes": []}


def test_a_learner_report_gives_each_assignment_its_graded_linked_unreadable_or_missing_lines():
    learner = Learner("ann", Path("dl/ann"))
    matched = Match(links={"w2": (Path("dl/ann/l.ipynb"), "/etc/passwd")},
                    unreadable={"w3": (Path("dl/ann/u.ipynb"), "not JSON")}, notes=["m0"])
    graded = {"w1": {"exercises": [graded_entry("a", 2)], "notes": ["n1", "n2"], "path": "dl/ann/w1.ipynb"}}
    report = batch.learner_report(learner, matched, graded, COURSE, ITEMS)
    assert report["learner"] == "ann" and report["path"] == str(Path("dl/ann"))
    assert report["notebooks"] == {"w1": "dl/ann/w1.ipynb", "w2": str(Path("dl/ann/l.ipynb")),
                                   "w3": str(Path("dl/ann/u.ipynb")), "w4": None}
    assert report["notes"] == ["m0", msg("grade.assignment_note", name="w1", note="n1"),
                               msg("grade.assignment_note", name="w1", note="n2")]
    assert [(e["id"], e["status"], e["points"]) for e in report["exercises"]] == [
        ("a", "passed", 2), ("b", "error", 0), ("c", "error", 0), ("d", "not_attempted", 0), ("e", "not_attempted", 0)]
    feedback = [e["feedback"] for e in report["exercises"]]
    assert feedback[1] == msg("grade.item_error", id="b", detail=msg("grade.link_scored", file="l.ipynb",
                                                                      target="/etc/passwd"))
    assert feedback[2] == msg("grade.item_error", id="c", detail=msg("grade.file_problem", file="u.ipynb",
                                                                      problem="not JSON"))
    assert feedback[3] == msg("grade.not_submitted", id="d", name="w4")
    assert [e["assignment"] for e in report["exercises"]] == ["w1", "w2", "w3", "w4", "w4"]
    assert (report["score"], report["max_score"]) == (2, 9)
    assert matched.notes == ["m0"]  # the learner's own notes are not extended in place


def test_notebooks_named_on_the_command_line_report_only_their_assignments():
    learner = Learner("ann", Path("ann.ipynb"), given=True)
    matched = Match(links={"w2": (Path("l.ipynb"), "x")}, unreadable={"w3": (Path("u.ipynb"), "bad")})
    graded = {"w1": {"exercises": [graded_entry("a", 1)], "notes": [], "path": "ann.ipynb"}}
    report = batch.learner_report(learner, matched, graded, COURSE, ITEMS)
    assert list(report["notebooks"]) == ["w1", "w2", "w3"] and (report["score"], report["max_score"]) == (1, 6)
    only_graded = batch.learner_report(learner, Match(), graded, COURSE, ITEMS)
    assert list(only_graded["notebooks"]) == ["w1"]


def test_a_learner_whose_matching_failed_gets_the_graders_error_everywhere():
    for given in (False, True):
        learner = Learner("ann", Path("dl/ann"), given=given)
        report = batch.learner_report(learner, Match(failed="KeyError: x", notes=["m"]), {}, COURSE, ITEMS)
        why = msg("grade.failed_on_learner", why="KeyError: x", fault=msg("grade.fault"))
        assert report["notebooks"] == dict.fromkeys(ASSIGNMENTS) and report["notes"] == ["m"]
        assert report["exercises"] == [e for a in ASSIGNMENTS.values() for e in batch._fault(a, ITEMS, why)]


def test_a_matching_bug_costs_that_learner_only(monkeypatch):
    def broken(learner, course):
        assert course is COURSE
        if learner.name == "bad":
            raise ValueError("x" * 300)
        return Match(notes=["fine"])

    monkeypatch.setattr(batch, "match", broken)
    bad = batch._match(Learner("bad", Path("b"), notes=["skipped a FIFO"]), COURSE)
    assert bad.failed == "ValueError: " + "x" * 200 and bad.notes == ["skipped a FIFO"] and bad.files == {}
    assert batch._match(Learner("ok", Path("o")), COURSE).notes == ["fine"]


def test_the_teacher_hears_of_other_assignments_once_and_of_each_name_claimed_twice():
    course = SimpleNamespace(assignments={"w1": None, "w2": None},
                             other=lambda path, nb: {"p1": "w9", "p2": "w8", "p3": "w9"}.get(str(path)))
    ann, bob = Learner("ann", Path("a")), Learner("bob", Path("b"))
    matches = {id(ann): Match(others=[Path("p1"), Path("p4")], identities={"w1": ["x_1", "x_2"]}),
               id(bob): Match(others=[Path("p2"), Path("p3")])}
    lines = batch.notices([ann, bob], matches, course)
    assert lines[0] == ("4 notebooks of other assignments (w8, w9) were not graded: only w1, w2 was selected "
                        "(--assignment)")
    assert lines[1].startswith("learner 'ann': 2 different download names give w1 (x_1, x_2): two students")
    assert len(lines) == 2
    unknown = {id(ann): Match(others=[Path("p4")]), id(bob): Match()}
    assert batch.notices([ann, bob], unknown, course) == [
        "1 notebooks of other assignments (by their exercise ids) were not graded: only w1, w2 was selected "
        "(--assignment)"]
    assert batch.notices([bob], {id(bob): Match()}, course) == []


@pytest.mark.parametrize("done, total, shown", [(0, 4, "\rgrading [" + " " * 30 + "] 0/4 notebooks"),
                                                (1, 4, "\rgrading [" + "#" * 7 + " " * 23 + "] 1/4 notebooks"),
                                                (4, 4, "\rgrading [" + "#" * 30 + "] 4/4 notebooks\n"),
                                                (1, 1, "\rgrading [" + "#" * 30 + "] 1/1 notebooks\n"),
                                                (0, 0, "\rgrading [" + " " * 30 + "] 0/0 notebooks\n")])
def test_the_progress_bar(done, total, shown):
    out = io.StringIO()
    batch._progress(done, total, out)
    assert out.getvalue() == shown


@pytest.fixture
def week():
    from lstmlab.grade.course import Course
    return Course.find().select(["01_one_cell"])


def test_a_class_with_nothing_to_grade_is_reported_learner_by_learner(week, monkeypatch):
    shown = []
    monkeypatch.setattr(batch, "_progress", lambda done, total: shown.append((done, total)))
    monkeypatch.setattr(batch, "match", lambda learner, course: Match(notes=[f"note of {learner.name}"],
                                                                       others=[Path("o.ipynb")]))
    learners = [Learner(n, Path(n)) for n in ("ann", "bob", "cat")]
    saved, warnings = [], []
    subs = batch.grade_class(learners, week, seed=1, on_learner=saved.append, resume=[("bob", "bob")],
                             warnings=warnings)
    assert [s["learner"] for s in subs] == ["ann", "cat"] and saved == subs
    assert subs[0]["notes"] == ["note of ann"] and {e["status"] for e in subs[0]["exercises"]} == {"not_attempted"}
    assert subs[0]["max_score"] == sum(e["max_points"] for e in subs[0]["exercises"]) > 0
    assert len(warnings) == 1 and warnings[0].startswith("2 notebooks of other assignments")
    assert shown == [(0, 0)]
    batch.grade_class(learners, week, seed=1, progress=False)
    assert shown == [(0, 0)]


def stand_in(path, name, folder, seed, limits):
    """A grading task that grades nothing: what it was given, as its result (forked workers see this patch)."""
    if "dies" in str(path):
        import os
        os._exit(3)
    if "bug" in str(path):
        raise KeyError("y" * 300)
    note = f"{name} {seed} {sorted(limits.items())} {Path(folder).name}"
    return {"path": str(path), "exercises": [], "notes": [note]}


def test_each_notebook_goes_to_a_worker_and_a_fault_costs_that_notebook_only(week, monkeypatch):
    shown = []
    monkeypatch.setattr(batch, "_progress", lambda done, total: shown.append((done, total)))
    monkeypatch.setattr(batch, "_grade_task", stand_in)
    files = {"ann": "ann.ipynb", "bug": "bug.ipynb", "dies": "dies.ipynb"}
    monkeypatch.setattr(batch, "match", lambda learner, course: Match(files={"01_one_cell": Path(files[learner.name])})
                        if course is week else None)
    learners = [Learner(n, Path(n)) for n in files]
    subs = batch.grade_class(learners, week, seed=4, jobs=2, timeout=3, total_timeout=9, memory_mb=100)
    ann, bug, dies = subs
    assert ann["notes"] == [msg("grade.assignment_note", name="01_one_cell",
                                note="01_one_cell 4 [('memory_mb', 100), ('timeout', 3), ('total_timeout', 9)] "
                                     f"{week.folder.name}")]
    assert ann["notebooks"] == {"01_one_cell": "ann.ipynb"} and ann["exercises"] == []
    assert bug["exercises"] == batch._failed(week, batch.all_items(), "01_one_cell", "bug.ipynb",
                                             "KeyError: '" + "y" * 199)["exercises"]
    assert dies["exercises"] == batch._failed(week, batch.all_items(), "01_one_cell", "dies.ipynb",
                                              msg("grade.worker_died"))["exercises"]
    assert shown == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_grade_paths_reports_the_class_with_its_provenance(tmp_path, week, monkeypatch):
    import datetime
    import shutil
    import lstmlab
    from grading_helpers import ROOT
    for name in ("ann", "bob"):
        (tmp_path / "class" / name).mkdir(parents=True)
        shutil.copy(ROOT / "exercises" / "01_one_cell.ipynb", tmp_path / "class" / name / "01_one_cell.ipynb")
    calls = []

    def grade_class(learners, course, **kw):
        calls.append(([ln.name for ln in learners], list(course.assignments), kw))
        return [{"learner": ln.name, "path": str(ln.path), "score": 1, "max_score": 5, "notebooks": {}, "exercises": [],
                 "notes": []} for ln in learners]

    monkeypatch.setattr(batch, "grade_class", grade_class)
    from lstmlab.grade import sandbox  # a sandbox probe fails inside mutmut's forked mutant processes
    monkeypatch.setattr(sandbox, "choose", lambda mode, secrets=(): sandbox.Isolation(mode, detail=f"{mode} stand-in"))
    before = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    data = batch.grade_paths([tmp_path / "class"], assignments=["01_one_cell"], seed=3, jobs=2, progress=False)
    names, assignments, kw = calls[0]
    assert names == ["ann", "bob"] and assignments == ["01_one_cell"]
    assert kw == {"seed": 3, "items_files": (), "isolation": "bubblewrap", "jobs": 2, "progress": False}
    assert [s["learner"] for s in data["submissions"]] == ["ann", "bob"] and data["seed"] == 3
    assert data["assignments"] == ["01_one_cell"] and data["lstmlab_version"] == lstmlab.__version__
    assert data["isolation"]["mode"] == "bubblewrap" and data["sandbox"]
    graded_at = datetime.datetime.fromisoformat(data["graded_at"])
    assert graded_at.tzinfo is not None and before <= graded_at <= datetime.datetime.now(datetime.timezone.utc)
    assert data["graded_at"].endswith("+00:00") and "." not in data["graded_at"]
    pattern = batch.grade_paths([tmp_path / "class"], assignments=["01_one_cell"],
                                learner_pattern=r"(?P<learner>[a-z])[a-z]*/", progress=False)
    assert [s["learner"] for s in pattern["submissions"]] == ["a", "b"] and pattern["seed"] == 0


def test_a_worker_loads_items_and_isolation_once_and_keeps_its_course(monkeypatch):
    """sandbox.detect and grade_notebook stood in for: a sandbox probe fails inside mutmut's forked mutant processes."""
    from lstmlab.grade import sandbox
    from lstmlab.grade.course import Course
    monkeypatch.setattr(batch, "_WORKER", {})
    monkeypatch.setattr(sandbox, "detect", lambda mode: (sandbox.Isolation(mode), f"{mode} why"))
    batch._init_worker((), "uid")
    assert sorted(batch._WORKER) == ["isolation", "items"] and batch._WORKER["isolation"].name == "uid"
    assert "lstm_step" in batch._WORKER["items"]
    folder, calls = Course.find().folder, []
    monkeypatch.setattr(batch, "grade_notebook", lambda *a, **kw: calls.append((a, kw)) or "graded")
    assert batch._grade_task("q.ipynb", "01_one_cell", folder, 1, {"timeout": 10}) == "graded"
    course = batch._WORKER["course"]
    assert course.folder == folder and "01_one_cell" in course.assignments
    calls.clear()
    assert batch._grade_task("p.ipynb", "01_one_cell", folder, 7, {"timeout": 3, "memory_mb": 99}) == "graded"
    assert batch._WORKER["course"] is course and calls == [
        (("p.ipynb", course.assignments["01_one_cell"], batch._WORKER["items"], batch._WORKER["isolation"], 7),
         {"timeout": 3, "memory_mb": 99})]


def test_when_the_only_worker_dies_each_notebook_is_retried_alone(week, monkeypatch):
    """One worker, the dying notebook first: the pool breaks, every notebook is retried in a pool of its own."""
    monkeypatch.setattr(batch, "_grade_task", stand_in)
    monkeypatch.setattr(batch, "_progress", lambda done, total: None)
    files = {"dies": "dies.ipynb", "ann": "ann.ipynb", "bug": "bug.ipynb"}
    monkeypatch.setattr(batch, "match", lambda learner, course: Match(files={"01_one_cell": Path(files[learner.name])}))
    dies, ann, bug = batch.grade_class([Learner(n, Path(n)) for n in files], week, seed=2, jobs=1)
    items = batch.all_items()
    assert ann["notes"] == [msg("grade.assignment_note", name="01_one_cell", note="01_one_cell 2 [('memory_mb', 1024), "
                                f"('timeout', 10), ('total_timeout', None)] {week.folder.name}")]
    assert ann["notebooks"] == {"01_one_cell": "ann.ipynb"}
    assert bug["exercises"] == batch._failed(week, items, "01_one_cell", "bug.ipynb", "KeyError: '" + "y" * 199)[
        "exercises"] and bug["notebooks"] == {"01_one_cell": "bug.ipynb"}
    assert dies["exercises"] == batch._failed(week, items, "01_one_cell", "dies.ipynb", msg("grade.worker_died"))[
        "exercises"] and dies["notebooks"] == {"01_one_cell": "dies.ipynb"}
