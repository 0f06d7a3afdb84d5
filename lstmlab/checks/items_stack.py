"""Lesson 04, stacking: predict a stack's shapes and parameters; run a forward pass through a stack."""
import numpy as np

from ..reference.layer import lstm_layer as ref_layer
from ..shapes.specs import LSTM, Dense
from ..shapes.stack import Stack
from .mutants import lstm as variants
from .compare import Mismatch, describe_value
from .item import Item, Mistake, lstm_weights, zeroed
from .items_cell import STEP_CORE, _count as lstm_count
from .items_layer import REDUCERS, in_whole, reduced_mistake
from ..messages import msg

STEP_VARIANTS = {m.variant for m in STEP_CORE}
CARRY_VARIANTS = {"reset_each_step", "reset_c_each_step", "reset_h_each_step", "reversed_time"}  # inside each layer

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


def _shapes_ref(timesteps, features, layers):
    rows = Stack(input_shape=(timesteps, features), layers=[_spec(layer) for layer in layers]).summary()
    return _encode([(r.output_shape, r.params) for r in rows])


COUNTED = ("pytorch_biases", "no_recurrent", "three_gates", "bias_once", "recurrent_per_unit")  # lstm_param_count's
SHAPE_STEPS = {"one_gate": "lstm_params", "count_no_bias": "lstm_params", "per_timestep": "lstm_params",
               "no_sequences": "lstm_shape", "dense_no_bias": "dense_params", "no_batch_dim": "shape_form",
               "dense_drops_time": "dense_shape", "input_features_everywhere": "layer_inputs",
               "lstm_input_features": "layer_inputs", "timesteps_as_features": "layer_inputs",
               **{key: "lstm_params" for key in COUNTED}, "dense_bias_by_inputs": "dense_params",
               "sequence_units_first": "lstm_shape"}


def _shapes_wrong(timesteps, features, layers, mistake):
    """The rows as a learner computes them, with one mistake or several (wrong on purpose, for diagnosis)."""
    m = variants.keys(mistake)
    shape, rows = (None, timesteps, features), []
    for layer in layers:
        units, lstm = layer["units"], layer["layer"] == "LSTM"
        inputs = features if "input_features_everywhere" in m or ("lstm_input_features" in m and lstm) else (
            shape[1] if "timesteps_as_features" in m else shape[-1])
        if lstm:
            params = 4 * (units * (inputs + units) + (0 if "count_no_bias" in m else units))
            if m & set(COUNTED):  # the parameter count's own mistakes, as lstm_param_count names them
                params = lstm_count(units, inputs, m & set(COUNTED))
            params //= 4 if "one_gate" in m else 1
            params *= timesteps if "per_timestep" in m else 1
            sequences = layer["return_sequences"] and "no_sequences" not in m
            shape = ((None, units, shape[1]) if "sequence_units_first" in m else (None, shape[1], units)) if (
                sequences and len(shape) == 3) else (None, units)
        else:
            params = inputs * units + (0 if "dense_no_bias" in m else inputs if "dense_bias_by_inputs" in m else units)
            shape = (None, units) if "dense_drops_time" in m else shape[:-1] + (units,)
        rows.append((shape[1:] if "no_batch_dim" in m else shape, params))
    return _encode(rows)


def _shapes_normalize(tree, case):
    """The learner returns [(output_shape, params), ...], one pair per layer; shapes like (None, 5, 64)."""
    n = len(case["layers"])
    if not isinstance(tree, list) or len(tree) != n:
        raise Mismatch("shapes_list", "dict_for_tuple" if isinstance(tree, dict) else None, n=n,
                       received=describe_value(tree))
    pairs = []
    for k, pair in enumerate(tree, 1):
        if not isinstance(pair, list) or len(pair) != 2:
            raise Mismatch("shapes_pair", layer=k, received=describe_value(pair))
        shape, params = pair
        if isinstance(shape, np.ndarray) and shape.ndim == 1:
            shape = [np.asarray(d) for d in shape]  # (5, 64) given without None is read as is
        if not isinstance(shape, list) or not 1 <= len(shape) <= 3 or any(
                d is not None and not (isinstance(d, np.ndarray) and d.ndim == 0) for d in shape):
            raise Mismatch("shapes_shape", layer=k, received=describe_value(shape))
        if any(d is not None and d.dtype.kind not in "iu" for d in shape):
            raise Mismatch("shapes_shape_int", "float_for_int", layer=k)
        if not isinstance(params, np.ndarray) or params.ndim != 0:
            raise Mismatch("shapes_params", layer=k, received=describe_value(params))
        if params.dtype.kind not in "iu":
            raise Mismatch("shapes_params", "float_for_int", layer=k, received=describe_value(params))
        pairs.append((tuple(None if d is None else float(d) for d in shape), float(params)))
    return [_encode(pairs)]


