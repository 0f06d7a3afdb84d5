"""A GRU layer in Keras 3's layout: gates z, r, h; reset_after=True by default."""
import numpy as np

from .activations import get_activation
from .recurrence import check_initial_state, check_sequence, finish, project_inputs, run_over_time
from .validate import result_dtype
from .weights import check_recurrent_weights


def gru_layer(x, kernel, recurrent_kernel, bias, *, return_sequences=False, return_state=False, initial_state=None,
              go_backwards=False, reset_after=True, activation="tanh", recurrent_activation="sigmoid"):
    """Run a GRU over x (batch, timesteps, features) as keras.layers.GRU does."""
    act, rec_act = get_activation(activation), get_activation(recurrent_activation)
    kernel, recurrent_kernel, bias, units = check_recurrent_weights(
        kernel, recurrent_kernel, bias, gates=3, cell="GRU", bias_rows=2 if reset_after else None)
    x = check_sequence(x, kernel.shape[0])  # (batch, timesteps, features)
    dtype = result_dtype(x, kernel, recurrent_kernel, bias)
    (h0,) = check_initial_state(initial_state, ("h",), x.shape[0], units, dtype)
    if bias is None:
        bias = np.zeros((2, 3 * units) if reset_after else (3 * units,), dtype)
    input_bias, recurrent_bias = (bias[0], bias[1]) if reset_after else (bias, None)
    recurrent_kernel = recurrent_kernel.astype(dtype, copy=False)  # (units, 3*units)
    xz = project_inputs(x, kernel, input_bias, dtype)  # (timesteps, batch, 3*units)

    def step(xz_t, state):
        (h,) = state
        x_z, x_r, x_h = np.split(xz_t, 3, axis=1)  # (batch, units) each
        if reset_after:
            rec = h @ recurrent_kernel + recurrent_bias  # (batch, 3*units)
            rec_z, rec_r, rec_h = np.split(rec, 3, axis=1)  # (batch, units) each
            z, r = rec_act(x_z + rec_z), rec_act(x_r + rec_r)  # (batch, units)
            hh = act(x_h + r * rec_h)  # (batch, units)
        else:
            rec = h @ recurrent_kernel[:, : 2 * units]  # (batch, 2*units)
            z, r = rec_act(x_z + rec[:, :units]), rec_act(x_r + rec[:, units:])  # (batch, units)
            hh = act(x_h + (r * h) @ recurrent_kernel[:, 2 * units:])  # (batch, units)
        h = z * h + (1.0 - z) * hh  # (batch, units)
        return h, (h,)

    output, states = run_over_time(step, xz, [h0], go_backwards=go_backwards, return_sequences=return_sequences)
    return finish(output, states, return_state)
