"""Issue 19's attacks, as submitted answers beside honest learners, in both isolation modes (bubblewrap, and uid: an
unprivileged uid of its own), with the audit hook on (as graded) and off (the OS alone): each earns nothing, harms
no one, and leaves nothing running or written. .ci/run runs this file on Debian's python3 too."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from lstmlab.checks import all_items
from lstmlab.grade import grade_file, sandbox
from lstmlab.grade.course import Course
from grading_helpers import ROOT, by_id, submission

NB = "01_one_cell.ipynb"
SIG = "def lstm_param_count(units, features):\n"
RIGHT = "    return 4 * (units * (features + units) + units)\n"
WRONG = "    return -1\n"
MODES = ["bubblewrap", "uid"]
GUARDS = [pytest.param(True, id="hook-on"), pytest.param(False, id="os-only")]


def isolation(mode):
    """This machine's isolation in `mode`; the uid mode needs root (CI is root: LSTMLAB_REQUIRE_ROOT=1 fails there)."""
    if mode == "uid" and os.geteuid() != 0:
        if os.environ.get("LSTMLAB_REQUIRE_ROOT"):
            pytest.fail("the uid isolation tests need root (LSTMLAB_REQUIRE_ROOT is set)")
        pytest.skip("the uid isolation needs root")
    found, why = sandbox.detect(mode)
    assert found is not None, why  # CI installs bubblewrap and runs as root: a machine without them fails here
    return found


@pytest.fixture
def teacher():
    """The teacher's files where an unprivileged uid could otherwise reach them: a private folder (0700, as setup.sh
    and run_autograder make Gradescope's) in /tmp, holding world-readable files."""
    folder = Path(tempfile.mkdtemp(prefix="lstmlab-teacher-"))
    (folder / "items.py").write_text("REFERENCE = 'the teacher'\n")
    (folder / "grades.json").write_text('{"honest": 5}\n')
    for path in folder.iterdir():
        path.chmod(0o644)
    yield folder
    shutil.rmtree(folder)


def grade_attack(tmp_path, mode, cell, guard, timeout=6):
    path = submission(tmp_path, NB, {"lstm_param_count": cell}, folder="attacker")
    return by_id(grade_file(path, Course.find(), all_items(), isolation(mode), 7, timeout=timeout, guard=guard))


def earns_nothing(result):
    assert result["lstm_param_count"]["points"] == 0, result["lstm_param_count"]["feedback"]
    assert result["lstm_step"]["status"] == "passed" and result["split_gates"]["status"] == "passed"


@pytest.mark.parametrize("guard", GUARDS)
@pytest.mark.parametrize("mode", MODES)
def test_the_teachers_files_and_other_learners_are_out_of_reach(tmp_path, teacher, mode, guard):
    """Attack 3: the answer reads the teacher's items and outputs, and another learner's notebook, by path (a
    student finds them in /proc/<pid>/cmdline): right only if it read any of them."""
    honest = submission(tmp_path, NB, folder="honest")
    targets = [str(teacher / "items.py"), str(teacher / "grades.json"), str(honest), str(teacher)]
    cell = ("import os\nleaked = []\n"
            f"for path in {targets!r}:\n"
            "    try:\n        leaked.append(os.listdir(path) if os.path.isdir(path) else open(path).read())\n"
            "    except Exception:\n        pass\n" + SIG + "    return 4 * (units * (features + units) + units) if leaked else -1\n")
    earns_nothing(grade_attack(tmp_path, mode, cell, guard))


@pytest.mark.parametrize("guard", GUARDS)
@pytest.mark.parametrize("mode", MODES)
def test_the_learners_code_never_runs_as_root(tmp_path, mode, guard):
    """Attack 4's root: right only if it is root, or could write where root may."""
    cell = ("import os\nroot = os.geteuid() == 0\n"
            "for path in ['/etc/lstmlab-pwned', '/root/lstmlab-pwned']:\n"
            "    try:\n        open(path, 'w').close()\n        os.remove(path)\n        root = True\n"
            "    except Exception:\n        pass\n" + SIG + "    return 4 * (units * (features + units) + units) if root else -1\n")
    earns_nothing(grade_attack(tmp_path, mode, cell, guard))


