"""Checks the blind attempts without the checker: each edit applies, the attempt runs and differs from the solution.

Run: python tests/census_blind2/validate.py   (exit status 1 when an attempt is broken, equivalent or a duplicate)
"""
import importlib
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent.parent)]
from grading_helpers import AWAITING_BLIND, answer_notebooks, census_source  # noqa: E402
AWAITING = AWAITING_BLIND["census_blind2"]

SIGMOID = lambda v: 1.0 / (1.0 + np.exp(-v))  # noqa: E731


def compile_answer(item, source):
    """The item's function from one answer source."""
    namespace = {"np": np, "sigmoid": SIGMOID}
    exec(compile(source, f"<{item}>", "exec"), namespace)
    return namespace[item]


def weights(rng, features, units):
    """A kernel (features, 4u), recurrent kernel (u, 4u) and bias (4u,)."""
    return rng.normal(size=(features, 4 * units)), rng.normal(size=(units, 4 * units)), rng.normal(size=4 * units)


def cases(item, rng):
    """Lists of positional arguments for the item, random and edge-free."""
    n = rng.normal
    if item == "lstm_step":
        return [(n(size=(b, f)), n(size=(b, u)), n(size=(b, u)), *weights(rng, f, u)) for b, f, u in [(3, 2, 4), (2, 5, 3)]]
    if item == "lstm_param_count":
        return [(u, f) for u, f in [(4, 3), (32, 1), (10, 7), (1, 1)]]
    if item == "split_gates":
        return [(n(size=(r, 4 * u)),) for r, u in [(5, 3), (2, 6), (12, 2)]]
    if item == "lstm_layer":
        return [(n(size=(2, 5, 3)), *weights(rng, 3, 4), rs, st) for rs in (False, True) for st in (False, True)]
    if item == "lstm_layer_initial_state":
        return [(n(size=(2, 5, 3)), *weights(rng, 3, 4), n(size=(2, 4)), n(size=(2, 4)))]
    if item == "last_output":
        return [(n(size=(3, 5, 4)),), (n(size=(1, 6, 2)),)]
    if item == "make_windows":
        return [(n(size=(20, 3)), 4, 1), (n(size=(11, 2)), 3, 0)]
    if item == "count_batches":
        return [(s, b) for s, b in [(100, 32), (96, 32), (7, 3), (10, 10), (1000, 64), (5, 8)]]
    if item == "predict_shapes":
        lstm = lambda u, rs: {"layer": "LSTM", "units": u, "return_sequences": rs}  # noqa: E731
        return [(10, 3, [lstm(32, True), lstm(16, False), {"layer": "Dense", "units": 1}]),
                (7, 5, [lstm(8, True), {"layer": "Dense", "units": 2}])]
    if item == "stack_forward":
        return [(n(size=(2, 5, 3)), [weights(rng, 3, 4), weights(rng, 4, 4)], n(size=(4, 2)), n(size=2)),
                (n(size=(3, 4, 2)), [weights(rng, 2, 3), weights(rng, 3, 3), weights(rng, 3, 3)], n(size=(3, 1)), n(size=1))]
    if item == "stateful_batches":
        return [(n(size=(N, 2)), b, t) for N, b, t in [(50, 3, 4), (48, 2, 4), (37, 4, 3), (64, 4, 4), (50, 3, 5), (41, 2, 3)]]
    if item == "stateful_forward":
        return [(n(size=(3, 2, 4, 3)), *weights(rng, 3, 4))]
    if item == "lstm_step_backward":
        b, f, u = 3, 2, 4
        return [(n(size=(b, u)), n(size=(b, u)), n(size=(b, f)), n(size=(b, u)), n(size=(b, u)), *weights(rng, f, u))]
    if item == "lstm_layer_backward":
        return [(n(size=(2, 5, 4)), n(size=(2, 5, 3)), *weights(rng, 3, 4))]
    if item == "time_split":
        return [(n(size=(N, 2)), tf, vf) for N, tf, vf in [(100, 0.7, 0.15), (47, 0.6, 0.2), (23, 0.55, 0.25)]]
    if item == "scale_train_only":
        return [(n(loc=3, scale=2, size=(20, 3)), n(size=(6, 3)), n(loc=-1, size=(5, 3)))]
    if item == "persistence_forecast":
        return [(n(size=(6, 5)), 3), (n(size=(4, 8)), 5)]
    if item == "match_targets":  # y 1-D, 2-D (k == timesteps once) and 3-D; timesteps, features and k all differ
        return [(n(size=(8, 5, 3)), n(size=s)) for s in [(8,), (8, 2), (8, 5, 4), (8, 5)]]
    if item == "mase":
        return [(n(size=12), n(size=12), n(size=40), s) for s in (1, 4, 7)]
    if item == "chance_accuracy":  # balanced-ish, imbalanced, a missing label 0, and a majority on the largest label
        return [(rng.integers(0, 6, size=256),), (rng.choice(4, size=50, p=[0.1, 0.6, 0.2, 0.1]),),
                (rng.integers(1, 4, size=30),), (rng.choice(3, size=40, p=[0.2, 0.1, 0.7]),)]
    if item == "width_for_budget":  # (features, budget, layers); 2976 and 3584 are met exactly (u = 24 and 16)
        return [(6, 2976, 1), (6, 3584, 2), (3, 10000, 3), (1, 500, 2), (10, 50000, 4), (5, 200, 1)]
    if item == "paired_interval":
        return [(n(size=k), n(size=k), nb, s) for k, nb, s in [(5, 1000, 0), (10, 2000, 7), (3, 500, 3)]]
    raise KeyError(item)


