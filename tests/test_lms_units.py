"""The gradebook views (grade/lms/) called in this process on a small hand-made results JSON: download names, the
CSV kept byte for byte, Canvas's and Moodle's matching rules, and every reason a learner is left unfilled. The round
trip through `lstmlab grade` and the command is tests/test_gradebook_lms.py; these are fast enough for
bench/mutation.py."""
import argparse

import pytest

from lstmlab.grade.lms import canvas, cli, moodle, names, sheet
from lstmlab.messages import msg

HEADER = "Student,ID,SIS User ID,Section,Week 1 (55),Current Score,Unposted Final Score"


def exercise(assignment, points, max_points, status="passed", id_="step"):
    return {"id": id_, "assignment": assignment, "points": points, "max_points": max_points, "status": status,
            "feedback": f"{id_}: fine"}


def learner(name, path, *exercises, notes=(), late=None):
    sub = {"learner": name, "notebooks": {"w1": path}, "exercises": list(exercises), "notes": list(notes),
           "score": sum(e["points"] for e in exercises), "max_score": sum(e["max_points"] for e in exercises)}
    if late is not None:
        sub["late"] = late
    return sub


def write(tmp_path, text, name="export.csv", bom=False):
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode())
    return path


# names.py

def test_a_canvas_name_gives_its_parts_and_its_late_mark():
    assert names.canvas("doejane_LATE_123_456_01_one_cell.ipynb") == {
        "name": "doejane", "late": True, "user_id": "123", "attachment_id": "456", "original": "01_one_cell.ipynb"}
    assert names.canvas("doejane_123_456_a.ipynb")["late"] is False
    assert names.canvas("week1.ipynb") is None and names.canvas("doe_jane_1_2_a.ipynb") is None


def test_a_moodle_folder_anywhere_in_the_path_gives_the_participant():
    assert names.moodle("dl/Jane Doe_77_assignsubmission_file_/w1.ipynb") == {
        "full_name": "Jane Doe", "participant": "77", "prefix": "Jane Doe_77_assignsubmission_file_"}
    assert names.moodle("dl/Jane Doe/w1.ipynb") is None


def test_identity_gathers_ids_from_paths_and_notes_and_keeps_the_first_names():
    sub = {"notebooks": {"w1": "dl/doejane_LATE_9_1_w1.ipynb", "w2": "dl/doejane_9_2_w2.ipynb", "w3": None,
                         "w4": "dl/Jane Doe_77_assignsubmission_file_/w4.ipynb",
                         "w5": "dl/Jane Roe_78_assignsubmission_file_/w5.ipynb"},
           "notes": ["also found (smithann_10_3_w1.ipynb) and pre_smith_11_4_w1.ipynb, not graded"]}
    who = names.identity(sub)
    assert who["canvas_user_ids"] == ["10", "9"] and who["moodle_participants"] == ["77", "78"]
    assert who["late"] == ["w1"] and who["canvas"]["attachment_id"] == "1" and who["moodle"]["participant"] == "77"
    assert names.identity({}) == {"canvas_user_ids": [], "moodle_participants": [], "late": [], "canvas": None,
                                  "moodle": None}


# sheet.py

@pytest.mark.parametrize("raw", [b"\xef\xbb\xbfa;b;c\r\n1;2,5;\r\n", b"a,b\n\"x,y\",2\n", b"a,b;c\r\n1,2\r\n",
                                 b"a,b\r\n\"two\r\nlines\",2\r\n"])
