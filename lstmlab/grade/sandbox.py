"""Where a learner's code runs, chosen once per grading run: `bubblewrap` (the default) or `uid`.

bubblewrap: a sandbox holding the interpreter, its standard library and NumPy, read-only, and nothing else: no
lstmlab, no course, no other learner, no host /proc, no network; a private tmpfs for /work and /tmp; its own mount,
PID, IPC, network and user namespaces. Run by root, it drops to an unprivileged uid of its own and binds the cache's
readable copy of the interpreter (runtime.py), so RLIMIT_NPROC holds; run by another user, the stdlib is bound from
the host and its site-packages hidden under an empty tmpfs.

uid (chosen by the teacher where containers forbid user namespaces, e.g. Gradescope's): root runs the cache's copy
of the interpreter as an unprivileged uid of its own, in a session of its own, with the same resource limits; the
grader refuses to start unless that uid can read none of the teacher's files (`exposed`), kills the whole process
group at the wall-clock limit and every process of the uid after each run. Neither mode is possible: the grader
refuses. Learners' code never runs as root. The runner's audit hook is a tripwire in both, never the boundary.
"""
import os
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path

from . import runtime

SITE = "/opt/lstmlab/site"  # inside the sandbox (grader not root): NumPy, and nothing else
PYTHON = "/opt/lstmlab/python"  # inside the sandbox (grader root): the cache's copy of the interpreter and NumPy
WORK = "/learner"  # inside the sandbox: the learner's private, size-limited working folder
BOOTSTRAP = ("import sys;sys.path.insert(0,{site!r});"
             "exec(compile(sys.stdin.buffer.read(int(sys.argv[1])),'<lstmlab runner>','exec'),"
             "{{'__name__':'lstmlab_runner'}})")
MODES = ("bubblewrap", "uid")
HOOK = ("the audit hook is a tripwire that turns honest mistakes (importing keras or lstmlab in an answer, opening "
        "files outside the working folder) into clear feedback; it is not a protection: code in the same process can "
        "undo it. The isolation is the OS's: bubblewrap's namespaces, or an unprivileged uid")


@dataclass(frozen=True)
class Limits:
    """Resource limits of one run (bytes and seconds)."""

    memory_mb: int = 1024
    cpu_s: int = 120
    file_mb: int = 64
    nproc: int = 16  # processes of the run's own uid, zombies included (bwrap itself needs ~5); memory_mb is per process
    tmp_mb: int = 64


@dataclass
class Isolation:
    """How learners' code is isolated: 'bubblewrap' or 'uid' (see MODES)."""

    name: str
    detail: str = ""
    binds: list = field(default_factory=list)  # (host path, path inside) read-only binds
    python: str = sys.executable  # the interpreter as the learner's process names it
    uid: int = None  # run bwrap (or, in the uid mode, the interpreter) as this host uid (root drops to it)
    hidden: list = field(default_factory=list)  # paths inside, masked by an empty tmpfs (a host stdlib's site-packages)
    site: str = SITE  # where NumPy is, as the learner's process sees it
    env: dict = field(default_factory=dict)  # e.g. LD_LIBRARY_PATH for a copied interpreter's libpython
    read_roots: list = field(default_factory=list)  # what the audit hook lets it read, besides its working folders

    @property
    def sandboxed(self):
        return self.name == "bubblewrap"

    def record(self):
        """The JSON's account of this isolation: its mode, detail and what the audit hook is."""
        return {"mode": self.name, "detail": self.detail, "uid": self.uid, "audit_hook": HOOK}


UID_BASE = 2_000_000_000  # learners' uids: UID_BASE + the grading process's pid, far from users and subuid ranges


def _own_uid():
    """An unprivileged host uid for this grading process alone (its pid is unique among live processes)."""
    uid = UID_BASE + os.getpid()
    if _processes_of(uid):
        raise RuntimeError(f"uid {uid}, meant for this grading process's learners alone, is in use")
    return uid


def bubblewrap():
    """The bubblewrap Isolation for this machine (its binds and uid), not yet probed.

    As root: the learner's uid is one of its own and the interpreter is the cache's readable copy, bound at PYTHON.
    As another user: the host's interpreter, stdlib and NumPy bound at their own paths (site-packages hidden).
    """
    if os.geteuid() == 0:
        built = runtime.cached()
        return Isolation("bubblewrap", binds=[(built.home, PYTHON)], python=f"{PYTHON}/bin/{built.python.name}",
                         uid=_own_uid(), site=f"{PYTHON}/site", env={"LD_LIBRARY_PATH": f"{PYTHON}/lib"},
                         read_roots=[PYTHON])
    python, stdlib, libraries = runtime.interpreter()
    libs = sorted({real for _, real in libraries})  # bound at their real paths, where the interpreter's links lead
    binds = [(python, python), *[(lib, lib) for lib in libs], (stdlib, stdlib)]
    binds += [(d, Path(SITE) / d.name) for d in runtime.numpy_dirs()]
    hidden = [stdlib / d for d in ("site-packages", "dist-packages") if (stdlib / d).is_dir()]
    return Isolation("bubblewrap", binds=binds, python=str(python), hidden=hidden, read_roots=[str(stdlib), SITE])


