"""Lesson 09's helpers: matched widths, per-layer sensitivity, saturation, the seed runner (small Keras runs), the figures."""
import numpy as np
import pytest
from matplotlib.figure import Figure

from lstmlab import Dense, LSTM, Stack, lstm_layer
from lstmlab.lessons.experiments import matched_units
from lstmlab.lessons.gradflow import lstm_weights, saturated_fraction, sensitivity_by_layer
from lstmlab.lessons.progress import Progress
from lstmlab.plots.experiments import curves_figure, horizon_figure, magnitude_figure


def stack(depth, units, timesteps=8, features=6):
    layers = [LSTM(units, return_sequences=k < depth - 1, name=f"lstm_{k}") for k in range(depth)]
    return Stack((timesteps, features), layers + [Dense(6, name="head")])


@pytest.mark.parametrize("depth", [1, 2, 4, 30])
def test_matched_units_is_the_nearest_width(depth):
    count = lambda u: stack(depth, u).count_params()
    target = stack(1, 24).count_params()
    best = min(range(1, 100), key=lambda u: (abs(count(u) - target), u))
    assert matched_units(count, target) == best


def test_matched_units_rejects_a_bad_target():
    with pytest.raises(ValueError, match="target must be a positive int"):
        matched_units(lambda u: u, 0)


def _stack_forward(layers, x):
    seq = x
    outs = []
    for kernel, recurrent_kernel, bias in layers:
        seq = lstm_layer(seq, kernel, recurrent_kernel, bias, return_sequences=True)
        outs.append(seq[:, -1])
    return outs  # each layer's last h, (batch, units)


def test_sensitivity_by_layer_equals_finite_differences():
    rng = np.random.default_rng(0)
    layers = [lstm_weights(rng, 3, 4), lstm_weights(rng, 4, 2)]
    x = rng.normal(size=(2, 5, 3))
    got = sensitivity_by_layer(layers, x)
    assert got.shape == (2, 5)
    eps = 1e-6
    for t in (0, 3):
        squares = np.zeros((2, 2))  # (layers, batch)
        for f in range(3):
            up, down = x.copy(), x.copy()
            up[:, t, f] += eps
            down[:, t, f] -= eps
            for layer, (a, b) in enumerate(zip(_stack_forward(layers, up), _stack_forward(layers, down))):
                squares[layer] += (((a - b) / (2 * eps)) ** 2).sum(axis=1)
        np.testing.assert_allclose(got[:, t], np.sqrt(squares.mean(axis=1)), rtol=1e-5)


def test_sensitivity_by_layer_names_a_mismatched_layer():
    rng = np.random.default_rng(1)
    with pytest.raises(ValueError, match=r"layer 2: kernel is \(5, 8\) but its input has 4 features"):
        sensitivity_by_layer([lstm_weights(rng, 3, 4), lstm_weights(rng, 5, 2)], rng.normal(size=(2, 4, 3)))
    with pytest.raises(ValueError, match="x must be"):
        sensitivity_by_layer([lstm_weights(rng, 3, 4)], np.zeros((4, 3)))


def test_saturated_fraction_grows_with_the_input_scale():
    rng = np.random.default_rng(2)
    weights = lstm_weights(rng, 2, 8)
    x = rng.uniform(0, 1, (16, 6, 2))
    small, large = saturated_fraction(*weights, x), saturated_fraction(*weights, 100 * x)
    assert set(small) == {"i", "f", "c~", "o"}
    assert all(large[g] > 0.5 > small[g] for g in small)
    assert saturated_fraction(*(0 * w for w in weights), x) == {"i": 0.0, "f": 0.0, "c~": 0.0, "o": 0.0}


def test_progress_is_silent_outside_ipython_and_checks_total():
    bar = Progress("x", total=2)
    bar.epoch(1, 3)
    bar.run_done()
    bar.done()
    assert bar.finished == 1
    with pytest.raises(ValueError, match="total must be a positive int"):
        Progress("x", total=0)


