"""Compare an answer with the reference: structure, then shape, then values; then name the likely mistake."""
import numpy as np

from ..reference.validate import fmt_shape


class Mismatch(Exception):
    """An answer whose structure or shape differs from the reference (message says how)."""


def as_outputs(item, tree, case):
    """The answer as a list of float arrays, one per output name, or raise Mismatch saying what differs."""
    if item.normalize is not None:
        return item.normalize(tree, case)
    names = item.output_names(case)
    if len(names) == 1:
        parts = [tree]
    else:
        if isinstance(tree, dict):
            if set(tree) != set(names):
                raise Mismatch(f"expected {len(names)} values ({', '.join(names)}), received a dict with keys {sorted(tree)}")
            tree = [tree[n] for n in names]
        if not isinstance(tree, list):
            got = f"one array of shape {fmt_shape(tree.shape)}" if isinstance(tree, np.ndarray) else f"{tree!r}"
            raise Mismatch(f"expected {len(names)} values ({', '.join(names)}), received {got}")
        if len(tree) != len(names):
            raise Mismatch(f"expected {len(names)} values ({', '.join(names)}), received {len(tree)}")
        parts = tree
    out = []
    for name, part in zip(names, parts):
        if not isinstance(part, np.ndarray):
            raise Mismatch(f"{name} should be an array of numbers, received {'None' if part is None else type(part).__name__}")
        out.append(part.astype(np.float64))
    return out


def reference_outputs(item, case):
    """The reference answer for a case as a list of float arrays."""
    value = item.reference(**case)
    names = item.output_names(case)
    parts = [value] if len(names) == 1 else list(value)
    return [np.asarray(p, dtype=np.float64) for p in parts]


def _index(where):
    return "[" + ", ".join(str(int(k)) for k in where) + "]" if len(where) else ""


def differences(item, expected, received, names, reveal):
    """None if received matches expected, else (sentence, kind): wrong shape, or the largest difference and where."""
    for name, exp, got in zip(names, expected, received):
        if exp.shape != got.shape:
            return f"Wrong shape for {name}: expected {fmt_shape(exp.shape)}, received {fmt_shape(got.shape)}.", "shape"
    for name, exp, got in zip(names, expected, received):
        if item.exact:
            bad = exp != got
        else:
            with np.errstate(invalid="ignore"):
                bad = ~np.isclose(got, exp, rtol=item.rtol, atol=item.atol)
        if np.any(bad):
            gap = np.where(np.isnan(got) | np.isinf(got), np.inf, np.abs(got - exp)) * bad
            where = np.unravel_index(int(np.argmax(gap)), exp.shape) if exp.ndim else ()
            size = f"{gap[where]:.3g}" if np.isfinite(gap[where]) else "not finite"
            values = f" (expected {exp[where]:.6g}, received {got[where]:.6g})" if reveal else f" (received {got[where]:.6g})"
            return (f"Wrong values for {name}: largest difference {size} at {name}{_index(where)}{values}; "
                    f"{int(bad.sum())} of {bad.size} numbers differ."), "values"
    return None


def matches(item, outputs, received_by_case, cases):
    """True if `outputs(**case)` equals every received answer (a mistake variant reproducing the answer)."""
    for case, received in zip(cases, received_by_case):
        try:
            variant = [np.asarray(v, dtype=np.float64) for v in _as_list(outputs(**case), item, case)]
        except Exception:
            return False
        if len(variant) != len(received) or differences(item, variant, received, item.output_names(case), True):
            return False
    return True


def _as_list(value, item, case):
    return [value] if len(item.output_names(case)) == 1 else list(value)


def diagnose(item, received_by_case, cases):
    """The first named mistake whose reference variant reproduces the answer on every case, or None."""
    for mistake in item.mistakes:
        if matches(item, mistake.compute, received_by_case, cases):
            return mistake
    return None