def _show(row):
    dims = ["None" if d == NONE else str(int(d)) for d in row[1:1 + int(row[0])] if d != PAD]
    return "(" + ", ".join(dims) + ("," if len(dims) == 1 else "") + ")"


def _layer_code(layer):
    """A layer of a case as code: LSTM(64, return_sequences=True), Dense(1)."""
    return f"{layer['layer']}({layer['units']}" + (
        ", return_sequences=True" if layer["layer"] == "LSTM" and layer["return_sequences"] else "") + ")"


def _shapes_explain(expected, received, case, reveal):
    """(problem, where) for the first layer whose shape or parameter count differs."""
    exp, got = expected[0], received[0]
    for k, layer in enumerate(case["layers"]):
        where = msg("where.layer", layer=k + 1, spec=_layer_code(layer))
        reveal_key = "" if reveal else "_hidden"
        if not np.array_equal(exp[k, :4], got[k, :4]):
            return msg(f"problem.layer_shape{reveal_key}", expected=_show(exp[k]), received=_show(got[k])), where
        if exp[k, 4] != got[k, 4]:
            return msg(f"problem.layer_params{reveal_key}", expected=int(exp[k, 4]), received=int(got[k, 4])), where
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
    """Features, units, the Dense's outputs, batch and time steps chosen so that no weight is square by chance.
    One layer first: a mistake inside the layer shows there, apart from mistakes between layers."""
    for units_list in ([int(rng.integers(2, 5))], [3, 3], [2, 4, 3], [int(rng.integers(2, 5))] * 2):
        taken = set(units_list) | {4 * u for u in units_list}
        while True:
            batch, timesteps, features, dense = (int(v) for v in rng.integers([2, 2, 1, 1], [6, 7, 6, 5]))
            if features not in taken | {dense} and dense != units_list[-1] and len({batch, timesteps, features}) == 3:
                break
        weights, width = [], features
        for units in units_list:
            weights.append(list(lstm_weights(rng, width, units)))
            width = units
        yield dict(x=rng.normal(size=(batch, timesteps, features)), lstm_weights=weights,
                   dense_kernel=rng.normal(size=(width, dense)), dense_bias=rng.normal(size=dense))


def _stack_ref(x, lstm_weights, dense_kernel, dense_bias):
    """LSTM layers (return_sequences=True on all but the last) then a linear Dense: (batch, dense units)."""
    seq = x  # (batch, timesteps, features)
    for k, (kernel, recurrent_kernel, bias) in enumerate(lstm_weights):
        seq = ref_layer(seq, kernel, recurrent_kernel, bias, return_sequences=k < len(lstm_weights) - 1)
    return seq @ dense_kernel + dense_bias  # (batch, dense units)