def unprivileged():
    """The uid Isolation: the cache's readable interpreter run as an unprivileged uid of its own (root only)."""
    if not sys.platform.startswith("linux"):
        raise RuntimeError(f"the uid isolation needs Linux; this is {sys.platform}")
    if os.geteuid() != 0:
        raise RuntimeError("the uid isolation needs root, to run learners' code as an unprivileged uid of its own; "
                           "run lstmlab grade as root, or install bubblewrap")
    built = runtime.cached()
    uid = _own_uid()
    return Isolation("uid", f"uid {uid}: learners' code as an unprivileged uid, killed with all its processes after "
                     "each run; resource limits", python=str(built.python), uid=uid, site=str(built.site),
                     env={"LD_LIBRARY_PATH": str(built.lib)}, read_roots=[str(built.home)])


def _system_libs():
    """The shared-library folders the interpreter links against, as bwrap arguments (Debian's merged /usr)."""
    args = []
    multiarch = sysconfig.get_config_var("MULTIARCH") or ""
    for folder in (f"/usr/lib/{multiarch}" if multiarch else None, "/usr/lib64"):
        if folder and os.path.isdir(folder):
            args += ["--ro-bind", folder, folder]
    for link, target in (("/lib", "usr/lib"), ("/lib64", "usr/lib64")):
        if os.path.islink(link):
            args += ["--symlink", target, link]
        elif os.path.isdir(link):
            args += ["--ro-bind", link, link]
    return args


def _limit(limits):
    """A preexec_fn setting the uid mode's limits in the child (RLIMIT_CPU counts every thread of the process)."""
    import resource

    def apply():
        for which, value in ((resource.RLIMIT_AS, limits.memory_mb << 20), (resource.RLIMIT_CPU, limits.cpu_s),
                             (resource.RLIMIT_FSIZE, limits.file_mb << 20), (resource.RLIMIT_CORE, 0),
                             (resource.RLIMIT_NOFILE, 256), (resource.RLIMIT_NPROC, limits.nproc)):
            resource.setrlimit(which, (value, value))
    return apply


@dataclass
class Command:
    """One run's command line, how to start it, and what the learner's code may read and write there."""

    argv: list
    popen: dict
    workdir: str  # the learner's working folder as its code sees it
    read_roots: list
    write_roots: list


def command(isolation, code_size, limits, workdir):
    """The Command that runs the bootstrap (then the runner read from stdin) under `isolation`.

    workdir: a private host folder owned by the learner's uid, for the uid mode (the sandbox has its own tmpfs).
    """
    if os.geteuid() == 0 and isolation.uid is None:
        raise RuntimeError("refusing to run learners' code as root: the isolation has no unprivileged uid")
    env = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "PYTHONHASHSEED": "0",
           **{k: str(v) for k, v in isolation.env.items()}}
    python = [isolation.python, "-I", "-S", "-B", "-c", BOOTSTRAP.format(site=isolation.site), str(code_size)]
    user = {"user": isolation.uid, "group": isolation.uid, "extra_groups": []} if isolation.uid is not None else {}
    if not isolation.sandboxed:
        popen = {"env": {**env, "HOME": workdir, "PATH": "/nonexistent"}, "cwd": workdir, "start_new_session": True,
                 "preexec_fn": _limit(limits), **user}
        return Command(python, popen, workdir, [*isolation.read_roots, workdir], [workdir])
    prlimit = ["prlimit", f"--as={limits.memory_mb << 20}", f"--cpu={limits.cpu_s}",
               f"--fsize={limits.file_mb << 20}", "--nofile=256", "--core=0"]
    if isolation.uid is not None:
        prlimit.append(f"--nproc={limits.nproc}")  # counted per host uid: only meaningful for a uid of our own
    argv = [*prlimit, "--", "bwrap", "--unshare-all", "--unshare-user", "--disable-userns", "--uid", "65534",
            "--gid", "65534", "--die-with-parent", "--new-session", "--as-pid-1", "--clearenv", "--hostname", "grading"]
    for key, value in {**env, "HOME": WORK, "PATH": "/nonexistent"}.items():
        argv += ["--setenv", key, value]
    argv += _system_libs()
    for src, dst in isolation.binds:
        argv += ["--ro-bind", str(src), str(dst)]
    for path in isolation.hidden:
        argv += ["--tmpfs", str(path)]
    argv += ["--proc", "/proc", "--dev", "/dev", "--remount-ro", "/dev",
             "--size", str(limits.tmp_mb << 20), "--tmpfs", "/tmp", "--size", str(limits.tmp_mb << 20), "--tmpfs", WORK,
             "--remount-ro", "/", "--chdir", WORK, "--", *python]
    return Command(argv, {"env": {}, "start_new_session": True, **user}, WORK,
                   [*isolation.read_roots, WORK, "/tmp", "/dev"], [WORK, "/tmp"])


