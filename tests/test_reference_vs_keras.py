"""The NumPy reference (cell, LSTM/GRU/SimpleRNN layers, every flag) equals Keras 3 on random weights."""
import itertools

import numpy as np
import pytest

from keras_helpers import TOL, keras_call, random_lstm_weights
from lstmlab import gru_layer, lstm_gates, lstm_layer, lstm_step, simple_rnn_layer

ACTS = ["tanh", "relu", "linear", "sigmoid"]
REC_ACTS = ["sigmoid", "hard_sigmoid", "hard_sigmoid_keras2", "tanh"]


@pytest.mark.parametrize("seed", range(12))
def test_lstm_step_equals_keras_lstmcell(keras, seed):
    rng = np.random.default_rng(seed)
    batch, features, units = rng.integers(1, 6), rng.integers(1, 7), rng.integers(1, 9)
    activation, recurrent_activation = ACTS[seed % 4], REC_ACTS[(seed // 4) % 4]
    kernel, recurrent_kernel, bias = random_lstm_weights(rng, features, units)
    x = rng.normal(size=(batch, features)).astype("float32")  # (batch, features)
    h, c = (rng.normal(size=(batch, units)).astype("float32") for _ in range(2))  # (batch, units)
    from lstmlab.oracle.keras_bridge import keras_activation
    cell = keras.layers.LSTMCell(int(units), activation=keras_activation(activation),
                                 recurrent_activation=keras_activation(recurrent_activation))
    cell.build((None, int(features)))
    cell.set_weights([kernel, recurrent_kernel, bias])
    h_k, (h_k2, c_k) = cell(x, states=[h, c])  # Keras 3 cells return (output, [h, c])
    h_k, h_k2, c_k = np.asarray(h_k), np.asarray(h_k2), np.asarray(c_k)
    h_np, c_np = lstm_step(x, h, c, kernel, recurrent_kernel, bias, activation=activation,
                           recurrent_activation=recurrent_activation)
    np.testing.assert_allclose(h_np, h_k, **TOL)
    np.testing.assert_allclose(c_np, c_k, **TOL)
    np.testing.assert_allclose(h_k2, h_k)


def test_lstm_gates_are_the_pieces_of_the_step(rng):
    kernel, recurrent_kernel, bias = random_lstm_weights(rng, 3, 4)
    x, h, c = rng.normal(size=(2, 3)), rng.normal(size=(2, 4)), rng.normal(size=(2, 4))
    g = lstm_gates(x, h, c, kernel, recurrent_kernel, bias)
    z = x @ kernel + h @ recurrent_kernel + bias  # (batch, 4*units), written out by hand
    sig = lambda v: 1 / (1 + np.exp(-v))
    np.testing.assert_allclose(g["i"], sig(z[:, 0:4]))
    np.testing.assert_allclose(g["f"], sig(z[:, 4:8]))
    np.testing.assert_allclose(g["c_tilde"], np.tanh(z[:, 8:12]))
    np.testing.assert_allclose(g["o"], sig(z[:, 12:16]))
    np.testing.assert_allclose(g["c"], g["f"] * c + g["i"] * g["c_tilde"])
    np.testing.assert_allclose(g["h"], g["o"] * np.tanh(g["c"]))


FLAGS = list(itertools.product([False, True], [False, True], [False, True], [False, True]))


@pytest.mark.parametrize("return_sequences,return_state,go_backwards,with_initial_state", FLAGS)
def test_lstm_layer_every_flag_equals_keras(keras, return_sequences, return_state, go_backwards, with_initial_state):
    rng = np.random.default_rng(hash((return_sequences, return_state, go_backwards, with_initial_state)) % 2**32)
    batch, timesteps, features, units = 3, int(rng.integers(1, 7)), int(rng.integers(1, 5)), int(rng.integers(1, 6))
    kernel, recurrent_kernel, bias = random_lstm_weights(rng, features, units)
    x = rng.normal(size=(batch, timesteps, features)).astype("float32")  # (batch, timesteps, features)
    initial_state = [rng.normal(size=(batch, units)).astype("float32") for _ in range(2)] if with_initial_state else None
    layer = keras.layers.LSTM(units, return_sequences=return_sequences, return_state=return_state, go_backwards=go_backwards)
    layer.build((None, timesteps, features))
    layer.set_weights([kernel, recurrent_kernel, bias])
    expected = keras_call(layer, x, initial_state=initial_state) if initial_state else keras_call(layer, x)
    got = lstm_layer(x, kernel, recurrent_kernel, bias, return_sequences=return_sequences, return_state=return_state,
                     initial_state=initial_state, go_backwards=go_backwards)
    if return_state:
        assert isinstance(got, list) and len(got) == 3
        for g, e in zip(got, expected):
            np.testing.assert_allclose(g, e, **TOL)
        np.testing.assert_allclose(got[1], (got[0][:, -1] if return_sequences else got[0]))  # output == h
    else:
        np.testing.assert_allclose(got, expected, **TOL)


@pytest.mark.parametrize("seed", range(8))
def test_lstm_layer_activations_and_no_bias_equal_keras(keras, seed):
    from lstmlab.oracle.keras_bridge import keras_activation
    rng = np.random.default_rng(100 + seed)
    activation, recurrent_activation, use_bias = ACTS[seed % 4], REC_ACTS[seed // 2 % 4], seed % 3 != 0
    kernel, recurrent_kernel, bias = random_lstm_weights(rng, 2, 3)
    x = rng.normal(size=(2, 5, 2)).astype("float32")  # (batch, timesteps, features)
    layer = keras.layers.LSTM(3, return_sequences=True, use_bias=use_bias, activation=keras_activation(activation),
                              recurrent_activation=keras_activation(recurrent_activation))
    layer.build((None, 5, 2))
    layer.set_weights([kernel, recurrent_kernel, bias] if use_bias else [kernel, recurrent_kernel])
    got = lstm_layer(x, kernel, recurrent_kernel, bias if use_bias else None, return_sequences=True,
                     activation=activation, recurrent_activation=recurrent_activation)
    np.testing.assert_allclose(got, keras_call(layer, x), **TOL)


@pytest.mark.parametrize("reset_after", [True, False])
@pytest.mark.parametrize("return_sequences,go_backwards", [(True, False), (False, True), (True, True)])
def test_gru_layer_equals_keras(keras, reset_after, return_sequences, go_backwards):
    rng = np.random.default_rng(7)
    kernel, recurrent_kernel, bias = random_lstm_weights(rng, 3, 4, gates=3, bias_shape=(2, 12) if reset_after else (12,))
    x = rng.normal(size=(2, 6, 3)).astype("float32")  # (batch, timesteps, features)
    h0 = rng.normal(size=(2, 4)).astype("float32")  # (batch, units)
    layer = keras.layers.GRU(4, reset_after=reset_after, return_sequences=return_sequences, return_state=True,
                             go_backwards=go_backwards)
    layer.build((None, 6, 3))
    layer.set_weights([kernel, recurrent_kernel, bias])
    expected = keras_call(layer, x, initial_state=[h0])
    got = gru_layer(x, kernel, recurrent_kernel, bias, reset_after=reset_after, return_sequences=return_sequences,
                    return_state=True, initial_state=[h0], go_backwards=go_backwards)
    for g, e in zip(got, expected):
        np.testing.assert_allclose(g, e, **TOL)


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_simple_rnn_layer_equals_keras(keras, activation):
    rng = np.random.default_rng(3)
    kernel, recurrent_kernel, bias = random_lstm_weights(rng, 3, 5, gates=1, scale=0.4)
    x = rng.normal(size=(4, 7, 3)).astype("float32")  # (batch, timesteps, features)
    layer = keras.layers.SimpleRNN(5, activation=activation, return_sequences=True)
    layer.build((None, 7, 3))
    layer.set_weights([kernel, recurrent_kernel, bias])
    got = simple_rnn_layer(x, kernel, recurrent_kernel, bias, activation=activation, return_sequences=True)
    np.testing.assert_allclose(got, keras_call(layer, x), **TOL)


def test_float64_by_default_float32_when_all_float32(rng):
    kernel, recurrent_kernel, bias = random_lstm_weights(rng, 2, 3)
    x32 = rng.normal(size=(1, 4, 2)).astype("float32")
    assert lstm_layer(x32, kernel, recurrent_kernel, bias).dtype == np.float32
    assert lstm_layer(x32.astype(float), kernel, recurrent_kernel, bias).dtype == np.float64
    assert lstm_layer([[[1, 0], [0, 1]]], kernel.astype(float), recurrent_kernel, bias).dtype == np.float64
