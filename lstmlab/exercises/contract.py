"""The exercise contract: an answer cell carries {"lstmlab": {"exercise": "<id>", "points": <n>}} in its metadata."""
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]  # a clone's root: solutions/ and exercises/ live here (not in a wheel)


def exercise_id(cell):
    """The exercise id in a cell's metadata {"lstmlab": {"exercise": id, "points": n}}, or None."""
    meta = cell.get("metadata", {}).get("lstmlab", {})
    value = meta.get("exercise") if isinstance(meta, dict) else None
    return value if isinstance(value, str) else None


def answer_cells(nb):
    """{id: [source, ...]} of the answer cells of a notebook, in order (duplicates kept)."""
    found = {}
    for cell in nb.cells:
        item_id = exercise_id(cell)
        if item_id is not None and cell.get("cell_type") == "code":
            source = cell.get("source", "")
            found.setdefault(item_id, []).append(source if isinstance(source, str) else "".join(map(str, source)))
    return found


def packaged_course():
    """Where a built wheel keeps the course's notebooks (lessons/ and exercises/); absent in a clone."""
    return Path(__file__).resolve().parent / "course"
