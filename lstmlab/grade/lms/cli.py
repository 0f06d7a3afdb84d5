"""`lstmlab gradebook canvas|moodle|feedback|summary`: views of one results JSON (`lstmlab grade --json`) that an LMS
imports unchanged, that learners read, or that show the class at a glance."""
import html
import json
import sys
from pathlib import Path

from ...messages import CATALOGUES, msg


def add_arguments(parser):
    sub = parser.add_subparsers(dest="view", required=True, metavar="VIEW")
    canvas = sub.add_parser("canvas", help="fill Canvas's gradebook export (Grades > Export) for Grades > Import")
    canvas.add_argument("export", metavar="EXPORT.csv", help="the gradebook CSV Canvas exported")
    moodle = sub.add_parser("moodle", help="fill an assignment's Moodle grading worksheet for 'Upload grading worksheet'")
    moodle.add_argument("export", metavar="WORKSHEET.csv", help="the worksheet Moodle's 'Download grading worksheet' gave")
    moodle.add_argument("--assignment", metavar="NAME", help="the assignment this worksheet is for (when the results "
                        "hold several)")
    moodle.add_argument("--comments", action="store_true", help="also fill 'Feedback comments' with each learner's "
                        "verdicts")
    for p in (canvas, moodle):
        p.add_argument("results", metavar="RESULTS.json", help="the report lstmlab grade --json wrote")
        p.add_argument("--out", required=True, metavar="FILE", help="the file to import (never the export itself)")
        p.add_argument("--scale", action="store_true", help="rescale totals to the LMS's maximum where it differs")
    canvas.add_argument("--column", action="append", metavar="HEADER|ASSIGNMENT=HEADER", help="the gradebook column "
                        "of an assignment (default: its name; 'Week 1' matches 'Week 1 (4567)'); repeatable")
    feedback = sub.add_parser("feedback", help="one feedback page per learner (HTML and Markdown), named for upload")
    summary = sub.add_parser("summary", help="the class at a glance: pass rates, score histograms, mistakes ranked")
    for p in (feedback, summary):
        p.add_argument("results", metavar="RESULTS.json", help="the report lstmlab grade --json wrote")
        p.add_argument("--language", choices=sorted(CATALOGUES), default=None, help="the page's language "
                       "(default: the results' feedback language)")
    feedback.add_argument("--out", required=True, metavar="DIR", help="the folder to write the pages in")
    feedback.add_argument("--zip", metavar="FILE", help="also put the pages in this zip, for Moodle's 'Upload multiple "
                          "feedback files in a zip' or Canvas's 'Re-Upload Submissions'")
    summary.add_argument("--out", required=True, metavar="FILE.html", help="the page to write")


def read_results(path):
    """The results JSON; ValueError saying what was expected when it is not lstmlab grade's report."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"{path}: expected the JSON report of lstmlab grade --json ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("submissions"), list) or "assignments" not in data:
        raise ValueError(f"{path}: expected the JSON report of lstmlab grade --json (with assignments and "
                         "submissions)")
    return data


def moodle_comments(data, assignment):
    """{learner: HTML for Moodle's Feedback comments}: score, then each exercise's verdict on its own line."""
    out = {}
    for sub in data["submissions"]:
        lines = [html.escape(e["feedback"]) for e in sub["exercises"] if e.get("assignment") == assignment]
        out[sub["learner"]] = "<br>".join(lines)
    return out


def run(args):
    data = read_results(args.results)
    if args.view in ("canvas", "moodle"):
        if Path(args.out).resolve() == Path(args.export).resolve():
            raise ValueError(f"--out {args.out} is the export itself: write the import file beside it")
        if args.view == "canvas":
            from .canvas import gradebook
            outcome = gradebook(args.export, data, args.out, column=args.column, scale=args.scale)
        else:
            from .moodle import gradebook, pick_assignment
            comments = moodle_comments(data, pick_assignment(data, args.assignment)) if args.comments else None
            outcome = gradebook(args.export, data, args.out, assignment=args.assignment, scale=args.scale,
                                comments=comments)
        for line in outcome.lines():
            print(line, file=sys.stderr)
        print(msg("lms.wrote", path=args.out))
        return 0 if outcome.filled else 1  # as lstmlab grade: 1 when nothing matched (a wrong file, a wrong pattern)
    if args.view == "feedback":
        from .feedback import write_pages, write_zip
        pages = write_pages(data, args.out, args.language)
        print(msg("lms.wrote_pages", n=len(pages), folder=args.out))
        if args.zip:
            write_zip(pages, Path(args.out), args.zip)
            print(msg("lms.wrote", path=args.zip))
        return 0
    from .summary import write_summary
    write_summary(data, args.out, args.language)
    print(msg("lms.wrote", path=args.out))
    return 0
