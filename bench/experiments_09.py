"""Lesson 09's full sweep, one command: `python bench/experiments_09.py` (about 15-25 minutes on a loaded 2-core CPU).

Recall-k-back (8 steps, the symbol 4 steps before the last, 6 classes). Every configuration is trained at each
learning rate of RATES (Adam) from each of SEEDS, until the validation loss has not improved for PATIENCE epochs
(at most MAX_EPOCHS; the best epoch's weights are kept), then scored once on a separate test set. The lesson picks
each configuration's rate on validation loss and compares test scores, best against best, paired by seed.
Writes lstmlab/lessons/results/experiments_09.json with its provenance (lstmlab.lessons.provenance).
"""
import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import keras  # noqa: E402
import numpy as np  # noqa: E402

from lstmlab.data import tasks  # noqa: E402
from lstmlab.lessons import provenance  # noqa: E402
from lstmlab.lessons.deepstack import deep_stack, recall_stack  # noqa: E402
from lstmlab.lessons.experiments import at_best, matched_units, run_experiment, test_scores  # noqa: E402

TIMESTEPS, K, CLASSES = 8, 4, 6
TRAIN, VAL, TEST, BATCH = 1536, 256, 1024, 128
SEEDS = (0, 1, 2, 3, 4)
RATES = (0.003, 0.01, 0.03)
DEEP_RATES = (0.003, 0.01)          # the deep stacks and the 3-layer width comparison: two rates (CPU time)
MAX_EPOCHS, PATIENCE = 30, 5
DEEP_DEPTH, DEEP_UNITS = 8, 16      # not a bottleneck: the 4-layer stack of 10 units solves the task
BUDGET_UNITS = 24                   # the budget: what 1 x LSTM(24) + head costs
# stack.py's parts that compute shapes and counts (summary_text/summary_html only print them: not this result's code)
STACK = [f"lstmlab/shapes/stack.py::{part}" for part in ("Row", "Summary", "_snake", "_where", "Stack")]
# deepstack.py's two builders this sweep uses (head_stack is bench/heads_09.py's)
SOURCES = ["bench/experiments_09.py", "lstmlab/lessons/experiments.py", "lstmlab/lessons/deepstack.py::recall_stack",
           "lstmlab/lessons/deepstack.py::deep_stack",
           "lstmlab/data/tasks.py", *STACK, "lstmlab/shapes/specs.py", "lstmlab/oracle/keras_bridge.py"]
CLASSIFY = dict(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=("accuracy",))


def data():
    """(train and validation), test: recall-k-back with the lesson's seeds 100 and 200, test seed 300."""
    x_train, y_train = tasks.recall_k_back(TRAIN, TIMESTEPS, K, classes=CLASSES, seed=100)  # (1536, 8, 6), (1536,)
    x_val, y_val = tasks.recall_k_back(VAL, TIMESTEPS, K, classes=CLASSES, seed=200)  # (256, 8, 6), (256,)
    test = tasks.recall_k_back(TEST, TIMESTEPS, K, classes=CLASSES, seed=300)  # (1024, 8, 6), (1024,)
    return (x_train, y_train, x_val, y_val), test


