"""An LSTM layer: one cell reused at every time step, with Keras's flags."""
import numpy as np

from .activations import get_activation
from .cell import gate_step
from .recurrence import check_initial_state, check_sequence, finish, project_inputs, run_over_time
from .validate import result_dtype
from .weights import check_recurrent_weights


def lstm_layer(x, kernel, recurrent_kernel, bias, *, return_sequences=False, return_state=False,
               initial_state=None, go_backwards=False, activation="tanh", recurrent_activation="sigmoid"):
    """Run an LSTM over x (batch, timesteps, features); return what keras.layers.LSTM returns."""
    act, rec_act = get_activation(activation), get_activation(recurrent_activation)
    kernel, recurrent_kernel, bias, units = check_recurrent_weights(kernel, recurrent_kernel, bias)
    x = check_sequence(x, kernel.shape[0])  # (batch, timesteps, features)
    dtype = result_dtype(x, kernel, recurrent_kernel, bias)
    states = check_initial_state(initial_state, ("h", "c"), x.shape[0], units, dtype)
    recurrent_kernel = recurrent_kernel.astype(dtype, copy=False)  # (units, 4*units)
    xz = project_inputs(x, kernel, bias, dtype)  # (timesteps, batch, 4*units)
    z = np.empty_like(xz[0])  # (batch, 4*units), reused at every step

    def step(xz_t, state):
        h, c = state
        np.matmul(h, recurrent_kernel, out=z)  # z = h @ recurrent_kernel  (batch, 4*units)
        np.add(z, xz_t, out=z)  # z += x_t @ kernel + bias, projected before the loop  (batch, 4*units)
        *_, c, h = gate_step(z, c, act, rec_act)  # (batch, units) each
        return h, (h, c)

    output, (h, c) = run_over_time(step, xz, states, go_backwards=go_backwards, return_sequences=return_sequences)
    return finish(output, (h, c), return_state)
