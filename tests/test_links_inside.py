"""No link or instruction a reader follows points outside the repository (issue #26): a clone has no ../shared/seeds,
so the seeds are cited by their public titles and dates, and every relative link in the README and the notebooks'
text resolves to a file of the clone."""
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p for folder in ("notebooks", "exercises", "solutions") for p in (ROOT / folder).rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)
SEED_FILE = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt")  # a seed document's file name in shared/seeds
LINK = re.compile(r"(?<!\\)\]\(([^)\s#]+)(?:#[\w-]*)?\)")


def texts(path):
    if path.suffix == ".md":
        return [path.read_text(encoding="utf-8")]
    return [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"]


@pytest.mark.parametrize("path", [ROOT / "README.md"] + NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_nothing_points_outside_the_repository(path):
    for text in texts(path):
        assert "shared/seeds" not in text, f"{path.name} sends readers to shared/seeds, which a clone does not have"
        assert not SEED_FILE.search(text), f"{path.name} names a seed file a clone does not have: {SEED_FILE.search(text)[0]}"
        for target in LINK.findall(text):
            if "://" in target or target.startswith("mailto:"):
                continue
            resolved = (path.parent / target).resolve()
            assert resolved.is_relative_to(ROOT), f"{path.name}: {target} points outside the repository"
            assert resolved.exists(), f"{path.name}: broken link {target}"


def test_the_seeds_are_cited_by_title_and_date_in_both_languages():
    for path in (ROOT / "notebooks" / "90_seed_questions.ipynb", ROOT / "notebooks" / "zh" / "90_seed_questions.ipynb"):
        text = "\n".join(texts(path))
        assert '<a id="sources"></a>' in text
        for title in ("堆叠LSTM网络中每个LSTM层的输入是什么?", "Stacked Long Short-Term Memory Networks", "堆叠式LSTM的温和介绍",
                      "LSTM(Keras)中的采样步长和时间步长之间的差异", "Keras中 LSTM 模型解读", "2019-03-27", "2019-09-08"):
            assert title in text, (path.name, title)