_DETECTED = {}  # {(pid, mode): detect()'s answer}: a forked worker probes again, and so gets a uid of its own


def detect(mode="bubblewrap"):
    """(Isolation, None) when `mode` works here, else (None, the reason in one line). Probed once per process."""
    key = (os.getpid(), mode)
    if key not in _DETECTED:
        if any(pid != key[0] for pid, _ in _DETECTED):
            _DETECTED.clear()
        _DETECTED[key] = _probe(mode)
    return _DETECTED[key]


def _probe(mode):
    if mode not in MODES:
        return None, f"unknown isolation {mode!r}: expected one of {', '.join(MODES)}"
    if mode == "bubblewrap":
        if not sys.platform.startswith("linux"):
            return None, f"bubblewrap needs Linux; this is {sys.platform}"
        if shutil.which("bwrap") is None:
            return None, "bubblewrap is not installed (Debian/Ubuntu: apt-get install bubblewrap)"
        if shutil.which("prlimit") is None:
            return None, "prlimit (util-linux) is not installed"
    try:
        isolation = bubblewrap() if mode == "bubblewrap" else unprivileged()
        isolation.detail = isolation.detail or mode
        done = _run_as(isolation, "import os\nprint('sandbox-ok', os.geteuid())")
    except (OSError, subprocess.SubprocessError, ValueError, RuntimeError) as exc:
        return None, f"the {mode} isolation could not be prepared ({type(exc).__name__}: {exc})"
    said = [line for line in done.stderr.decode(errors="replace").splitlines() if line.strip()]
    if done.returncode != 0 or not done.stdout.startswith(b"sandbox-ok ") or done.stdout.split()[1] == b"0":
        why = said[-1] if said else f"exit code {done.returncode}"
        why += _inherited_cpu_limit()
        return None, (f"bubblewrap cannot create a sandbox here ({why})" if mode == "bubblewrap" else
                      f"the interpreter cannot run as uid {isolation.uid} ({why})")
    if mode == "bubblewrap":
        version = subprocess.run(["bwrap", "--version"], capture_output=True, text=True).stdout.strip()
        isolation.detail = version or "bubblewrap"
    return isolation, None


def _inherited_cpu_limit():
    """'; ... hard CPU-time limit ...' when this process inherited one (ulimit -t): the sandbox's own limit may not exceed it."""
    import resource
    hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
    if hard == resource.RLIM_INFINITY:
        return ""
    return (f"; this process inherited a hard CPU-time limit of {hard} s (ulimit -t), and the grader sets a limit of its "
            f"own per learner: run it without that limit")


def _run_as(isolation, program, timeout=60):
    """Run a short program of ours as the learner's process would run (the same interpreter, uid and limits)."""
    import tempfile
    with tempfile.TemporaryDirectory(prefix="lstmlab-probe-") as workdir:
        if isolation.uid is not None and not isolation.sandboxed:
            os.chown(workdir, isolation.uid, isolation.uid)
        cmd = command(isolation, len(program.encode()), Limits(), workdir)
        try:
            return subprocess.run(cmd.argv, input=program.encode(), capture_output=True, timeout=timeout, **cmd.popen)
        finally:
            end_run(isolation, keep=(workdir,))


PROBE = """import os, sys
for path in sys.stdin.read().splitlines():
    try:
        if os.path.isdir(path):
            os.listdir(path)
        else:
            open(path, 'rb').close()
        print('read', path)
    except OSError:
        pass
    if os.access(path, os.W_OK):
        print('write', path)
"""


