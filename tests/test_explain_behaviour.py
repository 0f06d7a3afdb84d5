"""Every sentence explain() says about what Keras 3 does (fails, warns, broadcasts, resets, takes the fast kernel), run in Keras."""
import warnings

import numpy as np
import pytest

from lstmlab import explain, explain_code
from lstmlab.explainer.translate import GONE

pytestmark = pytest.mark.keras


def _per_step(keras, units, steps=5):
    """LSTM(return_sequences=True) -> Dense(units): one vector of `units` per step."""
    L = keras.layers
    return keras.Sequential([keras.Input((steps, 3)), L.LSTM(4, return_sequences=True), L.Dense(units)])


def _fit(keras, model, loss, y, batch_size=4):
    """fit one epoch on 12 samples; the exception Keras raises, or None."""
    model.compile("sgd", loss)
    x = np.random.default_rng(0).random((12, model.inputs[0].shape[1], 3)).astype("float32")
    try:
        model.fit(x, y, epochs=1, batch_size=batch_size, verbose=0)
    except ValueError as exc:
        return exc
    return None


@pytest.mark.parametrize("loss", ["mse", "mae", "huber"])
@pytest.mark.parametrize("target_shape", [(12, 1), (12,)])
def test_per_sample_targets_on_one_unit_per_step_run_without_an_error(keras, loss, target_shape):
    finding = explain(_per_step(keras, 1)).findings[0]
    assert finding.kind == "dense_per_step" and "runs without an error" in finding.message
    y = np.random.default_rng(1).random(target_shape).astype("float32")
    assert _fit(keras, _per_step(keras, 1), loss, y) is None


@pytest.mark.parametrize("loss", ["binary_crossentropy", "categorical_crossentropy"])
def test_crossentropy_on_per_sample_targets_fails(keras, loss):
    assert f"{loss.split('_')[0]}_crossentropy" in explain(_per_step(keras, 1)).findings[0].message
    error = _fit(keras, _per_step(keras, 1), loss, np.ones((12, 1), "float32"))
    assert error is not None and "shape" in str(error)


def test_the_broadcast_compares_each_target_with_every_step_and_a_flat_target_with_every_sample(keras):
    rng = np.random.default_rng(2)
    y_pred = rng.random((4, 5, 1)).astype("float32")
    column, flat = rng.random((4, 1)).astype("float32"), rng.random((4,)).astype("float32")
    mse = keras.losses.MeanSquaredError()
    assert np.isclose(float(mse(column, y_pred)), np.mean((y_pred[:, :, 0] - column) ** 2), rtol=1e-5)
    every_sample = (y_pred - flat[None, None, :]) ** 2  # (4, 5, 4): target j against sample i's step t
    assert np.isclose(float(mse(flat, y_pred)), every_sample.mean(), rtol=1e-5)
    assert not np.isclose(float(mse(flat, y_pred)), np.mean((y_pred[:, :, 0] - flat[:, None]) ** 2), rtol=1e-3)


@pytest.mark.parametrize("loss", ["mse", "mae", "huber"])
def test_per_sample_targets_on_several_units_per_step_fail_unless_shapes_line_up(keras, loss):
    message = explain(_per_step(keras, 2)).findings[0].message
    assert "Dimensions must be equal" in message and "batch size is 1" in message
    y = np.ones((12, 2), "float32")
    assert "Dimensions must be equal" in str(_fit(keras, _per_step(keras, 2), loss, y, batch_size=4))
    assert _fit(keras, _per_step(keras, 2), loss, y, batch_size=1) is None  # (1, 2) broadcasts against (1, 5, 2)


def test_options_named_in_no_fused_kernel_are_keras_own_conditions(keras):
    import tensorflow as tf
    from keras.src.backend.tensorflow.rnn import (_do_gru_arguments_support_cudnn as gru_ok,
                                                  _do_lstm_arguments_support_cudnn as lstm_ok, cudnn_ok)
    L, default = keras.layers, keras.layers.LSTMCell(2)
    assert lstm_ok(default.activation, default.recurrent_activation, False, True)
    assert cudnn_ok(default.activation, default.recurrent_activation, False, True) == bool(
        tf.config.list_physical_devices("GPU"))  # and only on a GPU
    for kwargs in (dict(activation="relu"), dict(recurrent_activation="hard_sigmoid"), dict(use_bias=False)):
        cell = L.LSTMCell(2, **kwargs)
        assert not lstm_ok(cell.activation, cell.recurrent_activation, False, cell.use_bias), kwargs
    assert not lstm_ok(default.activation, default.recurrent_activation, True, True)  # unroll=True
    gru = L.GRUCell(2, reset_after=False)
    assert not gru_ok(gru.activation, gru.recurrent_activation, False, True, gru.reset_after)


