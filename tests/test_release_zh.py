"""`lstmlab release DIR --language zh` (issue #26): the Chinese course for students: each notebook's Chinese twin in the
English one's place, the English notebook where no twin exists yet (said by the command and the README), the
Chinese-only ones (the glossary), every link resolving inside the release, the exercises graded by the same ids."""
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from lstmlab.grade.course import Course
from grading_helpers import release_links

ROOT = Path(__file__).resolve().parents[1]
WHEEL = f"lstmlab-{__import__('lstmlab').__version__}-py3-none-any.whl"
FOLDERS = {"notebooks": "lessons", "exercises": "exercises"}


def _release(out, *options):
    return subprocess.run([sys.executable, "-m", "lstmlab", "release", str(out), *options], capture_output=True,
                          text=True, cwd=ROOT, timeout=300)


def _expected():
    """{released path: the clone's notebook it must come from}, read from the clone's folders."""
    found = {}
    for folder, released in FOLDERS.items():
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            found[f"{released}/{path.name}"] = f"{folder}/{path.name}"
        for path in sorted((ROOT / folder / "zh").glob("*.ipynb")):
            found[f"{released}/{path.name}"] = f"{folder}/zh/{path.name}"  # the twin wins
    return found


@pytest.fixture(scope="module")
def zh(tmp_path_factory):
    out = tmp_path_factory.mktemp("release") / "course"
    done = _release(out, "--language", "zh")
    assert done.returncode == 0, done.stderr
    return out, done.stdout


def test_each_notebook_is_its_chinese_twin_where_one_exists_else_the_english(zh):
    out, _ = zh
    expected = _expected()
    files = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()}
    assert files == set(expected) | {"README.md", "environment.yml", f"wheels/{WHEEL}"}
    assert "lessons/glossary.ipynb" in files and not (out / "lessons" / "zh").exists()
    for released, origin in expected.items():
        nb = nbformat.read(out / released, as_version=4)
        assert nb.metadata["lstmlab"]["from"] == origin, released
    lesson = nbformat.read(out / "lessons" / "02_through_time.ipynb", as_version=4)
    assert 'lstmlab.set_language("zh")' in lesson.cells[0].source
    assert sum("\u4e00" <= ch <= "\u9fff" for c in lesson.cells for ch in c.source) > 1000


def test_the_command_and_the_readme_say_which_notebooks_are_still_english(zh):
    out, stdout = zh
    english = sorted(r for r, o in _expected().items() if "/zh/" not in o)
    assert "lessons/09_experiments.ipynb" not in english and "lessons/02_through_time.ipynb" not in english
    assert f"still in English (no zh translation yet): {', '.join(english) or 'none'}\n" in stdout
    readme = (out / "README.md").read_text()
    assert readme.startswith("# LSTM 课程") and f'pip install "wheels/{WHEEL}[lab]"' in readme
    assert readme.count("（英文）") == len(english) and ("标有「英文」" in readme) == bool(english)
    assert "- 课程 [09_experiments](lessons/09_experiments.ipynb)\n" in readme
    assert "- 课程 [02_through_time](lessons/02_through_time.ipynb)\n" in readme
    assert "solutions/" not in readme


def test_the_readme_marks_a_notebook_without_a_twin():
    """Every notebook has a twin now, so the release above marks none: the marking is checked on a made-up list."""
    from lstmlab.exercises.readme_zh import readme_zh
    lessons, exercises = [Path("lessons/02_through_time.ipynb"), Path("lessons/11_new.ipynb")], [Path("exercises/02.ipynb")]
    lines = {"lab": "pip install x", "exercises": "pip install y"}
    text = readme_zh("1.0", lessons, exercises, lines, "lessons/00_start_here.ipynb", english=[lessons[1]])
    assert "- 课程 [11_new](lessons/11_new.ipynb)（英文）\n" in text and "- 课程 [02_through_time](lessons/02_through_time.ipynb)\n" in text
    assert text.count("（英文）") == 1 and "标有「英文」的笔记本还没有中文版" in text


def test_every_link_resolves_inside_the_release_and_leads_to_the_chinese(zh):
    out, _ = zh
    checked, to_chinese = 0, 0
    for _, _, resolved in release_links(out):
        if resolved.suffix == ".ipynb":
            checked += 1
            to_chinese += "/zh/" in nbformat.read(resolved, as_version=4).metadata["lstmlab"]["from"]
    assert checked > 60 and to_chinese > 10


def test_lesson_00_speaks_to_students_in_chinese(zh):
    out, _ = zh
    cells = nbformat.read(out / "lessons" / "00_start_here.ipynb", as_version=4).cells
    text = "\n".join(c.source for c in cells)
    assert "make lab" not in text and "给教师" not in text and "lstmlab grade" not in text
    assert f'pip install "wheels/{WHEEL}[lab]"' in text


def test_the_chinese_exercises_have_the_english_answer_cells(zh):
    out, _ = zh
    clone, release = Course(ROOT / "exercises"), Course(out / "exercises")
    assert {n: a.ids for n, a in release.assignments.items()} == {n: a.ids for n, a in clone.assignments.items()}
    assert {n: a.points for n, a in release.assignments.items()} == {n: a.points for n, a in clone.assignments.items()}


def test_a_language_without_translations_is_refused(tmp_path):
    done = _release(tmp_path / "fr", "--language", "fr")
    assert done.returncode == 2 and "expected translated notebooks in notebooks/fr/" in done.stderr
    assert not (tmp_path / "fr").exists()
