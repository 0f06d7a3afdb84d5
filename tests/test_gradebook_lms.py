"""The teacher's round trip for a class of 40 from a Canvas download: grade -> JSON -> Canvas's gradebook import file,
Moodle's grading worksheet, one feedback page per learner, the class summary. Fixtures follow the LMSs' documented
formats (Canvas's gradebook export, lib/gradebook_importer.rb; Moodle's grading worksheet, importgradeslib.php)."""
import csv
import io
import json
import re
import subprocess
import sys

import pytest

from grading_helpers import ROOT, answer_source, submission
from lstmlab.messages import msg

WEEK = "01_one_cell"
STEP = answer_source(f"{WEEK}.ipynb", "lstm_step")
COUNT = answer_source(f"{WEEK}.ipynb", "lstm_param_count")
WRONG = {"if_swapped": STEP.replace("i, f, c_tilde, o = np.split", "f, i, c_tilde, o = np.split"),
         "no_tanh_c": STEP.replace("h = o * np.tanh(c)", "h = o * c")}
CANVAS_ID = r"^[^_]+_(?:LATE_)?(?P<learner>\d+)_\d+_"
CANVAS_NAME = r"^(?P<learner>[^_]+)_(?:LATE_)?\d+_\d+_"
MOODLE_NUMBER = r"^[^/]+?_(?P<learner>\d+)_assignsubmission_file_"
HEADER = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Week 1: one cell (5501)", "Current Points",
          "Final Points", "Current Score", "Unposted Current Score", "Final Score", "Unposted Final Score"]
MOODLE_HEADER = ["Identifier", "Full name", "Email address", "Status", "Grade", "Maximum Grade", "Grade can be changed",
                 "Last modified (submission)", "Last modified (grade)", "Feedback comments"]


def planted(k):
    """Learner k's answers, mistake and exact score (lstm_step 3 + lstm_param_count 1 + split_gates 1)."""
    mistake = {0: "if_swapped", 1: "no_tanh_c"}.get(k % 5)
    answers = {"lstm_step": WRONG[mistake]} if mistake else {}
    if k % 8 == 3:
        answers["lstm_param_count"] = COUNT.replace("4 * (", "(")
    return answers, mistake, 5 - 3 * (mistake is not None) - (k % 8 == 3)


def login(k):
    return "doejane" if k < 2 else f"student{k:02d}"  # two students named Jane Doe


def lstmlab(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "lstmlab", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=600)


@pytest.fixture(scope="module")
def klass(tmp_path_factory):
    """40 learners downloaded from Canvas (user ids 1000..1039, every 7th LATE), graded once with every view."""
    root = tmp_path_factory.mktemp("canvas")
    for k in range(40):
        late = "LATE_" if k % 7 == 6 else ""
        submission(root, f"{WEEK}.ipynb", planted(k)[0], folder="download",
                   name=f"{login(k)}_{late}{1000 + k}_{7000 + k}_{WEEK}.ipynb")
    done = lstmlab("grade", root / "download", "--learner-pattern", CANVAS_ID, "--assignment", WEEK, "--jobs", "2",
                   "--seed", "3", "--json", root / "week1.json", "--csv", root / "week1.csv", "--quiet",
                   "--feedback", root / "feedback", "--summary", root / "summary.html")
    assert done.returncode == 0, done.stderr
    return root, json.loads((root / "week1.json").read_text())


def canvas_export(path, ids, extra=()):
    """A gradebook as Canvas exports it: header, Points Possible row, one row per student (ids), Test Student."""
    rows = [HEADER, ["    Points Possible", "", "", "", "", "5.00"] + ["(read only)"] * 6]
    for uid in [*ids, *extra]:
        rows.append([f"Student{uid}, Ann", str(uid), f"sis{uid}", f"login{uid}", "Section A", "", "0.00", "0.00",
                     "", "", "0.00", ""])
    rows.append(["Student, Test", "9999", "", "", "Section A", "", "", "", "", "", "", ""])
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path.write_text("\ufeff" + out.getvalue(), encoding="utf-8")  # Canvas writes a BOM
    return rows