def _stack_wrong(x, lstm_weights, dense_kernel, dense_bias, mistake):
    """The forward pass as a learner writes it, with one mistake or several (wrong on purpose, for diagnosis)."""
    m = variants.keys(mistake)
    seq, state = x, None  # (batch, timesteps, features)
    step = m & (STEP_VARIANTS | CARRY_VARIANTS)
    for k, (kernel, recurrent_kernel, bias) in enumerate(lstm_weights):
        last = k == len(lstm_weights) - 1
        sequences = not last or bool(m & {"sequence_out", "first_step", *(f"time_{r}" for r in REDUCERS)})
        inputs = x if "every_layer_x" in m else seq
        initial = state if "pass_states" in m else [state[0], np.zeros_like(state[1])] if (
            "pass_h_state" in m and state is not None) else None
        seq, h, c = variants.layer(inputs, kernel, recurrent_kernel, bias, sequences, True, initial, step)
        state = [h, c]
    top = seq[:, 0] if "first_step" in m and seq.ndim == 3 else c if "dense_on_c" in m else seq
    for reduce in REDUCERS:
        if f"time_{reduce}" in m:
            top = getattr(np, reduce)(seq, axis=1)  # (batch, units): the last layer's steps reduced
    if "dense_transposed" in m:
        return top @ dense_kernel.T + (0 if "dense_no_bias" in m else dense_bias)
    return top @ dense_kernel + (0 if "dense_no_bias" in m else dense_bias)


STACK_STEPS = {"pass_states": "between_layers", "pass_h_state": "between_layers", "every_layer_x": "between_layers",
               "sequence_out": "last_layer", "first_step": "last_layer", "dense_on_c": "last_layer",
               "dense_no_bias": "dense_bias", "dense_transposed": "dense",
               **{key: "carry" for key in CARRY_VARIANTS}, **{f"time_{r}": "last_layer" for r in REDUCERS}}


def _stack_mistake(key, variant=None, fields=None):
    variant = variant or key
    return Mistake(key, lambda **k: _stack_wrong(**k, mistake=variant), fields=fields or {}, variant=variant,
                   step=STACK_STEPS[variant])


ITEMS = [
    Item("predict_shapes", LESSON, 2, ("timesteps", "features", "layers"),
         _shapes_cases, _shapes_ref, outputs=("answer",), exact=True, normalize=_shapes_normalize,
         mistakes=tuple(Mistake(key, lambda mistake=key, **k: _shapes_wrong(**k, mistake=mistake), variant=key,
                                step=SHAPE_STEPS[key]) for key in (
             "one_gate", "count_no_bias", "no_sequences", "dense_no_bias", "no_batch_dim", "dense_drops_time",
             "lstm_input_features", "input_features_everywhere", "timesteps_as_features", "per_timestep", *COUNTED,
             "dense_bias_by_inputs", "sequence_units_first")),
         compose=lambda mistakes, **k: _shapes_wrong(**k, mistake=mistakes),
         explain=_shapes_explain,
         describe=lambda case: msg("case.stack", timesteps=case["timesteps"], features=case["features"],
                                   layers=", ".join(_layer_code(layer) for layer in case["layers"]))),
    Item("stack_forward", LESSON, 3, ("x", "lstm_weights", "dense_kernel", "dense_bias"), _stack_cases, _stack_ref,
         outputs=("output",), axes={"output": ("sample", "unit")},
         mistakes=tuple(_stack_mistake(key, variant) for key, variant in (
             ("pass_states", None), ("sequence_out", None), ("dense_first_step", "first_step"), ("dense_on_c", None),
             ("dense_bias_missing", "dense_no_bias"), ("every_layer_x", None), ("dense_transposed", None),
             ("pass_h_state", None), ("reset_each_step", None), ("reset_c_each_step", None),
             ("reset_h_each_step", None), ("reversed_time", None)))
         + tuple(reduced_mistake(f"time_{r}", lambda r=r, **k: _stack_wrong(**k, mistake=f"time_{r}"),
                                 f"np.{r}(seq, axis=1) @ dense_kernel", "seq[:, -1] @ dense_kernel", "last_layer")
                 for r in REDUCERS)
         + tuple(in_whole(m, lambda mistake, **k: _stack_wrong(**k, mistake=mistake)) for m in STEP_CORE),
         compose=lambda mistakes, **k: _stack_wrong(**k, mistake=mistakes),
         isolate=(("step.dense_bias", zeroed("dense_bias")), ("step.input_term", zeroed("x"))),
         describe=lambda case: msg("case.stack_forward", shape=tuple(case["x"].shape),
                                   units=msg("join.list").join(str(w[1].shape[0]) for w in case["lstm_weights"]),
                                   dense=case["dense_kernel"].shape[1])),
]
