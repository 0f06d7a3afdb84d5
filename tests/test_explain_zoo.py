"""A zoo of small models learners write: explain() on each, every printed number, shape and formula compared to Keras,
the expected findings found (and no others), and every finding's fix applied to the config and rebuilt."""
import re

import numpy as np
import pytest

from lstmlab import explain
from lstmlab.explainer.findings import CELL_KEYS

pytestmark = pytest.mark.keras
RECURRENT = ("LSTM", "GRU", "SimpleRNN")
NO_CONFIG_FIX = {"one_step", "go_backwards_sequences", "deep_stack", "input_shape_ignored"}  # data or structure fixes


def _seq(keras, shape, *layers, batch=None):
    return keras.Sequential([keras.Input(batch_shape=(batch, *shape)), *layers])


def _return_state_chain(keras):
    L = keras.layers
    x = keras.Input((6, 3))
    out, _, _ = L.LSTM(4, return_state=True, name="enc")(x)
    return keras.Model(x, L.Dense(1, name="head")(out))


def _functional_stack(keras):
    L = keras.layers
    x = keras.Input((6, 3))
    return keras.Model(x, L.Dense(2)(L.GRU(4)(L.LSTM(5, return_sequences=True)(x))))


def _two_inputs(keras):
    L = keras.layers
    a, b = keras.Input((5, 2)), keras.Input((5, 2))
    return keras.Model([a, b], L.Dense(1)(L.LSTM(3)(L.Concatenate()([a, b]))))


def _subclassed(keras):
    class Twice(keras.Model):
        def __init__(self):
            super().__init__()
            self.rnn = keras.layers.LSTM(3)

        def call(self, x):
            return 2 * self.rnn(x)

    model = Twice()
    model(np.zeros((1, 4, 2), "float32"))
    return model


