"""Rebuild a submission from its pristine notebook: the learner's answer cells (by id) and the notebook's own
setup cells, as plain Python, plus the items to call and their grade-time inputs. Nothing else is taken."""
import re

import numpy as np

from ..checks.encode import encode_inputs
from ..exercises.contract import answer_cells, exercise_id
from ..messages import msg

REFUSED_IMPORTS = ("lstmlab", "keras", "tensorflow", "tf_keras", "torch", "jax", "jaxlib", "flax")


def to_python(source):
    """A notebook cell as plain Python: IPython's own transformer turns %magics and !commands into calls."""
    from IPython.core.inputtransformer2 import TransformerManager
    return TransformerManager().transform_cell(source)


LSTMLAB_IMPORT = re.compile(r"^\s*(from\s+lstmlab[\w.]*\s+import\b.*|import\s+lstmlab\b.*)$", re.M)


def setup_source(source, names):
    """A setup cell without its lstmlab imports, or None when it still needs lstmlab or calls an answer."""
    source = LSTMLAB_IMPORT.sub("", source)
    if re.search(r"\blstmlab\b|\bcheck\s*\(", source) or any(re.search(rf"\b{re.escape(n)}\s*\(", source) for n in names):
        return None
    return source


def item_cases(items, pristine, seed):
    """{item id: [case, ...]}: fresh inputs for each graded item of the notebook, from the grading seed."""
    return {item_id: items[item_id].make_cases(np.random.default_rng([seed, n]))
            for n, item_id in enumerate(answer_cells(pristine)) if item_id in items}


def build(submission, pristine, items, cases):
    """(plan, inputs, notes, answer_unit) for one submission.

    plan: {"cells": [{"source"}], "items": [{"id", "function", "cases": [(json text, {name: input key})]}],
    "refused_imports"}; inputs: {key: array}; notes: {item id: note}; answer_unit: {item id: "cell k"}.
    """
    ids = [i for i in answer_cells(pristine) if i in items]
    learner = answer_cells(submission) if submission is not None else {}
    names = [items[i].function for i in ids]
    notes, answer_unit, cells = {}, {}, []
    for cell in pristine.cells:
        if cell.get("cell_type") != "code":
            continue
        item_id = exercise_id(cell)
        if item_id in ids:
            sources = learner.get(item_id)
            if not sources:
                notes[item_id] = msg("grade.no_answer_cell")
                continue
            if len(sources) > 1:
                notes[item_id] = msg("grade.duplicate_cells", n=len(sources))
            answer_unit[item_id] = f"cell {len(cells)}"
            cells.append({"source": to_python(sources[-1])})
        elif item_id is None and setup_source(cell.source, names) is not None:
            cells.append({"source": to_python(setup_source(cell.source, names))})
    inputs, planned = {}, []
    for item_id in ids:
        encoded = []
        for k, case in enumerate(cases[item_id]):
            text, arrays = encode_inputs({**case, "__args__": list(items[item_id].args)})
            keys = {name: f"{item_id}.{k}.{name}" for name in arrays}
            inputs.update({keys[name]: arr for name, arr in arrays.items()})
            encoded.append((text, keys))
        planned.append({"id": item_id, "function": items[item_id].function, "cases": encoded})
    plan = {"cells": cells, "items": planned, "refused_imports": list(REFUSED_IMPORTS)}
    return plan, inputs, notes, answer_unit