def read_csv(path):
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def canvas_imports(rows):
    """{user id: {column title: grade}} as Canvas's importer reads a file (lib/gradebook_importer.rb): the header
    Student, ID, [SIS User ID, SIS Login ID,] Section; Points Possible and Muted/Manual Posting rows are no students;
    students by ID; read-only score columns skipped; an empty cell is no score."""
    header = rows[0]
    assert header[0].startswith("Student") and "ID" in header[1] and header[4] == "Section"
    assignments = [k for k, h in enumerate(header[5:], start=5)
                   if not re.search("Current|Final|Override", h)]
    students = {}
    for row in rows[1:]:
        if "Points Possible" in row[0] or all(re.match(r"^\s*(Muted|Manual Posting.*)?\s*$", c, re.I) for c in row):
            continue
        students[row[1]] = {re.sub(r"\s*\(\d+\)$", "", header[k]): row[k].strip() for k in assignments if row[k].strip()}
    return students


def moodle_imports(rows):
    """{participant id: grade} as Moodle's worksheet importer reads it (importgradeslib.php): the columns Identifier,
    Grade and Last modified (grade) must exist; the id is what follows "Participant "."""
    header = rows[0]
    ident, grade, _ = (header.index(c) for c in ("Identifier", "Grade", "Last modified (grade)"))
    return {row[ident][len("Participant "):]: row[grade] for row in rows[1:] if row[grade]}


def test_a_class_of_40_is_graded_as_planted_with_late_marks_in_json_and_csv(klass):
    root, data = klass
    scores = {s["learner"]: s["score"] for s in data["submissions"]}
    assert scores == {str(1000 + k): planted(k)[2] for k in range(40)}
    late = {s["learner"] for s in data["submissions"] if s["late"] == [WEEK]}
    assert late == {str(1000 + k) for k in range(40) if k % 7 == 6} and len(late) == 5
    rows = read_csv(root / "week1.csv")
    assert rows[0][-2:] == ["total", "late"] and rows[1][0] == "Points Possible"
    assert {r[0] for r in rows[2:] if r[-1] == WEEK} == late
    assert [r[0] for r in rows[2:]] == sorted(scores)  # the README: learners in the order they were found
    swapped = next(e for e in data["submissions"][0]["exercises"] if e["id"] == "lstm_step")
    assert swapped["mistake"]["key"] == "if_swapped" and swapped["mistake"]["name"] == msg("mistake.if_swapped")


def test_canvas_import_file_keeps_the_export_and_fills_one_column_by_user_id(klass, tmp_path):
    root, data = klass
    exported = canvas_export(tmp_path / "export.csv", [1000 + k for k in range(40)], extra=(2000, 2001))
    done = lstmlab("gradebook", "canvas", tmp_path / "export.csv", root / "week1.json", "--out", tmp_path / "import.csv",
                   "--column", "Week 1: one cell")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "import.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_csv(tmp_path / "import.csv")
    assert len(rows) == len(exported) and rows[0] == HEADER and rows[1] == exported[1]
    column = HEADER.index("Week 1: one cell (5501)")
    for before, after in zip(exported[2:], rows[2:]):
        assert after[:column] + after[column + 1:] == before[:column] + before[column + 1:]  # identity, read-only
    filled = {r[1]: r[column] for r in rows[2:]}
    assert filled == {**{str(1000 + k): str(planted(k)[2]) for k in range(40)}, "2000": "", "2001": "", "9999": ""}
    assert canvas_imports(rows) == {**{str(1000 + k): {"Week 1: one cell": str(planted(k)[2])} for k in range(40)},
                                    "2000": {}, "2001": {}, "9999": {}}
    assert msg("lms.filled", n=40) in done.stderr and msg("lms.left_empty", n=3) in done.stderr
    assert done.stderr.count("late: ") == 5


def test_canvas_reports_learners_it_cannot_match_and_adds_a_new_assignment_column(klass, tmp_path):
    root, data = klass
    canvas_export(tmp_path / "export.csv", [1000 + k for k in range(2, 40)])  # the two Jane Does are not enrolled
    done = lstmlab("gradebook", "canvas", tmp_path / "export.csv", root / "week1.json", "--out", tmp_path / "import.csv")
    assert done.returncode == 0, done.stderr
    rows = read_csv(tmp_path / "import.csv")
    assert rows[0] == HEADER + [WEEK] and rows[1][-1] == "5"  # a new assignment, with our points possible
    assert canvas_imports(rows)["1002"] == {WEEK: str(planted(2)[2])}
    for uid in ("1000", "1001"):
        assert msg("lms.unmatched", learner=uid, why=msg("lms.not_in_export", id=uid)) in done.stderr
    assert not any(r[1] in ("1000", "1001") for r in rows[2:])  # no row added for them
    assert lstmlab("gradebook", "canvas", root / "week1.csv", root / "week1.json", "--out", tmp_path / "x.csv").returncode == 2


