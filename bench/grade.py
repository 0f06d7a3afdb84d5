"""Time the grader: one submission, then a folder of 30 with --jobs 2 (targets: < 5 s and < 90 s).

Usage: .venv/bin/python bench/grade.py [--n 30] [--jobs 2]
Each submission is one notebook (copies of solutions/ and exercises/, cycling through the lessons),
graded through the real command, `lstmlab grade`, so start-up time is included.
"""
import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(args):
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "lstmlab", "grade", "--quiet", *args], capture_output=True, text=True, cwd=ROOT)
    if run.returncode:
        sys.exit(run.stderr)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    notebooks = sorted((ROOT / "solutions").glob("*.ipynb")) + sorted((ROOT / "exercises").glob("*.ipynb"))
    with tempfile.TemporaryDirectory() as tmp:
        one = timed([str(ROOT / "solutions" / "02_through_time.ipynb")])
        print(f"one submission (solutions/02_through_time.ipynb, 3 exercises): {one:.1f} s  (target < 5 s)")
        learner = Path(tmp) / "learner"
        learner.mkdir()
        for nb in sorted((ROOT / "solutions").glob("*.ipynb")):
            shutil.copy(nb, learner / nb.name)
        whole = timed([str(learner)])
        print(f"one learner folder with all {len(list(learner.iterdir()))} lessons, --jobs 1: {whole:.1f} s")
        folder = Path(tmp) / "class"
        folder.mkdir()
        for k in range(args.n):
            src = notebooks[k % len(notebooks)]
            (folder / f"learner{k:02d}").mkdir()
            shutil.copy(src, folder / f"learner{k:02d}" / src.name)
        batch = timed([str(folder), "--jobs", str(args.jobs)])
        print(f"{args.n} submissions, --jobs {args.jobs}: {batch:.1f} s  (target < 90 s)")


if __name__ == "__main__":
    main()
