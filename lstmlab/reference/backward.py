"""Backpropagation through an LSTM step and through time (BPTT), in NumPy, Keras layout.

Two forms:

* functional, for learners and graders: ``lstm_step_backward(dh, dc, x, h_prev, c_prev, kernel,
  recurrent_kernel, bias)`` recomputes the step and returns a dict of gradients;
  ``lstm_layer_backward(doutput, x, kernel, recurrent_kernel, bias, return_sequences=...)`` does BPTT.
* cached, for training loops: ``lstm_step_forward`` / ``step_backward`` and
  ``lstm_layer_forward`` / ``layer_backward`` keep the forward intermediates once.

Every gradient dict uses the names ``dx, dh_prev, dc_prev, dkernel, drecurrent_kernel, dbias``
(``dh0, dc0`` for a layer's initial state).
"""
import numpy as np

from .activations import ACTIVATIONS, get_activation
from .cell import prepare_step
from .recurrence import check_initial_state, check_sequence
from .validate import as_float_array, fmt_shape, result_dtype
from .weights import check_recurrent_weights


def _d_sigmoid(z):
    """sigmoid'(z) = s (1 - s)."""
    s = ACTIVATIONS["sigmoid"](z)  # same shape as z
    return s * (1.0 - s)


DERIVATIVES = {
    "sigmoid": _d_sigmoid,
    "tanh": lambda z: 1.0 - np.tanh(z) ** 2,
    "relu": lambda z: (z > 0).astype(z.dtype),
    "linear": lambda z: np.ones_like(z),
    "hard_sigmoid": lambda z: ((z > -3.0) & (z < 3.0)).astype(z.dtype) / 6.0,
    "hard_sigmoid_keras2": lambda z: 0.2 * ((z > -2.5) & (z < 2.5)).astype(z.dtype),
}


def get_derivative(name):
    """The derivative d act(z) / dz for an activation name."""
    if callable(name):
        raise TypeError("the backward pass needs an activation by name (e.g. 'tanh'), not a callable")
    get_activation(name)  # raises a clear error for unknown names
    return DERIVATIVES["linear" if name is None else name]


def lstm_step_forward(x, h_prev, c_prev, kernel, recurrent_kernel, bias, *, activation="tanh",
                      recurrent_activation="sigmoid"):
    """One LSTM step that also returns the cache its backward pass needs: (h, c, cache)."""
    act, rec_act = get_activation(activation), get_activation(recurrent_activation)
    x, h_prev, c_prev, kernel, recurrent_kernel, bias = prepare_step(x, h_prev, c_prev, kernel, recurrent_kernel, bias)
    z = x @ kernel + h_prev @ recurrent_kernel + bias  # (batch, 4*units)
    h, c, cache = _step_from_z(z, c_prev, act, rec_act)
    cache.update(x=x, h_prev=h_prev, kernel=kernel, recurrent_kernel=recurrent_kernel,
                 activation=activation, recurrent_activation=recurrent_activation)
    return h, c, cache


def _step_from_z(z, c_prev, act, rec_act):
    """Gates and states from pre-activations z (batch, 4*units); keep z and c_prev for backward."""
    z_i, z_f, z_c, z_o = np.split(z, 4, axis=1)  # each (batch, units)
    i, f, c_tilde, o = rec_act(z_i), rec_act(z_f), act(z_c), rec_act(z_o)  # each (batch, units)
    c = f * c_prev + i * c_tilde  # (batch, units)
    a_c = act(c)  # (batch, units)
    h = o * a_c  # (batch, units)
    return h, c, dict(z=z, c_prev=c_prev, i=i, f=f, c_tilde=c_tilde, o=o, c=c, a_c=a_c)


