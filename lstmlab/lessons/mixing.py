"""What `units` is not: N independent copies. The recurrent kernel mixes every unit into every gate."""
import numpy as np

from ..reference.cell import lstm_gates
from ..reference.weights import check_recurrent_weights


def independent_units(recurrent_kernel):
    """Zero every cross-unit weight of a (units, 4*units) recurrent kernel: N independent 1-unit LSTMs."""
    recurrent_kernel = np.asarray(recurrent_kernel)
    units = recurrent_kernel.shape[0]
    if recurrent_kernel.ndim != 2 or recurrent_kernel.shape[1] != 4 * units:
        raise ValueError(f"recurrent_kernel must be (units, 4*units), got shape {recurrent_kernel.shape}")
    mask = np.tile(np.eye(units), (1, 4))  # (units, 4*units): unit j's row feeds only unit j of each gate
    return recurrent_kernel * mask  # (units, 4*units)


def unit_weights(kernel, recurrent_kernel, bias, unit):
    """The weights of unit `unit` alone, as a 1-unit LSTM: kernel (features, 4), recurrent_kernel (1, 4), bias (4,)."""
    kernel, recurrent_kernel, bias, units = check_recurrent_weights(kernel, recurrent_kernel, bias)
    if not 0 <= unit < units:
        raise ValueError(f"unit must be in 0..{units - 1} for units={units}, got {unit}")
    cols = [unit + g * units for g in range(4)]  # column of this unit in the i, f, c, o blocks
    b = None if bias is None else bias[cols]  # (4,)
    return kernel[:, cols], recurrent_kernel[np.ix_([unit], cols)], b  # (features, 4), (1, 4)


def unit_response(x, h, c, kernel, recurrent_kernel, bias, *, unit=0, eps=1e-3, **activations):
    """Nudge h[:, unit] by eps; return {i, f, c_tilde, o, c, h} -> |change| of every unit, each (units,), for sample 0."""
    base = lstm_gates(x, h, c, kernel, recurrent_kernel, bias, **activations)  # each (batch, units)
    h2 = np.array(h, dtype=float, copy=True)  # (batch, units)
    if not 0 <= unit < h2.shape[1]:
        raise ValueError(f"unit must be in 0..{h2.shape[1] - 1} for h of shape {h2.shape}, got {unit}")
    h2[:, unit] += eps  # (batch, units)
    nudged = lstm_gates(x, h2, c, kernel, recurrent_kernel, bias, **activations)  # each (batch, units)
    return {k: np.abs(nudged[k] - base[k])[0] for k in base}  # each (units,)