def test_two_canvas_students_with_one_name_never_merge_silently(klass, tmp_path):
    root, _ = klass
    grades = {}
    (tmp_path / "jd").mkdir()
    for k in (0, 1):
        src = root / "download" / f"doejane_{1000 + k}_{7000 + k}_{WEEK}.ipynb"
        (tmp_path / "jd" / src.name).write_bytes(src.read_bytes())
    canvas_export(tmp_path / "export.csv", [1000, 1001])
    for pattern, learners in ((CANVAS_ID, ["1000", "1001"]), (CANVAS_NAME, ["doejane"])):
        done = lstmlab("grade", tmp_path / "jd", "--learner-pattern", pattern, "--assignment", WEEK, "--seed", "3",
                       "--json", tmp_path / "jd.json", "--quiet", "--jobs", "2")
        assert done.returncode == 0, done.stderr
        data = json.loads((tmp_path / "jd.json").read_text())
        assert [s["learner"] for s in data["submissions"]] == learners
        assert ("holds files of 2 Canvas users (1000, 1001)" in done.stderr) == (pattern == CANVAS_NAME)
        done = lstmlab("gradebook", "canvas", tmp_path / "export.csv", tmp_path / "jd.json", "--out", tmp_path / "i.csv",
                       "--column", "Week 1: one cell (5501)")
        assert done.returncode == (0 if pattern == CANVAS_ID else 1)  # nothing filled: 1
        grades[pattern] = ({r[1]: r[5] for r in read_csv(tmp_path / "i.csv")[2:4]}, done.stderr)
    assert grades[CANVAS_ID][0] == {"1000": "2", "1001": "2"}
    merged, said = grades[CANVAS_NAME]
    assert merged == {"1000": "", "1001": ""}  # nobody's grade given to the other
    assert msg("lms.several_users", ids="1000, 1001") in said


def moodle_worksheet(path, participants, maximum="5.00"):
    rows = [MOODLE_HEADER]
    for pid, name in participants:
        rows.append([f"Participant {pid}", name, f"{pid}@example.org", "Submitted for grading", "", maximum, "Yes",
                     "Monday, 7 December 2026, 9:00 AM", "-", ""])
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return rows


def test_moodle_worksheet_is_filled_by_participant_id_and_same_names_stay_apart(tmp_path):
    people = [(3001, "Jane Doe", 0), (3002, "Jane Doe", 2), (3003, "Bob Smith", 3), (3004, "Wu_Li", 4)]
    for pid, name, k in people:
        submission(tmp_path, f"{WEEK}.ipynb", planted(k)[0], folder=f"download/{name}_{pid}_assignsubmission_file_")
    done = lstmlab("grade", tmp_path / "download", "--learner-pattern", MOODLE_NUMBER, "--assignment", WEEK,
                   "--seed", "3", "--json", tmp_path / "m.json", "--quiet", "--jobs", "2",
                   "--feedback", tmp_path / "feedback")
    assert done.returncode == 0, done.stderr
    exported = moodle_worksheet(tmp_path / "ws.csv", [(3001, "Jane Doe"), (3002, "Jane Doe"), (3003, "Bob Smith"),
                                                      (3005, "Cleo Absent")])
    done = lstmlab("gradebook", "moodle", tmp_path / "ws.csv", tmp_path / "m.json", "--out", tmp_path / "up.csv",
                   "--comments")
    assert done.returncode == 0, done.stderr
    rows = read_csv(tmp_path / "up.csv")
    assert rows[0] == MOODLE_HEADER and len(rows) == len(exported)
    grade = MOODLE_HEADER.index("Grade")
    assert [r[grade] for r in rows[1:]] == [str(planted(0)[2]), str(planted(2)[2]), str(planted(3)[2]), ""]
    for before, after in zip(exported[1:], rows[1:]):
        assert after[:grade] + after[grade + 1:-1] == before[:grade] + before[grade + 1:-1]
    assert moodle_imports(rows) == {"3001": str(planted(0)[2]), "3002": str(planted(2)[2]), "3003": str(planted(3)[2])}
    assert "lstm_step" in rows[1][-1] and rows[4][-1] == ""  # Feedback comments, for the matched only
    assert msg("lms.unmatched", learner="3004", why=msg("lms.not_in_worksheet", id="3004")) in done.stderr
    # feedback files as Moodle's zip importer reads them: participant id after the first _, then the plugin
    names = sorted(p.relative_to(tmp_path / "feedback").as_posix() for p in (tmp_path / "feedback").rglob("*.html"))
    assert names == sorted(f"{n.replace('_', ' ')}_{pid}_assignsubmission_file_/feedback.html" for pid, n, _ in people)
    for name in names:
        info = name.split("/")[0].split("_", 4)
        assert info[1].isdigit() and info[2:4] == ["assignsubmission", "file"]
    done = lstmlab("gradebook", "feedback", tmp_path / "m.json", "--out", tmp_path / "fb2", "--zip", tmp_path / "fb.zip")
    assert done.returncode == 0, done.stderr
    import zipfile
    with zipfile.ZipFile(tmp_path / "fb.zip") as z:
        assert sorted(n for n in z.namelist() if n.endswith(".html")) == names and len(z.namelist()) == 8
    bad = tmp_path / "bad.csv"
    bad.write_text("Name,Grade\nann,3\n")
    done = lstmlab("gradebook", "moodle", bad, tmp_path / "m.json", "--out", tmp_path / "x.csv")
    assert done.returncode == 2 and "Identifier" in done.stderr


