"""A class with one attacker per red-team finding beside an honest learner: the real `lstmlab grade` finishes with
its table, JSON and CSV, the honest learner gets 5/5, each attacker costs only its own row, and no learner's text
can break a file, forge a line of the teacher's table or plant a spreadsheet formula."""
import csv
import json
import os
import re
import subprocess
import sys

import nbformat
import pytest

from lstmlab.grade import batch, collect
from lstmlab.grade.course import Course
from grading_helpers import ROOT, submission

WEEK = "01_one_cell"
MALLORY = "mallory\r\nann (class)  5\u22155 \x1b[2J\x1b]0;owned\x07"  # a folder name that forges a line of the table
RAISES = 'raise ValueError("\\ud800 boom\\n  lstm_param_count  1/1 passed \\x1b[31m")'  # a lone surrogate, a fake line
FORMULA = '=HYPERLINK("http:evil.example","grades")'
ZED = os.fsdecode(b"zed\xff")  # a folder name that is not UTF-8
DEPTH = 1100


def nest(folder, remove=False):
    """Make (or remove) folder/a/a/.../a, DEPTH levels, from inside: the path is longer than PATH_MAX."""
    cwd = os.getcwd()
    try:
        os.chdir(folder)
        for _ in range(DEPTH):
            os.makedirs("a", exist_ok=True)
            os.chdir("a")
        for _ in range(DEPTH if remove else 0):  # shutil.rmtree would recurse DEPTH deep
            os.chdir("..")
            if not os.listdir("a"):
                os.rmdir("a")
    finally:
        os.chdir(cwd)


def attackers(tmp, root):
    """One learner per finding beside ann (honest)."""
    submission(root, f"{WEEK}.ipynb", folder="ann")
    answer = f"def lstm_param_count(units, features):\n    {RAISES}\n"  # findings 1, 8
    submission(root, f"{WEEK}.ipynb", {"lstm_param_count": answer}, folder=MALLORY)
    stray = root / ZED / os.fsdecode(b"notes\xff.ipynb")  # finding 1: undecodable names, in a note
    stray.parent.mkdir(parents=True)
    nbformat.write(nbformat.v4.new_notebook(), str(stray))
    five = submission(root, f"{WEEK}.ipynb", folder="five")  # finding 2: "source": 5 in an answer cell
    nb = json.loads(five.read_text())
    next(c for c in nb["cells"] if c["metadata"].get("lstmlab", {}).get("exercise") == "lstm_param_count")["source"] = 5
    five.write_text(json.dumps(nb))
    submission(root / "deep" / "a", f"{WEEK}.ipynb", folder="a")  # finding 3: found two levels down, beside
    nest(root / "deep")  # 1100 nested folders
    (root / "fifo").mkdir()  # finding 17: a FIFO where the notebook should be
    os.mkfifo(root / "fifo" / f"{WEEK}.ipynb")
    leaked = submission(tmp, f"{WEEK}.ipynb", folder="answers")  # finding 12: a hard link to a file elsewhere
    (root / "hardy").mkdir()
    os.link(leaked, root / "hardy" / f"{WEEK}.ipynb")
    (root / FORMULA).mkdir()  # finding 9: a learner's name a spreadsheet would run


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The class, graded once by `lstmlab grade` (exit code 0): (the table, the JSON data, the CSV rows)."""
    tmp = tmp_path_factory.mktemp("robust")
    root = tmp / "class"
    try:
        attackers(tmp, root)
        run = subprocess.run([sys.executable, "-m", "lstmlab", "grade", str(root), "--assignment", WEEK, "--quiet",
                              "--jobs", "2", "--seed", "5", "--json", str(tmp / "g.json"), "--csv", str(tmp / "g.csv")],
                             capture_output=True, text=True, cwd=ROOT, timeout=300)
        assert run.returncode == 0, run.stderr
        with open(tmp / "g.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        yield run.stdout, json.loads((tmp / "g.json").read_bytes()), rows
    finally:
        nest(root / "deep", remove=True)


def test_every_attacker_costs_only_its_own_row_and_the_outputs_stay_sound(graded):
    out, data, rows = graded
    subs = {s["learner"]: s for s in data["submissions"]}
    assert set(subs) == {"ann", MALLORY, ZED, "five", "deep", "fifo", "hardy", FORMULA}
    assert subs["ann"]["score"] == subs["deep"]["score"] == 5 == subs["ann"]["max_score"]
    status = {name: {e["id"]: e["status"] for e in s["exercises"]} for name, s in subs.items()}
    feedback = {name: " ".join(e["feedback"] for e in s["exercises"]) for name, s in subs.items()}
    notes = {name: " ".join(s["notes"]) for name, s in subs.items()}
    assert status[MALLORY]["lstm_param_count"] == "error" and "? boom\n" in feedback[MALLORY]  # JSON: its text (the lone surrogate read as ?)
    assert "notes\udcff.ipynb" in notes[ZED] and set(status[ZED].values()) == {"not_attempted"}
    assert set(status["five"].values()) == {"error"} and "not a valid Jupyter notebook" in feedback["five"]
    assert "more than 8 levels deep were not searched" in notes["deep"]
    assert set(status["fifo"].values()) == {"not_attempted"} and "is not a regular file" in notes["fifo"]
    # a hard link is graded as the file it names: only someone on the teacher's machine can make one, a copy would
    # score the same, and refusing them would zero a whole class copied with `cp -al` or `rsync --link-dest`
    assert subs["hardy"]["score"] == 5
    # the CSV: formulas defused, numbers kept, undecodable names escaped
    learners = {r[0]: r for r in rows[2:]}
    assert rows[1] == ["Points Possible", "3", "1", "1", "5"] and learners["ann"][1:] == ["3", "1", "1", "5"]
    assert "'" + FORMULA in learners and FORMULA not in learners and learners["'" + FORMULA][-1] == "0"
    assert "zed\\udcff" in learners and MALLORY in learners
    # the table: every control character escaped, one line per learner, none forged
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]", out)
    heads = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert len(heads) == len(subs) and not any(line.lstrip().startswith("ann (class)") for line in out.splitlines())
    assert any(line.startswith("mallory\\r\\nann (class)  5\u22155 \\x1b[2J\\x1b]0;owned\\x07 (") for line in heads)
    assert "? boom\\n  lstm_param_count  1/1 passed \\x1b[31m" in out


def test_a_learner_the_grader_fails_on_and_a_failed_save_stop_nobody_else(tmp_path, monkeypatch):
    """match() failing on one learner costs that learner (error, the grader's fault); a save that fails is the
    grader's own error, raised, never recorded as a learner's."""
    submission(tmp_path, f"{WEEK}.ipynb", folder="ann")
    submission(tmp_path, f"{WEEK}.ipynb", folder="boom")
    real = batch.match
    monkeypatch.setattr(batch, "match", lambda ln, course: 1 / 0 if ln.name == "boom" else real(ln, course))
    seen = []

    def save(entry):
        seen.append(entry)
        if entry["learner"] == "ann":
            raise OSError("disk full")

    learners = collect.learners([tmp_path / "boom", tmp_path / "ann"])
    with pytest.raises(OSError, match="disk full"):
        batch.grade_class(learners, Course.find().select([WEEK]), seed=1, jobs=1, progress=False, on_learner=save)
    boom, ann = seen
    assert boom["learner"] == "boom" and {e["status"] for e in boom["exercises"]} == {"error"}
    assert all("ZeroDivisionError" in e["feedback"] and "the grader's fault" in e["feedback"] for e in boom["exercises"])
    assert ann["learner"] == "ann" and ann["score"] == 5
