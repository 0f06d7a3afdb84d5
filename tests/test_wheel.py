"""A built wheel carries the course: the exercise notebooks and the lessons, byte for byte the clone's, and an
installed lstmlab (no clone beside it) finds its assignments there."""
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from lstmlab.grade.course import Course

ROOT = Path(__file__).resolve().parents[1]
COURSE = "lstmlab/exercises/course"


@pytest.fixture(scope="session")
def wheel(tmp_path_factory):
    """lstmlab's wheel, built once from a copy of the clone (so the clone gets no build/ or egg-info)."""
    from lstmlab.grade.gradescope import build_wheel
    return build_wheel(ROOT, tmp_path_factory.mktemp("wheel"))


@pytest.fixture(scope="session")
def unpacked(wheel, tmp_path_factory):
    """The wheel's files, as `pip install` would put them in site-packages."""
    folder = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(folder)
    return folder


def _clone_notebooks():
    """{path inside the wheel: the clone's file} for every notebook the wheel must carry."""
    wanted = {f"{COURSE}/exercises/{p.name}": p for p in (ROOT / "exercises").glob("*.ipynb")}
    wanted.update({f"{COURSE}/lessons/{p.name}": p for p in (ROOT / "notebooks").glob("*.ipynb")})
    wanted.update({f"{COURSE}/lessons/zh/{p.name}": p for p in (ROOT / "notebooks" / "zh").glob("*.ipynb")})
    wanted.update({f"{COURSE}/exercises/zh/{p.name}": p for p in (ROOT / "exercises" / "zh").glob("*.ipynb")})
    return wanted


def test_the_wheel_carries_every_exercise_and_lesson_unchanged(wheel):
    wanted = _clone_notebooks()
    assert len([w for w in wanted if "/exercises/" in w]) >= 6 and len([w for w in wanted if "/lessons/" in w]) >= 11
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        assert set(wanted) <= names, sorted(set(wanted) - names)
        assert {n for n in names if n.startswith(COURSE + "/")} == set(wanted)  # nothing else: no stale copies
        for inside, clone in wanted.items():
            assert zf.read(inside) == clone.read_bytes(), inside
    assert not any("solutions" in n for n in names), "a wheel must not carry the solutions"


def test_the_course_is_not_committed_in_the_package():
    """Single source of truth: the packaged folder is a build artifact, git-ignored, absent from the clone."""
    assert not (ROOT / COURSE).exists()
    ignored = subprocess.run(["git", "check-ignore", "-q", f"{COURSE}/exercises/01_one_cell.ipynb"], cwd=ROOT)
    assert ignored.returncode == 0, f"{COURSE}/ must be git-ignored"


def _installed(code, unpacked, cwd):
    """Run code with only the unpacked wheel's lstmlab importable (no clone on sys.path), from cwd."""
    env = {**os.environ, "PYTHONPATH": str(unpacked)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_an_installed_lstmlab_finds_its_assignments_in_the_wheel(unpacked, tmp_path):
    code = ("import json, lstmlab\nfrom lstmlab.grade.course import Course\nc = Course.find()\n"
            "print(json.dumps([lstmlab.__file__, c.source, str(c.folder), {n: a.ids for n, a in c.assignments.items()}]))")
    where, source, folder, found = json.loads(_installed(code, unpacked, tmp_path))
    assert Path(where).is_relative_to(unpacked)  # the wheel's lstmlab, not the clone's
    assert source == "the installed lstmlab package" and Path(folder) == unpacked / COURSE / "exercises"
    clone = Course(ROOT / "exercises")
    assert found == {n: a.ids for n, a in clone.assignments.items()}
    assert "01_one_cell" in found and found["01_one_cell"] == ["lstm_step", "lstm_param_count", "split_gates"]


def test_an_installed_lstmlab_releases_the_course_it_carries(wheel, unpacked, tmp_path):
    """`lstmlab release` without a clone: the packaged lessons and exercises, links rewritten the same way, and the
    wheel it is given (an installed lstmlab cannot build one)."""
    code = f"import sys\nfrom lstmlab.cli import main\nsys.exit(main(['release', {str(tmp_path / 'none')!r}]))"
    env = {**os.environ, "PYTHONPATH": str(unpacked)}
    refused = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert refused.returncode == 2 and "give --wheel PATH" in refused.stderr
    code = (f"import sys\nfrom lstmlab.cli import main\n"
            f"sys.exit(main(['release', {str(tmp_path / 'out')!r}, '--wheel', {str(wheel)!r}]))")
    assert "from the installed lstmlab" in _installed(code, unpacked, tmp_path)
    assert (tmp_path / "out" / "wheels" / wheel.name).read_bytes() == wheel.read_bytes()
    files = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*.ipynb"))
    assert files == sorted([f"lessons/{p.relative_to(ROOT / 'notebooks')}" for p in (ROOT / "notebooks").rglob("*.ipynb")]
                           + [f"exercises/{p.relative_to(ROOT / 'exercises')}" for p in (ROOT / "exercises").rglob("*.ipynb")])
    exercise = (tmp_path / "out" / "exercises" / "01_one_cell.ipynb").read_text()
    assert "../lessons/01_one_cell.ipynb" in exercise and "../notebooks/" not in exercise
