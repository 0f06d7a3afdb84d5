"""The grader's outputs: a readable table, JSON, and a CSV gradebook with one row per learner."""
import csv
import json


def table(report):
    """A plain-text table: one block per submission, one line per exercise."""
    lines = []
    for sub in report["submissions"]:
        lines.append(f"{sub['path']}  {sub['score']}/{sub['max_score']}")
        for note in sub.get("notes", []):
            lines.append(f"  note: {note}")
        for e in sub["exercises"]:
            feedback = e["feedback"].split(": ", 1)[-1]
            lines.append(f"  {e['id']:<26} {e['points']:>2}/{e['max_points']:<2} {e['status']:<14} {feedback}")
    return "\n".join(lines)


def write_json(report, path):
    with open(path, "w") as f:
        json.dump(report, f, indent=1)


def write_csv(report, path):
    """One row per learner: path, score, max_score, then the points of every exercise id."""
    ids = []
    for sub in report["submissions"]:
        ids += [e["id"] for e in sub["exercises"] if e["id"] not in ids]
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["path", "score", "max_score", *ids])
        for sub in report["submissions"]:
            points = {e["id"]: e["points"] for e in sub["exercises"]}
            writer.writerow([sub["path"], sub["score"], sub["max_score"], *[points.get(i, "") for i in ids]])
