"""The measurements behind 07_cost's figures, at sizes a learner may raise: time vs timesteps, units, depth, batch;
BPTT memory; unroll; RNN(LSTMCell) vs LSTM; the NumPy mirror vs Keras. This machine's numbers, printed.

Run: .venv/bin/python bench/cost.py [--repeat 5] [--scale 1]
"""
import argparse
import logging
import os
import platform

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

from lstmlab import from_keras, import_keras  # noqa: E402
from lstmlab.lessons import cost  # noqa: E402

SWEEPS = {"timesteps": [10, 20, 40, 80], "units": [16, 32, 64, 128], "depth": [1, 2, 3, 4], "batch": [8, 32, 128, 512]}


def ms(seconds):
    return f"{1000 * seconds:8.2f} ms"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scale", type=int, default=1, help="multiply every swept size by this")
    args = parser.parse_args()
    keras = import_keras()
    logging.getLogger("tensorflow").setLevel(logging.ERROR)  # retracing notices: one model per size is the point here
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores; Keras {keras.__version__}, backend {keras.backend.backend()}")
    print(f"base sizes: {cost.BASE}")

    print("\n== time vs size (forward; Keras predict_on_batch vs NumPy lstm_layer) ==")
    for name, values in SWEEPS.items():
        values = [v * args.scale if name != "depth" else v for v in values]
        for row in cost.sweep(name, values, repeat=args.repeat):
            print(f"{name:9s} {row['value']:5d}  flops {row['flops'] / 1e6:9.2f} M  params {row['params']:7d}  "
                  f"Keras {ms(row['keras_s'])}  NumPy {ms(row['numpy_s'])}")
        rows = cost.sweep(name, values, repeat=args.repeat, train=True, numpy=False)
        print("   train step (Keras SGD):", ", ".join(f"{r['value']}: {ms(r['keras_s']).strip()}" for r in rows))

    print("\n== BPTT memory (NumPy forward + backward, peak bytes) vs timesteps ==")
    for timesteps in (10, 20, 40, 80, 160):
        print(f"timesteps {timesteps:4d}: {cost.numpy_training_memory(32, timesteps, 8, 32) / 1e6:7.2f} MB, "
              f"params {cost.lstm_params(8, 32)}")

    print("\n== unroll=True vs False (train step, batch 32, 32 units) ==")
    for timesteps in (3, 10, 50):
        x, y = cost.random_batch(32, timesteps, 8)
        calls = {}
        for unroll in (False, True):
            model = cost.keras_stack(timesteps, 8, 32, unroll=unroll)
            model.compile(optimizer=keras.optimizers.SGD(0.01), loss="mse")
            calls[unroll] = (lambda m: lambda: m.train_on_batch(x, y))(model)
        best = cost.time_interleaved(calls, repeat=args.repeat)
        print(f"timesteps {timesteps:3d}: rolled {ms(best[False])}  unrolled {ms(best[True])}  "
              f"unrolled/rolled {best[True] / best[False]:.2f}")

    print("\n== RNN([LSTMCell, ...]) vs stacked LSTM layers (seed 002's '15% faster'), 10 interleaved rounds ==")
    for depth, batch, timesteps, units in ((1, 32, 20, 32), (2, 32, 20, 32), (3, 32, 20, 32), (2, 128, 50, 64)):
        x, y = cost.random_batch(batch, timesteps, 8)
        layers, cells = cost.keras_stack(timesteps, 8, units, depth), cost.keras_stack(timesteps, 8, units, depth, cells=True)
        fwd = cost.time_interleaved({"LSTM": cost.keras_call(layers, x), "cells": cost.keras_call(cells, x)}, repeat=args.repeat, rounds=10)
        trn = cost.time_interleaved({"LSTM": cost.keras_call(layers, x, y), "cells": cost.keras_call(cells, x, y)}, repeat=args.repeat, rounds=10)
        print(f"depth {depth} batch {batch} timesteps {timesteps} units {units}: forward LSTM {ms(fwd['LSTM'])} cells {ms(fwd['cells'])} "
              f"(cells/LSTM {fwd['cells'] / fwd['LSTM']:.2f}); train LSTM {ms(trn['LSTM'])} cells {ms(trn['cells'])} "
              f"(cells/LSTM {trn['cells'] / trn['LSTM']:.2f})")

    print("\n== NumPy mirror vs Keras (forward) ==")
    for batch, timesteps, units in ((1, 20, 32), (32, 20, 32), (256, 50, 64)):
        x, _ = cost.random_batch(batch, timesteps, 8)
        model = cost.keras_stack(timesteps, 8, units, 2)
        mirror = from_keras(model)
        best = cost.time_interleaved({"mirror": lambda: mirror(x), "predict_on_batch": lambda: model.predict_on_batch(x),
                                      "predict": lambda: model.predict(x, verbose=0)}, repeat=args.repeat)
        print(f"batch {batch:3d} timesteps {timesteps} units {units}: " + "  ".join(f"{k} {ms(v)}" for k, v in best.items()))

    print("\n== achieved GFLOP/s vs batch (Keras forward, 20 steps, 32 units) ==")
    for row in cost.sweep("batch", [1, 8, 32, 128, 512, 2048], repeat=args.repeat, numpy=False):
        rate, per_step = cost.per_step_rate(row["keras_s"], row["value"], 20, 8, 32)
        print(f"batch {row['value']:5d}: {ms(row['keras_s'])}, {per_step / 1e3:8.1f} kFLOP per step, {rate:6.2f} GFLOP/s")


if __name__ == "__main__":
    main()
