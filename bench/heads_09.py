"""Lesson 09's sweep of where the extra layer goes, one command: `python bench/heads_09.py [--workers N] [--seeds 0,1,...]`.

"LSTM → Dense → Dense" and "Dense → LSTM → Dense" (`deepstack.head_stack`) at the budget of bench/experiments_09.py
(what 1 x LSTM(24) + head costs), on its recall-k-back data, each at every rate of its RATES from each seed, with its
early stopping, epoch cap and test set (its run_one). The third design, "LSTM → LSTM → Dense", is that sweep's 2-layer
stack: the lesson pairs these runs with its runs of the same seeds. Runs go to `--workers` spawned processes
(default 2). Writes lstmlab/lessons/results/heads_09.json with its provenance.
"""
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the clone, for the worker processes too

from deep30_09 import gather, options  # noqa: E402
from experiments_09 import (BATCH, BUDGET_UNITS, CLASSES, MAX_EPOCHS, PATIENCE, RATES, SOURCES, TIMESTEPS,  # noqa: E402
                            data, run_one)
from lstmlab.lessons import provenance  # noqa: E402
from lstmlab.lessons.deepstack import head_stack, recall_stack  # noqa: E402
from lstmlab.lessons.experiments import matched_units  # noqa: E402

KINDS = ("LSTM → Dense → Dense", "Dense → LSTM → Dense")
_DATA = []  # (train and validation, test), per process


def stacks():
    """kind -> Stack at the widest units within the budget (matched_units, as the lesson and experiments_09 match them)."""
    budget = recall_stack(1, BUDGET_UNITS, TIMESTEPS, CLASSES).count_params()
    return {kind: head_stack(kind, matched_units(lambda u: head_stack(kind, u, TIMESTEPS, CLASSES).count_params(), budget),
                             TIMESTEPS, CLASSES) for kind in KINDS}


def _job(args):
    kind, rate, seed = args
    if not _DATA:
        _DATA.append(data())
    return args, run_one(stacks()[kind].to_keras, rate, [seed], *_DATA[0])


def main(argv):
    workers, seeds = options(argv, __doc__)
    start = time.time()
    results = {kind: {"params": stack.count_params(), "group": "heads", "units": stack.layers[0].units, "rates": {str(r): {} for r in RATES}}
               for kind, stack in stacks().items()}
    jobs = [(kind, rate, seed) for rate in RATES for kind in KINDS for seed in seeds]
    gather(_job, jobs, workers, lambda kind, rate: results[kind]["rates"][str(rate)], str)
    config = {"task": "recall_k_back", "budget": f"1 x LSTM({BUDGET_UNITS}) + head", "batch": BATCH, "optimizer": "adam",
              "rates": list(RATES), "max_epochs": MAX_EPOCHS, "patience": PATIENCE, "monitor": "val_loss (restore best)",
              "data": "bench/experiments_09.py's data()", "paired_with": "experiments_09's 2-layer stack, same seeds",
              "wall_s": round(time.time() - start)}
    path = provenance.save("heads_09", config=config, seeds=seeds, results=results,
                           sources=["bench/heads_09.py", *(f"bench/deep30_09.py::{part}" for part in ("parallel", "gather")),
                                    "lstmlab/lessons/deepstack.py::head_stack", *SOURCES])
    print(f"wrote {path} in {time.time() - start:.0f} s", flush=True)

if __name__ == "__main__":
    main(sys.argv[1:])
