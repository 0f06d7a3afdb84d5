"""Blind wrong attempts at paired_interval."""
from . import BlindAttempt as A

I = "paired_interval"
D = "d = a - b"
RNG = "rng = np.random.default_rng(seed)"
PICKS = "picks = rng.integers(0, len(d), size=(n_boot, len(d)))"
MEANS = "means = d[picks].mean(axis=1)"
PCT = "[2.5, 97.5]"
UNPAIRED = "means = a[picks].mean(axis=1) - b[rng.integers(0, len(d), size=(n_boot, len(d)))].mean(axis=1)"
ATTEMPTS = [
    A(I, "unpaired: a and b resampled with independent draws", [(MEANS, UNPAIRED)], 1),
    A(I, "90% interval: percentiles 5 and 95", [(PCT, "[5, 95]")], 1),
    A(I, "percentiles given as fractions (0.025, 0.975), not percents", [(PCT, "[0.025, 0.975]")], 1),
    A(I, "mean over the wrong axis (one mean per seed column, not per resample)",
      [(MEANS, "means = d[picks].mean(axis=0)")], 1),
    A(I, "sign flipped: d = b - a", [(D, "d = b - a")], 1),
    A(I, "legacy global generator (np.random.seed + randint), not default_rng(seed)",
      [(RNG, "np.random.seed(seed)"), ("rng.integers(", "np.random.randint(")], 1),
    A(I, "picks shaped (n, n_boot): resamples along the wrong axis",
      [("size=(n_boot, len(d))", "size=(len(d), n_boot)")], 1),
    A(I, "normal approximation: mean +- 1.96 std of the bootstrap means, not percentiles",
      [("low, high = np.percentile(means, [2.5, 97.5])",
        "low, high = means.mean() - 1.96 * means.std(), means.mean() + 1.96 * means.std()")], 1),
    A(I, "percentiles of the raw differences, not of the resampled means", [("np.percentile(means,", "np.percentile(d,")], 1),
    A(I, "resampling without replacement (permutations): every mean is mean(d)",
      [(PICKS, "picks = np.array([rng.permutation(len(d)) for _ in range(n_boot)])")], 1),
    A(I, "off by one: integers(0, n - 1) never picks the last seed", [("rng.integers(0, len(d),", "rng.integers(0, len(d) - 1,")], 1),
    A(I, "sign flipped AND a 90% interval", [(D, "d = b - a"), (PCT, "[5, 95]")], 2),
    A(I, "unpaired AND a 90% interval", [(MEANS, UNPAIRED), (PCT, "[5, 95]")], 2),
    A(I, "mean over the wrong axis AND sign flipped", [(MEANS, "means = d[picks].mean(axis=0)"), (D, "d = b - a")], 2),
]
