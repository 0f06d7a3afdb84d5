"""`lstmlab release DIR`: what learners get: DIR/lessons/, DIR/exercises/, DIR/README.md, DIR/environment.yml, the
wheel (DIR/wheels/) every instruction installs from and the teacher's items (DIR/items/, loaded by the exercise
notebooks for check()); never a solution.

The notebooks come from this clone (notebooks/, exercises/) or, when lstmlab is installed, from the copy inside
the package. Links between notebooks are rewritten to the release's layout (notebooks/ becomes lessons/); a link
to a solution becomes plain text saying solutions are withheld, and a link to anything else the release does not
hold becomes plain text. A lesson's code that reads "../solutions/NN.ipynb" reads the exercise instead (the same
answer cells' metadata and signatures, no answers). DIR must be empty, unless --force: then the release overwrites
the files it writes itself and deletes nothing. A cell whose metadata has {"lstmlab": {"release": TEXT}} speaks to
students in the release: TEXT (with {install}, the install line) replaces it, or the cell is left out when TEXT is "".
With --colab, links between notebooks become absolute: Colab opens each notebook from the release repository.
With --language zh, the release is the Chinese course: lessons/ and exercises/ hold each notebook's Chinese twin
(notebooks/zh/, exercises/zh/) under the English name, the English notebook where no twin exists yet (the command
says which), and the Chinese-only ones (the glossary); links between notebooks lead to the Chinese where it exists.
"""
import posixpath
import re
import shutil
import sys
import tempfile
from pathlib import Path, PurePosixPath

from .contract import REPO, packaged_course
from .wheel import build_wheel, check_wheel