def test_only_lstm_and_gru_layers_try_the_fused_kernel_and_recurrent_dropout_skips_it(keras, monkeypatch):
    """Keras calls backend.lstm / backend.gru (the cuDNN path) from the LSTM and GRU layers only; RNN(cell) never."""
    from keras.src.layers.rnn import gru, lstm
    tried = []

    def refuse(name):
        def kernel(*args, **kwargs):
            tried.append(name)
            raise NotImplementedError  # what the TF backend raises where cuDNN cannot run: Keras falls back

        return kernel

    monkeypatch.setattr(lstm.backend, "lstm", refuse("lstm"))
    monkeypatch.setattr(gru.backend, "gru", refuse("gru"))
    L, x = keras.layers, np.zeros((2, 3, 4), "float32")
    for layer, expected in ((L.LSTM(2), ["lstm"]), (L.GRU(2), ["gru"]), (L.LSTM(2, recurrent_dropout=0.1), []),
                            (L.RNN(L.LSTMCell(2)), []), (L.RNN(L.GRUCell(2)), [])):
        tried.clear()
        layer(x, training=True)
        assert tried == expected, layer
    text = str(explain(keras.Sequential([keras.Input((3, 4)), L.RNN(L.LSTMCell(2))])))
    assert "generic step-by-step loop" in text


def test_on_a_cpu_the_fused_lstm_kernel_is_not_taken(keras):
    import tensorflow as tf
    from keras.src.backend.tensorflow.rnn import lstm
    cell = keras.layers.LSTMCell(2)
    cell.build((None, 3))
    args = (tf.zeros((1, 4, 3)), tf.zeros((1, 2)), tf.zeros((1, 2)), None, cell.kernel, cell.recurrent_kernel, cell.bias,
            cell.activation, cell.recurrent_activation)
    if tf.config.list_physical_devices("GPU"):
        assert lstm(*args) is not None  # with a GPU the fused kernel runs
    else:
        with pytest.raises(NotImplementedError):
            lstm(*args)  # no GPU: Keras falls back to the generic loop


def test_go_backwards_with_sequences_returns_the_outputs_reversed_in_time(keras):
    L = keras.layers
    x = np.random.default_rng(3).random((2, 5, 3)).astype("float32")
    backwards, forwards = L.LSTM(4, return_sequences=True, go_backwards=True), L.LSTM(4, return_sequences=True)
    y = np.asarray(backwards(x))
    forwards.build(x.shape)
    forwards.set_weights(backwards.get_weights())
    assert np.allclose(y, np.asarray(forwards(x[:, ::-1])), atol=1e-6)  # step t: after reading x[4], ..., x[4 - t]
    assert not np.allclose(y, np.asarray(forwards(x[:, ::-1]))[:, ::-1], atol=1e-3)
    model = keras.Sequential([keras.Input((5, 3)), L.LSTM(4, return_sequences=True, go_backwards=True, name="b")])
    assert [f.kind for f in explain(model).findings] == ["go_backwards_sequences"]


def test_bidirectional_final_h_is_forward_last_step_and_backward_first_step(keras):
    L = keras.layers
    x = np.random.default_rng(4).random((2, 5, 3)).astype("float32")
    last = L.Bidirectional(L.LSTM(4), merge_mode=None)
    forward_h, backward_h = last(x)  # merge_mode=None: two tensors
    every = L.Bidirectional(L.LSTM(4, return_sequences=True), merge_mode=None)
    every.build(x.shape)
    every.set_weights(last.get_weights())
    forward_seq, backward_seq = (np.asarray(t) for t in every(x))
    assert np.allclose(forward_h, forward_seq[:, -1], atol=1e-6)
    assert np.allclose(backward_h, backward_seq[:, 0], atol=1e-6)  # Keras flipped the backward outputs into time order
    model = keras.Sequential([keras.Input((5, 3)), L.Bidirectional(L.LSTM(4), merge_mode=None)])
    report = explain(model)
    assert "two tensors" in report.layers[0].flow and "read back to the first step" in str(report)