def _step_dz(dh, dc, cache):
    """Gradient w.r.t. z (batch, 4*units) and c_prev, given dL/dh and dL/dc of this step's outputs."""
    d_act, d_rec = get_derivative(cache["activation"]), get_derivative(cache["recurrent_activation"])
    z_i, z_f, z_c, z_o = np.split(cache["z"], 4, axis=1)  # each (batch, units)
    dc = dc + dh * cache["o"] * d_act(cache["c"])  # total dL/dc: direct + through h   (batch, units)
    do = dh * cache["a_c"]  # (batch, units)
    di = dc * cache["c_tilde"]  # (batch, units)
    df = dc * cache["c_prev"]  # (batch, units)
    dc_tilde = dc * cache["i"]  # (batch, units)
    dz = np.concatenate([di * d_rec(z_i), df * d_rec(z_f), dc_tilde * d_act(z_c), do * d_rec(z_o)], axis=1)  # (batch, 4*units)
    dc_prev = dc * cache["f"]  # (batch, units)
    return dz, dc_prev


def step_backward(dh, dc, cache):
    """Backward of one cached step: dict of dx, dh_prev, dc_prev, dkernel, drecurrent_kernel, dbias."""
    dz, dc_prev = _step_dz(dh, dc, cache)  # (batch, 4*units), (batch, units)
    return dict(
        dx=dz @ cache["kernel"].T,  # (batch, features)
        dh_prev=dz @ cache["recurrent_kernel"].T,  # (batch, units)
        dc_prev=dc_prev,  # (batch, units)
        dkernel=cache["x"].T @ dz,  # (features, 4*units)
        drecurrent_kernel=cache["h_prev"].T @ dz,  # (units, 4*units)
        dbias=dz.sum(axis=0),  # (4*units,)
    )


def _check_grad(g, name, shape, dtype):
    """dL/d(output) must match the output's shape; zeros when None."""
    if g is None:
        return np.zeros(shape, dtype)
    g = as_float_array(g, name, len(shape), fmt_shape(shape))
    if g.shape != tuple(shape):
        raise ValueError(f"{name} must have the shape of what it is the gradient of, {fmt_shape(shape)}, got {fmt_shape(g.shape)}")
    return g.astype(dtype, copy=False)


def lstm_step_backward(dh, dc, x, h_prev, c_prev, kernel, recurrent_kernel, bias, *, activation="tanh",
                       recurrent_activation="sigmoid"):
    """Gradients of one lstm_step: given dL/dh and dL/dc of the new state (each (batch, units); dc may be None).

    Returns a dict: dx (batch, features), dh_prev, dc_prev (batch, units), dkernel (features, 4*units),
    drecurrent_kernel (units, 4*units), dbias (4*units,).
    """
    h, c, cache = lstm_step_forward(x, h_prev, c_prev, kernel, recurrent_kernel, bias,
                                    activation=activation, recurrent_activation=recurrent_activation)
    dh = _check_grad(dh, "dh", h.shape, h.dtype)  # (batch, units)
    dc = _check_grad(dc, "dc", c.shape, c.dtype)  # (batch, units)
    return step_backward(dh, dc, cache)


def lstm_layer_forward(x, kernel, recurrent_kernel, bias, *, initial_state=None, go_backwards=False,
                       activation="tanh", recurrent_activation="sigmoid"):
    """Run the layer keeping every step's cache: (hs (batch, timesteps, units) in processing order, cache)."""
    act, rec_act = get_activation(activation), get_activation(recurrent_activation)
    get_derivative(activation), get_derivative(recurrent_activation)
    kernel, recurrent_kernel, bias, units = check_recurrent_weights(kernel, recurrent_kernel, bias)
    x = check_sequence(x, kernel.shape[0])  # (batch, timesteps, features)
    dtype = result_dtype(x, kernel, recurrent_kernel, bias)
    x, kernel, recurrent_kernel = (a.astype(dtype, copy=False) for a in (x, kernel, recurrent_kernel))
    bias = np.zeros(4 * units, dtype) if bias is None else bias.astype(dtype, copy=False)  # (4*units,)
    h, c = check_initial_state(initial_state, ("h", "c"), x.shape[0], units, dtype)  # (batch, units) each
    xs = x[:, ::-1] if go_backwards else x  # (batch, timesteps, features) in processing order
    steps, hs = [], []
    for t in range(xs.shape[1]):
        h_prev = h  # (batch, units)
        z = xs[:, t] @ kernel + h_prev @ recurrent_kernel + bias  # (batch, 4*units)
        h, c, step = _step_from_z(z, c, act, rec_act)  # (batch, units) each
        step.update(x=xs[:, t], h_prev=h_prev)
        steps.append(step)
        hs.append(h)
    cache = dict(steps=steps, kernel=kernel, recurrent_kernel=recurrent_kernel, go_backwards=go_backwards,
                 activation=activation, recurrent_activation=recurrent_activation, units=units)
    return np.stack(hs, axis=1), cache  # (batch, timesteps, units)