def same(a, b):
    """Whether two outputs agree (structure, shape and values)."""
    if isinstance(a, (tuple, list)) or isinstance(b, (tuple, list)):
        return (isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)) and len(a) == len(b)
                and all(same(p, q) for p, q in zip(a, b)))
    if a is None or b is None:
        return a is b
    a, b = np.asarray(a), np.asarray(b)
    return a.shape == b.shape and np.allclose(a, b, equal_nan=True)


def outputs(fn, args_list):
    """One output per case, or the exception's repr."""
    out = []
    for args in args_list:
        np.random.seed(0)
        try:
            out.append(fn(*[a.copy() if isinstance(a, np.ndarray) else a for a in args]))
        except Exception as exc:  # noqa: BLE001  (a learner's attempt may crash on some case)
            out.append(f"raised {type(exc).__name__}: {exc}")
    return out


def main():
    """Validate every attempt; print a per-item table and the problems."""
    notebooks, problems, rng = answer_notebooks(), [], np.random.default_rng(21)
    print(f"{'item':<26} {'single':>6} {'compound':>8}")
    for item, notebook in notebooks.items():
        if item in AWAITING:
            continue
        module = importlib.import_module(f"census_blind2.{item}")
        source = census_source(notebook, item)
        args_list = cases(item, rng)
        reference = outputs(compile_answer(item, source), args_list)
        assert not any(isinstance(r, str) for r in reference), (item, reference)
        seen, counts = [], {1: 0, 2: 0}
        for attempt in module.ATTEMPTS:
            assert attempt.item == item and attempt.mistakes in (1, 2), attempt
            counts[attempt.mistakes] += 1
            edited = source
            for old, new in attempt.edits:
                if old not in edited:
                    problems.append(f"{item}: {attempt.label}: edit not found: {old!r}")
                    break
                edited = edited.replace(old, new)
            else:
                got = outputs(compile_answer(item, edited), args_list)
                crashes = [g for g in got if isinstance(g, str)]
                if len(crashes) == len(got):
                    problems.append(f"{item}: {attempt.label}: crashes on every case: {crashes[0]}")
                elif all(isinstance(g, str) or same(g, r) for g, r in zip(got, reference)):
                    problems.append(f"{item}: {attempt.label}: same output as the solution")
                for label, other in seen:
                    if all(isinstance(g, str) == isinstance(o, str) and (isinstance(g, str) or same(g, o)) for g, o in zip(got, other)):
                        problems.append(f"{item}: {attempt.label}: duplicate of {label}")
                seen.append((attempt.label, got))
                if crashes:
                    print(f"  note {item}: {attempt.label}: crashes on {len(crashes)} of {len(got)} cases")
        if counts[1] < 6 or counts[2] < 2:
            problems.append(f"{item}: {counts[1]} single, {counts[2]} compound (want >= 6 and >= 2)")
        print(f"{item:<26} {counts[1]:>6} {counts[2]:>8}")
    missing = set(notebooks) - AWAITING - {p.stem for p in HERE.glob("*.py")}
    problems += [f"{m}: no attempts file" for m in sorted(missing)]
    print("\n".join(["", *problems]) if problems else "\nall attempts apply, run and differ from the solution")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