def test_each_learner_has_a_feedback_page_named_for_canvas_with_the_mistake_and_its_fix(klass):
    root, data = klass
    pages = sorted((root / "feedback").glob("*.html"))
    assert len(pages) == 40 and len(list((root / "feedback").glob("*.md"))) == 40
    assert pages[0].name == "doejane_1000_7000_feedback.html"  # Canvas: user id and attachment id of the download
    assert all(re.match(r"^[a-z0-9]+_\d+_\d+_feedback\.html$", p.name) for p in pages)
    page = (root / "feedback" / "doejane_1000_7000_feedback.html").read_text()
    assert msg("feedback.score", score=2, max_score=5) in page
    assert msg("line.mistake", name=msg("mistake.if_swapped")) in page
    assert "lstmlab-verdict lstmlab-failed" in page and "lstmlab-verdict lstmlab-passed" in page
    md = (root / "feedback" / "doejane_1000_7000_feedback.md").read_text()
    assert msg("mistake.if_swapped") in md and "**lstm\\_step**" in md
    late = (root / "feedback" / "student06_1006_7006_feedback.html").read_text()
    assert msg("feedback.late", assignments=WEEK) in late


def test_feedback_in_chinese_and_learner_text_escaped(klass, tmp_path):
    root, data = klass
    data = json.loads(json.dumps(data))
    data["submissions"] = data["submissions"][:1]
    data["submissions"][0]["learner"] = "<script>alert(1)</script>"
    data["submissions"][0]["notes"] = ["<img src=x onerror=alert(1)>"]
    (tmp_path / "r.json").write_text(json.dumps(data))
    done = lstmlab("gradebook", "feedback", tmp_path / "r.json", "--out", tmp_path / "fb", "--language", "zh")
    assert done.returncode == 0, done.stderr
    page = next((tmp_path / "fb").glob("*.html")).read_text()
    assert "<script>" not in page and "<img" not in page and "&lt;script&gt;" in page
    from lstmlab.messages import catalogue
    assert catalogue("zh")["feedback.notes"] in page and '<html lang="zh">' in page


def test_the_summary_ranks_the_class_mistakes(klass, tmp_path):
    root, data = klass
    page = (root / "summary.html").read_text()
    swapped = msg("summary.mistake", count=8, learners=40, name=msg("mistake.if_swapped"))
    no_tanh = msg("summary.mistake", count=8, learners=40, name=msg("mistake.no_tanh_c"))
    assert swapped in page and no_tanh in page
    passed = sum(planted(k)[1] is None for k in range(40))
    assert msg("summary.rate", count=passed, learners=40, percent=round(100 * passed / 40)) in page
    assert page.count("<svg") == 1 + 3  # the totals, and one histogram per exercise
    from lstmlab.grade.lms.summary import ranked_mistakes
    ranked = ranked_mistakes(data)
    assert ranked[:2] == sorted(ranked[:2]) and ranked[0][0] == 8 and {r[1] for r in ranked} == {"lstm_step",
                                                                                                 "lstm_param_count"}
    done = lstmlab("gradebook", "summary", root / "week1.json", "--out", tmp_path / "s.html", "--language", "zh")
    assert done.returncode == 0 and "8" in (tmp_path / "s.html").read_text()