def zoo(keras):
    """(id, model, expected {(layer name, finding kind)}); None as findings: out of scope."""
    L = keras.layers
    rs = dict(return_sequences=True)
    return [
        ("seed000", _seq(keras, (5, 2), L.LSTM(64, **rs), L.LSTM(32)), set()),
        ("per_step_dense", _seq(keras, (5, 2), L.LSTM(8, name="r", **rs), L.Dense(1, name="d")), {("d", "dense_per_step")}),
        ("per_step_two_dense", _seq(keras, (5, 2), L.LSTM(8, name="r", **rs), L.Dense(8, name="d8"), L.Dense(1)),
         {("d8", "dense_per_step")}),
        ("per_step_three_units", _seq(keras, (5, 2), L.LSTM(8, **rs), L.Dense(3, name="d")), {("d", "dense_per_step")}),
        ("variable_length_per_step", _seq(keras, (None, 3), L.LSTM(8, **rs), L.Dense(1, name="d")),
         {("d", "dense_per_step")}),
        ("variable_length_gru", _seq(keras, (None, 3), L.GRU(8), L.Dense(2)), set()),
        ("gru_relu", _seq(keras, (5, 2), L.GRU(4, activation="relu", name="g")),
         {("g", "relu_in_lstm"), ("g", "no_fused_kernel")}),
        ("gru_reset_after_false", _seq(keras, (5, 2), L.GRU(4, reset_after=False, name="g")), {("g", "no_fused_kernel")}),
        ("simple_rnn", _seq(keras, (5, 2), L.SimpleRNN(8), L.Dense(1)), set()),
        ("simple_rnn_relu_stack", _seq(keras, (5, 2), L.SimpleRNN(8, activation="relu", **rs), L.SimpleRNN(4)), set()),
        *[(f"bidirectional_{mode}", _seq(keras, (5, 3), L.Bidirectional(L.LSTM(4), merge_mode=mode), L.Dense(1)), set())
          for mode in ("concat", "sum", "mul", "ave")],
        ("bidirectional_none_last", _seq(keras, (5, 3), L.Bidirectional(L.LSTM(4), merge_mode=None)), set()),
        ("bidirectional_none_sequences", _seq(keras, (5, 3), L.Bidirectional(L.GRU(4, **rs), merge_mode=None)), set()),
        ("bidirectional_per_step", _seq(keras, (5, 3), L.Bidirectional(L.LSTM(4, **rs), name="bi"), L.Dense(1, name="d")),
         {("d", "dense_per_step")}),
        ("bidirectional_own_backward", _seq(keras, (5, 3), L.Bidirectional(
            L.LSTM(4), backward_layer=L.GRU(3, go_backwards=True)), L.Dense(1)), set()),
        ("bidirectional_gru_relu", _seq(keras, (5, 3), L.Bidirectional(L.GRU(4, activation="relu"), name="bi")),
         {("bi", "relu_in_lstm"), ("bi", "no_fused_kernel")}),
        ("time_distributed", _seq(keras, (5, 3), L.LSTM(8, **rs), L.TimeDistributed(L.Dense(2))), set()),
        ("masking", _seq(keras, (None, 3), L.Masking(0.0), L.LSTM(8), L.Dense(1)), set()),
        ("embedding", _seq(keras, (7,), L.Embedding(100, 8), L.LSTM(4), L.Dense(1)), set()),
        ("embedding_variable_length", _seq(keras, (None,), L.Embedding(50, 6), L.GRU(4)), set()),
        ("conv1d", _seq(keras, (10, 3), L.Conv1D(8, 3), L.LSTM(4), L.Dense(1)), set()),
        ("convlstm2d", _seq(keras, (4, 6, 6, 1), L.ConvLSTM2D(2, 3), L.Flatten(), L.Dense(1)), set()),
        ("stateful", _seq(keras, (5, 2), L.LSTM(4, stateful=True), L.Dense(1), batch=4), set()),
        ("stateful_gru_stack", _seq(keras, (1, 2), L.GRU(3, stateful=True, **rs), L.GRU(2, stateful=True), batch=2),
         set()),
        ("return_state_chain", _return_state_chain(keras), set()),
        ("encoder_decoder", _seq(keras, (3, 1), L.LSTM(16), L.RepeatVector(2), L.LSTM(16, **rs),
                                 L.TimeDistributed(L.Dense(1))), set()),
        ("dropout_inside", _seq(keras, (5, 2), L.LSTM(8, dropout=0.2), L.Dense(1)), set()),
        ("recurrent_dropout", _seq(keras, (5, 2), L.LSTM(8, recurrent_dropout=0.2, name="r")), {("r", "no_fused_kernel")}),
        ("heavy_dropout", _seq(keras, (5, 2), L.LSTM(10), L.Dropout(0.8, name="drop"), L.Dense(1)),
         {("drop", "dropout_after_last")}),
        ("lstm_relu", _seq(keras, (5, 2), L.LSTM(8, activation="relu", name="r")),
         {("r", "relu_in_lstm"), ("r", "no_fused_kernel")}),
        ("unroll", _seq(keras, (5, 2), L.LSTM(8, unroll=True, name="r")), {("r", "no_fused_kernel")}),
        ("no_bias", _seq(keras, (5, 2), L.LSTM(8, use_bias=False, name="r")), {("r", "no_fused_kernel")}),
        ("rnn_lstmcell_relu", _seq(keras, (5, 2), L.RNN(L.LSTMCell(4, activation="relu"), name="rnn", **rs),
                                   L.Dense(1, name="d")), {("rnn", "relu_in_lstm"), ("d", "dense_per_step")}),
        ("rnn_grucell", _seq(keras, (5, 2), L.RNN(L.GRUCell(4)), L.Dense(1)), set()),
        ("rnn_simplecell", _seq(keras, (5, 2), L.RNN(L.SimpleRNNCell(4))), set()),
        ("stacked_cells", _seq(keras, (5, 2), L.RNN(L.StackedRNNCells([L.LSTMCell(4), L.GRUCell(3)]))), set()),
        ("one_step", _seq(keras, (1, 4), L.LSTM(8, name="r"), L.Dense(1)), {("r", "one_step")}),
        ("go_backwards_sequences", _seq(keras, (5, 2), L.LSTM(4, go_backwards=True, name="r", **rs),
                                        L.TimeDistributed(L.Dense(1))), {("r", "go_backwards_sequences")}),
        ("go_backwards_last", _seq(keras, (5, 2), L.LSTM(4, go_backwards=True)), set()),
        ("deep_stack", _seq(keras, (5, 2), *[L.LSTM(4, name=f"l{k}", **rs) for k in range(4)], L.LSTM(4, name="l4")),
         {("l4", "deep_stack")}),
        ("functional_stack", _functional_stack(keras), set()),
        ("flatten_head", _seq(keras, (5, 2), L.LSTM(8, **rs), L.Flatten(), L.Dense(1)), set()),
        ("activation_head", _seq(keras, (5, 2), L.GRU(8), L.Activation("sigmoid")), set()),
        ("variable_bidirectional_time_distributed", _seq(keras, (None, 3), L.Bidirectional(L.LSTM(4, **rs)),
                                                         L.TimeDistributed(L.Dense(2))), set()),
        ("layer_norm", _seq(keras, (5, 2), L.LSTM(4), L.LayerNormalization(), L.Dense(2)), set()),
        ("two_inputs", _two_inputs(keras), None),
        ("subclassed", _subclassed(keras), None),
    ]


