"""Forecasting models for lesson 10: the series, their split, the baselines and the LSTMs, each forecasting the same origins.

Every model forecasts the scaled monthly (or yearly) *changes* of a series from windows of past changes and is
scored in the series' unit. The stateful LSTM is stepped in NumPy (`lstm_step`, equal to Keras's LSTMCell,
lesson 01), so the state it carries is plain arrays that can be copied at a forecast origin and run ahead.
Keras and statsmodels are imported inside the functions that use them.
"""
import warnings
from dataclasses import dataclass

import numpy as np

from ..data import forecast as fc
from ..data.stateful import stateful_batches
from ..data.windows import make_windows
from ..oracle.keras_bridge import import_keras
from ..reference.cell import lstm_step
from ..reference.validate import check_positive_int

# name -> season (steps per cycle), window length, SARIMA order and seasonal order
SERIES = {"co2": {"season": 12, "timesteps": 24, "unit": "ppm", "order": (1, 1, 1), "seasonal_order": (0, 1, 1, 12)},
          "sunspots": {"season": 11, "timesteps": 22, "unit": "sunspots", "order": (2, 0, 1), "seasonal_order": (1, 0, 0, 11)}}


def fit_autoregression(windows, targets):
    """Least-squares linear autoregression with an intercept: coefficients (timesteps + 1,) for [window, 1]."""
    windows = np.asarray(windows, dtype=float).reshape(len(windows), -1)  # (samples, timesteps)
    design = np.hstack([windows, np.ones((len(windows), 1))])  # (samples, timesteps + 1)
    coef, *_ = np.linalg.lstsq(design, np.asarray(targets, dtype=float).ravel(), rcond=None)  # (timesteps + 1,)
    return coef


def predict_autoregression(coef, windows):
    """The next value of each window: window @ coef[:-1] + coef[-1]: (samples,)."""
    windows = np.asarray(windows, dtype=float).reshape(len(windows), -1)  # (samples, timesteps)
    if windows.shape[1] != len(coef) - 1:
        raise ValueError(f"coefficients are for windows of {len(coef) - 1} steps, got windows of {windows.shape[1]}")
    return windows @ coef[:-1] + coef[-1]  # (samples,)


def split_stack_weights(weights):
    """Keras get_weights() of LSTM layers then one Dense -> ([(kernel, recurrent_kernel, bias), ...], (dense_kernel, dense_bias))."""
    if len(weights) < 5 or (len(weights) - 2) % 3:
        raise ValueError(f"expected 3 arrays per LSTM layer then a Dense kernel and bias, got {len(weights)} arrays")
    layers = [tuple(weights[k:k + 3]) for k in range(0, len(weights) - 2, 3)]
    return layers, (weights[-2], weights[-1])


def stack_step(layers, head, x, state):
    """One time step x (batch, features) through the stacked LSTM layers and the Dense head: (y (batch, out), new state)."""
    new_state, inputs = [], x  # (batch, features)
    for (kernel, recurrent_kernel, bias), (h, c) in zip(layers, state):
        h, c = lstm_step(inputs, h, c, kernel, recurrent_kernel, bias)  # (batch, units) each
        new_state.append((h, c))
        inputs = h  # (batch, units): the next layer's input at this step
    dense_kernel, dense_bias = head
    return inputs @ dense_kernel + dense_bias, new_state  # (batch, out)


