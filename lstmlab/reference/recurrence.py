"""The shared time loop: project every step's input at once, then recur over time."""
import numpy as np

from .validate import as_float_array, check_state, fmt_shape


def check_sequence(x, features):
    """Return x as (batch, timesteps, features), or raise naming what arrived."""
    x = as_float_array(x, "x", 3, f"(batch, timesteps, features) = (batch, timesteps, {features})")
    if x.shape[2] != features:
        raise ValueError(
            f"x has {x.shape[2]} features (shape {fmt_shape(x.shape)}) but the kernel expects {features}; "
            "x must be (batch, timesteps, features)"
        )
    if x.shape[1] == 0:
        raise ValueError(f"x has 0 timesteps (shape {fmt_shape(x.shape)}); an RNN needs at least one step")
    return x


def check_initial_state(initial_state, names, batch, units, dtype):
    """Return the initial states as a list of (batch, units) arrays (zeros when None)."""
    if initial_state is None:
        return [np.zeros((batch, units), dtype) for _ in names]
    if isinstance(initial_state, np.ndarray) and len(names) == 1 and initial_state.ndim == 2:
        initial_state = [initial_state]
    if not isinstance(initial_state, (list, tuple)) or len(initial_state) != len(names):
        got = type(initial_state).__name__ + (f" of length {len(initial_state)}" if hasattr(initial_state, "__len__") else "")
        raise ValueError(f"initial_state must be a list [{', '.join(names)}] of (batch, units) = ({batch}, {units}) arrays, got {got}")
    return [check_state(state, f"initial_state {name}", batch, units, dtype) for name, state in zip(names, initial_state)]


def project_inputs(x, kernel, bias, dtype):
    """x @ kernel + bias for all time steps in ONE matrix product, laid out time-major."""
    batch, timesteps, features = x.shape
    x_tm = np.ascontiguousarray(x.transpose(1, 0, 2), dtype=dtype).reshape(timesteps * batch, features)  # (timesteps*batch, features)
    xz = (x_tm @ kernel.astype(dtype, copy=False)).reshape(timesteps, batch, -1)  # (timesteps, batch, g*units)
    if bias is not None:
        xz += bias.astype(dtype, copy=False)  # (timesteps, batch, g*units)
    return xz


def run_over_time(step, xz, states, *, go_backwards=False, return_sequences=False):
    """Call step(xz_t, states) -> (out_t, states) over time; return output and final states.

    Only step's h @ recurrent_kernel runs inside the loop; the input projection xz was done before it.
    """
    timesteps = xz.shape[0]
    order = range(timesteps - 1, -1, -1) if go_backwards else range(timesteps)
    outputs = None
    for n, t in enumerate(order):
        out, states = step(xz[t], states)  # out: (batch, units)
        if return_sequences:
            if outputs is None:
                outputs = np.empty((timesteps,) + out.shape, out.dtype)  # (timesteps, batch, units)
            outputs[n] = out  # in processing order, as Keras returns it
    output = outputs.transpose(1, 0, 2) if return_sequences else out  # (batch, timesteps, units) or (batch, units)
    return output, states


def finish(output, states, return_state):
    """What Keras returns: the output alone, or [output, *states]."""
    return [output, *states] if return_state else output
