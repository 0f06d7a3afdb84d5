"""The synthetic memory tasks of lesson 09: the answer is where the docstring says, and bad input is named."""
import numpy as np
import pytest

from lstmlab.data import tasks


def test_recall_k_back_labels_the_symbol_k_steps_before_the_last():
    x, y = tasks.recall_k_back(50, 8, 3, classes=5, seed=1)
    assert x.shape == (50, 8, 5) and y.shape == (50,) and x.dtype == np.float32
    assert (x.sum(axis=2) == 1).all()  # one-hot
    assert (x.argmax(axis=2)[:, 8 - 1 - 3] == y).all()
    assert not (x.argmax(axis=2)[:, -1] == y).all()  # the last step is not the answer


def test_recall_k_back_is_seeded():
    a, b, c = (tasks.recall_k_back(20, 6, 2, seed=s)[1] for s in (4, 4, 5))
    assert np.array_equal(a, b) and not np.array_equal(a, c)


@pytest.mark.parametrize("k", [-1, 6, 2.0, True])
def test_recall_k_back_rejects_a_lag_outside_the_sequence(k):
    with pytest.raises(ValueError, match=r"k must be an int in 0..timesteps-1 = 0..5"):
        tasks.recall_k_back(10, 6, k)


def test_adding_targets_are_the_sum_of_the_marked_values():
    x, y = tasks.adding(30, 7, seed=2)
    assert x.shape == (30, 7, 2) and y.shape == (30, 1) and x.dtype == y.dtype == np.float32
    assert (x[..., 1].sum(axis=1) == 2).all()
    np.testing.assert_allclose(y[:, 0], (x[..., 0] * x[..., 1]).sum(axis=1), rtol=1e-6)


def test_remember_first_repeats_step_zero_everywhere():
    x, y = tasks.remember_first(9, 3, 4, seed=3)
    assert x.shape == (9, 12, 2) and y.shape == (9, 12, 1)
    assert (x[:, 0, 1] == 1).all() and (x[:, 1:, 1] == 0).all()
    assert np.array_equal(y[..., 0], np.repeat(x[:, :1, 0], 12, axis=1))


def test_chunk_for_stateful_continues_each_row_in_the_next_batch():
    samples, timesteps, batch, chunk = 8, 6, 4, 2
    x = np.arange(samples * timesteps, dtype=float).reshape(samples, timesteps, 1)  # x[s, t] = s * timesteps + t
    xc, yc = tasks.chunk_for_stateful(x, -x, batch, chunk)
    assert xc.shape == (samples * timesteps // chunk, chunk, 1) and np.array_equal(yc, -xc)
    batches = xc.reshape(-1, batch, chunk)  # (n_batches, batch, chunk), as fit(batch_size=batch, shuffle=False) reads
    for k in range(len(batches) - 1):
        if (k + 1) % (timesteps // chunk):  # inside a group: row i continues row i
            assert np.array_equal(batches[k + 1][:, 0], batches[k][:, -1] + 1)
    assert np.array_equal(batches[3][:, 0], np.arange(4, 8) * timesteps)  # the second group starts at step 0


def test_chunk_for_stateful_names_what_does_not_divide():
    x = np.zeros((6, 4, 1))
    with pytest.raises(ValueError, match="samples=6, batch=4"):
        tasks.chunk_for_stateful(x, x, 4, 2)
    with pytest.raises(ValueError, match=r"x \(6, 4, 1\) and y \(6, 4\)"):
        tasks.chunk_for_stateful(x, x[..., 0], 3, 2)
