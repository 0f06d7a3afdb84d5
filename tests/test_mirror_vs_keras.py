"""from_keras(model): the NumPy mirror equals model.predict, carries stateful state, and resets."""
import numpy as np
import pytest

from keras_helpers import TOL
from lstmlab import LSTM, Dense, Stack, from_keras
from random_stacks import random_stack


def randomize(model, rng):
    """Give every weight (biases included) random values, so nothing hides behind zeros."""
    for layer in model.layers:
        layer.set_weights([rng.normal(0, 0.5, w.shape).astype("float32") for w in layer.get_weights()])


def input_for(model, rng, batch=3):
    b, t, f = model.inputs[0].shape
    return rng.normal(size=(b or batch, t, f)).astype("float32")  # (batch, timesteps, features)


@pytest.mark.parametrize("seed", range(30))
def test_mirror_equals_predict_on_random_stacks(keras, seed):
    rng = np.random.default_rng(seed)
    model = random_stack(1000 + seed).to_keras()
    randomize(model, rng)
    x = input_for(model, rng)
    np.testing.assert_allclose(from_keras(model)(x), model.predict(x, verbose=0), **TOL)


@pytest.mark.parametrize("seed", range(6))
def test_stateful_mirror_carries_state_like_keras(keras, seed):
    rng = np.random.default_rng(seed)
    stack = random_stack(2000 + seed, allow_stateful=True)
    stack = Stack(stack.input_shape, stack.layers, batch_size=stack.batch_size or 2)
    model = stack.to_keras()
    randomize(model, rng)
    mirror = from_keras(model)
    chunks = [input_for(model, rng) for _ in range(3)]
    for _ in range(2):  # twice: the second round checks reset_states
        for chunk in chunks:
            np.testing.assert_allclose(mirror(chunk), model.predict(chunk, verbose=0), **TOL)
        mirror.reset_states()
        for layer in model.layers:
            if getattr(layer, "stateful", False):
                layer.reset_states()


def test_stateful_chunks_equal_one_long_sequence(keras):
    """Two chunks of 3 steps through a stateful model == 6 steps through a plain one (same weights)."""
    rng = np.random.default_rng(5)
    layers = [LSTM(4, return_sequences=True), Dense(1)]
    stateful = Stack((3, 2), [LSTM(4, return_sequences=True, stateful=True), Dense(1)], batch_size=2).to_keras()
    plain6, plain3 = Stack((6, 2), layers).to_keras(), Stack((3, 2), layers).to_keras()
    randomize(stateful, rng)
    plain6.set_weights(stateful.get_weights())
    plain3.set_weights(stateful.get_weights())
    x = rng.normal(size=(2, 6, 2)).astype("float32")  # (batch, timesteps, features)
    mirror = from_keras(stateful)
    pieces = np.concatenate([mirror(x[:, :3]), mirror(x[:, 3:])], axis=1)  # (batch, 6, 1)
    np.testing.assert_allclose(pieces, plain6.predict(x, verbose=0), **TOL)
    mirror.reset_states()  # after a reset, a chunk starts from zeros, as if it were a whole sequence
    fresh = mirror(x[:, 3:])
    np.testing.assert_allclose(fresh, plain3.predict(x[:, 3:], verbose=0), **TOL)
    assert np.abs(fresh - pieces[:, 3:]).max() > 1e-3  # and that differs from the carried-state result


def test_mirror_return_state_model(keras):
    rng = np.random.default_rng(9)
    model = Stack((4, 3), [LSTM(5, return_sequences=True), LSTM(2, return_state=True)]).to_keras()
    randomize(model, rng)
    x = rng.normal(size=(2, 4, 3)).astype("float32")
    expected = model.predict(x, verbose=0)
    got = from_keras(model)(x)
    assert len(got) == len(expected) == 3
    for g, e in zip(got, expected):
        np.testing.assert_allclose(g, e, **TOL)


def test_trace_shows_each_layer_feeding_the_next(keras):
    """Layer 2 receives layer 1's whole h sequence, and starts from a zero state (no state passes between layers)."""
    from lstmlab import lstm_layer
    rng = np.random.default_rng(11)
    model = Stack((5, 2), [LSTM(6, return_sequences=True), LSTM(3)]).to_keras()
    randomize(model, rng)
    x = rng.normal(size=(4, 5, 2)).astype("float32")
    (_, seq1), (_, out2) = from_keras(model).trace(x)
    assert seq1.shape == (4, 5, 6) and out2.shape == (4, 3)
    np.testing.assert_allclose(out2, lstm_layer(seq1, *model.layers[1].get_weights()), rtol=1e-12, atol=1e-12)


def test_mirror_encoder_decoder_and_weightless_layers(keras):
    """Seed 002's encoder-decoder shape: LSTM -> RepeatVector -> LSTM(return_sequences) -> TimeDistributed(Dense)."""
    L = keras.layers
    model = keras.Sequential([keras.Input((6, 2)), L.LSTM(5), L.RepeatVector(3), L.LSTM(4, return_sequences=True),
                              L.TimeDistributed(L.Dense(2)), L.Activation("tanh"), L.Flatten(), L.Dense(1)])
    randomize(model, np.random.default_rng(4))
    x = np.random.default_rng(5).normal(size=(3, 6, 2)).astype("float32")
    np.testing.assert_allclose(from_keras(model)(x), model.predict(x, verbose=0), **TOL)


def test_mirror_rejects_what_it_cannot_mirror(keras):
    model = keras.Sequential([keras.Input((4, 2)), keras.layers.Conv1D(3, 2)])
    with pytest.raises(TypeError, match="Conv1D.*supports"):
        from_keras(model)
    with pytest.raises(TypeError, match="built Keras model"):
        from_keras("not a model")


def test_mirror_explains_wrong_input(keras):
    mirror = from_keras(Stack((4, 2), [LSTM(3)]).to_keras())
    with pytest.raises(ValueError, match=r"takes input \(None, 4, 2\), got \(1, 4, 3\)"):
        mirror(np.zeros((1, 4, 3)))
    with pytest.raises(ValueError, match="3-D"):
        mirror(np.zeros((4, 2)))
    stateful = from_keras(Stack((4, 2), [LSTM(3, stateful=True)], batch_size=2).to_keras())
    with pytest.raises(ValueError, match="fixed batch of 2"):
        stateful(np.zeros((3, 4, 2)))
