"""Input checks that explain themselves: expected vs received, never a broadcasting traceback."""
import numpy as np


def fmt_shape(shape):
    """Show a shape as Keras prints it: (None, 5, 64)."""
    return "(" + ", ".join("None" if d is None else str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def as_float_array(value, name, ndim, what, dtype=None):
    """Return `value` as a float array of `ndim` dims, or raise naming `what` was expected."""
    if value is None:
        raise TypeError(f"{name} is None; expected an array of shape {what}")
    try:
        arr = np.asarray(value)
    except Exception as exc:  # ragged lists and the like
        raise TypeError(f"{name} could not be read as an array ({exc}); expected shape {what}") from None
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        raise TypeError(f"{name} must hold numbers, got dtype {arr.dtype}; expected shape {what}")
    if np.issubdtype(arr.dtype, np.complexfloating):
        raise TypeError(f"{name} must be real, got dtype {arr.dtype}")
    if arr.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-D with shape {what}, got {arr.ndim}-D array of shape {fmt_shape(arr.shape)}")
    if dtype is None:
        dtype = arr.dtype if np.issubdtype(arr.dtype, np.floating) else np.float64
    return arr.astype(dtype, copy=False)


def result_dtype(*arrays):
    """float64 unless every floating input is float32 (then float32, as Keras computes)."""
    kinds = {a.dtype for a in arrays if a is not None and np.issubdtype(a.dtype, np.floating)}
    return np.float32 if kinds == {np.dtype(np.float32)} else np.float64


def check_positive_int(value, name, allow_none=False):
    """Return `value` if it is a positive int (or None when allowed), else raise."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        expected = "a positive int or None" if allow_none else "a positive int"
        raise TypeError(f"{name} must be {expected}, got {value!r} ({type(value).__name__})")
    if value <= 0:
        raise ValueError(f"{name} must be a positive int, got {value}")
    return int(value)


def check_state(state, name, batch, units, dtype):
    """Return a (batch, units) state array, or raise naming expected and received shapes."""
    state = as_float_array(state, name, 2, f"(batch, units) = ({batch}, {units})")
    if state.shape != (batch, units):
        raise ValueError(f"{name} must have shape (batch, units) = ({batch}, {units}), got {fmt_shape(state.shape)}")
    return state.astype(dtype, copy=False)
