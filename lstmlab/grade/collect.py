"""Who submitted what: learners (a folder directly holding a regular notebook is one learner, a folder of such
folders is a class, notebooks of one folder given together are one learner, flat LMS downloads are grouped by
--learner-pattern), their notebooks matched once to the assignments, links refused. Two inputs that map to the
same learner are never merged silently: `duplicates` names them, for the table and the JSON.

Whatever a learner's folder holds (links, FIFOs, devices, folders nested thousands deep, names that are
not UTF-8), finding and matching its notebooks gives that learner notes, never an exception that stops the class."""
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ..exercises.contract import answer_cells
from ..messages import msg
from .report import printable

MAX_NOTEBOOK_BYTES = 20 * 2**20
MAX_DEPTH = 8  # folders searched below a learner's folder (or a flat download's root); deeper ones are skipped


@dataclass
class Learner:
    """One learner: name, folder (or file), regular notebooks found, links found instead, notes on what was skipped."""

    name: str
    path: Path
    files: list = field(default_factory=list)
    links: list = field(default_factory=list)  # (path of the link, where it points)
    notes: list = field(default_factory=list)  # what the search skipped: deep folders, FIFOs, unreadable folders
    given: bool = False  # notebooks named on the command line: graded for their own assignments only
    sources: dict = field(default_factory=dict)  # flat downloads: file -> the download's name part the pattern matched


@dataclass
class Match:
    """What one learner's notebooks give each assignment: the file graded, or why there is none."""

    files: dict = field(default_factory=dict)  # assignment -> Path graded
    links: dict = field(default_factory=dict)  # assignment -> (link, where it points): scored 0, status error
    unreadable: dict = field(default_factory=dict)  # assignment -> (path, why it could not be read)
    notes: list = field(default_factory=list)
    failed: str = None  # why matching this learner's notebooks failed (the grader's error): every exercise `error`
    others: list = field(default_factory=list)  # notebooks of assignments not selected (--assignment): not graded
    identities: dict = field(default_factory=dict)  # assignment -> the distinct download names that claim it (> 1)


def _skip(name):
    return name.startswith(".") or name == "__pycache__"


def _readlink(path):
    try:
        return os.readlink(path)
    except OSError as exc:
        return f"? ({exc.strerror})"  # not learner-facing: a link that vanished while it was read


def _is_dir(entry):
    try:
        return entry.is_dir()
    except OSError:  # a link in a loop, or to a place we may not look: as os.walk, not a folder
        return False


def _walk(root, depth=MAX_DEPTH):
    """(regular notebooks, links, notes) under root, never following a link, at most `depth` folders below root.

    Iterative (no recursion limit to reach); an unreadable folder, folders too deep, a notebook that is a FIFO or
    a device is a note (path, text), not an exception.
    """
    files, links, notes, deep = [], [], [], []
    if root.is_symlink():
        return files, [(root, _readlink(root))], notes
    stack = [(root, 0)]
    while stack:
        folder, level = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            notes.append((folder, msg("grade.folder_unreadable", folder=_relative(folder, root), why=exc.strerror)))
            continue
        below = []
        for e in entries:
            if _skip(e.name):
                continue
            path = Path(folder) / e.name
            try:
                st = e.stat(follow_symlinks=False)
                if stat.S_ISLNK(st.st_mode):
                    if e.name.endswith(".ipynb") or _is_dir(e):  # a link to a notebook or to a folder
                        links.append((path, _readlink(path)))
                elif stat.S_ISDIR(st.st_mode):
                    (below if level < depth else deep).append(path)
                elif not e.name.endswith(".ipynb"):
                    continue
                elif stat.S_ISREG(st.st_mode):  # hard links too: only the teacher's machine could make one
                    files.append(path)
                else:
                    notes.append((path, msg("grade.not_regular_note", file=_relative(path, root))))
            except OSError as exc:
                notes.append((path, msg("grade.file_problem", file=_relative(path, root), problem=exc.strerror)))
        stack += [(d, level + 1) for d in reversed(below)]  # depth first, in name order, as os.walk goes
    if deep:
        notes.append((deep[0], msg("grade.too_deep", count=len(deep), levels=depth, folder=_relative(deep[0], root))))
    return files, links, notes


