"""`lstmlab build-exercises`'s check against the graded items (grade/authoring.py), in this process: the --items
option, and a warning for each answer cell no item knows or whose points differ from its item's."""
import argparse

import nbformat

from lstmlab.grade import authoring

ITEMS = '''
from lstmlab.checks.item import Item

ITEMS = [Item("double_it", "t", 2, ("x",), lambda rng: [], lambda x: 2 * x),
         Item("halve_it", "t", 1, ("x",), lambda rng: [], lambda x: x / 2)]
'''


def parser():
    p = argparse.ArgumentParser()
    authoring.add_arguments(p)
    return p


def solutions(folder, points):
    """A solutions folder with one notebook whose answer cells carry these {id: points}."""
    nb = nbformat.v4.new_notebook()
    for item_id, n in points.items():
        cell = nbformat.v4.new_code_cell(f"def {item_id}(x):\n    \"\"\"An answer.\"\"\"\n    return x\n")
        cell.metadata["lstmlab"] = {"exercise": item_id, "points": n}
        nb.cells.append(cell)
    folder.mkdir()
    nbformat.write(nb, str(folder / "t01.ipynb"))
    return folder


def test_items_in_the_help():
    text = " ".join(parser().format_help().split())
    assert "--items FILE a Python file defining ITEMS: your own graded items, which the answer cells may name; " \
           "repeatable" in text
    assert "--check" in text  # build-exercises' own options too


def test_items_is_repeatable_and_empty_by_default():
    assert parser().parse_args([]).items == []
    assert parser().parse_args(["--items", "a.py", "--items", "b.py"]).items == ["a.py", "b.py"]


def test_each_answer_cell_off_the_items_is_a_warning(tmp_path, capsys):
    (tmp_path / "items.py").write_text(ITEMS)
    folder = solutions(tmp_path / "solutions", {"double_it": 2, "halve_it": 3, "mystery": 1})
    args = parser().parse_args(["--check", "--solutions", str(folder), "--out", str(tmp_path / "exercises"),
                                "--items", str(tmp_path / "items.py")])
    assert authoring.run(args) == 1  # exercises/ is missing: out of date
    warnings = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    assert warnings == [
        "build-exercises: warning: t01: answer cell 'halve_it' says 3 points, its item gives 1; the item's points count",
        "build-exercises: warning: t01: answer cell 'mystery' matches no graded item (add it with --items FILE, or fix "
        "the id); it is not graded"]


def test_without_items_the_course_items_are_the_graded_ones(tmp_path, capsys):
    folder = solutions(tmp_path / "solutions", {"lstm_step": 3, "double_it": 2})
    args = parser().parse_args(["--check", "--solutions", str(folder), "--out", str(tmp_path / "exercises")])
    authoring.run(args)
    warnings = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    assert warnings == ["build-exercises: warning: t01: answer cell 'double_it' matches no graded item (add it with "
                        "--items FILE, or fix the id); it is not graded"]
