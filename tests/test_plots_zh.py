"""Figure labels follow the language (issue #26): with set_language("zh") every word a learner reads in a lesson's
figure is Chinese (Keras and Python identifiers, the course's term `cell` and units of measure aside), drawn with a
CJK font and no missing glyph; with no CJK font, the same figures stay English rather than draw boxes."""
import re
import warnings

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

import lstmlab
from lstmlab.explore.cell_core import cell_trace
from lstmlab.plots import fonts
from lstmlab.reference.cell import lstm_gates
from lstmlab.reference.dropout import dropout_masks
from lstmlab.shapes.specs import LSTM, Bidirectional, Dense, Dropout
from lstmlab.shapes.stack import Stack

pytestmark = pytest.mark.usefixtures("fresh_language")

# Words a Chinese figure keeps: Keras/Python names (layers, arguments, activations, weights), the names the figures
# compute with, units of measure, and `cell` (the course's Chinese keeps it: see the glossary).
KEPT = {
    "LSTM", "GRU", "Dense", "Dropout", "Bidirectional", "return_sequences", "True", "False", "None", "stateful",
    "reset_states", "timesteps", "features", "units", "batch", "sigmoid", "hard_sigmoid", "hard_sigmoid_keras2", "tanh",
    "kernel", "recurrent_kernel", "bias", "dropout", "recurrent_dropout", "c_tilde", "c_prev", "h_prev", "x_t", "dL",
    "dx_t", "dkernel", "epoch", "loss", "MSE", "MFLOPs", "ms", "MB", "BPTT", "NumPy", "Keras", "make_windows",
    "series", "cell", "MAE", "relu", "val_loss", "lstm", "lstm_1", "bidirectional", "dense", "dropout_1", "lstm_2",
}
WORD = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")
HAN = re.compile(r"[\u4e00-\u9fff]")


def _weights(rng, features=3, units=2):
    return rng.normal(size=(features, 4 * units)), rng.normal(size=(units, 4 * units)), rng.normal(size=4 * units)


def _figures():
    """(name, Figure) for every figure a lesson draws from lstmlab.plots (the callers' own labels left out)."""
    from lstmlab.plots.activations import activation_curves_figure
    from lstmlab.plots.cell import compare_figure, gate_trace_figure
    from lstmlab.plots.cost import bars_figure, memory_figure, params_time_figure, sweep_figure
    from lstmlab.plots.gates import gate_bars_figure
    from lstmlab.plots.mixing import unit_response_figure
    from lstmlab.plots.stack import stack_grid_figure, stack_pair_figure
    from lstmlab.plots.stateful import stateful_chunks_figure, stateful_flow_figure
    from lstmlab.plots.training import dropout_masks_figure, gradient_flow_figure, loss_curves_figure
    from lstmlab.plots.unrolled import unrolled_figure
    from lstmlab.plots.weights import weight_blocks_figure
    from lstmlab.plots.windows import windows_figure
    from lstmlab.plots.experiments import curves_figure, horizon_figure, magnitude_figure
    from lstmlab.plots.forecast import forecast_figure, horizon_error_figure, leakage_figure, split_figure
    from lstmlab.lessons.mixing import unit_response
    rng = np.random.default_rng(0)
    x = rng.normal(size=(8, 3))  # (timesteps, features)
    trace = cell_trace(x, *_weights(rng))
    gates = lstm_gates(rng.normal(size=(2, 3)), np.zeros((2, 2)), np.zeros((2, 2)), *_weights(rng))
    rows = [dict(value=v, flops=1e6 * v, keras_s=0.001 * v, numpy_s=0.002 * v) for v in (1, 2, 4)]
    kernel, rk, bias = _weights(rng, 3, 3)
    response = unit_response(rng.normal(size=(1, 3)), rng.normal(size=(1, 3)), rng.normal(size=(1, 3)), kernel, rk,
                             bias, unit=1)
    whole, off, on = rng.normal(size=(3, 12))
    mine = {k: v + (0.1 if k == "h" else 0.0) for k, v in trace.items()}
    stack = Stack((5, 2), [Bidirectional(LSTM(8, return_sequences=True)), Dropout(0.2), LSTM(4), Dense(1)])
    return [
        ("activation curves", activation_curves_figure()),
        ("stack grid", stack_grid_figure(stack)),
        ("stateful stack", stack_grid_figure(Stack((5, 2), [LSTM(8, stateful=True)], batch_size=4))),
        ("stack pair", stack_pair_figure()),
        ("stateful flow", stateful_flow_figure(3, 3, timesteps=4)),
        ("stateful flow, shuffled", stateful_flow_figure(3, 3, shuffled=True, reset_between=False)),
        ("stateful flow, reset", stateful_flow_figure(2, 3, reset_between=True)),
        ("stateful flow, one batch", stateful_flow_figure(2, 1)),
        ("stateful chunks", stateful_chunks_figure(whole, off, on, chunk=4)),
        ("gate trace", gate_trace_figure(trace)),
        ("compare", compare_figure(trace, mine, (2, "h"))),
        ("gate bars", gate_bars_figure(gates, sample=1)),
        ("unrolled", unrolled_figure(x, trace, max_timesteps=4)),
        ("weights", weight_blocks_figure(*_weights(rng))),
        ("windows", windows_figure(np.arange(24.0).reshape(12, 2), 3, sample=1)),
        ("sweep", sweep_figure({"timesteps": rows, "units": rows})),
        ("memory", memory_figure([10, 20], [1e6, 2e6], [100, 100])),
        ("bars", bars_figure({"NumPy": 0.001, "Keras": 0.002}, title="")),
        ("params and time", params_time_figure([1, 2, 3], [96, 96, 96], {"NumPy": [0.001, 0.002, 0.003]})),
        ("loss curves", loss_curves_figure({"NumPy": [1.0, 0.5], "Keras": [1.0, 0.4]})),
        ("gradient flow", gradient_flow_figure({"LSTM": np.array([0.5, 1.0, 2.0])}, {"LSTM": np.array([1.0, 2.0])})),
        ("dropout masks", dropout_masks_figure(dropout_masks(3, 4, 5, dropout=0.5, recurrent_dropout=0.5, seed=0))),
        ("no dropout", dropout_masks_figure({})),
        ("unit response", unit_response_figure({"U": response}, unit=1)),
        ("curves", curves_figure({"LSTM": [{"loss": [3.0, 2.0], "val_loss": [3.5, 2.5]}] * 2})),
        ("horizon", horizon_figure({"LSTM": rng.random((2, 2, 5)) + 0.1}, lag=2)),
        ("magnitude", magnitude_figure({"relu": [1.0, 10.0, np.inf], "tanh": [0.5, 0.6, 0.7]})),
        ("split", split_figure(np.arange(20), np.linspace(0, 1, 20), (14, 3, 3))),
        ("leakage", leakage_figure(np.arange(20), np.linspace(0, 1, 20), np.linspace(0, 2, 20), 14)),
        ("forecast", forecast_figure(np.arange(5), np.arange(5.0), {"LSTM": np.arange(5.0) + 0.5})),
        ("horizon error", horizon_error_figure({"LSTM": [1.0, 2.0, 3.0]})),
    ]


