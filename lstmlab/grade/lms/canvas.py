"""Canvas: fill the gradebook Canvas exported (Grades > Export) so that Grades > Import takes it unchanged.

The rules, from Canvas's importer (instructure/canvas-lms, lib/gradebook_importer.rb) and its guides:
- the header starts with `Student`, `ID`, then optionally `SIS User ID`, `SIS Login ID` (and `Integration ID`,
  `Root Account`), and `Section`; every identity column and row is kept as exported;
- a row whose first cell holds `Points Possible` gives each assignment's maximum; rows of only `Muted` or
  `Manual Posting` are not students;
- a student row is matched by `ID` (the Canvas user id) first; we fill only rows whose `ID` is the user id of
  the learner's download names (`doejane_12345_67890_...`: lstmlab.grade.lms.names), never by name, so two
  students with one name never merge;
- an assignment column is `Title (assignment id)`; a header Canvas does not know creates a new assignment whose
  points come from the Points Possible row; `Current Score`, `Final Points` and the like are read-only;
- an empty cell (or `-`) is no score: learners without a submission keep the cell as exported.
Canvas's LATE mark cannot be imported (its late status is set by due dates): it is reported, and kept in the JSON.
"""
from ...messages import msg
from .names import identity
from .sheet import Outcome, Sheet, assignment_maximum, number, points, title, week_total

# not learner-facing: Canvas's own headers
IDENTITY = ("Student", "ID", "SIS User ID", "SIS Login ID",  # not learner-facing
            "Integration ID", "Root Account", "Section")
READ_ONLY = ("Current Score", "Current Points", "Current Grade", "Final Score", "Final Points", "Final Grade",
             "Override Score", "Override Grade", "Override Status")


def check_header(sheet, path):
    """ValueError unless the first row is a Canvas gradebook's header (Student, ID, ..., Section)."""
    header = sheet.rows[0]
    if len(header) < 3 or "Student" not in header[0] or "ID" not in header[1] or "Section" not in header:
        raise ValueError(msg("lms.canvas_header", file=str(path), found=", ".join(header[:6])))


def _is_student(row):
    if not row or "Points Possible" in row[0]:
        return False
    return not all(c.strip() == "" or c.strip().lower() == "muted" or c.strip().lower().startswith("manual posting")
                   for c in row)


def find_column(sheet, wanted):
    """The index of the assignment column `wanted` (its whole header, or its title without " (id)"), else None."""
    header = sheet.rows[0]
    exact = [k for k, h in enumerate(header) if h == wanted]
    if exact:
        return exact[0]
    same = [k for k, h in enumerate(header) if title(h).casefold() == wanted.strip().casefold()
            and h not in IDENTITY and not any(h.startswith(r) or f"Unposted {r}" in h for r in READ_ONLY)]
    if len(same) > 1:
        raise ValueError(msg("lms.ambiguous_column", column=wanted, found=", ".join(header[k] for k in same)))
    return same[0] if same else None


def fill(sheet, data, columns, scale=False):
    """Write each assignment's week total into its column (columns: {assignment: header}); an Outcome.

    A header not in the export is added at the end (Canvas creates that assignment, with our maximum as its
    Points Possible). scale: rescale totals to an existing column's Points Possible when it differs from ours.
    """
    outcome = Outcome()
    ids = sheet.column("ID") if sheet.column("ID") is not None else 1
    rows_by_id = {}
    for k, row in enumerate(sheet.rows[1:], start=1):
        if _is_student(row) and len(row) > ids and row[ids].strip():
            rows_by_id.setdefault(row[ids].strip(), []).append(k)
    pp_row = next((k for k, r in enumerate(sheet.rows) if r and "Points Possible" in r[0]), None)
    targets = {}
    for assignment, header in columns.items():
        ours = assignment_maximum(data, assignment)
        k = find_column(sheet, header)
        if k is None:
            k = sheet.add_column(header)
            if pp_row is not None:
                sheet.rows[pp_row][k] = number(ours)
            outcome.notes.append(msg("lms.new_column", column=header, points=number(ours)))
        factor = 1.0
        theirs = sheet.rows[pp_row][k].strip() if pp_row is not None and k < len(sheet.rows[pp_row]) else ""
        theirs_value = points(theirs)
        if theirs_value is not None and ours and abs(theirs_value - ours) > 1e-9:
            if scale:
                factor = theirs_value / ours
                outcome.notes.append(msg("lms.scaled", column=sheet.rows[0][k], ours=number(ours), theirs=theirs))
            else:
                outcome.notes.append(msg("lms.maximum_differs", column=sheet.rows[0][k], ours=number(ours),
                                         theirs=theirs))
        targets[assignment] = (k, factor)
    claimed = {}
    for sub in data["submissions"]:
        who = identity(sub)
        users = who["canvas_user_ids"] or ([sub["learner"]] if str(sub["learner"]).isdigit() else [])
        submitted = [a for a in columns if week_total(sub, a) is not None]
        if not submitted:
            continue
        if len(users) > 1:
            outcome.unmatched.append((sub["learner"], msg("lms.several_users", ids=", ".join(users))))
            continue
        if not users:
            outcome.unmatched.append((sub["learner"], msg("lms.no_user_id")))
            continue
        rows = rows_by_id.get(users[0], [])
        if len(rows) != 1:
            outcome.unmatched.append((sub["learner"], msg("lms.not_in_export" if not rows else "lms.id_twice",
                                                          id=users[0])))
            continue
        if users[0] in claimed:
            outcome.unmatched.append((sub["learner"], msg("lms.claimed", id=users[0], other=claimed[users[0]])))
            continue
        claimed[users[0]] = sub["learner"]
        row = sheet.rows[rows[0]]
        for assignment in submitted:
            k, factor = targets[assignment]
            score, _ = week_total(sub, assignment)
            row.extend([""] * (k + 1 - len(row)))
            row[k] = number(score * factor)
            outcome.filled.append((sub["learner"], users[0], row[k]))
            if assignment in sub.get("late", who["late"]):
                outcome.late.append((sub["learner"], assignment))
    outcome.notes.append(msg("lms.left_empty", n=len(set(rows_by_id) - set(claimed))))
    return outcome


def default_columns(data, column=None):
    """{assignment: header}: `column` for a one-assignment JSON, ASSIGNMENT=HEADER pairs, else each assignment's name."""
    assignments = list(data["assignments"])
    pairs = dict(c.split("=", 1) for c in (column or []) if "=" in c)
    plain = [c for c in (column or []) if "=" not in c]
    if plain and (len(plain) > 1 or len(assignments) > 1):
        raise ValueError(msg("lms.name_each_column", assignments=", ".join(assignments)))
    unknown = sorted(set(pairs) - set(assignments))
    if unknown:
        raise ValueError(msg("lms.unknown_assignment", names=", ".join(unknown), assignments=", ".join(assignments)))
    if plain:
        return {assignments[0]: plain[0]}
    return {a: pairs.get(a, a) for a in assignments}


def gradebook(export, data, out, column=None, scale=False):
    """Read Canvas's export, fill it from the results JSON, write the import file; the Outcome."""
    sheet = Sheet.read(export)
    check_header(sheet, export)
    outcome = fill(sheet, data, default_columns(data, column), scale=scale)
    sheet.write(out)
    return outcome
