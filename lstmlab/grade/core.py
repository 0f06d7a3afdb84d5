"""Grade one notebook: rebuild it from the pristine one, run it in the sandbox, judge the results out here.

The grader's modules: course (the pristine notebooks), collect (learners, their notebooks, links refused),
plan (the rebuilt program and grade-time inputs), sandbox + runner (where the learner's code runs), run
(streaming, time limits, restarts), results (untrusted data within limits), core (one notebook), batch
(a class, in parallel, written as it goes), report (table, JSON, CSV gradebook, Gradescope), cli.
"""
from pathlib import Path

from ..checks.judge import judge
from ..messages import msg
from .plan import build, item_cases
from .collect import read_notebook
from .run import execute
from .sandbox import Limits


def entry(item, status, feedback, points=0, assignment=None, mistake=None):
    """One exercise's line in the report; `mistake` ({"key", "name", "fix"}) when the verdict names one."""
    line = {"id": item.id, "assignment": assignment, "points": points, "max_points": item.points, "status": status,
            "feedback": feedback}
    return {**line, "mistake": mistake} if mistake else line


def grade_notebook(path, assignment, items, isolation, seed, timeout=10, total_timeout=None, memory_mb=1024,
                   guard=True):
    """{"path", "assignment", "score", "max_score", "exercises": [...], "notes": [...]} for one submitted notebook.

    guard=False leaves out the audit hook (the second layer), so tests can show that the sandbox alone holds.
    """
    graded = [items[i] for i in assignment.ids if i in items]
    try:
        submission, problem = read_notebook(path), None
    except ValueError as exc:
        submission, problem = None, str(exc)
    entries, notes = [], [problem] if problem else []
    if submission is not None and graded:
        cases = item_cases(items, assignment.notebook, seed)
        plan, inputs, cell_notes, answer_unit, refused = build(submission, assignment.notebook, items, cases)
        plan["guard"] = guard
        total = total_timeout or timeout * (len(plan["cells"]) + 2 * len(graded) + 4)
        limits = Limits(memory_mb=memory_mb, cpu_s=int(total) + 5)
        outcome = execute(plan, inputs, isolation, limits, timeout, total)
        for item in graded:
            status, feedback, points, *named = _judge_item(item, cases[item.id], outcome, answer_unit, cell_notes, refused)
            entries.append(entry(item, status, feedback, points, assignment.name, *named))
    else:
        for item in graded:
            entries.append(entry(item, "error", msg("grade.item_error", id=item.id, detail=problem), 0, assignment.name))
    return {"path": str(path), "assignment": assignment.name, "score": sum(e["points"] for e in entries),
            "max_score": sum(e["max_points"] for e in entries), "exercises": entries, "notes": notes}


def _judge_item(item, cases, outcome, answer_unit, notes, refused=None):
    """(status, feedback, points) of one exercise from the units' outcomes and the untrusted results."""
    note, i = notes.get(item.id), item.id
    if refused and item.id in refused:  # its answer cell was not run (over a limit, or not Python)
        return "error", msg("grade.item_error", id=i, detail=refused[item.id]), 0
    if outcome.fault:
        return "error", msg("grade.fault_item", id=i, fault=outcome.fault), 0
    if item.id not in answer_unit:
        return "not_attempted", msg("grade.not_attempted_note", id=i, note=note), 0
    kind, detail = outcome.units.get(answer_unit[item.id], ("ok", ""))
    if kind == "timeout":
        return "timeout", msg("grade.cell_timeout", id=i, detail=detail), 0
    if kind == "dead":
        return "error", msg("grade.cell_dead", id=i, detail=detail), 0
    hkind, hdetail = outcome.units.get(f"item {item.id}", ("missing", ""))
    if hkind == "timeout":
        return "timeout", msg("grade.call_timeout", id=i, detail=hdetail), 0
    if hkind == "dead":
        return "error", msg("grade.call_dead", id=i, detail=hdetail), 0
    results = outcome.results.get(item.id, [])
    if hkind == "error" and not results:
        return "error", msg("grade.item_error", id=i, detail=hdetail), 0
    if not results:
        return "error", msg("grade.no_result", id=i), 0
    if results[-1][0] == "ok" and len(results) < len(cases):
        return "error", msg("grade.results_missing", id=i), 0
    if results[-1][0] == "error" and kind == "error" and "NameError" in results[-1][2]:
        results = [*results[:-1], ("error", None, msg("grade.cell_raised", detail=results[-1][2], error=detail))]
    verdict = judge(item, cases, results, reveal=False)
    named = {"key": verdict.mistake_key, "name": verdict.mistake, "fix": verdict.fix} if verdict.mistake else None
    if note and item.id in answer_unit:
        return verdict.status, msg("grade.with_note", feedback=verdict.message, note=note), verdict.points, named
    return verdict.status, verdict.message, verdict.points, named


def grade_file(path, course, items, isolation, seed, **limits):
    """Grade one notebook against whichever assignment of `course` it matches (used by tests and `grade FILE`)."""
    try:
        nb = read_notebook(path)
    except ValueError:
        nb = None  # matched by name, then reported as unreadable by grade_notebook
    name, _ = course.match(Path(path), nb)
    if name is None:
        raise ValueError(msg("grade.no_match", file=path))
    return grade_notebook(path, course.assignments[name], items, isolation, seed, **limits)