def _render(shape):
    """A Keras shape as explain prints it, derived here independently: None is the batch, or any number of steps."""
    words = ["batch" if d is None and k == 0 else "any number of steps" if d is None and k == 1 else str(d)
             for k, d in enumerate(shape)]
    return "(" + ", ".join(words) + ")"


def _shapes(tensor):
    return [tuple(t.shape) for t in (tensor if isinstance(tensor, (list, tuple)) else [tensor])]


def _recurrent(layer):
    """(kind, the object holding units and activations) for a recurrent Keras layer, else None."""
    kind = type(layer).__name__
    if kind in RECURRENT:
        return kind, layer
    if kind == "Bidirectional":
        return type(layer.forward_layer).__name__, layer.forward_layer
    if kind == "RNN" and type(layer.cell).__name__[:-4] in RECURRENT:
        return type(layer.cell).__name__[:-4], layer.cell
    return None


def _check_layer(layer, note):
    """Every number, shape and formula in one LayerNote against the Keras layer."""
    assert note.params == layer.count_params(), (note.name, note.params_line)
    if note.formula:
        assert eval(note.formula.replace(" x ", " * ")) == layer.count_params(), note.formula
    outputs = _shapes(layer.output)
    head = outputs[:2] if type(layer).__name__ == "Bidirectional" and layer.merge_mode is None else outputs[:1]
    shown = re.findall(r"\((?:batch|\d+)(?:, (?:\d+|batch|any number of steps|None))*\)", note.flow.split(" -> ", 1)[1])
    assert shown[:len(head)] == [_render(s) for s in head], (note.flow, outputs)
    if getattr(layer, "return_state", False):
        assert shown[len(head):] == [_render(s) for s in outputs[len(head):]], (note.flow, outputs)
    given = _shapes(layer.input)[0]
    assert re.findall(r"\d+", note.flow.split(" -> ")[0]) == [str(d) for d in given if d is not None], note.flow
    assert "None" not in note.flow.replace("merge_mode=None", "") and "batch, batch" not in note.flow
    text = " ".join(note.notes)
    rnn = _recurrent(layer)
    if rnn is None:
        return
    kind, cell = rnn
    assert f"units = {cell.units}" in text
    steps = given[1]
    assert (f"each of the {steps} steps" in text) if steps not in (None, 1) else "each of the" not in text
    act = cell.activation.__name__
    assert f"h = o * {act}(c)" in text if kind == "LSTM" else "c = f * c" not in text and "h and c" not in text
    if kind == "GRU":
        assert f"h_tilde = {act}(" in text and "h = z * h + (1 - z) * h_tilde" in text
    if kind == "SimpleRNN":
        assert f"h = {act}(x W + h U" in text
    if getattr(layer, "stateful", False):
        assert f"batch fixed at {given[0]}" in text
    if type(layer).__name__ == "Bidirectional":
        own = type(layer.backward_layer) is not type(layer.forward_layer) or layer.backward_layer.units != cell.units
        assert ("hence 2 x" in text) != own


