"""Who a file of an LMS download belongs to, read from its name alone (pure functions: no file is opened).

Canvas ("Download Submissions"): each file is `<name>_<LATE_>?<user id>_<attachment id>_<original name>`, the name
being the learner's sortable name lower-cased without spaces or punctuation (`doejane`), `LATE` present when the
submission came after the due date; the user id is the `ID` column of Canvas's gradebook export (the convention in
instructure/canvas-lms, app/models/assignment.rb: "last_name_first_name_user_id_attachment_id", read back by its
re-upload, which takes the first two all-digit parts as user id and attachment id).
Moodle ("Download all submissions"): each learner's folder (or file prefix) is
`<Full name>_<participant id>_assignsubmission_file_`; the participant id is per assignment, and is what the grading
worksheet's `Identifier` column ("Participant 12345") and the feedback-zip importer read
(moodle/moodle: mod/assign/feedback/offline/importgradeslib.php, mod/assign/feedback/file/importziplib.php).

`collect.py` can call `canvas(Path(p).name)` to name a learner by user id (two students with one name then stay
two learners) and `identity(submission)` reads what the results JSON already records (the graded files' paths).
"""
import re
from pathlib import PurePath

CANVAS = re.compile(r"^(?P<name>[^_/]+)_(?P<late>LATE_)?(?P<user_id>\d+)_(?P<attachment_id>\d+)_(?P<original>.+)$")
IN_TEXT = re.compile(r"(?<![^\s(])([^\s_/()]+_(?:LATE_)?\d+_\d+_[^\s/]+?\.ipynb)")  # a Canvas name inside a note
MOODLE = re.compile(r"^(?P<full_name>[^/]*?)_(?P<participant>\d+)_assignsubmission_file_(?P<rest>.*)$")


def canvas(file_name):
    """{"name", "late", "user_id", "attachment_id", "original"} of a Canvas download's file name, else None."""
    m = CANVAS.match(str(file_name))
    if m is None:
        return None
    return {"name": m["name"], "late": bool(m["late"]), "user_id": m["user_id"], "attachment_id": m["attachment_id"],
            "original": m["original"]}


def moodle(path):
    """{"full_name", "participant", "prefix"} of the first part of path named as Moodle names a submission, else None."""
    for part in PurePath(str(path)).parts:
        m = MOODLE.match(part)
        if m is not None:
            return {"full_name": m["full_name"], "participant": m["participant"],
                    "prefix": f"{m['full_name']}_{m['participant']}_assignsubmission_file_"}
    return None


def identity(submission):
    """What the download's names say of one learner of the results JSON.

    {"canvas_user_ids": sorted set, "moodle_participants": sorted set, "late": [assignments whose file says LATE],
    "canvas": the first Canvas name found (or None), "moodle": the first Moodle name found (or None)}.
    More than one id in a set means files of different LMS users were graded as one learner: the notes name the
    files that were not graded (another file of the same learner was), and their ids count too.
    """
    users, participants, late, first_canvas, first_moodle = set(), set(), [], None, None
    for assignment, path in (submission.get("notebooks") or {}).items():
        if not path:
            continue
        found = canvas(PurePath(path).name)
        if found is not None:
            users.add(found["user_id"])
            first_canvas = first_canvas or found
            if found["late"]:
                late.append(assignment)
        found = moodle(path)
        if found is not None:
            participants.add(found["participant"])
            first_moodle = first_moodle or found
    for note in submission.get("notes") or ():
        users.update(found["user_id"] for found in map(canvas, IN_TEXT.findall(str(note))) if found)
    return {"canvas_user_ids": sorted(users), "moodle_participants": sorted(participants), "late": late,
            "canvas": first_canvas, "moodle": first_moodle}
