"""units are not N independent copies: checked by hand-derived derivatives and by real 1-unit LSTMs."""
import numpy as np
import pytest

from lstmlab import lstm_layer
from lstmlab.lessons.mixing import independent_units, unit_response, unit_weights


def setup(rng, features=3, units=4, batch=2):
    return (rng.normal(size=(batch, features)), rng.normal(size=(batch, units)), rng.normal(size=(batch, units)),
            rng.normal(0, 0.5, (features, 4 * units)), rng.normal(0, 0.5, (units, 4 * units)), rng.normal(0, 0.5, 4 * units))


def test_full_recurrent_kernel_moves_every_unit_as_derived_by_hand(rng):
    x, h, c, kernel, rk, bias = setup(rng)
    eps = 1e-6
    response = unit_response(x, h, c, kernel, rk, bias, unit=0, eps=eps)
    z = x[0] @ kernel + h[0] @ rk + bias  # hand derivation: d sigmoid(z_j) / d h_0 = s(1 - s) * rk[0, j]
    s = 1 / (1 + np.exp(-z[:4]))
    np.testing.assert_allclose(response["i"] / eps, np.abs(s * (1 - s) * rk[0, :4]), rtol=1e-4)
    assert (response["i"] > 0).all() and (response["f"] > 0).all()


def test_independent_units_only_moves_the_nudged_unit(rng):
    x, h, c, kernel, rk, bias = setup(rng)
    response = unit_response(x, h, c, kernel, independent_units(rk), bias, unit=2)
    for key in ("i", "f", "c_tilde", "o", "c", "h"):
        assert response[key][2] > 0
        assert np.all(np.delete(response[key], 2) == 0)


def test_block_diagonal_layer_equals_n_separate_one_unit_lstms(rng):
    x = rng.normal(size=(2, 6, 3))
    _, _, _, kernel, rk, bias = setup(rng)
    rk = independent_units(rk)
    together = lstm_layer(x, kernel, rk, bias, return_sequences=True)
    for unit in range(4):
        alone = lstm_layer(x, *unit_weights(kernel, rk, bias, unit), return_sequences=True)  # (2, 6, 1)
        np.testing.assert_allclose(together[:, :, unit], alone[:, :, 0], atol=1e-12)


def test_full_layer_is_not_n_separate_lstms(rng):
    x = rng.normal(size=(2, 6, 3))
    _, _, _, kernel, rk, bias = setup(rng)
    together = lstm_layer(x, kernel, rk, bias, return_sequences=True)
    alone = lstm_layer(x, *unit_weights(kernel, rk, bias, 0), return_sequences=True)
    assert np.abs(together[:, :, 0] - alone[:, :, 0]).max() > 1e-3


def test_unit_weights_slices_each_gate_block():
    kernel = np.arange(2 * 12).reshape(2, 12)  # units = 3: columns i0 i1 i2 f0 f1 f2 c0 c1 c2 o0 o1 o2
    k, r, b = unit_weights(kernel, np.zeros((3, 12)), np.arange(12), 1)
    assert k[0].tolist() == [1, 4, 7, 10] and b.tolist() == [1, 4, 7, 10] and r.shape == (1, 4)


def test_errors_name_the_problem():
    with pytest.raises(ValueError, match="4\\*units"):
        independent_units(np.zeros((3, 5)))
    with pytest.raises(ValueError, match="unit must be in 0..2"):
        unit_weights(np.zeros((2, 12)), np.zeros((3, 12)), np.zeros(12), 3)
