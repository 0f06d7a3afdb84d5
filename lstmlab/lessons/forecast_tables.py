"""Lesson 10's tables and verdicts from stored forecasts: errors over seeds with their range, paired comparisons, coverage.

A model's forecasts are a list with one array per seed (a baseline without randomness: a list of one). Every
sentence a verdict prints is built from the numbers, so it says no more than they do.
"""
import numpy as np

from ..data import forecast as fc
from ..messages import columns, msg
from . import stats


def abs_errors(truth, runs):
    """|forecast - truth| per seed: (seeds, *truth.shape)."""
    truth = np.asarray(truth, dtype=float)
    runs = np.asarray(runs, dtype=float)  # (seeds, *truth.shape)
    if runs.shape[1:] != truth.shape:
        raise ValueError(f"expected forecasts of shape (seeds, {', '.join(map(str, truth.shape))}), got {runs.shape}")
    return np.abs(runs - truth)


def seed_table(truth, forecasts, y_train, season, unit=""):
    """Text table, best median MAE first: seeds, MAE median and [min, max] over seeds, MASE median."""
    rows = []
    for name, runs in forecasts.items():
        mae = abs_errors(truth, runs).reshape(len(runs), -1).mean(axis=1)  # (seeds,)
        mase = [fc.mase(truth, run, y_train, season) for run in runs]
        rows.append((float(np.median(mae)), mae.min(), mae.max(), float(np.median(mase)), len(runs), name))
    label = msg("lesson.table.mae_unit", unit=unit) if unit else msg("lesson.table.mae")
    head = [msg("lesson.table.model"), msg("lesson.table.seeds"), label, msg("lesson.table.spread"), "MASE"]
    body = [[name, f"{n:d}", f"{med:.3f}", f"[{low:.3f}, {high:.3f}]" if n > 1 else msg("lesson.table.no_seed"), f"{mase:.3f}"]
            for med, low, high, mase, n, name in sorted(rows)]
    return "\n".join(columns([head, *body], right=(1, 2, 3), least=(0, 5, 20, 22)))


def best(truth, forecasts):
    """The name with the lowest median MAE over its seeds."""
    return min(forecasts, key=lambda name: np.median(abs_errors(truth, forecasts[name]).reshape(len(forecasts[name]), -1).mean(axis=1)))


def compare(truth, runs_a, run_b, h=1, block=None, seed=0):
    """Model a (one run per seed) against model b (one run): per-seed MAE differences and DM p-values, and a moving-block
    bootstrap interval (blocks of max(h, 4) origins unless `block` is given) of the mean over origins of (|e_a| averaged over
    seeds - |e_b|). Paths (origins, H): each origin's loss is its mean over the H steps."""
    err_a = abs_errors(truth, runs_a).reshape(len(runs_a), len(truth), -1).mean(axis=2)  # (seeds, origins)
    err_b = abs_errors(truth, [run_b]).reshape(len(truth), -1).mean(axis=1)  # (origins,)
    tests = [stats.diebold_mariano(a, err_b, h) for a in err_a]
    mean, low, high = stats.block_bootstrap_interval(err_a.mean(axis=0), err_b, block or max(h, 4), seed=seed)
    diffs = err_a.mean(axis=1) - err_b.mean()  # (seeds,)
    return {"ahead": int((diffs < 0).sum()), "seeds": len(diffs), "diffs": diffs, "p": [p for _, p in tests],
            "mean": mean, "low": low, "high": high}


def larger_than_noise(result):
    """Is a difference larger than the noise? seed_compare()'s interval is across seeds, so it holds their spread: its
    excluding 0 is enough (lesson 09's rule, Paired.beyond_noise, which seed_compare() keeps). compare()'s runs over
    origins with the seeds averaged, so it must exclude 0 AND every seed be on the same side. Test this, not the words
    of a verdict, which are in the language in use."""
    if "beyond_noise" in result:
        return result["beyond_noise"]
    return bool((result["high"] < 0 and result["ahead"] == result["seeds"]) or (result["low"] > 0 and result["ahead"] == 0))


def verdict(name_a, name_b, result, unit=""):
    """One sentence: ahead on k of n seeds, the mean difference with its interval, DM p-values, larger than the noise or not
    (larger_than_noise), in the language in use."""
    larger = larger_than_noise(result)
    p, unit = result["p"], f" {unit}" if unit else ""
    return msg("lesson.verdict.compare", a=name_a, b=name_b, ahead=result["ahead"], seeds=result["seeds"],
               mean=f"{result['mean']:+.3f}", unit=unit, low=f"{result['low']:+.3f}", high=f"{result['high']:+.3f}",
               p_min=f"{min(p):.2f}", p_max=f"{max(p):.2f}",
               noise=msg("lesson.verdict.larger" if larger else "lesson.verdict.not_larger"))


