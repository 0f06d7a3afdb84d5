"""The OS sandbox is the boundary: each attack of the security review, run as a submitted answer cell, earns
nothing and harms no one, with the audit hook on (as graded) and off (to show the sandbox alone holds)."""
import json
import os
import shutil
import resource
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import numpy as np
import pytest

from lstmlab.grade import results
from lstmlab.grade.sandbox import choose
from grading_helpers import ROOT, answer_source, by_id, grade, submission

NB = "01_one_cell.ipynb"
COUNT = answer_source(NB, "lstm_param_count")
SIG = "def lstm_param_count(units, features):\n"
RIGHT = "    return 4 * (units * (features + units) + units)\n"
WRONG = "    return -1\n"
GUARDS = [pytest.param(True, id="hook-on"), pytest.param(False, id="sandbox-only")]


@pytest.fixture(scope="module", autouse=True)
def sandbox_required():
    choose()  # CI installs bubblewrap: a machine without it fails here, it does not skip


def attack(tmp_path, cell, guard, **kw):
    """Grade a notebook whose lstm_param_count cell is `cell`; return the exercises by id."""
    return by_id(grade(submission(tmp_path, NB, {"lstm_param_count": cell}), guard=guard, **kw))


def earns_nothing(result):
    assert result["lstm_param_count"]["points"] == 0, result["lstm_param_count"]["feedback"]
    assert result["lstm_step"]["status"] == "passed" and result["split_gates"]["status"] == "passed"


@pytest.mark.parametrize("guard", GUARDS)
def test_reading_the_solutions_with_dir_fd_earns_nothing(tmp_path, guard):
    """os.open(relative, dir_fd=<a folder above the course>): the course is not in the sandbox at all."""
    assert (ROOT / "solutions" / NB).is_file()  # the target exists on the host
    rel = str((ROOT / "solutions" / NB).relative_to("/"))
    cell = ("import os, json\ntry:\n    top = os.open('/', os.O_RDONLY)\n"
            f"    fd = os.open({rel!r}, os.O_RDONLY, dir_fd=top)\n"
            "    nb = json.loads(os.read(fd, 10**7))\n"
            "    src = [''.join(c['source']) for c in nb['cells'] if 'lstm_param_count' in str(c.get('metadata'))][0]\n"
            "    exec(src)\nexcept Exception:\n" + "    " + SIG + WRONG.replace("    ", "        "))
    earns_nothing(attack(tmp_path, cell, guard))


@pytest.mark.parametrize("guard", GUARDS)
def test_host_proc_env_and_tmp_are_out_of_sight(tmp_path, guard, monkeypatch):
    """No host /proc (only the sandbox's own processes), no grader environment, a private /tmp."""
    marker = f"/tmp/lstmlab-host-{uuid.uuid4().hex}"
    open(marker, "w").close()
    monkeypatch.setenv("LSTMLAB_TEST_SECRET", "s3cret")
    try:
        cell = ("import os\nseen = []\n"
                "try:\n    seen.append(len([p for p in os.listdir('/proc') if p.isdigit()]) > 3)\nexcept Exception:\n    pass\n"
                "seen.append('LSTMLAB_TEST_SECRET' in os.environ)\n"
                f"seen.append(os.path.exists({marker!r}))\n"
                + SIG + "    return 4 * (units * (features + units) + units) if any(seen) else -1\n")
        earns_nothing(attack(tmp_path, cell, guard))
    finally:
        os.remove(marker)