def _apply(config, name, key, value):
    """Set option `key` on layer `name` in a model config: on the wrapped layer(s) of Bidirectional, on RNN's cell."""
    for entry in config["layers"]:
        if entry["config"]["name"] != name:
            continue
        inner = entry["config"]
        if entry["class_name"] == "Bidirectional":
            for part in ("layer", "backward_layer"):
                if inner.get(part):
                    inner[part]["config"][key] = value
        elif entry["class_name"] == "RNN" and key in CELL_KEYS:
            inner["cell"]["config"][key] = value
        else:
            inner[key] = value
        return
    raise AssertionError(f"no layer {name!r} in the config")


def _check_fix(keras, model, finding):
    """The finding's fix, applied to the model's config, builds in Keras and clears that finding."""
    if not finding.change:
        assert finding.kind in NO_CONFIG_FIX and finding.fix, finding
        return
    config = model.get_config()
    for name, key, value in finding.change:
        _apply(config, name, key, value)
    fixed = type(model).from_config(config)
    assert fixed.count_params() > 0
    for shape in re.findall(r"the model then outputs (\([^)]*\))", finding.fix):  # the fix's promise, checked
        assert shape == _render(fixed.outputs[0].shape), (finding.fix, fixed.outputs[0].shape)
    assert (finding.layer, finding.kind) not in {(f.layer, f.kind) for f in explain(fixed).findings}, finding


def test_the_zoo_is_large_enough(keras):
    assert len(zoo(keras)) >= 40


def test_every_model_of_the_zoo_is_explained_truthfully(keras):
    for name, model, expected in zoo(keras):
        report = explain(model)
        if expected is None:
            assert not report.in_scope and report.findings == [], name
            continue
        assert report.in_scope, (name, report.notes)
        layers = [l for l in model.layers if type(l).__name__ != "InputLayer"]
        assert [n.name for n in report.layers] == [l.name for l in layers], name
        for layer, note in zip(layers, report.layers):
            _check_layer(layer, note)
        assert report.total_params == model.count_params() and f"{model.count_params():,} parameters" in report.title
        assert {(f.layer, f.kind) for f in report.findings} == expected, (name, [str(f) for f in report.findings])
        for finding in report.findings:
            _check_fix(keras, model, finding)
        for finding in report.findings:
            for shape in re.findall(r"model outputs (\([^)]*\))", finding.message):
                assert shape == _render(model.outputs[0].shape), (name, finding.message)


def test_the_per_step_finding_reads_the_model_output_not_the_first_dense(keras):
    L = keras.layers
    model = _seq(keras, (5, 2), L.LSTM(8, return_sequences=True, name="r"), L.Dense(8, name="d8"), L.Dense(1, name="out"))
    finding = explain(model).findings[0]
    assert "(batch, 5, 1)" in finding.message and "a vector of length 1 per step" in finding.message
    assert "(samples, 8)" not in finding.message and "runs without an error" in finding.message
    assert "up to the output, out" in finding.message


def test_a_snippet_keras_refuses_is_shown_as_refused(keras):
    from lstmlab import explain_code
    result = explain_code("model = Sequential()\nmodel.add(LSTM(8, input_shape=(5, 2)))\n"
                          "model.add(TimeDistributed(Dense(2)))")
    report = result.report
    assert "refuses" in report.title and "at least 3 dimensions" in report.title  # Keras's own words
    assert [n.name for n in report.layers] == ["lstm"]  # the refused layer gets no made-up shape or count
    assert [f.kind for f in report.findings] == ["recurrent_2d"] and "return_sequences=True on lstm" in \
        report.findings[0].fix
    fixed = keras.Sequential([keras.Input((5, 2)), keras.layers.LSTM(8, return_sequences=True),
                              keras.layers.TimeDistributed(keras.layers.Dense(2))])
    assert fixed.output_shape == (None, 5, 2)


def test_every_zoo_model_runs_on_data_of_its_input_shape(keras):
    """The zoo's models are real: each predicts on a small batch of its input shape (shapes equal to the report's)."""
    for name, model, expected in zoo(keras)[:6]:
        shape = [2 if d is None else d for d in model.inputs[0].shape]
        y = model.predict(np.zeros(shape, "float32"), verbose=0)
        assert y.shape[1:] == tuple(model.outputs[0].shape[1:]) or None in model.outputs[0].shape[1:], name
