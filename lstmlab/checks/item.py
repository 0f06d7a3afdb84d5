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
"""
from dataclasses import dataclass, field
from typing import Callable

import numpy as np


@dataclass(frozen=True)
class Mistake:
    """A named wrong answer: `compute(**case)` is the reference's version of that mistake."""

    name: str
    compute: Callable
    explain: str


@dataclass(frozen=True)
class Item:
    """One graded exercise: the learner writes `fn(*args)`; we compare it with `reference(**case)`.

    cases(rng)       -> list of dicts {arg name: value} (arrays, ints, bools, lists, None)
    reference(**case) -> the answer: one array/number, or a tuple of them named by `outputs`
    outputs          -> names of the returned values, e.g. ("h", "c"); or a function case -> names
    mistakes         -> Mistake variants, tried in order when the answer is wrong
    normalize        -> optional (answer tree, case) -> list of arrays, for answers that are not arrays
    explain          -> optional (expected, received, case, reveal) -> sentence or None, for such answers
    """

    id: str
    lesson: str
    points: int
    title: str
    args: tuple
    cases: Callable
    reference: Callable
    outputs: object = ("output",)
    mistakes: tuple = ()
    meaning: str = ""
    exact: bool = False
    rtol: float = 1e-5
    atol: float = 1e-6
    normalize: Callable = None
    explain: Callable = None
    describe: Callable = None
    hint_on_error: Callable = None
    fn_name: str = field(default="")

    @property
    def function(self):
        """The name of the function the learner writes (the id unless told otherwise)."""
        return self.fn_name or self.id

    def output_names(self, case):
        """Names of the values the answer returns for this case."""
        return tuple(self.outputs(case) if callable(self.outputs) else self.outputs)

    def make_cases(self, seed):
        """Fresh inputs from a seed (an int or a np.random.Generator)."""
        rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
        return list(self.cases(rng))

    def describe_case(self, case):
        """A short description of one case's inputs, for feedback."""
        if self.describe is not None:
            return self.describe(case)
        parts = []
        for name in self.args:
            value = case[name]
            if isinstance(value, np.ndarray):
                parts.append(f"{name} {tuple(value.shape)}")
            elif isinstance(value, (bool, int, float, np.integer)) or value is None:
                parts.append(f"{name}={value}")
        return ", ".join(parts)
