"""Lesson 01, one cell: one LSTM step, its parameter count, and the gate blocks of a weight."""
import numpy as np

from ..reference.cell import lstm_step as ref_step
from ..reference.weights import split_gates as ref_split
from ..shapes.specs import LSTM
from .mutants import lstm as variants
from .item import LSTM_ISOLATE, Item, Mistake, line_mistake, lstm_weights, sizes, zeroed

LESSON = "01_one_cell"


def step_mistake(key, variant=None, **fields):
    """A Mistake of one step, computed by variants.step(mistake=variant or key)."""
    variant = variant or key
    return Mistake(key, lambda **k: variants.step(**k, mistake=variant), fields=fields, variant=variant,
                   step=variants.STEP_OF[variant])


# generated mutations: (key, kind, reference line as written wrong, as it should be, the term if one is dropped)
GENERATED = (
    ("forget_added", "plus_for_times", "c = f + c + i * c_tilde", "c = f * c + i * c_tilde", None),
    ("candidate_added", "plus_for_times", "c = f * c + i + c_tilde", "c = f * c + i * c_tilde", None),
    ("output_added", "plus_for_times", "h = o + np.tanh(c)", "h = o * np.tanh(c)", None),
    ("no_forget_term", "term_dropped", "c = i * c_tilde", "c = f * c + i * c_tilde", "f * c"),
    ("no_input_term", "term_dropped", "c = f * c", "c = f * c + i * c_tilde", "i * c_tilde"),
    ("forget_not_applied", "term_dropped", "c = c + i * c_tilde", "c = f * c + i * c_tilde", "f"),
    ("no_x_term", "term_dropped", "z = h @ recurrent_kernel + bias", "z = x @ kernel + h @ recurrent_kernel + bias",
     "x @ kernel"),
    ("no_h_term", "term_dropped", "z = x @ kernel + bias", "z = x @ kernel + h @ recurrent_kernel + bias",
     "h @ recurrent_kernel"),
    ("tanh_c_stored", "extra_tanh", "c = np.tanh(f * c + i * c_tilde)", "c = f * c + i * c_tilde", None),
    ("gate_sign", "wrong_sign", "sigmoid = lambda v: 1 / (1 + np.exp(v))", "sigmoid = lambda v: 1 / (1 + np.exp(-v))",
     None),
    ("interleaved_gates", "line", "i, f, c_tilde, o = (z[:, k::4] for k in range(4))",
     "i, f, c_tilde, o = np.split(z, 4, axis=1)", None),
    ("coupled_input", "line", "c = f * c + (1 - f) * c_tilde", "c = f * c + i * c_tilde", None),
    ("forget_inverted", "line", "c = (1 - f) * c + i * c_tilde", "c = f * c + i * c_tilde", None),
    ("o_inside_tanh", "line", "h = np.tanh(o * c)", "h = o * np.tanh(c)", None),
    ("relu_candidate", "line", "c_tilde = np.maximum(c_tilde, 0)", "c_tilde = np.tanh(c_tilde)", None),
    ("c_for_h_recurrent", "line", "z = x @ kernel + c @ recurrent_kernel + bias",
     "z = x @ kernel + h @ recurrent_kernel + bias", None),
    ("no_input_gate", "line", "c = f * c + c_tilde", "c = f * c + i * c_tilde", None),
    ("hard_sigmoid_keras3", "line", "sigmoid = lambda v: np.clip(v + 3, 0, 6) / 6",
     "sigmoid = lambda v: 1 / (1 + np.exp(-v))", None),
)


def generated_mistake(key, kind, wrong, right, term):
    """A mutation named from its kind and the step it changes (mutation.<kind>), with the line as written and as it
    should be."""
    code = dict(wrong=wrong, right=right, **({"term": term} if term else {}))
    return Mistake(key, lambda **k: variants.step(**k, mistake=key), variant=key, kind=kind,
                   step=variants.STEP_OF[key], code=code, alone=kind == "line",  # line ones: singles only (fast)
                   fields={} if kind == "line" else {"step": f"step.{variants.STEP_OF[key]}"})


def gate_mistakes(kind):
    """tanh (kind "tanh") or no activation (kind "raw") on the gates i, f and o, one Mistake each."""
    return tuple(step_mistake(f"{kind}_gate", f"{kind}_gate_{g}", gate=f"gate.{g}") for g in "ifo")


