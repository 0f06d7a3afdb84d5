"""Training experiments (lesson 09): the same model trained from several seeds, every history kept.

One Keras model is compiled per architecture and settings, then re-initialised for each seed with the
weights a freshly built model gets from that seed (`keras.utils.set_random_seed(seed)`, then build). Only
the weights, the optimizer's slots and step counter, the learning rate and any stateful layer's state are
reset; the traced training step is reused, so each architecture is traced once, not once per seed.
"""
from dataclasses import dataclass, field

import numpy as np

from ..oracle.keras_bridge import import_keras

OPTIMIZERS = ("adam", "sgd")
_COMPILED = {}  # (build_fn, optimizer, clipnorm, loss, metrics) -> compiled Keras model


@dataclass
class Run:
    """One training run: its seed, its history {"loss": [...], "val_loss": [...], ...} per epoch, its final weights.

    With early stopping the weights are those of the best validation epoch; `test` holds the metrics on the test
    data ({"loss": ..., "accuracy": ...}) when test data was given, else {}.
    """

    seed: int
    history: dict
    weights: list = field(repr=False)
    test: dict = field(default_factory=dict)


def _check_data(data):
    if not isinstance(data, (tuple, list)) or len(data) != 4:
        raise ValueError(f"data must be (x_train, y_train, x_val, y_val), got {type(data).__name__} "
                         f"of length {len(data) if hasattr(data, '__len__') else '?'}")
    x_train, y_train, x_val, y_val = (np.asarray(a) for a in data)
    for x, y, part in ((x_train, y_train, "train"), (x_val, y_val, "val")):
        if x.ndim != 3:
            raise ValueError(f"x_{part} must be 3-D (samples, timesteps, features), got shape {x.shape}")
        if len(y) != len(x):
            raise ValueError(f"x_{part} has {len(x)} samples but y_{part} has {len(y)}")
    return x_train, y_train, x_val, y_val


def _compiled(build_fn, optimizer, clipnorm, loss, metrics):
    """The cached compiled model for these settings (built and compiled on first use)."""
    keras = import_keras()
    key = (build_fn, optimizer, clipnorm, loss if isinstance(loss, str) else id(loss), tuple(metrics))
    if key not in _COMPILED:
        model = build_fn()
        opt = {"adam": keras.optimizers.Adam, "sgd": keras.optimizers.SGD}[optimizer](learning_rate=0.001, clipnorm=clipnorm)
        model.compile(optimizer=opt, loss=loss, metrics=list(metrics))
        _COMPILED[key] = model
    return _COMPILED[key]


def clear_cache():
    """Forget every compiled model (the next run_experiment builds and traces again)."""
    _COMPILED.clear()


def reset_for_seed(model, build_fn, seed, learning_rate):
    """Give `model` the initial weights `build_fn()` draws after set_random_seed(seed); zero the optimizer and states."""
    keras = import_keras()
    keras.utils.set_random_seed(seed)
    model.set_weights(build_fn().get_weights())
    opt = model.optimizer
    for variable in opt.variables:
        if variable is not opt._learning_rate:
            variable.assign(np.zeros(variable.shape, variable.dtype))  # Adam's moments and the step counter
    opt.learning_rate = float(learning_rate)
    for layer in model.layers:
        if getattr(layer, "stateful", False):
            layer.reset_state()


