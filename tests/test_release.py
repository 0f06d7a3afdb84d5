"""`lstmlab release DIR`: lessons, exercises and a README for learners; no solution code anywhere in it, every link
between notebooks resolving inside it, and nothing a learner wrote ever overwritten without --force."""
import ast
import json
import re
import subprocess
import sys
from pathlib import Path, PurePosixPath

import nbformat
import pytest

from lstmlab.exercises.build import stub
from lstmlab.exercises.release import rewrite_markdown
from lstmlab.grade.course import Course
from grading_helpers import RELEASE_LINK, release_links

ROOT = Path(__file__).resolve().parents[1]
WHEEL = f"lstmlab-{__import__('lstmlab').__version__}-py3-none-any.whl"


def _release(out, *options):
    return subprocess.run([sys.executable, "-m", "lstmlab", "release", str(out), *options], capture_output=True,
                          text=True, cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    out = tmp_path_factory.mktemp("release") / "course"
    done = _release(out)
    assert done.returncode == 0, done.stderr
    lessons = len(list((ROOT / "notebooks").rglob("*.ipynb")))
    exercises = len(list((ROOT / "exercises").rglob("*.ipynb")))  # exercises/zh/ too
    assert (f"{lessons} lessons, {exercises} exercise notebooks, the wheel {WHEEL}, README.md, environment.yml; "
            "no solutions") in done.stdout
    return out


def _text(path):
    """Everything a file holds, as a learner would read it: a notebook's sources and outputs, decoded from JSON."""
    raw = path.read_text(errors="replace")
    if path.suffix != ".ipynb":
        return raw
    parts = [raw]
    for cell in nbformat.reads(raw, as_version=4).cells:
        parts.append(cell.source)
        for output in cell.get("outputs", []):
            parts.append(str(output.get("text", "")))
            parts += [str(v) for v in output.get("data", {}).values()]
    return "\n".join(parts)


def _given():
    """The ids of the answers a later exercise gives on purpose (a cell with {"lstmlab": {"given": [id, ...]}})."""
    return {i for path in (ROOT / "solutions").glob("*.ipynb") for cell in nbformat.read(path, as_version=4).cells
            for i in cell.metadata.get("lstmlab", {}).get("given", [])}


def _solution_lines():
    """{line: solution} for every answer-cell body line longer than 20 characters that the stub does not share
    (no def, docstring or import line), except the answers a later exercise gives (lstm_step, lstm_layer) and any
    line a given answer holds too."""
    lines, given = {}, _given()
    cells = [cell for path in sorted((ROOT / "solutions").glob("*.ipynb"))
             for cell in nbformat.read(path, as_version=4).cells if "exercise" in cell.metadata.get("lstmlab", {})]
    given_text = "\n".join(cell.source for cell in cells if cell.metadata["lstmlab"]["exercise"] in given)
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if "exercise" not in cell.metadata.get("lstmlab", {}) or cell.metadata["lstmlab"]["exercise"] in given:
                continue
            shared = {line.strip() for line in stub(cell.source).splitlines()}
            for line in cell.source.splitlines():
                line = line.strip()
                if len(line) > 20 and line not in shared and line not in given_text and not line.startswith(
                        ("def ", "import ", "from ", '"""')):
                    lines[line] = path.name
    return lines


def test_the_release_holds_the_lessons_the_exercises_and_a_readme_and_no_solutions(released):
    files = {str(p.relative_to(released)) for p in released.rglob("*") if p.is_file()}
    assert files == ({f"lessons/{p.relative_to(ROOT / 'notebooks')}" for p in (ROOT / "notebooks").rglob("*.ipynb")}
                     | {f"exercises/{p.relative_to(ROOT / 'exercises')}" for p in (ROOT / "exercises").rglob("*.ipynb")}
                     | {"README.md", "environment.yml", f"wheels/{WHEEL}"})
    assert not any("solution" in f for f in files)
    lesson, source = (nbformat.read(p / "01_one_cell.ipynb", as_version=4) for p in (released / "lessons", ROOT / "notebooks"))
    assert [c.get("outputs") for c in lesson.cells] == [c.get("outputs") for c in source.cells]  # stored outputs kept
    clone, release = Course(ROOT / "exercises"), Course(released / "exercises")
    assert {n: a.ids for n, a in release.assignments.items()} == {n: a.ids for n, a in clone.assignments.items()}
    assert {n: a.points for n, a in release.assignments.items()} == {n: a.points for n, a in clone.assignments.items()}


def test_no_line_of_solution_code_is_anywhere_in_the_release(released):
    lines = _solution_lines()
    assert len(lines) > 60  # the scan has something to look for
    # A line the lessons themselves teach (e.g. `for t in range(timesteps):`) is course material, not a leak; keep
    # that set small, so the scan stays meaningful.
    taught = {line for line in lines if any(line in _text(p) for p in (ROOT / "notebooks").rglob("*.ipynb"))}
    assert len(taught) <= 3, sorted(taught)
    leaks = [(str(path.relative_to(released)), line, lines[line]) for path in sorted(released.rglob("*"))
             if path.is_file() for line in lines if line not in taught and line in _text(path)]
    assert not leaks, leaks[:5]


def test_the_scan_would_find_a_leaked_solution(released, tmp_path):
    """The scan above can fail: a solution notebook copied into a release is caught."""
    leaked = tmp_path / "exercises" / "04_stacking.ipynb"
    leaked.parent.mkdir()
    leaked.write_bytes((ROOT / "solutions" / "04_stacking.ipynb").read_bytes())
    assert sum(line in _text(leaked) for line in _solution_lines()) >= 8


def test_every_link_between_notebooks_resolves_inside_the_release(released):
    checked = sum(".ipynb" in target for _, target, _ in release_links(released))
    assert checked > 80  # lessons link their siblings and exercises; exercises link their lesson; the README all


def test_links_are_rewritten_for_the_release_layout():
    released = {PurePosixPath(p) for p in ("lessons/01_one_cell.ipynb", "lessons/02_x.ipynb", "exercises/01_one_cell.ipynb")}
    exercise, lesson = PurePosixPath("exercises/01_one_cell.ipynb"), PurePosixPath("notebooks/01_one_cell.ipynb")
    assert (rewrite_markdown("see [the lesson](../notebooks/01_one_cell.ipynb#gates)", exercise, released)
            == "see [the lesson](../lessons/01_one_cell.ipynb#gates)")
    assert (rewrite_markdown("[next](02_x.ipynb), [practice](../exercises/01_one_cell.ipynb), [all](../exercises/)",
                             lesson, released)
            == "[next](02_x.ipynb), [practice](../exercises/01_one_cell.ipynb), [all](../exercises/)")
    assert (rewrite_markdown("compare with [the solution](../solutions/01_one_cell.ipynb).", lesson, released)
            == "compare with the solution (solutions are withheld in this release).")
    assert rewrite_markdown("[gone](03_gone.ipynb) and [seeds](../../shared/seeds/a.md)", lesson, released) == "gone and seeds"
    same = "[web](https://example.org/a.ipynb), [here](#gates), ![plot](https://example.org/p.png)"
    assert rewrite_markdown(same, lesson, released) == same


def test_every_instruction_installs_from_the_wheel_the_release_carries(released):
    line = f'pip install "wheels/{WHEEL}[lab]"'
    assert line in (released / "README.md").read_text()
    assert f'"./wheels/{WHEEL}[lab]"' in (released / "environment.yml").read_text()
    readme = (released / "README.md").read_text()
    assert f"lstmlab=={__import__('lstmlab').__version__}" not in readme  # not on any index unless --index says so


def test_lesson_00_of_a_release_speaks_to_students(released):
    for lesson in ("00_start_here.ipynb", "zh/00_start_here.ipynb"):
        cells = nbformat.read(released / "lessons" / lesson, as_version=4).cells
        text = "\n".join(c.source for c in cells)
        assert "make lab" not in text and "For teachers" not in text and "给教师" not in text, lesson
        assert "../solutions/" not in text and "lstmlab grade" not in text
        assert f'pip install "wheels/{WHEEL}[lab]"' in text
        assert not any("release" in c.metadata.get("lstmlab", {}) for c in cells)
        clone = "\n".join(c.source for c in nbformat.read(ROOT / "notebooks" / lesson, as_version=4).cells)
        assert "make lab" in clone and "lstmlab grade" in clone  # the clone's readers keep the teachers' part
    code = [c.source for c in nbformat.read(released / "lessons" / "00_start_here.ipynb", as_version=4).cells
            if c.cell_type == "code"]
    for cell in (c for c in code if not c.lstrip().startswith(("%", "!"))):
        ast.parse(cell)  # still valid Python


def test_a_non_empty_folder_is_refused_and_force_overwrites_only_what_the_release_writes(released, tmp_path):
    out = tmp_path / "course"
    (out / "exercises").mkdir(parents=True)
    mine = out / "exercises" / "01_one_cell.ipynb"
    mine.write_text("my work")
    notes = out / "exercises" / "my_notes.ipynb"
    notes.write_text("notes")
    done = _release(out)
    assert done.returncode == 1 and "is not empty" in done.stderr and "--force" in done.stderr
    assert mine.read_text() == "my work" and sorted(p.name for p in out.rglob("*")) == ["01_one_cell.ipynb", "exercises", "my_notes.ipynb"]
    done = _release(out, "--force")
    assert done.returncode == 0, done.stderr
    assert f"overwritten (--force): {mine}" in done.stdout
    assert mine.read_bytes() == (released / "exercises" / "01_one_cell.ipynb").read_bytes()
    assert notes.read_text() == "notes"  # deleted nothing


def test_colab_release_installs_from_the_release_repository_and_links_absolutely(tmp_path):
    import lstmlab
    assert _release(tmp_path / "none", "--colab").returncode == 2  # where would Colab install from?
    raw = "https://raw.githubusercontent.com/teacher/lstm-course/main/"
    done = _release(tmp_path / "colab", "--colab", "--wheel-url", raw)
    assert done.returncode == 0, done.stderr
    for path in (tmp_path / "colab").rglob("*.ipynb"):
        first = nbformat.read(path, as_version=4).cells[0]
        assert first.cell_type == "code" and first.source.startswith(f'!pip install --quiet "lstmlab @ {raw}wheels/{WHEEL}"')
    lesson = nbformat.read(tmp_path / "colab" / "lessons" / "00_start_here.ipynb", as_version=4)
    targets = [t for c in lesson.cells if c.cell_type == "markdown" for t in RELEASE_LINK.findall(c.source)]
    assert f"https://colab.research.google.com/github/teacher/lstm-course/blob/main/lessons/01_one_cell.ipynb" in targets
    assert not [t for t in targets if not re.match(r"https?:|#", t)]  # no relative link left
    assert json.loads((tmp_path / "colab" / "exercises" / "01_one_cell.ipynb").read_text())["metadata"]["lstmlab"] == {
        "release": lstmlab.__version__, "from": "exercises/01_one_cell.ipynb"}
    done = _release(tmp_path / "index", "--colab", "--index")  # the teacher says lstmlab is published
    first = nbformat.read(tmp_path / "index" / "exercises" / "01_one_cell.ipynb", as_version=4).cells[0]
    assert done.returncode == 0 and first.source.startswith(f'!pip install --quiet "lstmlab=={lstmlab.__version__}"')
    assert not (tmp_path / "index" / "wheels").exists()
    items = tmp_path / "my_items.py"
    items.write_text("ITEMS = []\n")
    assert _release(tmp_path / "no_url", "--colab", "--index", "--items", items).returncode == 2  # from where?
    done = _release(tmp_path / "items", "--colab", "--wheel-url", raw, "--items", items)
    first = nbformat.read(tmp_path / "items" / "exercises" / "01_one_cell.ipynb", as_version=4).cells[1]
    assert done.returncode == 0 and f"use_items('{raw}items/my_items.py')" in first.source
