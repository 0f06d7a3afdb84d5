"""An exercise item: fresh inputs, the reference answer, and named mistakes to diagnose with.

An item (`Item`) is one graded exercise. It makes fresh inputs from a seeded rng
(`cases`), computes the answer with the lstmlab reference (`reference`), names the values the
answer returns (`outputs`), and carries named `mistakes`: the reference's version of each
common mistake, used to tell the learner which one they made.

Items live in small modules, one per lesson (`items_cell.py`, `items_layer.py`, ...); each
defines a list `ITEMS`. To add a lesson's items, write `items_<topic>.py` with `ITEMS = [...]`
and add ONE line with its module path to `ITEM_MODULES` in `registry.py`. Item ids are
stable once published: the exercise notebooks' answer cells carry the cell metadata
`{"lstmlab": {"exercise": "<id>", "points": <n>}}` and the grader keys on it.

The learner's function is called as `fn(*[case[name] for name in item.args])`; it must return
a number/array, or a tuple of them in the order `item.outputs` names them.

Every sentence the learner reads is a key of the message catalogue (`messages/en.py`): an item's
`meaning` is `meaning.<id>`; a Mistake's name and fix are `mistake.<key>` and `fix.<key>`.

Inputs: `lstm_weights` and `sizes` below make LSTM cases whose kernels are never square
(features != units, features != 4*units), so a transposed kernel always shows.
"""
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from ..messages import msg


@dataclass(frozen=True)
class Mistake:
    """A named wrong answer: `compute(**case)` is the reference's version of that mistake.

    key:     its message keys are mistake.<key> (the name) and fix.<fix_key or key> (the one-line fix)
    fields:  placeholders of those two messages, each given as a message key (`gate="gate.o"`), so they translate too
    variant: the key of the mutants/lstm.py (or the item's own) mistake that `compute` runs, if any (tests read it);
             an item with `compose` combines two mistakes' variants into one mutant (two mistakes at once)
    text:    (name, fix) in a teacher's own words, for items outside the package's catalogue (not translated)
    kind:    a generated mutation's message keys (mutation.<kind>, mutfix.<kind>) when it has no words of its own
    step:    the reference step the mistake changes (step.<step>): two mistakes pair only on different steps
    code:    placeholders filled verbatim (code: `c = f + c + i * c_tilde`), beside the translated `fields`
    alone:   named on its own only, never paired (a whole other picture of the item, like seed 003's)
    fits:    for a mistake with no one answer (a random shuffle): (answer tree, case) -> True if the answer shows it
    """

    key: str
    compute: Callable
    fix_key: str = None
    fields: dict = field(default_factory=dict)
    variant: str = None
    text: tuple = None
    kind: str = None
    step: str = None
    code: dict = field(default_factory=dict)
    alone: bool = False
    fits: Callable = None

    def _fields(self):
        return {**{name: msg(key) for name, key in self.fields.items()}, **self.code}

    @property
    def message_keys(self):
        """The catalogue keys of its name and fix."""
        if self.kind:
            return f"mutation.{self.kind}", f"mutfix.{self.kind}"
        return f"mistake.{self.key}", f"fix.{self.fix_key or self.key}"

    @property
    def name(self):
        return self.text[0] if self.text else msg(self.message_keys[0], **self._fields())

    @property
    def fix(self):
        return self.text[1] if self.text else msg(self.message_keys[1], **self._fields())


def line_mistake(key, compute, wrong, right, step=None):
    """A mistake named by its line as written and as it should be (`wrong` where `right` belongs): an atomic change
    of one line (an off-by-one, a default constant, the wrong reduction or operation) on the step it changes."""
    return Mistake(key, compute, kind="line", step=step, code={"wrong": wrong, "right": right})


