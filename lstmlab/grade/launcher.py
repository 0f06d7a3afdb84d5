"""The learner's kernel, locked down. Run as `python -S -E launcher.py CONFIG.json -f CONNECTION_FILE`.

Standalone (no lstmlab import). Before the kernel starts it sets a memory limit and a file-size
limit, and installs an audit hook (which Python code cannot remove) that refuses: importing
lstmlab, opening any file of the lstmlab package, the solutions or the git history (by inode,
so symlinks do not help), starting processes, ctypes, and writing outside the working folder.
"""
import json
import posix
import resource
import sys

config = json.load(open(sys.argv[1]))
del sys.argv[1]
sys.path[:] = [p for p in sys.path[1:] if p] + config["site"]  # drop this script's folder; add site-packages
memory = config["memory_mb"] * 2**20
resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
resource.setrlimit(resource.RLIMIT_FSIZE, (config["file_mb"] * 2**20,) * 2)
resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _inodes(folders):
    """(st_dev, st_ino) of every file and folder under `folders`."""
    import os
    found = set()
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            for name in dirs + files + ["."]:
                try:
                    st = os.stat(os.path.join(root, name))
                    found.add((st.st_dev, st.st_ino))
                except OSError:
                    pass
    return frozenset(found)


import numpy  # noqa: E402,F401  (before the hook: NumPy loads ctypes while importing)
from ipykernel import kernelapp  # noqa: E402

BLOCKED = _inodes(config["blocked"])
PROC_DEV = posix.stat("/proc").st_dev
DENY = ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty",
        "os.kill", "os.killpg", "os.chdir")
PATH_EVENTS = ("os.remove", "os.rename", "os.rmdir", "os.link", "os.symlink", "os.chmod", "os.chown", "os.truncate",
               "shutil.rmtree", "os.utime", "os.mkdir")


WORKDIR = config["workdir"].rstrip("/") + "/"


def _hook(event, args, _stat=posix.stat, _blocked=BLOCKED, _proc=PROC_DEV, _deny=DENY, _err=PermissionError, _work=WORKDIR,
          _paths=PATH_EVENTS,
          _str=str, _bytes=bytes, _int=int, _isinstance=isinstance, _len=len):
    """Refuse what a graded answer must not do (see the module docstring)."""
    if event == "import":
        name = args[0]
        if _isinstance(name, _str) and (name == "lstmlab" or name.startswith("lstmlab.")):
            raise ImportError("lstmlab is not available while grading: write the answer yourself")
        return
    if event == "open":
        path, mode, flags = args[0], args[1], args[2]
        if _isinstance(path, _int) or path is None:
            return
        try:
            st = _stat(path)
            key = (st.st_dev, st.st_ino)
        except Exception:
            key = None
        if key is not None and (key in _blocked or key[0] == _proc):
            raise _err(f"grading: {path!r} may not be opened")
        writing = (_isinstance(mode, _str) and ("w" in mode or "a" in mode or "x" in mode or "+" in mode)) or (
            _isinstance(flags, _int) and flags & 3)
        if writing:
            text = path.decode() if _isinstance(path, _bytes) else _str(path)
            inside = text.startswith(_work) and ".." not in text
            if not inside and ("/" in text or text.startswith(".") or _len(text) > 100):
                raise _err(f"grading: answers may only write in the working folder, not {text!r}")
        return
    if event in _paths:
        for path in args:
            if _isinstance(path, (_str, _bytes)):
                _hook("open", (path, "w", 1))
        return
    if event.startswith("ctypes.") or event in _deny or event.startswith("os.exec") or event.startswith("os.spawn"):
        raise _err(f"grading: {event} is not allowed")


sys.addaudithook(_hook)
kernelapp.launch_new_instance()
