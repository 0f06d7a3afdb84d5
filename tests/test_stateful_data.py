"""stateful_batches: a hand loop, the continuation property, and a stateful Keras LSTM fed the batches."""
import numpy as np
import pytest

from lstmlab.data.stateful import fit_order, stateful_batches


def hand_batches(series, batch, timesteps):
    """Stream i is rows i*L .. (i+1)*L-1 with L = N // batch; batch k holds chunk k of every stream."""
    L = len(series) // batch
    n_batches = L // timesteps
    out = np.zeros((n_batches, batch, timesteps, series.shape[1]))
    for k in range(n_batches):
        for i in range(batch):
            start = i * L + k * timesteps
            out[k, i] = series[start:start + timesteps]
    return out


@pytest.mark.parametrize("n, batch, timesteps", [(23, 2, 3), (24, 4, 2), (10, 1, 10), (7, 7, 1), (100, 3, 7)])
def test_matches_hand_loop(rng, n, batch, timesteps):
    series = rng.normal(size=(n, 2))
    got = stateful_batches(series, batch, timesteps)
    np.testing.assert_array_equal(got, hand_batches(series, batch, timesteps))


def test_sample_i_continues_across_batches():
    series = np.arange(30)  # a 1-D series: the value is the row index
    b = stateful_batches(series, 3, 4)  # (n_batches, batch, timesteps, 1)
    assert b.shape == (2, 3, 4, 1)
    for i in range(3):
        stream = b[:, i, :, 0].reshape(-1)  # batch 0's chunk then batch 1's chunk
        assert np.all(np.diff(stream) == 1), stream  # contiguous: sample i of batch 1 continues sample i of batch 0


def test_fit_order_puts_batch_k_in_rows_k_batch():
    b = stateful_batches(np.arange(24), 2, 3)  # (4, 2, 3, 1)
    flat = fit_order(b)  # (8, 3, 1)
    assert flat.shape == (8, 3, 1)
    for k in range(4):
        np.testing.assert_array_equal(flat[k * 2:(k + 1) * 2], b[k])
    with pytest.raises(ValueError, match="4-D"):
        fit_order(np.ones((2, 3)))


def test_stateful_keras_over_batches_equals_stateless_over_streams(keras, rng):
    """Feeding the batches in order to a stateful LSTM = a plain LSTM over each whole stream."""
    series = rng.normal(size=(26, 2)).astype("float32")
    batch, timesteps = 2, 4
    b = stateful_batches(series, batch, timesteps)  # (3, 2, 4, 2)
    keras.utils.set_random_seed(0)
    stateful = keras.Sequential([keras.Input(batch_shape=(batch, timesteps, 2)),
                                 keras.layers.LSTM(3, stateful=True, return_sequences=True)])
    plain = keras.Sequential([keras.Input(shape=(b.shape[0] * timesteps, 2)), keras.layers.LSTM(3, return_sequences=True)])
    plain.layers[0].set_weights(stateful.layers[0].get_weights())
    chunks = np.concatenate([stateful.predict(b[k], verbose=0) for k in range(b.shape[0])], axis=1)  # (batch, 12, 3)
    streams = b.transpose(1, 0, 2, 3).reshape(batch, -1, 2)  # (batch, 12, 2)
    np.testing.assert_allclose(chunks, plain.predict(streams, verbose=0), atol=1e-6)


@pytest.mark.parametrize("args, error, words", [
    ((np.ones(5), 2, 3), ValueError, "at least batch * timesteps = 6 rows"),
    ((np.ones(5), 0, 1), ValueError, "batch must be a positive int"),
    ((np.ones(5), 1, None), TypeError, "timesteps must be a positive int"),
    ((np.ones((2, 2, 2)), 1, 1), ValueError, "(2, 2, 2)"),
])
def test_clear_errors(args, error, words):
    with pytest.raises(error) as info:
        stateful_batches(*args)
    assert words in str(info.value)
