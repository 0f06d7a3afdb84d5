"""Lesson 02, through time: an LSTM layer with Keras's flags, an initial state, the last output."""
from dataclasses import replace

import numpy as np

from ..reference.layer import lstm_layer as ref_layer
from .mutants import lstm as variants
from .item import LSTM_ISOLATE, Item, Mistake, lstm_weights, sizes, zeroed
from .items_cell import STEP_CORE


def layer_mistake(key, variant=None, fields=None, run=None):
    """A Mistake computed by variants.layer(mistake=variant or key) (through `run`, an item's own way of calling it)."""
    variant = variant or key
    run = run or _plain
    step = variants.STEP_OF.get(variant) or variants.LAYER_OF.get(variant)
    return Mistake(key, lambda **k: run(variant, **k), fields=fields or {}, variant=variant, step=step)


def step_mistakes_in(run=None):
    """Every mistake inside one step, as a mistake of a whole layer (or of anything `run` builds from layers)."""
    return tuple(in_whole(m, run or _plain) for m in STEP_CORE)


def in_whole(mistake, run):
    """A step's Mistake (its words kept) as a mistake of what `run(variant, **case)` builds from steps."""
    return replace(mistake, compute=lambda **k: run(mistake.variant, **k))


def _plain(mistake, **k):
    return variants.layer(**k, mistake=mistake)


LESSON = "02_through_time"

LAYER_LINES = {  # the layer's loop with one line changed: (as written, as it should be)
    "one_step_short": ("for t in range(timesteps - 1)", "for t in range(timesteps)"),
    "zero_recorded": ("outputs = [h]", "outputs = []"),
    "h_before_update": ("outputs.append(h); h, c = step(x[:, t], h, c)", "h, c = step(x[:, t], h, c); outputs.append(h)"),
    "first_output": ("output = outputs[0]", "output = outputs[-1]"),
    "forget_from_initial": ("c = f * c0 + i * c_tilde", "c = f * c + i * c_tilde"),
    "recurrent_from_initial": ("z = x @ kernel + h0 @ recurrent_kernel + bias", "z = x @ kernel + h @ recurrent_kernel + bias"),
}


def layer_line(key, run=None):
    """A layer's one-line mistake, named by the line as written and as it should be (tried alone, not paired)."""
    run = run or _plain
    wrong, right = LAYER_LINES[key]
    return Mistake(key, lambda **k: run(key, **k), variant=key, kind="line", step=variants.LAYER_OF[key],
                   code={"wrong": wrong, "right": right}, alone=True)


LAYER_MISTAKES = tuple(layer_mistake(key) for key in (
    "last_only", "sequence_not_last", "swap_state", "no_return_state", "state_without_c", "time_major", "x_batch_index",
    "reset_each_step", "reset_c_each_step", "reset_h_each_step", "c_sequence", "reversed_time")) + tuple(
    layer_line(key) for key in ("one_step_short", "zero_recorded", "h_before_update", "first_output")) + step_mistakes_in()


def _sequence_case(rng):
    batch, features, units, timesteps = sizes(rng, timesteps=True)
    kernel, recurrent_kernel, bias = lstm_weights(rng, features, units)
    return dict(x=rng.normal(size=(batch, timesteps, features)), kernel=kernel, recurrent_kernel=recurrent_kernel, bias=bias)


def _layer_cases(rng):
    for return_sequences, return_state in [(True, False), (False, False), (True, True), (False, True), (True, True)]:
        yield dict(_sequence_case(rng), return_sequences=return_sequences, return_state=return_state)


def _initial_cases(rng):
    for _ in range(3):
        case = _sequence_case(rng)
        batch, units = case["x"].shape[0], case["recurrent_kernel"].shape[0]
        yield dict(case, h0=rng.normal(0, 0.8, (batch, units)), c0=rng.normal(0, 0.8, (batch, units)))


def _initial_ref(x, kernel, recurrent_kernel, bias, h0, c0, mistake=None):
    if mistake:
        return variants.layer(x, kernel, recurrent_kernel, bias, True, False, [h0, c0], mistake)
    return ref_layer(x, kernel, recurrent_kernel, bias, return_sequences=True, initial_state=[h0, c0])


def _initial_mistake(key, variant=None):
    return layer_mistake(key, variant, run=lambda mistake, **k: _initial_ref(**k, mistake=mistake))