def test_return_sequences_belongs_on_the_wrapped_layer(keras):
    L = keras.layers
    with pytest.raises(ValueError, match="return_sequences"):
        L.Bidirectional(L.LSTM(4), return_sequences=False)
    model = keras.Sequential([keras.Input((5, 3)), L.Bidirectional(L.LSTM(4, return_sequences=True), name="bi"),
                              L.Dense(1)])
    fix = explain(model).findings[0].fix
    assert "on the LSTM inside bi: Bidirectional(LSTM(..., return_sequences=False))" in fix


@pytest.mark.parametrize("kind", ["LSTM", "GRU", "SimpleRNN"])
def test_one_time_step_leaves_the_recurrent_kernel_unused(keras, kind):
    layer = getattr(keras.layers, kind)(4)
    x = np.random.default_rng(5).random((3, 1, 2)).astype("float32")
    before = np.asarray(layer(x))
    weights = layer.get_weights()
    weights[1] = np.random.default_rng(6).normal(size=weights[1].shape).astype("float32")  # recurrent_kernel
    layer.set_weights(weights)
    assert np.allclose(before, np.asarray(layer(x)), atol=1e-6)
    model = keras.Sequential([keras.Input((1, 2)), getattr(keras.layers, kind)(4, name="r")])
    finding = explain(model).findings[0]
    assert finding.kind == "one_step" and "recurrent_kernel" in finding.message


def test_a_stateful_layer_without_a_fixed_batch_is_refused(keras):
    L = keras.layers
    with pytest.raises(ValueError, match="batch"):
        keras.Sequential([keras.Input((5, 2)), L.LSTM(4, stateful=True)])
    report = explain_code("model = Sequential()\nmodel.add(LSTM(4, stateful=True, input_shape=(5, 2)))")
    assert [f.kind for f in report.findings] == ["stateful_without_batch"]


@pytest.mark.parametrize("method", sorted(GONE))
def test_keras_2_model_methods_that_explain_code_calls_gone_are_gone(keras, method):
    L = keras.layers
    model = keras.Sequential([keras.Input(batch_shape=(1, 5, 2)), L.LSTM(4, stateful=True)])
    with pytest.raises(AttributeError):
        getattr(model, method)
    model.layers[0].reset_states()  # the layer's own reset_states is what remains
    result = explain_code(f"model = Sequential()\nmodel.add(LSTM(4, input_shape=(5, 2)))\nmodel.{method}()")
    assert any(f"model.{method}() has no Keras 3 form" in note for note in result.notes)


def test_embedding_input_length_warns_and_the_translation_drops_it(keras):
    with pytest.warns(UserWarning, match="input_length"):
        keras.layers.Embedding(100, 8, input_length=10)
    result = explain_code("model = Sequential()\nmodel.add(Embedding(100, 8, input_length=10))\nmodel.add(LSTM(4))")
    assert "keras.Input(shape=(10,))" in result.keras3 and "input_length" not in result.keras3
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the Keras 3 form builds without the deprecation warning
        namespace = {}
        exec(result.keras3, namespace)
    assert namespace["model"].count_params() == result.report.total_params == 100 * 8 + 4 * (4 * (8 + 4) + 4)


def test_cudnn_lstm_is_gone_and_translates_to_lstm(keras):
    assert not hasattr(keras.layers, "CuDNNLSTM") and not hasattr(keras.layers, "CuDNNGRU")
    result = explain_code("model = Sequential()\nmodel.add(CuDNNLSTM(8, input_shape=(5, 2)))\nmodel.add(Dense(1))")
    assert "layers.LSTM(8)" in result.keras3 and any("CuDNNLSTM is gone" in n for n in result.notes)
    assert result.report.layers[0].params == 4 * (8 * (2 + 8) + 8)


def test_embedding_keyword_arguments_keep_their_names(keras):
    result = explain_code("model = Sequential()\nmodel.add(Embedding(input_dim=1000, output_dim=64))\n"
                          "model.add(LSTM(32))")
    assert "layers.Embedding(input_dim=1000, output_dim=64)" in result.keras3 and result.findings == []
    assert "keras.Input(shape=(None,))" in result.keras3  # no input_length: any number of steps, as in Keras 2
    assert result.report.layers[0].params == 1000 * 64
    assert "any number of timesteps: one token id per step" in result.report.layers[0].flow


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


