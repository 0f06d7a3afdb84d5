"""Every public reference function checks its inputs and names what it expected and what arrived."""
import numpy as np
import pytest

from lstmlab import get_activation, gru_layer, lstm_layer, lstm_step, simple_rnn_layer, split_gates

R = np.random.default_rng(0)
K, RK, B = R.normal(size=(3, 8)), R.normal(size=(2, 8)), R.normal(size=8)  # features 3, units 2
X1, H, C = R.normal(size=(4, 3)), np.zeros((4, 2)), np.zeros((4, 2))
X = R.normal(size=(4, 5, 3))  # (batch, timesteps, features)

STEP_CASES = [
    (dict(x=X1[0]), ValueError, r"x must be 2-D with shape \(batch, features\).*got 1-D array of shape \(3,\)"),
    (dict(x=R.normal(size=(4, 5))), ValueError, r"x has 5 features .* kernel expects 3"),
    (dict(h=np.zeros((4, 3))), ValueError, r"h must have shape \(batch, units\) = \(4, 2\), got \(4, 3\)"),
    (dict(c=np.zeros((2,))), ValueError, r"c must be 2-D"),
    (dict(h=C, c=np.zeros((5, 2))), ValueError, r"c must have shape .* \(4, 2\), got \(5, 2\)"),
    (dict(kernel=R.normal(size=(3, 7))), ValueError, r"4\*units columns.*\(3, 7\).*not a positive multiple of 4"),
    (dict(recurrent_kernel=R.normal(size=(8, 2))), ValueError, r"recurrent_kernel must be .* \(2, 8\).*got \(8, 2\); is it transposed"),
    (dict(recurrent_kernel=R.normal(size=(3, 8))), ValueError, r"recurrent_kernel must be"),
    (dict(bias=np.zeros(6)), ValueError, r"bias must have shape \(8,\) = 4\*units, got \(6,\)"),
    (dict(bias=np.zeros((2, 4))), ValueError, r"bias must be 1-D"),
    (dict(x=[["a", "b", "c"]]), TypeError, r"x must hold numbers, got dtype"),
    (dict(kernel=None), TypeError, r"kernel is None"),
    (dict(activation="swish2"), ValueError, r"unknown activation 'swish2'; expected one of"),
    (dict(recurrent_activation=3), TypeError, r"activation must be a name"),
]


@pytest.mark.parametrize("override,exc,pattern", STEP_CASES)
def test_lstm_step_bad_inputs(override, exc, pattern):
    args = dict(x=X1, h=H, c=C, kernel=K, recurrent_kernel=RK, bias=B)
    args.update(override)
    options = {k: args.pop(k) for k in ("activation", "recurrent_activation") if k in args}
    with pytest.raises(exc, match=pattern):
        lstm_step(**args, **options)


LAYER_CASES = [
    (dict(x=X[0]), ValueError, r"x must be 3-D with shape \(batch, timesteps, features\).*got 2-D array of shape \(5, 3\)"),
    (dict(x=R.normal(size=(4, 5, 2))), ValueError, r"x has 2 features \(shape \(4, 5, 2\)\) but the kernel expects 3"),
    (dict(x=np.zeros((4, 0, 3))), ValueError, r"0 timesteps"),
    (dict(initial_state=[H]), ValueError, r"initial_state must be a list \[h, c\].*got list of length 1"),
    (dict(initial_state=[H, np.zeros((4, 3))]), ValueError, r"initial_state c must have shape \(batch, units\) = \(4, 2\), got \(4, 3\)"),
    (dict(initial_state=H), ValueError, r"initial_state must be a list \[h, c\]"),
    (dict(bias=np.zeros(9)), ValueError, r"bias must have shape \(8,\)"),
    (dict(kernel=np.zeros((3, 0))), ValueError, r"not a positive multiple of 4"),
]


@pytest.mark.parametrize("override,exc,pattern", LAYER_CASES)
def test_lstm_layer_bad_inputs(override, exc, pattern):
    args = dict(x=X, kernel=K, recurrent_kernel=RK, bias=B)
    args.update(override)
    initial_state = args.pop("initial_state", None)
    with pytest.raises(exc, match=pattern):
        lstm_layer(**args, initial_state=initial_state)


def test_gru_and_simple_rnn_check_their_layouts():
    with pytest.raises(ValueError, match=r"GRU kernel must have 3\*units columns"):
        gru_layer(X, np.zeros((3, 8)), np.zeros((2, 8)), np.zeros((2, 8)))
    with pytest.raises(ValueError, match=r"bias must be 2-D with shape \(2, 6\), got 1-D"):
        gru_layer(X, np.zeros((3, 6)), np.zeros((2, 6)), np.zeros(6))
    with pytest.raises(ValueError, match=r"recurrent_kernel must be \(units, 1\*units\) = \(2, 2\)"):
        simple_rnn_layer(X, np.zeros((3, 2)), np.zeros((3, 2)), np.zeros(2))


def test_split_gates_and_activation_lookup():
    blocks = split_gates(K)
    assert list(blocks) == ["i", "f", "c", "o"] and blocks["c"].shape == (3, 2)
    np.testing.assert_array_equal(blocks["c"], K[:, 4:6])
    with pytest.raises(ValueError, match="not a multiple of 4"):
        split_gates(np.zeros((3, 7)))
    with pytest.raises(ValueError, match="unknown activation"):
        get_activation("gelu6")


def test_activations_match_their_definitions():
    x = np.linspace(-8, 8, 161)
    np.testing.assert_allclose(get_activation("sigmoid")(x), 1 / (1 + np.exp(-x)), rtol=1e-12)
    np.testing.assert_allclose(get_activation("hard_sigmoid")(x), np.minimum(np.maximum(x + 3, 0), 6) / 6)
    np.testing.assert_allclose(get_activation("hard_sigmoid_keras2")(x), np.clip(0.2 * x + 0.5, 0, 1))
    np.testing.assert_allclose(get_activation("relu")(x), np.where(x > 0, x, 0))
