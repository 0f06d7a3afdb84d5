"""Forward-pass speed: the NumPy mirror vs Keras predict vs a compiled Keras call, measured in one run.

Configuration from the foundation issue: 2 x LSTM(128), batch 64, 100 timesteps, 32 features.
Usage: python bench/forward.py [--repeats N]
"""
import argparse
import os
import platform
import time

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")


def best_time(fn, repeats):
    """The best of `repeats` wall-clock timings, after one warm-up call."""
    fn()
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times), float(np.median(times))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--timesteps", type=int, default=100)
    parser.add_argument("--features", type=int, default=32)
    parser.add_argument("--units", type=int, default=128)
    args = parser.parse_args()

    from lstmlab import LSTM, Stack, from_keras
    import tensorflow as tf

    model = Stack((args.timesteps, args.features), [LSTM(args.units, return_sequences=True), LSTM(args.units)]).to_keras()
    x = np.random.default_rng(0).normal(size=(args.batch, args.timesteps, args.features)).astype("float32")
    mirror32, mirror64 = from_keras(model), from_keras(model, dtype=np.float64)  # default: the model's float32
    compiled = tf.function(lambda v: model(v, training=False), jit_compile=False)
    x_tf = tf.constant(x)

    results = {
        "keras predict": best_time(lambda: model.predict(x, verbose=0, batch_size=args.batch), args.repeats),
        "keras compiled call (tf.function)": best_time(lambda: compiled(x_tf).numpy(), args.repeats),
        "numpy mirror (default, float32)": best_time(lambda: mirror32(x), args.repeats),
        "numpy mirror, dtype=float64": best_time(lambda: mirror64(x), args.repeats),
    }
    diff = float(np.abs(mirror32(x) - model.predict(x, verbose=0)).max())
    print(f"2 x LSTM({args.units}), batch {args.batch}, {args.timesteps} timesteps, {args.features} features; "
          f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, best/median of {args.repeats}")
    for name, (best, median) in results.items():
        print(f"  {name:<36} best {best * 1e3:8.2f} ms   median {median * 1e3:8.2f} ms")
    predict, compiled_t = results["keras predict"][0], results["keras compiled call (tf.function)"][0]
    for name in ("numpy mirror (default, float32)", "numpy mirror, dtype=float64"):
        t = results[name][0]
        print(f"  {name}: {predict / t:.2f}x faster than predict (target >= 1.5x); "
              f"{t / compiled_t:.2f}x the compiled call's time (target <= 1.2x)")
    print(f"  max |mirror - predict| = {diff:.2e}")


if __name__ == "__main__":
    main()
