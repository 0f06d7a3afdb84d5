"""A teacher's own items and course: `build-exercises --items` warns about answer cells no item knows (or whose
points differ), and `lstmlab grade --course --items` grades learners with the teacher's item and its named mistake."""
import json
import subprocess
import sys
import textwrap
from types import SimpleNamespace
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]

ITEMS = '''\
"""A teacher's graded items: doubling and halving an array."""
from lstmlab.checks.item import Item, Mistake


def _arrays(rng):
    for shape in ((2, 3), (4,), (1, 5)):
        yield dict(x=rng.normal(size=shape))


ITEMS = [
    Item("double_it", "t01_double", 2, ("x",), _arrays, lambda x: 2 * x,
         mistakes=(Mistake("added", lambda x: x + 2, text=("added instead of doubled", "doubling is 2 * x, not x + 2.")),),
         text={"title": "Double an array", "meaning": "Your function doubles every number."}),
    Item("halve_it", "t01_double", 1, ("x",), _arrays, lambda x: x / 2,
         text={"title": "Halve an array", "meaning": "Your function halves every number."}),
]
'''

ANSWERS = {"double_it": "def double_it(x):\n    \"\"\"Twice x.\"\"\"\n    return 2 * x\n",
           "halve_it": "def halve_it(x):\n    \"\"\"Half of x.\"\"\"\n    return x / 2\n",
           "mystery": "def mystery(x):\n    \"\"\"No item grades this one.\"\"\"\n    return x\n"}
POINTS = {"double_it": 2, "halve_it": 3, "mystery": 1}  # halve_it's item gives 1: a mismatch to warn about


def _lstmlab(*args, cwd):
    return subprocess.run([sys.executable, "-m", "lstmlab", *map(str, args)], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


def _solution_notebook():
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("# Exercises: doubling"), nbformat.v4.new_code_cell("import numpy as np")]
    for item_id, source in ANSWERS.items():
        cell = nbformat.v4.new_code_cell(source)
        cell.metadata["lstmlab"] = {"exercise": item_id, "points": POINTS[item_id]}
        nb.cells.append(cell)
    return nb


@pytest.fixture(scope="module")
def teacher(tmp_path_factory):
    """A teacher's folder: my_items.py, solutions/t01_double.ipynb, and exercises/ built from it."""
    folder = tmp_path_factory.mktemp("teacher")
    (folder / "my_items.py").write_text(ITEMS)
    (folder / "solutions").mkdir()
    nbformat.write(_solution_notebook(), str(folder / "solutions" / "t01_double.ipynb"))
    done = _lstmlab("build-exercises", "--solutions", folder / "solutions", "--out", folder / "exercises",
                    "--items", folder / "my_items.py", cwd=folder)
    assert done.returncode == 0, done.stderr
    return SimpleNamespace(folder=folder, build_stderr=done.stderr)


def test_build_exercises_warns_about_unknown_ids_and_points_mismatches(teacher):
    folder = teacher.folder
    warnings = [line for line in teacher.build_stderr.splitlines() if line.startswith("build-exercises: warning:")]
    assert warnings == [
        "build-exercises: warning: t01_double: answer cell 'halve_it' says 3 points, its item gives 1; the item's "
        "points count",
        "build-exercises: warning: t01_double: answer cell 'mystery' matches no graded item (add it with --items FILE, "
        "or fix the id); it is not graded"]
    exercise = nbformat.read(folder / "exercises" / "t01_double.ipynb", as_version=4)
    assert "raise NotImplementedError" in exercise.cells[2].source and "2 * x" not in exercise.cells[2].source
    again = _lstmlab("build-exercises", "--solutions", folder / "solutions", "--out", folder / "exercises", cwd=folder)
    assert again.returncode == 0 and "up to date" in again.stdout
    assert "answer cell 'double_it' matches no graded item" in again.stderr  # without --items, no item knows it


def _learner(teacher, root, name, answers):
    """A learner's copy of the teacher's exercise notebook with some answer cells written."""
    nb = nbformat.read(teacher.folder / "exercises" / "t01_double.ipynb", as_version=4)
    for cell in nb.cells:
        item_id = cell.metadata.get("lstmlab", {}).get("exercise")
        if item_id in answers:
            cell.source = answers[item_id]
    (root / name).mkdir(parents=True)
    nbformat.write(nb, str(root / name / "t01_double.ipynb"))


