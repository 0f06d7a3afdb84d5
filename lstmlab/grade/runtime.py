"""A world-readable, relocatable copy of this interpreter, its standard library and NumPy, for learners' code run as
an unprivileged uid: built once per interpreter under /var/cache/lstmlab, complete or not at all.

Any CPython works (pyenv, venv, conda, Debian's /usr/bin/python3): symlinks are resolved and their targets copied
(a link whose target is missing is left out), nothing is followed out of the cache, and only files and folders this
module created inside it have their mode set. The copy is built in a temporary folder and renamed into place when
complete; a failed build is removed. Files already readable by anyone, and writable by no one else, are hard-linked.
"""
import hashlib
import os
import shutil
import stat
import sys
import sysconfig
import tempfile
from dataclasses import dataclass
from pathlib import Path

CACHE = Path("/var/cache/lstmlab")
SKIP = {"site-packages", "dist-packages", "test", "idlelib", "tkinter", "turtledemo", "ensurepip", "lib2to3"}


@dataclass(frozen=True)
class Runtime:
    """A built copy: run `python` with LD_LIBRARY_PATH=`lib`; NumPy is under `site`."""

    home: Path
    python: Path
    lib: Path
    site: Path


def numpy_dirs():
    """NumPy's package folder and its bundled libraries (numpy.libs), symlinks resolved."""
    import numpy
    here = Path(numpy.__file__).resolve().parent
    return [p for p in (here, here.parent / "numpy.libs") if p.is_dir()]


def _libraries():
    """[(name, real file)] of the libpython files next to the interpreter's LIBDIR (their names as linked)."""
    libdir = sysconfig.get_config_var("LIBDIR")
    if not libdir or not Path(libdir).is_dir():
        return []
    return sorted((p.name, p.resolve()) for p in Path(libdir).glob("libpython3*.so*") if p.exists())


def interpreter():
    """(python binary, stdlib folder, [(name, real file)] of libpython) of the real (base) interpreter, links resolved."""
    python = Path(getattr(sys, "_base_executable", None) or sys.executable).resolve()
    return python, Path(sysconfig.get_paths()["stdlib"]).resolve(), _libraries()


def owned_folder(path):
    """path as a real folder (not a link) owned by this user, writable by no one else; made if missing."""
    path = Path(path)
    path.mkdir(mode=0o755, parents=True, exist_ok=True)
    st = os.lstat(path)
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.geteuid() or st.st_mode & 0o022:
        raise RuntimeError(f"{path} must be a folder of this user's own, writable by no one else (it is "  # not learner-facing
                           f"{'a link' if stat.S_ISLNK(st.st_mode) else oct(st.st_mode)}, owner uid {st.st_uid})")
    os.chmod(path, 0o755)  # a real folder of ours: anyone may enter it
    return path


def _copy_file(src, dst):
    """src (a real regular file) at dst, readable by anyone: a hard link when that changes no one's rights."""
    st = os.stat(src)
    if st.st_mode & 0o444 == 0o444 and not st.st_mode & 0o022:
        try:
            os.link(src, dst)  # src is real (callers resolve links): Linux's link() would link a link itself
            return
        except OSError:  # another file system, or links refused
            pass
    shutil.copyfile(src, dst)
    os.chmod(dst, 0o755 if st.st_mode & 0o111 else 0o644)  # dst: a file this build just created
    os.utime(dst, ns=(st.st_atime_ns, st.st_mtime_ns))  # a source's time, as its compiled __pycache__ expects


def copy_tree(src, dst):
    """src's files under dst (a new folder), links resolved inside the copy; SKIP's folders left out."""
    src = Path(src).resolve()
    for root, dirs, files in os.walk(src):  # followlinks=False: a linked folder is never entered
        here = Path(root)
        target = dst / here.relative_to(src)
        target.mkdir(mode=0o755)  # never world-writable, even for an instant under umask 0
        os.chmod(target, 0o755)  # a folder this build just created
        keep = []
        for name in dirs:
            if name in SKIP:
                continue
            if os.path.islink(here / name):
                real = Path(os.path.realpath(here / name))
                if real.is_dir() and real.is_relative_to(src) and real != src:
                    os.symlink(os.path.relpath(real, here), target / name)  # stays inside the copy
                continue
            keep.append(name)
        dirs[:] = keep
        for name in files:
            path = here / name
            real = Path(os.path.realpath(path))
            if real.is_file():  # a regular file, or a link to one (its target copied); dangling links left out
                _copy_file(real, target / name)


def _key(python, numpy):
    """One cache per interpreter and NumPy: its version, real paths and NumPy's modification time."""
    stamp = repr((sys.version, str(python), [str(p) for p in numpy], [p.stat().st_mtime_ns for p in numpy]))
    return hashlib.sha256(stamp.encode()).hexdigest()[:16]


def _clean_stale(cache):
    """Remove the half-built folders of builds whose process is gone (killed mid-build)."""
    for path in cache.glob(".build-*"):
        try:
            pid = int(path.name.split("-")[2])
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(path, ignore_errors=True)
        except (ValueError, IndexError, OSError):
            continue


def build(home, python, stdlib, libraries, numpy):
    """Build the copy in a temporary folder beside home, then rename it into place; nothing is left on failure."""
    cache = home.parent
    _clean_stale(cache)
    tmp = Path(tempfile.mkdtemp(prefix=f".build-{home.name.split('-')[1]}-{os.getpid()}-", dir=cache))
    try:
        os.chmod(tmp, 0o755)
        (tmp / "bin").mkdir(mode=0o755)
        (tmp / "lib").mkdir(mode=0o755)
        (tmp / "site").mkdir(mode=0o755)
        _copy_file(python, tmp / "bin" / python.name)
        for name, real in libraries:
            _copy_file(real, tmp / "lib" / name)
        copy_tree(stdlib, tmp / "lib" / stdlib.name)
        for folder in numpy:
            copy_tree(folder, tmp / "site" / folder.name)
        try:
            os.rename(tmp, home)
        except OSError:
            if not home.is_dir():
                raise
            shutil.rmtree(tmp, ignore_errors=True)  # another grader built it first
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def cached(cache=CACHE):
    """The Runtime of this interpreter in the cache, built on first use (root: the cache is shared)."""
    python, stdlib, libraries = interpreter()
    numpy = numpy_dirs()
    cache = owned_folder(cache)
    home = cache / f"python-{_key(python, numpy)}"
    if not os.path.lexists(home):
        build(home, python, stdlib, libraries, numpy)
    st = os.lstat(home)
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.geteuid() or st.st_mode & 0o022:
        raise RuntimeError(f"{home} is not a folder this user built (a link, or writable by others): remove it")  # not learner-facing
    return Runtime(home, home / "bin" / python.name, home / "lib", home / "site")
