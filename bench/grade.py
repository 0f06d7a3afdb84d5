"""Time the grader through the real command, `lstmlab grade` (start-up included), on this machine.

Usage: .venv/bin/python bench/grade.py [--learners 40] [--jobs 2] [--isolation uid]
Prints: one notebook; one learner's whole course; a class of N learners (every lesson each, about 6 notebooks a
learner: honest, blank and partly wrong in turn) with --jobs (target: 40 learners in under 60 s with --jobs 2);
and the wall, user and system time of the class run, with the peak memory of any one grading process.
"""
import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent


def timed(args):
    """(wall seconds, child CPU seconds) of one `lstmlab grade` run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "lstmlab", "grade", "--quiet", *args], capture_output=True, text=True,
                         cwd=ROOT)
    if run.returncode:
        sys.exit(run.stderr)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter() - start, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def partly_wrong(src, dst):
    """A copy of a solution whose first answer returns zeros: graded, failed, named."""
    nb = nbformat.read(src, as_version=4)
    for cell in nb.cells:
        if "exercise" in cell.metadata.get("lstmlab", {}):
            head = cell.source.split("\n")[0]
            cell.source = f"{head}\n    return 0\n" if head.startswith("def ") else cell.source
            break
    nbformat.write(nb, dst)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--isolation", choices=("bubblewrap", "uid"), default="bubblewrap")
    args = parser.parse_args()
    extra = ["--isolation", args.isolation]
    solutions = sorted((ROOT / "solutions").glob("*.ipynb"))
    with tempfile.TemporaryDirectory() as tmp:
        wall, _ = timed([str(ROOT / "solutions" / "02_through_time.ipynb"), *extra])
        print(f"one notebook (solutions/02_through_time.ipynb): {wall:.1f} s")
        wall, _ = timed([str(ROOT / "solutions"), *extra])
        print(f"one learner, all {len(solutions)} notebooks, --jobs 1: {wall:.1f} s")
        folder = Path(tmp) / "class"
        for k in range(args.learners):
            learner = folder / f"learner{k:02d}"
            learner.mkdir(parents=True)
            for nb in solutions:
                kind = k % 3
                if kind == 0:
                    shutil.copy(nb, learner / nb.name)
                elif kind == 1:
                    shutil.copy(ROOT / "exercises" / nb.name, learner / nb.name)
                else:
                    partly_wrong(nb, learner / nb.name)
        count = sum(1 for _ in folder.rglob("*.ipynb"))
        wall, cpu = timed([str(folder), "--jobs", str(args.jobs), *extra])
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"{args.learners} learners ({count} notebooks), --jobs {args.jobs}: {wall:.1f} s wall, {cpu:.1f} s CPU "
              f"(target < 60 s); largest process {peak:.0f} MB")


if __name__ == "__main__":
    main()