@dataclass(frozen=True)
class Item:
    """One graded exercise: the learner writes `fn(*args)`; we compare it with `reference(**case)`.

    cases(rng)       -> list of dicts {arg name: value} (arrays, ints, bools, lists, None)
    reference(**case) -> the answer: one array/number, or a tuple of them named by `outputs`
    outputs          -> names of the returned values, e.g. ("h", "c"); or a function case -> names
    kind             -> "array" (float arrays) or "int" (one int: a count)
    axes             -> {output name: axis labels} (or a function case -> that), labels from
                        "sample", "step", "unit", "gate", ...: feedback says where a value differs
    mistakes         -> Mistake variants, tried in order when the answer is wrong (the simpler, hand-written first)
    isolate          -> optional ((step message key, case -> case with one term zeroed), ...): when no mistake is
                        named, check() reruns the answer with each term zeroed; right then points at that term
    steps            -> optional (step, **case) -> the reference with each intermediate value passed through
                        step(name, value): the item then gets generic mistakes at every named step, singles and
                        pairs (negated, dropped, transposed, reversed), named with the step's name
    compose          -> optional (variants, **case) -> the answer with several mistakes' variants at once: the
                        search then tries every pair of mistakes on different steps (a teacher's item may declare it)
    normalize        -> optional (answer tree, case) -> list of arrays, for answers that are not arrays
    explain          -> optional (expected, received, case, reveal) -> sentence or None, for such answers
    """

    id: str
    lesson: str
    points: int
    args: tuple
    cases: Callable
    reference: Callable
    outputs: object = ("output",)
    mistakes: tuple = ()
    kind: str = "array"
    axes: object = None
    exact: bool = False
    rtol: float = 1e-5
    atol: float = 1e-6
    normalize: Callable = None
    explain: Callable = None
    describe: Callable = None
    fn_name: str = field(default="")
    text: dict = None  # {"title": ..., "meaning": ...} in a teacher's own words (items outside the catalogue)
    compose: Callable = None
    isolate: tuple = ()
    steps: Callable = None

    @property
    def function(self):
        """The name of the function the learner writes (the id unless told otherwise)."""
        return self.fn_name or self.id

    @property
    def meaning(self):
        """What passing this item means, in one sentence."""
        return self.text["meaning"] if self.text and "meaning" in self.text else msg(f"meaning.{self.id}")

    @property
    def title(self):
        return self.text["title"] if self.text and "title" in self.text else msg(f"title.{self.id}")

    def output_names(self, case):
        """Names of the values the answer returns for this case."""
        return tuple(self.outputs(case) if callable(self.outputs) else self.outputs)

    def axis_labels(self, case):
        """{output name: tuple of axis labels} for this case (empty if the item names none)."""
        return dict(self.axes(case) if callable(self.axes) else (self.axes or {}))

    def make_cases(self, seed):
        """Fresh inputs from a seed (an int or a np.random.Generator)."""
        rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
        return list(self.cases(rng))

    def describe_case(self, case):
        """A short description of one case's inputs, for feedback: `x (3, 5), units=4`."""
        if self.describe is not None:
            return self.describe(case)
        parts = []
        for name in self.args:
            value = case[name]
            if isinstance(value, np.ndarray):
                parts.append(f"{name} {tuple(value.shape)}")
            elif isinstance(value, (bool, int, float, np.integer)) or value is None:
                parts.append(f"{name}={value}")
        return msg("join.list").join(parts)

    def show_inputs(self, case, limit=60):
        """The case's inputs as code a learner can paste to reproduce it (arrays of more than `limit` numbers by shape)."""
        lines = []
        for name in self.args:
            value = case[name]
            if isinstance(value, np.ndarray) and value.size > limit:
                lines.append(msg("case.too_large", name=name, shape=tuple(value.shape)))
            elif isinstance(value, np.ndarray):
                # every number in full (the shortest text that reads back as the same number), and the dtype
                text = np.array2string(value, separator=", ", floatmode="unique", max_line_width=100)
                dtype = "" if value.dtype in (np.float64, np.int64, np.bool_) else f", dtype=np.{value.dtype.name}"
                lines.append(f"{name} = np.array({text}{dtype})")
            elif isinstance(value, (bool, int, float, str)) or value is None:
                lines.append(f"{name} = {value!r}")
            elif isinstance(value, (np.integer, np.floating)):
                lines.append(f"{name} = {value.item()!r}")
            elif name == "layers":
                lines.append(f"{name} = {value!r}")
        return "\n".join(lines)


def zeroed(*names):
    """A case with the inputs `names` replaced by zeros (a probe that isolates a term)."""
    return lambda case: {**case, **{name: np.zeros_like(case[name]) for name in names}}


# the terms of an LSTM step that a probe can switch off: (step message key, the case with it zeroed)
LSTM_ISOLATE = (("step.bias", zeroed("bias")), ("step.input_term", zeroed("x")))


def lstm_weights(rng, features, units, scale=0.6):
    """kernel (features, 4*units), recurrent_kernel (units, 4*units), bias (4*units,)."""
    kernel = rng.normal(0, scale, (features, 4 * units))  # (features, 4*units)
    recurrent_kernel = rng.normal(0, scale, (units, 4 * units))  # (units, 4*units)
    bias = rng.normal(0, 0.3, 4 * units)  # (4*units,)
    return kernel, recurrent_kernel, bias


def sizes(rng, timesteps=False):
    """(batch, features, units[, timesteps]), all different, with features != 4*units and batch not a multiple of 4:
    a transposed kernel, swapped kernels, a split along the batch or a time step read from the batch axis all show."""
    while True:
        units = int(rng.integers(2, 5))
        features = int(rng.integers(2, 8))
        batch = int(rng.choice([2, 3, 5, 6, 7]))
        steps = int(rng.integers(2, 7))
        dims = [batch, features, units, 4 * units] + ([steps] if timesteps else [])
        if len(set(dims)) == len(dims):
            return (batch, features, units, steps) if timesteps else (batch, features, units)
