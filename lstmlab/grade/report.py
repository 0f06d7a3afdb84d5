"""The grader's outputs: a readable table, the JSON report, a CSV gradebook an LMS imports, Gradescope's results.

Files are written whole and atomically (a temporary file, then a rename), so a reader never sees half a report.
Learners' text (names, file names, exception messages) is untrusted: no string can make a file fail to be written
(UTF-8, with a lone surrogate or an undecodable file name kept as a backslash escape), the table a teacher reads
in a terminal shows control characters as escapes, and the CSV gradebook defuses spreadsheet formulas.
"""
import csv
import io
import json
import os
import re
import tempfile
from pathlib import Path

from .lms.names import identity


def report(submissions, *, course, items, seed, isolation, graded_at, version, warnings=(), language="en"):
    """The JSON-able report: provenance (version, seed, time, isolation, feedback language, pristine hashes), learners."""
    ids = gradebook_ids(course, items)
    return {"lstmlab_version": version, "seed": seed, "graded_at": graded_at, "language": language,
            "sandbox": isolation.detail if isolation.sandboxed else False,
            "course": {"source": course.source, "notebooks": {a.name: a.sha256 for a in course.assignments.values()}},
            "assignments": list(course.assignments), "max_score": sum(items[i].points for i in ids),
            "warnings": list(warnings), "submissions": [with_late(s) for s in submissions]}


def with_late(sub):
    """sub with `late`: the assignments whose graded file carries Canvas's LATE mark (read from its download name)."""
    return {**sub, "late": identity(sub)["late"]}


def gradebook_ids(course, items):
    """The graded exercise ids of the selected assignments, in course order."""
    return [i for a in course.assignments.values() for i in a.ids if i in items]


# C0 and C1 controls, DEL, line and paragraph separators, bidirectional overrides and isolates, lone surrogates
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text):
    """text for a terminal: every control character as a visible escape (\\n, \\x1b, \\u202e), so a learner's
    text can neither forge a line of the table nor send the terminal an escape sequence."""
    return UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode(), str(text))


def table(data):
    """A plain-text table: one block per learner, one line per exercise; learners' text made printable."""
    lines = []
    for sub in data["submissions"]:
        lines.append(f"{printable(sub['learner'])} ({printable(sub['path'])})  {sub['score']}/{sub['max_score']}")
        for note in sub.get("notes", []):
            lines.append(f"  note: {printable(note)}")
        for e in sub["exercises"]:
            feedback = re.sub(rf"^{re.escape(e['id'])}\s*[:：]\s*", "", e["feedback"])  # its id is on the line already
            lines.append(f"  {printable(e['id']):<26} {e['points']:>2}/{e['max_points']:<2} {printable(e['status']):<14} "
                         f"{printable(feedback)}")
    return "\n".join(lines)


def _atomic_write(path, text):
    """text as UTF-8, whatever it holds: a lone surrogate (an undecodable file name) becomes a \\udcff escape."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # hidden, and on the same file system
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(text.encode(errors="backslashreplace"))  # UTF-8
    except BaseException:
        os.unlink(tmp)
        raise
    os.replace(tmp, path)


def write_json(data, path):
    """Valid JSON in UTF-8 for any strings: a lone surrogate is written as JSON's own escape (\\ud800), and
    json.loads gives it back."""
    _atomic_write(path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")


FORMULA = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may take for the start of a formula


def _cell(value):
    """A CSV cell: numbers as they are; text that a spreadsheet would run as a formula gets a leading ' (OWASP)."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA) else value


def gradebook_csv(data, ids):
    """learner, one column per exercise, total (and `late` when a file carried Canvas's LATE mark); the second row
    is Canvas's "Points Possible" row; then the learners in the JSON's order. An exercise a learner has no entry for
    is an empty cell."""
    maxima = {}
    for sub in data["submissions"]:
        for e in sub["exercises"]:
            maxima.setdefault(e["id"], e["max_points"])
    out = io.StringIO()
    writer = csv.writer(out)
    late = any(s.get("late") for s in data["submissions"])
    rows = [["learner", *ids, "total", *(["late"] if late else [])],
            ["Points Possible", *[maxima.get(i, "") for i in ids], sum(maxima.get(i, 0) for i in ids),
             *([""] if late else [])]]
    for sub in data["submissions"]:
        points = {e["id"]: e["points"] for e in sub["exercises"]}
        rows.append([sub["learner"], *[points.get(i, "") for i in ids], sum(points.get(i, 0) for i in ids),
                     *([" ".join(sub.get("late", []))] if late else [])])
    writer.writerows([[_cell(v) for v in row] for row in rows])
    return out.getvalue()


def write_csv(data, ids, path):
    _atomic_write(path, gradebook_csv(data, ids))


def gradescope_results(sub):
    """Gradescope's results.json for one learner: score, and one test per exercise with its feedback."""
    tests = [{"name": f"{e['assignment']}: {e['id']}", "score": e["points"], "max_score": e["max_points"],
              "output": e["feedback"], "status": "passed" if e["status"] == "passed" else "failed"}
             for e in sub["exercises"]]
    return {"score": sub["score"], "tests": tests, "output": "\n".join(sub.get("notes", [])),
            "visibility": "visible"}
