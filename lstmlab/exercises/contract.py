"""The exercise contract: an answer cell carries {"lstmlab": {"exercise": "<id>", "points": <n>}} in its metadata."""
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]  # a clone's root: solutions/ and exercises/ live here (not in a wheel)


def exercise_id(cell):
    """The exercise id in a cell's metadata {"lstmlab": {"exercise": id, "points": n}}, or None."""
    meta = cell.get("metadata") if isinstance(cell, dict) else None
    meta = meta.get("lstmlab") if isinstance(meta, dict) else None
    value = meta.get("exercise") if isinstance(meta, dict) else None
    return value if isinstance(value, str) else None


def cell_source(cell):
    """A cell's source as one string: nbformat allows a str or a list of str; anything else gives None."""
    source = cell.get("source", "")
    if isinstance(source, str):
        return source
    if isinstance(source, list) and all(isinstance(line, str) for line in source):
        return "".join(source)
    return None


def answer_cells(nb):
    """{id: [source, ...]} of the answer cells of a notebook, in order (duplicates kept).

    A cell whose source is neither a str nor a list of str is no answer (collect.read_notebook refuses such a
    notebook before it gets here: this only keeps a malformed cell from stopping whoever reads it).
    """
    found = {}
    cells = nb.get("cells") if isinstance(nb, dict) else None
    for cell in cells if isinstance(cells, list) else ():
        item_id = exercise_id(cell)
        if item_id is not None and cell.get("cell_type") == "code":
            source = cell_source(cell)
            if source is not None:
                found.setdefault(item_id, []).append(source)
    return found


def packaged_course():
    """Where a built wheel keeps the course's notebooks (lessons/ and exercises/); absent in a clone."""
    return Path(__file__).resolve().parent / "course"