@pytest.mark.parametrize("reset_after", [True, False])
def test_the_gru_equations_explain_prints_are_what_keras_computes(keras, reset_after):
    L = keras.layers
    model = keras.Sequential([keras.Input((1, 3)), L.GRU(4, reset_after=reset_after, name="g")])
    printed = " ".join(explain(model).layers[0].notes)
    x = np.random.default_rng(7).normal(size=(2, 1, 3)).astype("float32")
    h0 = np.random.default_rng(8).normal(size=(2, 4)).astype("float32")
    layer = model.layers[0]
    W, U, b = (np.asarray(w) for w in layer.get_weights())  # kernel (3, 12), recurrent (4, 12): gates z, r, h
    b_in, b_rec = (b[0], b[1]) if reset_after else (b, np.zeros_like(b))
    xw, hu = x[:, 0] @ W + b_in, h0 @ U + b_rec  # (2, 12) each
    z, r = _sigmoid(xw[:, :4] + hu[:, :4]), _sigmoid(xw[:, 4:8] + hu[:, 4:8])
    if reset_after:
        assert "h_tilde = tanh(x W_h + r * (h U_h + b_rh) + b_h)" in printed
        h_tilde = np.tanh(xw[:, 8:] + r * hu[:, 8:])
    else:
        assert "h_tilde = tanh(x W_h + (r * h) U_h + b_h)" in printed
        h_tilde = np.tanh(xw[:, 8:] + (r * h0) @ U[:, 8:])
    assert "h = z * h + (1 - z) * h_tilde" in printed and "c =" not in printed
    expected = z * h0 + (1 - z) * h_tilde
    assert np.allclose(np.asarray(layer(x, initial_state=[h0])), expected, atol=1e-5)


def test_the_simple_rnn_equation_explain_prints_is_what_keras_computes(keras):
    model = keras.Sequential([keras.Input((2, 3)), keras.layers.SimpleRNN(4, name="s")])
    assert "h = tanh(x W + h U + b)" in " ".join(explain(model).layers[0].notes)
    W, U, b = (np.asarray(w) for w in model.layers[0].get_weights())
    x = np.random.default_rng(9).normal(size=(2, 2, 3)).astype("float32")
    h = np.zeros((2, 4))
    for t in range(2):
        h = np.tanh(x[:, t] @ W + h @ U + b)
    assert np.allclose(model.predict(x, verbose=0), h, atol=1e-5)


def test_dense_on_a_sequence_is_timedistributed_dense_and_dropout_is_training_only(keras):
    L = keras.layers
    x = np.random.default_rng(10).normal(size=(2, 5, 3)).astype("float32")
    dense, per_step = L.Dense(2), L.TimeDistributed(L.Dense(2))
    dense.build((None, 5, 3))
    per_step.build((None, 5, 3))
    per_step.set_weights(dense.get_weights())
    assert np.allclose(np.asarray(dense(x)), np.asarray(per_step(x)), atol=1e-6)  # the same weights at every step
    dropped = np.asarray(L.Dropout(0.5, seed=1)(np.ones((100, 8), "float32"), training=True))
    assert set(np.unique(dropped)) <= {0.0, 2.0} and 0 < (dropped == 0).mean() < 1  # zeroed, the rest * 1 / (1 - 0.5)
    assert np.array_equal(np.asarray(L.Dropout(0.5)(np.ones((4, 8), "float32"), training=False)), np.ones((4, 8)))


def test_a_stateful_layer_carries_its_state_until_reset_states(keras):
    L = keras.layers
    model = keras.Sequential([keras.Input(batch_shape=(2, 3, 2)), L.LSTM(4, stateful=True, name="s")])
    x = np.random.default_rng(11).normal(size=(2, 3, 2)).astype("float32")
    first, second = model.predict(x, verbose=0), model.predict(x, verbose=0)
    assert not np.allclose(first, second)  # the second batch started from the first's final states
    model.layers[0].reset_states()
    assert np.allclose(model.predict(x, verbose=0), first, atol=1e-6)
    assert "until layer.reset_states()" in str(explain(model))
