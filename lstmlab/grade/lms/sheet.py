"""An LMS's CSV as it was exported: read and written back cell for cell (BOM, delimiter, line ends kept), and the
week totals of the results JSON that go into it."""
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ...messages import msg
from ..report import _atomic_write


@dataclass
class Sheet:
    """The rows of an exported CSV (lists of str) and how it was written, so the import file differs only where filled."""

    rows: list
    bom: bool = False
    delimiter: str = ","
    newline: str = "\r\n"

    @classmethod
    def read(cls, path):
        """The CSV at path; ValueError naming the file when it is not a CSV an LMS wrote."""
        raw = Path(path).read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValueError(msg("lms.not_utf8", file=str(path), error=str(exc))) from None  # the codec's, short
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","  # as Canvas's importer guesses it
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        if not rows:
            raise ValueError(msg("lms.empty_file", file=str(path)))
        return cls(rows, raw.startswith(b"\xef\xbb\xbf"), delimiter, "\r\n" if "\r\n" in text else "\n")

    def write(self, path):
        out = io.StringIO()
        csv.writer(out, delimiter=self.delimiter, lineterminator=self.newline).writerows(self.rows)
        _atomic_write(path, ("\ufeff" if self.bom else "") + out.getvalue())

    def column(self, name):
        """The index of the header cell `name`, else None."""
        header = self.rows[0]
        return header.index(name) if name in header else None

    def add_column(self, name):
        """Append a column `name` (empty in every row); its index."""
        width = max(len(r) for r in self.rows)
        for row in self.rows:
            row.extend([""] * (width + 1 - len(row)))
        self.rows[0][width] = name
        return width


@dataclass
class Outcome:
    """What filling a gradebook did: rows filled, learners it could not place (and why), late submissions."""

    filled: list = field(default_factory=list)  # (learner, row key, value)
    unmatched: list = field(default_factory=list)  # (learner, why)
    late: list = field(default_factory=list)  # (learner, assignment)
    notes: list = field(default_factory=list)  # about columns and maxima

    def lines(self):
        """The report a teacher reads after the command, one line each."""
        out = [msg("lms.filled", n=len(self.filled))] + list(self.notes)
        out += [msg("lms.unmatched", learner=name, why=why) for name, why in self.unmatched]
        out += [msg("lms.late", learner=name, assignment=a) for name, a in self.late]
        return out


def week_total(sub, assignment):
    """(points, maximum) of one learner's assignment, or None when that notebook was not submitted."""
    if not (sub.get("notebooks") or {}).get(assignment):
        return None
    mine = [e for e in sub["exercises"] if e.get("assignment") == assignment]
    return sum(e["points"] for e in mine), sum(e["max_points"] for e in mine)


def assignment_maximum(data, assignment):
    """The assignment's maximum score, as the results JSON records it."""
    for sub in data["submissions"]:
        mine = [e for e in sub["exercises"] if e.get("assignment") == assignment]
        if mine:
            return sum(e["max_points"] for e in mine)
    return 0


def number(value):
    """A score as an LMS reads it: 3, 2.5 (never 3.0)."""
    value = round(float(value), 2)
    return str(int(value)) if value == int(value) else f"{value:g}"


def points(text):
    """A number as an LMS wrote it ("5", "5.00", "10,00", "1.000,5"), else None: the last , or . is the decimal point
    (as Canvas's importer reads numbers: its decimal_comma_to_period converter)."""
    text = str(text).strip()
    if not re.fullmatch(r"-?[0-9.,]+", text):
        return None
    *whole, last = re.split(r"[,.]", text)
    try:
        return float(f"{''.join(whole)}.{last}" if whole else last)
    except ValueError:
        return None


TITLE_ID = re.compile(r"^(?P<title>.*?)\s*\((?P<id>\d+)\)\s*$")  # Canvas: "Week 1 (4567)"


def title(header):
    """A Canvas column's title without its " (id)" suffix."""
    m = TITLE_ID.match(header)
    return m["title"] if m else header.strip()
