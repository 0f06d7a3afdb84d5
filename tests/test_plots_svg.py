"""Lesson figures are crisp and readable: shown as SVG in a kernel (the same bytes every run), no wider than a notebook
column, and their legends and tick labels at least as large as the lesson's body text (13 px = 9.75 pt)."""
import numpy as np
import pytest

from lstmlab import lstm_gates
from lstmlab.plots import activations, cost, experiments, forecast, gates, mixing, training, weights

BODY_PT = 9.75  # 13 CSS px: JupyterLab's body text; 1 pt = 4/3 px when an SVG is shown at its size
MAX_WIDTH_IN = 10.25  # 984 CSS px: the output column of JupyterLab in a 1280 px window, figures never shrunk


def _figures(rng):
    kernel, rk, bias = rng.normal(size=(3, 16)), rng.normal(size=(4, 16)), rng.normal(size=16)
    x, h, c = rng.normal(size=(2, 3)), rng.normal(size=(2, 4)), rng.normal(size=(2, 4))
    response = {g: np.abs(rng.normal(size=4)) for g in ("i", "f", "c_tilde", "o")}
    runs = [{"loss": list(rng.random(5)), "val_loss": list(rng.random(5))} for _ in range(3)]
    dates = np.arange(60)
    series = rng.normal(size=60)
    return {
        "activation_curves": activations.activation_curves_figure(),
        "gate_bars": gates.gate_bars_figure(lstm_gates(x, h, c, kernel, rk, bias)),
        "weight_blocks": weights.weight_blocks_figure(kernel, rk, bias),
        "unit_response": mixing.unit_response_figure({"a": response, "b": response}),
        "params_time": cost.params_time_figure([1, 2], [96, 96], {"NumPy": [0.1, 0.2], "Keras": [0.2, 0.3]}),
        "bars": cost.bars_figure({"a": 0.1, "b": 0.2}, title="t"),
        "sweep": cost.sweep_figure({n: [{"value": 1, "keras_s": 0.1, "numpy_s": 0.1, "flops": 1e6},
                                        {"value": 2, "keras_s": 0.2, "numpy_s": 0.2, "flops": 2e6}] for n in "abc"}),
        "loss_curves": training.loss_curves_figure({"a": [1.0, 0.5], "b": [1.0, 0.4]}),
        "gradient_flow": training.gradient_flow_figure({"a": [1.0, 2.0]}, {"a": [1.0, 2.0]}),
        "curves": experiments.curves_figure({"a": runs, "b": runs}, chance=(0.5, "chance")),
        "magnitude": experiments.magnitude_figure({"a": [1.0, 2.0, 3.0]}),
        "horizon": experiments.horizon_figure({"a": rng.random((2, 2, 5)), "b": rng.random((2, 2, 5))}, lag=2),
        "split": forecast.split_figure(dates, series, (40, 10, 10)),
        "leakage": forecast.leakage_figure(dates, series, series + 1, 40),
        "forecast": forecast.forecast_figure(dates, series, {"a": series, "b": series}),
        "horizon_error": forecast.horizon_error_figure({"a": [1.0, 2.0], "b": [1.0, 3.0]}),
    }


@pytest.fixture(scope="module")
def figures():
    return _figures(np.random.default_rng(0))


def test_legends_and_tick_labels_are_as_large_as_body_text(figures):
    small = []
    for name, fig in figures.items():
        for ax in fig.axes:
            texts = [*ax.get_xticklabels(), *ax.get_yticklabels()]
            if ax.get_legend() is not None:
                texts += ax.get_legend().get_texts()
            small += [(name, t.get_text(), t.get_fontsize()) for t in texts if t.get_text() and t.get_fontsize() < BODY_PT]
    assert not small, small


def test_lesson_figures_fit_a_notebook_column(figures):
    wide = {name: fig.get_figwidth() for name, fig in figures.items() if fig.get_figwidth() > MAX_WIDTH_IN}
    assert not wide, wide


def test_figures_show_as_the_same_svg_in_a_kernel():
    """A lesson's first cell runs `%matplotlib inline`; importing lstmlab.plots (before or after it) makes figures SVG,
    and running the notebook twice gives the same bytes (random ids and the date would make every run a diff)."""
    nbformat = pytest.importorskip("nbformat")
    from nbclient import NotebookClient
    cells = ["%matplotlib inline\nfrom lstmlab.plots.activations import activation_curves_figure\nactivation_curves_figure()",
             "%matplotlib inline\nactivation_curves_figure()",
             "import matplotlib.pyplot as plt\nfig = plt.figure(figsize=(2, 2)); plt.imshow([[0, 1], [1, 0]]); plt.show()"]
    outputs = []
    for _ in range(2):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
        NotebookClient(nb, timeout=120, kernel_name="python3").execute()
        outputs.append([[o.get("data", {}) for o in cell.outputs] for cell in nb.cells])
    for cell in outputs[0]:
        (data,) = cell
        assert "image/svg+xml" in data and "image/png" not in data, sorted(data)
        svg = data["image/svg+xml"]
        assert "<dc:date>" not in svg and svg.startswith("<?xml") and svg.rstrip().endswith("</svg>")
        assert "\n" not in svg  # compact: a quarter smaller stored in a notebook than matplotlib's indented lines
    assert outputs[0] == outputs[1]


def test_compact_svg_keeps_every_element_and_attribute():
    import io
    import xml.etree.ElementTree as ET
    from lstmlab.plots import compact_svg
    buf = io.StringIO()
    activations.activation_curves_figure().savefig(buf, format="svg")
    svg = buf.getvalue()
    full, small = ET.fromstring(svg.encode()), ET.fromstring(compact_svg(svg).encode())
    assert len(compact_svg(svg)) < 0.9 * len(svg)
    strip = lambda v: " ".join(v.split())
    assert [(e.tag, {k: strip(v) for k, v in e.attrib.items()}) for e in full.iter()] == \
        [(e.tag, {k: strip(v) for k, v in e.attrib.items()}) for e in small.iter()]
