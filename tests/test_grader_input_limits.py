"""The limits on what goes into the grader hold at their boundary: the value at the limit is taken, one more is
refused with its own message. Answer cells (grade/plan.py), notebooks and folders (grade/collect.py), and an
answer's size as the learner's kernel encodes it (checks/encode.py)."""
import json
import os

import nbformat
import numpy as np
import pytest

from lstmlab.checks import encode
from lstmlab.grade import collect, plan
from lstmlab.messages import msg
from grading_helpers import ROOT

SOLVED = ROOT / "solutions" / "01_one_cell.ipynb"


# --- answer cells ------------------------------------------------------------------------------------------------

def test_an_answer_cell_of_max_cell_chars_is_run_and_one_more_is_not():
    cell = "x = 1\n" + "#" * (plan.MAX_CELL_CHARS - 7) + "\n"
    assert len(cell) == plan.MAX_CELL_CHARS == 65_536
    python, why = plan.answer_python(cell)
    assert why is None and python.startswith("x = 1\n")
    assert plan.answer_python(cell + "\n") == (None, msg("grade.cell_too_long", size="65,537", limit="65,536"))


def test_answer_cells_of_max_answer_chars_in_all_are_run_and_one_more_is_not():
    assert plan.MAX_ANSWER_CHARS == 131_072
    cell = "x = 1\n" * 1000
    python, why = plan.answer_python(cell, used=plan.MAX_ANSWER_CHARS - len(cell))
    assert why is None and python == cell
    assert plan.answer_python(cell, used=plan.MAX_ANSWER_CHARS - len(cell) + 1) == (
        None, msg("grade.answers_too_long", size="131,073", limit="131,072"))


def test_max_command_lines_are_run_and_one_more_is_not():
    assert plan.MAX_COMMAND_LINES == 20
    python, why = plan.answer_python("!ls\n" * 20)
    assert why is None and python.count("get_ipython().system('ls')") == 20
    assert plan.answer_python("!ls\n" * 21) == (None, msg("grade.too_many_commands", count="21", limit=20))


# --- notebooks and folders ---------------------------------------------------------------------------------------

def padded(path, size):
    """The solution notebook, padded with trailing spaces (valid JSON) to exactly `size` bytes."""
    text = SOLVED.read_bytes()
    path.write_bytes(text + b" " * (size - len(text)))
    return path


def test_a_notebook_of_max_notebook_bytes_is_read_and_one_byte_more_is_refused(tmp_path):
    assert collect.MAX_NOTEBOOK_BYTES == 20 * 2**20
    nb = collect.read_notebook(padded(tmp_path / "a.ipynb", collect.MAX_NOTEBOOK_BYTES))
    assert nb.cells == nbformat.read(SOLVED, as_version=4).cells
    with pytest.raises(ValueError) as info:
        collect.read_notebook(padded(tmp_path / "b.ipynb", collect.MAX_NOTEBOOK_BYTES + 1))
    assert str(info.value) == msg("grade.unreadable", why=msg("grade.too_big", mb=20))


def test_notebooks_max_depth_folders_down_are_found_and_one_more_are_not(tmp_path):
    assert collect.MAX_DEPTH == 8
    deepest = tmp_path / "ann" / os.path.join(*["d"] * 8)
    deepest.mkdir(parents=True)
    (deepest / "e").mkdir()
    nbformat.write(nbformat.v4.new_notebook(), str(deepest / "found.ipynb"))
    nbformat.write(nbformat.v4.new_notebook(), str(deepest / "e" / "lost.ipynb"))
    files, links, notes = collect._walk(tmp_path / "ann")
    assert files == [deepest / "found.ipynb"] and links == []
    assert [text for _, text in notes] == [msg("grade.too_deep", count=1, levels=8,
                                               folder=os.path.join(*["d"] * 8, "e"))]


# --- an answer's size, in the learner's kernel -------------------------------------------------------------------

def refused(value):
    """call_answer's refusal of an answer: (key, fields)."""
    status, tree, arrays, detail = encode.call_answer(lambda: value, [])
    assert (status, tree, arrays) == ("error", None, {})
    return tuple(json.loads(detail[len(encode.REFUSED):]))


def test_an_answer_of_max_elements_numbers_is_kept_and_one_more_is_refused():
    assert encode.MAX_ELEMENTS == 5_000_000
    status, _, arrays, _ = encode.call_answer(lambda: (np.zeros(4_000_000, np.uint8), np.zeros(1_000_000)), [])
    assert status == "ok" and sum(a.size for a in arrays.values()) == encode.MAX_ELEMENTS
    assert refused((np.zeros(4_000_000, np.uint8), np.zeros(1_000_001))) == ("too_large", {"limit": 5_000_000})


def test_an_answer_of_max_nodes_parts_is_kept_and_one_more_is_refused():
    assert encode.MAX_NODES == 10_000
    status, tree, _, _ = encode.call_answer(lambda: [np.zeros(1)] * 9_999, [])  # the list and its 9,999 arrays
    assert status == "ok" and len(tree) == 9_999
    assert refused([np.zeros(1)] * 10_000) == ("too_many_parts", {"limit": 10_000})


@pytest.mark.parametrize("value, key", [
    (np.array(["a"]), "not_numbers"), (np.array([1j]), "not_numbers"), (np.array([None]), "not_numbers"),
    ({1, 2}, "not_numbers"),
])
def test_each_answer_that_is_not_numbers_alone_is_refused_with_its_key(value, key):
    assert refused(value)[0] == key