def run_experiment(build_fn, seeds, data, *, epochs, batch_size=32, learning_rate=0.01, optimizer="adam",
                   clipnorm=None, loss="mse", metrics=(), shuffle=True, callbacks=(), progress=None, name="",
                   patience=None, test=None):
    """Train `build_fn()` once per seed on data = (x_train, y_train, x_val, y_val); return a list of Run.

    build_fn: a zero-argument function returning an uncompiled Keras model (name its layers).
    progress: an optional lessons.progress.Progress, redrawn after every epoch.
    patience: stop when val_loss has not improved for this many epochs and restore the best epoch's weights
    (early stopping sees the validation data only); None trains all `epochs`.
    test: optional (x_test, y_test), evaluated once after training with the kept weights.
    """
    keras = import_keras()
    if not callable(build_fn):
        raise TypeError(f"build_fn must be a function returning a Keras model, got {build_fn!r}")
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"optimizer must be one of {', '.join(OPTIMIZERS)}, got {optimizer!r}")
    seeds = [int(s) for s in seeds]
    if not seeds:
        raise ValueError("seeds must name at least one seed, got none")
    if isinstance(epochs, bool) or not isinstance(epochs, int) or epochs < 1:
        raise ValueError(f"epochs must be a positive int, got {epochs!r}")
    if patience is not None and (isinstance(patience, bool) or not isinstance(patience, int) or patience < 1):
        raise ValueError(f"patience must be a positive int (epochs without improvement) or None, got {patience!r}")
    x_train, y_train, x_val, y_val = _check_data(data)
    if test is not None:
        x_test, y_test = _check_data((*test, *test))[:2]
    model = _compiled(build_fn, optimizer, clipnorm, loss, metrics)
    runs = []
    for seed in seeds:
        reset_for_seed(model, build_fn, seed, learning_rate)
        extra = list(callbacks)
        if progress is not None:
            extra.append(_ProgressCallback(keras, progress, epochs, name))
        if patience is not None:
            extra.append(keras.callbacks.EarlyStopping(monitor="val_loss", patience=patience, restore_best_weights=True))
        keras.utils.set_random_seed(seed)  # the shuffling order
        history = model.fit(x_train, y_train, validation_data=(x_val, y_val), epochs=epochs, batch_size=batch_size,
                            shuffle=shuffle, callbacks=extra, verbose=0).history
        scores = {}
        if test is not None:
            scores = model.evaluate(x_test, y_test, batch_size=batch_size, verbose=0, return_dict=True)
        runs.append(Run(seed, {k: [float(v) for v in vals] for k, vals in history.items()}, model.get_weights(),
                        {k: float(v) for k, v in scores.items()}))
        if progress is not None:
            progress.run_done()
    return runs


def _ProgressCallback(keras, progress, epochs, name):
    """A Keras callback redrawing `progress` after every epoch."""

    class ProgressCallback(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            progress.epoch(epoch + 1, epochs, name)

    return ProgressCallback()


def curves(runs, key):
    """One metric of every run as an array (seeds, epochs)."""
    missing = [r.seed for r in runs if key not in r.history]
    if missing:
        raise KeyError(f"no {key!r} in the history of seed(s) {missing}; the keys are {sorted(runs[0].history)}")
    return np.array([r.history[key] for r in runs])  # (seeds, epochs)


def at_best(runs, key, monitor="val_loss"):
    """Each run's `key` at the epoch where `monitor` was lowest (the epoch early stopping keeps): (seeds,)."""
    for r in runs:
        if key not in r.history or monitor not in r.history:
            raise KeyError(f"no {key!r} or {monitor!r} in the history of seed {r.seed}; the keys are {sorted(r.history)}")
    return np.array([r.history[key][int(np.nanargmin(r.history[monitor]))] for r in runs])  # (seeds,)


def test_scores(runs, key):
    """Each run's test metric `key`: (seeds,); KeyError when the runs were not given test data."""
    missing = [r.seed for r in runs if key not in r.test]
    if missing:
        raise KeyError(f"no test {key!r} for seed(s) {missing}; run_experiment(..., test=(x_test, y_test)) records it")
    return np.array([r.test[key] for r in runs])  # (seeds,)


def final(runs, key):
    """The last epoch's value of one metric, per seed: (seeds,)."""
    return curves(runs, key)[:, -1]  # (seeds,)


def reset_states_every(chunks):
    """A Keras callback resetting every stateful layer's state before batch 0, chunks, 2*chunks, ... (train and val)."""
    keras = import_keras()
    chunks = int(chunks)

    class ResetEvery(keras.callbacks.Callback):
        def _reset(self, batch):
            if batch % chunks == 0:
                for layer in self.model.layers:
                    if getattr(layer, "stateful", False):
                        layer.reset_state()

        def on_train_batch_begin(self, batch, logs=None):
            self._reset(batch)

        def on_test_batch_begin(self, batch, logs=None):
            self._reset(batch)

    return ResetEvery()


def matched_units(count_params, target, *, high=512):
    """The units u in 1..high whose count_params(u) is nearest `target` (count_params must grow with u)."""
    if isinstance(target, bool) or not isinstance(target, (int, np.integer)) or target < 1:
        raise ValueError(f"target must be a positive int (a parameter count), got {target!r}")
    low, top = 1, int(high)
    while low < top:  # the smallest u with count_params(u) >= target
        mid = (low + top) // 2
        if count_params(mid) >= target:
            top = mid
        else:
            low = mid + 1
    if low > 1 and abs(count_params(low - 1) - target) <= abs(count_params(low) - target):
        return low - 1
    return low


def reset_states_each_epoch():
    """A Keras callback resetting every stateful layer's state when a training epoch starts (validation continues it)."""
    keras = import_keras()

    class ResetEachEpoch(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            for layer in self.model.layers:
                if getattr(layer, "stateful", False):
                    layer.reset_state()

    return ResetEachEpoch()