def stateful_forecasts(weights, stream, origins, horizon):
    """Run a trained stacked LSTM over the whole 1-feature stream, carrying h and c from step 0; at each origin o,
    forecast stream[o .. o+horizon-1] by feeding its own predictions back, from a copy of the state. (origins, horizon)."""
    layers, head = split_stack_weights([np.asarray(w, dtype=np.float64) for w in weights])
    stream = np.asarray(stream, dtype=np.float64).ravel()  # (N,)
    horizon = check_positive_int(horizon, "horizon")
    origins = [int(o) for o in origins]
    if not origins or min(origins) < 1 or max(origins) > len(stream):
        raise ValueError(f"origins must lie in 1..{len(stream)} (a forecast needs at least one step of history)")
    state = [(np.zeros((1, k.shape[1] // 4)), np.zeros((1, k.shape[1] // 4))) for k, _, _ in layers]
    out, wanted = {}, set(origins)
    for t in range(max(origins)):
        y, state = stack_step(layers, head, stream[t:t + 1, None], state)  # y (1, 1): the forecast of stream[t+1]
        if t + 1 in wanted:
            path, ahead = [float(y[0, 0])], state
            for _ in range(horizon - 1):
                y_next, ahead = stack_step(layers, head, np.array([[path[-1]]]), ahead)  # (1, 1)
                path.append(float(y_next[0, 0]))
            out[t + 1] = path
    return np.array([out[o] for o in origins])  # (origins, horizon)


def load_series(name):
    """(dates, values) of a series statsmodels ships: "co2" (monthly means of weekly ppm, gaps filled forward) or "sunspots" (yearly)."""
    if name == "co2":
        from statsmodels.datasets import co2
        weekly = co2.load_pandas().data["co2"]  # pandas Series, one value per week, 59 NaN
        weekly[:] = fc.fill_forward(weekly.to_numpy())  # each gap takes the last week seen before it
        monthly = weekly.resample("MS").mean()  # one value per month
        return monthly.index, monthly.to_numpy()  # (526,), (526,)
    if name == "sunspots":
        from statsmodels.datasets import sunspots
        data = sunspots.load_pandas().data
        return data["YEAR"].to_numpy().astype(int), data["SUNACTIVITY"].to_numpy()  # (309,), (309,)
    raise ValueError(f"expected a series name in {sorted(SERIES)}, got {name!r}")


@dataclass
class Split:
    """A series split by time, its changes scaled with the training part's statistics, windows labelled by the step they forecast."""

    series: np.ndarray  # (N,) in the series' unit
    season: int
    timesteps: int
    horizon: int
    n_train: int
    n_val: int

    def __post_init__(self):
        self.diffs = np.diff(self.series)  # (N-1,): diffs[i] = series[i+1] - series[i]
        self.diff_stats = fc.fit_scaler(self.diffs[:self.n_train - 1])  # changes inside the training part only
        self.scaled = fc.scale(self.diffs, self.diff_stats).ravel()  # (N-1,)
        self.x, self.y = make_windows(self.scaled, self.timesteps, 0)  # (W, T, 1), (W,)
        self.step = np.arange(len(self.x)) + self.timesteps + 1  # (W,): the step each window forecasts
        self.train, self.val, self.test = self.parts(self.step)
        self.test_steps = np.arange(self.n_train + self.n_val, len(self.series))  # (n_test,)
        self.origins = np.arange(self.n_train + self.n_val, len(self.series) - self.horizon + 1)  # (origins,)
        self.targets = np.stack([self.series[o:o + self.horizon] for o in self.origins])  # (origins, H)
        self.origin_windows = np.stack([self.scaled[o - 1 - self.timesteps:o - 1] for o in self.origins])[:, :, None]  # (origins, T, 1)

    def parts(self, step):
        """Boolean masks (train, val, test) of the part each forecast step falls in."""
        step = np.asarray(step)
        return step < self.n_train, (step >= self.n_train) & (step < self.n_train + self.n_val), step >= self.n_train + self.n_val

    def one_step_levels(self, changes):
        """Scaled one-step changes of the test windows -> forecasts in the series' unit: (n_test,)."""
        return self.series[self.test_steps - 1] + fc.unscale(np.ravel(changes), self.diff_stats).ravel()

    def path_levels(self, changes):
        """Scaled changes (origins, H) -> forecast paths in the series' unit from each origin's last value: (origins, H)."""
        return self.series[self.origins - 1][:, None] + np.cumsum(fc.unscale(changes, self.diff_stats), axis=1)


def split(name, train_fraction=0.7, val_fraction=0.15):
    """The Split of a named series (SERIES), horizon one season."""
    spec = SERIES[name]
    _, values = load_series(name)
    n_train, n_val, _ = fc.split_sizes(len(values), train_fraction, val_fraction)
    return Split(values, spec["season"], spec["timesteps"], spec["season"], n_train, n_val)


def lstm_net(units, out=1, timesteps=24, stateful=False):
    """LSTM(units[0]) -> ... -> Dense(out); return_sequences between layers (and on the last when stateful, batch 1)."""
    keras = import_keras()
    inputs = keras.Input((timesteps, 1), batch_size=1 if stateful else None)
    x = inputs  # (batch, timesteps, 1)
    for k, u in enumerate(units):
        x = keras.layers.LSTM(u, return_sequences=stateful or k < len(units) - 1, stateful=stateful, name=f"lstm_{k + 1}")(x)
    return keras.Model(inputs, keras.layers.Dense(out, name="head")(x))


def mlp_net(hidden=48, timesteps=24):
    """The same windows flattened -> Dense(hidden, relu) -> Dense(1): a small feed-forward network."""
    keras = import_keras()
    inputs = keras.Input((timesteps, 1))
    x = keras.layers.Dense(hidden, activation="relu", name="hidden")(keras.layers.Flatten()(inputs))
    return keras.Model(inputs, keras.layers.Dense(1, name="head")(x))


def fit(build, data, seed, *, epochs=100, batch_size=32, shuffle=True, learning_rate=0.01, callbacks=()):
    """set_random_seed(seed), build(), Adam, MSE, early stopping on the validation loss (patience 10, best weights kept): (model, history dict)."""
    keras = import_keras()
    x, y, x_val, y_val = data
    keras.utils.set_random_seed(int(seed))
    model = build()
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="mse")
    stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=10, restore_best_weights=True)
    history = model.fit(x, y, validation_data=(x_val, y_val), epochs=epochs, batch_size=batch_size, shuffle=shuffle,
                        callbacks=[stop, *callbacks], verbose=0).history
    return model, history


def predictor(model):
    """windows (samples, T, 1) -> the model's outputs as float64 (samples,) or (samples, out)."""
    def predict(windows):
        out = np.asarray(model(np.asarray(windows, dtype=np.float32), training=False), dtype=float)  # (samples, out)
        return out[:, 0] if out.shape[1] == 1 else out
    return predict


def one_step_lstm(s, units, seed, **train):
    """A window LSTM on the scaled changes (train: fit's keywords, e.g. learning_rate): (one-step forecasts (n_test,), recursive paths (origins, H), history)."""
    data = (s.x[s.train], s.y[s.train], s.x[s.val], s.y[s.val])
    model, history = fit(lambda: lstm_net(units, 1, s.timesteps), data, seed, **train)
    predict = predictor(model)
    return s.one_step_levels(predict(s.x[s.test])), s.path_levels(fc.recursive_forecast(predict, s.origin_windows, s.horizon)), history


def one_step_mlp(s, seed, hidden=48, **train):
    """The MLP on the same windows: (one-step forecasts, recursive paths, history)."""
    data = (s.x[s.train], s.y[s.train], s.x[s.val], s.y[s.val])
    model, history = fit(lambda: mlp_net(hidden, s.timesteps), data, seed, **train)
    predict = predictor(model)
    return s.one_step_levels(predict(s.x[s.test])), s.path_levels(fc.recursive_forecast(predict, s.origin_windows, s.horizon)), history


def direct_lstm(s, units, seed, **train):
    """One LSTM with Dense(H) trained on the next H changes at once: (paths (origins, H), history)."""
    x, y = fc.horizon_targets(s.scaled, s.timesteps, s.horizon)  # (M, T, 1), (M, H)
    first = np.arange(len(x)) + s.timesteps + 1  # (M,): the first step each window forecasts
    on_train = first + s.horizon - 1 < s.n_train  # all H targets in training
    on_val = (first >= s.n_train) & (first + s.horizon - 1 < s.n_train + s.n_val)
    model, history = fit(lambda: lstm_net(units, s.horizon, s.timesteps), (x[on_train], y[on_train], x[on_val], y[on_val]), seed, **train)
    return s.path_levels(predictor(model)(s.origin_windows)), history


def _stream_chunks(s, start, stop, chunk, keep_end):
    pairs = np.stack([s.scaled[start:stop - 1], s.scaled[start + 1:stop]], axis=1)  # (steps, 2): input change, next change
    extra = len(pairs) % chunk
    pairs = pairs[extra:] if keep_end else pairs[:len(pairs) - extra]
    chunks = stateful_batches(pairs, 1, chunk)[:, 0]  # (n_chunks, chunk, 2)
    return chunks[..., :1], chunks[..., 1:]


def stateful_lstm(s, units, seed, chunk=None, **train):
    """A stateful LSTM trained on the training part's changes as one stream (batch 1, chunks of a season, state reset
    each epoch), its state carried in NumPy from the first change to each origin: (paths (origins, H), history)."""
    from .experiments import reset_states_each_epoch
    chunk = chunk or s.season
    data = (*_stream_chunks(s, 0, s.n_train - 1, chunk, True), *_stream_chunks(s, s.n_train - 2, s.n_train + s.n_val - 1, chunk, False))
    model, history = fit(lambda: lstm_net(units, 1, chunk, stateful=True), data, seed, batch_size=1, shuffle=False,
                         callbacks=[reset_states_each_epoch()], **train)
    changes = stateful_forecasts(model.get_weights(), s.scaled, s.origins - 1, s.horizon)  # (origins, H)
    return s.path_levels(changes), history


def level_lstm(s, units, seed, leaky, **train):
    """The LSTM on windows of the scaled LEVEL, scaler fitted on the training part (or, leaky, the whole series): (test forecasts (n_test,), history)."""
    stats = fc.fit_scaler(s.series if leaky else s.series[:s.n_train])
    scaled = fc.scale(s.series, stats).ravel()  # (N,)
    x, y = make_windows(scaled, s.timesteps, 0)  # (N-T, T, 1), (N-T,)
    on_train, on_val, on_test = s.parts(np.arange(len(x)) + s.timesteps)
    model, history = fit(lambda: lstm_net(units, 1, s.timesteps), (x[on_train], y[on_train], x[on_val], y[on_val]), seed, **train)
    return fc.unscale(predictor(model)(x[on_test]), stats).ravel(), history  # (n_test,)


def autoregression(s):
    """The linear AR on the same scaled-change windows as the LSTM: (one-step forecasts, recursive paths)."""
    coef = fit_autoregression(s.x[s.train], s.y[s.train])  # (T + 1,)
    predict = lambda w: predict_autoregression(coef, w)  # noqa: E731
    return s.one_step_levels(predict(s.x[s.test])), s.path_levels(fc.recursive_forecast(predict, s.origin_windows, s.horizon))


def state_space(s, kind, order=None, seasonal_order=None, level=0.95):
    """SARIMA ("sarima") or additive Holt-Winters ("holt-winters"), fitted on the training part, run over the series with the
    same parameters: (one-step forecasts, one-step interval (n_test, 2), paths (origins, H), path intervals (origins, H, 2), params)."""
    from statsmodels.tsa.statespace.exponential_smoothing import ExponentialSmoothing
    from statsmodels.tsa.statespace.sarimax import SARIMAX
    train = s.series[:s.n_train]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # statsmodels' convergence and frequency notes
        if kind == "sarima":
            fitted = SARIMAX(train, order=order, seasonal_order=seasonal_order).fit(disp=False)
        elif kind == "holt-winters":
            fitted = ExponentialSmoothing(train, trend=True, seasonal=s.season).fit(disp=False)
        else:
            raise ValueError(f"expected kind 'sarima' or 'holt-winters', got {kind!r}")
        applied = fitted.apply(s.series)
        first = applied.get_prediction(start=s.test_steps[0])
        paths = [applied.get_prediction(start=o, end=o + s.horizon - 1, dynamic=True) for o in s.origins]
    return (np.asarray(first.predicted_mean), np.asarray(first.conf_int(alpha=1 - level)),
            np.stack([np.asarray(p.predicted_mean) for p in paths]), np.stack([np.asarray(p.conf_int(alpha=1 - level)) for p in paths]),
            len(fitted.params))


def naive_baselines(s):
    """Seasonal naive and seasonal naive with drift (plus the last season's change): {name: (one-step, paths)}."""
    seasonal = s.series[s.origins[:, None] - s.season + np.arange(s.horizon)]  # (origins, H)
    drift = fc.seasonal_naive_drift(s.series, s.origins, s.season, s.horizon)  # (origins, H)
    return {"seasonal naive": (s.series[s.test_steps - s.season], seasonal),
            "seasonal naive + drift": (fc.seasonal_naive_drift(s.series, s.test_steps, s.season, 1)[:, 0], drift)}