def test_a_sheet_is_written_back_byte_for_byte(tmp_path, raw):
    path = tmp_path / "in.csv"
    path.write_bytes(raw)
    s = sheet.Sheet.read(path)
    s.write(tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_bytes() == raw


def test_a_sheet_reads_its_delimiter_bom_and_line_ends(tmp_path):
    s = sheet.Sheet.read(write(tmp_path, "a;b;c\r\n1;2;3\r\n", bom=True))
    assert (s.rows, s.bom, s.delimiter, s.newline) == ([["a", "b", "c"], ["1", "2", "3"]], True, ";", "\r\n")
    s = sheet.Sheet.read(write(tmp_path, "a,b\n1,2\n"))
    assert (s.bom, s.delimiter, s.newline) == (False, ",", "\n")
    # the header alone decides, and a tie is a comma
    for text, delimiter in (("a;b;c\n1,2,3,4\n", ";"), ("a;b,c\n1;2;3\n", ","), ("a;b,c,d\n", ",")):
        assert sheet.Sheet.read(write(tmp_path, text)).delimiter == delimiter


def test_a_sheet_that_is_empty_or_not_utf8_is_refused_by_name(tmp_path):
    with pytest.raises(ValueError) as empty:
        sheet.Sheet.read(write(tmp_path, ""))
    assert str(empty.value) == msg("lms.empty_file", file=str(tmp_path / "export.csv"))
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"a,\xff\n")
    with pytest.raises(ValueError) as undecodable:
        sheet.Sheet.read(bad)
    assert str(undecodable.value) == msg("lms.not_utf8", file=str(bad), error="'utf-8' codec can't decode byte 0xff "
                                         "in position 2: invalid start byte")


def test_a_column_is_found_or_added_at_the_end_of_the_widest_row():
    s = sheet.Sheet([["a", "b"], ["1"], ["1", "2", "3"]])
    assert s.column("b") == 1 and s.column("z") is None
    assert s.add_column("new") == 3
    assert s.rows == [["a", "b", "", "new"], ["1", "", "", ""], ["1", "2", "3", ""]]


def test_an_outcome_reports_filled_notes_unmatched_and_late_in_that_order():
    out = sheet.Outcome(filled=[("a", "1", "3")], unmatched=[("b", "why")], late=[("a", "w1")], notes=["note"])
    assert out.lines() == [msg("lms.filled", n=1), "note", msg("lms.unmatched", learner="b", why="why"),
                           msg("lms.late", learner="a", assignment="w1")]


def test_week_totals_and_maxima_count_only_their_assignment():
    sub = learner("a", "x.ipynb", exercise("w1", 2, 3), exercise("w1", 1, 2), exercise("w2", 5, 5))
    assert sheet.week_total(sub, "w1") == (3, 5)
    assert sheet.week_total(sub, "w2") is None  # its notebook is not recorded as submitted
    assert sheet.week_total({**sub, "notebooks": {"w1": ""}}, "w1") is None
    data = {"submissions": [learner("z", None), sub]}
    assert sheet.assignment_maximum(data, "w1") == 5 and sheet.assignment_maximum(data, "w9") == 0


@pytest.mark.parametrize("value, text", [(3.0, "3"), (2.5, "2.5"), (2.456, "2.46"), (0, "0"), (-1.5, "-1.5"),
                                         (1234567.0, "1234567")])
def test_a_score_is_written_as_an_lms_reads_it(value, text):
    assert sheet.number(value) == text


@pytest.mark.parametrize("text, value", [("5", 5.0), (" 5.00 ", 5.0), ("10,00", 10.0), ("1.000,5", 1000.5),
                                         ("-2", -2.0), ("", None), ("abc", None), (".", None), ("5 pts", None)])
def test_a_number_is_read_as_an_lms_wrote_it(text, value):
    assert sheet.points(text) == value


def test_a_canvas_title_drops_its_id():
    assert sheet.title("Week 1 (4567)") == "Week 1" and sheet.title(" Week 2 ") == "Week 2"


# canvas.py

def canvas_sheet(*rows):
    return sheet.Sheet([HEADER.split(",")] + [r.split(",") for r in rows])


