"""Lesson 09's dropout sweep, one command: `python bench/dropout_09.py` (about 5-10 minutes on a loaded 2-core CPU).

Dropout placement needs a model that overfits: recall-k-back (8 steps, lag 4, 6 classes) with only 256 training
samples and a 2-layer stack of 32 units (about 13k parameters). Four placements of dropout 0.2, each at each rate of
RATES (Adam) from each of SEEDS, trained until the validation loss has not improved for PATIENCE epochs (at most
MAX_EPOCHS, best epoch kept), then scored on a separate test set. Writes lstmlab/lessons/results/dropout_09.json.
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
from lstmlab.lessons.experiments import at_best, run_experiment, test_scores  # noqa: E402
from lstmlab.shapes import LSTM, Dense, Dropout, Stack  # noqa: E402

TIMESTEPS, K, CLASSES, UNITS, RATE = 8, 4, 6, 32, 0.2
TRAIN, VAL, TEST, BATCH = 256, 256, 1024, 32
SEEDS = (0, 1, 2, 3, 4)
RATES = (0.003, 0.01)
MAX_EPOCHS, PATIENCE = 40, 5
# stack.py's parts that compute shapes and counts (summary_text/summary_html only print them: not this result's code)
STACK = [f"lstmlab/shapes/stack.py::{part}" for part in ("Row", "Summary", "_snake", "_where", "Stack")]
SOURCES = ["bench/dropout_09.py", "lstmlab/lessons/experiments.py", "lstmlab/data/tasks.py", *STACK,
           "lstmlab/shapes/specs.py", "lstmlab/oracle/keras_bridge.py"]
CLASSIFY = dict(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=("accuracy",))


def placements():
    """name -> Stack: no dropout, a Dropout after every LSTM, one Dropout before the head, recurrent_dropout in both."""
    shape, head = (TIMESTEPS, CLASSES), Dense(CLASSES, name="head")
    return {
        "no dropout": Stack(shape, [LSTM(UNITS, return_sequences=True, name="lstm_1"), LSTM(UNITS, name="lstm_2"), head]),
        "Dropout after every LSTM": Stack(shape, [LSTM(UNITS, return_sequences=True, name="lstm_1"), Dropout(RATE, name="drop_1"),
                                                  LSTM(UNITS, name="lstm_2"), Dropout(RATE, name="drop_2"), head]),
        "one Dropout before the head": Stack(shape, [LSTM(UNITS, return_sequences=True, name="lstm_1"),
                                                     LSTM(UNITS, name="lstm_2"), Dropout(RATE, name="drop"), head]),
        "recurrent_dropout in both": Stack(shape, [LSTM(UNITS, return_sequences=True, recurrent_dropout=RATE, name="lstm_1"),
                                                   LSTM(UNITS, recurrent_dropout=RATE, name="lstm_2"), head]),
    }


def main(seeds=SEEDS):
    """Run every placement x rate x seed; save the record."""
    x_train, y_train = tasks.recall_k_back(TRAIN, TIMESTEPS, K, classes=CLASSES, seed=110)  # (256, 8, 6), (256,)
    x_val, y_val = tasks.recall_k_back(VAL, TIMESTEPS, K, classes=CLASSES, seed=200)  # (256, 8, 6), (256,)
    test = tasks.recall_k_back(TEST, TIMESTEPS, K, classes=CLASSES, seed=300)  # (1024, 8, 6), (1024,)
    results, start = {}, time.time()
    for name, stack in placements().items():
        results[name] = {"params": stack.count_params(), "rates": {}}
        for rate in RATES:
            runs = run_experiment(stack.to_keras, seeds, (x_train, y_train, x_val, y_val), epochs=MAX_EPOCHS,
                                  batch_size=BATCH, learning_rate=rate, patience=PATIENCE, test=test, **CLASSIFY)
            results[name]["rates"][str(rate)] = {
                "val_loss": at_best(runs, "val_loss").tolist(), "val_accuracy": at_best(runs, "val_accuracy").tolist(),
                "train_accuracy": at_best(runs, "accuracy").tolist(),
                "train_accuracy_last": [r.history["accuracy"][-1] for r in runs],
                "val_accuracy_last": [r.history["val_accuracy"][-1] for r in runs],
                "test_loss": test_scores(runs, "loss").tolist(), "test_accuracy": test_scores(runs, "accuracy").tolist(),
                "epochs": [len(r.history["loss"]) for r in runs]}
            print(f"{time.time() - start:7.0f} s  {name} lr {rate}: test accuracy "
                  f"{np.round(results[name]['rates'][str(rate)]['test_accuracy'], 3)}, train-val at best "
                  f"{np.round(np.subtract(results[name]['rates'][str(rate)]['train_accuracy'], results[name]['rates'][str(rate)]['val_accuracy']), 2)}",
                  flush=True)
    config = {"task": "recall_k_back", "timesteps": TIMESTEPS, "k": K, "classes": CLASSES, "train": TRAIN, "val": VAL,
              "test": TEST, "data_seeds": {"train": 110, "val": 200, "test": 300}, "batch": BATCH, "units": UNITS,
              "dropout": RATE, "optimizer": "adam", "rates": list(RATES), "max_epochs": MAX_EPOCHS, "patience": PATIENCE,
              "monitor": "val_loss (restore best)", "wall_s": round(time.time() - start)}
    path = provenance.save("dropout_09", config=config, seeds=seeds, results=results, sources=SOURCES)
    print(f"wrote {path} in {time.time() - start:.0f} s")


if __name__ == "__main__":
    main(*([[int(s) for s in sys.argv[1].split(",")]] if len(sys.argv) > 1 else []))
