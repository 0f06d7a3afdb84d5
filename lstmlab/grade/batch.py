"""Grade a class: learners' notebooks in parallel worker processes, each learner reported as soon as it is done.

A fault costs one notebook at most: a worker that dies, or a sandbox that will not start, marks that notebook
`error` (the grader's fault, re-run) and the rest go on; a learner whose notebooks cannot even be matched gets
`error` for every exercise, alone. Results reach `on_learner` one learner at a time, so a crash or Ctrl-C keeps
what was graded, and `resume` skips learners already graded. `on_learner` (the save) runs apart from any
notebook's result: should it fail, that is the grader's own error, raised as it is, never blamed on a learner.
"""
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool

from ..checks.registry import all_items
from ..messages import msg
from .collect import Match, learners as find_learners, match
from .core import entry, grade_notebook

_WORKER = {}


def _init_worker(items_files, isolation):
    """Each worker loads the teachers' items and probes the run's isolation once (its own unprivileged uid)."""
    from . import sandbox
    _WORKER["items"] = all_items(items_files)
    _WORKER["isolation"] = sandbox.detect(isolation)[0]


def _grade_task(path, assignment_name, course_folder, seed, limits):
    from .course import Course
    course = _WORKER.get("course")
    if course is None or course.folder != course_folder:
        course = _WORKER["course"] = Course(course_folder)
    return grade_notebook(path, course.assignments[assignment_name], _WORKER["items"], _WORKER["isolation"], seed,
                          **limits)


