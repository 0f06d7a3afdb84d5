"""lstmlab's own wheel, for what a teacher hands out (`lstmlab release`, `lstmlab gradescope`): built from a clone,
or a given one checked to be this version's."""
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

WHEEL_SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE", "lstmlab", "exercises", "notebooks")


def wheel_name(version):
    """The file name of lstmlab's pure-Python wheel of this version."""
    return f"lstmlab-{version}-py3-none-any.whl"


def _setuptools_is_enough(repo):
    """Whether this interpreter's setuptools meets the build's requirement (then no isolated build, no network)."""
    from importlib.metadata import PackageNotFoundError, version
    wanted = re.search(r"setuptools\s*>=\s*(\d+)", (Path(repo) / "pyproject.toml").read_text())
    try:
        have = int(version("setuptools").split(".")[0])
    except (PackageNotFoundError, ValueError):
        return False
    return wanted is None or have >= int(wanted.group(1))


def build_wheel(repo, out_dir):
    """Build lstmlab's wheel from a clone (copied first, so the clone gets no build/ or egg-info); its path."""
    repo, out_dir = Path(repo), Path(out_dir)
    if not (repo / "pyproject.toml").is_file():
        raise ValueError(f"{repo} is not a clone of lstmlab (no pyproject.toml)")
    with tempfile.TemporaryDirectory(prefix="lstmlab-wheel-") as tmp:
        source = Path(tmp) / "lstmlab-src"
        source.mkdir()
        skip = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints")
        for name in WHEEL_SOURCES:
            path = repo / name
            if path.is_dir():
                shutil.copytree(path, source / name, ignore=lambda d, names: [
                    *skip(d, names), *(["course"] if Path(d) == repo / "lstmlab" / "exercises" else [])])
            elif path.is_file():
                shutil.copy2(path, source / name)
        command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(out_dir), str(source)]
        if _setuptools_is_enough(repo):
            command.insert(4, "--no-build-isolation")
        done = subprocess.run(command, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise ValueError(f"building lstmlab's wheel failed (pip wheel exit code {done.returncode}): " + " | ".join(said))
    wheels = sorted(out_dir.glob("lstmlab-*.whl"), key=lambda p: p.stat().st_mtime)
    if not wheels:
        raise ValueError(f"pip wheel reported success but wrote no lstmlab wheel in {out_dir}")
    return wheels[-1]


def check_wheel(path, version):
    """The given wheel, if it is lstmlab's of this version; ValueError saying what was expected and received."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"--wheel {path}: no such file")
    found = re.fullmatch(r"lstmlab-([^-]+)-py3-none-any\.whl", path.name)
    if found is None:
        raise ValueError(f"--wheel {path}: expected lstmlab's wheel, named {wheel_name(version)}, got {path.name!r}")
    if found.group(1) != version:
        raise ValueError(f"--wheel {path}: this is lstmlab {version}, the wheel is lstmlab {found.group(1)}; the "
                         f"autograder must install the same version: give {wheel_name(version)}")
    if not zipfile.is_zipfile(path) or "lstmlab/__init__.py" not in zipfile.ZipFile(path).namelist():
        raise ValueError(f"--wheel {path}: not a wheel of the lstmlab package (no lstmlab/__init__.py inside)")
    return path
