"""Activation functions by the names Keras uses, plus Keras 2's hard_sigmoid."""
import numpy as np


def sigmoid(x):
    """1 / (1 + exp(-x)), computed as 0.5 * (1 + tanh(x / 2)): one transcendental, no overflow."""
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def tanh(x):
    """Hyperbolic tangent."""
    return np.tanh(x)


def relu(x):
    """max(x, 0)."""
    return np.maximum(x, 0.0)


def linear(x):
    """The identity."""
    return x


def hard_sigmoid(x):
    """Keras 3: relu6(x + 3) / 6, i.e. clip(x / 6 + 0.5, 0, 1)."""
    return np.clip((x + 3.0) / 6.0, 0.0, 1.0)


def hard_sigmoid_keras2(x):
    """Keras 2 (the old LSTM recurrent_activation default): clip(0.2 * x + 0.5, 0, 1)."""
    return np.clip(0.2 * x + 0.5, 0.0, 1.0)


ACTIVATIONS = {
    "sigmoid": sigmoid,
    "tanh": tanh,
    "relu": relu,
    "linear": linear,
    "hard_sigmoid": hard_sigmoid,
    "hard_sigmoid_keras2": hard_sigmoid_keras2,
}


def get_activation(name):
    """Return the NumPy function for an activation name (or pass a callable through)."""
    if callable(name):
        return name
    if name is None:
        return linear
    if not isinstance(name, str):
        raise TypeError(f"activation must be a name like 'tanh' or a callable, got {name!r} ({type(name).__name__})")
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise ValueError(f"unknown activation {name!r}; expected one of {', '.join(sorted(ACTIVATIONS))}") from None


def check_activation_name(name, what="activation"):
    """Raise a clear error unless `name` is a known activation name."""
    if not isinstance(name, str):
        raise TypeError(f"{what} must be a name like 'tanh', got {name!r} ({type(name).__name__})")
    if name not in ACTIVATIONS:
        raise ValueError(f"unknown {what} {name!r}; expected one of {', '.join(sorted(ACTIVATIONS))}")
    return name