def test_a_canvas_header_is_checked(tmp_path):
    canvas.check_header(canvas_sheet(), "x.csv")
    canvas.check_header(sheet.Sheet([["Student", "ID", "Section"]]), "x.csv")  # the least Canvas exports
    with pytest.raises(ValueError) as long:
        canvas.check_header(sheet.Sheet([["Name", "ID", "a", "b", "c", "d", "e", "f"]]), "x.csv")
    assert str(long.value) == msg("lms.canvas_header", file="x.csv", found="Name, ID, a, b, c, d")
    with pytest.raises(ValueError) as named:
        canvas.gradebook(write(tmp_path, "Name,ID,Section\n"), {"assignments": ["w1"], "submissions": []},
                         tmp_path / "i.csv")
    assert str(named.value) == msg("lms.canvas_header", file=str(tmp_path / "export.csv"), found="Name, ID, Section")
    for header in (["Student", "ID"], ["Name", "ID", "Section"], ["Student", "Login", "Section"],
                   ["Student", "ID", "Group"]):
        with pytest.raises(ValueError) as bad:
            canvas.check_header(sheet.Sheet([header]), "x.csv")
        assert str(bad.value) == msg("lms.canvas_header", file="x.csv", found=", ".join(header))


@pytest.mark.parametrize("row, student", [([], False), (["    Points Possible", "", "5"], False),
                                          (["Muted", " ", "MUTED"], False), (["", "Manual Posting (x)"], False),
                                          (["", ""], False), (["Doe, Jane", "1"], True), (["muted", "1"], True)])
def test_only_student_rows_count(row, student):
    assert canvas._is_student(row) is student


def test_an_assignment_column_is_found_by_header_or_title_never_a_read_only_one():
    s = sheet.Sheet([["Student", "ID", "Section", "Week 1 (55)", "Current Score", "Unposted Final Score",
                      "ID (3)"]])
    assert canvas.find_column(s, "Week 1 (55)") == 3 and canvas.find_column(s, " week 1 ") == 3
    assert canvas.find_column(s, "Current Score") == 4  # the whole header, as the teacher gave it
    assert canvas.find_column(s, "ID") == 1 and canvas.find_column(s, "id") == 6  # by title: never an identity column
    for wanted in ("current score", "unposted final score", "Week 2"):
        assert canvas.find_column(s, wanted) is None
    s.rows[0].append("Week 1 (56)")
    with pytest.raises(ValueError) as twice:
        canvas.find_column(s, "Week 1")
    assert str(twice.value) == msg("lms.ambiguous_column", column="Week 1", found="Week 1 (55), Week 1 (56)")


CLASS = {"assignments": ["w1"], "submissions": [  # each learner left unfilled is followed by one filled
    learner("hal", None, exercise("w1", 0, 5)),
    learner("ann", "dl/ann_LATE_1000_1_w1.ipynb", exercise("w1", 3, 5)),
    learner("gus", "dl/gus_1000_6_w1.ipynb", exercise("w1", 2, 5)),
    learner("cat", "dl/cat_1002_3_w1.ipynb", exercise("w1", 1, 5), notes=["also (cat_1009_9_w1.ipynb)"]),
    learner("bob", "dl/bob_LATE_1001_2_w1.ipynb", exercise("w1", 4.5, 5), late=[]),
    learner("dan", "dl/dan/w1.ipynb", exercise("w1", 5, 5)),
    learner("eve", "dl/eve_1004_4_w1.ipynb", exercise("w1", 0, 5)),
    learner("fay", "dl/fay_1005_5_w1.ipynb", exercise("w1", 1, 5)),
    learner("1003", "dl/1003/w1.ipynb", exercise("w1", 2, 5)),
]}
EXPORT = (HEADER + "\r\n    Points Possible,,,,10.00,(read only),(read only)\r\n"
          "\"Ann, A\",1000,s1,A,,0,\r\n\"Bob, B\",1001,s2,A,,0,\r\nDan,1003,s3\r\nLone\r\n"
          "Fay,1005,,A,,,\r\nFay2,1005,,A,,,\r\n"
          "Ivy,1006,,A,,,\r\nMuted,,,,,,\r\n")


