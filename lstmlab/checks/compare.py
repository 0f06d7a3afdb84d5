"""Compare an answer with the reference: type and structure, then shape, then values (the first Difference).
Saying it in words is describe.py's; naming the mistake is mutants/search.py's."""
from dataclasses import dataclass

import numpy as np

from ..reference.validate import fmt_shape
from ..messages import msg

class Mismatch(Exception):
    """An answer off the spec's types or structure. `key` names the problem (type.<key>), `fields` fill it;
    `mistake` names a type mistake (mistake.<mistake>), e.g. "dict_for_tuple", when the answer is a known one."""

    def __init__(self, key, mistake=None, **fields):
        super().__init__(key)
        self.key, self.mistake, self.fields = key, mistake, fields

    def __str__(self):
        return msg(f"type.{self.key}", **self.fields)


def describe_value(value):
    """What the learner returned, in a few words: `a dict with keys 'c', 'h'`, `a float (17152.0)`, `3 values`."""
    if value is None:
        return msg("value.none")
    if isinstance(value, dict):
        return msg("value.dict", keys=msg("join.list").join(repr(k) for k in sorted(value)))
    if isinstance(value, list):
        return msg("value.sequence", n=len(value))
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return msg("value.int" if value.dtype.kind in ("i", "u") else "value.float", value=value.item())
        return msg("value.array", shape=fmt_shape(value.shape))
    return msg("value.other", kind=type(value).__name__)


def expected_value(item, case):
    """What the item's spec asks for: `a tuple (h, c) of 2 arrays`, `an int (count)`, `an array (output)`."""
    names = item.output_names(case)
    if len(names) > 1:
        return msg("spec.tuple", n=len(names), names=", ".join(names))
    return msg("spec.int" if item.kind == "int" else "spec.array", name=names[0])


def as_outputs(item, tree, case):
    """The answer as a list of float arrays, one per output name, or raise Mismatch saying what differs."""
    if item.normalize is not None:
        return item.normalize(tree, case)
    names = item.output_names(case)
    spec = dict(expected=expected_value(item, case), received=describe_value(tree), names=", ".join(names))
    if tree is None:
        raise Mismatch("wrong_type", "none_returned", **spec)
    if len(names) == 1:
        parts = [tree]
    elif isinstance(tree, dict):
        raise Mismatch("wrong_type", "dict_for_tuple", **spec)
    elif isinstance(tree, np.ndarray):
        raise Mismatch("wrong_type", "array_for_tuple" if tree.ndim else None, **spec)
    elif len(tree) != len(names):
        raise Mismatch("wrong_count", **spec)
    else:
        parts = tree
    out = []
    for name, part in zip(names, parts):
        where = dict(name=name, expected=msg("spec.int" if item.kind == "int" else "spec.array", name=name),
                     received=describe_value(part))
        if part is None:  # a single output that is None was refused above, as the whole answer
            raise Mismatch("part", **where)
        if isinstance(part, list):
            raise Mismatch("part", "list_for_array" if item.kind == "array" else None, **where)
        if isinstance(part, dict):
            raise Mismatch("part", **where)
        if item.kind == "int" and (part.ndim != 0 or part.dtype.kind not in ("i", "u")):
            raise Mismatch("part", "float_for_int" if part.ndim == 0 else None, **where)
        out.append(part.astype(np.float64))
    return out


def reference_outputs(item, case):
    """The reference answer for a case as a list of float arrays."""
    value = item.reference(**case)
    names = item.output_names(case)
    parts = [value] if len(names) == 1 else list(value)
    return [np.asarray(p, dtype=np.float64) for p in parts]


@dataclass
class Difference:
    """The first output of an answer that differs from the reference: its shape, or its values (`bad` marks them)."""

    kind: str  # "shape" or "values"
    name: str
    expected: np.ndarray
    received: np.ndarray
    bad: np.ndarray = None

    @property
    def index(self):
        gap = np.where(np.isfinite(self.received), np.abs(self.received - self.expected), np.inf) * self.bad
        return np.unravel_index(int(np.argmax(gap)), self.expected.shape) if self.expected.ndim else ()


def wrong_numbers(item, expected, received):
    """Where received differs from expected: exactly for exact items, else outside the item's tolerance. A NaN is
    never right and an inf only where the same inf is expected (np.isclose; `abs(a - b) > tol` would pass a NaN)."""
    if item.exact:
        return expected != received  # a NaN differs from everything, itself included
    with np.errstate(invalid="ignore"):
        return ~np.isclose(received, expected, rtol=item.rtol, atol=item.atol)


def differences(item, expected, received, names):
    """The first Difference between received and expected (shapes first, then values), or None."""
    for name, exp, got in zip(names, expected, received):
        if exp.shape != got.shape:
            return Difference("shape", name, exp, got)
    for name, exp, got in zip(names, expected, received):
        bad = wrong_numbers(item, exp, got)
        if np.any(bad):
            return Difference("values", name, exp, got, bad)
    return None
