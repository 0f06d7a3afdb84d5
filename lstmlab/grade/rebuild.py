"""Rebuild a submission from the pristine notebook: only the learner's answer cells (by id) are taken."""
import re
from pathlib import Path

import nbformat

from ..checks.registry import all_items
from ..exercises.contract import REPO, answer_cells, exercise_id

HERE = Path(__file__).resolve().parent


def pristine_path(path, folders=None):
    """The pristine notebook with the same file name, in exercises/ (else solutions/), or None."""
    for folder in folders or (REPO / "exercises", REPO / "solutions"):
        candidate = Path(folder) / Path(path).name
        if candidate.is_file():
            return candidate
    return None


def pristine_by_ids(ids, folders=None):
    """The pristine notebook sharing the most exercise ids with a renamed submission, or None."""
    best, best_score = None, 0
    for folder in folders or (REPO / "exercises",):
        for candidate in sorted(Path(folder).glob("*.ipynb")):
            score = len(set(ids) & set(answer_cells(nbformat.read(candidate, as_version=4))))
            if score > best_score:
                best, best_score = candidate, score
    return best


def _uses(source, names):
    return re.search(r"\blstmlab\b", source) or any(re.search(rf"\b{re.escape(n)}\s*\(", source) for n in names)


def setup_source():
    """The first cell: NumPy, json, and the standalone encoder and harness (no lstmlab)."""
    encode = (HERE.parent / "checks" / "encode.py").read_text()
    harness = (HERE / "harness.py").read_text()
    return "import json\nimport numpy as np\n" + encode + "\n" + harness


def rebuild(submission, pristine, counts=None):
    """(notebook to run, {id: note}, {id: cell index}, {id: harness cell index}, items) for a submission.

    counts: {id: number of grade-time cases} (default: as many as seed 0 gives).
    """
    items = all_items()
    pristine_answers = answer_cells(pristine)
    ids = [i for i in pristine_answers if i in items]
    learner = answer_cells(submission) if submission is not None else {}
    names = [items[i].function for i in ids]
    notes, answer_index, harness_index = {}, {}, {}
    cells = [nbformat.v4.new_code_cell(setup_source())]
    for cell in pristine.cells:
        if cell.get("cell_type") != "code":
            continue
        item_id = exercise_id(cell)
        if item_id in ids:
            sources = learner.get(item_id)
            if not sources:
                notes[item_id] = "answer cell not found in the submission (deleted, or its metadata removed)"
                continue
            if len(sources) > 1:
                notes[item_id] = f"{len(sources)} answer cells carry this id; graded the last one, once"
            answer_index[item_id] = len(cells)
            cells.append(nbformat.v4.new_code_cell(sources[-1]))
        elif not _uses(cell.source, names):
            cells.append(nbformat.v4.new_code_cell(cell.source))
    for item_id in ids:
        harness_index[item_id] = len(cells)
        n = (counts or {}).get(item_id) or len(items[item_id].make_cases(0))
        cells.append(nbformat.v4.new_code_cell(f"_lstmlab_run({item_id!r}, {items[item_id].function!r}, {n}, globals())"))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb, notes, answer_index, harness_index, [items[i] for i in ids]
