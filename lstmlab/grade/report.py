"""The grader's outputs: a readable table, the JSON report, a CSV gradebook an LMS imports, Gradescope's results.

Files are written whole and atomically (a temporary file, then a rename), so a reader never sees half a report.
"""
import csv
import io
import json
import os
import re
import tempfile
from pathlib import Path


def report(submissions, *, course, items, seed, isolation, graded_at, version, warnings=(), language="en"):
    """The JSON-able report: provenance (version, seed, time, isolation, feedback language, pristine hashes), learners."""
    ids = gradebook_ids(course, items)
    return {"lstmlab_version": version, "seed": seed, "graded_at": graded_at, "language": language,
            "sandbox": isolation.detail if isolation.sandboxed else False,
            "course": {"source": course.source, "notebooks": {a.name: a.sha256 for a in course.assignments.values()}},
            "assignments": list(course.assignments), "max_score": sum(items[i].points for i in ids),
            "warnings": list(warnings), "submissions": list(submissions)}


def gradebook_ids(course, items):
    """The graded exercise ids of the selected assignments, in course order."""
    return [i for a in course.assignments.values() for i in a.ids if i in items]


def table(data):
    """A plain-text table: one block per learner, one line per exercise."""
    lines = []
    for sub in data["submissions"]:
        lines.append(f"{sub['learner']} ({sub['path']})  {sub['score']}/{sub['max_score']}")
        for note in sub.get("notes", []):
            lines.append(f"  note: {note}")
        for e in sub["exercises"]:
            feedback = re.sub(rf"^{re.escape(e['id'])}\s*[:：]\s*", "", e["feedback"])  # its id is on the line already
            lines.append(f"  {e['id']:<26} {e['points']:>2}/{e['max_points']:<2} {e['status']:<14} {feedback}")
    return "\n".join(lines)


def _atomic_write(path, text):
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", prefix=f".{path.name}.")
    with os.fdopen(fd, "w", newline="") as f:
        f.write(text)
    os.replace(tmp, path)


def write_json(data, path):
    _atomic_write(path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")


def gradebook_csv(data, ids):
    """learner, one column per exercise, total; the second row is Canvas's "Points Possible" row."""
    maxima = {}
    for sub in data["submissions"]:
        for e in sub["exercises"]:
            maxima.setdefault(e["id"], e["max_points"])
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["learner", *ids, "total"])
    writer.writerow(["Points Possible", *[maxima.get(i, "") for i in ids], sum(maxima.get(i, 0) for i in ids)])
    for sub in data["submissions"]:
        points = {e["id"]: e["points"] for e in sub["exercises"]}
        writer.writerow([sub["learner"], *[points.get(i, "") for i in ids], sum(points.get(i, 0) for i in ids)])
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
