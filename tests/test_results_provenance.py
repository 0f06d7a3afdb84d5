"""Stored experiment results (lstmlab/lessons/results) carry their provenance, and none is older than its code."""
import json

import pytest

from lstmlab.lessons import provenance


def test_every_stored_result_is_current():
    stored = sorted(provenance.RESULTS.glob("*.json"))
    problems = [line for path in stored for line in provenance.stale(json.loads(path.read_text()))]
    assert not problems, "\n".join(problems)


def test_a_changed_source_makes_a_result_stale(tmp_path):
    (tmp_path / "make.py").write_text("SEEDS = 5\n")
    path = provenance.save("demo", config={"lr": 0.01}, seeds=[0, 1], results={"acc": [0.5, 0.6]},
                           sources=["make.py"], folder=tmp_path / "out", root=tmp_path)
    record = provenance.load("demo", folder=tmp_path / "out")
    assert record["results"] == {"acc": [0.5, 0.6]} and record["seeds"] == [0, 1]
    assert provenance.stale(record, root=tmp_path) == []
    (tmp_path / "make.py").write_text("SEEDS = 3\n")
    assert "changed" in provenance.stale(record, root=tmp_path)[0]
    (tmp_path / "make.py").unlink()
    assert "make.py" in provenance.stale(record, root=tmp_path)[0]
    assert path.name == "demo.json"


def test_missing_results_and_sources_say_what_was_expected(tmp_path):
    with pytest.raises(FileNotFoundError, match="bench/ script"):
        provenance.load("nothing", folder=tmp_path)
    with pytest.raises(ValueError, match="source files"):
        provenance.save("x", config={}, seeds=[], results={}, sources=[], folder=tmp_path)


def test_the_results_are_package_data():
    import tomllib
    from pathlib import Path
    data = tomllib.loads((Path(provenance.ROOT) / "pyproject.toml").read_text())
    assert "results/*.json" in data["tool"]["setuptools"]["package-data"]["lstmlab.lessons"]


def test_a_source_may_name_one_function(tmp_path):
    (tmp_path / "lib.py").write_text("def used():\n    return 1\n\n\ndef other():\n    return 2\n")
    record = provenance.load(provenance.save("part", config={}, seeds=[0], results={}, sources=["lib.py::used"],
                                             folder=tmp_path, root=tmp_path).stem, folder=tmp_path)
    (tmp_path / "lib.py").write_text("def used():\n    return 1\n\n\ndef other():\n    return 3\n")
    assert provenance.stale(record, root=tmp_path) == []  # another function changed: not this result's code
    (tmp_path / "lib.py").write_text("def used():\n    return 4\n")
    assert "changed" in provenance.stale(record, root=tmp_path)[0]
    (tmp_path / "lib.py").write_text("def renamed():\n    return 1\n")
    assert "used" in provenance.stale(record, root=tmp_path)[0]


def test_tensorflow_is_found_under_its_cpu_distribution_too():
    from importlib import metadata
    installed = [d for d in ("tensorflow", "tensorflow-cpu") if _has(metadata, d)]
    assert (provenance.versions()["tensorflow"] is None) == (not installed)


def _has(metadata, dist):
    try:
        return bool(metadata.version(dist))
    except metadata.PackageNotFoundError:
        return False


@pytest.mark.parametrize("name", ["experiments_09", "dropout_09", "heads_09", "deep30_09"])
def test_lesson_09_results_cover_every_part_of_stack_py_but_its_printing(name, tmp_path):
    import ast
    import shutil
    from pathlib import Path
    record = provenance.load(name)
    sources = record["provenance"]["sources"]
    stack_py = Path(provenance.ROOT) / "lstmlab/shapes/stack.py"
    defined = {node.name for node in ast.parse(stack_py.read_text()).body if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
    covered = {s.partition("::")[2] for s in sources if s.startswith("lstmlab/shapes/stack.py::")}
    assert defined - covered == {"summary_text", "summary_html", "_summary_head"}  # a new computing part must be added
    for source in sources:  # a copy of the code, to edit
        (tmp_path / source.partition("::")[0]).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(Path(provenance.ROOT) / source.partition("::")[0], tmp_path / source.partition("::")[0])
    assert provenance.stale(record, root=tmp_path) == []
    copy = tmp_path / "lstmlab/shapes/stack.py"
    text = copy.read_text()
    copy.write_text(text.replace('head = _summary_head()', 'head = ("Layer", "In", "Out", "Params", "Formula")'))
    assert provenance.stale(record, root=tmp_path) == []  # the printed table's words: not the results' code
    copy.write_text(text.replace("return self._rows.total", "return self._rows.total + 1"))
    assert "changed" in provenance.stale(record, root=tmp_path)[0]  # the parameter count: the results' code
