"""Where a learner's code runs: a bubblewrap sandbox (Linux), or with --no-sandbox a plain limited process.

The sandbox holds the interpreter, its standard library and NumPy, read-only, and nothing else: no lstmlab,
no course, no other learner, no host /proc, no network; a private tmpfs for /work and /tmp; its own mount,
PID, IPC, network and user namespaces. Run by root, it drops to an unprivileged uid of its own (the
interpreter is then linked into a world-readable cache, since /root is private), so RLIMIT_NPROC holds; run by
another user, the stdlib is bound from the host and its site-packages are hidden under an empty tmpfs.

Without the sandbox (--no-sandbox: macOS, or a container such as Gradescope's that forbids user namespaces), root
still drops the learner's process to an unprivileged uid of its own when the interpreter and NumPy are readable by
anyone, and kills every process of that uid after each run; what that uid may read (e.g. lstmlab itself) is up to
the machine: Gradescope's setup.sh makes the installed lstmlab unreadable to it.
"""
import hashlib
import os
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path

SITE = "/opt/lstmlab/site"  # inside the sandbox: NumPy, and nothing else
WORK = "/learner"  # inside the sandbox: the learner's private, size-limited working folder
BOOTSTRAP = ("import sys;sys.path.insert(0,{site!r});"
             "exec(compile(sys.stdin.buffer.read(int(sys.argv[1])),'<lstmlab runner>','exec'),"
             "{{'__name__':'lstmlab_runner'}})")
CACHE = Path("/var/cache/lstmlab")  # root only: the interpreter, linked where an unprivileged uid can read it


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
    """How learners' code is isolated: 'bubblewrap' or 'none' (the --no-sandbox fallback)."""

    name: str
    detail: str = ""
    binds: list = field(default_factory=list)  # (host path, path inside) read-only binds
    python: str = sys.executable
    uid: int = None  # run bwrap (or the --no-sandbox process) as this host uid (root drops to it)
    hidden: list = field(default_factory=list)  # paths inside, masked by an empty tmpfs (a host stdlib's site-packages)

    @property
    def sandboxed(self):
        return self.name == "bubblewrap"


def _numpy_dirs():
    import numpy
    here = Path(numpy.__file__).resolve().parent
    return [p for p in (here, here.parent / "numpy.libs") if p.is_dir()]


def _interpreter():
    """(prefix, python binary, stdlib dir, [libpython files]) of the real (base) interpreter."""
    python = Path(getattr(sys, "_base_executable", sys.executable)).resolve()
    stdlib = Path(sysconfig.get_paths()["stdlib"]).resolve()
    libdir = Path(sysconfig.get_config_var("LIBDIR") or "/nonexistent")
    libs = sorted(p for p in libdir.glob("libpython3*.so*") if p.is_file()) if libdir.is_dir() else []
    return Path(sys.base_prefix).resolve(), python, stdlib, libs


SKIP = {"site-packages", "dist-packages", "test", "idlelib", "tkinter", "turtledemo", "ensurepip", "lib2to3"}


def _link_tree(src, dst):
    """Hard-link (or copy) src into dst, readable by anyone; site-packages and the test suite left out."""
    for root, dirs, files in os.walk(src):
        dirs[:] = [d for d in dirs if d not in SKIP]
        target = dst / Path(root).relative_to(src)
        target.mkdir(parents=True, exist_ok=True)
        target.chmod(0o755)
        for name in files:
            a, b = Path(root) / name, target / name
            try:
                if not os.stat(a).st_mode & 0o004:
                    raise OSError("not world-readable")
                os.link(a, b)
            except OSError:
                shutil.copy2(a, b)
                b.chmod(0o644)


