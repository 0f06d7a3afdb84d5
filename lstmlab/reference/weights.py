"""Keras's recurrent weight layout: check it, and slice it into gates."""
import numpy as np

from .validate import as_float_array, fmt_shape

LSTM_GATES = ("i", "f", "c", "o")  # Keras's order in kernel, recurrent_kernel and bias


def check_recurrent_weights(kernel, recurrent_kernel, bias, gates=4, cell="LSTM", bias_rows=None):
    """Check kernel (features, g*units), recurrent_kernel (units, g*units), bias; return them and units."""
    kernel = as_float_array(kernel, "kernel", 2, f"(features, {gates}*units)")
    recurrent_kernel = as_float_array(recurrent_kernel, "recurrent_kernel", 2, f"(units, {gates}*units)")
    width = kernel.shape[1]
    if width == 0 or width % gates:
        raise ValueError(
            f"{cell} kernel must have {gates}*units columns (one block per gate), "
            f"got kernel of shape {fmt_shape(kernel.shape)}: {width} is not a positive multiple of {gates}"
        )
    units = width // gates
    expected_rk = (units, gates * units)
    if recurrent_kernel.shape != expected_rk:
        raise ValueError(
            f"recurrent_kernel must be (units, {gates}*units) = {fmt_shape(expected_rk)} to match "
            f"kernel {fmt_shape(kernel.shape)}, got {fmt_shape(recurrent_kernel.shape)}"
            + ("; is it transposed?" if recurrent_kernel.shape == expected_rk[::-1] else "")
        )
    if bias is not None:
        if bias_rows is None:
            bias = as_float_array(bias, "bias", 1, f"({gates}*units,) = ({gates * units},)")
            if bias.shape != (gates * units,):
                raise ValueError(f"bias must have shape ({gates * units},) = {gates}*units, got {fmt_shape(bias.shape)}")
        else:
            expected_b = (bias_rows, gates * units)
            bias = as_float_array(bias, "bias", 2, fmt_shape(expected_b))
            if bias.shape != expected_b:
                raise ValueError(f"bias must have shape {fmt_shape(expected_b)}, got {fmt_shape(bias.shape)}")
    return kernel, recurrent_kernel, bias, units


def split_gates(weight, gates=LSTM_GATES):
    """Split a (..., 4*units) LSTM weight into a dict {i, f, c, o} of (..., units) blocks."""
    weight = np.asarray(weight)
    if weight.shape[-1] % len(gates):
        raise ValueError(f"last axis {weight.shape[-1]} is not a multiple of {len(gates)} gates")
    return dict(zip(gates, np.split(weight, len(gates), axis=-1)))