def _progress(done, total, stream=sys.stderr):
    width = 30
    bar = "#" * (width * done // max(total, 1))
    stream.write(f"\rgrading [{bar:<{width}}] {done}/{total} notebooks" + ("\n" if done == total else ""))
    stream.flush()


def _fault(assignment, items, message):
    return [entry(items[i], "error", msg("grade.item_error", id=i, detail=message), 0, assignment.name)
            for i in assignment.ids if i in items]


def _failed(course, items, name, path, why):
    message = msg("grade.failed_on_notebook", why=why, fault=msg("grade.fault"))
    return {"path": str(path), "exercises": _fault(course.assignments[name], items, message), "notes": []}


def _match(learner, course):
    """match(learner, course), or for a learner it fails on a Match whose every assignment is the grader's error."""
    try:
        return match(learner, course)
    except Exception as exc:  # a grader bug on one learner's files costs that learner only
        return Match(notes=list(learner.notes), failed=f"{type(exc).__name__}: {str(exc)[:200]}")


def learner_report(learner, matched, graded, course, items):
    """One learner's entry: every selected assignment's exercises, graded, missing, linked or unreadable."""
    exercises, notebooks, notes = [], {}, list(matched.notes)
    for name, assignment in course.assignments.items():
        if learner.given and matched.failed is None and not (
                name in graded or name in matched.links or name in matched.unreadable):
            continue  # notebooks named on the command line: graded for their own assignments, not the whole course
        if matched.failed is not None:
            why = msg("grade.failed_on_learner", why=matched.failed, fault=msg("grade.fault"))
            exercises += _fault(assignment, items, why)
            notebooks[name] = None
        elif name in graded:
            part = graded[name]
            exercises += part["exercises"]
            notes += [msg("grade.assignment_note", name=name, note=n) for n in part["notes"]]
            notebooks[name] = part["path"]
        elif name in matched.links:
            link, target = matched.links[name]
            exercises += _fault(assignment, items, msg("grade.link_scored", file=link.name, target=target))
            notebooks[name] = str(link)
        elif name in matched.unreadable:
            path, why = matched.unreadable[name]
            exercises += _fault(assignment, items, msg("grade.file_problem", file=path.name, problem=why))
            notebooks[name] = str(path)
        else:
            exercises += [entry(items[i], "not_attempted", msg("grade.not_submitted", id=i, name=name), 0, name)
                          for i in assignment.ids if i in items]
            notebooks[name] = None
    return {"learner": learner.name, "path": str(learner.path), "score": sum(e["points"] for e in exercises),
            "max_score": sum(e["max_points"] for e in exercises), "notebooks": notebooks, "exercises": exercises,
            "notes": notes}


def notices(todo, matches, course):
    """The teacher's warnings from matching: one line for other assignments' notebooks, one per learner that two
    download names claim (two students of one name?); never one line per file."""
    lines, others = [], [p for ln in todo for p in matches[id(ln)].others]
    if others:
        names = sorted({course.other(p, None) or "?" for p in others} - {"?"})
        lines.append(f"{len(others)} notebooks of other assignments ({', '.join(names) or 'by their exercise ids'}) "  # not learner-facing: the teacher's
                     f"were not graded: only {', '.join(course.assignments)} was selected (--assignment)")
    for ln in todo:
        for name, identities in matches[id(ln)].identities.items():
            lines.append(f"learner {ln.name!r}: {len(identities)} different download names give {name} "  # not learner-facing: the teacher's
                         f"({', '.join(identities)}): two students of the same name? Use a --learner-pattern that "
                         "captures an id (the README's Canvas and Moodle id patterns)")
    return lines


def grade_class(learners, course, *, seed, items_files=(), isolation="bubblewrap", jobs=1, timeout=10, total_timeout=None,
                memory_mb=1024, progress=True, on_learner=None, resume=(), warnings=None):
    """[learner entries], in the learners' order; each also goes to on_learner(entry) as soon as it is complete.

    isolation: the mode (sandbox.MODES) the caller chose, and checked with sandbox.choose, for this run.
    warnings: a list that receives the teacher's warnings from matching (see notices), before any grading.
    """
    items = all_items(items_files)
    limits = dict(timeout=timeout, total_timeout=total_timeout, memory_mb=memory_mb)
    todo = [ln for ln in learners if (ln.name, str(ln.path)) not in set(resume)]
    matches = {id(ln): _match(ln, course) for ln in todo}
    if warnings is not None:
        warnings.extend(notices(todo, matches, course))
    tasks = [(ln, name, path) for ln in todo for name, path in matches[id(ln)].files.items()]
    graded = {id(ln): {} for ln in todo}
    waiting = {id(ln): len(matches[id(ln)].files) for ln in todo}
    reports = {}

    def finish(ln):
        reports[id(ln)] = learner_report(ln, matches[id(ln)], graded[id(ln)], course, items)
        if on_learner is not None:
            on_learner(reports[id(ln)])

    for ln in todo:
        if waiting[id(ln)] == 0:
            finish(ln)
    done, total = 0, len(tasks)
    if progress:
        _progress(0, total)

    def record(ln, name, result):
        nonlocal done
        graded[id(ln)][name] = result
        waiting[id(ln)] -= 1
        if waiting[id(ln)] == 0:
            finish(ln)
        done += 1
        if progress:
            _progress(done, total)

    def pool(workers):
        return ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                                   initargs=(tuple(map(str, items_files)), isolation))

    retry = []
    executor = pool(max(1, jobs))
    try:
        futures = {executor.submit(_grade_task, path, name, course.folder, seed, limits): (ln, name, path)
                   for ln, name, path in tasks}
        for future in as_completed(futures):
            ln, name, path = futures[future]
            try:
                result = future.result()
            except BrokenProcessPool:  # a worker died: its neighbours are retried, each alone
                retry.append((ln, name, path))
                continue
            except Exception as exc:  # a grader bug costs this notebook only
                result = _failed(course, items, name, path, f"{type(exc).__name__}: {str(exc)[:200]}")
            record(ln, name, result)  # saves (on_learner) outside the try: a failed save is not the learner's
    except BaseException:  # Ctrl-C (what was graded has reached on_learner), or a save that failed: stop at once
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    executor.shutdown()
    for ln, name, path in retry:
        with pool(1) as executor:
            try:
                result = executor.submit(_grade_task, path, name, course.folder, seed, limits).result()
            except BrokenProcessPool:
                result = _failed(course, items, name, path, msg("grade.worker_died"))
            except Exception as exc:
                result = _failed(course, items, name, path, f"{type(exc).__name__}: {str(exc)[:200]}")
        record(ln, name, result)
    return [reports[id(ln)] for ln in todo]


def grade_paths(paths, *, course=None, assignments=(), items_files=(), learner_pattern=None, seed=0, isolation="bubblewrap",
                **options):
    """The whole report (as `lstmlab grade --json` writes it) for the submissions under paths; for scripts and tests."""
    import datetime

    from .. import __version__
    from .course import Course
    from .report import report
    from .sandbox import choose, secrets
    items = all_items(items_files)
    chosen = Course.find(course).select(list(assignments))
    found = find_learners(paths, learner_pattern)
    chosen_isolation = choose(isolation, secrets(paths, items_files, chosen.folder))
    subs = grade_class(found, chosen, seed=seed, items_files=items_files, isolation=isolation, **options)
    data = report(subs, course=chosen, items=items, seed=seed, isolation=chosen_isolation, version=__version__,
                  graded_at=datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"))
    data["isolation"] = chosen_isolation.record()
    return data
