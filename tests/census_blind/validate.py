"""Checks the blind census without the checker: each edit applies, runs, and differs from the solution on random inputs.

Run it from the repository root: `python tests/census_blind/validate.py [item ...]`.
"""
import copy
import importlib
import sys
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from grading_helpers import answer_notebooks, census_source  # noqa: E402

CASES = 60


def _sigmoid(v):
    """The notebooks' own sigmoid, which lstm_step's answer uses."""
    return 1.0 / (1.0 + np.exp(-v))


def _weights(rng, features, units):
    """kernel (features, 4*units), recurrent_kernel (units, 4*units), bias (4*units,)."""
    return rng.normal(0, .6, (features, 4 * units)), rng.normal(0, .6, (units, 4 * units)), rng.normal(0, .6, 4 * units)


def _layers(rng):
    """A valid stack for predict_shapes: an LSTM only where the previous layer returns a sequence."""
    layers, sequence = [], True
    for _ in range(int(rng.integers(1, 5))):
        if sequence and rng.random() < .7:
            sequence = bool(rng.integers(2))
            layers.append({"layer": "LSTM", "units": int(rng.integers(1, 70)), "return_sequences": sequence})
        else:
            layers.append({"layer": "Dense", "units": int(rng.integers(1, 20))})
    return layers


def _stack(rng, features):
    """[(kernel, recurrent_kernel, bias), ...] and the last units; half the time every layer has `features` units."""
    weights, rows, equal = [], features, rng.random() < .5
    for _ in range(int(rng.integers(1, 4))):
        units = features if equal else int(rng.integers(1, 5))
        weights.append(_weights(rng, rows, units))
        rows = units
    return weights, rows


def arguments(item, rng):
    """One random call's arguments for `item`, drawn independently of the checker's probes."""
    b, t, f, u = (int(v) for v in (rng.integers(1, 6), rng.integers(2, 7), rng.integers(1, 5), rng.integers(1, 5)))
    normal = rng.normal
    if item == "lstm_step":
        return normal(size=(b, f)), normal(size=(b, u)), normal(size=(b, u)), *_weights(rng, f, u)
    if item == "lstm_param_count":
        return u + int(rng.integers(0, 60)), f + int(rng.integers(0, 40))
    if item == "split_gates":
        return (normal(size=(int(rng.integers(1, 6)), 4 * u)) if rng.random() < .7 else normal(size=4 * u),)
    if item == "lstm_layer":
        return normal(size=(b, t, f)), *_weights(rng, f, u), bool(rng.integers(2)), bool(rng.integers(2))
    if item == "lstm_layer_initial_state":
        return normal(size=(b, t, f)), *_weights(rng, f, u), normal(size=(b, u)), normal(size=(b, u))
    if item == "last_output":
        return (normal(size=(b, t, u)),)
    if item == "make_windows":
        return normal(size=(int(rng.integers(t + 1, 20)), f)), t, int(rng.integers(0, f))
    if item == "count_batches":
        return int(rng.integers(1, 200)), int(rng.integers(1, 40))
    if item == "predict_shapes":
        return t, int(rng.integers(1, 12)), _layers(rng)
    if item == "stack_forward":
        weights, last = _stack(rng, f)
        outputs = int(rng.integers(1, 4))
        return normal(size=(b, t, f)), weights, normal(size=(last, outputs)), normal(size=outputs)
    if item == "stateful_batches":
        batch, steps = int(rng.integers(1, 5)), int(rng.integers(1, 6))
        return normal(size=(int(rng.integers(batch * steps, 60)), f)), batch, steps
    if item == "stateful_forward":
        return normal(size=(int(rng.integers(1, 5)), b, t, f)), *_weights(rng, f, u)
    if item == "lstm_step_backward":
        return (normal(size=(b, u)), normal(size=(b, u)), normal(size=(b, f)), normal(size=(b, u)), normal(size=(b, u)),
                *_weights(rng, f, u))
    if item == "lstm_layer_backward":
        return normal(size=(b, t, u)), normal(size=(b, t, f)), *_weights(rng, f, u)
    if item == "time_split":
        n, train = int(rng.integers(5, 60)), float(rng.uniform(.4, .8))
        return normal(size=(n, f)) if rng.random() < .5 else normal(size=n), train, float(rng.uniform(.05, .95 - train))
    if item == "scale_train_only":
        part = lambda n: normal(normal(0, 3, f), rng.uniform(.5, 3, f), (n, f))  # noqa: E731
        return part(int(rng.integers(4, 20))), part(int(rng.integers(2, 9))), part(int(rng.integers(2, 9)))
    if item == "persistence_forecast":
        return normal(size=(b + 1, t)), int(rng.integers(1, 6))
    if item == "mase":
        n, season = int(rng.integers(3, 20)), int(rng.integers(1, 5))
        return normal(size=n), normal(size=n), normal(size=season + int(rng.integers(2, 30))), season
    raise KeyError(f"no argument maker for item {item!r}")


