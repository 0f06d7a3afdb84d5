"""Compare an answer with the reference: type and structure, then shape, then values; say where they differ;
name the likely mistake (a variant that reproduces the answer, or crashes with the answer's very error)."""
import re
from dataclasses import dataclass

import numpy as np

from ..reference.validate import fmt_shape
from .encode import flatten, unflatten
from ..messages import msg

GATES = "ifco"


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
        return msg("value.dict", keys=", ".join(repr(k) for k in sorted(value)))
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


def _index(where):
    return "[" + ", ".join(str(int(k)) for k in where) + "]" if len(where) else ""


def _number(value):
    return f"{value:.6g}"


def problem_text(diff, reveal):
    """One sentence: wrong shape (expected vs received), or wrong values (how many, the largest difference)."""
    if diff.kind == "shape":
        return msg("problem.shape", name=diff.name, expected=fmt_shape(diff.expected.shape),
                   received=fmt_shape(diff.received.shape))
    where = diff.index
    exp, got = diff.expected[where], diff.received[where]
    gap = abs(got - exp)
    size = f"{gap:.3g}" if np.isfinite(gap) else msg("value.not_finite")
    key = ("problem.value" if diff.bad.size == 1 else "problem.values") + ("" if reveal else "_hidden")
    return msg(key, name=diff.name, count=int(diff.bad.sum()), size=diff.bad.size, gap=size,
               expected=_number(exp), received=_number(got))