def test_curves_figure_draws_every_seed_and_marks_a_nan_run():
    runs = [{"loss": [3.0, 2.0, 1.0], "val_loss": [3.5, 2.5, 1.5]} for _ in range(3)]
    bad = [{"loss": [3.0, float("nan"), float("nan")], "val_loss": [3.0, float("nan"), float("nan")]}] * 3
    fig = curves_figure({"fine": runs, "broken": bad}, chance=(2.0, "mean"))
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    train = fig.axes[0]
    markers = [line for line in train.lines if line.get_marker() == "x"]
    assert len(markers) == 3 and all(line.get_xdata()[0] == 2 for line in markers)  # epoch 2: the first NaN
    medians = [line for line in train.lines if line.get_label() == "fine"]
    np.testing.assert_allclose(medians[0].get_ydata(), [3.0, 2.0, 1.0])
    with pytest.raises(KeyError, match="no 'accuracy' in a run's history"):
        curves_figure({"fine": runs}, metric="accuracy")


def test_horizon_and_magnitude_figures():
    values = np.random.default_rng(3).uniform(0.1, 1, (3, 2, 5))
    fig = horizon_figure({"a": values, "b": values}, lag=2)
    assert len(fig.axes) == 2
    with pytest.raises(ValueError, match=r"expected an array \(seeds, layers, timesteps\)"):
        horizon_figure({"a": values[0]})
    fig = magnitude_figure({"relu": [1.0, 10.0, np.inf], "tanh": [0.5, 0.6, 0.7]})
    np.testing.assert_allclose(fig.axes[0].lines[0].get_ydata(), [1.0, 10.0, np.nan])


@pytest.mark.keras
def test_run_experiment_reinitialises_each_seed_and_repeats_exactly(keras):
    from lstmlab.lessons.experiments import Run, clear_cache, final, reset_for_seed, run_experiment

    rng = np.random.default_rng(4)
    x = rng.normal(size=(32, 4, 2)).astype("float32")  # (samples, timesteps, features)
    y = x.sum(axis=(1, 2))[:, None].astype("float32")  # (samples, 1)
    spec = Stack((4, 2), [LSTM(3, name="lstm"), Dense(1, name="head")])
    build = spec.to_keras
    data = (x[:24], y[:24], x[24:], y[24:])
    first = run_experiment(build, [0, 1], data, epochs=2, batch_size=8, learning_rate=0.05)
    again = run_experiment(build, [0], data, epochs=2, batch_size=8, learning_rate=0.05)
    assert isinstance(first[0], Run) and set(first[0].history) == {"loss", "val_loss"}
    assert first[0].history == again[0].history  # seed 0 after seed 1: the optimizer and weights were reset
    assert first[0].history != first[1].history
    assert final(first, "loss").shape == (2,)
    model = next(iter(__import__("lstmlab.lessons.experiments", fromlist=["_COMPILED"])._COMPILED.values()))
    reset_for_seed(model, build, 1, 0.05)
    keras.utils.set_random_seed(1)
    for a, b in zip(model.get_weights(), build().get_weights()):
        np.testing.assert_array_equal(a, b)
    clear_cache()
    with pytest.raises(ValueError, match="data must be"):
        run_experiment(build, [0], (x, y), epochs=1)
    with pytest.raises(ValueError, match="x_val has 8 samples but y_val has 7"):
        run_experiment(build, [0], (x[:24], y[:24], x[24:], y[25:]), epochs=1)
    with pytest.raises(ValueError, match="optimizer must be one of adam, sgd"):
        run_experiment(build, [0], data, epochs=1, optimizer="rmsprop")


def test_at_best_reads_each_run_at_its_lowest_validation_loss():
    from lstmlab.lessons.experiments import Run, at_best, test_scores
    runs = [Run(0, {"val_loss": [0.9, 0.4, 0.6], "val_accuracy": [0.2, 0.7, 0.8]}, []),
            Run(1, {"val_loss": [0.5, 0.8], "val_accuracy": [0.6, 0.9]}, [], {"accuracy": 0.55})]  # ragged: early stopping
    np.testing.assert_array_equal(at_best(runs, "val_accuracy"), [0.7, 0.6])
    np.testing.assert_array_equal(test_scores(runs[1:], "accuracy"), [0.55])
    with pytest.raises(KeyError, match="test=\\(x_test, y_test\\)"):
        test_scores(runs, "accuracy")


