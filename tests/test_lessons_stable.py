"""Lesson outputs that do not drift: no Keras auto-numbered names, one text output per cell, same text on a re-run.

Keras names layers, models and symbolic tensors from per-session counters (`lstm_14`, `sequential_7`,
`keras_tensor_28`): a stored output that shows one changes whenever a cell above it is edited or re-run. The lessons
name such layers explicitly or call `keras.backend.clear_session()` first, so outputs show `lstm`, `lstm_1`,
`sequential`. A cell's text is printed as one output, not as stream fragments that depend on timing. (ipykernel
flushes stdout on a 0.2-s timer, so on a busy machine even one print can arrive in two pieces: the lessons are
saved after running them with nbclient's `NotebookClient(..., coalesce_streams=True)`.)
"""
import os
import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
LESSONS = sorted(NOTEBOOKS.glob("*.ipynb"))

# Keras's auto-numbered names. lstm_1 .. lstm_9 and dense_1 .. dense_9 stay allowed: lstmlab.Stack numbers its own
# layers per stack (lstm, lstm_1, ...), and so does a fresh Keras session; two digits or more means a long-lived counter.
AUTO_NAMES = re.compile(r"\b(?:lstm_\d{2,}|dense_\d{2,}|sequential_\d+|keras_tensor_\d+)\b")


def _stored_text(output):
    """The text of one stored output: a stream's text, or an execute_result/display_data's text/plain, or an error."""
    if output.get("output_type") == "stream":
        return output.get("text", "")
    if output.get("output_type") == "error":
        return f"{output.get('ename')}: {output.get('evalue')}"
    return output.get("data", {}).get("text/plain", "")


def _code_cells(path):
    return [(index, cell) for index, cell in enumerate(nbformat.read(path, as_version=4).cells) if cell.cell_type == "code"]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_no_auto_numbered_keras_names_in_stored_outputs(path):
    found = [(index, match) for index, cell in _code_cells(path) for output in cell.get("outputs", [])
             for match in AUTO_NAMES.findall(_stored_text(output))]
    assert not found, (f"{path.name}: stored outputs show Keras's counter names {found}; name the layer (name=...) or "
                       "call keras.backend.clear_session() before building it, then re-run the notebook")


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_each_cell_prints_one_text_output(path):
    split = [(index, n) for index, cell in _code_cells(path)
             if (n := sum(1 for o in cell.get("outputs", []) if o.get("output_type") == "stream" and o.get("name") == "stdout")) > 1]
    assert not split, (f"{path.name}: cells {split} (cell index, stdout fragments) store their text in several stream "
                       "fragments; build the lines and print them once, and save the notebook from "
                       "NotebookClient(..., coalesce_streams=True)")


ALL_NOTEBOOKS = sorted(NOTEBOOKS.rglob("*.ipynb")) + sorted((NOTEBOOKS.parent / "solutions").glob("*.ipynb")) + sorted(
    (NOTEBOOKS.parent / "exercises").glob("*.ipynb"))


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: str(p.relative_to(NOTEBOOKS.parent)))
def test_guarded_cells_carry_the_tag_not_a_comment_the_learner_reads(path):
    """nbval's check-output marker is the cell tag `nbval-check-output`, never a `# NBVAL_...` line in the code."""
    commented = [index for index, cell in _code_cells(path) if "NBVAL_" in cell.source]
    assert not commented, (f"{path.name}: cells {commented} carry an NBVAL_ comment; remove it and give the cell the "
                           "tag nbval-check-output")
    if path.parent == NOTEBOOKS and path.stem[:2].isdigit():  # every lesson guards at least one fact
        assert any("nbval-check-output" in cell.metadata.get("tags", []) for _, cell in _code_cells(path)), path.name


# --- re-running a lesson gives the same text -----------------------------------------------------------------

# Lines that report a measured time: a unit (ms, µs, us, ns, "s per ..."), a rate (GFLOP/s) or a share of another
# timing ("% of ... time"). Only the numbers on these lines may differ between two runs; every other line must match.
TIMING_LINE = re.compile(r"\b(?:ms|µs|us|ns)\b|\bs per\b|GFLOP/s|% of .* time\b")
STABLE_LESSONS = ["01_one_cell", "04_stacking",   # fast (< 20 s each), with Keras layers, errors and a timing cell
                  "91_keras2_to_keras3"]           # issue 25: a Keras warning once came and went between two runs


def _mask_line(line):
    """A timing line with its numbers replaced by '#' and the spaces that pad them to a width collapsed to one."""
    return re.sub(r" +", " ", re.sub(r"\d+(?:\.\d+)?(?:e[-+]?\d+)?", "#", line))


def mask_timings(text):
    """Mask the numbers on timing lines (and only there); every other line is kept exactly as it is."""
    return "\n".join(_mask_line(line) if TIMING_LINE.search(line) else line for line in text.split("\n"))


def test_mask_timings_is_narrow():
    assert mask_timings("1 layer(s):    1.2 ms per forward pass  (1.0 x one layer)") == \
        "# layer(s): # ms per forward pass (# x one layer)"
    assert mask_timings("4 layer(s):   10.3 ms per forward pass") == mask_timings("4 layer(s):    9.3 ms per forward pass")
    assert mask_timings("this CPU took  0.034 ms per step =  0.31 GFLOP/s") == "this CPU took # ms per step = # GFLOP/s"
    assert mask_timings("batch 1: the mirror takes 55% of predict_on_batch's time") == \
        "batch #: the mirror takes #% of predict_on_batch's time"
    assert mask_timings("lstm (LSTM)    (None, 5, 2)   (None, 5, 64)   17,152") == "lstm (LSTM)    (None, 5, 2)   (None, 5, 64)   17,152"
    assert mask_timings("max |difference| = 6.0e-08 -> they agree.") == "max |difference| = 6.0e-08 -> they agree."
    assert mask_timings("units=32  kernel (3, 128) -> output (2, 7, 32)") == "units=32  kernel (3, 128) -> output (2, 7, 32)"


def _run_text(path):
    """Execute a lesson on a fresh kernel (cwd notebooks/) and return each code cell's text outputs, streams joined."""
    from nbclient import NotebookClient
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    return [(index, mask_timings("".join(_stored_text(o) for o in cell.get("outputs", []))))
            for index, cell in enumerate(nb.cells) if cell.cell_type == "code"]


@pytest.mark.keras
@pytest.mark.parametrize("lesson", STABLE_LESSONS)
def test_lesson_text_is_the_same_on_a_fresh_rerun(lesson, keras):
    path = NOTEBOOKS / f"{lesson}.ipynb"
    first, second = _run_text(path), _run_text(path)
    differ = [(a[0], a[1], b[1]) for a, b in zip(first, second) if a != b]
    assert not differ, f"{lesson}: cells whose text changed between two fresh runs (index, first, second): {differ[:3]}"
