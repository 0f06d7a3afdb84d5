"""Rebuild a submission from its pristine notebook: the learner's answer cells (by id), the cells the learner added
(where the learner put them, run in the sandbox like answers) and the notebook's own setup cells restored as they
were, as plain Python, plus the items to call and their grade-time inputs. What the grader runs is what the learner
ran, less the learner's edits of the course's own cells."""
import re

import numpy as np

from ..checks.encode import encode_inputs
from ..exercises.contract import answer_cells, exercise_id
from ..messages import msg

REFUSED_IMPORTS = ("lstmlab", "keras", "tensorflow", "tf_keras", "torch", "jax", "jaxlib", "flax")
# IPython's transformer runs here, in the grading process, and re-tokenizes the whole cell once per command line
# (!x, %x, x?): its cost is about size x (command lines + 1), about 0.25 s per pass over 64 KB. Answer cells are
# held to these limits first (the course's own are under 3 KB, with no commands), so one costs a few seconds at
# most; a cell over a limit is not run and costs only its exercise.
MAX_CELL_CHARS = 65_536  # one answer cell
MAX_COMMAND_LINES = 20  # IPython command lines in one answer cell
MAX_ANSWER_CHARS = 131_072  # all the answer cells of one notebook that are run
ESCAPES = ("!", "%", "?", ",", ";", "/")  # IPython's escapes at the start of a line (inputtransformer2.ESCAPE_SINGLES)
ASSIGNED = re.compile(r"(?<![=!<>])=\s*[!%]")  # a = !cmd, a = %magic
HELP_END = re.compile(r"\?[\s\\]*$")  # x? and x??


def _manager():
    from IPython.core.inputtransformer2 import TransformerManager
    return TransformerManager()


def to_python(source):
    """A notebook cell as plain Python: IPython's own transformer turns %magics and !commands into calls."""
    return _manager().transform_cell(source)


def command_lines(lines):
    """How many of these lines IPython's token transforms may rewrite (!x, %x, ,x, ;x, /x, x?, a = !x, a = %x).

    An upper bound: each rewrite starts on a line of its own that matches here and consumes it, and its call
    matches nothing, so a command hidden in another's string is counted all the same.
    """
    count = 0
    for line in lines:
        stripped = line.strip()
        if stripped.startswith(ESCAPES) or ASSIGNED.search(line) or (
                not stripped.startswith("#") and HELP_END.search(line)):
            count += 1
    return count


def answer_python(source, used=0):
    """(an answer cell as Python, None), or (None, why it is not run) when it is over a limit or is not Python.

    `used`: the characters of the notebook's answer cells run already. TransformerManager.transform_cell in two
    steps: its line transforms (prompts, %%cell magics), then, if few enough commands remain, its token transforms.
    """
    if len(source) > MAX_CELL_CHARS:
        return None, msg("grade.cell_too_long", size=f"{len(source):,}", limit=f"{MAX_CELL_CHARS:,}")
    if used + len(source) > MAX_ANSWER_CHARS:
        return None, msg("grade.answers_too_long", size=f"{used + len(source):,}", limit=f"{MAX_ANSWER_CHARS:,}")
    manager = _manager()  # an ImportError (IPython missing) is the grader's fault: it is not caught below
    try:
        lines = (source if source.endswith("\n") else source + "\n").splitlines(keepends=True)
        for transform in manager.cleanup_transforms + manager.line_transforms:
            lines = transform(lines)
        count = command_lines(lines)
        if count > MAX_COMMAND_LINES:
            return None, msg("grade.too_many_commands", count=f"{count:,}", limit=MAX_COMMAND_LINES)
        return "".join(manager.do_token_transforms(lines)), None
    except Exception as exc:  # RuntimeError (too many transforms), SyntaxError, ...: the learner's text
        return None, msg("grade.cell_not_python", error=f"{type(exc).__name__}: {str(exc)[:200]}")


LSTMLAB_IMPORT = re.compile(r"^\s*(from\s+lstmlab[\w.]*\s+import\b.*|import\s+lstmlab\b.*)$", re.M)


def setup_source(source, names):
    """A setup cell without its lstmlab imports, or None when it still needs lstmlab or calls an answer."""
    source = LSTMLAB_IMPORT.sub("", source)
    if re.search(r"\blstmlab\b|\bcheck\s*\(", source) or any(re.search(rf"\b{re.escape(n)}\s*\(", source) for n in names):
        return None
    return source


# An added cell's check(...), use_items(...) or set_language(...) (lstmlab's, whose imports are dropped) does nothing
CHECK_STUB = "def check(*args, **kwargs):\n    return None\n\n\nuse_items = set_language = check\n"
# With added cells, each answer is graded as its check() under it saw it: the function its answer cell defined
# (PIN, right after the cell), not a later cell's redefinition (RESTORE, after the last cell).
PIN = "try:\n    globals().setdefault('_lstmlab_answers', {{}})[{name!r}] = {name}\nexcept NameError:\n    pass\n"
RESTORE = "globals().update(globals().get('_lstmlab_answers', {}))\n"


