"""A paired bootstrap across seeds: is configuration A ahead of B by more than the seed-to-seed noise?

Both configurations are trained from the same seeds, so seed s gives a pair (a_s, b_s) and one difference
d_s = a_s - b_s. The bootstrap resamples the n differences with replacement, B times, and takes the mean of
each resample; the 2.5% and 97.5% percentiles of those means are the 95% interval of the mean difference.
"""
from dataclasses import dataclass

import numpy as np

from ..messages import msg


@dataclass(frozen=True)
class Paired:
    """The mean paired difference, its bootstrap interval, and on how many seeds A was ahead."""

    mean: float
    low: float
    high: float
    ahead: int
    n: int
    tied: int = 0

    @property
    def beyond_noise(self):
        """True when the interval excludes 0: the difference is larger than the seed-to-seed noise."""
        return bool(self.low > 0 or self.high < 0)


def differences(a, b):
    """a - b per seed, as floats: (n,); ValueError unless a and b are 1-D, of one length >= 2, and finite."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)  # (n,), (n,)
    if a.ndim != 1 or a.shape != b.shape:
        raise ValueError(f"expected two 1-D arrays of one score per seed, same length; got shapes {a.shape} and {b.shape}")
    if len(a) < 2:
        raise ValueError(f"expected at least 2 seeds to pair, got {len(a)}")
    if not (np.isfinite(a).all() and np.isfinite(b).all()):
        raise ValueError(f"expected finite scores, got a={a.tolist()} and b={b.tolist()}")
    return a - b  # (n,)


def paired_bootstrap(a, b, *, resamples=10_000, level=0.95, seed=0):
    """Paired bootstrap of mean(a - b) over seeds: a Paired with the mean, the percentile interval and 'ahead on k of n'."""
    d = differences(a, b)  # (n,)
    if not 0 < level < 1:
        raise ValueError(f"expected a level between 0 and 1, got {level!r}")
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(d), size=(int(resamples), len(d)))  # (resamples, n)
    means = d[picks].mean(axis=1)  # (resamples,)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return Paired(float(d.mean()), float(low), float(high), int((d > 0).sum()), len(d), int((d == 0).sum()))


def verdict(name_a, name_b, result, *, digits=3, fmt=None):
    """The verdict sentence, in the language in use: 'A is ahead of B on k of n seeds; the mean difference is X (95%
    interval [l, h]); ...'; test result.beyond_noise, not its words.

    fmt: a format spec for the three numbers (e.g. "+.1e" for losses near 0); default f"+.{digits}f".
    """
    fmt = fmt or f"+.{digits}f"
    return msg("lesson.paired.verdict", a=name_a, b=name_b, ahead=result.ahead, n=result.n,
               ties=msg("lesson.paired.tied", tied=result.tied) if result.tied else "", mean=f"{result.mean:{fmt}}",
               low=f"{result.low:{fmt}}", high=f"{result.high:{fmt}}",
               noise=msg("lesson.paired.larger" if result.beyond_noise else "lesson.paired.not_larger"))


def choose_rate(by_rate, key="val_loss"):
    """The learning rate (a key of by_rate) whose median `key` over seeds is lowest: chosen on validation, never on test."""
    if not by_rate:
        raise ValueError("expected {rate: {key: [one value per seed]}}, got no rates")
    medians = {rate: float(np.median(scores[key])) for rate, scores in by_rate.items()}
    return min(medians, key=lambda rate: (medians[rate], float(rate)))
