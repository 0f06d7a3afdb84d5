"""`lstmlab release DIR`: what learners get: DIR/lessons/, DIR/exercises/ and DIR/README.md; never a solution.

The notebooks come from this clone (notebooks/, exercises/) or, when lstmlab is installed, from the copy inside
the package. Links between notebooks are rewritten to the release's layout (notebooks/ becomes lessons/); a link
to a solution becomes plain text saying solutions are withheld, and a link to anything else the release does not
hold becomes plain text. A lesson's code that reads "../solutions/NN.ipynb" reads the exercise instead (the same
answer cells' metadata and signatures, no answers). DIR must be empty, unless --force: then the release overwrites
the files it writes itself and deletes nothing.
"""
import posixpath
import re
import sys
from pathlib import Path, PurePosixPath

from .contract import REPO, packaged_course

LAYOUT = {"notebooks": "lessons", "exercises": "exercises"}  # the clone's folder -> the release's folder
WITHHELD = "solutions"
WITHHELD_NOTE = "(solutions are withheld in this release)"
LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(([^()\s]+)((?:\s+\"[^\"\n]*\")?)\)")
SOLUTION_PATH = re.compile(r"""(["'])\.\./solutions/([\w.-]+\.ipynb)\1""")


def sources(clone=REPO):
    """(where they come from, [(path as in the clone, file)]) of the lessons and exercises to release."""
    if (clone / "pyproject.toml").is_file() and (clone / "exercises").is_dir():
        roots, where = {"notebooks": clone / "notebooks", "exercises": clone / "exercises"}, f"this clone ({clone})"
    else:
        packaged = packaged_course()
        roots, where = {"notebooks": packaged / "lessons", "exercises": packaged / "exercises"}, "the installed lstmlab"
    found = []
    for origin, folder in roots.items():
        notebooks = sorted(folder.glob("*.ipynb"))
        if not notebooks:
            raise ValueError(f"no {LAYOUT[origin]} to release: {folder} holds no notebooks (from {where})")
        for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
            notebooks += sorted(sub.glob("*.ipynb"))  # translated lessons, e.g. notebooks/zh/
        found += [(PurePosixPath(origin, *p.relative_to(folder).parts), p) for p in notebooks]
    return where, found


def released_path(origin):
    """Where a notebook of the clone (notebooks/..., exercises/...) goes in the release."""
    top, *rest = PurePosixPath(origin).parts
    return PurePosixPath(LAYOUT[top], *rest)


def rewrite_target(target, origin, released):
    """(new target, or None when the release has nothing there, and whether it pointed at a solution)."""
    if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", target) or target.startswith(("#", "/")):
        return target, False  # a URL, an anchor in the same notebook, an absolute path: left alone
    path, hash_sign, fragment = target.partition("#")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(str(origin)), path))
    top = resolved.split("/", 1)[0]
    if top == WITHHELD:
        return None, True
    if top not in LAYOUT:
        return None, False
    new = str(released_path(resolved))
    folders = {str(p.parent) for p in released} | set(LAYOUT.values())
    if PurePosixPath(new) not in released and new not in folders:
        return None, False
    here = posixpath.dirname(str(released_path(origin)))
    relative = posixpath.relpath(new, here) + ("/" if path.endswith("/") else "")
    return relative + hash_sign + fragment, False


def rewrite_markdown(text, origin, released):
    """Markdown with its relative links pointed into the release; dead links and links to solutions made plain."""
    def replace(match):
        bang, label, target, title = match.groups()
        new, solution = rewrite_target(target, origin, released)
        if new is not None:
            return f"{bang}[{label}]({new}{title})"
        return f"{label} {WITHHELD_NOTE}" if solution else label
    return LINK.sub(replace, text)


def rewrite_code(source, origin, released):
    """A lesson's "../solutions/NN.ipynb" becomes the released exercise NN, when there is one."""
    def replace(match):
        quote, name = match.groups()
        exercise = PurePosixPath("exercises", name)
        if exercise not in released:
            return match.group(0)
        return quote + posixpath.relpath(str(exercise), posixpath.dirname(str(released_path(origin)))) + quote
    return SOLUTION_PATH.sub(replace, source)