# the mistakes inside one step, shared by every item that runs an LSTM (layer, stack, stateful: see their modules)
STEP_CORE = (
    step_mistake("gate_order"), step_mistake("if_swapped"), step_mistake("transposed"),
    step_mistake("transposed_recurrent"), step_mistake("kernels_swapped"), step_mistake("no_bias"),
    step_mistake("split_rows"), step_mistake("no_tanh_c"), step_mistake("sigmoid_candidate"),
    step_mistake("no_candidate_activation"), step_mistake("relu"), step_mistake("hard_sigmoid"),
    step_mistake("h_from_old_c"), *gate_mistakes("tanh"), *gate_mistakes("raw"), step_mistake("tf1_gate_order"),
    *(generated_mistake(*row) for row in GENERATED),
)

STEP_MISTAKES = STEP_CORE + (
    Mistake("h_c_swapped", lambda **k: variants.step_answer(**k, mistake="h_c_swapped"), variant="h_c_swapped",
            step="return"),
    step_mistake("ignored_state", "zero_state"),
)


def _step_cases(rng):
    for _ in range(4):
        batch, features, units = sizes(rng)
        kernel, recurrent_kernel, bias = lstm_weights(rng, features, units)
        yield dict(x=rng.normal(size=(batch, features)), h=rng.normal(0, 0.5, (batch, units)),
                   c=rng.normal(0, 0.5, (batch, units)), kernel=kernel, recurrent_kernel=recurrent_kernel, bias=bias)


def _count_cases(rng):
    yield dict(units=64, features=2)  # the seed's first layer: 17152
    for _ in range(4):
        yield dict(units=int(rng.integers(1, 200)), features=int(rng.integers(1, 300)))


def _split_cases(rng):
    """Rows never 4*units and never a multiple of 4: a split along the rows, or units read from them, always shows; one
    weight has more rows than 4*units, so blocks cut from the rows are all full and their order shows too."""
    yield dict(weight=rng.normal(size=(3, 4 * 2)))
    yield dict(weight=rng.normal(size=(13, 4 * 3)))
    units = int(rng.integers(2, 5))
    yield dict(weight=rng.normal(size=(int(rng.choice([1, 2, 3, 5, 6, 7])), 4 * units)))


SPLIT_STEPS = {"split_gate_order": "order", "split_if_swapped": "order", "split_tf1_order": "order",
               "split_rows_axis": "split", "split_interleaved": "split", "units_from_rows": "split",
               "blocks_transposed": "shape"}


def _split(weight, mistake=None):
    """split_gates as a learner writes it, with one mistake or several (wrong on purpose, for diagnosis)."""
    m = variants.keys(mistake)
    if "split_interleaved" in m:
        blocks = [weight[:, k::4] for k in range(4)]
    elif "units_from_rows" in m:  # units = weight.shape[0] // 4, then the solution's slices: the last takes the rest
        units = weight.shape[0] // 4
        blocks = [weight[..., :units], weight[..., units:2 * units], weight[..., 2 * units:3 * units],
                  weight[..., 3 * units:]]
    else:
        blocks = np.split(weight, 4, axis=0 if "split_rows_axis" in m else -1)  # 4 x (rows, units)
    order = "ifoc" if "split_gate_order" in m else "fico" if "split_if_swapped" in m else (
        "icfo" if "split_tf1_order" in m else "ifco")
    parts = dict(zip(order, blocks))
    return tuple(parts[g].T if "blocks_transposed" in m else parts[g] for g in "ifco")


def _blocks(weight, units, ends=None, rows=False):
    """The four gate blocks as a learner slices them: units wide, ending at `ends` (None: 4 contiguous blocks), from
    the columns (or the rows)."""
    ends = ends or (units, 2 * units, 3 * units, None)
    starts = (0, units, 2 * units, 3 * units)
    return tuple(weight[a:b] if rows else weight[..., a:b] for a, b in zip(starts, ends))