def exposed(isolation, paths):
    """[(path, 'read' or 'write')] of the paths (and, in folders, their files) the learner's uid can reach (uid mode).

    Files are tried one by one as that uid, so modes, ACLs and every folder above are taken into account.
    """
    if isolation.sandboxed:
        return []
    listed = []
    for path in map(Path, paths):
        if not path.exists():
            continue
        listed.append(path)
        if path.is_dir():
            listed += sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)[:2000]
    text = "\n".join(str(p) for p in listed)
    program = f"import sys, io\nsys.stdin = io.StringIO({text!r})\n" + PROBE
    done = _run_as(isolation, program)
    if done.returncode != 0:  # fail closed: what the uid can reach is unknown
        said = [line for line in done.stderr.decode(errors="replace").splitlines() if line.strip()]
        raise RuntimeError(f"could not check what uid {isolation.uid} can read ({said[-1] if said else done.returncode})")
    found = [line.split(" ", 1) for line in done.stdout.decode(errors="replace").splitlines() if " " in line]
    return [(path, how) for how, path in found if how in ("read", "write")]


def _processes_of(uid):
    """How many live processes (zombies hold nothing) run as uid, from /proc (0 where /proc is not there)."""
    count = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            lines = status.read_text().splitlines()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in lines if ":" in line)
        count += fields.get("Uid", "").split()[:1] == [str(uid)] and not fields.get("State", "").strip().startswith("Z")
    return count


SHARED = ("/tmp", "/var/tmp", "/dev/shm", "/run/lock")  # folders where any uid may create files


def _remove_litter(uid, keep=()):
    """Remove what uid left at the top of the shared folders (the uid mode: nothing of a run outlives it)."""
    for folder in SHARED:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.stat(follow_symlinks=False).st_uid != uid or entry.path in keep:
                    continue
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
                else:
                    os.unlink(entry.path)
            except OSError:
                continue


def end_run(isolation, wait_s=5.0, keep=()):
    """Kill every process of the run's own uid (a learner's forks, threads and daemons) until none is alive, then
    (uid mode) remove its files in the shared folders, except `keep` (its working folder, removed by the caller).

    A no-op in bubblewrap (its PID namespace ends with the run) and without a uid of our own. kill(-1) from a process
    of that uid reaches all of its processes at once (no fork slips through) and no other user's. RuntimeError when
    some still live after wait_s: results are not read.
    """
    import signal
    import time
    if isolation.uid is None or isolation.sandboxed:
        return
    deadline = time.monotonic() + wait_s
    while True:
        try:
            subprocess.run(["/bin/true" if os.path.exists("/bin/true") else "true"], user=isolation.uid,
                           group=isolation.uid, extra_groups=[], preexec_fn=lambda: os.kill(-1, signal.SIGKILL),
                           timeout=10, check=False, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        except (OSError, subprocess.SubprocessError):
            pass
        for _ in range(20):
            if not _processes_of(isolation.uid):
                _remove_litter(isolation.uid, keep)
                return
            time.sleep(0.01)
        if time.monotonic() > deadline:
            raise RuntimeError(f"processes of uid {isolation.uid} survived being killed")


def secrets(paths=(), items_files=(), course=None, outputs=()):
    """The teacher's paths the learner's uid must not reach: lstmlab itself (its items hold the reference answers), a
    clone's solutions/, the items files, the pristine course, the submissions graded and the folders of the outputs."""
    package = Path(__file__).resolve().parents[1]
    found = [package, package.parent / "solutions", *map(Path, items_files), *map(Path, paths)]
    found += [Path(course)] if course else []
    found += [Path(out).resolve().parent for out in outputs if out]
    return [p for p in found if p.exists()]


def choose(mode="bubblewrap", secrets=()):
    """The Isolation to grade with (`mode`: one of MODES); RuntimeError saying why it cannot be used here.

    secrets: the teacher's paths (items, course, lstmlab itself, outputs, the class) that the uid mode must keep out
    of reach of the learner's uid; the grader refuses when any is readable or writable by it.
    """
    isolation, why = detect(mode)
    if isolation is None:
        other = "uid" if mode == "bubblewrap" else "bubblewrap"
        raise RuntimeError(f"isolation is unavailable: {why}. Refusing to run learners' code without it (the "
                           f"{other} isolation, --isolation {other}, may work here instead)")
    found = exposed(isolation, secrets)
    if found:
        shown = "; ".join(f"{path} ({'readable' if how == 'read' else 'writable'})" for path, how in found[:5])
        shown += " ..." if len(found) > 5 else ""
        raise RuntimeError(f"isolation is unavailable: uid {isolation.uid}, which would run learners' code, can reach "
                           f"the teacher's files: {shown}. Make them private to root (chmod -R go-rwx), or grade "
                           "with bubblewrap")
    return isolation
