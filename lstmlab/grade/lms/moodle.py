"""Moodle: fill the assignment's grading worksheet (Assignment > Submissions > "Download grading worksheet") so that
"Upload grading worksheet" takes it unchanged.

The rules, from Moodle's importer (moodle/moodle, mod/assign/feedback/offline/importgradeslib.php):
- the header must hold `Identifier`, `Grade` and `Last modified (grade)` (the worksheet also has `Full name`,
  `Email address`, `Status`, `Maximum Grade`, `Grade can be changed`, `Last modified (submission)`,
  `Feedback comments`); every column and row is kept as exported;
- a row is matched by its `Identifier`, "Participant " followed by the participant id, which is the number in
  the learner's download folder (`Jane Doe_12345_assignsubmission_file_`: lstmlab.grade.lms.names); never by name;
- `Last modified (grade)` is kept: Moodle skips a row whose grade changed in Moodle after the worksheet was
  downloaded, unless the teacher ticks its override.
The participant id is per assignment, so one worksheet takes one assignment's totals.
"""
import re

from ...messages import msg
from .names import identity
from .sheet import Outcome, Sheet, assignment_maximum, number, points, week_total

REQUIRED = ("Identifier", "Grade", "Last modified (grade)")
PARTICIPANT = re.compile(r"(\d+)\s*$")


def check_header(sheet, path):
    """ValueError unless the header holds the columns Moodle's importer requires."""
    missing = [c for c in REQUIRED if sheet.column(c) is None]
    if missing:
        raise ValueError(msg("lms.moodle_header", file=str(path), missing=", ".join(missing),
                             found=", ".join(sheet.rows[0][:8])))


def pick_assignment(data, assignment=None):
    """The one assignment a worksheet takes: `assignment`, or the JSON's only one."""
    assignments = list(data["assignments"])
    if assignment is None and len(assignments) == 1:
        return assignments[0]
    if assignment not in assignments:
        raise ValueError(msg("lms.pick_assignment", assignments=", ".join(assignments)))
    return assignment


def fill(sheet, data, assignment, scale=False, comments=None):
    """Write the assignment's total into `Grade` of each matched participant's row; an Outcome.

    comments: {learner: text} written into `Feedback comments` (when the worksheet has that column).
    """
    outcome = Outcome()
    ident, grade, top = sheet.column("Identifier"), sheet.column("Grade"), sheet.column("Maximum Grade")
    feedback = sheet.column("Feedback comments")
    rows_by_id = {}
    for k, row in enumerate(sheet.rows[1:], start=1):
        m = PARTICIPANT.search(row[ident]) if len(row) > ident else None
        if m:
            rows_by_id.setdefault(m.group(1), []).append(k)
    ours = assignment_maximum(data, assignment)
    warned, claimed = set(), {}
    for sub in data["submissions"]:
        total = week_total(sub, assignment)
        if total is None:
            continue
        who = identity(sub)
        ids = who["moodle_participants"] or ([sub["learner"]] if str(sub["learner"]).isdigit() else [])
        if len(ids) != 1:
            outcome.unmatched.append((sub["learner"], msg("lms.several_participants", ids=", ".join(ids)) if ids
                                      else msg("lms.no_participant")))
            continue
        rows = rows_by_id.get(ids[0], [])
        if len(rows) != 1 or ids[0] in claimed:
            why = (msg("lms.claimed", id=ids[0], other=claimed[ids[0]]) if ids[0] in claimed
                   else msg("lms.not_in_worksheet" if not rows else "lms.id_twice", id=ids[0]))
            outcome.unmatched.append((sub["learner"], why))
            continue
        claimed[ids[0]] = sub["learner"]
        row = sheet.rows[rows[0]]
        factor = 1.0
        theirs = row[top].strip() if top is not None and len(row) > top else ""
        theirs_value = points(theirs)
        if theirs_value is not None and ours and abs(theirs_value - ours) > 1e-9:
            factor = theirs_value / ours if scale else 1.0
            if theirs not in warned:
                warned.add(theirs)
                key = "lms.scaled" if scale else "lms.maximum_differs"
                outcome.notes.append(msg(key, column="Maximum Grade", ours=number(ours), theirs=theirs))
        row.extend([""] * (max(grade, feedback or 0) + 1 - len(row)))
        row[grade] = number(total[0] * factor)
        if comments is not None and feedback is not None and sub["learner"] in comments:
            row[feedback] = comments[sub["learner"]]
        outcome.filled.append((sub["learner"], ids[0], row[grade]))
        if assignment in sub.get("late", who["late"]):
            outcome.late.append((sub["learner"], assignment))
    outcome.notes.append(msg("lms.left_empty", n=len(set(rows_by_id) - set(claimed))))
    return outcome


def gradebook(worksheet, data, out, assignment=None, scale=False, comments=None):
    """Read Moodle's worksheet, fill it from the results JSON, write the upload file; the Outcome."""
    sheet = Sheet.read(worksheet)
    check_header(sheet, worksheet)
    outcome = fill(sheet, data, pick_assignment(data, assignment), scale=scale, comments=comments)
    sheet.write(out)
    return outcome