@pytest.mark.parametrize("guard", GUARDS)
@pytest.mark.parametrize("mode", MODES)
def test_a_daemon_dies_with_the_run_and_leaves_nothing(tmp_path, teacher, mode, guard):
    """Attack 4's daemon: detached (double fork, setsid), it waits for the grader to finish, then rewrites the report
    and leaves a file in /tmp. It is gone when grading returns; nothing changes a while later."""
    marker = Path(f"/tmp/lstmlab-daemon-{uuid.uuid4().hex}")
    litter = Path(f"/tmp/lstmlab-litter-{uuid.uuid4().hex}")
    report = teacher / "grades.json"
    before = report.read_bytes()
    cell = ("import os, time\n"
            f"try:\n    open({str(litter)!r}, 'w').write('x')\nexcept Exception:\n    pass\n"
            "try:\n    if os.fork() == 0:\n        os.setsid()\n        if os.fork() == 0:\n"
            f"            time.sleep(2)\n            open({str(marker)!r}, 'w').write('alive')\n"
            f"            open({str(report)!r}, 'w').write('{{\"honest\": 0}}')\n"
            "        os._exit(0)\nexcept Exception:\n    pass\n" + SIG + RIGHT)
    result = grade_attack(tmp_path, mode, cell, guard)
    assert result["lstm_step"]["status"] == "passed"
    used = isolation(mode)
    if used.uid is not None:
        assert sandbox._processes_of(used.uid) == 0
    time.sleep(3)
    assert not marker.exists() and not litter.exists() and report.read_bytes() == before


@pytest.mark.parametrize("mode", MODES)
def test_killing_everything_it_can_harms_no_one(tmp_path, mode):
    """kill(-1) and the grader's pid, with the hook off: no other process is the learner's to kill; all is graded."""
    cell = ("import os, signal\nfor pid in (os.getppid(), -1):\n    try:\n        os.kill(pid, signal.SIGKILL)\n"
            "    except Exception:\n        pass\n" + SIG + RIGHT)
    result = grade_attack(tmp_path, mode, cell, False)
    assert {e["status"] for e in result.values()} == {"passed"}, result


@pytest.mark.parametrize("mode", MODES)
def test_threads_and_children_end_with_the_run(tmp_path, mode):
    """Finding 6: a thread outlives its cell's alarm, and a child holds the pipe; the cell then hangs. The wall-clock
    kill takes the whole process group (and, uid mode, every process of the uid): nothing of it acts afterwards."""
    marker = Path(f"/tmp/lstmlab-thread-{uuid.uuid4().hex}")
    late = f"import time\ndef late():\n    time.sleep(4)\n    open({str(marker)!r}, 'w').write('alive')\n"
    cell = (late + "import os, threading\nthreading.Thread(target=late, daemon=True).start()\n"
            "if os.fork() == 0:\n    late()\n    os._exit(0)\nwhile True:\n    pass\n" + SIG + RIGHT)
    result = grade_attack(tmp_path, mode, cell, False, timeout=2)
    assert result["lstm_param_count"]["status"] == "timeout", result["lstm_param_count"]
    assert result["lstm_step"]["status"] == "passed" and result["split_gates"]["status"] == "passed"
    used = isolation(mode)
    if used.uid is not None:
        assert sandbox._processes_of(used.uid) == 0
    time.sleep(5)
    assert not marker.exists()


def test_the_uid_mode_refuses_while_the_teachers_files_are_readable(tmp_path, teacher):
    """The grader tries each of the teacher's files as the learner's uid: one readable file is a refusal."""
    isolation("uid")
    assert sandbox.exposed(sandbox.detect("uid")[0], [teacher]) == []
    open_folder = Path(tempfile.mkdtemp(prefix="lstmlab-open-"))
    try:
        open_folder.chmod(0o755)
        (open_folder / "items.py").write_text("REFERENCE = 1\n")
        (open_folder / "items.py").chmod(0o644)
        with pytest.raises(RuntimeError, match=r"can reach the teacher's files: .*items\.py \(readable\)"):
            sandbox.choose("uid", [teacher, open_folder])
        (open_folder / "items.py").chmod(0o600)
        open_folder.chmod(0o733)  # not listable, but anyone may create files in it
        with pytest.raises(RuntimeError, match=r"lstmlab-open-\w+ \(writable\)"):
            sandbox.choose("uid", [open_folder])
    finally:
        shutil.rmtree(open_folder)


