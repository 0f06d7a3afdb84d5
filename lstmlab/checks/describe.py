"""Describe a Difference in the learner's words: what differs (expected vs received), where (output, index by axis,
time step, gate blocks) and what kind of wrong it is (sign, scale, shift, reversed, off by one, another order)."""
import numpy as np

from ..reference.validate import fmt_shape
from ..messages import msg
from .compare import wrong_numbers

GATES = "ifco"


def _index(where):
    return "[" + ", ".join(str(int(k)) for k in where) + "]" if len(where) else ""


def _decimals(text):
    """Digits after the point of a number's text (of its mantissa when written with an exponent)."""
    mantissa = text.split("e")[0]
    return len(mantissa.split(".")[1]) if "." in mantissa else 0


def numbers(*values):
    """The values at one precision: the same number of decimals (6 significant digits for the finest), more when
    that would print two different values alike; with an exponent when one is tiny or huge: `0.245752, 0.317890`."""
    values = [float(v) for v in values]
    finite = [v for v in values if np.isfinite(v)]
    positional = all(v == 0 or 1e-4 <= abs(v) < 1e6 for v in finite)
    style = "f" if positional else "e"
    digits = max([_decimals(f"{v:.6g}" if positional else f"{v:.5e}".split("e")[0].rstrip("0")) for v in finite],
                 default=0)
    while True:
        texts = [f"{v:.{digits}{style}}" if np.isfinite(v) else f"{v}" for v in values]
        if len(set(texts)) == len(set(values)) or digits >= 17:
            return texts
        digits += 1


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
    expected, received = numbers(exp, got)
    return msg(key, name=diff.name, count=int(diff.bad.sum()), size=diff.bad.size, gap=size,
               expected=expected, received=received)


def _axis_word(label, position, size):
    """`sample 0`, `step index 2`, `gate f, unit 1` for one index along a labelled axis."""
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
            return msg("where.gates", name=name, gates=msg("join.list").join(gates))
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
            axes = msg("join.list").join(msg(f"axisname.{label}") for label in labels) if labels and len(labels) == exp.ndim else ""
            return msg("where.ndim" if axes else "where.ndim_plain", name=diff.name, expected=exp.ndim,
                       received=got.ndim, axes=axes)
        return msg("where.output", name=diff.name)
    if exp.ndim == 0:
        return None  # a single number: the problem already names it, there is no "where"
    where = diff.index
    text = f"{diff.name}{_index(where)}"
    if not labels or len(labels) != exp.ndim or not exp.ndim:
        return text
    text = msg("where.index", at=text, axes=msg("join.list").join(_axis_word(lbl, int(k), exp.shape[a])
                                                               for a, (lbl, k) in enumerate(zip(labels, where))))
    extra = []
    for axis, label in enumerate(labels):
        others = tuple(a for a in range(exp.ndim) if a != axis)
        gates = _gates(diff.bad, axis) if label == "gate" else None
        if gates and len(gates) < 4:
            extra.append(msg("where.gates", name=diff.name, gates=msg("join.list").join(gates)))
        if label == "step" and exp.shape[axis] > 1:
            steps = np.flatnonzero(np.any(diff.bad, axis=others))
            extra.append(msg("where.first_step", step=int(steps[0]), last=exp.shape[axis] - 1, count=len(steps)))
    return msg("join.clauses").join([text] + extra)


def _close(a, b):
    with np.errstate(invalid="ignore"):
        return a.shape == b.shape and bool(np.all(np.isclose(a, b, rtol=1e-5, atol=1e-6)))


def kind_text(item, case, diff):
    """What kind of wrong the differing output is, when it is simple: the sign flipped, scaled, shifted by a constant,
    reversed or shifted by one along an axis, or the right numbers in another order; else None."""
    if diff.kind != "values" or diff.expected.size < 2 or not np.all(np.isfinite(diff.received)):
        return None
    exp, got = diff.expected, diff.received
    if _close(got, -exp):
        return msg("kind.sign", name=diff.name)
    scale = float(np.vdot(exp, got) / np.vdot(exp, exp)) if np.vdot(exp, exp) else 0.0
    if scale and _close(got, scale * exp):
        return msg("kind.scale", name=diff.name, factor=f"{scale:.4g}")
    shift = float(np.mean(got - exp))
    if _close(got, exp + shift):
        return msg("kind.shift", name=diff.name, shift=f"{shift:.4g}")
    labels = item.axis_labels(case).get(diff.name) or ()
    for axis in range(exp.ndim):
        word = msg(f"axisname.{labels[axis]}") if len(labels) == exp.ndim else str(axis)
        if exp.shape[axis] > 1 and _close(got, np.flip(exp, axis)):
            return msg("kind.reversed", name=diff.name, axis=word)
        for step in (1, -1):
            ahead = np.take(got, range(max(step, 0), exp.shape[axis] + min(step, 0)), axis=axis)
            behind = np.take(exp, range(max(-step, 0), exp.shape[axis] + min(-step, 0)), axis=axis)
            if exp.shape[axis] > 2 and _close(ahead, behind):
                return msg("kind.off_by_one", name=diff.name, axis=word, step=f"{step:+d}")
    if _close(np.sort(got, axis=None), np.sort(exp, axis=None)):
        return msg("kind.order", name=diff.name)
    return None


def describe(item, case, found, expected, received, reveal):
    """(problem, where) for the first Difference of an array answer: one sentence each."""
    names = item.output_names(case)
    places = [where_text(item, case, found), gate_text(item, case, expected, received, names),
              kind_text(item, case, found)]
    return problem_text(found, reveal), msg("join.clauses").join(dict.fromkeys(p for p in places if p))
