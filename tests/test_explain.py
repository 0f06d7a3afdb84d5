"""explain(model) on Keras 3 models: seed models, random valid stacks (no false alarms), out-of-scope models."""
import re
import warnings

import numpy as np
import pytest

from lstmlab import GRU, LSTM, Bidirectional, Dense, Dropout, SimpleRNN, Stack, TimeDistributed, explain

pytestmark = pytest.mark.keras


def _kinds(report):
    return sorted((f.layer, f.kind) for f in report.findings)


def _build(keras, layers, shape=(5, 2), batch=None):
    return keras.Sequential([keras.Input(batch_shape=(batch, *shape)), *layers])


def test_seed_000_input_shape_on_the_second_layer_is_found_on_the_keras_object(keras):
    L = keras.layers
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Keras 3 warns about input_shape; that warning is the point
        model = keras.Sequential([L.LSTM(64, input_shape=(10, 2), return_sequences=True, name="first"),
                                  L.LSTM(32, input_shape=(10, 2), name="second")])
    report = explain(model)
    assert _kinds(report) == [("second", "input_shape_ignored")]
    assert "(10, 2)" in report.findings[0].message and "(batch, 10, 64)" in report.findings[0].message


def test_seed_000_summary_numbers_and_words(keras):
    L = keras.layers
    model = _build(keras, [L.LSTM(64, return_sequences=True), L.LSTM(32)])
    report = explain(model)
    assert report.findings == []
    first, second = report.layers
    assert first.params_line == "4 x (64 x (2 + 64) + 64) = 17152"  # seed 000: 17152
    assert second.params_line == "4 x (32 x (64 + 32) + 32) = 12416"  # seed 000: 12416
    assert second.flow == "(batch, 5 timesteps, 64 features) -> the last h only, (batch, 32)"
    assert first.flow.endswith("the h of every step, (batch, 5, 64)")
    text = str(report)
    assert "units = 32" in text and "no state carries across batches" in text and "Findings: none" in text
    assert "29,568 parameters" in report.title
    html = report._repr_html_()
    assert "<b>lstm" in html and "Findings: none" in html


def test_seed_004_relu_stack_keras_object(keras):
    L = keras.layers
    model = _build(keras, [L.LSTM(10, activation="relu", return_sequences=True, name="a"),
                           L.LSTM(10, activation="relu", return_sequences=True, dropout=0.2, recurrent_dropout=0.2, name="b"),
                           L.LSTM(10, activation="relu", dropout=0.2, recurrent_dropout=0.2, name="c"),
                           L.Dropout(0.8, name="drop"), L.Dense(7, name="out")], shape=(1, 4))
    report = explain(model)
    assert _kinds(report) == sorted([("a", "one_step"), ("a", "relu_in_lstm"), ("a", "no_fused_kernel"), ("b", "relu_in_lstm"),
                                     ("b", "no_fused_kernel"), ("c", "relu_in_lstm"), ("c", "no_fused_kernel"),
                                     ("drop", "dropout_after_last")])
    fused_b = next(f for f in report.findings if f.layer == "b" and f.kind == "no_fused_kernel")
    assert "activation='relu'" in fused_b.message and "recurrent_dropout=0.2" in fused_b.message
    dropout = next(f for f in report.findings if f.kind == "dropout_after_last")
    assert "80%" in dropout.message
    assert "on average 8 of 10" in dropout.message and "remaining ~2 by 5x" in dropout.message  # 80% zeroed, not kept
    relu = next(f for f in report.findings if f.kind == "relu_in_lstm")
    assert "do not bound c" in relu.fix  # clipping bounds the update, not the forward cell state


def test_seed_002_dense_per_step_and_its_explicit_form(keras):
    L = keras.layers
    flagged = explain(_build(keras, [L.LSTM(50, return_sequences=True, name="r"), L.Dense(1, name="d")]))
    assert _kinds(flagged) == [("d", "dense_per_step")]
    assert "(batch, 5, 1)" in flagged.findings[0].message and "return_sequences=False on r" in flagged.findings[0].fix
    explicit = explain(_build(keras, [L.LSTM(50, return_sequences=True), L.TimeDistributed(L.Dense(1))]))
    assert explicit.findings == []
    per_sample = explain(_build(keras, [L.LSTM(50), L.Dense(1)]))
    assert per_sample.findings == []


def test_seed_002_deep_stack(keras):
    L = keras.layers
    five = [L.LSTM(8, return_sequences=True, name=f"l{k}") for k in range(4)] + [L.LSTM(8, name="l4")]
    assert _kinds(explain(_build(keras, five))) == [("l4", "deep_stack")]
    four = [L.LSTM(8, return_sequences=True) for _ in range(3)] + [L.LSTM(8)]
    assert explain(_build(keras, four)).findings == []