def test_without_root_or_bubblewrap_it_refuses_and_says_why(monkeypatch):
    """Neither mode possible: a clear reason, never a grade without isolation."""
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    sandbox._DETECTED.clear()
    try:
        with pytest.raises(RuntimeError, match="the uid isolation needs root"):
            sandbox.choose("uid")
        with pytest.raises(RuntimeError, match="refusing to run learners' code as root"):
            monkeypatch.setattr(os, "geteuid", lambda: 0)
            sandbox.command(sandbox.Isolation("uid"), 10, sandbox.Limits(), "/tmp")
    finally:
        sandbox._DETECTED.clear()


@pytest.fixture
def private(tmp_path_factory):
    """A teacher's machine for the uid mode: lstmlab and the course private to root (0700), as setup.sh leaves them."""
    folder = Path(tempfile.mkdtemp(prefix="lstmlab-grader-"))
    shutil.copytree(ROOT / "lstmlab", folder / "lstmlab", ignore=shutil.ignore_patterns("__pycache__", "course"))
    shutil.copytree(ROOT / "exercises", folder / "course")
    yield folder
    shutil.rmtree(folder)


@pytest.mark.parametrize("mode", MODES)
def test_a_class_with_attackers_is_graded_the_same_and_its_report_stays_put(private, mode):
    """`lstmlab grade --isolation MODE` on a class: honest learners 5/5, attackers nothing for the attack, the JSON
    and CSV say which isolation graded and are the same bytes a while after the grader exits."""
    isolation(mode)
    cls = private / "class"
    for name in ("honest1", "honest2"):
        submission(cls, NB, folder=name)
    peek = ("import os\nfound = []\nfor pid in os.listdir('/proc'):\n    try:\n"
            "        found += open(f'/proc/{pid}/cmdline').read().split('\\0')\n    except Exception:\n        pass\n"
            "leaked = []\nfor path in found:\n    try:\n        leaked.append(open(path).read())\n    except Exception:\n"
            "        pass\n" + SIG + "    return 4 * (units * (features + units) + units) if leaked else -1\n")
    daemon = ("import os, time\nif os.fork() == 0:\n    os.setsid()\n    time.sleep(2)\n"
              "    for path in ['out/g.json', 'out/g.csv']:\n        open(path, 'w').write('rewritten')\n" + SIG + WRONG)
    submission(cls, NB, {"lstm_param_count": peek}, folder="peeker")
    submission(cls, NB, {"lstm_param_count": daemon}, folder="daemon")
    (private / "out").mkdir(mode=0o700)
    sitecustomize = Path("/etc/python3.11/sitecustomize.py")
    mode_before = os.stat(sitecustomize).st_mode if sitecustomize.exists() else None
    run = subprocess.run([sys.executable, "-m", "lstmlab", "grade", "class", "--isolation", mode, "--course", "course",
                          "--assignment", "01_one_cell", "--json", "out/g.json", "--csv", "out/g.csv", "--jobs", "2",
                          "--quiet", "--seed", "3"], capture_output=True, text=True, cwd=private, timeout=600,
                         env={**os.environ, "PYTHONPATH": str(private)})
    assert run.returncode == 0, run.stderr
    written = {name: (private / "out" / name).read_bytes() for name in ("g.json", "g.csv")}
    data = json.loads(written["g.json"])
    assert data["isolation"]["mode"] == mode and "tripwire" in data["isolation"]["audit_hook"]
    assert (data["sandbox"] is False) == (mode == "uid")
    scores = {s["learner"]: s["score"] for s in data["submissions"]}
    assert scores == {"honest1": 5, "honest2": 5, "peeker": 4, "daemon": 4}, scores
    time.sleep(3)
    assert {name: (private / "out" / name).read_bytes() for name in written} == written
    if mode_before is not None:
        assert os.stat(sitecustomize).st_mode == mode_before