def test_canvas_fills_one_row_per_user_id_and_says_why_each_other_learner_was_not(tmp_path):
    out = canvas.gradebook(write(tmp_path, EXPORT, bom=True), CLASS, tmp_path / "import.csv", column=["Week 1 (55)"])
    rows = sheet.Sheet.read(tmp_path / "import.csv").rows
    assert [r[4] if len(r) > 4 else None for r in rows] == ["Week 1 (55)", "10.00", "3", "4.5", "2", None, "", "", "",
                                                            ""]
    assert rows[4] == ["Dan", "1003", "s3", "", "2"] and rows[5] == ["Lone"]  # a short row padded with empty cells
    assert out.filled == [("ann", "1000", "3"), ("bob", "1001", "4.5"), ("1003", "1003", "2")]
    assert out.unmatched == [("gus", msg("lms.claimed", id="1000", other="ann")),
                             ("cat", msg("lms.several_users", ids="1002, 1009")), ("dan", msg("lms.no_user_id")),
                             ("eve", msg("lms.not_in_export", id="1004")), ("fay", msg("lms.id_twice", id="1005"))]
    assert out.late == [("ann", "w1")]  # bob's JSON says late: [] and is believed over his file name
    assert out.notes == [msg("lms.maximum_differs", column="Week 1 (55)", ours="5", theirs="10.00"),
                         msg("lms.left_empty", n=2)]
    assert (tmp_path / "import.csv").read_bytes().startswith(b"\xef\xbb\xbfStudent,ID")


def test_canvas_rescales_to_its_points_possible_when_asked(tmp_path):
    out = canvas.gradebook(write(tmp_path, EXPORT), CLASS, tmp_path / "import.csv", column=["Week 1"], scale=True)
    rows = sheet.Sheet.read(tmp_path / "import.csv").rows
    assert [rows[k][4] for k in (2, 3)] == ["6", "9"] and msg("lms.scaled", column="Week 1 (55)", ours="5",
                                                             theirs="10.00") in out.notes


def test_canvas_adds_a_column_it_does_not_have_with_our_maximum(tmp_path):
    export = HEADER + "\n    Points Possible,,,,5,,\n\"Ann, A\",1000,,A,,,\n"
    out = canvas.gradebook(write(tmp_path, export), CLASS, tmp_path / "import.csv", column=["Week 2"])
    rows = sheet.Sheet.read(tmp_path / "import.csv").rows
    assert [r[7] for r in rows] == ["Week 2", "5", "3"] and rows[2][4] == ""
    assert out.notes == [msg("lms.new_column", column="Week 2", points="5"), msg("lms.left_empty", n=0)]


def test_canvas_warns_of_any_other_maximum_and_reads_a_short_points_possible_row_as_none(tmp_path):
    s = sheet.Sheet([HEADER.split(","), ["    Points Possible", "", "", "", "6"], ["Ann", "1000", "", "A"]])
    assert canvas.fill(s, CLASS, {"w1": "Week 1"}).notes[0] == msg("lms.maximum_differs", column="Week 1 (55)",
                                                                   ours="5", theirs="6")
    s = sheet.Sheet([HEADER.split(","), ["    Points Possible", "", "", ""], ["Ann", "1000", "", "A"]])
    assert canvas.fill(s, CLASS, {"w1": "Week 1"}).notes == [msg("lms.left_empty", n=0)]
    assert s.rows[2][4] == "3"


def test_canvas_without_points_possible_and_with_the_id_column_elsewhere(tmp_path):
    s = sheet.Sheet([["Student", "Section", "ID", "w1"], ["Ann", "A", "1000"], ["Bob", "A", " "]])
    out = canvas.fill(s, CLASS, {"w1": "w1"})
    assert s.rows[1] == ["Ann", "A", "1000", "3"] and out.notes == [msg("lms.left_empty", n=0)]
    s = sheet.Sheet([["Student", "Login", "Section", "w1"], ["Ann", "1000", "A"]])  # no ID header: its 2nd column
    canvas.fill(s, CLASS, {"w1": "w1"})
    assert s.rows[1] == ["Ann", "1000", "A", "3"]