@pytest.mark.parametrize("kwargs, reason", [
    (dict(recurrent_activation="hard_sigmoid"), "recurrent_activation='hard_sigmoid'"),
    (dict(unroll=True), "unroll=True"), (dict(use_bias=False), "use_bias=False"),
    (dict(recurrent_dropout=0.1), "recurrent_dropout=0.1"), (dict(activation="sigmoid"), "activation='sigmoid'"),
])
def test_each_fused_kernel_option_is_named(keras, kwargs, reason):
    report = explain(_build(keras, [keras.layers.LSTM(4, name="x", **kwargs)]))
    assert _kinds(report) == [("x", "no_fused_kernel")]
    assert reason in report.findings[0].message and "GPU" in report.findings[0].message


def test_gru_reset_after_false_and_bidirectional(keras):
    L = keras.layers
    report = explain(_build(keras, [L.GRU(4, reset_after=False, name="g")]))
    assert _kinds(report) == [("g", "no_fused_kernel")] and "reset_after=False" in report.findings[0].message
    bi = explain(_build(keras, [L.Bidirectional(L.LSTM(4, activation="relu"), name="bi")]))
    assert _kinds(bi) == [("bi", "no_fused_kernel"), ("bi", "relu_in_lstm")]
    assert bi.layers[0].params_line == "2 x 4 x (4 x (2 + 4) + 4) = 224"


def test_stateful_model_words(keras):
    L = keras.layers
    report = explain(_build(keras, [L.LSTM(1, return_sequences=True, stateful=True)], shape=(1, 2), batch=1))
    assert report.findings == []
    assert "batch fixed at 1" in str(report) and "reset_states" in str(report)


def test_unbuilt_model_with_two_d_input(keras):
    L = keras.layers
    model = keras.Sequential([L.LSTM(8, name="one"), L.LSTM(4, name="two")])
    assert not explain(model).in_scope and "keras.Input" in str(explain(model))
    report = explain(model, input_shape=(5, 3))
    assert _kinds(report) == [("two", "recurrent_2d")]
    assert "return_sequences=True on one" in report.findings[0].fix


def _random_stack(rng):
    """A valid, sensible stack: default LSTM/GRU options, <= 4 recurrent layers, per-sample or explicit per-step head."""
    n_rnn = int(rng.integers(1, 5))
    layers = []
    for k in range(n_rnn):
        kind = [LSTM, GRU, SimpleRNN][int(rng.integers(3))]
        last = k == n_rnn - 1
        seq = (not last) or bool(rng.integers(2))
        rnn = kind(int(rng.integers(1, 40)), return_sequences=seq)
        layers.append(Bidirectional(rnn, merge_mode=["concat", "sum"][int(rng.integers(2))]) if rng.integers(4) == 0 else rnn)
        if rng.integers(3) == 0:
            layers.append(Dropout(float(rng.choice([0.1, 0.2, 0.5]))))
    if seq:  # the last recurrent layer returns sequences: an explicit per-step head
        layers.append(TimeDistributed(Dense(int(rng.integers(1, 9)))))
    elif rng.integers(2):
        layers.append(Dense(int(rng.integers(1, 9)), activation=["linear", "relu", "sigmoid"][int(rng.integers(3))]))
    shape = (int(rng.integers(2, 12)), int(rng.integers(1, 9)))  # one step is a finding (one_step)
    return Stack(input_shape=shape, layers=layers)


def test_random_valid_stacks_have_no_findings_and_keras_parameter_counts(keras):
    rng = np.random.default_rng(7)
    for _ in range(30):
        stack = _random_stack(rng)
        model = stack.to_keras()
        report = explain(model)
        assert report.findings == [], (stack, [str(f) for f in report.findings])
        keras_counts = [l.count_params() for l in model.layers]
        assert [n.params for n in report.layers] == keras_counts, stack
        for note in report.layers:
            if note.formula not in ("", "0"):  # evaluate the printed formula independently
                assert eval(note.formula.replace(" x ", " * ")) == note.params, note.formula
            assert re.match(r"\(batch, \d+ timesteps?, \d+ features?\) -> ", note.flow) or "features" in note.flow
        assert report.total_params == model.count_params()


def test_branching_model_is_out_of_scope_with_a_message(keras):
    L = keras.layers
    x = keras.Input((5, 3))
    a = L.LSTM(4)(x)
    b = L.GRU(4)(x)
    model = keras.Model(x, L.Concatenate()([a, b]))
    report = explain(model)
    assert not report.in_scope and report.findings == []
    assert "branch" in str(report) and "linear chain" in str(report)


def test_custom_layer_is_out_of_scope_with_a_message(keras):
    class Scale(keras.layers.Layer):
        def call(self, x):
            return 2 * x

    model = keras.Sequential([keras.Input((5, 3)), keras.layers.LSTM(4, return_sequences=True), Scale(name="scale")])
    report = explain(model)
    assert not report.in_scope and "custom layer" in str(report) and "'scale'" in str(report)
    assert "custom layer" in report._repr_html_()


def test_other_builtin_layers_are_described_from_keras(keras):
    L = keras.layers
    model = _build(keras, [L.LSTM(4), L.LayerNormalization(), L.Dense(2)])
    report = explain(model)
    assert report.findings == [] and report.total_params == model.count_params()
    assert "no words for LayerNormalization" in str(report)


