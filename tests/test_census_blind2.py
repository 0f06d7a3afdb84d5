"""The second blind census stays valid: every attempt applies to the solution, runs, differs from it, and no two agree."""
import importlib.util
from pathlib import Path


def test_blind2_attempts_apply_run_and_differ(capsys):
    """validate.py finds no broken, equivalent or duplicate attempt, and every item has >= 6 single and >= 2 compound."""
    path = Path(__file__).resolve().parent / "census_blind2" / "validate.py"
    spec = importlib.util.spec_from_file_location("census_blind2_validate", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    status = module.main()
    assert status == 0, capsys.readouterr().out