def test_grade_with_the_teachers_course_and_items(teacher, tmp_path):
    wrong = textwrap.dedent('''\
        def double_it(x):
            """Twice x."""
            return x + 2
        ''')
    _learner(teacher, tmp_path / "class", "ann", {"double_it": ANSWERS["double_it"], "halve_it": ANSWERS["halve_it"]})
    _learner(teacher, tmp_path / "class", "bob", {"double_it": wrong, "halve_it": ANSWERS["halve_it"]})
    done = _lstmlab("grade", tmp_path / "class", "--course", teacher.folder, "--items", teacher.folder / "my_items.py",
                    "--json", tmp_path / "grades.json", "--csv", tmp_path / "grades.csv", "--quiet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "answer cell 'mystery' matches no graded item" in done.stderr
    report = json.loads((tmp_path / "grades.json").read_text())
    assert report["assignments"] == ["t01_double"] and report["max_score"] == 3
    subs = {s["learner"]: s for s in report["submissions"]}
    ann = {e["id"]: e for e in subs["ann"]["exercises"]}
    assert (subs["ann"]["score"], subs["ann"]["max_score"]) == (3, 3)
    assert [(e["status"], e["points"], e["max_points"]) for e in ann.values()] == [("passed", 2, 2), ("passed", 1, 1)]
    bob = {e["id"]: e for e in subs["bob"]["exercises"]}
    assert (bob["double_it"]["status"], bob["double_it"]["points"]) == ("failed", 0)
    assert "Likely mistake: added instead of doubled. Fix: doubling is 2 * x, not x + 2." in bob["double_it"]["feedback"]
    assert (bob["halve_it"]["status"], subs["bob"]["score"]) == ("passed", 1)
    assert (tmp_path / "grades.csv").read_text().splitlines()[:2] == ["learner,double_it,halve_it,total",
                                                                      "Points Possible,2,1,3"]


def test_a_release_with_the_teachers_items_gives_learners_check_for_them(teacher, tmp_path):
    out = tmp_path / "release"
    done = _lstmlab("release", out, "--course", teacher.folder, "--items", teacher.folder / "my_items.py",
                    cwd=teacher.folder)
    assert done.returncode == 0, done.stderr
    assert (out / "items" / "my_items.py").read_text() == ITEMS
    nb = nbformat.read(out / "exercises" / "t01_double.ipynb", as_version=4)
    assert "use_items('../items/my_items.py')" in nb.cells[0].source
    program = nb.cells[0].source + "\nfrom lstmlab import check\n" + textwrap.dedent("""
        print(check("double_it", lambda x: 2 * x, quiet=True).status)
        print(check("double_it", lambda x: x + 2, quiet=True).message)
        print(check("lstm_param_count", lambda units, features: 4 * (units * (features + units) + units), quiet=True).status)
    """)
    env = {k: v for k, v in __import__("os").environ.items() if k != "LSTMLAB_ITEMS"}
    ran = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=out / "exercises",
                         env=env, timeout=120)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines()[0] == "passed" and "added instead of doubled" in ran.stdout
    assert ran.stdout.splitlines()[-1] == "passed"  # the course's items are still there
    _learner(SimpleNamespace(folder=out), tmp_path / "class", "ann", {"double_it": ANSWERS["double_it"]})
    graded = _lstmlab("grade", tmp_path / "class", "--course", out, "--json", tmp_path / "r.json", "--quiet", cwd=tmp_path)
    assert graded.returncode == 0, graded.stderr  # the release's items/ is the grader's too: no --items needed
    assert "items from the course folder" in graded.stderr
    ann = {e["id"]: e for e in json.loads((tmp_path / "r.json").read_text())["submissions"][0]["exercises"]}
    assert (ann["double_it"]["status"], ann["halve_it"]["status"]) == ("passed", "not_attempted")
    without = subprocess.run([sys.executable, "-c", "from lstmlab import check\nprint(check('double_it', abs, quiet=True)"
                              ".message)"], capture_output=True, text=True, cwd=out / "exercises", env=env, timeout=120)
    assert "there is no exercise 'double_it'" in without.stdout  # what use_items changes


def test_use_items_loads_a_file_from_a_url_as_colab_does(teacher, tmp_path):
    import functools
    import http.server
    import threading
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(teacher.folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/my_items.py"
        program = (f"from lstmlab import check, use_items\nprint(use_items({url!r}))\n"
                   "print(check('double_it', lambda x: 2 * x, quiet=True).status)\n"
                   "try:\n    use_items('no_such_items.py')\nexcept ValueError as exc:\n    print(exc)\n")
        ran = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    finally:
        server.shutdown()
        server.server_close()
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines()[:2] == ["['double_it', 'halve_it']", "passed"]
    assert "use_items: cannot load no_such_items.py" in ran.stdout  # a clear error, in the learner's words