def test_functional_linear_chain_is_in_scope(keras):
    L = keras.layers
    x = keras.Input((5, 3))
    out, h, c = L.LSTM(4, return_state=True, name="enc")(L.LSTM(6, return_sequences=True)(x))
    report = explain(keras.Model(x, [out, h, c]))
    assert report.in_scope and report.findings == []
    assert "final states (batch, 4), (batch, 4)" in report.layers[1].flow


def test_not_a_model():
    with pytest.raises(TypeError, match="Keras 3 model"):
        explain("model.add(LSTM(32))")


def test_explain_is_the_function_whichever_name_is_imported_first():
    import subprocess
    import sys
    code = ("import lstmlab; lstmlab.explain_code; from lstmlab import explain; import lstmlab.explainer.cli; "
            "print(explain.__name__, lstmlab.explain is explain, lstmlab.explain.__doc__.split()[0])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.split()[:2] == ["explain", "True"], out.stderr


def test_subclassed_model_is_out_of_scope(keras):
    class Twice(keras.Model):
        def __init__(self):
            super().__init__()
            self.rnn = keras.layers.LSTM(3)

        def call(self, x):
            return self.rnn(x) * 2

    model = Twice()
    model(np.zeros((1, 4, 2), "float32"))
    report = explain(model)
    assert not report.in_scope and "subclassed" in str(report)


def test_held_out_correct_models_have_no_findings(keras):
    """Sensible models from the course and the seeds' comments: nothing to flag, counts equal to Keras's."""
    L = keras.layers
    models = [
        keras.Sequential([keras.Input((3, 1)), L.LSTM(100, activation="tanh"), L.RepeatVector(2),
                          L.LSTM(100, return_sequences=True), L.TimeDistributed(L.Dense(1))]),  # seed 002's encoder-decoder
        keras.Sequential([keras.Input((20, 8)), L.Bidirectional(L.LSTM(16, return_sequences=True), merge_mode="sum"),
                          L.Dropout(0.3), L.Bidirectional(L.GRU(8)), L.Dense(3, activation="softmax")]),
        keras.Sequential([keras.Input(batch_shape=(4, 1, 2)), L.LSTM(2, return_sequences=True, stateful=True),
                          L.LSTM(2, stateful=True), L.Dense(1)]),  # seed 003's stateful model, stacked
        keras.Sequential([keras.Input((None, 5)), L.SimpleRNN(8, activation="relu", return_sequences=True),
                          L.GRU(4), L.Activation("sigmoid")]),
        keras.Sequential([keras.Input((5, 2)), L.LSTM(64, return_sequences=True), L.Flatten(), L.Dense(1)]),
    ]
    for model in models:
        report = explain(model)
        assert report.in_scope and report.findings == [], [str(f) for f in report.findings]
        assert [n.params for n in report.layers] == [l.count_params() for l in model.layers]
    assert "encoder-decoder" in str(explain(models[0]))
    assert "any number of timesteps" in str(explain(models[3]))


@pytest.mark.parametrize("snippet, expected", [
    ("model = Sequential()\nmodel.add(LSTM(100, activation='relu', input_shape=(3, 1)))\nmodel.add(RepeatVector(2))\n"
     "model.add(LSTM(100, activation='relu', return_sequences=True))\nmodel.add(TimeDistributed(Dense(1)))",
     ["no_fused_kernel", "no_fused_kernel", "relu_in_lstm", "relu_in_lstm"]),
    ("model = Sequential()\nmodel.add(LSTM(64, return_sequences=True, input_shape=(5, 2)))\nmodel.add(Flatten())\n"
     "model.add(Dense(1))", []),
])
def test_explain_code_reads_encoder_decoder_and_flatten(keras, snippet, expected):
    from lstmlab import explain_code
    result = explain_code(snippet)
    assert sorted(f.kind for f in result.findings) == expected
    assert "layers.RepeatVector(2)" in result.keras3 or "layers.Flatten()" in result.keras3


def test_masking_before_an_lstm_is_explained(keras):
    """After Masking, a layer's input is [tensor, mask]: still read as the tensor's shape."""
    L = keras.layers
    model = keras.Sequential([keras.Input((None, 3)), L.Masking(0.0), L.LSTM(8), L.Dense(1)])
    report = explain(model)
    assert report.in_scope and report.findings == []
    assert report.layers[1].params == model.layers[1].count_params()


@pytest.mark.usefixtures("fresh_language")
def test_findings_read_in_chinese_with_keras_numbers(keras):
    """The findings' sentences come from messages/: set_language("zh") gives them in Chinese, numbers unchanged."""
    from lstmlab import set_language
    L = keras.layers
    model = _build(keras, [L.Bidirectional(L.GRU(4, return_sequences=True), name="bi"), L.Dense(1, name="d")])
    set_language("zh")
    finding = explain(model).findings[0]
    assert finding.kind == "dense_per_step" and "(batch, 5, 1)" in finding.message and "不会报错" in finding.message
    assert "Bidirectional(GRU(..., return_sequences=False))" in finding.fix and "设在 bi 里面的 GRU 上" in finding.fix