def _relative(path, root):
    try:
        return str(Path(path).relative_to(root)) if Path(path) != Path(root) else Path(root).name
    except ValueError:
        return str(path)


def _one_file(root, learner=None):
    """A notebook named on the command line: its learner is the folder holding it (notebooks of one folder: one)."""
    learner = learner or Learner(root.resolve().parent.name or str(root), root.parent, given=True)
    try:
        st = root.lstat()
    except OSError as exc:
        learner.notes.append(msg("grade.file_problem", file=root.name, problem=exc.strerror))
        return learner
    if stat.S_ISLNK(st.st_mode):
        learner.links.append((root, _readlink(root)))
    else:
        learner.files.append(root)  # a FIFO or a device: read_notebook says it is not a regular file
    return learner


def _holds_notebook(folder):
    """Whether folder directly holds a regular .ipynb file (a folder or a link named x.ipynb does not count)."""
    for p in folder.iterdir():
        if p.name.endswith(".ipynb") and not _skip(p.name):
            try:
                if stat.S_ISREG(p.lstat().st_mode):
                    return True
            except OSError:
                continue
    return False


def _folder(name, path):
    """The learner whose folder is path (a link to a folder is a link, not graded)."""
    if path.is_symlink():
        return Learner(name, path, [], [(path, _readlink(path))])
    files, links, notes = _walk(path)
    return Learner(name, path, files, links, [text for _, text in notes])


def learners(paths, learner_pattern=None):
    """[Learner] under the given paths; FileNotFoundError for a path that does not exist."""
    found, given = [], {}
    for raw in paths:
        root = Path(raw)
        if not root.exists() and not root.is_symlink():
            raise FileNotFoundError(f"no such notebook or folder: {raw}")  # not learner-facing: the teacher's command line
        if root.is_file() or root.suffix == ".ipynb":
            folder = root.parent.resolve()
            if folder in given:
                _one_file(root, given[folder])
            else:
                given[folder] = _one_file(root)
                found.append(given[folder])
            continue
        if learner_pattern:
            found += _grouped(root, re.compile(learner_pattern))
            continue
        children = sorted(root.iterdir())
        if _holds_notebook(root):
            found.append(_folder(root.resolve().name, root))
            continue
        for child in children:
            if _skip(child.name):
                continue
            try:
                if child.is_symlink() and not child.is_dir():
                    continue  # a link to a file beside the learners' folders is nobody's
                if child.is_symlink() or child.is_dir():
                    found.append(_folder(child.name, child))
            except (OSError, RecursionError, ValueError) as exc:  # a learner whose folder cannot be searched
                found.append(Learner(child.name, child, notes=[msg("grade.folder_unreadable", folder=child.name,
                                                                   why=f"{type(exc).__name__}: {str(exc)[:200]}")]))
    return found


def duplicates(found):
    """{learner name: [paths]} for names that two inputs give (two folders, or a folder and files): never merged."""
    paths = {}
    for learner in found:
        paths.setdefault(learner.name, []).append(str(learner.path))
    return {name: where for name, where in paths.items() if len(where) > 1}


def _learner_match(pattern, root, path):
    """(the learner a flat download's path belongs to: the `learner` group, else group 1; the text matched), or None."""
    m = pattern.search(str(Path(path).relative_to(root))) if Path(path) != Path(root) else None
    if m is None:
        return None
    return m.groupdict().get("learner") or (m.group(1) if m.groups() else m.group(0)), m.group(0)


def _learner_name(pattern, root, path):
    """The learner a flat download's path belongs to: the pattern's `learner` group (else group 1), or None."""
    found = _learner_match(pattern, root, path)
    return None if found is None else found[0]


