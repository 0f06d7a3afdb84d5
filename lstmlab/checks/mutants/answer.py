"""Mutations of the answer itself, for every item whose answer is arrays: the returned values swapped, left out,
repeated or in reverse order, and an array transposed, its axes swapped, reshaped where a transpose belongs,
flattened, or in reverse order along one axis. Each is named from the output's name and its axis's label.

They describe what the learner returned, so they hold whatever line of code made them; the item's own mistakes are
tried first (a tie between an own mistake and an answer mutation that are one function names the own one).
"""
from itertools import combinations, permutations

import numpy as np

from ..item import Mistake

KINDS = ("swapped", "repeated", "dropped", "reversed_order", "axes_swapped", "reshaped", "flattened", "reversed")


def _names(item):
    """Every output name the item's first probe set uses, in order."""
    return tuple(dict.fromkeys(n for case in item.make_cases(0) for n in item.output_names(case)))


def _parts(item, answer, case):
    """The answer as a list of its parts, and how to put them back (a tuple, a list, or one array)."""
    if len(item.output_names(case)) == 1:
        return [answer], lambda parts: parts[0]
    return list(answer), (lambda parts: type(answer)(parts))


_REFERENCE = {}  # (item id, probe fingerprint) -> the reference's answer: one run serves every answer mutation


def _reference(item, case):
    from .search import fingerprint  # the search imports this module
    key = (item.id, fingerprint(case))
    if key not in _REFERENCE:
        if len(_REFERENCE) > 2000:
            _REFERENCE.clear()
        _REFERENCE[key] = item.reference(**case)
    answer = _REFERENCE[key]
    return [np.array(a) for a in answer] if isinstance(answer, (list, tuple)) else np.array(answer)


def _on_outputs(item, change):
    """compute(**case): the reference's answer with `change(names, parts, labels)` applied (unchanged where it cannot)."""
    def compute(**case):
        parts, rebuild = _parts(item, _reference(item, case), case)
        changed = change(item.output_names(case), parts, item.axis_labels(case))
        return rebuild(parts) if changed is None else changed if isinstance(changed, np.ndarray) else rebuild(changed)
    return compute


def _on_array(name, change):
    """A change of output `name` alone, by `change(array)`."""
    def apply(names, parts, labels):
        if name not in names:
            return None
        k = names.index(name)
        parts[k] = change(np.asarray(parts[k]))
        return parts
    return apply


def _swapped(a, b):
    def change(names, parts, labels):
        if a not in names or b not in names:
            return None
        i, j = names.index(a), names.index(b)
        parts[i], parts[j] = parts[j], parts[i]
        return parts
    return change


def _dropped(a):
    def change(names, parts, labels):
        if a not in names or len(names) < 2:
            return None
        kept = [p for n, p in zip(names, parts) if n != a]
        return kept[0] if len(kept) == 1 else kept
    return change


def _repeated(a, b):
    def change(names, parts, labels):
        if a not in names or b not in names:
            return None
        parts[names.index(a)] = parts[names.index(b)]
        return parts
    return change


def _reversed_order(names, parts, labels):
    return parts[::-1] if len(parts) >= 3 else None


def _axis(labels, k):
    return labels[k] if labels and k < len(labels) else str(k)


def _swap_axes(i, j):
    return lambda a: np.swapaxes(a, i, j) if a.ndim > max(i, j) else a


def _reshaped(i, j):
    return lambda a: np.swapaxes(a, i, j).reshape(a.shape) if a.ndim > max(i, j) else a


def _flip(k):
    return lambda a: np.flip(a, k) if a.ndim > k else a


def _mistake(kind, compute, **code):
    key = "answer_" + kind + "".join(f":{v}" for v in code.values())
    return Mistake(key, compute, variant=key, kind=f"answer_{kind}", step=f"answer:{code.get('name', '')}",
                   code={k: str(v) for k, v in code.items()})


def mistakes(item):
    """The answer mutations that fit the item (none for counts and answers that are not arrays), less those that give
    the reference's very answer on its probes (reversing a forecast that repeats one value changes nothing)."""
    if item.kind != "array" or item.normalize is not None or item.explain is not None:
        return ()
    case = item.make_cases(0)[0]
    names = _names(item)
    found = []
    for a, b in combinations(names, 2):
        found.append(_mistake("swapped", _on_outputs(item, _swapped(a, b)), name=a, other=b))
    for a, b in permutations(names, 2):
        found.append(_mistake("repeated", _on_outputs(item, _repeated(a, b)), name=a, other=b))
    if len(names) >= 2:
        found += [_mistake("dropped", _on_outputs(item, _dropped(a)), name=a) for a in names]
    if len(names) >= 3:
        found.append(_mistake("reversed_order", _on_outputs(item, _reversed_order)))
    shapes = {}
    for c in item.make_cases(0):
        parts, _ = _parts(item, item.reference(**c), c)
        for n, p in zip(item.output_names(c), parts):
            shapes.setdefault(n, np.ndim(p))
    for name in names:
        ndim, labels = shapes.get(name, 0), item.axis_labels(case).get(name)
        for i, j in combinations(range(ndim), 2):
            found.append(_mistake("axes_swapped", _on_outputs(item, _on_array(name, _swap_axes(i, j))), name=name,
                                  first=_axis(labels, i), second=_axis(labels, j)))
            found.append(_mistake("reshaped", _on_outputs(item, _on_array(name, _reshaped(i, j))), name=name,
                                  first=_axis(labels, i), second=_axis(labels, j)))
        if ndim >= 2:
            found.append(_mistake("flattened", _on_outputs(item, _on_array(name, lambda a: a.ravel())), name=name))
        for k in range(ndim):
            found.append(_mistake("reversed", _on_outputs(item, _on_array(name, _flip(k))), name=name, axis=_axis(labels, k)))
    cases = item.make_cases(0)
    return tuple(m for m in found if not all(_same(m.compute(**c), item.reference(**c)) for c in cases))


def _same(a, b):
    """True if two answers are the same numbers in the same structure (an equivalent mutation is no mistake)."""
    if isinstance(a, (list, tuple)) or isinstance(b, (list, tuple)):
        return isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)) and len(a) == len(b) and all(
            _same(x, y) for x, y in zip(a, b))
    return np.shape(a) == np.shape(b) and bool(np.array_equal(a, b))
