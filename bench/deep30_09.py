"""Lesson 09's 30-layer sweep, one command: `python bench/deep30_09.py [--workers N] [--seeds 0,1,...]` (the record's wall_s
says how long it took).

30 x LSTM(16) (the width of the 8-layer sweep, not a bottleneck), plain, residual, and residual + layer norm
(`deep_stack`), on the same recall-k-back data, each at every rate of RATES (Adam; the 8-layer sweep chose its lower
rate, 0.003, for all three, so the grid reaches two steps below it), with the same early stopping and epoch cap
(bench/experiments_09.py's run_one), scored once on the same test set. The lesson picks each variant's rate on
validation loss. Runs go to `--workers` spawned processes (default 2); every run sets its own seed, so the order they
end in changes nothing. Writes lstmlab/lessons/results/deep30_09.json with its provenance.
"""
import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the clone, for the worker processes too

from experiments_09 import BATCH, CLASSES, DEEP_UNITS, MAX_EPOCHS, PATIENCE, SOURCES, TIMESTEPS, data, run_one  # noqa: E402
from lstmlab.lessons import provenance  # noqa: E402
from lstmlab.lessons.deepstack import deep_stack  # noqa: E402

DEPTH = 30
RATES = (0.0003, 0.001, 0.003, 0.01)
SEEDS = (0, 1, 2, 3, 4)
VARIANTS = {"plain": (False, False), "residual": (True, False), "residual + layer norm": (True, True)}
_DATA = []  # (train and validation, test), per process


def name(label):
    """The configuration's name in the record and the lesson: '30 x LSTM(16), residual'."""
    return f"{DEPTH} x LSTM({DEEP_UNITS}), {label}"


def build(label):
    """The Keras builder of one variant."""
    residual, norm = VARIANTS[label]
    return deep_stack(DEPTH, DEEP_UNITS, TIMESTEPS, CLASSES, CLASSES, residual=residual, norm=norm)


def parallel(job, jobs, workers):
    """(args, result) of job(args) for every args in jobs, in their order, `workers` spawned processes at a time."""
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        yield from pool.map(job, jobs)


def options(argv, doc):
    """(workers, seeds) from the command line: --workers N (default 2), --seeds 0,1,... (default SEEDS)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seeds", default=",".join(map(str, SEEDS)))
    args = parser.parse_args(argv)
    return args.workers, [int(s) for s in args.seeds.split(",")]


def gather(job, jobs, workers, entry, title):
    """Run job((label, rate, seed)) for every job, `workers` at a time, printing each as it ends; then append each run's
    scores to entry(label, rate) in the order of jobs, so every list holds its seeds in order."""
    runs, start = {}, time.time()
    for (label, rate, seed), scores in parallel(job, jobs, workers):
        runs[label, rate, seed] = scores
        print(f"{time.time() - start:7.0f} s  {title(label)} lr {rate} seed {seed}: test accuracy {scores['test_accuracy'][0]:.3f}, "
              f"epochs {scores['epochs'][0]}", flush=True)
    for label, rate, seed in jobs:
        for key, values in runs[label, rate, seed].items():
            entry(label, rate).setdefault(key, []).extend(values)


def _job(args):
    label, rate, seed = args
    if not _DATA:
        _DATA.append(data())
    return args, run_one(build(label), rate, [seed], *_DATA[0])


def main(argv):
    workers, seeds = options(argv, __doc__)
    results, start = {}, time.time()
    for label, (residual, norm) in VARIANTS.items():
        results[name(label)] = {"params": int(build(label)().count_params()), "group": "deep30", "depth": DEPTH, "units": DEEP_UNITS,
                                "residual": residual, "norm": norm, "rates": {str(rate): {} for rate in RATES}}
    jobs = [(label, rate, seed) for rate in RATES for label in VARIANTS for seed in seeds]
    gather(_job, jobs, workers, lambda label, rate: results[name(label)]["rates"][str(rate)], name)
    config = {"task": "recall_k_back", "depth": DEPTH, "units": DEEP_UNITS, "batch": BATCH, "optimizer": "adam",
              "rates": list(RATES), "max_epochs": MAX_EPOCHS, "patience": PATIENCE, "monitor": "val_loss (restore best)",
              "data": "bench/experiments_09.py's data()", "seeds_requested": seeds, "wall_s": round(time.time() - start)}
    path = provenance.save("deep30_09", config=config, seeds=seeds, results=results, sources=["bench/deep30_09.py", *SOURCES])
    print(f"wrote {path} in {time.time() - start:.0f} s", flush=True)

if __name__ == "__main__":
    main(sys.argv[1:])
