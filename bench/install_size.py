"""Measure what `pip install` of lstmlab's wheel with an extra costs: time and the size of site-packages.

Usage: .venv/bin/python bench/install_size.py [--extra grade] [--python /usr/bin/python3]
Builds this clone's wheel, makes a fresh venv with --python, installs "WHEEL[EXTRA]" from PyPI's dependencies (pip's
cache, if warm, makes it faster), and prints the wall time of the install and the megabytes under site-packages
(pip and setuptools, which every venv holds, shown apart).
"""
import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from lstmlab.exercises.wheel import build_wheel  # noqa: E402


def megabytes(folder):
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file() and not p.is_symlink()) / 2**20


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra", default="grade")
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lstmlab-install-") as tmp:
        wheel = build_wheel(ROOT, Path(tmp) / "wheel")
        venv = Path(tmp) / "venv"
        subprocess.run([args.python, "-m", "venv", str(venv)], check=True)
        start = time.perf_counter()
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", f"{wheel}[{args.extra}]"], check=True)
        seconds = time.perf_counter() - start
        site = next(venv.glob("lib/python*/site-packages"))
        base = sum(megabytes(p) for p in site.iterdir() if p.name.split("-")[0] in ("pip", "setuptools"))
        print(f"lstmlab[{args.extra}] into a fresh venv ({args.python}): {seconds:.0f} s, site-packages "
              f"{megabytes(site):.0f} MB ({base:.0f} MB of it pip and setuptools)")


if __name__ == "__main__":
    main()