def _cached_runtime(prefix, python, stdlib, libs, numpy_dirs):
    """A world-readable copy (hard links where possible) of the interpreter, stdlib and NumPy; built once."""
    key = hashlib.sha256(repr((sys.version, str(python), [str(p) for p in numpy_dirs],
                               [p.stat().st_mtime_ns for p in numpy_dirs])).encode()).hexdigest()[:16]
    home = CACHE / f"sandbox-{key}"
    if not (home / "ready").exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        CACHE.chmod(0o755)
        tmp = CACHE / f".sandbox-{key}-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        (tmp / "bin").mkdir(parents=True)
        shutil.copy2(python, tmp / "bin" / python.name)
        (tmp / "lib").mkdir()
        for lib in libs:
            shutil.copy2(lib, tmp / "lib" / lib.name)
        _link_tree(stdlib, tmp / "stdlib")
        for d in numpy_dirs:
            _link_tree(d, tmp / "site" / d.name)
        for p in [tmp, *tmp.rglob("*")]:
            p.chmod(0o755 if p.is_dir() or p.parent.name == "bin" else p.stat().st_mode | 0o444)
        (tmp / "ready").write_text("ok\n")
        try:
            tmp.rename(home)
        except OSError:  # another grader built it first
            shutil.rmtree(tmp, ignore_errors=True)
    return (home / "bin" / python.name, [home / "lib" / lib.name for lib in libs], home / "stdlib",
            [home / "site" / d.name for d in numpy_dirs])


def bubblewrap():
    """The bubblewrap Isolation for this machine (its binds and uid), not yet probed."""
    prefix, python, stdlib, libs = _interpreter()
    numpy_dirs = _numpy_dirs()
    uid = None
    if os.geteuid() == 0:
        uid = 61000 + os.getpid() % 3000  # an unprivileged host uid of this grading process's own
        src_python, src_libs, src_stdlib, src_numpy = _cached_runtime(prefix, python, stdlib, libs, numpy_dirs)
    else:
        src_python, src_libs, src_stdlib, src_numpy = python, libs, stdlib, numpy_dirs
    binds = [(src_python, python), *[(a, b) for a, b in zip(src_libs, libs)], (src_stdlib, stdlib)]
    binds += [(a, Path(SITE) / b.name) for a, b in zip(src_numpy, numpy_dirs)]
    hidden = [] if uid is not None else [stdlib / d for d in ("site-packages", "dist-packages") if (stdlib / d).is_dir()]
    return Isolation("bubblewrap", binds=binds, python=str(python), uid=uid, hidden=hidden)


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