def layer_backward(dhs, cache, dh_final=None, dc_final=None):
    """BPTT over a cached layer: dhs (batch, timesteps, units) = dL/dh_t from above, in processing order."""
    kernel, recurrent_kernel = cache["kernel"], cache["recurrent_kernel"]
    batch, timesteps, units = dhs.shape
    dh = np.zeros((batch, units), dhs.dtype) if dh_final is None else dh_final.astype(dhs.dtype)  # (batch, units)
    dc = np.zeros((batch, units), dhs.dtype) if dc_final is None else dc_final.astype(dhs.dtype)  # (batch, units)
    dkernel, drecurrent_kernel = np.zeros_like(kernel), np.zeros_like(recurrent_kernel)  # Keras shapes
    dbias = np.zeros(4 * units, dhs.dtype)  # (4*units,)
    dxs = np.zeros((batch, timesteps, kernel.shape[0]), dhs.dtype)  # (batch, timesteps, features)
    for t in reversed(range(timesteps)):
        step = dict(cache["steps"][t], activation=cache["activation"], recurrent_activation=cache["recurrent_activation"])
        dz, dc = _step_dz(dh + dhs[:, t], dc, step)  # (batch, 4*units), (batch, units)
        dxs[:, t] = dz @ kernel.T  # (batch, features)
        dh = dz @ recurrent_kernel.T  # (batch, units): flows to step t-1
        dkernel += step["x"].T @ dz  # (features, 4*units)
        drecurrent_kernel += step["h_prev"].T @ dz  # (units, 4*units)
        dbias += dz.sum(axis=0)  # (4*units,)
    dx = dxs[:, ::-1] if cache["go_backwards"] else dxs  # back to input order
    return dict(dx=dx, dkernel=dkernel, drecurrent_kernel=drecurrent_kernel, dbias=dbias, dh0=dh, dc0=dc)


def lstm_layer_backward(doutput, x, kernel, recurrent_kernel, bias, *, return_sequences=False,
                        initial_state=None, dh_final=None, dc_final=None, go_backwards=False,
                        activation="tanh", recurrent_activation="sigmoid"):
    """BPTT through lstm_layer: given dL/d(output), return dict of dx, dkernel, drecurrent_kernel, dbias, dh0, dc0.

    doutput is (batch, timesteps, units) when return_sequences=True, else (batch, units) for the last h.
    dh_final, dc_final: optional gradients w.r.t. the returned final states (return_state=True).
    """
    hs, cache = lstm_layer_forward(x, kernel, recurrent_kernel, bias, initial_state=initial_state,
                                   go_backwards=go_backwards, activation=activation,
                                   recurrent_activation=recurrent_activation)  # (batch, timesteps, units)
    batch, timesteps, units = hs.shape
    if return_sequences:
        dhs = _check_grad(doutput, "doutput", hs.shape, hs.dtype)  # (batch, timesteps, units)
    else:
        if np.ndim(doutput) == 3:
            raise ValueError(f"doutput has shape {fmt_shape(np.shape(doutput))}, a whole sequence, but return_sequences=False "
                             f"means the output is only the last h, {fmt_shape((batch, units))}; pass return_sequences=True")
        dhs = np.zeros_like(hs)  # (batch, timesteps, units)
        dhs[:, -1] = _check_grad(doutput, "doutput (return_sequences=False: the last h)", (batch, units), hs.dtype)
    dh_final = _check_grad(dh_final, "dh_final", (batch, units), hs.dtype)  # (batch, units)
    dc_final = _check_grad(dc_final, "dc_final", (batch, units), hs.dtype)  # (batch, units)
    return layer_backward(dhs, cache, dh_final, dc_final)