def paired_seeds(runs_a, runs_b, truth):
    """Per-seed MAE of a minus b (the same seed index): (k seeds with a lower, differences (seeds,))."""
    a = abs_errors(truth, runs_a).reshape(len(runs_a), -1).mean(axis=1)  # (seeds,)
    b = abs_errors(truth, runs_b).reshape(len(runs_b), -1).mean(axis=1)  # (seeds,)
    if len(a) != len(b):
        raise ValueError(f"expected the same number of seeds, got {len(a)} and {len(b)}")
    return int((a < b).sum()), a - b


def seed_compare(runs_a, runs_b, truth, seed=0):
    """Two models with seeds, paired by seed index: per-seed MAE differences a - b, and a paired bootstrap across seeds
    (lessons.paired) of their mean: {"ahead", "seeds", "diffs", "mean", "low", "high"}, as compare() gives them."""
    from .paired import paired_bootstrap
    ahead, diffs = paired_seeds(runs_a, runs_b, truth)
    result = paired_bootstrap(-diffs, np.zeros_like(diffs), seed=seed)  # mean of b - a; "ahead" where a is lower
    return {"ahead": ahead, "seeds": len(diffs), "diffs": diffs, "mean": -result.mean, "low": -result.high, "high": -result.low,
            "beyond_noise": result.beyond_noise}


def seed_verdict(name_a, name_b, result, unit="", digits=3):
    """One sentence for seed_compare(): ahead on k of n seeds, the MAE differences' range, their mean with its interval,
    and larger than the noise (larger_than_noise: the interval across seeds excludes 0) or not."""
    unit, f = f" {unit}" if unit else "", f"{{:+.{digits}f}}".format
    return msg("lesson.verdict.seeds", a=name_a, b=name_b, ahead=result["ahead"], seeds=result["seeds"], unit=unit,
               min=f(result["diffs"].min()), max=f(result["diffs"].max()), mean=f(result["mean"]), low=f(result["low"]), high=f(result["high"]),
               noise=msg("lesson.verdict.larger" if larger_than_noise(result) else "lesson.verdict.not_larger"))


def coverage(truth, interval):
    """Fraction of truth values inside [low, high]: interval (..., 2) matching truth's shape (...)."""
    truth, interval = np.asarray(truth, dtype=float), np.asarray(interval, dtype=float)
    if interval.shape != (*truth.shape, 2):
        raise ValueError(f"expected an interval of shape {(*truth.shape, 2)}, got {interval.shape}")
    return float(np.mean((truth >= interval[..., 0]) & (truth <= interval[..., 1])))


def by_horizon(targets, forecasts, steps):
    """Text table of MAE at the given steps ahead (1-based) and over all steps: median [min, max] over seeds."""
    rows = []
    for name, runs in forecasts.items():
        err = abs_errors(targets, runs).mean(axis=1)  # (seeds, H)
        cols = [err[:, k - 1] for k in steps] + [err.mean(axis=1)]  # each (seeds,)
        cells = [f"{np.median(c):.3f} [{c.min():.2f}, {c.max():.2f}]" if len(c) > 1 else f"{c[0]:.3f}" for c in cols]
        rows.append((float(np.median(cols[-1])), name, cells))
    head = [msg("lesson.table.model"), *(msg("lesson.table.ahead", k=k) for k in steps), msg("lesson.table.mean_steps")]
    return "\n".join(columns([head, *([name, *cells] for _, name, cells in sorted(rows))]))


def rolling_mae(series, origins):
    """One-step MAE per model at each rolling origin: {model: (origins, seeds)}; origins as the rolling sweep stores them."""
    series = np.asarray(series, dtype=float)  # (N,)
    table = {}
    for origin in origins:
        truth = series[np.asarray(origin["test_steps"])]  # (block,)
        for name, runs in origin["forecasts"].items():
            table.setdefault(name, []).append(abs_errors(truth, runs).mean(axis=1))  # (seeds,)
    return {name: np.array(rows) for name, rows in table.items()}


def rolling_table(mae, labels):
    """Text table: a row per origin (labels), a column per model: MAE, median [min, max] when it has seeds."""
    names = list(mae)
    cells = [[f"{np.median(m[k]):.3f} [{m[k].min():.2f}, {m[k].max():.2f}]" if len(m[k]) > 1 else f"{m[k][0]:.3f}"
              for m in mae.values()] for k in range(len(labels))]
    return "\n".join(columns([[msg("lesson.table.test_from"), *names], *([label, *row] for label, row in zip(labels, cells))]))