def _limit(limits, own_uid=False):
    """A preexec_fn setting the limits in the child (--no-sandbox: no prlimit on macOS)."""
    import resource
    nproc = [(resource.RLIMIT_NPROC, limits.nproc)] if own_uid else []  # counted per uid: only for a uid of our own

    def apply():
        for which, value in ((resource.RLIMIT_AS, limits.memory_mb << 20), (resource.RLIMIT_CPU, limits.cpu_s),
                             (resource.RLIMIT_FSIZE, limits.file_mb << 20), (resource.RLIMIT_CORE, 0), *nproc):
            try:
                resource.setrlimit(which, (value, value))
            except (ValueError, OSError):  # e.g. RLIMIT_AS on macOS
                pass
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

    workdir: a private, empty host folder for the --no-sandbox fallback (the sandbox has its own tmpfs).
    """
    prlimit = ["prlimit", f"--as={limits.memory_mb << 20}", f"--cpu={limits.cpu_s}",
               f"--fsize={limits.file_mb << 20}", "--nofile=256", "--core=0"]
    if isolation.uid is not None:
        prlimit.append(f"--nproc={limits.nproc}")  # counted per host uid: only meaningful for a uid of our own
    env = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "PYTHONHASHSEED": "0"}
    stdlib = str(Path(sysconfig.get_paths()["stdlib"]).resolve())
    if not isolation.sandboxed:
        numpy_dirs = [str(d) for d in _numpy_dirs()]
        python = [sys.executable, "-I", "-S", "-B", "-c", BOOTSTRAP.format(site=str(Path(numpy_dirs[0]).parent)),
                  str(code_size)]
        popen = {"env": {**env, "HOME": workdir}, "cwd": workdir, "start_new_session": True,
                 "preexec_fn": _limit(limits, own_uid=isolation.uid is not None)}
        if isolation.uid is not None:
            popen.update(user=isolation.uid, group=isolation.uid, extra_groups=[])
        return Command(python, popen, workdir, [stdlib, *numpy_dirs, workdir], [workdir])
    python = [isolation.python, "-I", "-S", "-B", "-c", BOOTSTRAP.format(site=SITE), str(code_size)]
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
    popen = {"env": {}}
    if isolation.uid is not None:
        popen.update(user=isolation.uid, group=isolation.uid, extra_groups=[])
    return Command(argv, popen, WORK, [stdlib, SITE, WORK, "/tmp", "/dev"], [WORK, "/tmp"])


_DETECTED = {}  # {pid: detect()'s answer}: a forked worker probes again, and so gets a uid of its own


def detect():
    """(Isolation, None) when bubblewrap runs here, else (None, the reason in one line). Probed once per process."""
    pid = os.getpid()
    if pid not in _DETECTED:
        _DETECTED.clear()
        _DETECTED[pid] = _probe()
    return _DETECTED[pid]


def _probe():
    if not sys.platform.startswith("linux"):
        return None, f"bubblewrap needs Linux; this is {sys.platform}"
    if shutil.which("bwrap") is None:
        return None, "bubblewrap is not installed (Debian/Ubuntu: apt-get install bubblewrap)"
    if shutil.which("prlimit") is None:
        return None, "prlimit (util-linux) is not installed"
    try:
        isolation = bubblewrap()
        probe = "print('sandbox-ok')"
        cmd = command(isolation, len(probe), Limits(), WORK)
        run = subprocess.run(cmd.argv, input=probe.encode(), capture_output=True, timeout=30, **cmd.popen)
    except (OSError, subprocess.SubprocessError, ValueError) as exc:
        return None, f"the sandbox could not be prepared ({type(exc).__name__}: {exc})"
    if run.returncode != 0 or run.stdout.strip() != b"sandbox-ok":
        said = [line for line in run.stderr.decode(errors="replace").splitlines() if line.strip()]
        return None, f"bubblewrap cannot create a sandbox here ({said[-1] if said else f'exit code {run.returncode}'})"
    version = subprocess.run(["bwrap", "--version"], capture_output=True, text=True).stdout.strip()
    isolation.detail = version or "bubblewrap"
    return isolation, None


def _readable_by_anyone(path):
    """Whether any user can reach path (every folder above it searchable by others) and read it."""
    path = Path(path).resolve()
    try:
        folders_ok = all(os.stat(p).st_mode & 0o001 for p in path.parents)
        return folders_ok and bool(os.stat(path).st_mode & (0o005 if path.is_dir() else 0o004))
    except OSError:
        return False


def unsandboxed():
    """The --no-sandbox Isolation: a plain process with resource limits and the audit hook; run by root, also a uid
    of its own (when the interpreter and NumPy are readable by anyone), whose processes are killed after each run."""
    python = Path(sys.executable).resolve()
    stdlib = Path(sysconfig.get_paths()["stdlib"]).resolve()
    needed = [python, stdlib, *_numpy_dirs()]
    if os.geteuid() == 0 and all(_readable_by_anyone(p) for p in needed):
        uid = 61000 + os.getpid() % 3000
        return Isolation("none", f"no OS isolation (--no-sandbox): resource limits, an audit hook and uid {uid}",
                         uid=uid)
    return Isolation("none", "no OS isolation (--no-sandbox): resource limits and an audit hook only")


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


def end_run(isolation, wait_s=3.0):
    """Kill every process left by a --no-sandbox run of the uid of our own (a learner's forks and daemons) and wait
    until none is alive; a no-op in the sandbox (its PID namespace ends with the run) or without a uid of our own."""
    import signal
    import time
    if isolation.uid is None or isolation.sandboxed:
        return
    try:  # kill(-1) from a process of that uid reaches all of its processes, and no other user's
        subprocess.run(["/bin/true" if os.path.exists("/bin/true") else "true"], user=isolation.uid,
                       group=isolation.uid, extra_groups=[], preexec_fn=lambda: os.kill(-1, signal.SIGKILL),
                       timeout=10, check=False, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        pass
    deadline = time.monotonic() + wait_s
    while _processes_of(isolation.uid) and time.monotonic() < deadline:
        time.sleep(0.01)


def choose(no_sandbox=False):
    """The Isolation to grade with: bubblewrap, or with no_sandbox the plain fallback; RuntimeError saying why not."""
    if no_sandbox:
        return unsandboxed()
    isolation, why = detect()
    if isolation is None:
        raise RuntimeError(f"isolation is unavailable: {why}. Refusing to run learners' code without it; give "
                           "--no-sandbox to grade anyway (unsafe unless each submission runs in its own container)")
    return isolation