@pytest.mark.parametrize("guard", GUARDS)
def test_no_network(tmp_path, guard):
    """A server on the host's loopback is out of reach."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    threading.Thread(target=lambda: server.accept(), daemon=True).start()
    cell = (f"import socket\ntry:\n    socket.create_connection(('127.0.0.1', {port}), timeout=2)\n    ok = True\n"
            "except Exception:\n    ok = False\n" + SIG + "    return 4 * (units * (features + units) + units) if ok else -1\n")
    try:
        earns_nothing(attack(tmp_path, cell, guard))
    finally:
        server.close()


@pytest.mark.parametrize("guard", GUARDS)
def test_nothing_is_written_outside_and_restarts_use_the_graders_runner(tmp_path, guard):
    """Write everywhere it can (cwd, /tmp, home, the runner's files), then kill itself: the restart runs the
    grader's own runner again, the other exercises are graded, and nothing lands on the host."""
    target = f"/tmp/lstmlab-escape-{uuid.uuid4().hex}"
    cell = ("import os\n"
            f"for path in ['grade_launcher.py', 'kernel.json', '/tmp/x', os.path.expanduser('~/.bashrc'), {target!r},"
            " '/opt/lstmlab/site/numpy/__init__.py']:\n"
            "    try:\n        open(path, 'w').write('raise SystemExit')\n    except Exception:\n        pass\n"
            "os._exit(1)\n" + SIG + RIGHT)
    result = attack(tmp_path, cell, guard)
    assert result["lstm_param_count"]["status"] == "error" and "stopped the grading process" in \
        result["lstm_param_count"]["feedback"]
    assert result["lstm_step"]["status"] == "passed" and result["split_gates"]["status"] == "passed"
    assert not os.path.exists(target)


@pytest.mark.parametrize("guard", GUARDS)
def test_forged_result_stream_is_refused(tmp_path, guard):
    """A decompression-bomb-like forgery: a frame claiming a 2**40-element array on the grader's channel."""
    cell = ("import os, struct\n" + SIG +
            "    header = b\"{'descr': '<f8', 'fortran_order': False, 'shape': (1099511627776,), }\"\n"
            "    header += b' ' * (118 - len(header)) + b'\\n'\n"
            "    npy = b'\\x93NUMPY\\x01\\x00' + struct.pack('<H', len(header)) + header + b'\\0' * 64\n"
            "    event = b'{\"kind\": \"result\", \"item\": \"lstm_param_count\", \"case\": 0, \"status\": \"ok\", '\n"
            "    event += b'\"tree\": {\"a\": \"r\"}, \"detail\": \"\", \"arrays\": [\"r\"]}'\n"
            "    for fd in range(3, 12):\n"
            "        try:\n"
            "            os.write(fd, b'LSTMJSON' + struct.pack('<Q', len(event)) + event)\n"
            "            os.write(fd, b'LSTMNPY ' + struct.pack('<Q', len(npy)) + npy)\n"
            "        except OSError:\n            pass\n"
            "    return 4 * (units * (features + units) + units)\n")
    result = attack(tmp_path, cell, guard)
    assert result["lstm_param_count"]["points"] == 0
    assert "refused" in result["lstm_param_count"]["feedback"] or "error" == result["lstm_param_count"]["status"]


@pytest.mark.parametrize("guard", GUARDS)
def test_fork_bomb_is_contained(tmp_path, guard):
    cell = ("import os\nfor _ in range(64):\n    try:\n        os.fork()\n    except Exception:\n        break\n"
            + SIG + RIGHT)
    result = attack(tmp_path, cell, guard, timeout=4)
    assert result["lstm_step"]["status"] == "passed"  # the other answers still graded


def test_huge_results_are_refused_before_allocation():
    """parse_npy reads the header first: a bomb's header is refused without allocating its data."""
    header = b"{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }"
    header += b" " * (118 - len(header)) + b"\n"
    with pytest.raises(results.Untrusted, match="more than the limit"):
        results.parse_npy(b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header)
    with pytest.raises(results.Untrusted, match="not plain numbers"):
        import io
        buf = io.BytesIO()
        np.save(buf, np.array(["a"]), allow_pickle=False)
        results.parse_npy(buf.getvalue())
    reader = results.FrameReader(limit=1000)
    with pytest.raises(results.Untrusted, match="more than"):
        reader.feed(b"x" * 1001)


def test_a_class_with_attackers_beside_honest_learners(tmp_path):
    """Attackers (spoil others, read others, exit, bomb) graded in one run with honest learners, two at a time:
    the honest ones get full marks, the attackers nothing for the attacking answer, the grader stays small."""
    cls = tmp_path / "class"
    for name in ("honest1", "honest2", "honest3"):
        submission(cls, NB, folder=name)
    spoil = ("import os, threading\n"
             "def spoil():\n    for root in ['/tmp', '/', os.getcwd(), '..']:\n        for dirpath, dirs, files in os.walk(root):\n"
             "            for f in files:\n                try:\n                    open(os.path.join(dirpath, f), 'w').write('{\"status\": \"error\"}')\n"
             "                except Exception:\n                    pass\n"
             "threading.Thread(target=spoil, daemon=True).start()\n" + SIG + WRONG)
    peek = ("import glob\nfound = glob.glob('/**/honest1/*.ipynb', recursive=True)\n" + SIG
            + "    return 4 * (units * (features + units) + units) if found else -1\n")
    submission(cls, NB, {"lstm_param_count": spoil}, folder="spoiler")
    submission(cls, NB, {"lstm_param_count": peek}, folder="peeker")
    out = tmp_path / "grades.json"
    run = subprocess.run([sys.executable, "-m", "lstmlab", "grade", str(cls), "--jobs", "2", "--json", str(out),
                          "--assignment", "01_one_cell", "--quiet", "--seed", "3"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    subs = {s["learner"]: s for s in json.loads(out.read_text())["submissions"]}
    for name in ("honest1", "honest2", "honest3"):
        assert (subs[name]["score"], subs[name]["max_score"]) == (5, 5), subs[name]
    for name in ("spoiler", "peeker"):
        assert subs[name]["score"] == 4, subs[name]  # lstm_step and split_gates only
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert peak_mb < 1536, f"a grading process reached {peak_mb:.0f} MB"


def test_without_bubblewrap_grading_is_refused_and_never_falls_back(tmp_path):
    """Where bubblewrap is missing (here: not on PATH) the grader refuses and names the other mode; the deprecated
    --no-sandbox means --isolation uid, which refuses too while lstmlab itself (this clone) is readable by anyone."""
    path = submission(tmp_path, NB)
    env = {**os.environ, "PATH": "/nonexistent"}
    command = [sys.executable, "-m", "lstmlab", "grade", str(path.parent), "--quiet", "--json", str(tmp_path / "g.json")]
    refused = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env)
    assert refused.returncode == 2 and not (tmp_path / "g.json").exists()
    assert "isolation is unavailable: bubblewrap is not installed" in refused.stderr, refused.stderr
    assert "--isolation uid" in refused.stderr
    if os.geteuid() == 0 and (ROOT / "lstmlab").stat().st_mode & 0o005 == 0o005:
        old = subprocess.run([*command, "--no-sandbox"], capture_output=True, text=True, cwd=ROOT, env=env)
        assert "--no-sandbox is deprecated: it now means --isolation uid" in old.stderr
        assert old.returncode == 2 and "can reach the teacher's files" in old.stderr and "lstmlab" in old.stderr
        assert not (tmp_path / "g.json").exists()


@pytest.mark.parametrize("how, said", [
    ("fd = os.open('/', os.O_RDONLY)\nos.open('etc/passwd', os.O_RDONLY, dir_fd=fd)",
     "PermissionError: grading: '/' may not be opened here"),
    ("fd = os.open(os.path.dirname(os.__file__), os.O_RDONLY)\nopen('evil.py', 'w', opener=lambda p, f: os.open(p, f, dir_fd=fd))",
     "may not be opened here"),
    ("open('/proc/self/environ').read()", "PermissionError: grading: '/proc/self/environ' may not be opened here"),
    ("import socket\nsocket.socket()", "PermissionError: grading: sys._getframe is not allowed"),  # at the import
    ("import _posixsubprocess", "PermissionError: grading: importing _posixsubprocess is not allowed"),
    ("os.listdir('/')", "PermissionError: grading: listing '/' is not allowed"),
    ("os.remove('/etc/passwd')", "PermissionError: grading: os.remove on '/etc/passwd' is not allowed"),
    ("import gc\ngc.get_objects()", "PermissionError: grading: gc.get_objects is not allowed"),
    ("import sys\nsys._getframe()", "PermissionError: grading: sys._getframe is not allowed"),
    ("def f(): pass\nf.__code__ = (lambda: 1).__code__", "PermissionError: grading: object.__setattr__ is not allowed"),
])
def test_the_audit_hook_alone_closes_the_known_gaps(tmp_path, how, said):
    """In the uid mode (no namespaces), the tripwire refuses the known routes with clear feedback: folder descriptors
    (dir_fd), /proc, sockets, _posixsubprocess, listing outside its roots, reaching its own objects through gc or
    frames. It is not a protection (code in the same process can undo it, e.g. through raw memory): the uid is."""
    from lstmlab.checks import all_items
    from lstmlab.grade import grade_file
    from lstmlab.grade.course import Course
    from lstmlab.grade.sandbox import detect
    if os.geteuid() != 0:  # CI runs as root and sets LSTMLAB_REQUIRE_ROOT: there this fails rather than skips
        if os.environ.get("LSTMLAB_REQUIRE_ROOT"):
            pytest.fail("the uid isolation tests need root (LSTMLAB_REQUIRE_ROOT is set)")
        pytest.skip("the uid isolation needs root")
    cell = "import os\n" + how + "\n" + SIG + RIGHT
    path = submission(tmp_path, NB, {"lstm_param_count": cell})
    result = by_id(grade_file(path, Course.find(), all_items(), detect("uid")[0], 5, timeout=5))
    assert result["lstm_param_count"]["points"] == 0
    assert said in result["lstm_param_count"]["feedback"], result["lstm_param_count"]["feedback"]  # its own message


def test_a_host_stdlibs_site_packages_is_hidden_when_the_grader_is_not_root(monkeypatch):
    """Run by another user, the sandbox binds the host's stdlib folder: its site-packages (where lstmlab may be
    installed) is masked by an empty tmpfs."""
    import sysconfig
    from lstmlab.grade import sandbox
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    isolation = sandbox.bubblewrap()
    site = Path(sysconfig.get_paths()["stdlib"]).resolve() / "site-packages"
    assert isolation.uid is None and (site in isolation.hidden) == site.is_dir()
    probe = f"import os\nprint(sorted(os.listdir({str(site)!r})) if os.path.isdir({str(site)!r}) else 'absent')"
    cmd = sandbox.command(isolation, len(probe), sandbox.Limits(), sandbox.WORK)
    ran = subprocess.run(cmd.argv, input=probe.encode(), capture_output=True, timeout=30, **cmd.popen)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip() in (b"[]", b"absent"), ran.stdout


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to start a process as another uid")
def test_end_run_kills_every_process_of_the_runs_uid_and_nothing_else():
    from lstmlab.grade.sandbox import Isolation, end_run
    learner = subprocess.Popen(["sleep", "60"], user=61999, group=61999, extra_groups=[])
    grader = subprocess.Popen(["sleep", "60"])
    try:
        time.sleep(0.2)
        end_run(Isolation("uid", uid=61999))
        assert learner.wait(timeout=5) == -9
        assert grader.poll() is None
    finally:
        for p in (learner, grader):
            p.kill()


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to start a process as another uid")
def test_the_uid_mode_runs_the_caches_interpreter_as_a_uid_of_its_own_wherever_the_interpreter_lives():
    """Attack 4's precondition: a venv whose interpreter is in a private folder (/root) no longer means no uid drop;
    the uid mode runs the cache's readable copy, as an unprivileged uid, in a session of its own."""
    from lstmlab.grade import runtime, sandbox
    isolation = sandbox.unprivileged()
    assert isolation.name == "uid" and isolation.uid == sandbox.UID_BASE + os.getpid() and f"uid {isolation.uid}" in \
        isolation.detail
    assert Path(isolation.python).is_relative_to(runtime.CACHE)
    assert all(os.stat(p).st_mode & 0o005 == 0o005 for p in [*Path(isolation.python).parents][:-1]
               if p.is_relative_to(runtime.CACHE))
    cmd = sandbox.command(isolation, 10, sandbox.Limits(), "/tmp/w")
    assert cmd.argv[0] == isolation.python
    assert cmd.popen["user"] == cmd.popen["group"] == isolation.uid and cmd.popen["extra_groups"] == []
    assert cmd.popen["start_new_session"] is True and cmd.popen["env"]["LD_LIBRARY_PATH"] == isolation.env["LD_LIBRARY_PATH"]


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to start a process as another uid")
def test_a_uids_live_processes_are_counted_and_its_zombies_are_not():
    from lstmlab.grade.sandbox import _processes_of
    uid = 61998
    assert _processes_of(uid) == 0
    procs = [subprocess.Popen(["sleep", "60"], user=uid, group=uid, extra_groups=[]) for _ in range(2)]
    try:
        time.sleep(0.2)
        assert _processes_of(uid) == 2
        procs[0].kill()  # not reaped yet: a zombie, which holds nothing
        time.sleep(0.2)
        assert _processes_of(uid) == 1
    finally:
        for p in procs:
            p.kill()
            p.wait()
    assert _processes_of(uid) == 0


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give files to another uid")
def test_a_uids_litter_in_the_shared_folders_is_removed_and_nothing_else():
    from lstmlab.grade.sandbox import _remove_litter
    uid, tag = 61997, uuid.uuid4().hex
    folder, file, kept, other = (Path(f"/tmp/lstmlab-{name}-{tag}") for name in ("folder", "file", "kept", "other"))
    try:
        folder.mkdir()
        kept.mkdir()
        (folder / "inside").write_text("x")
        file.write_text("x")
        other.write_text("x")
        for path in (folder, folder / "inside", file, kept):
            os.chown(path, uid, uid)
        _remove_litter(uid, keep=(str(kept),))
        assert (folder.exists(), file.exists(), kept.exists(), other.exists()) == (False, False, True, True)
    finally:
        for path in (folder, file, kept, other):
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to start a process as another uid")
def test_end_run_leaves_bubblewraps_uid_alone():
    """In bubblewrap the PID namespace ends the run; end_run is a no-op there, even with a uid of its own."""
    from lstmlab.grade.sandbox import Isolation, end_run
    other = subprocess.Popen(["sleep", "60"], user=61996, group=61996, extra_groups=[])
    try:
        time.sleep(0.2)
        end_run(Isolation("bubblewrap", uid=61996))
        assert other.poll() is None
    finally:
        other.kill()
        other.wait()


def test_an_inherited_hard_cpu_limit_is_named_when_the_sandbox_cannot_be_built():
    """Under `ulimit -t` (a batch system's hard limit) the sandbox's own CPU limit is refused; the reason says why."""
    probe = "from lstmlab.grade.sandbox import detect; print(detect('bubblewrap')[1])"
    done = subprocess.run(["prlimit", "--cpu=20:21", "--", sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert "inherited a hard CPU-time limit of 21 s (ulimit -t)" in done.stdout, done.stdout
    free = subprocess.run([sys.executable, "-c", "from lstmlab.grade.sandbox import _inherited_cpu_limit as f; print(repr(f()))"],
                          capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert free.stdout.strip() == "''"
