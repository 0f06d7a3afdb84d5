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
                        help="a Python file defining ITEMS: graded items of your own; repeatable (a --course folder's "
                        "items/*.py, as a release carries them, are used as well)")
    parser.add_argument("--learner-pattern", metavar="REGEX", help="flat LMS downloads: the learner is this regex's "
                        "`learner` group (else group 1) in each file's path; see the README for Canvas and Moodle")
    parser.add_argument("--json", metavar="FILE", help="write the full report as JSON (rewritten as each learner finishes)")
    parser.add_argument("--csv", metavar="FILE", help="write a gradebook: learner, one column per exercise, total")
    parser.add_argument("--feedback", metavar="DIR", help="write one feedback page per learner (HTML and Markdown, "
                        "named for Moodle's feedback zip and Canvas's re-upload) in DIR; also: lstmlab gradebook feedback")
    parser.add_argument("--summary", metavar="FILE", help="write the class at a glance (pass rates, score histograms, "
                        "mistakes ranked) as HTML; also: lstmlab gradebook summary")
    parser.add_argument("--resume", action="store_true", help="skip learners already in --json FILE (same seed)")
    parser.add_argument("--only", action="append", default=[], metavar="LEARNER",
                        help="re-grade only this learner (by name) into the existing --json FILE, with its seed; "
                        "the other learners' entries stay as they are; repeatable")
    parser.add_argument("--timeout", type=float, default=10, metavar="SECONDS", help="per-cell time limit (default 10)")
    parser.add_argument("--total-timeout", type=float, metavar="SECONDS",
                        help="time limit per notebook (default: timeout x (cells + 2 x exercises + 4))")
    parser.add_argument("--memory", type=int, default=1024, metavar="MB", help="memory limit of the learner's code")
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help="notebooks graded in parallel")
    parser.add_argument("--seed", type=int, help="fix the grade-time inputs (default: a fresh seed, "
                        "recorded in the JSON)")
    parser.add_argument("--isolation", choices=("bubblewrap", "uid"), help="how learners' code is "
                        "isolated: bubblewrap (default), or uid (as root: an unprivileged uid of its own, for "
                        "containers that forbid user namespaces; every teacher's file must be private to root)")
    parser.add_argument("--no-sandbox", action="store_true", help="deprecated: the same as --isolation uid")
    parser.add_argument("--gradescope-results", metavar="FILE", help="write Gradescope's results.json (one learner)")
    from ..messages import CATALOGUES
    parser.add_argument("--language", choices=sorted(CATALOGUES), help="the language of learners' feedback "
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
    print(text.encode(encoding, "backslashreplace").decode(encoding))  # backslashreplace leaves nothing undecodable


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


def _warn_merged(data):
    """Say so when files of several Canvas users were graded as one learner (two students of one name, grouped by name)."""
    from .lms.names import identity
    from .report import printable
    for sub in data["submissions"]:
        users = identity(sub)["canvas_user_ids"]
        if len(users) > 1:
            print(printable(f"lstmlab grade: warning: {sub['learner']} holds files of {len(users)} Canvas users "
                            f"({', '.join(users)}): two students of one name? Group by user id: "
                            "--learner-pattern '^[^_]+_(?:LATE_)?(?P<learner>\\d+)_\\d+_'"), file=sys.stderr)


GRADING_NEEDS = ("numpy", "nbformat", "IPython")  # what `lstmlab[grade]` installs; checked before any learner


def missing_dependencies():
    """The modules grading needs that this Python cannot import (each with its error)."""
    import importlib
    missing = []
    for name in GRADING_NEEDS:
        try:
            importlib.import_module(name)
        except ImportError as exc:
            missing.append(f"{name} ({exc})")
    return missing


def course_items(course, given=()):
    """The items files a course folder carries (DIR/items/*.py, as `lstmlab release --items` writes them), beyond
    the given ones: the notebooks' check() and the grader then use one definition."""
    if course is None:
        return []
    have = {Path(f).resolve() for f in given}
    return [str(p) for p in sorted((Path(course) / "items").glob("*.py")) if p.resolve() not in have]


def _given_assignments(paths, course):
    """The assignments the notebooks named on the command line are for (all paths files), else None."""
    from .collect import read_notebook
    if not paths or not all(Path(p).suffix == ".ipynb" or Path(p).is_file() for p in paths):
        return None
    names = set()
    for p in paths:
        try:
            nb = read_notebook(p)
        except ValueError:
            nb = None
        name, _ = course.match(p, nb)
        if name is not None:
            names.add(name)
    return [n for n in course.assignments if n in names] or None


def run(args):
    missing = missing_dependencies()
    if missing:
        print(f"lstmlab grade: cannot grade: this Python lacks {', '.join(missing)}. Install what grading needs: "  # not learner-facing: the teacher's terminal
              "pip install 'lstmlab[grade]' (or the wheel with [grade]); no learner was graded", file=sys.stderr)
        return 2
    if args.only and not (args.json and Path(args.json).is_file()):
        print("lstmlab grade: --only re-grades learners into an existing report: give --json FILE of an earlier "  # not learner-facing: the teacher's terminal
              f"run ({args.json or 'no --json given'})", file=sys.stderr)
        return 2
    from .. import __version__
    from ..checks.registry import all_items, contract_problems
    from . import collect, report
    from .batch import grade_class
    from .course import Course
    language = choose_language(args.language)
    carried = course_items(args.course, args.items)
    if carried:
        print(f"lstmlab grade: items from the course folder: {', '.join(carried)}", file=sys.stderr)
    args.items = [*args.items, *carried]
    items = all_items(args.items)
    course = Course.find(args.course)
    course.select(args.assignment or _given_assignments(args.paths, course) or [])
    warnings = [p for a in course.assignments.values() for p in contract_problems(a.notebook, items, a.name)]
    for warning in warnings:
        print(f"lstmlab grade: warning: {warning}", file=sys.stderr)
    try:
        mode, isolation = _isolation(args, course)
    except RuntimeError as exc:
        print(f"lstmlab grade: {exc}", file=sys.stderr)
        return 2
    learners = collect.learners(args.paths, args.learner_pattern)
    for name, where in collect.duplicates(learners).items():
        warnings.append(f"{len(where)} inputs map to the learner {name!r} ({', '.join(where)}): graded as separate "  # not learner-facing: the teacher's
                        "rows of the same name, never merged; rename one folder, or use a --learner-pattern that "
                        "captures an id")
    kept, seed = [], args.seed
    if args.only:
        previous = json.loads(Path(args.json).read_text(encoding="utf-8"))
        unknown = [n for n in args.only if n not in {ln.name for ln in learners}]
        if unknown:
            print(f"lstmlab grade: --only {', '.join(map(repr, unknown))}: no such learner under "  # not learner-facing
                  f"{', '.join(args.paths)}; the learners are: {', '.join(ln.name for ln in learners)}", file=sys.stderr)
            return 2
        learners = [ln for ln in learners if ln.name in args.only]
        kept = [s for s in previous["submissions"] if s["learner"] not in args.only]
        seed = previous["seed"] if args.seed is None else args.seed
    elif args.resume and args.json and Path(args.json).is_file():
        previous = json.loads(Path(args.json).read_text(encoding="utf-8"))
        kept, seed = previous["submissions"], previous["seed"] if args.seed is None else args.seed
    seed = secrets.randbits(32) if seed is None else seed
    graded_at = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    ids = report.gradebook_ids(course, items)
    done = list(kept)
    order = {(ln.name, str(ln.path)): k for k, ln in enumerate(learners)}
    if args.only:  # the report keeps its order: a re-graded learner takes its old place
        order = {(s["learner"], s["path"]): k for k, s in enumerate(previous["submissions"])}
        order.update({key: len(order) + k for k, key in enumerate((ln.name, str(ln.path)) for ln in learners)
                      if key not in order})

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
                    resume=[(s["learner"], s["path"]) for s in kept], warnings=warnings)
    except KeyboardInterrupt:
        save()
        print(f"\nlstmlab grade: interrupted; {len(done)} learners kept" + (f" in {args.json}" if args.json else "")
              + ": run again with --resume to grade the rest", file=sys.stderr)
        return 130
    data = save()
    _print(report.table(data))
    _warn_merged(data)
    if args.feedback:
        from .lms.feedback import write_pages
        write_pages(data, args.feedback)
    if args.summary:
        from .lms.summary import write_summary
        write_summary(data, args.summary)
    for warning in warnings:
        _print(f"warning: {warning}")
    if args.gradescope_results:
        first = data["submissions"][0] if data["submissions"] else {"score": 0, "exercises": []}
        Path(args.gradescope_results).parent.mkdir(parents=True, exist_ok=True)
        report.write_json(gradescope_results(report.gradescope_results(first), isolation), args.gradescope_results)
    if not any(s["notebooks"].get(a) for s in data["submissions"] for a in course.assignments):
        print(f"lstmlab grade: no notebook under {', '.join(args.paths)} matches any exercise of "
              f"{', '.join(course.assignments)} (by name or by exercise ids)", file=sys.stderr)
        return 1
    return 0