def test_canvas_columns_name_each_assignment():
    two = {"assignments": ["w1", "w2"]}
    assert canvas.default_columns(two) == {"w1": "w1", "w2": "w2"}
    assert canvas.default_columns(two, ["w2=Week 2 = B"]) == {"w1": "w1", "w2": "Week 2 = B"}
    assert canvas.default_columns({"assignments": ["w1"]}, ["Week 1"]) == {"w1": "Week 1"}
    with pytest.raises(ValueError) as plain:
        canvas.default_columns(two, ["Week 1"])
    assert str(plain.value) == msg("lms.name_each_column", assignments="w1, w2")
    with pytest.raises(ValueError, match="name each column"):
        canvas.default_columns({"assignments": ["w1"]}, ["A", "B"])
    with pytest.raises(ValueError) as unknown:
        canvas.default_columns(two, ["w9=X", "w8=Y"])
    assert str(unknown.value) == msg("lms.unknown_assignment", names="w8, w9", assignments="w1, w2")


# moodle.py

WORKSHEET_HEADER = ("Identifier,Full name,Grade,Maximum Grade,Last modified (grade),Feedback comments")
MOODLE_CLASS = {"assignments": ["w1"], "submissions": [  # each learner left unfilled is followed by one filled
    learner("hal", None, exercise("w1", 0, 5)),
    learner("ann", "dl/Ann A_300_assignsubmission_file_/w1.ipynb", exercise("w1", 3, 5), late=["w1"]),
    learner("gus", "dl/Gus_300_assignsubmission_file_/w1.ipynb", exercise("w1", 2, 5)),
    learner("bob", "dl/Bob B_301_assignsubmission_file_/w1.ipynb", exercise("w1", 4, 5)),
    learner("dan", "dl/dan/w1.ipynb", exercise("w1", 5, 5)),
    learner("cat", "dl/Cat_302_assignsubmission_file_/w1.ipynb", exercise("w1", 1, 5)),
    learner("eve", "dl/Eve_304_assignsubmission_file_/w1.ipynb", exercise("w1", 0, 5)),
    learner("303", "dl/303/w1.ipynb", exercise("w1", 2, 5)),
    {"learner": "two", "notebooks": {"w1": "a/X_305_assignsubmission_file_/w1.ipynb",
                                     "w2": "a/X_306_assignsubmission_file_/w2.ipynb"},
     "exercises": [exercise("w1", 1, 5)], "score": 1, "max_score": 5},
    learner("jo", "dl/Jo_308_assignsubmission_file_/w1.ipynb", exercise("w1", 2, 5)),
]}
WORKSHEET = (WORKSHEET_HEADER + "\nParticipant 300,Ann,,10,-,\nParticipant 301,Bob,,5,-,\nParticipant 302,Cat,,8\n"
             "Participant 303,x,,6,,\nParticipant 305,,,,,\nParticipant 305,,,,,\nno id,,,,,\nParticipant 306\n"
             "Participant 307,Ivy,,,,\nParticipant 308,Jo,\n")


def test_moodle_fills_grade_by_participant_and_warns_once_per_other_maximum(tmp_path):
    out = moodle.gradebook(write(tmp_path, WORKSHEET), MOODLE_CLASS, tmp_path / "up.csv",
                           comments={"ann": "<b>ok</b>", "zed": "x"})
    rows = sheet.Sheet.read(tmp_path / "up.csv").rows
    assert [r[2:] for r in rows[1:5]] == [["3", "10", "-", "<b>ok</b>"], ["4", "5", "-", ""], ["1", "8", "", ""],
                                          ["2", "6", "", ""]]
    assert rows[10] == ["Participant 308", "Jo", "2", "", "", ""]  # a short row: no maximum read, padded
    assert out.filled == [("ann", "300", "3"), ("bob", "301", "4"), ("cat", "302", "1"), ("303", "303", "2"),
                          ("jo", "308", "2")]
    assert out.unmatched == [("gus", msg("lms.claimed", id="300", other="ann")), ("dan", msg("lms.no_participant")),
                             ("eve", msg("lms.not_in_worksheet", id="304")),
                             ("two", msg("lms.several_participants", ids="305, 306"))]
    assert out.late == [("ann", "w1")]
    assert out.notes == [msg("lms.maximum_differs", column="Maximum Grade", ours="5", theirs=theirs)
                         for theirs in ("10", "8", "6")] + [msg("lms.left_empty", n=3)]


