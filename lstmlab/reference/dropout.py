"""dropout vs recurrent_dropout in a Keras 3 LSTM: which numbers each mask zeroes, in NumPy.

Keras 3 draws each mask once per call and reuses it at every time step (variational dropout):
``dropout`` masks the input x_t (batch, features), ``recurrent_dropout`` masks h_{t-1} (batch, units);
kept entries are scaled by 1 / (1 - rate). With recurrent_dropout > 0 the cell switches to
``implementation=1`` and draws 4 masks of each kind, one per gate i, f, c, o; otherwise one input mask.
The cell state c is never masked, so the memory path the forget gate protects stays intact.
"""
import numpy as np

from .activations import get_activation
from .recurrence import check_sequence
from .validate import fmt_shape
from .weights import check_recurrent_weights


def dropout_mask(rng, shape, rate):
    """Keras's inverted dropout mask: 0 with probability rate, else 1 / (1 - rate)."""
    if not 0 <= rate < 1:
        raise ValueError(f"a dropout rate must be in [0, 1), got {rate!r}")
    return (rng.uniform(size=shape) >= rate) / (1.0 - rate)  # shape


def dropout_masks(batch, features, units, *, dropout=0.0, recurrent_dropout=0.0, seed=0):
    """Masks as a Keras 3 LSTM draws them: dict input -> list of 1 or 4 (batch, features), recurrent -> 4 (batch, units) or None."""
    rng = np.random.default_rng(seed)
    per_gate = 4 if recurrent_dropout > 0 else 1  # implementation=1 when recurrent_dropout > 0
    masks = dict(input=None, recurrent=None)
    if dropout > 0:
        masks["input"] = [dropout_mask(rng, (batch, features), dropout) for _ in range(per_gate)]  # each (batch, features)
    if recurrent_dropout > 0:
        masks["recurrent"] = [dropout_mask(rng, (batch, units), recurrent_dropout) for _ in range(4)]  # each (batch, units)
    return masks


def _per_gate(masks, shape, name):
    """1 or 4 masks -> 4 masks of `shape` (ones when None)."""
    if masks is None:
        return [np.ones(shape)] * 4
    masks = [np.asarray(m, dtype=float) for m in (masks if isinstance(masks, (list, tuple)) else [masks])]
    if len(masks) not in (1, 4) or any(m.shape != shape for m in masks):
        raise ValueError(f"{name} must be 1 or 4 masks of shape {fmt_shape(shape)}, got "
                         f"{[fmt_shape(m.shape) for m in masks]}")
    return masks * 4 if len(masks) == 1 else masks


def lstm_layer_dropout(x, kernel, recurrent_kernel, bias, *, input_masks=None, recurrent_masks=None,
                       return_sequences=False, activation="tanh", recurrent_activation="sigmoid"):
    """An LSTM layer in training mode with given masks: gate g sees x_t * input_masks[g] and h_{t-1} * recurrent_masks[g]."""
    act, rec_act = get_activation(activation), get_activation(recurrent_activation)
    kernel, recurrent_kernel, bias, units = check_recurrent_weights(kernel, recurrent_kernel, bias)
    x = check_sequence(x, kernel.shape[0])  # (batch, timesteps, features)
    batch, timesteps, features = x.shape
    mx = _per_gate(input_masks, (batch, features), "input_masks")  # 4 x (batch, features)
    mh = _per_gate(recurrent_masks, (batch, units), "recurrent_masks")  # 4 x (batch, units)
    k, rk = np.split(kernel, 4, axis=1), np.split(recurrent_kernel, 4, axis=1)  # 4 x (features, units), 4 x (units, units)
    b = np.split(np.zeros(4 * units) if bias is None else bias, 4)  # 4 x (units,)
    h, c = np.zeros((batch, units)), np.zeros((batch, units))  # (batch, units)
    hs = []
    for t in range(timesteps):
        z = [(x[:, t] * mx[g]) @ k[g] + (h * mh[g]) @ rk[g] + b[g] for g in range(4)]  # 4 x (batch, units)
        i, f, c_tilde, o = rec_act(z[0]), rec_act(z[1]), act(z[2]), rec_act(z[3])  # (batch, units) each
        c = f * c + i * c_tilde  # (batch, units): never masked
        h = o * act(c)  # (batch, units)
        hs.append(h)
    return np.stack(hs, axis=1) if return_sequences else h  # (batch, timesteps, units) or (batch, units)