def _grouped(root, pattern):
    """Flat LMS downloads: the learner is the pattern's `learner` group (else group 1) in each relative path."""
    files, links, notes = _walk(root)
    by_name, unmatched = {}, []
    for path, kind, target in [(p, "file", None) for p in files] + [(p, "link", t) for p, t in links]:
        found = _learner_match(pattern, root, path)
        if found is None:
            unmatched.append(path)
            continue
        name, learner = found[0], by_name.setdefault(found[0], Learner(found[0], root))
        learner.sources[path] = found[1]
        (learner.files.append(path) if kind == "file" else learner.links.append((path, target)))
    if unmatched and not by_name:
        raise ValueError(f"--learner-pattern {pattern.pattern!r} matches none of the {len(unmatched)} notebooks "  # not learner-facing
                         f"under {root} (e.g. {unmatched[0].name!r})")
    for path, note in notes:  # a FIFO, deep folders: the note of the learner whose path it is, else the teacher's
        name = _learner_name(pattern, root, path)
        if name is not None:
            by_name.setdefault(name, Learner(name, root)).notes.append(note)
        else:
            print(printable(f"lstmlab grade: {root}: {note}"), file=sys.stderr)  # not learner-facing: the teacher's terminal
    return [by_name[n] for n in sorted(by_name)]


def read_notebook(path):
    """The notebook at path (never through a link), or raise ValueError saying why it cannot be read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        raise ValueError(msg("grade.unreadable", why=exc.strerror)) from None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ValueError(msg("grade.unreadable", why=msg("grade.not_regular")))
        data = f.read(MAX_NOTEBOOK_BYTES + 1)
    if len(data) > MAX_NOTEBOOK_BYTES:
        raise ValueError(msg("grade.unreadable", why=msg("grade.too_big", mb=MAX_NOTEBOOK_BYTES // 2**20)))
    if not data.strip():
        raise ValueError(msg("grade.unreadable", why=msg("grade.empty_file")))
    try:
        found = {}
        nb = nbformat.reads(data.decode("utf-8"), as_version=4, capture_validation_error=found)
        if found:  # nbformat only logs an invalid notebook; extra keys pass, a malformed value (source 5) does not
            nbformat.validate(nb, relax_add_props=True)
        return nb
    except Exception as exc:
        error = getattr(exc, "message", None) if isinstance(exc, nbformat.ValidationError) else None
        why = (msg("grade.invalid_notebook", error=str(error)[:200]) if error is not None
               else f"{type(exc).__name__}: {str(exc)[:200]}")
        raise ValueError(msg("grade.unreadable", why=why)) from None


def match(learner, course):
    """Give each assignment at most one of the learner's notebooks: by name first, else by exercise ids."""
    result, claims = Match(notes=list(learner.notes)), {}
    for path in learner.files:
        try:
            nb, problem = read_notebook(path), None
        except ValueError as exc:
            nb, problem = None, str(exc)
        name, how = course.match(path, nb)
        if name is None:
            if course.other(path, nb) is not None:  # another week's notebook: one line for the teacher, not a note
                result.others.append(path)
            else:
                result.notes.append(msg("grade.file_problem", file=path.name, problem=problem) if problem
                                    else msg("grade.no_match", file=path.name))
            continue
        ids = len(set(course.assignments[name].ids) & set(answer_cells(nb) if nb is not None else ()))
        claims.setdefault(name, []).append(((how == "name", ids, -len(str(path))), path, problem))
    for name, options in claims.items():
        names = sorted({learner.sources[p] for _, p, _ in options if p in learner.sources})
        if len(names) > 1:  # two download names (two students?) give the same learner a notebook for one assignment
            result.identities[name] = names
        options.sort(key=lambda o: o[0], reverse=True)
        (_, path, problem), rest = options[0], options[1:]
        if problem:
            result.unreadable[name] = (path, problem)
        else:
            result.files[name] = path
        for _, other, _ in rest:
            result.notes.append(msg("grade.also_matches", name=name, file=path.name, other=other.name))
    for link, target in learner.links:
        name = Path(link).stem if Path(link).stem in course.assignments else None
        if name is not None and name not in result.files:
            result.links[name] = (link, target)
        result.notes.append(msg("grade.link_note", file=Path(link).name, target=target))
    return result
