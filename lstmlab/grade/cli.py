"""`lstmlab grade PATH...`: grade a class (or one learner, or one notebook) in a sandbox; table, JSON, CSV."""
import datetime
import json
import os
import secrets
import sys
from pathlib import Path


def add_arguments(parser):
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="a notebook, a learner's folder of notebooks, or a class: a folder of learners' folders")
    parser.add_argument("--course", metavar="DIR", help="grade against this course's exercise notebooks "
                        "(a folder holding exercises/, or the notebooks); default: this clone's, else the installed ones")
    parser.add_argument("--assignment", action="append", default=[], metavar="NAME",
                        help="grade only this exercise notebook (its stem, e.g. 01_one_cell); repeatable")
    parser.add_argument("--items", action="append", default=[], metavar="FILE",
                        help="a Python file defining ITEMS: graded items of your own; repeatable")
    parser.add_argument("--learner-pattern", metavar="REGEX", help="flat LMS downloads: the learner is this regex's "
                        "`learner` group (else group 1) in each file's path; see the README for Canvas and Moodle")
    parser.add_argument("--json", metavar="FILE", help="write the full report as JSON (rewritten as each learner finishes)")
    parser.add_argument("--csv", metavar="FILE", help="write a gradebook: learner, one column per exercise, total")
    parser.add_argument("--resume", action="store_true", help="skip learners already in --json FILE (same seed)")
    parser.add_argument("--timeout", type=float, default=10, metavar="SECONDS", help="per-cell time limit (default 10)")
    parser.add_argument("--total-timeout", type=float, default=None, metavar="SECONDS",
                        help="time limit per notebook (default: timeout x (cells + 2 x exercises + 4))")
    parser.add_argument("--memory", type=int, default=1024, metavar="MB", help="memory limit of the learner's code")
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help="notebooks graded in parallel")
    parser.add_argument("--seed", type=int, default=None, help="fix the grade-time inputs (default: a fresh seed, "
                        "recorded in the JSON)")
    parser.add_argument("--isolation", choices=("bubblewrap", "uid"), default=None, help="how learners' code is "
                        "isolated: bubblewrap (default), or uid (as root: an unprivileged uid of its own, for "
                        "containers that forbid user namespaces; every teacher's file must be private to root)")
    parser.add_argument("--no-sandbox", action="store_true", help="deprecated: the same as --isolation uid")
    parser.add_argument("--gradescope-results", metavar="FILE", help="write Gradescope's results.json (one learner)")
    from ..messages import CATALOGUES
    parser.add_argument("--language", choices=sorted(CATALOGUES), default=None, help="the language of learners' feedback "
                        "(en, zh: Simplified Chinese); default: LSTMLAB_LANG, else English")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def choose_language(language):
    """Feedback in `language` (None: LSTMLAB_LANG's, else English), here and in every grading worker; returns it."""
    from ..messages import language as current, set_language
    if language:
        set_language(language)
        os.environ["LSTMLAB_LANG"] = language  # worker processes read it at their first message
    return current()


def _print(text):
    """Print whatever text holds, in whatever encoding stdout has (what it cannot show, as escapes)."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    print(text.encode(encoding, "backslashreplace").decode(encoding, "replace"))


def isolation_mode(args):
    """The isolation mode the options ask for: --isolation, or uid for the deprecated --no-sandbox."""
    if args.no_sandbox:
        if args.isolation == "bubblewrap":
            raise RuntimeError("--no-sandbox (the same as --isolation uid) contradicts --isolation bubblewrap")
        print("lstmlab grade: warning: --no-sandbox is deprecated: it now means --isolation uid (learners' code as an "
              "unprivileged uid; there is no grading without OS isolation)", file=sys.stderr)
        return "uid"
    return args.isolation or "bubblewrap"


def _isolation(args, course):
    from .sandbox import choose, secrets
    mode = isolation_mode(args)
    found = secrets(args.paths, args.items, course.folder, [args.json, args.csv, args.gradescope_results])
    return mode, choose(mode, found)


def gradescope_results(results, isolation):
    """Gradescope's results with the isolation that graded them: a first line for the student, and extra_data."""
    from ..messages import msg
    said = msg("grade.gradescope.isolation_uid" if isolation.name == "uid" else "grade.gradescope.isolation_bubblewrap")
    return {**results, "output": said + ("\n\n" + results["output"] if results.get("output") else ""),
            "extra_data": {**results.get("extra_data", {}), "isolation": isolation.record()}}


def run(args):
    from .. import __version__
    from ..checks.registry import all_items, contract_problems
    from . import collect, report
    from .batch import grade_class
    from .course import Course
    language = choose_language(args.language)
    items = all_items(args.items)
    course = Course.find(args.course).select(args.assignment)
    warnings = [p for a in course.assignments.values() for p in contract_problems(a.notebook, items, a.name)]
    for warning in warnings:
        print(f"lstmlab grade: warning: {warning}", file=sys.stderr)
    try:
        mode, isolation = _isolation(args, course)
    except RuntimeError as exc:
        print(f"lstmlab grade: {exc}", file=sys.stderr)
        return 2
    learners = collect.learners(args.paths, args.learner_pattern)
    kept, seed = [], args.seed
    if args.resume and args.json and Path(args.json).is_file():
        previous = json.loads(Path(args.json).read_text(encoding="utf-8"))
        kept, seed = previous["submissions"], previous["seed"] if args.seed is None else args.seed
    seed = secrets.randbits(32) if seed is None else seed
    graded_at = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    ids = report.gradebook_ids(course, items)
    done = list(kept)
    order = {(ln.name, str(ln.path)): k for k, ln in enumerate(learners)}

    def save():
        done.sort(key=lambda s: order.get((s["learner"], s["path"]), -1))  # the learners' order, whoever finished first
        data = report.report(done, course=course, items=items, seed=seed, isolation=isolation, graded_at=graded_at,
                             version=__version__, warnings=warnings, language=language)
        data["isolation"] = isolation.record()
        if args.json:
            report.write_json(data, args.json)
        if args.csv:
            report.write_csv(data, ids, args.csv)
        return data

    def on_learner(entry):
        done.append(entry)
        save()

    try:
        grade_class(learners, course, seed=seed, items_files=args.items, isolation=mode,
                    jobs=max(1, args.jobs), timeout=args.timeout, total_timeout=args.total_timeout,
                    memory_mb=args.memory, progress=not args.quiet, on_learner=on_learner,
                    resume=[(s["learner"], s["path"]) for s in kept])
    except KeyboardInterrupt:
        save()
        print(f"\nlstmlab grade: interrupted; {len(done)} learners kept" + (f" in {args.json}" if args.json else "")
              + ": run again with --resume to grade the rest", file=sys.stderr)
        return 130
    data = save()
    _print(report.table(data))
    if args.gradescope_results:
        first = data["submissions"][0] if data["submissions"] else {"score": 0, "exercises": [], "notes": []}
        Path(args.gradescope_results).parent.mkdir(parents=True, exist_ok=True)
        report.write_json(gradescope_results(report.gradescope_results(first), isolation), args.gradescope_results)
    if not any(s["notebooks"].get(a) for s in data["submissions"] for a in course.assignments):
        print(f"lstmlab grade: no notebook under {', '.join(args.paths)} matches any exercise of "
              f"{', '.join(course.assignments)} (by name or by exercise ids)", file=sys.stderr)
        return 1
    return 0
