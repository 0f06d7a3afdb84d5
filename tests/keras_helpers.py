"""Helpers for the oracle tests: random weights, and Keras layers that hold them."""
import numpy as np

TOL = dict(rtol=1e-4, atol=2e-5)  # float64 reference vs float32 Keras


def random_lstm_weights(rng, features, units, gates=4, scale=0.6, bias_shape=None):
    """Random (kernel, recurrent_kernel, bias) in Keras's layout, float32 like Keras's."""
    kernel = rng.normal(0, scale, (features, gates * units)).astype("float32")  # (features, g*units)
    recurrent_kernel = rng.normal(0, scale, (units, gates * units)).astype("float32")  # (units, g*units)
    bias = rng.normal(0, scale, bias_shape or (gates * units,)).astype("float32")  # (g*units,)
    return kernel, recurrent_kernel, bias


def keras_call(layer, x, **kwargs):
    """Call a Keras layer eagerly and return NumPy (a list for several outputs)."""
    out = layer(x, **kwargs)
    return [np.asarray(o) for o in out] if isinstance(out, (list, tuple)) else np.asarray(out)
