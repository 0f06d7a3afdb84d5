"""Generic mutations for any item that declares its steps: each named intermediate value negated, dropped (zero),
transposed, or reversed along its first or last axis; named from the kind and the teacher's own step name.

An item declares its steps by giving `steps(step, **case)`: its reference, with each intermediate value passed
through `step(name, value)` (e.g. `z = step("z", x @ w)`). Run with `step` returning the value, it is the reference;
the search runs it with one value (or two, on different steps) changed.
"""
import numpy as np

from ..item import Mistake

KINDS = ("negated", "zeroed", "transposed", "reversed_first", "reversed_last")


def change(kind, value):
    """The value with one generic mistake."""
    value = np.asarray(value)
    if kind == "negated":
        return -value
    if kind == "zeroed":
        return np.zeros_like(value)
    if kind == "transposed":
        return value.T
    return np.flip(value, 0 if kind == "reversed_first" else -1) if value.ndim else value


def _hook(changes):
    """A step(name, value) that changes the named values as `changes` ({name: kind}) says."""
    return lambda name, value: change(changes[name], value) if name in changes else value


def step_names(item):
    """The names the item's steps pass through step(), in order, on its first case."""
    names = []
    case = item.make_cases(0)[0]
    item.steps(lambda name, value: names.append(name) or value, **case)
    return tuple(dict.fromkeys(names))


def run(item, variants, case):
    """The item's reference with the variants ("name:kind", ...) applied."""
    return item.steps(_hook(dict(v.split(":", 1) for v in variants)), **case)


def mistakes(item):
    """The generic Mistakes of an item with steps: every kind at every named step."""
    found = []
    for name in step_names(item):
        for kind in KINDS:
            variant = f"{name}:{kind}"
            found.append(Mistake(variant, (lambda v: lambda **case: run(item, (v,), case))(variant), variant=variant,
                                 kind=f"value_{kind}", step=name, code={"step": name}))
    return tuple(found)
