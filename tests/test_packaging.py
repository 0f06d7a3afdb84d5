"""The set-up a newcomer uses: pyproject and environment.yml agree, the command line works."""
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement):
    return re.split(r"[<>=!~;\[ ]", requirement.strip(), maxsplit=1)[0].lower()


def _spec(requirement):
    return requirement.split(";")[0].replace(" ", "").lower()


def test_environment_yml_has_the_same_dependencies_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    every = project["dependencies"] + extras["grade"] + extras["lab"] + extras["keras"] + extras["dev"]
    wanted = {_spec(r) for r in every if _name(r) != "lstmlab"}
    wanted = {r for r in wanted if not r.startswith("tensorflow>=")}  # conda users get tensorflow-cpu
    env = yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]
    conda = {_spec(d) for d in env if isinstance(d, str) and not d.startswith(("python", "pip"))}
    pip = {_spec(d) for d in next(d["pip"] for d in env if isinstance(d, dict)) if not d.startswith("-e")}
    assert conda | pip == wanted


def test_the_grade_extra_is_light_and_the_lab_extra_has_everything():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    assert {_name(r) for r in extras["grade"]} == {"numpy", "nbformat", "ipython"}  # what grading imports
    assert {_name(r) for r in project["dependencies"]} <= {"numpy", "nbformat", "ipython"}
    assert "lstmlab[grade,keras]" in extras["lab"] and "jupyterlab" in {_name(r) for r in extras["lab"]}
    assert "lstmlab[lab]" in extras["dev"]


def test_console_script_and_python_m_agree():
    by_module = subprocess.run([sys.executable, "-m", "lstmlab", "summary", "--units", "64", "32"],
                               capture_output=True, text=True, check=True).stdout
    assert "Total params: 29,568" in by_module and "(None, 5, 64)" in by_module
    script = Path(sys.executable).with_name("lstmlab")
    assert subprocess.run([str(script), "summary"], capture_output=True, text=True, check=True).stdout == by_module


def test_cli_reports_bad_input_without_a_traceback():
    done = subprocess.run([sys.executable, "-m", "lstmlab", "summary", "--units", "0"], capture_output=True, text=True)
    assert done.returncode == 2
    assert "units must be a positive int, got 0" in done.stderr and "Traceback" not in done.stderr


def test_ci_runs_the_readme_test_command():
    readme, ci = (ROOT / "README.md").read_text(), (ROOT / ".ci/run").read_text()
    assert "make test" in readme and "make lab" in readme
    assert "make test" in ci
