"""What an LSTM costs: the FLOP formula, Keras 3's fused-kernel conditions, and measured time and memory.

Measurements are this machine's wall-clock numbers (the fastest of `repeat` runs); the lessons show
them, ``bench/cost.py`` prints them at larger sizes, and no test asserts them.
"""
import tracemalloc

import numpy as np

from ..oracle.keras_bridge import import_keras
from ..reference.layer import lstm_layer
from ..reference.validate import check_positive_int
from .timing import time_call


def lstm_flops(batch, timesteps, features, units):
    """Multiply-adds x 2 of one LSTM layer's forward pass: 2 x batch x timesteps x 4 x units x (features + units)."""
    for value, name in ((batch, "batch"), (timesteps, "timesteps"), (features, "features"), (units, "units")):
        check_positive_int(value, name)
    return 2 * batch * timesteps * 4 * units * (features + units)


def lstm_params(features, units):
    """4 x (units x (features + units) + units): no timesteps in it."""
    return 4 * (units * (features + units) + units)


def stack_flops(stack, batch=1):
    """Forward FLOPs of each LSTM layer in a lstmlab Stack: list of (layer name, flops); Bidirectional counts twice."""
    rows = []
    for row, spec in zip(stack.summary(), stack.layers):
        inner = getattr(spec, "layer", spec)
        if row.kind.startswith(("LSTM", "Bidirectional")) and type(inner).__name__ == "LSTM":
            _, timesteps, features = row.input_shape
            copies = 2 if row.kind.startswith("Bidirectional") else 1
            rows.append((row.name, copies * lstm_flops(batch, timesteps, features, inner.units)))
    return rows


FUSED_CONDITIONS = (  # (attribute, required value, why)
    ("activation", "tanh", "cuDNN hard-codes tanh for the candidate and for h = o * tanh(c)"),
    ("recurrent_activation", "sigmoid", "cuDNN hard-codes sigmoid for the gates i, f, o"),
    ("recurrent_dropout", 0, "a new mask on h at every step cannot be applied inside the fused loop"),
    ("unroll", False, "unroll=True writes the loop out in Python ops, so there is no loop to fuse"),
    ("use_bias", True, "cuDNN always adds a bias"),
)


def _value(layer, name):
    """An attribute from a lstmlab spec or a Keras layer, with Keras activations reduced to their names."""
    value = getattr(layer, name)
    return getattr(value, "__name__", value)


def fused_kernel_report(layer, gpu=None):
    """Which of Keras 3's fused (cuDNN) LSTM conditions a layer meets: list of (condition, required, got, ok).

    `layer` is a lstmlab LSTM spec or a keras.layers.LSTM. On TensorFlow the fused kernel also needs a
    visible GPU; pass gpu=True/False, or None to ask TensorFlow.
    """
    rows = [(name, required, _value(layer, name), _value(layer, name) == required) for name, required, _ in FUSED_CONDITIONS]
    if gpu is None:
        import_keras()
        import tensorflow as tf  # noqa: the Keras backend, already loaded by import_keras
        gpu = bool(tf.config.list_physical_devices("GPU"))
    rows.append(("a GPU is visible", True, gpu, gpu))
    return rows


def uses_fused_kernel(layer, gpu=None):
    """True when every fused-kernel condition holds (Keras 3, TensorFlow backend)."""
    return all(ok for *_, ok in fused_kernel_report(layer, gpu=gpu))


def keras_stack(timesteps, features, units, depth=1, *, cells=False, unroll=False, activation="tanh", out_units=1):
    """A Keras model: `depth` stacked LSTM(units) layers and a Dense head; cells=True uses RNN([LSTMCell, ...])."""
    keras = import_keras()
    inputs = keras.Input((timesteps, features))
    if cells:  # the fchollet gist's form: one RNN layer looping over a stack of cells
        layers = [keras.layers.RNN([keras.layers.LSTMCell(units, activation=activation) for _ in range(depth)], unroll=unroll)]
    else:
        layers = [keras.layers.LSTM(units, return_sequences=k < depth - 1, unroll=unroll, activation=activation)
                  for k in range(depth)]
    return keras.Sequential([inputs, *layers, keras.layers.Dense(out_units)])


def random_batch(batch, timesteps, features, seed=0):
    """A float32 input batch (batch, timesteps, features) and target (batch, 1)."""
    rng = np.random.default_rng(seed)
    return rng.normal(size=(batch, timesteps, features)).astype(np.float32), rng.normal(size=(batch, 1)).astype(np.float32)


def keras_call(model, x, y=None):
    """A zero-argument call: one compiled forward pass (y None) or one SGD train step (y given)."""
    keras = import_keras()
    if y is None:
        return lambda: model.predict_on_batch(x)
    if not model.compiled:
        model.compile(optimizer=keras.optimizers.SGD(0.01), loss="mse")
    return lambda: model.train_on_batch(x, y)