SPLIT_RIGHT = "i, f, c, o = (weight[..., k * units:(k + 1) * units] for k in range(4))"
SPLIT_LINES = (  # one slice of the four changed
    ("blocks_from_rows", lambda weight: _blocks(weight, weight.shape[-1] // 4, rows=True),
     "i, f, c, o = (weight[k * units:(k + 1) * units] for k in range(4))"),
    ("blocks_one_short", lambda weight: _blocks(weight, weight.shape[-1] // 4, tuple(
        (k + 1) * (weight.shape[-1] // 4) - 1 for k in range(4))),
     "i, f, c, o = (weight[..., k * units:(k + 1) * units - 1] for k in range(4))"),
    ("units_by_three", lambda weight: _blocks(weight, weight.shape[-1] // 3), "units = weight.shape[-1] // 3"),
    ("candidate_to_end", lambda weight: _blocks(weight, weight.shape[-1] // 4, (
        weight.shape[-1] // 4, weight.shape[-1] // 2, None, None)), "c = weight[..., 2 * units:]"),
)


def _split_mistake(key):
    return Mistake(key, lambda weight: _split(weight, key), variant=key, step=SPLIT_STEPS[key])


# the parameter count's mistakes, each changing one term of 4 * (units * (features + units) + units)
COUNT_STEPS = {"one_gate": "gates", "three_gates": "gates", "count_no_bias": "bias", "bias_once": "bias",
               "bias_one_per_gate": "bias", "pytorch_biases": "bias", "no_recurrent": "recurrent",
               "recurrent_per_unit": "recurrent",
               "units_features_swapped": "sizes"}


def _count(units, features, mistake=None):
    """The parameter count with some learners' mistakes (a key, or several at once)."""
    m = variants.keys(mistake)
    if "units_features_swapped" in m:
        units, features = features, units
    gates = 1 if "one_gate" in m else 3 if "three_gates" in m else 4
    per_gate_bias = 0 if m & {"count_no_bias", "bias_once"} else 1 if "bias_one_per_gate" in m else (
        2 * units if "pytorch_biases" in m else units)
    weights = units * (features + (0 if "no_recurrent" in m else 1 if "recurrent_per_unit" in m else units))
    return gates * (weights + per_gate_bias) + (units if "bias_once" in m else 0)


COUNT = "4 * (units * (features + units) + units)"
COUNT_LINES = (  # one size or factor in the line changed
    ("recurrent_by_features", lambda units, features: 4 * (units * (features + features) + units),
     "4 * (units * (features + features) + units)", "recurrent"),
    ("bias_by_features", lambda units, features: 4 * (units * (features + units) + features),
     "4 * (units * (features + units) + features)", "bias"),
    ("recurrent_one_block", lambda units, features: 4 * units * features + units * units + 4 * units,
     "4 * units * features + units * units + 4 * units", "recurrent"),
    ("weights_one_gate", lambda units, features: units * (features + units) + 4 * units,
     "units * (features + units) + 4 * units", "gates"),
    ("kernel_features_squared", lambda units, features: 4 * (features * features + units * units + units),
     "4 * (features * features + units * units + units)", "sizes"),
)


def _count_mistake(key):
    return Mistake(key, lambda **k: _count(**k, mistake=key), variant=key, step=COUNT_STEPS[key])


ITEMS = [
    Item("lstm_step", LESSON, 3, ("x", "h", "c", "kernel", "recurrent_kernel", "bias"),
         _step_cases, lambda **k: ref_step(**k), outputs=("h", "c"), mistakes=STEP_MISTAKES,
         isolate=LSTM_ISOLATE + (("step.state", zeroed("h", "c")),),
         compose=lambda mistakes, **k: variants.step_answer(**k, mistake=mistakes),
         axes={"h": ("sample", "unit"), "c": ("sample", "unit")}),
    Item("lstm_param_count", LESSON, 1, ("units", "features"), _count_cases,
         lambda units, features: LSTM(units).params(features)[0], outputs=("count",), kind="int", exact=True,
         mistakes=tuple(_count_mistake(key) for key in (
             "one_gate", "count_no_bias", "no_recurrent", "bias_once", "bias_one_per_gate", "units_features_swapped",
             "pytorch_biases", "three_gates", "recurrent_per_unit"))
         + tuple(line_mistake(key, compute, wrong, COUNT, step) for key, compute, wrong, step in COUNT_LINES),
         compose=lambda mistakes, **k: _count(**k, mistake=mistakes)),
    Item("split_gates", LESSON, 1, ("weight",), _split_cases,
         lambda weight: tuple(ref_split(weight)[g] for g in "ifco"), outputs=("i", "f", "c", "o"),
         axes={g: ("row", "unit") for g in "ifco"},
         mistakes=tuple(_split_mistake(key) for key in SPLIT_STEPS)
         + tuple(line_mistake(key, compute, wrong, SPLIT_RIGHT, "slices") for key, compute, wrong in SPLIT_LINES),
         compose=lambda mistakes, weight: _split(weight, mistakes)),
]