INITIAL_MISTAKES = tuple(_initial_mistake(key, variant) for key, variant in (
    ("ignored_initial_state", "zero_start"), ("swap_initial", None), ("h0_only", None), ("initial_each_step", None),
    ("last_only", None), ("time_major", None), ("x_batch_index", None), ("reset_each_step", None),
    ("c_sequence", None))) + tuple(layer_line(key, lambda mistake, **k: _initial_ref(**k, mistake=mistake)) for key in (
        "one_step_short", "zero_recorded", "h_before_update", "forget_from_initial", "recurrent_from_initial")) + (
    step_mistakes_in(lambda mistake, **k: _initial_ref(**k, mistake=mistake)))


def _last_cases(rng):
    """Batch, time steps and units all different, so that reading the wrong axis always shows."""
    yield dict(sequence=rng.normal(size=(2, 5, 3)))
    yield dict(sequence=rng.normal(size=(4, 3, 2)))
    batch, units = (int(v) for v in rng.choice([1, 2, 3, 4, 5], size=2, replace=False))
    timesteps = int(rng.integers(6, 9))
    yield dict(sequence=rng.normal(size=(batch, timesteps, units)))
    yield dict(sequence=rng.normal(size=(1, 4, 3)))  # one sample and one unit: np.squeeze or reshape would drop an axis
    yield dict(sequence=rng.normal(size=(3, 4, 1)))


LAST_STEPS = {"first_step": "index", "second_to_last": "index", "len_is_batch": "index", "index_past_end": "index",
              "last_sample": "axis", "last_unit": "axis", "kept_time_axis": "keepdims"}


def _last(sequence, mistake=None):
    """last_output as a learner writes it, with one mistake or several (wrong on purpose, for diagnosis)."""
    m = variants.keys(mistake)
    for reduce in REDUCERS:
        if f"time_{reduce}" in m:
            return getattr(np, reduce)(sequence, axis=1)  # (batch, units): every step reduced
    t = 0 if "first_step" in m else -2 if "second_to_last" in m else len(sequence) - 1 if "len_is_batch" in m else (
        sequence.shape[1] if "index_past_end" in m else -1)
    if "last_sample" in m:
        return sequence[t]  # (timesteps, units) of one sample
    if "last_unit" in m:
        return sequence[:, :, t]  # (batch, timesteps)
    if "kept_time_axis" in m:
        return sequence[:, t:t + 1 if t != -1 else None, :]  # (batch, 1, units)
    return sequence[:, t, :]  # (batch, units)


REDUCERS = ("mean", "sum", "max")  # what learners reduce the time steps with instead of taking the last


def reduced_mistake(key, compute, wrong, right, step):
    """A reduction over an axis where one entry belongs (`np.mean(sequence, axis=1)` for `sequence[:, -1, :]`)."""
    return Mistake(key, compute, variant=key, kind="reduced", step=step, code={"wrong": wrong, "right": right})


SEQUENCE_AXES = ("sample", "step", "unit")
STATE_AXES = ("sample", "unit")

ITEMS = [
    Item("lstm_layer", LESSON, 3, ("x", "kernel", "recurrent_kernel", "bias", "return_sequences", "return_state"),
         _layer_cases,
         lambda return_sequences, return_state, **k: ref_layer(**k, return_sequences=return_sequences, return_state=return_state),
         outputs=lambda case: ("output", "h", "c") if case["return_state"] else ("output",), mistakes=LAYER_MISTAKES,
         isolate=LSTM_ISOLATE, compose=_plain,
         axes=lambda case: {"output": SEQUENCE_AXES if case["return_sequences"] else STATE_AXES, "h": STATE_AXES,
                            "c": STATE_AXES}),
    Item("lstm_layer_initial_state", LESSON, 2, ("x", "kernel", "recurrent_kernel", "bias", "h0", "c0"), _initial_cases,
         _initial_ref, outputs=("output",), mistakes=INITIAL_MISTAKES, axes={"output": SEQUENCE_AXES},
         isolate=LSTM_ISOLATE + (("step.state", zeroed("h0", "c0")),),
         compose=lambda mistakes, **k: _initial_ref(**k, mistake=mistakes)),
    Item("last_output", LESSON, 1, ("sequence",), _last_cases, lambda sequence: sequence[:, -1, :], outputs=("last",),
         axes={"last": STATE_AXES},
         mistakes=tuple(Mistake(key, lambda sequence, key=key: _last(sequence, key), variant=key, step=LAST_STEPS[key])
                        for key in LAST_STEPS)
         + tuple(reduced_mistake(f"time_{r}", lambda sequence, r=r: _last(sequence, f"time_{r}"),
                                 f"np.{r}(sequence, axis=1)", "sequence[:, -1, :]", "index") for r in REDUCERS),
         compose=lambda mistakes, sequence: _last(sequence, mistakes)),
]