def _drawn_texts(fig):
    """Every text the figure shows once drawn (titles, axis labels, tick labels, legends, annotations), and the
    glyph warnings drawing it raised."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        FigureCanvasAgg(fig).draw()
    texts = [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    return texts, [str(w.message) for w in caught if "Glyph" in str(w.message)]


def _english(text):
    if text.startswith("$") and text.endswith("$"):
        return []  # a log axis's tick: matplotlib's mathtext (10^{-1}), no words
    return sorted({w for w in WORD.findall(text) if w not in KEPT and not re.fullmatch(r"[A-Za-z]\d*(_[A-Za-z0-9]*)?", w)})  # h0, h_T: symbols


def test_every_figure_speaks_chinese_with_a_cjk_font():
    assert fonts.cjk_font() is not None, "no CJK font: apt-get install fonts-noto-cjk (CI installs it)"
    lstmlab.set_language("zh")
    for name, fig in _figures():
        texts, missing = _drawn_texts(fig)
        assert not missing, (name, missing[:3])
        english = {text: _english(text) for text in texts if _english(text)}
        assert not english, (name, english)
        assert any(HAN.search(t) for t in texts), (name, texts)


def test_the_same_figures_speak_english_by_default():
    for name, fig in _figures():
        texts, _ = _drawn_texts(fig)
        assert not any(HAN.search(t) for t in texts), (name, [t for t in texts if HAN.search(t)])
    texts, _ = _drawn_texts(_figures()[3][1])  # the stack pair
    assert any(t.startswith("breaks: LSTM(64) -> LSTM(32)") for t in texts)


def test_without_a_cjk_font_chinese_figures_stay_english(monkeypatch):
    """Never boxes for missing glyphs: no CJK font, English labels."""
    monkeypatch.setattr(fonts, "cjk_font", lambda: None)
    lstmlab.set_language("zh")
    assert fonts.figure_language() == "en" and fonts.say("plot.unit") == "unit"
    from lstmlab.plots.activations import activation_curves_figure
    texts, _ = _drawn_texts(activation_curves_figure())
    assert "gate value" in texts and not any(HAN.search(t) for t in texts)


def test_a_chinese_label_is_the_catalogues():
    lstmlab.set_language("zh")
    from lstmlab.messages.zh import MESSAGES as ZH
    from lstmlab.plots.activations import activation_curves_figure
    fig = activation_curves_figure()
    assert fig.axes[0].get_ylabel() == ZH["plot.activations.y"] and HAN.search(ZH["plot.activations.y"])