def test_moodle_takes_the_assignment_asked_and_names_the_file_it_refuses(tmp_path):
    data = {"assignments": ["w0", "w1"], "submissions": MOODLE_CLASS["submissions"]}
    out = moodle.gradebook(write(tmp_path, WORKSHEET), data, tmp_path / "up.csv", assignment="w1")
    assert len(out.filled) == 5
    with pytest.raises(ValueError) as bad:
        moodle.gradebook(write(tmp_path, "Identifier,Grade\n", name="w.csv"), data, tmp_path / "up.csv")
    assert str(bad.value) == msg("lms.moodle_header", file=str(tmp_path / "w.csv"), missing="Last modified (grade)",
                                 found="Identifier, Grade")


def test_moodle_rescales_when_asked_and_reports_an_id_twice(tmp_path):
    data = {"assignments": ["w1"], "submissions": [
        learner("ann", "dl/Ann A_300_assignsubmission_file_/w1.ipynb", exercise("w1", 3, 5)),
        learner("x", "dl/X_305_assignsubmission_file_/w1.ipynb", exercise("w1", 3, 5))]}
    out = moodle.gradebook(write(tmp_path, WORKSHEET), data, tmp_path / "up.csv", scale=True)
    rows = sheet.Sheet.read(tmp_path / "up.csv").rows
    assert rows[1][2] == "6" and rows[2][2] == ""
    assert out.notes[0] == msg("lms.scaled", column="Maximum Grade", ours="5", theirs="10")
    assert out.unmatched == [("x", msg("lms.id_twice", id="305"))]


def test_moodle_without_maximum_or_comments_columns_still_fills_grade(tmp_path):
    s = sheet.Sheet([["Grade", "Identifier", "Last modified (grade)"], ["x"], ["", "Participant 300"]])
    out = moodle.fill(s, MOODLE_CLASS, "w1", comments={"ann": "c"})
    assert s.rows[1:] == [["x"], ["3", "Participant 300"]] and out.notes == [msg("lms.left_empty", n=0)]


def test_moodle_header_and_assignment_are_checked(tmp_path):
    with pytest.raises(ValueError) as bad:
        moodle.check_header(sheet.Sheet([["Identifier", "Full name", "Grade"]]), "w.csv")
    assert str(bad.value) == msg("lms.moodle_header", file="w.csv", missing="Last modified (grade)",
                                 found="Identifier, Full name, Grade")
    with pytest.raises(ValueError) as wide:
        moodle.check_header(sheet.Sheet([["Full name", *"abcdefghij"]]), "w.csv")
    assert str(wide.value) == msg("lms.moodle_header", file="w.csv", missing="Identifier, Grade, Last modified (grade)",
                                  found="Full name, a, b, c, d, e, f, g")
    assert moodle.pick_assignment({"assignments": ["w1"]}) == "w1"
    assert moodle.pick_assignment({"assignments": ["w1", "w2"]}, "w2") == "w2"
    for data, name in (({"assignments": ["w1", "w2"]}, None), ({"assignments": ["w1"]}, "w9")):
        with pytest.raises(ValueError) as which:
            moodle.pick_assignment(data, name)
        assert str(which.value) == msg("lms.pick_assignment", assignments=", ".join(data["assignments"]))


# cli.py

def parse(*argv):
    parser = argparse.ArgumentParser()
    cli.add_arguments(parser)
    return parser.parse_args([str(a) for a in argv])


def test_the_results_json_is_checked(tmp_path):
    import json
    for text in ("not json", "[]", '{"submissions": []}', '{"assignments": [], "submissions": {}}'):
        (tmp_path / "r.json").write_text(text)
        with pytest.raises(ValueError, match="r.json: expected the JSON report of lstmlab grade --json") as bad:
            cli.read_results(tmp_path / "r.json")
        assert text == "not json" or str(bad.value).endswith(" --json (with assignments and submissions)")
    with pytest.raises(ValueError, match=r"gone.json: expected .* \("):
        cli.read_results(tmp_path / "gone.json")
    (tmp_path / "r.json").write_text(json.dumps(CLASS))
    assert cli.read_results(tmp_path / "r.json") == CLASS


