"""Who submitted what: learners (a folder of notebooks is one learner, a folder of such folders is a class, flat
LMS downloads are grouped by --learner-pattern), their notebooks matched once to the assignments, links refused."""
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ..exercises.contract import answer_cells
from ..messages import msg

MAX_NOTEBOOK_BYTES = 20 * 2**20


@dataclass
class Learner:
    """One learner: name, folder (or file), regular notebooks found, and symbolic links found instead."""

    name: str
    path: Path
    files: list = field(default_factory=list)
    links: list = field(default_factory=list)  # (path of the link, where it points)


@dataclass
class Match:
    """What one learner's notebooks give each assignment: the file graded, or why there is none."""

    files: dict = field(default_factory=dict)  # assignment -> Path graded
    links: dict = field(default_factory=dict)  # assignment -> (link, target): scored 0, status error
    unreadable: dict = field(default_factory=dict)  # assignment -> (path, why it could not be read)
    notes: list = field(default_factory=list)


def _skip(name):
    return name.startswith(".") or name == "__pycache__"


def _walk(root):
    """(regular notebooks, symlinks) under root, never following a link."""
    files, links = [], []
    if root.is_symlink():
        return files, [(root, os.readlink(root))]
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not _skip(d) and d != ".ipynb_checkpoints")
        for d in list(dirs):
            if os.path.islink(os.path.join(folder, d)):
                links.append((Path(folder) / d, os.readlink(os.path.join(folder, d))))
                dirs.remove(d)
        for name in sorted(names):
            path = Path(folder) / name
            if _skip(name) or not name.endswith(".ipynb"):
                continue
            if path.is_symlink():
                links.append((path, os.readlink(path)))
            elif path.is_file():
                files.append(path)
    return files, links


def learners(paths, learner_pattern=None):
    """[Learner] under the given paths; FileNotFoundError for a path that does not exist."""
    found = []
    for raw in paths:
        root = Path(raw)
        if not root.exists() and not root.is_symlink():
            raise FileNotFoundError(f"no such notebook or folder: {raw}")  # not learner-facing: the teacher's command line
        if root.is_file() or root.suffix == ".ipynb":
            learner = Learner(root.resolve().parent.name or str(root), root)
            (learner.links.append((root, os.readlink(root))) if root.is_symlink() else learner.files.append(root))
            found.append(learner)
            continue
        if learner_pattern:
            found += _grouped(root, re.compile(learner_pattern))
            continue
        direct = [p for p in root.iterdir() if p.name.endswith(".ipynb") and not _skip(p.name)]
        if direct:
            files, links = _walk(root)
            found.append(Learner(root.resolve().name, root, files, links))
            continue
        for child in sorted(root.iterdir()):
            if _skip(child.name):
                continue
            if child.is_symlink() and child.is_dir():
                found.append(Learner(child.name, child, [], [(child, os.readlink(child))]))
            elif child.is_dir():
                files, links = _walk(child)
                found.append(Learner(child.name, child, files, links))
    return found


def _grouped(root, pattern):
    """Flat LMS downloads: the learner is the pattern's `learner` group (else group 1) in each relative path."""
    files, links = _walk(root)
    by_name, unmatched = {}, []
    for path, link in [(p, None) for p in files] + links:
        m = pattern.search(str(path.relative_to(root)))
        if not m:
            unmatched.append(path)
            continue
        name = m.groupdict().get("learner") or (m.group(1) if m.groups() else m.group(0))
        learner = by_name.setdefault(name, Learner(name, root))
        (learner.links.append((path, link)) if link is not None else learner.files.append(path))
    if unmatched and not by_name:
        raise ValueError(f"--learner-pattern {pattern.pattern!r} matches none of the {len(unmatched)} notebooks "  # not learner-facing
                         f"under {root} (e.g. {unmatched[0].name!r})")
    return [by_name[n] for n in sorted(by_name)]


def read_notebook(path):
    """The notebook at path (never through a link), or raise ValueError saying why it cannot be read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        raise ValueError(msg("grade.unreadable", why=exc.strerror)) from None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ValueError(msg("grade.unreadable", why=msg("grade.not_regular")))
        data = f.read(MAX_NOTEBOOK_BYTES + 1)
    if len(data) > MAX_NOTEBOOK_BYTES:
        raise ValueError(msg("grade.unreadable", why=msg("grade.too_big", mb=MAX_NOTEBOOK_BYTES // 2**20)))
    try:
        return nbformat.reads(data.decode("utf-8"), as_version=4)
    except Exception as exc:
        raise ValueError(msg("grade.unreadable", why=f"{type(exc).__name__}: {str(exc)[:200]}")) from None


def match(learner, course):
    """Give each assignment at most one of the learner's notebooks: by name first, else by exercise ids."""
    result, claims = Match(), {}
    for path in learner.files:
        try:
            nb, problem = read_notebook(path), None
        except ValueError as exc:
            nb, problem = None, str(exc)
        name, how = course.match(path, nb)
        if name is None:
            result.notes.append(msg("grade.file_problem", file=path.name, problem=problem) if problem
                                else msg("grade.no_match", file=path.name))
            continue
        ids = len(set(course.assignments[name].ids) & set(answer_cells(nb) if nb is not None else ()))
        claims.setdefault(name, []).append(((how == "name", ids, -len(str(path))), path, problem))
    for name, options in claims.items():
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
