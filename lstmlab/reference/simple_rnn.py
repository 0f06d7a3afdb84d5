"""A SimpleRNN layer: h = activation(x @ kernel + h @ recurrent_kernel + bias)."""
from .activations import get_activation
from .recurrence import check_initial_state, check_sequence, finish, project_inputs, run_over_time
from .validate import result_dtype
from .weights import check_recurrent_weights


def simple_rnn_layer(x, kernel, recurrent_kernel, bias, *, return_sequences=False, return_state=False,
                     initial_state=None, go_backwards=False, activation="tanh"):
    """Run a SimpleRNN over x (batch, timesteps, features) as keras.layers.SimpleRNN does."""
    act = get_activation(activation)
    kernel, recurrent_kernel, bias, units = check_recurrent_weights(kernel, recurrent_kernel, bias, gates=1, cell="SimpleRNN")
    x = check_sequence(x, kernel.shape[0])  # (batch, timesteps, features)
    dtype = result_dtype(x, kernel, recurrent_kernel, bias)
    (h0,) = check_initial_state(initial_state, ("h",), x.shape[0], units, dtype)
    recurrent_kernel = recurrent_kernel.astype(dtype, copy=False)  # (units, units)
    xz = project_inputs(x, kernel, bias, dtype)  # (timesteps, batch, units)

    def step(xz_t, state):
        h = act(xz_t + state[0] @ recurrent_kernel)  # (batch, units)
        return h, (h,)

    output, states = run_over_time(step, xz, [h0], go_backwards=go_backwards, return_sequences=return_sequences)
    return finish(output, states, return_state)
