"""Lessons 09 and 10 (issue 25, item 7): every numbered section opens with its takeaway in bold, no prose cell runs over
150 words, and every cell that prints claim checks (lines ending in ": True" or ": False") has its code collapsed."""
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
LESSONS = [ROOT / "notebooks" / "09_experiments.ipynb", ROOT / "notebooks" / "10_forecasting.ipynb"]
SECTION = re.compile(r"^##+ \d+[a-z]?\. ", re.M)  # "## 6b. ...", "### 4a. ..."
CHECK = re.compile(r": (True|False)$", re.M)


def cells(path):
    return nbformat.read(path, as_version=4).cells


def prose_words(text):
    """Words of a Markdown cell outside tables, anchors and headings."""
    lines = [line for line in text.splitlines() if not line.startswith(("|", "<a id=", "#"))]
    return len(" ".join(lines).split())


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_numbered_section_opens_with_a_bold_takeaway(path):
    missing = []
    for cell in cells(path):
        if cell.cell_type == "markdown" and SECTION.search(cell.source):
            after = cell.source[SECTION.search(cell.source).start():].split("\n", 1)[1].lstrip()
            if not after.startswith("**"):
                missing.append(cell.source.splitlines()[0] if not cell.source.startswith("<a") else cell.source.splitlines()[1])
    assert not missing, f"{path.name}: sections without a bold first sentence: {missing}"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_no_prose_cell_runs_over_150_words(path):
    long = [(cell.get("id"), prose_words(cell.source)) for cell in cells(path) if cell.cell_type == "markdown" and prose_words(cell.source) > 150]
    assert not long, f"{path.name}: Markdown cells over 150 words (id, words): {long}"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_claim_checks_are_collapsed(path):
    shown = []
    for cell in cells(path):
        text = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")
        if cell.cell_type == "code" and CHECK.search(text) and not cell.metadata.get("jupyter", {}).get("source_hidden"):
            shown.append(cell.get("id"))
    assert not shown, f"{path.name}: cells printing claim checks with their code shown: {shown}"