def test_a_class_graded_in_chinese_gets_its_feedback_pages_in_chinese(tmp_path):
    from lstmlab.messages import catalogue
    zh = catalogue("zh")
    submission(tmp_path, f"{WEEK}.ipynb", planted(0)[0], folder="download", name=f"wangfang_1100_7100_{WEEK}.ipynb")
    done = lstmlab("grade", tmp_path / "download", "--learner-pattern", CANVAS_ID, "--assignment", WEEK, "--seed", "3",
                   "--language", "zh", "--quiet", "--feedback", tmp_path / "fb")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "fb" / "wangfang_1100_7100_feedback.html").read_text()
    md = (tmp_path / "fb" / "wangfang_1100_7100_feedback.md").read_text()
    for text in (zh["mistake.if_swapped"], zh["feedback.title"].format(learner="wangfang (1100)"),
                 zh["headline.failed"].format(points=0, max_points=3)):
        assert text in page and text in md


def synthetic(paths_scores):
    """A results JSON of one 5-point assignment: {download path: score} (what the views read, nothing graded)."""
    subs = [{"learner": f"l{k}", "path": "d", "score": score, "max_score": 5, "notebooks": {WEEK: path}, "notes": [],
             "exercises": [{"id": "lstm_step", "assignment": WEEK, "points": score, "max_points": 5,
                            "status": "passed" if score == 5 else "failed", "feedback": "lstm_step: ..."}]}
            for k, (path, score) in enumerate(paths_scores.items())]
    return {"assignments": [WEEK], "max_score": 5, "language": "en", "submissions": subs}


def test_a_semicolon_export_with_a_manual_posting_row_keeps_its_form(tmp_path):
    from lstmlab.grade.lms import canvas
    text = ("Student;ID;SIS User ID;SIS Login ID;Section;Week 1 (11);Final Score\r\n"
            "    Points Possible;;;;;10,00;(read only)\r\n"
            ";;;;;Manual Posting;\r\n"
            "\"Doe; Jane\";1000;;;A;;\r\n")
    (tmp_path / "e.csv").write_text(text, newline="")
    data = synthetic({f"d/doejane_1000_7_{WEEK}.ipynb": 4})
    outcome = canvas.gradebook(tmp_path / "e.csv", data, tmp_path / "i.csv", column=["Week 1"], scale=True)
    out = (tmp_path / "i.csv").read_bytes().decode()
    assert out == text.replace(";1000;;;A;;", ";1000;;;A;8;")  # rescaled to Canvas's 10 points, nothing else moved
    assert [f[2] for f in outcome.filled] == ["8"] and any("10,00" in n for n in outcome.notes)


def test_download_names_give_canvas_user_and_late_mark_and_moodle_participant():
    from lstmlab.grade.lms.names import canvas, identity, moodle
    assert canvas("doejane_LATE_12345_67890_01_one_cell-1.ipynb") == {
        "name": "doejane", "late": True, "user_id": "12345", "attachment_id": "67890", "original": "01_one_cell-1.ipynb"}
    assert canvas("01_one_cell.ipynb") is None and canvas("Bob Smith_23456_assignsubmission_file_x.ipynb") is None
    assert moodle("/dl/Wu_Li_3004_assignsubmission_file_/01_one_cell.ipynb")["participant"] == "3004"
    merged = {"notebooks": {WEEK: f"/d/doejane_1000_7000_{WEEK}.ipynb"},
              "notes": [msg("grade.also_matches", name=WEEK, file=f"doejane_1000_7000_{WEEK}.ipynb",
                            other=f"doejane_LATE_1001_7001_{WEEK}.ipynb")]}
    assert identity(merged)["canvas_user_ids"] == ["1000", "1001"] and identity(merged)["late"] == []