def test_recall_stack_counts_equal_and_decreasing_widths():
    from lstmlab.lessons.deepstack import recall_stack
    lstm = lambda n_in, u: 4 * (n_in * u + u * u + u)  # lesson 01's formula
    assert recall_stack(3, (16, 8, 4), 8, 6).count_params() == lstm(6, 16) + lstm(16, 8) + lstm(8, 4) + 4 * 6 + 6
    assert recall_stack(2, 5, 8, 6).count_params() == lstm(6, 5) + lstm(5, 5) + 5 * 6 + 6
    gru = recall_stack(1, 7, 8, 6, cell="GRU")
    assert gru.count_params() == 3 * (6 * 7 + 7 * 7 + 2 * 7) + 7 * 6 + 6  # reset_after=True: two biases
    with pytest.raises(ValueError, match="expected 3 widths"):
        recall_stack(3, (4, 4), 8, 6)


@pytest.mark.keras
def test_deep_stack_counts_and_its_residual_path(keras):
    from lstmlab.lessons.deepstack import deep_stack
    plain, res, normed = (deep_stack(2, 4, 3, 5, 6, residual=r, norm=n)() for r, n in ((False, False), (True, False), (True, True)))
    lstm = 4 * (4 * 4 + 4 * 4 + 4)
    assert plain.count_params() == res.count_params() == (5 * 4 + 4) + 2 * lstm + (4 * 6 + 6)
    assert normed.count_params() == plain.count_params() + 2 * (2 * 4)  # LayerNormalization: gamma and beta
    x = np.random.default_rng(0).normal(size=(2, 3, 5)).astype("float32")  # (batch, timesteps, features)
    for model in (plain, res):
        for k in (1, 2):
            layer = model.get_layer(f"lstm_{k}")
            layer.set_weights([np.zeros_like(w) for w in layer.get_weights()])  # every LSTM now outputs h = 0
    embed_w, embed_b = res.get_layer("embed").get_weights()
    head_w, head_b = res.get_layer("head").get_weights()
    np.testing.assert_allclose(res.predict(x, verbose=0), (x[:, -1] @ embed_w + embed_b) @ head_w + head_b, rtol=1e-5)
    np.testing.assert_allclose(plain.predict(x, verbose=0), np.tile(plain.get_layer("head").get_weights()[1], (2, 1)), rtol=1e-6)
    assert deep_stack(2, 4, 3, 5, 6) is deep_stack(2, 4, 3, 5, 6)  # one builder per setting: traced once by the runner
    with pytest.raises(ValueError, match="expected residual=True"):
        deep_stack(2, 4, 3, 5, 6, norm=True)


@pytest.mark.keras
def test_early_stopping_keeps_the_best_epoch_and_scores_the_test_data(keras):
    from lstmlab.lessons.experiments import at_best, run_experiment
    rng = np.random.default_rng(5)
    x = rng.normal(size=(48, 4, 2)).astype("float32")  # (samples, timesteps, features)
    y = x.sum(axis=(1, 2))[:, None].astype("float32")  # (samples, 1)
    build = Stack((4, 2), [LSTM(3, name="lstm"), Dense(1, name="head")]).to_keras
    runs = run_experiment(build, [0], (x[:24], y[:24], x[24:36], y[24:36]), epochs=8, batch_size=8, learning_rate=0.5,
                          patience=1, test=(x[36:], y[36:]))
    model = build()
    model.set_weights(runs[0].weights)
    kept = float(np.mean((model.predict(x[24:36], verbose=0) - y[24:36]) ** 2))
    assert kept == pytest.approx(at_best(runs, "val_loss")[0], rel=1e-4)  # the restored weights are the best epoch's
    test = float(np.mean((model.predict(x[36:], verbose=0) - y[36:]) ** 2))
    assert runs[0].test["loss"] == pytest.approx(test, rel=1e-4)
    with pytest.raises(ValueError, match="patience must be a positive int"):
        run_experiment(build, [0], (x[:24], y[:24], x[24:36], y[24:36]), epochs=1, patience=0)
