"""Lesson 04, stacking: predict a stack's shapes and parameters; run a forward pass through a stack."""
import numpy as np

from ..reference.layer import lstm_layer as ref_layer
from ..shapes.specs import LSTM, Dense
from ..shapes.stack import Stack
from . import variants
from .compare import Mismatch
from .inputs import lstm_weights
from .item import Item, Mistake

LESSON = "04_stacking"
NONE, PAD = -1, -2  # how a shape's None and a missing dimension are encoded in the answer array


def _spec(layer):
    if layer["layer"] == "LSTM":
        return LSTM(layer["units"], return_sequences=layer["return_sequences"])
    return Dense(layer["units"])


def _encode(rows):
    """[(output_shape, params), ...] -> (layers, 5) array: ndim, three dims (None -> -1, padded -2), params."""
    out = np.full((len(rows), 5), PAD, dtype=np.float64)  # (layers, 5)
    for k, (shape, params) in enumerate(rows):
        out[k, 0] = len(shape)
        out[k, 1:1 + len(shape)] = [NONE if d is None else d for d in shape]
        out[k, 4] = params
    return out


def _shapes_ref(timesteps, features, layers, mistake=None):
    rows = Stack(input_shape=(timesteps, features), layers=[_spec(layer) for layer in layers]).summary()
    pairs = [(r.output_shape, r.params) for r in rows]
    if mistake == "one_gate":
        pairs = [(s, p // 4 if layer["layer"] == "LSTM" else p) for (s, p), layer in zip(pairs, layers)]
    if mistake == "no_sequences":
        pairs = [((None, layer["units"]) if layer["layer"] == "LSTM" else (s[:1] + s[-1:]), p)
                 for (s, p), layer in zip(pairs, layers)]
    return _encode(pairs)


def _shapes_normalize(tree, case):
    """The learner returns [(output_shape, params), ...], one pair per layer; shapes like (None, 5, 64)."""
    n = len(case["layers"])
    if not isinstance(tree, list) or len(tree) != n:
        raise Mismatch(f"expected a list of {n} (output_shape, params) pairs, one per layer, received "
                       f"{len(tree) if isinstance(tree, list) else type(tree).__name__}")
    pairs = []
    for k, pair in enumerate(tree, 1):
        if not isinstance(pair, list) or len(pair) != 2:
            raise Mismatch(f"layer {k}: expected a pair (output_shape, params), e.g. ((None, 5, 64), 17152)")
        shape, params = pair
        if isinstance(shape, np.ndarray) and shape.ndim == 1:
            shape = [None if d < 0 else d for d in shape.tolist()]  # (5, 64) given without None is read as is
        if not isinstance(shape, list) or not 1 <= len(shape) <= 3 or any(
                d is not None and not (isinstance(d, np.ndarray) and d.ndim == 0) for d in shape):
            raise Mismatch(f"layer {k}: the output shape should be a tuple like (None, 32), with None for the batch")
        if not isinstance(params, np.ndarray) or params.ndim != 0:
            raise Mismatch(f"layer {k}: the parameter count should be one number")
        pairs.append((tuple(None if d is None else float(d) for d in shape), float(params)))
    return [_encode(pairs)]


def _show(row):
    dims = ["None" if d == NONE else str(int(d)) for d in row[1:1 + int(row[0])] if d != PAD]
    return "(" + ", ".join(dims) + ("," if len(dims) == 1 else "") + ")"


def _shapes_explain(expected, received, case, reveal):
    exp, got = expected[0], received[0]
    for k, layer in enumerate(case["layers"]):
        name = f"layer {k + 1} ({layer['layer']}({layer['units']}" + (
            f", return_sequences={layer['return_sequences']}" if layer["layer"] == "LSTM" else "") + "))"
        if not np.array_equal(exp[k, :4], got[k, :4]):
            return f"Wrong output shape for {name}: " + (f"expected {_show(exp[k])}, " if reveal else "") + f"you wrote {_show(got[k])}."
        if exp[k, 4] != got[k, 4]:
            return f"Wrong parameter count for {name}: " + (f"expected {int(exp[k, 4])}, " if reveal else "") + f"you wrote {int(got[k, 4])}."
    return None


def _shapes_cases(rng):
    yield dict(timesteps=5, features=2, layers=[dict(layer="LSTM", units=64, return_sequences=True),
                                               dict(layer="LSTM", units=32, return_sequences=False)])  # the seed's stack
    for _ in range(3):
        depth = int(rng.integers(1, 4))
        layers = [dict(layer="LSTM", units=int(rng.integers(1, 65)), return_sequences=bool(k < depth - 1 or rng.integers(0, 2)))
                  for k in range(depth)]
        layers.append(dict(layer="Dense", units=int(rng.integers(1, 5))))
        yield dict(timesteps=int(rng.integers(1, 30)), features=int(rng.integers(1, 10)), layers=layers)


def _stack_cases(rng):
    for units_list in ([3, 3], [2, 4, 3], [int(rng.integers(1, 5))] * 2):
        batch, timesteps, features = int(rng.integers(2, 5)), int(rng.integers(2, 6)), int(rng.integers(1, 5))
        weights, width = [], features
        for units in units_list:
            weights.append(list(lstm_weights(rng, width, units)))
            width = units
        dense = int(rng.integers(1, 4))
        yield dict(x=rng.normal(size=(batch, timesteps, features)), lstm_weights=weights,
                   dense_kernel=rng.normal(size=(width, dense)), dense_bias=rng.normal(size=dense))


def _stack_ref(x, lstm_weights, dense_kernel, dense_bias, mistake=None):
    """LSTM layers (return_sequences=True on all but the last) then a linear Dense: (batch, dense units)."""
    seq, state = x, None  # (batch, timesteps, features)
    for k, (kernel, recurrent_kernel, bias) in enumerate(lstm_weights):
        last = k == len(lstm_weights) - 1
        if mistake == "pass_states":
            seq, h, c = variants.layer(seq, kernel, recurrent_kernel, bias, not last, True, state)
            state = [h, c]
        else:
            seq = ref_layer(seq, kernel, recurrent_kernel, bias, return_sequences=not last or mistake == "sequence_out")
    return seq @ dense_kernel + dense_bias  # (batch, dense units), or (batch, timesteps, dense units)


ITEMS = [
    Item("predict_shapes", LESSON, 2, "Predict a stack's shapes and parameters", ("timesteps", "features", "layers"),
         _shapes_cases, _shapes_ref, outputs=("answer",), exact=True, normalize=_shapes_normalize,
         mistakes=(
             Mistake("one gate instead of four", lambda **k: _shapes_ref(**k, mistake="one_gate"),
                     "an LSTM has 4 gates: 4 * (units * (features + units) + units)."),
             Mistake("return_sequences ignored", lambda **k: _shapes_ref(**k, mistake="no_sequences"),
                     "with return_sequences=True an LSTM returns (None, timesteps, units), one h per step."),
         ),
         explain=_shapes_explain,
         describe=lambda case: f"timesteps={case['timesteps']}, features={case['features']}, {len(case['layers'])} layers",
         meaning="You can read any stack's summary before running it."),
    Item("stack_forward", LESSON, 3, "A forward pass through a stack",
         ("x", "lstm_weights", "dense_kernel", "dense_bias"), _stack_cases, _stack_ref, outputs=("output",),
         mistakes=(
             Mistake("states passed between layers", lambda **k: _stack_ref(**k, mistake="pass_states"),
                     "stacked layers pass only the h sequence; each layer starts from zero state."),
             Mistake("the sequence from the last LSTM", lambda **k: _stack_ref(**k, mistake="sequence_out"),
                     "only the layers before the last return sequences; the last gives (batch, units) to the Dense."),
         ),
         describe=lambda case: f"x {tuple(case['x'].shape)}, {len(case['lstm_weights'])} LSTM layers",
         meaning="Each LSTM feeds its h sequence to the next; the last one's final h goes through the Dense."),
]