def added_cells(submission, pristine):
    """{anchor: [source]}: the learner's added code cells, each after the course cell (anchor) it follows.

    A cell is the course's when its cell id, its answer id or its source is the pristine notebook's; any other
    code cell was added. An anchor is ("answer", id) or ("cell", cell id); None before the first course cell.
    """
    ids = {c.get("id") for c in pristine.cells if c.get("id")}
    sources = {c.get("source", ""): _anchor(c) for c in reversed(pristine.cells)}
    added, anchor = {}, None
    for cell in submission.cells if submission is not None else ():
        item_id, source = exercise_id(cell), cell.get("source", "")
        if item_id is not None:
            anchor = ("answer", item_id)
        elif cell.get("id") in ids:
            anchor = ("cell", cell.get("id"))
        elif source in sources:
            anchor = sources[source]
        elif cell.get("cell_type") == "code" and source.strip():
            added.setdefault(anchor, []).append(source)
    return added


def _anchor(cell):
    item_id = exercise_id(cell)
    return ("answer", item_id) if item_id is not None else ("cell", cell.get("id"))


def item_cases(items, pristine, seed):
    """{item id: [case, ...]}: fresh inputs for each graded item of the notebook, from the grading seed."""
    return {item_id: items[item_id].make_cases(np.random.default_rng([seed, n]))
            for n, item_id in enumerate(answer_cells(pristine)) if item_id in items}


def build(submission, pristine, items, cases):
    """(plan, inputs, notes, answer_unit, refused) for one submission.

    plan: {"cells": [{"source"}], "items": [{"id", "function", "cases": [(json text, {name: input key})]}],
    "refused_imports"}; inputs: {key: array}; notes: {item id: note}; answer_unit: {item id: "cell k"};
    refused: {item id: why its answer cell is not run} (over a limit, or not Python): that item is not called.
    """
    ids = [i for i in answer_cells(pristine) if i in items]
    learner = answer_cells(submission) if submission is not None else {}
    names = [items[i].function for i in ids]
    notes, answer_unit, refused, cells, used = {}, {}, {}, [], 0
    added = added_cells(submission, pristine)
    known, any_added = {_anchor(c) for c in pristine.cells}, bool(added)
    if any_added:
        cells.append({"source": CHECK_STUB})

    extra = 0  # the added cells' characters: a budget of their own, so scratch cells never crowd out an answer

    def add(sources):
        nonlocal extra
        for text in sources:  # the learner's own cells: held to the answers' limits, without lstmlab imports
            source, why = answer_python(LSTMLAB_IMPORT.sub("", text), extra)
            if why is None:  # one over a limit, or not Python, is left out, as a cell that raised would define nothing
                extra += len(text)
                cells.append({"source": source})

    add(added.pop(None, []) + [t for a in list(added) if a not in known for t in added.pop(a)])
    for cell in pristine.cells:
        item_id = exercise_id(cell) if cell.get("cell_type") == "code" else None
        if item_id in ids:
            sources = learner.get(item_id)
            source, why = answer_python(sources[-1], used) if sources else (None, None)
            if not sources:
                notes[item_id] = msg("grade.no_answer_cell")
            elif why is not None:
                refused[item_id] = why
            else:
                if len(sources) > 1:
                    notes[item_id] = msg("grade.duplicate_cells", n=len(sources))
                used += len(sources[-1])
                answer_unit[item_id] = f"cell {len(cells)}"
                cells.append({"source": source})
                if any_added:
                    cells.append({"source": PIN.format(name=items[item_id].function)})
        elif cell.get("cell_type") == "code" and item_id is None and (
                setup := setup_source(cell.source, names)) is not None:
            cells.append({"source": to_python(setup)})
        add(added.get(_anchor(cell), []))
    if any_added:
        cells.append({"source": RESTORE})
    inputs, planned = {}, []
    for item_id in (i for i in ids if i not in refused):
        encoded = []
        for k, case in enumerate(cases[item_id]):
            text, arrays = encode_inputs({**case, "__args__": list(items[item_id].args)})
            keys = {name: f"{item_id}.{k}.{name}" for name in arrays}
            inputs.update({keys[name]: arr for name, arr in arrays.items()})
            encoded.append((text, keys))
        planned.append({"id": item_id, "function": items[item_id].function, "cases": encoded})
    plan = {"cells": cells, "items": planned, "refused_imports": list(REFUSED_IMPORTS)}
    return plan, inputs, notes, answer_unit, refused