LAYOUT = {"notebooks": "lessons", "exercises": "exercises"}  # the clone's folder -> the release's folder
WITHHELD = "solutions"
WITHHELD_NOTE = "(solutions are withheld in this release)"
LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(([^()\s]+)((?:\s+\"[^\"\n]*\")?)\)")
SOLUTION_PATH = re.compile(r"""(["'])\.\./solutions/([\w.-]+\.ipynb)\1""")


def _course_roots(course):
    """{origin: folder} of a teacher's course folder: exercises/ (or the notebooks themselves), lessons if any."""
    course = Path(course)
    exercises = course / "exercises" if (course / "exercises").is_dir() else course
    roots = {"exercises": exercises}
    lessons = next((course / n for n in ("lessons", "notebooks") if (course / n).is_dir()), None)
    if lessons is not None:
        roots = {"notebooks": lessons, **roots}
    return roots


def sources(clone=REPO, course=None, language=None):
    """(where they come from, [(path as in the clone, file)]) of the lessons and exercises to release.

    language: that translation's notebooks (<folder>/<language>/) and the English ones without a twin, nothing else."""
    if course is not None:
        if not Path(course).is_dir():
            raise ValueError(f"--course {course}: expected a folder holding exercises/ (and lessons/), got no folder")
        roots, where = _course_roots(course), f"--course {course}"
    elif (clone / "pyproject.toml").is_file() and (clone / "exercises").is_dir():
        roots, where = {"notebooks": clone / "notebooks", "exercises": clone / "exercises"}, f"this clone ({clone})"
    else:
        packaged = packaged_course()
        roots, where = {"notebooks": packaged / "lessons", "exercises": packaged / "exercises"}, "the installed lstmlab"
    found = []
    for origin, folder in roots.items():
        notebooks = sorted(folder.glob("*.ipynb"))
        if not notebooks:
            raise ValueError(f"no {LAYOUT[origin]} to release: {folder} holds no notebooks (from {where})")
        if language is not None:
            twins = sorted((folder / language).glob("*.ipynb"))
            names = {p.name for p in twins}
            notebooks = [p for p in notebooks if p.name not in names] + twins
        else:
            for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
                notebooks += sorted(sub.glob("*.ipynb"))  # translated lessons, e.g. notebooks/zh/
        found += [(PurePosixPath(origin, *p.relative_to(folder).parts), p) for p in notebooks]
    return where, found


def released_path(origin, language=None):
    """Where a notebook of the clone (notebooks/..., exercises/...) goes in the release (a language's twin, e.g.
    notebooks/zh/02.ipynb, takes the English one's place in that language's release)."""
    top, *rest = PurePosixPath(origin).parts
    if language is not None and len(rest) > 1 and rest[0] == language:
        rest = rest[1:]
    return PurePosixPath(LAYOUT[top], *rest)


def rewrite_target(target, origin, released, language=None):
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
    new = str(released_path(resolved, language))
    folders = {str(p.parent) for p in released} | set(LAYOUT.values())
    if PurePosixPath(new) not in released and new not in folders:
        return None, False
    here = posixpath.dirname(str(released_path(origin, language)))
    relative = posixpath.relpath(new, here) + ("/" if path.endswith("/") else "")
    return relative + hash_sign + fragment, False


def absolute(relative, origin, base, language=None):
    """A link relative to the released notebook, made absolute under base (Colab: a GitHub repository's notebook)."""
    path, hash_sign, fragment = relative.partition("#")
    here = posixpath.dirname(str(released_path(origin, language)))
    full = posixpath.normpath(posixpath.join(here, path)) if path else str(released_path(origin, language))
    return base.rstrip("/") + "/" + full + hash_sign + fragment


def rewrite_markdown(text, origin, released, base=None, language=None):
    """Markdown with its relative links pointed into the release (absolute under base when given); dead links and
    links to solutions made plain."""
    def replace(match):
        bang, label, target, title = match.groups()
        new, solution = rewrite_target(target, origin, released, language)
        if new is not None and base and not re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:|#|/", target):
            new = absolute(new, origin, base, language)
        if new is not None:
            return f"{bang}[{label}]({new}{title})"
        return f"{label} {WITHHELD_NOTE}" if solution else label
    return LINK.sub(replace, text)


def rewrite_code(source, origin, released, language=None):
    """A lesson's "../solutions/NN.ipynb" becomes the released exercise NN, when there is one."""
    def replace(match):
        quote, name = match.groups()
        exercise = PurePosixPath("exercises", name)
        if exercise not in released:
            return match.group(0)
        return quote + posixpath.relpath(str(exercise), posixpath.dirname(str(released_path(origin, language)))) + quote
    return SOLUTION_PATH.sub(replace, source)


def release_notebook(path, origin, released, version, colab=False, install=None, items=(), base=None, language=None):
    """The notebook as learners get it (stored outputs kept).

    colab: the first cell installs lstmlab (`install`, a pip command); items: where the exercise notebooks load the
    teacher's items from (use_items); base: links between notebooks are made absolute under it (Colab);
    language: the release's translation (its twins stand in the English notebooks' places).
    """
    import nbformat
    nb = nbformat.read(str(path), as_version=4)
    kept = []
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("lstmlab", {})
        if isinstance(meta, dict) and "release" in meta:  # a cell that speaks to the clone's users
            if not meta["release"]:
                continue
            cell.source = meta["release"].replace("{install}", install or "")
            cell.metadata["lstmlab"] = {k: v for k, v in meta.items() if k != "release"}
            if not cell.metadata["lstmlab"]:
                del cell.metadata["lstmlab"]
        if cell.cell_type == "markdown":
            cell.source = rewrite_markdown(cell.source, origin, released, base, language)
        elif cell.cell_type == "code":
            cell.source = rewrite_code(cell.source, origin, released, language)
        kept.append(cell)
    nb.cells = kept
    nb.metadata["lstmlab"] = {"release": version, "from": str(origin)}  # not build-exercises' "edit solutions/" note
    first = []
    if colab:
        first.append(("lstmlab-colab-install", f"!{install}  # Colab: install the course's package"))
    if items and PurePosixPath(origin).parts[0] == "exercises":
        calls = "\n".join(f"use_items({where!r})" for where in items)
        first.append(("lstmlab-teacher-items", f"from lstmlab import use_items\n\n{calls}  # your teacher's exercises, for check()"))
    for cell_id, source in reversed(first):
        cell = nbformat.v4.new_code_cell(source)
        cell["id"] = cell_id
        nb.cells.insert(0, cell)
    return nb


WHEELS = "wheels"  # DIR/wheels/: the lstmlab wheel every instruction installs from
ITEMS = "items"  # DIR/items/: the teacher's items files, loaded by the exercise notebooks


def install_lines(version, wheel=None, index=None, wheel_url=None):
    """{"lab": pip command for everything, "exercises": the light one, "colab": Colab's, "conda": a pip requirement}.

    From the release's own wheel (wheel, its file name), unless the teacher published lstmlab (index: "pypi", or an
    index URL); Colab installs from wheel_url (the wheel in the release repository, raw).
    """
    if index:
        option = "" if index == "pypi" else f" --index-url {index} --extra-index-url https://pypi.org/simple"
        spec = f"lstmlab[{{extra}}]=={version}"
        return {"lab": f'pip install "{spec.format(extra="lab")}"{option}',
                "exercises": f'pip install "{spec.format(extra="grade")}" jupyterlab{option}',
                "colab": f'pip install --quiet "lstmlab=={version}"{option}', "conda": spec.format(extra="lab")}
    local = f"{WHEELS}/{wheel}"
    return {"lab": f'pip install "{local}[lab]"', "exercises": f'pip install "{local}[grade]" jupyterlab',
            "colab": f'pip install --quiet "lstmlab @ {wheel_url}"' if wheel_url else None,
            "conda": f"./{local}[lab]"}


def environment_yml(lines):
    """DIR/environment.yml: a conda environment that installs lstmlab as the README does."""
    return ("# conda env create -f environment.yml && conda activate lstmlab && jupyter lab\n"
            "name: lstmlab\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - pip\n  - pip:\n"
            f'      - "{lines["conda"]}"\n')


def readme(version, released, lines=None, colab=False, items=(), language=None, english=()):
    """DIR/README.md: how a learner installs, starts, checks and submits (in Chinese for language "zh", the
    notebooks still in English, `english`, marked)."""
    lines_ = lines or install_lines(version, f"lstmlab-{version}-py3-none-any.whl")
    lessons = sorted(p for p in released if p.parts[0] == "lessons" and len(p.parts) == 2)
    exercises = sorted(p for p in released if p.parts[0] == "exercises")
    first = next((p for p in lessons if p.name.startswith("00")), (lessons or exercises)[0])
    if language == "zh":
        from .readme_zh import readme_zh
        return readme_zh(version, lessons, exercises, lines_, first, colab, items, set(english))
    example = exercises[0].name
    start = [
        "## Start", "",
        "In a terminal, in this folder (Python 3.10+; a virtual environment is best: `python -m venv .venv` and "
        "activate it):", "",
        "```bash",
        f"{lines_['lab']}   # everything the lessons use, Keras included",
        "jupyter lab",
        "```", "",
        f"For the exercises alone, `{lines_['exercises']}` is enough. With conda: "
        "`conda env create -f environment.yml && conda activate lstmlab && jupyter lab`.", "",
        f"Then open [{first}]({first}) in JupyterLab. A JupyterHub link from your teacher opens it for you.",
    ]
    if colab:
        start += ["", "In Colab, each notebook starts with the cell that installs lstmlab "
                  f"(`!{lines_['colab']}`): run it first."]
    if items:
        start += ["", f"Some exercises are your teacher's own: their checks are in [{ITEMS}/]({ITEMS}/), and each "
                  "exercise notebook loads them in its first cell (`use_items(...)`): run that cell before any "
                  "`check`."]
    text = [
        "# LSTM course: lessons and exercises", "",
        f"Made with lstmlab {version}. The lessons take you from one LSTM cell "
        "to stacked and stateful Keras 3 models; each exercise notebook asks you to write small NumPy functions and "
        "tells you, cell by cell, what is right or wrong.", "",
        *start, "",
        "## Exercises and `check`", "",
        f"Each notebook in [exercises/](exercises/) (for example [{exercises[0]}]({exercises[0]})) asks for functions. "
        "Write the body of each, then run the `check(\"<exercise>\", your_function)` cell under it: it calls your "
        "function on several random inputs and says in plain words whether it passed, which output has the wrong "
        "shape or values (where, and by how much), and the likely mistake by name (gate order, a transposed kernel, "
        "...). It never raises, so the notebook always runs to the end.", "",
        "## Submitting", "",
        f"Submit the exercise notebook file itself (for example `{example}`), the way your teacher asks. The grader "
        "takes your answer cells and the cells you added from your notebook, restores the notebook's other cells as "
        "they were given, runs it in a fresh Python without lstmlab, and calls your functions on new random "
        "inputs. So:", "",
        "- NumPy is available as `np`; a helper of your own may live in a cell you add, above or below the answer;",
        "- do not delete an answer cell or change its metadata; the answer graded is the one its answer cell "
        "defines (as its `check` saw it), and edits to the notebook's own cells are undone;",
        "- run `check` before you submit: the grader uses the same checks on other random inputs, so an answer "
        "that only fits the inputs `check` happened to try will not pass.", "",
        "## Contents", "",
    ]
    text += [f"- lesson [{p.stem}]({p})" for p in lessons]
    text += [f"- exercises [{p.stem}]({p})" for p in exercises]
    return "\n".join(text) + "\n"


def untranslated(found, language):
    """The released paths of the English notebooks a language's release carries for want of a translation."""
    if language is None:
        return []
    return sorted(released_path(o, language) for o, _ in found if len(PurePosixPath(o).parts) == 2)


def colab_base(wheel_url):
    """Where Colab opens the release's notebooks, from the wheel's raw URL in the release repository."""
    raw = re.match(r"https://raw\.githubusercontent\.com/([^/]+)/([^/]+)/([^/]+)/", wheel_url)
    if raw:
        return "https://colab.research.google.com/github/{}/{}/blob/{}".format(*raw.groups())
    return wheel_url.rsplit(f"/{WHEELS}/", 1)[0] if f"/{WHEELS}/" in wheel_url else wheel_url.rsplit("/", 1)[0]


def add_arguments(parser):
    parser.add_argument("dir", metavar="DIR", help="the folder to write (must be empty, or absent)")
    parser.add_argument("--force", action="store_true", help="write into a non-empty DIR: overwrite the files the "
                        "release writes (lessons/, exercises/, items/, wheels/, README.md, environment.yml), delete nothing")
    parser.add_argument("--course", metavar="DIR", help="release your own course: a folder holding exercises/ "
                        "(and lessons/ or notebooks/); default: this clone's, else the installed lstmlab's")
    parser.add_argument("--items", action="append", default=[], metavar="FILE", help="your items file (ITEMS, as for "
                        "`lstmlab grade --items`): copied into DIR/items/ and loaded by every exercise notebook so "
                        "that learners' check() knows your exercises; repeatable")
    parser.add_argument("--wheel", metavar="PATH", help="the lstmlab wheel the release carries (this version's); "
                        "default: built from this clone")
    parser.add_argument("--wheel-url", metavar="URL", help="--colab: the release repository's raw URL (e.g. "
                        "https://raw.githubusercontent.com/ME/COURSE/main/), or of the wheel in it: Colab installs "
                        "from there, loads the items from there, and the links between notebooks point there")
    parser.add_argument("--index", nargs="?", const="pypi", metavar="URL", help="lstmlab IS published (on PyPI, or "
                        "the package index at URL): install it from there by version instead of from the wheel")
    parser.add_argument("--language", metavar="LANG", help="release the course in LANG (zh): each notebook's "
                        "translation (notebooks/LANG/, exercises/LANG/) in its place, the English one where none "
                        "exists yet (listed in this command's output)")
    parser.add_argument("--colab", action="store_true", help="start every notebook with a cell that installs lstmlab "
                        "(from --wheel-url, or with --index by version), for Colab, which does not have lstmlab")


def _fail(text):
    print(f"lstmlab release: {text}", file=sys.stderr)  # not learner-facing: the teacher's command line
    return 2


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
    if args.colab and not (args.wheel_url or args.index):
        return _fail("--colab needs --wheel-url URL (the release repository's raw URL, where Colab downloads the "
                     "wheel and the items) or --index (lstmlab is published); got neither")
    if args.colab and args.items and not args.wheel_url:
        return _fail("--colab --items needs --wheel-url URL: a Colab notebook has no folder beside it, so it loads the "
                     "items from the release repository's raw URL")
    for path in args.items:
        if not Path(path).is_file() or Path(path).suffix != ".py":
            return _fail(f"--items {path}: expected a Python file defining ITEMS, got no such .py file")
    language = args.language.strip().lower() if args.language else None
    if language in ("en", ""):
        language = None  # the English course
    where, found = sources(course=args.course, language=language)
    if language is not None and not any(len(PurePosixPath(o).parts) > 2 for o, _ in found):
        return _fail(f"--language {args.language}: expected translated notebooks in notebooks/{language}/ or "
                     f"exercises/{language}/ (from {where}), found none")
    released = {released_path(origin, language) for origin, _ in found}
    with tempfile.TemporaryDirectory(prefix="lstmlab-release-") as tmp:
        wheel = None
        if not args.index:
            try:
                wheel = check_wheel(args.wheel, __version__) if args.wheel else build_wheel(REPO, tmp) if (
                    REPO / "pyproject.toml").is_file() else None
            except (ValueError, FileNotFoundError) as exc:
                return _fail(str(exc))
            if wheel is None:
                return _fail(f"an installed lstmlab cannot build its wheel: give --wheel PATH (lstmlab-{__version__}-"
                             "py3-none-any.whl), or --index if lstmlab is published")
        base = url = None
        if args.wheel_url:
            url = args.wheel_url if args.wheel_url.endswith(".whl") else (
                args.wheel_url.rstrip("/") + f"/{WHEELS}/{wheel.name if wheel else ''}")
            root = url.rsplit(f"/{WHEELS}/", 1)[0] if f"/{WHEELS}/" in url else url.rsplit("/", 1)[0]
        lines = install_lines(__version__, wheel.name if wheel else None, args.index, url)
        items = []
        for path in args.items:
            name = Path(path).name
            items.append(f"{root}/{ITEMS}/{name}" if args.colab and args.wheel_url else f"../{ITEMS}/{name}")
        if args.colab and args.wheel_url:
            base = colab_base(url)
        written = []

        def write(target, data):
            target.parent.mkdir(parents=True, exist_ok=True)
            written.append((target, target.exists()))
            (target.write_bytes if isinstance(data, bytes) else target.write_text)(data)

        for origin, path in found:
            nb = release_notebook(path, origin, released, __version__, colab=args.colab,
                                  install=lines["colab"] if args.colab else lines["lab"], items=items, base=base,
                                  language=language)
            write(out / released_path(origin, language), nbformat.writes(nb) + "\n")
        if wheel is not None:
            write(out / WHEELS / wheel.name, wheel.read_bytes())
        for path in args.items:
            write(out / ITEMS / Path(path).name, Path(path).read_bytes())
        english = untranslated(found, language)
        write(out / "README.md", readme(__version__, released, lines, colab=args.colab, items=args.items,
                                        language=language, english=english))
        write(out / "environment.yml", environment_yml(lines))
    replaced = [str(p) for p, existed in written if existed]
    print(f"{out}: {len(written)} files from {where}: "
          f"{sum(p.parts[0] == 'lessons' for p in released)} lessons, "
          f"{sum(p.parts[0] == 'exercises' for p in released)} exercise notebooks, "
          + (f"the wheel {wheel.name}, " if wheel else f"lstmlab=={__version__} from the index, ")
          + (f"{len(args.items)} items files, " if args.items else "") + "README.md, environment.yml; no solutions")
    if language is not None:
        print(f"in {language}: {len(found) - len(english)} notebooks; still in English (no {language} translation yet): "
              + (", ".join(str(p) for p in english) or "none"))
    if replaced:
        print(f"overwritten (--force): {', '.join(replaced)}")
    return 0