def release_notebook(path, origin, released, version, colab=False):
    """The notebook as learners get it (stored outputs kept)."""
    import nbformat
    nb = nbformat.read(str(path), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = rewrite_markdown(cell.source, origin, released)
        elif cell.cell_type == "code":
            cell.source = rewrite_code(cell.source, origin, released)
    nb.metadata["lstmlab"] = {"release": version, "from": str(origin)}  # not build-exercises' "edit solutions/" note
    if colab:
        cell = nbformat.v4.new_code_cell(f"!pip install --quiet lstmlab=={version}  # Colab: install the course's package")
        cell["id"] = "lstmlab-colab-install"
        nb.cells.insert(0, cell)
    return nb


def readme(version, released):
    """DIR/README.md: how a learner starts, checks and submits."""
    lessons = sorted(p for p in released if p.parts[0] == "lessons" and len(p.parts) == 2)
    exercises = sorted(p for p in released if p.parts[0] == "exercises")
    first = next((p for p in lessons if p.name.startswith("00")), lessons[0])
    example = exercises[0].name
    lines = [
        "# LSTM course: lessons and exercises", "",
        f"Made with lstmlab {version}. The lessons take you from one LSTM cell "
        "to stacked and stateful Keras 3 models; each exercise notebook asks you to write small NumPy functions and "
        "tells you, cell by cell, what is right or wrong.", "",
        "## Start", "",
        "```bash",
        f'pip install "lstmlab[keras]=={version}"   # Python 3.10+; the lessons compare with Keras',
        f"pip install lstmlab=={version}            # enough for the exercises alone",
        "jupyter lab",
        "```", "",
        f"Then open [{first}]({first}) in JupyterLab. A JupyterHub or Colab link from your teacher opens it for "
        f"you; in Colab, run `!pip install lstmlab=={version}` first, unless the notebook starts with that cell.", "",
        "## Exercises and `check`", "",
        f"Each notebook in [exercises/](exercises/) (for example [{exercises[0]}]({exercises[0]})) asks for functions. "
        "Write the body of each, then run the `check(\"<exercise>\", your_function)` cell under it: it calls your "
        "function on several random inputs and says in plain words whether it passed, which output has the wrong "
        "shape or values (where, and by how much), and the likely mistake by name (gate order, a transposed kernel, "
        "...). It never raises, so the notebook always runs to the end.", "",
        "## Submitting", "",
        f"Submit the exercise notebook file itself (for example `{example}`), the way your teacher asks. Only the "
        "answer cells (the cells with a function to write) are graded: the grader takes them from your notebook, "
        "runs them in a fresh Python without lstmlab, and calls your functions on new random inputs. So:", "",
        "- keep each answer self-contained: NumPy is available as `np`; import anything else inside the answer cell;",
        "- do not delete an answer cell or change its metadata; cells you add, and stored outputs, are ignored;",
        "- run `check` before you submit: the grader uses the same checks on other random inputs, so an answer "
        "that only fits the inputs `check` happened to try will not pass.", "",
        "## Contents", "",
    ]
    lines += [f"- lesson [{p.stem}]({p})" for p in lessons]
    lines += [f"- exercises [{p.stem}]({p})" for p in exercises]
    return "\n".join(lines) + "\n"


def add_arguments(parser):
    parser.add_argument("dir", metavar="DIR", help="the folder to write (must be empty, or absent)")
    parser.add_argument("--force", action="store_true", help="write into a non-empty DIR: overwrite the files the "
                        "release writes (lessons/, exercises/, README.md), delete nothing")
    parser.add_argument("--colab", action="store_true", help="start every notebook with `!pip install lstmlab==VERSION` "
                        "(for Colab, which does not have lstmlab)")


def run(args):
    import nbformat

    from .. import __version__
    out = Path(args.dir)
    if out.exists() and not out.is_dir():
        raise ValueError(f"{out} is a file, not a folder")
    present = sorted(p for p in out.rglob("*") if p.is_file()) if out.is_dir() else []
    if present and not args.force:
        print(f"lstmlab release: {out} is not empty ({len(present)} files, e.g. {present[0]}); refusing to write a "
              "release over it. Give an empty or new folder, or --force to overwrite only the files the release "
              "writes (it deletes nothing).", file=sys.stderr)
        return 1
    where, found = sources()
    released = {released_path(origin) for origin, _ in found}
    written = []
    for origin, path in found:
        target = out / released_path(origin)
        nb = release_notebook(path, origin, released, __version__, colab=args.colab)
        target.parent.mkdir(parents=True, exist_ok=True)
        written.append((target, target.exists()))
        nbformat.write(nb, str(target))
    target = out / "README.md"
    written.append((target, target.exists()))
    target.write_text(readme(__version__, released))
    replaced = [str(p) for p, existed in written if existed]
    print(f"{out}: {len(written)} files from {where}: "
          f"{sum(p.parts[0] == 'lessons' for p in released)} lessons, "
          f"{sum(p.parts[0] == 'exercises' for p in released)} exercise notebooks, README.md; no solutions")
    if replaced:
        print(f"overwritten (--force): {', '.join(replaced)}")
    return 0