def time_keras(model, x, y=None, *, repeat=5):
    """Seconds for one compiled forward pass (y None) or one SGD train step (y given), after a warm-up call."""
    call = keras_call(model, x, y)
    call()  # warm-up: traces the tf.function
    return time_call(call, repeat=repeat)


def numpy_call(timesteps, features, units, depth=1, *, batch=32, seed=0):
    """A zero-argument call of the NumPy reference's forward pass through `depth` stacked LSTM(units) layers (float32)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(batch, timesteps, features)).astype(np.float32)  # (batch, timesteps, features)
    weights, fan_in = [], features
    for _ in range(depth):
        weights.append([rng.normal(0, 0.3, (fan_in, 4 * units)).astype(np.float32),  # (fan_in, 4*units)
                        rng.normal(0, 0.3, (units, 4 * units)).astype(np.float32),  # (units, 4*units)
                        np.zeros(4 * units, np.float32)])  # (4*units,)
        fan_in = units

    def run():
        seq = x  # (batch, timesteps, features)
        for k, (kernel, recurrent_kernel, bias) in enumerate(weights):
            seq = lstm_layer(seq, kernel, recurrent_kernel, bias, return_sequences=k < depth - 1)  # (batch, timesteps, units)
        return seq

    return run


def time_numpy(timesteps, features, units, depth=1, *, batch=32, repeat=5, seed=0):
    """Seconds for the NumPy reference's forward pass through `depth` stacked LSTM(units) layers."""
    return time_call(numpy_call(timesteps, features, units, depth, batch=batch, seed=seed), repeat=repeat)


BASE = dict(batch=32, timesteps=20, features=8, units=32, depth=1)


def sweep(name, values, *, base=None, train=False, numpy=True, repeat=3, rounds=3):
    """Vary one of batch/timesteps/units/depth; rows of dict(value, flops, params, keras_s[, numpy_s]).

    All sizes are built first and then timed in turn, `rounds` times, keeping each one's fastest run,
    so that background load spreads over every size instead of spoiling one.
    """
    keras = import_keras()
    base = dict(BASE, **(base or {}))
    if name not in base:
        raise ValueError(f"can sweep one of {', '.join(BASE)}, got {name!r}")
    rows, keras_calls, numpy_calls = [], {}, {}
    for value in values:
        cfg = dict(base, **{name: check_positive_int(value, name)})
        keras.utils.set_random_seed(0)
        model = keras_stack(cfg["timesteps"], cfg["features"], cfg["units"], cfg["depth"])
        x, y = random_batch(cfg["batch"], cfg["timesteps"], cfg["features"])
        keras_calls[value] = keras_call(model, x, y if train else None)
        if numpy:
            numpy_calls[value] = numpy_call(cfg["timesteps"], cfg["features"], cfg["units"], cfg["depth"], batch=cfg["batch"])
        flops = sum(lstm_flops(cfg["batch"], cfg["timesteps"], cfg["features"] if k == 0 else cfg["units"], cfg["units"])
                    for k in range(cfg["depth"]))
        rows.append(dict(value=value, flops=flops, params=model.count_params()))
    keras_s = time_interleaved(keras_calls, repeat=repeat, rounds=rounds)
    numpy_s = time_interleaved(numpy_calls, repeat=repeat, rounds=rounds) if numpy else {}
    for row in rows:
        row["keras_s"] = keras_s[row["value"]]
        if numpy:
            row["numpy_s"] = numpy_s[row["value"]]
    return rows


def numpy_training_memory(batch, timesteps, features, units, depth=1):
    """Peak bytes Python allocates for one NumPy forward + BPTT step (the caches BPTT must keep grow with timesteps)."""
    from ..reference import train
    params = train.init_params(features, [units] * depth, 1, seed=0)
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(batch, timesteps, features)), rng.normal(size=(batch, 1))  # float64
    tracemalloc.start()
    try:
        train.loss_and_grads(params, x, y)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak


def time_interleaved(calls, *, repeat=5, rounds=3):
    """Fastest seconds per label for dict label -> fn(), calling each in turn for `rounds` rounds (fairer under load)."""
    for fn in calls.values():
        fn()  # warm-up
    best = {label: float("inf") for label in calls}
    for _ in range(rounds):
        for label, fn in calls.items():
            best[label] = min(best[label], time_call(fn, repeat=repeat))
    return best


def per_step_rate(seconds, batch, timesteps, features, units):
    """Achieved GFLOP/s of one LSTM layer's forward pass, and the FLOPs done per sequential time step."""
    flops = lstm_flops(batch, timesteps, features, units)
    return flops / seconds / 1e9, flops // timesteps
