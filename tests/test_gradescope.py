"""`lstmlab gradescope`: the autograder.zip's layout, and its run_autograder grading an upload the way Gradescope
runs it (AUTOGRADER_ROOT holding source/, submission/, results/): in the sandbox and, where bubblewrap cannot run,
in the uid isolation only when the teacher chose it (--isolation uid), never without isolation."""
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

import lstmlab
from lstmlab.grade.sandbox import detect

ROOT = Path(__file__).resolve().parents[1]
VERSION = lstmlab.__version__
WHEEL = f"lstmlab-{VERSION}-py3-none-any.whl"
LSTMLAB = Path(sys.executable).with_name("lstmlab")  # this environment's console script


def _cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "lstmlab", *map(str, args)], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


def _stand_in_wheel(folder, version=VERSION):
    """A file named and shaped like lstmlab's wheel (these tests never install it: setup.sh is not run)."""
    path = Path(folder) / f"lstmlab-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("lstmlab/__init__.py", "")
    return path


@pytest.fixture(scope="module")
def autograder(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gradescope")
    out = tmp / "autograder.zip"
    done = _cli("gradescope", "--assignment", "01_one_cell", "--out", out, "--wheel", _stand_in_wheel(tmp))
    assert done.returncode == 0, done.stderr
    assert "autograder.zip: setup.sh, run_autograder" in done.stdout
    return out


def _install(autograder, root, submitted=()):
    """Gradescope's layout: the zip unpacked in source/ (modes kept), run_autograder copied up, the upload in submission/."""
    with zipfile.ZipFile(autograder) as zf:
        for info in zf.infolist():
            path = Path(zf.extract(info, root / "source"))
            path.chmod(info.external_attr >> 16 & 0o777)
    shutil.copy2(root / "source" / "run_autograder", root / "run_autograder")
    (root / "submission").mkdir()
    for source, name in submitted:
        shutil.copy(source, root / "submission" / name)
    return root


def _grade(root, path=None, env=()):
    """Run run_autograder as Gradescope does (cwd AUTOGRADER_ROOT) with this environment's lstmlab on PATH."""
    path = os.pathsep.join([str(LSTMLAB.parent), path or os.environ["PATH"]])
    done = subprocess.run([str(root / "run_autograder")], capture_output=True, text=True, cwd=root, timeout=300,
                          env={**os.environ, "AUTOGRADER_ROOT": str(root), "PATH": path, **dict(env)})
    assert done.returncode == 0, done.stderr
    results = json.loads((root / "results" / "results.json").read_text())
    return results, done


def _tests(results):
    return [(t["name"], t["score"], t["max_score"]) for t in results["tests"]]


def test_the_zip_holds_the_scripts_the_wheel_the_config_and_the_pristine_notebook(autograder, tmp_path):
    with zipfile.ZipFile(autograder) as zf:
        infos = {i.filename: i for i in zf.infolist()}
        assert set(infos) == {"setup.sh", "run_autograder", WHEEL, "config", "course/01_one_cell.ipynb"}
        modes = {name: info.external_attr >> 16 for name, info in infos.items()}
        assert modes["run_autograder"] == modes["setup.sh"] == stat.S_IFREG | 0o755
        assert modes["config"] == stat.S_IFREG | 0o644
        setup, config = zf.read("setup.sh").decode(), zf.read("config").decode()
        assert zf.read("course/01_one_cell.ipynb") == (ROOT / "exercises" / "01_one_cell.ipynb").read_bytes()
    assert f'pip install --quiet "./{WHEEL}[grade]"' in setup and "apt-get install -y -qq bubblewrap" in setup
    assert [line for line in config.splitlines() if line.startswith("assignment=")] == ["assignment=01_one_cell"]
    assert f"version={VERSION}" in config.splitlines() and "isolation=bubblewrap" in config.splitlines()
    assert 'chmod -R go-rwx "$PWD"' in setup  # the wheel, course/ and items/: private to root (the uid isolation)
    root = _install(autograder, tmp_path)
    for script in ("setup.sh", "run_autograder"):
        syntax = subprocess.run(["bash", "-n", str(root / "source" / script)], capture_output=True, text=True)
        assert syntax.returncode == 0, syntax.stderr


def test_the_solution_gets_full_marks(autograder, tmp_path):
    root = _install(autograder, tmp_path, [(ROOT / "solutions" / "01_one_cell.ipynb", "01_one_cell.ipynb")])
    results, done = _grade(root)
    assert results["score"] == 5
    assert _tests(results) == [("01_one_cell: lstm_step", 3, 3), ("01_one_cell: lstm_param_count", 1, 1),
                               ("01_one_cell: split_gates", 1, 1)]
    assert {t["status"] for t in results["tests"]} == {"passed"}
    assert all(t["output"].startswith(t["name"].split(": ")[1] + ": Passed") for t in results["tests"])
    assert detect()[0] is not None  # CI installs bubblewrap: graded in the sandbox, and the student is told so
    assert results["output"].startswith("Graded in lstmlab's bubblewrap sandbox")
    assert results["extra_data"]["isolation"]["mode"] == "bubblewrap"
    assert "tripwire" in results["extra_data"]["isolation"]["audit_hook"]


def test_a_blank_exercise_gets_zero(autograder, tmp_path):
    root = _install(autograder, tmp_path, [(ROOT / "exercises" / "01_one_cell.ipynb", "01_one_cell.ipynb")])
    results, _ = _grade(root)
    assert results["score"] == 0
    assert _tests(results) == [("01_one_cell: lstm_step", 0, 3), ("01_one_cell: lstm_param_count", 0, 1),
                               ("01_one_cell: split_gates", 0, 1)]
    assert all("not attempted" in t["output"].lower() for t in results["tests"])


def _path_without_bwrap(folder):
    """A PATH of one folder linking every program on this PATH except bwrap: bubblewrap looks uninstalled."""
    folder.mkdir()
    for entry in os.environ["PATH"].split(os.pathsep):
        for program in sorted(Path(entry).iterdir()) if Path(entry).is_dir() else []:
            if program.name != "bwrap" and not (folder / program.name).exists() and os.access(program, os.X_OK):
                (folder / program.name).symlink_to(program)
    return str(folder)


def test_without_bubblewrap_it_grades_nothing_and_says_why(autograder, tmp_path):
    """Finding 2: where bubblewrap cannot run (here: not installed) and the teacher chose no other isolation, the
    student gets 0 with the reason, and nothing is graded without isolation."""
    root = _install(autograder, tmp_path / "ag", [(ROOT / "solutions" / "01_one_cell.ipynb", "my answers.ipynb")])
    results, done = _grade(root, path=_path_without_bwrap(tmp_path / "bin"))
    assert "isolation is unavailable" in done.stderr and "--isolation uid" not in done.stderr.split("(the uid")[0]
    assert done.stderr.count("isolation is unavailable") == 1  # graded once: no retry in another mode
    assert results["score"] == 0 and results["tests"] == []
    assert "could not grade this submission" in results["output"] and "bubblewrap is not installed" in results["output"]


@pytest.fixture
def private_lstmlab():
    """lstmlab private to root, as setup.sh leaves it (chmod -R go-rwx): the uid mode refuses otherwise."""
    folder = Path(tempfile.mkdtemp(prefix="lstmlab-installed-"))
    shutil.copytree(ROOT / "lstmlab", folder / "lstmlab", ignore=shutil.ignore_patterns("__pycache__", "course"))
    yield folder
    shutil.rmtree(folder)


@pytest.mark.skipif(os.geteuid() != 0 and not os.environ.get("LSTMLAB_REQUIRE_ROOT"), reason="the uid isolation needs root")
def test_the_teachers_uid_choice_grades_without_bubblewrap_and_says_so(tmp_path, private_lstmlab):
    """Built with --isolation uid: where bubblewrap cannot run, the upload is graded as an unprivileged uid that can
    read none of the autograder's files (run_autograder makes them private), and the results say which isolation."""
    out = tmp_path / "uid.zip"
    done = _cli("gradescope", "--assignment", "01_one_cell", "--out", out, "--wheel", _stand_in_wheel(tmp_path),
                "--isolation", "uid")
    assert done.returncode == 0, done.stderr
    assert "isolation=uid" in zipfile.ZipFile(out).read("config").decode().splitlines()
    root = _install(out, tmp_path / "ag", [(ROOT / "solutions" / "01_one_cell.ipynb", "my answers.ipynb")])
    for folder in ("source", "submission"):
        (root / folder).chmod(0o755)  # run_autograder makes them private itself
    results, done = _grade(root, path=_path_without_bwrap(tmp_path / "bin"), env={"PYTHONPATH": str(private_lstmlab)})
    assert "isolation is unavailable" in done.stderr  # bubblewrap first
    assert results["score"] == 5 and [t[1:] for t in _tests(results)] == [(3, 3), (1, 1), (1, 1)], results
    assert results["output"].startswith("Graded as an unprivileged user of its own")
    assert results["extra_data"]["isolation"]["mode"] == "uid"
    for folder in ("source", "submission", "results"):
        assert (root / folder).stat().st_mode & 0o077 == 0, folder


def test_an_upload_without_the_notebook_says_what_to_submit(autograder, tmp_path):
    root = _install(autograder, tmp_path)
    (root / "submission" / "notes.txt").write_text("I forgot the notebook")
    results, _ = _grade(root)
    assert results["score"] == 0
    assert "No notebook in your submission matches this assignment (01_one_cell)" in results["output"]
    assert "01_one_cell.ipynb" in results["output"]


def test_a_wheel_of_another_version_or_an_unknown_assignment_is_refused(tmp_path):
    old = _stand_in_wheel(tmp_path, "0.0.1")
    done = _cli("gradescope", "--assignment", "01_one_cell", "--out", tmp_path / "a.zip", "--wheel", old)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"this is lstmlab {VERSION}, the wheel is lstmlab 0.0.1" in done.stderr
    done = _cli("gradescope", "--assignment", "01_one_cel", "--out", tmp_path / "a.zip", "--wheel", _stand_in_wheel(tmp_path))
    assert done.returncode == 2 and "no assignment named '01_one_cel'" in done.stderr and "01_one_cell" in done.stderr
    assert not (tmp_path / "a.zip").exists()


def test_a_chinese_autograder_tells_students_in_chinese(tmp_path):
    """`--language zh`: config sets LSTMLAB_LANG for `lstmlab grade`, and run_autograder's own notes are Chinese."""
    out = tmp_path / "zh.zip"
    done = _cli("gradescope", "--assignment", "01_one_cell", "--out", out, "--wheel", _stand_in_wheel(tmp_path),
                "--language", "zh")
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(out) as zf:
        assert "language=zh" in zf.read("config").decode().splitlines()
    root = _install(out, tmp_path / "ag")
    (root / "submission" / "notes.txt").write_text("I forgot the notebook")
    results, _ = _grade(root)
    assert results["score"] == 0 and "01_one_cell.ipynb" in results["output"]
    assert "请上传练习笔记本本身" in results["output"] and "No notebook" not in results["output"]
    wrong = _install(out, tmp_path / "wrong", [(ROOT / "exercises" / "01_one_cell.ipynb", "01_one_cell.ipynb")])
    results, _ = _grade(wrong)
    assert results["tests"] and all(re.search(r"[\u4e00-\u9fff]", t["output"]) for t in results["tests"])