def _axis_word(label, position, size):
    """`sample 0`, `time step 2`, `gate f, unit 1` for one index along a labelled axis."""
    if label == "gate":
        units = max(size // 4, 1)
        return msg("axis.gate_unit", gate=GATES[min(position // units, 3)], unit=position % units)
    return msg(f"axis.{label}", index=position)


def _gates(bad, axis):
    """The gates (i, f, c, o) whose block along `axis` holds a True, or None if the axis is not 4 blocks."""
    if bad.shape[axis] % 4:
        return None
    return [GATES[g] for g, block in enumerate(np.split(bad, 4, axis=axis)) if np.any(block)]


def gate_text(item, case, expected, received, names):
    """For answers with gate blocks (gradients of the kernels): the first output whose wrong numbers lie in some gate
    blocks only, as a sentence (`the wrong numbers of dkernel are in the gate block(s) c only`), or None."""
    labels = item.axis_labels(case)
    for name, exp, got in zip(names, expected, received):
        axes = labels.get(name) or ()
        if "gate" not in axes or exp.shape != got.shape or len(axes) != exp.ndim:
            continue
        gates = _gates(wrong_numbers(item, exp, got), axes.index("gate"))
        if gates and len(gates) < 4:
            return msg("where.gates", name=name, gates=", ".join(gates))
    return None


def where_text(item, case, diff):
    """Where the answer differs, in the answer's own terms: which output, axis, index, time step, gate."""
    labels = item.axis_labels(case).get(diff.name)
    exp, got = diff.expected, diff.received
    if diff.kind == "shape":
        if labels and len(labels) == exp.ndim and exp.ndim == got.ndim:
            axis = next(k for k in range(exp.ndim) if exp.shape[k] != got.shape[k])
            return msg("where.axis", name=diff.name, axis=axis, label=msg(f"axisname.{labels[axis]}"),
                       expected=exp.shape[axis], received=got.shape[axis])
        if exp.ndim != got.ndim:
            axes = ", ".join(msg(f"axisname.{label}") for label in labels) if labels and len(labels) == exp.ndim else ""
            return msg("where.ndim" if axes else "where.ndim_plain", name=diff.name, expected=exp.ndim,
                       received=got.ndim, axes=axes)
        return msg("where.output", name=diff.name)
    where = diff.index
    text = f"{diff.name}{_index(where)}"
    if not labels or len(labels) != exp.ndim or not exp.ndim:
        return text
    text = msg("where.index", at=text, axes=", ".join(_axis_word(lbl, int(k), exp.shape[a])
                                                      for a, (lbl, k) in enumerate(zip(labels, where))))
    extra = []
    for axis, label in enumerate(labels):
        others = tuple(a for a in range(exp.ndim) if a != axis)
        gates = _gates(diff.bad, axis) if label == "gate" else None
        if gates and len(gates) < 4:
            extra.append(msg("where.gates", name=diff.name, gates=", ".join(gates)))
        if label == "step" and exp.shape[axis] > 1:
            steps = np.flatnonzero(np.any(diff.bad, axis=others))
            extra.append(msg("where.first_step", step=int(steps[0]), last=exp.shape[axis] - 1, count=len(steps)))
    return "; ".join([text] + extra)


# --- naming the mistake ------------------------------------------------------------------------------------------

def _tree(value):
    """A value as the learner's answer arrives: lists, dicts, None and plain arrays (through the encoder)."""
    arrays = {}
    return unflatten(flatten(value, arrays), arrays)


def same_tree(item, a, b):
    """True if two answer trees have the same structure and (close) numbers."""
    if isinstance(a, list) or isinstance(b, list):
        return isinstance(a, list) and isinstance(b, list) and len(a) == len(b) and all(
            same_tree(item, x, y) for x, y in zip(a, b))
    if isinstance(a, dict) or isinstance(b, dict):
        return isinstance(a, dict) and isinstance(b, dict) and set(a) == set(b) and all(
            same_tree(item, a[k], b[k]) for k in a)
    if a is None or b is None:
        return a is None and b is None
    if a.shape != b.shape:
        return False
    a, b = a.astype(np.float64), b.astype(np.float64)
    if item.exact:
        return bool(np.array_equal(a, b))
    with np.errstate(invalid="ignore"):
        return bool(np.all(np.isclose(a, b, rtol=item.rtol, atol=item.atol)))


def reproduces(item, compute, trees, cases):
    """True if `compute(**case)` gives each learner answer tree (for items with `normalize`: after normalizing)."""
    for case, tree in zip(cases, trees):
        try:
            value = compute(**case)
            if item.normalize is not None:
                got, mine = item.normalize(tree, case), [np.asarray(value, dtype=np.float64)]
                if differences(item, mine, got, item.output_names(case)):
                    return False
            elif not same_tree(item, _tree(value), tree):
                return False
        except Exception:
            return False
    return True


def diagnose(item, trees, cases):
    """The first named mistake whose reference variant reproduces every answer, or None."""
    for mistake in item.mistakes:
        if mistake.compute is not None and reproduces(item, mistake.compute, trees, cases):
            return mistake
    return None


_SIZES = (  # NumPy's own words, matched in its errors
    re.compile(r"size (\d+) is different from (\d+)"),  # matmul  # not learner-facing
    re.compile(r"not aligned: (\d+) \(dim \d+\) != (\d+) \(dim \d+\)"),  # np.dot
    re.compile(r"cannot reshape array of size (\d+)"),  # reshape  # not learner-facing
)
_SHAPES = re.compile(r"\(([\d,\s]*)\)")


def error_signature(text):
    """What identifies an error across ways of writing the same mistake: the exception's type and the sizes that
    clash (`x @ kernel.T` and `np.dot(x, kernel.T)` word it differently, with the same two sizes)."""
    kind, _, message = text.partition(":")
    for pattern in _SIZES:
        found = pattern.search(message)
        if found:
            return kind, frozenset(int(v) for v in found.groups())
    if "broadcast" in message:
        return kind, frozenset(tuple(int(v) for v in s.split(",") if v.strip()) for s in _SHAPES.findall(message))
    return kind, message.strip()


def diagnose_error(item, cases, trees, k, error_text):
    """A mistake that reproduces the answers before case k and crashes on case k with the answer's error."""
    wanted = error_signature(error_text)
    for mistake in item.mistakes:
        if mistake.compute is None:
            continue
        try:
            mistake.compute(**cases[k])
        except Exception as exc:
            if error_signature(f"{type(exc).__name__}: {exc}") == wanted and (
                    not trees or reproduces(item, mistake.compute, trees, cases[:k])):
                return mistake
    return None
