"""The course a submission is graded against: its pristine exercise notebooks (assignments), found in a
teacher's --course folder, in this clone, or inside the installed package."""
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ..exercises.contract import REPO, answer_cells, packaged_course


@dataclass
class Assignment:
    """One exercise notebook: its name (file stem), file, notebook, answer ids and their points in the notebook."""

    name: str
    path: Path
    notebook: object
    ids: list
    points: dict = field(default_factory=dict)
    sha256: str = ""


def _points(nb):
    """{id: points} from the answer cells' metadata."""
    found = {}
    for cell in nb.cells:
        meta = cell.metadata.get("lstmlab")  # nbformat gives every cell its metadata
        if isinstance(meta, dict) and isinstance(meta.get("exercise"), str):
            found[meta["exercise"]] = meta.get("points")
    return found


def locate(course=None):
    """(folder of pristine exercise notebooks, how it was found); ValueError when there is none."""
    if course is not None:
        folder = Path(course)
        if (folder / "exercises").is_dir():
            folder = folder / "exercises"
        if not folder.is_dir():
            raise ValueError(f"--course {course}: no such folder")
        return folder, f"--course {folder}"
    if (REPO / "exercises").is_dir() and (REPO / "pyproject.toml").is_file():
        return REPO / "exercises", f"this clone ({REPO / 'exercises'})"
    packaged = packaged_course() / "exercises"
    if packaged.is_dir():
        return packaged, "the installed lstmlab package"
    raise ValueError("no exercise notebooks found: this lstmlab has none inside it; give --course DIR "
                     "(a folder holding exercises/ or the exercise notebooks themselves)")


class Course:
    """The assignments of a course, by name; matching a submitted notebook to one of them."""

    def __init__(self, folder, source=""):
        self.folder, self.source, self.assignments = Path(folder), source, {}
        for path in sorted(self.folder.glob("*.ipynb")):
            nb = nbformat.read(str(path), as_version=4)
            ids = list(answer_cells(nb))
            if ids:
                self.assignments[path.stem] = Assignment(path.stem, path, nb, ids, _points(nb),
                                                         hashlib.sha256(path.read_bytes()).hexdigest())
        if not self.assignments:
            raise ValueError(f"{self.folder} holds no exercise notebook (none has an answer cell)")
        self.others = {}  # assignments left out by select(): their notebooks are not graded, and not "unmatched"

    @classmethod
    def find(cls, course=None):
        folder, source = locate(course)
        return cls(folder, source)

    def select(self, names):
        """Keep only the named assignments (--assignment); ValueError naming the ones that exist."""
        if not names:
            return self
        unknown = [n for n in names if n not in self.assignments]
        if unknown:
            raise ValueError(f"no assignment named {', '.join(map(repr, unknown))}; the assignments are: "
                             + ", ".join(self.assignments))
        self.others.update({n: a for n, a in self.assignments.items() if n not in names})
        self.assignments = {n: self.assignments[n] for n in self.assignments if n in names}
        return self

    def match(self, path, nb):
        """(assignment name, how) for a submitted notebook: by file name first, else by shared exercise ids."""
        return _match(self.assignments, path, nb)

    def other(self, path, nb):
        """The assignment left out by select() that a notebook matches (by name or ids), or None."""
        return _match(self.others, path, nb)[0]


def _match(assignments, path, nb):
    """(name, how) of the assignment a notebook is for: its file name, else its answer ids, else (unreadable) the
    longest assignment name its file name ends with (an LMS adds a prefix: doejane_12345_67890_01_one_cell)."""
    stem = Path(path).stem
    if stem in assignments:
        return stem, "name"
    if nb is None:
        named = [n for n in assignments if stem.endswith("_" + n)]
        return (max(named, key=len), "name") if named else (None, None)
    ids = set(answer_cells(nb))
    best = max(assignments.values(), key=lambda a: (len(ids & set(a.ids)), a.name == ""), default=None)
    if best is not None and ids & set(best.ids):
        return best.name, "ids"
    return None, None
