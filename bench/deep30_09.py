"""Lesson 09's 30-layer sweep, one command: `python bench/deep30_09.py [seeds]` (see the record's wall_s for its time).

30 x LSTM(16) (the width of the 8-layer sweep, not a bottleneck), plain, residual, and residual + layer norm
(`deep_stack`), on the same recall-k-back data, at the one rate the 8-layer sweep chose for all three (Adam 0.003),
with the same early stopping and epoch cap (bench/experiments_09.py's run_one), scored once on the same test set.
One rate, not a rate sweep: CPU time. Seed by seed, all three variants per seed; after each seed it writes
lstmlab/lessons/results/deep30_09.json with its provenance and the seeds done so far (config.seeds_requested: all).
"""
import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import numpy as np  # noqa: E402

from experiments_09 import BATCH, CLASSES, DEEP_UNITS, MAX_EPOCHS, PATIENCE, SOURCES, TIMESTEPS, data, run_one  # noqa: E402
from lstmlab.lessons import provenance  # noqa: E402
from lstmlab.lessons.deepstack import deep_stack  # noqa: E402

DEPTH, RATE = 30, 0.003
SEEDS = (0, 1, 2, 3, 4)
VARIANTS = (("plain", False, False), ("residual", True, False), ("residual + layer norm", True, True))


def main(seeds=SEEDS):
    """Run every variant x seed at RATE, seed by seed; save the record after each seed (the seeds done so far)."""
    train_val, test = data()
    results, start, done = {}, time.time(), []
    builds = {f"{DEPTH} x LSTM({DEEP_UNITS}), {label}": (deep_stack(DEPTH, DEEP_UNITS, TIMESTEPS, CLASSES, CLASSES,
                                                                   residual=residual, norm=norm), residual, norm)
              for label, residual, norm in VARIANTS}
    for name, (build, residual, norm) in builds.items():
        results[name] = {"params": int(build().count_params()), "group": "deep30", "depth": DEPTH, "units": DEEP_UNITS,
                         "residual": residual, "norm": norm, "rates": {str(RATE): {}}}
    for seed in seeds:
        for name, (build, _, _) in builds.items():
            scores = results[name]["rates"][str(RATE)]
            for key, values in run_one(build, RATE, [seed], train_val, test).items():
                scores.setdefault(key, []).extend(values)
            print(f"{time.time() - start:7.0f} s  {name} lr {RATE} seed {seed}: test accuracy "
                  f"{scores['test_accuracy'][-1]:.3f}, epochs {scores['epochs'][-1]}", flush=True)
        done.append(seed)
        config = {"task": "recall_k_back", "depth": DEPTH, "units": DEEP_UNITS, "batch": BATCH, "optimizer": "adam",
                  "rates": [RATE], "max_epochs": MAX_EPOCHS, "patience": PATIENCE, "monitor": "val_loss (restore best)",
                  "data": "bench/experiments_09.py's data()", "seeds_requested": list(seeds),
                  "wall_s": round(time.time() - start)}
        path = provenance.save("deep30_09", config=config, seeds=done, results=results,
                               sources=["bench/deep30_09.py", *SOURCES])
        print(f"wrote {path} ({len(done)} of {len(seeds)} seeds) in {time.time() - start:.0f} s", flush=True)


if __name__ == "__main__":
    main(*([[int(s) for s in sys.argv[1].split(",")]] if len(sys.argv) > 1 else []))
