"""Seed 003: one stateful step at a time, two at a time, or four at once give the same four numbers."""
import numpy as np
import pytest

from lstmlab import Dense, LSTM, Stack, from_keras, lstm_layer

WEIGHTS = [0.5 * np.ones((2, 4)), 0.5 * np.ones((1, 4)), np.array([0.0, 1.0, 0.0, 0.0])]
X = np.array([[[0, 0], [0, 1], [0, 0], [1, 1]]], dtype=float)  # (batch 1, timesteps 4, features 2)
PUBLISHED_2019 = [0.0, 0.16222607, 0.12174767, 0.46444273]  # printed by Keras 2 in the seed (float32)


def test_keras2_hard_sigmoid_reproduces_the_published_numbers():
    out = lstm_layer(X.astype("float32"), *[w.astype("float32") for w in WEIGHTS], return_sequences=True,
                     recurrent_activation="hard_sigmoid_keras2").ravel()
    np.testing.assert_allclose(out, PUBLISHED_2019, atol=1e-7)


@pytest.mark.parametrize("recurrent_activation", ["sigmoid", "hard_sigmoid", "hard_sigmoid_keras2"])
def test_three_models_agree_with_keras(keras, recurrent_activation):
    from lstmlab.oracle.keras_bridge import keras_activation
    outputs = []
    for timesteps in (1, 2, 4):
        model = keras.Sequential([keras.Input(batch_shape=(1, timesteps, 2)), keras.layers.LSTM(
            1, return_sequences=True, stateful=timesteps < 4, recurrent_activation=keras_activation(recurrent_activation))])
        model.layers[0].set_weights(WEIGHTS)
        keras_out = np.concatenate([model.predict(X[:, t:t + timesteps], verbose=0) for t in range(0, 4, timesteps)], axis=1)
        mirror = from_keras(model)
        mirror_out = np.concatenate([mirror(X[:, t:t + timesteps]) for t in range(0, 4, timesteps)], axis=1)
        np.testing.assert_allclose(mirror_out, keras_out, atol=1e-6)
        outputs.append(keras_out.ravel())
    np.testing.assert_allclose(outputs[0], outputs[1], atol=1e-6)
    np.testing.assert_allclose(outputs[0], outputs[2], atol=1e-6)
    reference = lstm_layer(X, *WEIGHTS, return_sequences=True, recurrent_activation=recurrent_activation).ravel()
    np.testing.assert_allclose(reference, outputs[2], atol=1e-6)
    if recurrent_activation == "hard_sigmoid_keras2":
        np.testing.assert_allclose(outputs[2], PUBLISHED_2019, atol=1e-7)


def test_today_differs_from_2019():
    """The default recurrent_activation changed (hard_sigmoid -> sigmoid), and hard_sigmoid was redefined."""
    runs = {a: lstm_layer(X, *WEIGHTS, return_sequences=True, recurrent_activation=a).ravel()
            for a in ("sigmoid", "hard_sigmoid", "hard_sigmoid_keras2")}
    assert runs["sigmoid"][0] == runs["hard_sigmoid"][0] == 0.0  # zero input on a zero state stays zero
    assert abs(runs["sigmoid"][3] - runs["hard_sigmoid_keras2"][3]) > 0.03
    assert abs(runs["hard_sigmoid"][3] - runs["hard_sigmoid_keras2"][3]) > 0.03


def test_zero_input_on_zero_state_explains_the_seeds_coincidence():
    """Sample 0 starts with a zero step, which leaves a zero state at zero (c_tilde = tanh(0) = 0), so
    sample 0 from step 1 on equals sample 1 (sample 0 shifted by one step): y01 = y10, y02 = y11, ... as the seed saw."""
    x = np.array([[[0, 0], [0, 1], [0, 0], [1, 1]], [[0, 1], [0, 0], [1, 1], [0, 0]]], dtype=float)
    yp = lstm_layer(x, *WEIGHTS, return_sequences=True)[..., 0]  # (2 samples, 4 timesteps)
    assert yp[0, 0] == 0.0
    np.testing.assert_array_equal(yp[0, 1:], yp[1, :3])  # the all-zero first step changed nothing
    shifted = lstm_layer(x, WEIGHTS[0], WEIGHTS[1], np.array([0.0, 1.0, 0.3, 0.0]), return_sequences=True)[..., 0]
    assert shifted[0, 0] != 0.0 and shifted[0, 1] != shifted[1, 0]  # a candidate bias breaks it
