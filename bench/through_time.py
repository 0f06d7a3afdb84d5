"""The measurement behind 02_through_time's plot: forward time vs timesteps, NumPy reference and Keras eager call.

Run: .venv/bin/python bench/through_time.py [--repeat 5] [--batch 32 --features 8 --units 32]
"""
import argparse
import os
import platform

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import numpy as np  # noqa: E402

import lstmlab  # noqa: E402
from lstmlab.lessons.timing import lstm_time_vs_timesteps, time_call  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--features", type=int, default=8)
    parser.add_argument("--units", type=int, default=32)
    parser.add_argument("--timesteps", type=int, nargs="+", default=[10, 25, 50, 100, 200])
    args = parser.parse_args()
    keras = lstmlab.import_keras()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores; Keras {keras.__version__}; "
          f"batch {args.batch}, features {args.features}, units {args.units}; best of {args.repeat}")
    numpy_rows = lstm_time_vs_timesteps(args.timesteps, batch=args.batch, features=args.features, units=args.units,
                                        repeat=args.repeat)
    layer = keras.layers.LSTM(args.units)
    rng = np.random.default_rng(0)
    for steps, numpy_seconds in numpy_rows:
        x = rng.normal(size=(args.batch, steps, args.features)).astype("float32")  # (batch, timesteps, features)
        keras_seconds = time_call(lambda: layer(x), repeat=args.repeat)
        params = lstmlab.Stack(input_shape=(steps, args.features), layers=[lstmlab.LSTM(args.units)]).count_params()
        print(f"timesteps {steps:>5}: params {params}, NumPy {1000 * numpy_seconds:8.2f} ms "
              f"({1e6 * numpy_seconds / steps:6.1f} us/step), Keras eager {1000 * keras_seconds:8.2f} ms "
              f"({1e6 * keras_seconds / steps:6.1f} us/step)")


if __name__ == "__main__":
    main()