def configurations():
    """name -> (builder, parameter count, rates, description) for every configuration of the sweep."""
    budget = recall_stack(1, BUDGET_UNITS, TIMESTEPS, CLASSES).count_params()
    found = {}
    for depth in (1, 2, 4):
        units = matched_units(lambda u: recall_stack(depth, u, TIMESTEPS, CLASSES).count_params(), budget)
        stack = recall_stack(depth, units, TIMESTEPS, CLASSES)
        found[f"{depth} x LSTM({units})"] = (stack.to_keras, stack.count_params(), RATES, {"group": "depth", "depth": depth, "units": units})
    units = matched_units(lambda u: recall_stack(1, u, TIMESTEPS, CLASSES, cell="GRU").count_params(), budget)
    gru = recall_stack(1, units, TIMESTEPS, CLASSES, cell="GRU")
    found[f"1 x GRU({units})"] = (gru.to_keras, gru.count_params(), RATES, {"group": "cell", "depth": 1, "units": units})
    decreasing = matched_units(lambda u: recall_stack(3, (4 * u, 2 * u, u), TIMESTEPS, CLASSES).count_params(), budget)
    target = recall_stack(3, (4 * decreasing, 2 * decreasing, decreasing), TIMESTEPS, CLASSES).count_params()
    equal = matched_units(lambda u: recall_stack(3, u, TIMESTEPS, CLASSES).count_params(), target)  # matched to it
    for label, widths in (("equal", (equal,) * 3), ("decreasing", (4 * decreasing, 2 * decreasing, decreasing))):
        stack = recall_stack(3, widths, TIMESTEPS, CLASSES)
        found[f"3 x LSTM{widths}, {label}"] = (stack.to_keras, stack.count_params(), DEEP_RATES,
                                               {"group": "widths", "depth": 3, "units": list(widths)})
    for label, residual, norm in (("plain", False, False), ("residual", True, False), ("residual + layer norm", True, True)):
        build = deep_stack(DEEP_DEPTH, DEEP_UNITS, TIMESTEPS, CLASSES, CLASSES, residual=residual, norm=norm)
        found[f"{DEEP_DEPTH} x LSTM({DEEP_UNITS}), {label}"] = (build, build().count_params(), DEEP_RATES,
                                                               {"group": "deep", "depth": DEEP_DEPTH, "units": DEEP_UNITS,
                                                                "residual": residual, "norm": norm})
    return found


def run_one(build, rate, seeds, train_val, test):
    """Train one configuration at one rate from each seed; the numbers the lesson needs, per seed."""
    runs = run_experiment(build, seeds, train_val, epochs=MAX_EPOCHS, batch_size=BATCH, learning_rate=rate,
                          patience=PATIENCE, test=test, **CLASSIFY)
    return {"val_loss": at_best(runs, "val_loss").tolist(), "val_accuracy": at_best(runs, "val_accuracy").tolist(),
            "test_loss": test_scores(runs, "loss").tolist(), "test_accuracy": test_scores(runs, "accuracy").tolist(),
            "epochs": [len(r.history["loss"]) for r in runs],
            "best_epoch": [int(np.nanargmin(r.history["val_loss"])) + 1 for r in runs],
            "train_accuracy": at_best(runs, "accuracy").tolist(),
            "val_accuracy_curve": [r.history["val_accuracy"] for r in runs]}


def main(seeds=SEEDS, only=None):
    """Run every configuration x rate x seed; save the record; return it."""
    train_val, test = data()
    results, start = {}, time.time()
    for name, (build, params, rates, info) in configurations().items():
        if only and only not in name:
            continue
        results[name] = {"params": int(params), **info, "rates": {}}
        for rate in rates:
            results[name]["rates"][str(rate)] = run_one(build, rate, seeds, train_val, test)
            print(f"{time.time() - start:7.0f} s  {name} lr {rate}: test accuracy "
                  f"{np.round(results[name]['rates'][str(rate)]['test_accuracy'], 3)}", flush=True)
    config = {"task": "recall_k_back", "timesteps": TIMESTEPS, "k": K, "classes": CLASSES, "train": TRAIN, "val": VAL,
              "test": TEST, "data_seeds": {"train": 100, "val": 200, "test": 300}, "batch": BATCH, "optimizer": "adam",
              "rates": list(RATES), "deep_rates": list(DEEP_RATES), "max_epochs": MAX_EPOCHS, "patience": PATIENCE,
              "monitor": "val_loss (restore best)", "wall_s": round(time.time() - start)}
    path = provenance.save("experiments_09", config=config, seeds=seeds, results=results, sources=SOURCES)
    print(f"wrote {path} in {time.time() - start:.0f} s")


if __name__ == "__main__":
    main(*(([int(s) for s in sys.argv[1].split(",")], sys.argv[2]) if len(sys.argv) > 2 else ()))
