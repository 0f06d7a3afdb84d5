"""`lstmlab build-exercises`: stubs keep signature and docstring, output is deterministic, learner edits are never overwritten."""
import ast
import shutil
import subprocess
import sys

import nbformat
import pytest

from lstmlab.exercises.build import stub
from grading_helpers import ROOT

LESSON = "03_shaping_data.ipynb"  # the smallest solution notebook


def build(*args):
    return subprocess.run([sys.executable, "-m", "lstmlab", "build-exercises", *args], capture_output=True, text=True, cwd=ROOT)


def test_repository_exercises_are_up_to_date():
    """CI runs this: it fails when exercises/ is stale (regenerate with `lstmlab build-exercises`)."""
    run = build("--check")
    assert run.returncode == 0, run.stderr


def test_stub_keeps_signature_docstring_and_imports():
    source = ('import math\n\ndef f(a, b=2):\n    """Add them."""\n    c = a + b  # the answer\n    return math.floor(c)\n\n'
              'def g(x):\n    return x\n')
    out = stub(source)
    tree = ast.parse(out)
    assert [type(n).__name__ for n in tree.body] == ["Import", "FunctionDef", "FunctionDef"]
    f = tree.body[1]
    assert ast.get_docstring(f) == "Add them." and [a.arg for a in f.args.args] == ["a", "b"]
    assert "a + b" not in out and "return x" not in out
    ns = {}
    exec(out, ns)
    with pytest.raises(NotImplementedError):
        ns["f"](1)
    with pytest.raises(NotImplementedError):
        ns["g"](1)


def test_exercises_are_solutions_with_stubs():
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        sol, ex = (nbformat.read(p, as_version=4) for p in (path, ROOT / "exercises" / path.name))
        assert [c.cell_type for c in sol.cells] == [c.cell_type for c in ex.cells]
        for s, e in zip(sol.cells, ex.cells):
            if "exercise" in s.metadata.get("lstmlab", {}):
                assert e.metadata["lstmlab"] == s.metadata["lstmlab"]
                assert "raise NotImplementedError" in e.source and e.source != s.source
                assert e.source.splitlines()[0] == s.source.splitlines()[0]  # the signature
            else:
                assert e.source == s.source
        checks = [c for c in ex.cells if "check" in c.metadata.get("lstmlab", {})]
        assert checks and all("Not attempted" in c.outputs[0]["data"]["text/plain"] for c in checks)  # executed outputs
        assert all('data-status="not_attempted"' in c.outputs[0]["data"]["text/html"] for c in checks)  # grey, rich
        for s, e in zip(sol.cells, ex.cells):  # nbval's markers are tags, not a line the learner reads
            assert "NBVAL" not in s.source and e.metadata.get("tags") == s.metadata.get("tags")
        assert all("nbval-check-output" in c.metadata.get("tags", []) for c in checks)


def test_given_cells_hold_the_solutions_answers_and_the_notebook_says_which():
    """A given cell ({"lstmlab": {"given": [id, ...]}}) holds each named answer exactly as its solution writes it
    (one source), and the notebook's first cell names each one; 02 onward no longer asks for the step again."""
    from grading_helpers import answer_notebooks, answer_source
    where, found = answer_notebooks(), {}
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            for item_id in cell.metadata.get("lstmlab", {}).get("given", []):
                assert where[item_id] < path.name, (path.name, item_id)  # an earlier exercise's answer
                assert answer_source(where[item_id], item_id) in cell.source, (path.name, item_id)
                assert f"`{item_id}" in nb.cells[0].source and where[item_id][:2] in nb.cells[0].source, path.name
                found.setdefault(path.name, []).append(item_id)
    assert found == {"02_through_time.ipynb": ["lstm_step"], "04_stacking.ipynb": ["lstm_step", "lstm_layer"],
                     "05_stateful.ipynb": ["lstm_step"], "06_training.ipynb": ["lstm_step"]}


def test_generation_is_deterministic_and_refuses_to_overwrite_learner_edits(tmp_path):
    sols = tmp_path / "solutions"
    sols.mkdir()
    shutil.copy(ROOT / "solutions" / LESSON, sols / LESSON)
    first, second = tmp_path / "a", tmp_path / "b"
    assert build("--solutions", str(sols), "--out", str(first)).returncode == 0
    assert build("--solutions", str(sols), "--out", str(second)).returncode == 0
    assert (first / LESSON).read_bytes() == (second / LESSON).read_bytes()
    assert build("--solutions", str(sols), "--out", str(first), "--check").returncode == 0

    # a learner edits an answer: never overwritten, the command says so and how to force
    nb = nbformat.read(first / LESSON, as_version=4)
    answer = next(c for c in nb.cells if "exercise" in c.metadata.get("lstmlab", {}))
    answer.source = answer.source.replace('raise NotImplementedError("write make_windows")', "return 'my work'")
    nbformat.write(nb, str(first / LESSON))
    edited = (first / LESSON).read_bytes()
    sol = nbformat.read(sols / LESSON, as_version=4)
    sol.cells[0].source += "\n\nA new sentence in the solution."
    nbformat.write(sol, str(sols / LESSON))
    refused = build("--solutions", str(sols), "--out", str(first))
    assert refused.returncode != 0
    assert "NOT overwritten" in refused.stderr and "--force" in refused.stderr
    assert (first / LESSON).read_bytes() == edited
    assert build("--solutions", str(sols), "--out", str(first), "--check").returncode == 1

    # a stale (unedited) exercise is regenerated; --force replaces an edited one
    stale = build("--solutions", str(sols), "--out", str(second))
    assert stale.returncode == 0 and "regenerated" in stale.stdout
    forced = build("--solutions", str(sols), "--out", str(first), "--force")
    assert forced.returncode == 0
    assert (first / LESSON).read_bytes() == (second / LESSON).read_bytes()
    assert "my work" not in (first / LESSON).read_text()