def same(a, b):
    """Equal structure, shapes and values (to 1e-7)."""
    if isinstance(a, (tuple, list)):
        return isinstance(b, (tuple, list)) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if a is None or b is None:
        return a is b
    try:
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    except (TypeError, ValueError):
        return False
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-7, atol=1e-9, equal_nan=True)


def function(source, item):
    """The function `item` defined by an answer's source, in a namespace like the notebooks' (np, sigmoid)."""
    namespace = {"np": np, "sigmoid": _sigmoid}
    exec(compile(source, f"<{item}>", "exec"), namespace)
    return namespace[item]


def edited(item, attempt):
    """The solution's answer source with the attempt's edits applied (each `old` must occur in it)."""
    source = census_source(answer_notebooks()[item], item)
    for old, new in attempt.edits:
        if old not in source:
            raise ValueError(f"{item}: {attempt.label!r}: edit target not in the answer: {old!r}")
        source = source.replace(old, new)
    return source


def problems(item, cases=CASES):
    """Sentences on attempts that do not apply, run on under a quarter of cases, or match the solution or each other."""
    attempts = importlib.import_module(f"census_blind.{item}").ATTEMPTS
    reference = function(census_source(answer_notebooks()[item], item), item)
    found, outputs = [], {}
    for attempt in attempts:
        if attempt.item != item or attempt.mistakes not in (1, 2):
            found.append(f"{item}: {attempt.label!r}: item or mistakes field wrong")
            continue
        try:
            mine = function(edited(item, attempt), item)
        except Exception as error:  # noqa: BLE001
            found.append(f"{item}: {attempt.label!r}: {error!r}")
            continue
        differs = raised = 0
        outputs[attempt.label] = seen = []
        for seed in range(cases):
            args = arguments(item, np.random.default_rng(1000 + seed))
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                expected = reference(*copy.deepcopy(args))
                try:
                    got = mine(*copy.deepcopy(args))
                except Exception:  # noqa: BLE001
                    raised += 1
                    seen.append(Exception)
                    continue
            seen.append(got)
            differs += not same(expected, got)
        if raised > cases * 3 // 4:
            found.append(f"{item}: {attempt.label!r}: raises on {raised} of {cases} cases")
        elif not differs:
            found.append(f"{item}: {attempt.label!r}: equals the solution on every case")
    labels = list(outputs)
    for k, first in enumerate(labels):
        for second in labels[k + 1:]:
            pairs = zip(outputs[first], outputs[second])
            if all(x is y if x is Exception or y is Exception else same(x, y) for x, y in pairs):
                found.append(f"{item}: {first!r} and {second!r} give the same outputs on every case")
    labels = [a.label for a in attempts]
    if len(set(labels)) != len(labels):
        found.append(f"{item}: two attempts share a label")
    return found


if __name__ == "__main__":
    for name in sys.argv[1:] or list(answer_notebooks()):
        attempts = importlib.import_module(f"census_blind.{name}").ATTEMPTS
        single = sum(a.mistakes == 1 for a in attempts)
        print(f"{name}: {single} single, {len(attempts) - single} compound")
        for line in problems(name):
            print("  ", line)