def test_moodle_comments_are_each_exercise_escaped_on_its_own_line():
    data = {"submissions": [{"learner": "a", "exercises": [
        {"assignment": "w1", "feedback": "x < y"}, {"assignment": "w2", "feedback": "no"},
        {"assignment": "w1", "feedback": "ok & done"}]}]}
    assert cli.moodle_comments(data, "w1") == {"a": "x &lt; y<br>ok &amp; done"}


def test_the_command_writes_each_view_and_says_what_it_did(tmp_path, capsys):
    import json
    results = tmp_path / "r.json"
    results.write_text(json.dumps(CLASS))
    export = write(tmp_path, EXPORT)
    assert cli.run(parse("canvas", export, results, "--out", tmp_path / "i.csv")) == 0
    said = capsys.readouterr()
    assert said.out == msg("lms.wrote", path=str(tmp_path / "i.csv")) + "\n"
    assert said.err.splitlines()[0] == msg("lms.filled", n=3)
    empty = write(tmp_path, HEADER + "\n", name="empty.csv")
    assert cli.run(parse("canvas", empty, results, "--out", tmp_path / "j.csv")) == 1  # nothing matched
    with pytest.raises(ValueError, match="is the export itself"):
        cli.run(parse("canvas", export, results, "--out", tmp_path / "." / "export.csv"))
    (tmp_path / "m.json").write_text(json.dumps(MOODLE_CLASS))
    worksheet = write(tmp_path, WORKSHEET, name="ws.csv")
    assert cli.run(parse("moodle", worksheet, tmp_path / "m.json", "--out", tmp_path / "u.csv", "--comments")) == 0
    assert sheet.Sheet.read(tmp_path / "u.csv").rows[1][5] == "step: fine"
    assert cli.run(parse("moodle", worksheet, tmp_path / "m.json", "--out", tmp_path / "v.csv")) == 0
    assert sheet.Sheet.read(tmp_path / "v.csv").rows[1][5] == ""
    capsys.readouterr()
    assert cli.run(parse("feedback", results, "--out", tmp_path / "fb", "--zip", tmp_path / "fb.zip")) == 0
    assert capsys.readouterr().out.splitlines() == [
        msg("lms.wrote_pages", n=9, folder=str(tmp_path / "fb")), msg("lms.wrote", path=str(tmp_path / "fb.zip"))]
    assert cli.run(parse("feedback", results, "--out", tmp_path / "fb2")) == 0
    assert not (tmp_path / "fb2.zip").exists() and len(capsys.readouterr().out.splitlines()) == 1
    assert cli.run(parse("summary", results, "--out", tmp_path / "s.html", "--language", "zh")) == 0
    assert capsys.readouterr().out == msg("lms.wrote", path=str(tmp_path / "s.html")) + "\n"
    assert '<html lang="zh">' in (tmp_path / "s.html").read_text()


def test_the_command_passes_on_every_option(tmp_path, capsys):
    import json
    results = tmp_path / "r.json"
    results.write_text(json.dumps(CLASS))
    export = write(tmp_path, EXPORT)
    assert cli.run(parse("canvas", export, results, "--out", tmp_path / "i.csv", "--column", "Week 1", "--scale")) == 0
    assert sheet.Sheet.read(tmp_path / "i.csv").rows[2][4] == "6"  # ann's 3 of 5, in the column asked, rescaled to 10
    two = {**MOODLE_CLASS, "assignments": ["w0", "w1"]}
    (tmp_path / "m.json").write_text(json.dumps(two))
    worksheet = write(tmp_path, WORKSHEET, name="ws.csv")
    assert cli.run(parse("moodle", worksheet, tmp_path / "m.json", "--out", tmp_path / "u.csv", "--comments",
                         "--assignment", "w1", "--scale")) == 0
    assert sheet.Sheet.read(tmp_path / "u.csv").rows[1][2:] == ["6", "10", "-", "step: fine"]
    assert cli.run(parse("feedback", results, "--out", tmp_path / "fb", "--language", "zh")) == 0
    assert '<html lang="zh">' in (tmp_path / "fb" / "ann_1000_1_feedback.html").read_text()
