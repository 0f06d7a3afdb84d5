"""make_windows against a hand loop and against keras.utils.timeseries_dataset_from_array."""
import numpy as np
import pytest

from lstmlab.data.windows import make_windows


def hand_windows(series, timesteps, target_column):
    """The definition written as a loop: inputs are the rows before t, the target is row t."""
    xs, ys = [], []
    for t in range(timesteps, len(series)):
        xs.append(series[t - timesteps:t])
        ys.append(series[t][target_column])
    return np.array(xs, float), np.array(ys, float)


@pytest.mark.parametrize("timesteps", [1, 2, 5])
@pytest.mark.parametrize("target_column", [-1, 0, 2])
def test_matches_hand_loop(rng, timesteps, target_column):
    series = rng.normal(size=(12, 4))
    x, y = make_windows(series, timesteps, target_column)
    hx, hy = hand_windows(series, timesteps, target_column)
    assert x.shape == (12 - timesteps, timesteps, 4) and y.shape == (12 - timesteps,)
    np.testing.assert_array_equal(x, hx)
    np.testing.assert_array_equal(y, hy)


def test_seed_004_abcd_shapes():
    """Seed 004: columns A, B, C, D; predict D at t from t-1 (N, 1, 4) or from t-2, t-1 (N, 2, 4)."""
    abcd = np.arange(40).reshape(10, 4)  # row t = [A(t), B(t), C(t), D(t)]
    x1, y1 = make_windows(abcd, 1)
    x2, y2 = make_windows(abcd, 2)
    assert x1.shape == (9, 1, 4) and x2.shape == (8, 2, 4)
    assert x2[0].tolist() == [[0, 1, 2, 3], [4, 5, 6, 7]] and y2[0] == 11  # D(2) from rows 0 and 1
    assert x1[0].tolist() == [[0, 1, 2, 3]] and y1[0] == 7  # D(1) from row 0


def test_matches_keras_timeseries_dataset(keras, rng):
    series = rng.normal(size=(30, 3)).astype("float32")
    timesteps = 4
    ds = keras.utils.timeseries_dataset_from_array(series[:-1], targets=series[timesteps:, -1],
                                                   sequence_length=timesteps, batch_size=1000, shuffle=False)
    kx, ky = next(iter(ds))
    x, y = make_windows(series, timesteps)
    np.testing.assert_array_equal(x, np.asarray(kx))
    np.testing.assert_array_equal(y, np.asarray(ky))


def test_one_dimensional_series_gets_one_feature():
    x, y = make_windows([1.0, 2.0, 3.0, 4.0], 2)
    assert x.shape == (2, 2, 1) and x[:, :, 0].tolist() == [[1, 2], [2, 3]] and y.tolist() == [3, 4]


def test_float32_stays_float32():
    x, y = make_windows(np.ones((5, 2), np.float32), 2)
    assert x.dtype == np.float32 and y.dtype == np.float32


@pytest.mark.parametrize("series, timesteps, target_column, error, words", [
    (np.ones((3, 2)), 3, -1, ValueError, "at least 4 rows"),
    (np.ones((3, 2, 2)), 1, -1, ValueError, "(3, 2, 2)"),
    (np.ones((5, 2)), 0, -1, ValueError, "timesteps must be a positive int"),
    (np.ones((5, 2)), 1.5, -1, TypeError, "timesteps must be a positive int"),
    (np.ones((5, 2)), 1, 2, IndexError, "2 feature column"),
    (np.ones((5, 2)), 1, "D", TypeError, "target_column"),
    ([["a", "b"]], 1, -1, TypeError, "must hold numbers"),
])
def test_clear_errors(series, timesteps, target_column, error, words):
    with pytest.raises(error) as info:
        make_windows(series, timesteps, target_column)
    assert words in str(info.value)
