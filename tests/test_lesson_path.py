"""The novice's path (issue 24): lessons 00-05 open with a "Words you'll meet" box, keep their optional material in
one "Going further" section after the Summary, and the start page's map marks that section optional."""
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "notebooks").glob("0[0-5]_*.ipynb"))
HEADING = re.compile(r"^## (.+)$", re.M)


def markdown(path):
    return [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"]


def headings(path):
    return [h for text in markdown(path) for h in HEADING.findall(text)]


def test_the_path_covers_lessons_00_to_05():
    assert [p.stem[:2] for p in LESSONS] == ["00", "01", "02", "03", "04", "05"]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_each_lesson_opens_with_its_words(path):
    first = markdown(path)[:3]
    assert any(text.startswith("> **Words you'll meet**") for text in first), f"{path.name}: no words box at the top"


@pytest.mark.parametrize("path", LESSONS[1:], ids=lambda p: p.stem)
def test_optional_material_comes_after_the_answer(path):
    found = headings(path)
    numbered = [k for k, h in enumerate(found) if re.match(r"\d+\. ", h)]
    assert numbered and "Summary" in found, f"{path.name}: {found}"
    if "Going further (optional)" in found:
        further = found.index("Going further (optional)")
        assert found.index("Summary") < further and max(numbered) < further, f"{path.name}: {found}"
        assert further == len(found) - 1, f"{path.name}: a section after Going further: {found[further + 1:]}"


def test_the_start_page_map_marks_each_going_further_optional():
    start = "\n".join(markdown(ROOT / "notebooks" / "00_start_here.ipynb"))
    rows = {m[1]: m[0] for m in re.findall(r"^(\| \[(\d\d_\w+)\]\(.*)$", start, re.M)}
    with_further = [p.stem for p in LESSONS if "Going further (optional)" in headings(p)]
    assert with_further == ["01_one_cell", "03_shaping_data", "04_stacking", "05_stateful"]
    for stem in with_further:
        assert "*going further (optional)*" in rows[stem], rows[stem]
    assert "going further" not in rows["02_through_time"]


def test_lesson_03_quizzes_only_what_01_to_03_taught():
    code = [c.source for c in nbformat.read(ROOT / "notebooks" / "03_shaping_data.ipynb", as_version=4).cells
            if c.cell_type == "code" and "ShapeQuiz" in c.source]
    assert code == ["lstmlab.ShapeQuiz(lesson=3)"]
