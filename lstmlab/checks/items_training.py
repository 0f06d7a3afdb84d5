"""Lessons 06 and 09: the backward pass of one LSTM step and BPTT through a layer; chance accuracy, a width at a
parameter budget and a paired bootstrap interval across seeds."""
from dataclasses import replace

import numpy as np

from ..reference.activations import sigmoid
from ..reference.backward import lstm_layer_backward as ref_layer_backward
from ..reference.backward import lstm_step_backward as ref_step_backward
from ..shapes import LSTM
from .item import Item, Mistake, line_mistake, lstm_weights, sizes
from .mutants import lstm as variants

LESSON = "06_training"
STEP_OUTPUTS = ("dx", "dh_prev", "dc_prev", "dkernel", "drecurrent_kernel", "dbias")
LAYER_OUTPUTS = ("dx", "dkernel", "drecurrent_kernel", "dbias")


STEP_VARIANTS = ("no_h_path", "no_tanh_prime", "ignore_dc", "sigmoid_prime", "sigmoid_prime_of_z", "no_candidate_prime",
                 "tanh_prime_linear", "tanh_prime_of_c", "dz_o_with_c", "dc_prev_without_f", "dc_prev_incoming",
                 "dz_gate_order", "dz_if_swapped", "dx_no_transpose", "dh_prev_no_transpose", "dh_prev_via_kernel",
                 "dkernel_transposed", "dbias_wrong_axis", "dbias_not_summed", "dbias_mean")
# the step of the backward pass each mistake changes (two mistakes pair only on different steps)
STEP_OF = {"no_h_path": "dc", "no_tanh_prime": "dc", "ignore_dc": "dc", "tanh_prime_linear": "dc",
           "tanh_prime_of_c": "dc", "sigmoid_prime": "gate_derivative", "sigmoid_prime_of_z": "gate_derivative",
           "no_candidate_prime": "candidate_derivative", "dz_o_with_c": "dz_o", "dc_prev_without_f": "dc_prev",
           "dc_prev_incoming": "dc_prev", "dz_gate_order": "dz_order", "dz_if_swapped": "dz_order",
           "dx_no_transpose": "dx", "dh_prev_no_transpose": "dh_prev", "dh_prev_via_kernel": "dh_prev",
           "dkernel_transposed": "dkernel", "dbias_wrong_axis": "dbias", "dbias_not_summed": "dbias",
           "dbias_mean": "dbias", "no_dh_carry": "carry_h", "no_dc_carry": "carry_c", "forward_order": "order",
           "not_summed": "accumulate", "states_after": "states", "doutput_last_only": "doutput"}


def step_variant(dh, dc, x, h_prev, c_prev, kernel, recurrent_kernel, bias, mistake=None):
    """One step's backward pass with named mistakes, one key or several (wrong on purpose, for diagnosis);
    returns the 6 gradients."""
    m = variants.keys(mistake)
    z = x @ kernel + h_prev @ recurrent_kernel + bias  # (batch, 4*units)
    z_i, z_f, z_c, z_o = np.split(z, 4, axis=1)  # each (batch, units)
    i, f, c_tilde, o = sigmoid(z_i), sigmoid(z_f), np.tanh(z_c), sigmoid(z_o)  # each (batch, units)
    c = f * c_prev + i * c_tilde  # (batch, units)
    tanh_prime = 1 - np.tanh(c) if "tanh_prime_linear" in m else 1 - c ** 2 if "tanh_prime_of_c" in m else (
        1 - np.tanh(c) ** 2)  # (batch, units)
    through_h = 0.0 if "no_h_path" in m else dh * o if "no_tanh_prime" in m else dh * o * tanh_prime  # (batch, units)
    dc_total = (0.0 if "ignore_dc" in m else dc) + through_h  # (batch, units)
    if "sigmoid_prime" in m:
        d_i, d_f, d_o = i, f, o
    elif "sigmoid_prime_of_z" in m:
        d_i, d_f, d_o = z_i * (1 - z_i), z_f * (1 - z_f), z_o * (1 - z_o)
    else:
        d_i, d_f, d_o = i * (1 - i), f * (1 - f), o * (1 - o)
    d_cand = 1.0 if "no_candidate_prime" in m else c_tilde * (1 - c_tilde) if "candidate_sigmoid_prime" in m else (
        1 - c_tilde ** 2)  # (batch, units)
    read = np.tanh(c_prev) if "dz_o_with_c_prev" in m else c if "dz_o_with_c" in m else np.tanh(c)  # (batch, units)
    blocks = {"i": dc_total * (c_prev if "dz_i_with_c_prev" in m else c_tilde) * d_i,
              "f": dc_total * (c if "dz_f_with_c" in m else c_prev) * d_f,
              "c": dc_total * (f if "dz_c_with_f" in m else i) * d_cand,
              "o": (dc_total if "dz_o_with_dc" in m else dh) * read * d_o}
    order = "ifoc" if "dz_gate_order" in m else "fico" if "dz_if_swapped" in m else "ifco"
    dz = np.concatenate([blocks[g] for g in order], axis=1)  # (batch, 4*units)
    dc_prev = dc_total if "dc_prev_without_f" in m else dc * f if "dc_prev_incoming" in m else dc_total * f
    dx = dz @ kernel if "dx_no_transpose" in m else dz @ kernel.T  # (batch, features)
    dh_prev = dz @ recurrent_kernel if "dh_prev_no_transpose" in m else dz @ kernel.T if "dh_prev_via_kernel" in m else (
        dz @ recurrent_kernel.T)  # (batch, units)
    dkernel = dz.T @ x if "dkernel_transposed" in m else x.T @ dz  # (features, 4*units)
    dbias = dz.sum(axis=1) if "dbias_wrong_axis" in m else dz if "dbias_not_summed" in m else (
        dz.mean(axis=0) if "dbias_mean" in m else dz.sum(axis=0))  # (4*units,)
    return dx, dh_prev, dc_prev, dkernel, h_prev.T @ dz, dbias


LAYER_VARIANTS = ("no_dh_carry", "no_dc_carry", "forward_order", "not_summed", "states_after", "doutput_last_only")


def layer_variant(doutput, x, kernel, recurrent_kernel, bias, mistake=None):
    """BPTT (return_sequences=True, zero initial state) with named mistakes, of the layer's or of its step's (one key
    or several); returns dx, dkernel, drecurrent_kernel, dbias."""
    m = variants.keys(mistake)
    batch, timesteps, _ = x.shape
    units = recurrent_kernel.shape[0]
    hs, cs = [np.zeros((batch, units))], [np.zeros((batch, units))]  # states before each step
    for t in range(timesteps):
        z = x[:, t] @ kernel + hs[-1] @ recurrent_kernel + bias  # (batch, 4*units)
        i, f, c_tilde, o = np.split(z, 4, axis=1)  # each (batch, units)
        cs.append(sigmoid(f) * cs[-1] + sigmoid(i) * np.tanh(c_tilde))  # (batch, units)
        hs.append(sigmoid(o) * np.tanh(cs[-1]))  # (batch, units)
    dh, dc = np.zeros((batch, units)), np.zeros((batch, units))  # carried from step t+1
    dx = np.zeros_like(x)  # (batch, timesteps, features)
    dkernel, drecurrent_kernel, dbias = np.zeros_like(kernel), np.zeros_like(recurrent_kernel), np.zeros_like(bias)
    order = range(timesteps) if "forward_order" in m else reversed(range(timesteps))
    step = m & (set(STEP_VARIANTS) | {row[0] for row in STEP_LINES})
    for t in order:
        carried_h = 0.0 if "no_dh_carry" in m else dh
        carried_c = 0.0 if "no_dc_carry" in m else dc
        given = doutput[:, t] if "doutput_last_only" not in m or t == timesteps - 1 else 0.0
        before = t + 1 if "states_after" in m else t
        g = step_variant(given + carried_h, carried_c + np.zeros((batch, units)), x[:, t], hs[before], cs[before],
                         kernel, recurrent_kernel, bias, step)
        dx[:, t], dh, dc = (g[0], g[2], g[1]) if "dh_dc_swapped" in m else (g[0], g[1], g[2])
        if "not_summed" in m:
            dkernel, drecurrent_kernel, dbias = g[3], g[4], g[5]
        else:
            dkernel, drecurrent_kernel, dbias = dkernel + g[3], drecurrent_kernel + g[4], dbias + g[5]
    if "averaged_over_time" in m:
        return dx, dkernel / timesteps, drecurrent_kernel / timesteps, dbias / timesteps
    return dx, dkernel, drecurrent_kernel, dbias


def _step_mistake(key, variant):
    return Mistake(key, lambda **k: step_variant(**k, mistake=variant), variant=variant, step=STEP_OF[variant])


def _layer_mistake(key, variant):
    return Mistake(key, lambda **k: layer_variant(**k, mistake=variant), variant=variant, step=STEP_OF[variant])


# one factor of one line replaced by its neighbour: (key, as written, as it should be), named by the line
STEP_LINES = (
    ("candidate_sigmoid_prime", "dc * i * c_tilde * (1 - c_tilde)", "dc * i * (1 - c_tilde ** 2)"),
    ("dz_o_with_c_prev", "dh * np.tanh(c_prev) * o * (1 - o)", "dh * np.tanh(c) * o * (1 - o)"),
    ("dz_f_with_c", "dc * c * f * (1 - f)", "dc * c_prev * f * (1 - f)"),
    ("dz_i_with_c_prev", "dc * c_prev * i * (1 - i)", "dc * c_tilde * i * (1 - i)"),
    ("dz_c_with_f", "dc * f * (1 - c_tilde ** 2)", "dc * i * (1 - c_tilde ** 2)"),
    ("dz_o_with_dc", "dc * np.tanh(c) * o * (1 - o)", "dh * np.tanh(c) * o * (1 - o)"),
)
LAYER_LINES = (
    ("averaged_over_time", "dkernel / timesteps, drecurrent_kernel / timesteps, dbias / timesteps",
     "dkernel, drecurrent_kernel, dbias"),
    ("dh_dc_swapped", "dx[:, t], dc, dh = step_backward(...)", "dx[:, t], dh, dc = step_backward(...)"),
)


def _lines(run, rows):
    return tuple(replace(line_mistake(key, lambda key=key, **k: run(**k, mistake=key), wrong, right, "line"),
                         alone=True) for key, wrong, right in rows)


STEP_MISTAKES = tuple(_step_mistake(key, key) for key in STEP_VARIANTS) + _lines(step_variant, STEP_LINES)

# in a layer, ignoring the incoming dc (or using it alone for dc_prev) is the same as not carrying dc: named that way
LAYER_MISTAKES = tuple(_layer_mistake(key, key) for key in LAYER_VARIANTS + STEP_VARIANTS
                       if key not in ("ignore_dc", "dc_prev_incoming")) + _lines(layer_variant, STEP_LINES + LAYER_LINES)


def _step_cases(rng):
    for _ in range(4):
        batch, features, units = sizes(rng)
        kernel, recurrent_kernel, bias = lstm_weights(rng, features, units)
        yield dict(dh=rng.normal(size=(batch, units)), dc=rng.normal(size=(batch, units)),
                   x=rng.normal(size=(batch, features)), h_prev=rng.normal(0, 0.5, (batch, units)),
                   c_prev=rng.normal(0, 0.5, (batch, units)), kernel=kernel, recurrent_kernel=recurrent_kernel, bias=bias)


def _layer_cases(rng):
    for _ in range(3):
        batch, features, units, timesteps = sizes(rng, timesteps=True)
        kernel, recurrent_kernel, bias = lstm_weights(rng, features, units)
        yield dict(doutput=rng.normal(size=(batch, timesteps, units)), x=rng.normal(size=(batch, timesteps, features)),
                   kernel=kernel, recurrent_kernel=recurrent_kernel, bias=bias)


def _step_reference(**case):
    grads = ref_step_backward(**case)
    return tuple(grads[name] for name in STEP_OUTPUTS)


def _layer_reference(doutput, x, kernel, recurrent_kernel, bias):
    grads = ref_layer_backward(doutput, x, kernel, recurrent_kernel, bias, return_sequences=True)
    return tuple(grads[name] for name in LAYER_OUTPUTS)


STEP_AXES = {"dx": ("sample", "feature"), "dh_prev": ("sample", "unit"), "dc_prev": ("sample", "unit"),
             "dkernel": ("feature", "gate"), "drecurrent_kernel": ("unit", "gate"), "dbias": ("gate",)}
LAYER_AXES = {"dx": ("sample", "step", "feature"), "dkernel": ("feature", "gate"), "drecurrent_kernel": ("unit", "gate"),
              "dbias": ("gate",)}

ITEMS = [
    Item("lstm_step_backward", LESSON, 4, ("dh", "dc", "x", "h_prev", "c_prev", "kernel", "recurrent_kernel", "bias"),
         _step_cases, _step_reference, outputs=STEP_OUTPUTS, mistakes=STEP_MISTAKES, rtol=1e-6, atol=1e-8, axes=STEP_AXES,
         compose=lambda mistakes, **k: step_variant(**k, mistake=mistakes)),
    Item("lstm_layer_backward", LESSON, 3, ("doutput", "x", "kernel", "recurrent_kernel", "bias"),
         _layer_cases, _layer_reference, outputs=LAYER_OUTPUTS, mistakes=LAYER_MISTAKES, rtol=1e-6, atol=1e-8,
         axes=LAYER_AXES, compose=lambda mistakes, **k: layer_variant(**k, mistake=mistakes)),
]


# --- Lesson 09, experiments: chance accuracy, a width at a parameter budget, a paired bootstrap interval ---------------
LESSON_09 = "09_experiments"


def _labels(rng, n, shares):
    """n integer labels drawn with the given class shares, shuffled (np.int64)."""
    return rng.choice(len(shares), size=n, p=np.asarray(shares) / np.sum(shares)).astype(np.int64)  # (n,)


def _chance_cases(rng):
    yield dict(y=np.repeat(np.arange(6), 40)[rng.permutation(240)])  # 6 classes of equal size: 1/6
    yield dict(y=_labels(rng, 200, [0.6, 0.25, 0.15]))  # imbalanced: the majority share, not 1/3
    yield dict(y=np.array([0, 0, 3, 3, 3, 1, 3, 0, 3]))  # class 2 absent: 3 classes seen, labels up to 3
    yield dict(y=_labels(rng, int(rng.integers(30, 90)), rng.uniform(0.2, 1.0, int(rng.integers(3, 8)))))


def _chance(y, mistake=None):
    """The accuracy of always predicting the most frequent class, with one named mistake (wrong on purpose)."""
    m = variants.keys(mistake)
    counts = np.unique(y, return_counts=True)[1]  # (classes seen,)
    if "chance_uniform" in m:
        return 1.0 / len(counts)
    if "chance_max_label" in m:
        return 1.0 / (int(np.max(y)) + 1)
    if "chance_label" in m:
        return np.unique(y)[np.argmax(counts)]  # the majority class itself
    top = counts.min() if "chance_minority" in m else counts.max()  # a count
    return top if "chance_count" in m else top / len(y)


def _lstm_stack_params(features, units, layers):
    """Parameters of `layers` equal LSTM(units) layers over `features` inputs, from lesson 04's shape engine."""
    return LSTM(units).params(features)[0] + (layers - 1) * LSTM(units).params(units)[0]


def _width(features, budget, layers, mistake=None, count_of=None):
    """The largest equal width whose LSTM stack fits the budget, with one named mistake (wrong on purpose); or, given
    count_of, the parameters that mistake counts for that width."""
    m = variants.keys(mistake)

    def count(u):
        first, later = (features, features) if "width_all_features" in m else (u, u) if "width_all_units" in m else (
            features, u)
        gates, bias = (3 if "width_three_gates" in m else 4), (0 if "width_no_bias" in m else u)
        return gates * (u * (first + u) + bias) + (layers - 1) * gates * (u * (later + u) + bias)

    if count_of is not None:
        return count(count_of)
    fits = (lambda u: count(u) < budget) if "width_strict" in m else (lambda u: count(u) <= budget)
    u = 0
    while fits(u + 1):
        u += 1
    if "width_over" in m and count(u) != budget:
        u += 1  # the first width at or over the budget
    return u


def _width_cases(rng):
    yield dict(features=6, budget=2976, layers=1)  # lesson 09: one LSTM(24) on 6 inputs, exactly 2976
    yield dict(features=6, budget=2976, layers=4)
    features, layers, u = int(rng.integers(2, 11)), int(rng.integers(2, 5)), int(rng.integers(5, 30))
    yield dict(features=features, budget=_lstm_stack_params(features, u, layers), layers=layers)  # exactly on budget
    # a budget short of width u + 1 by its biases, less 1: right u, a count without biases u + 1 (also with `<`)
    features, layers, u = int(rng.integers(2, 11)), int(rng.integers(2, 5)), int(rng.integers(5, 30))
    yield dict(features=features, budget=_width(features, 0, layers, "width_no_bias", count_of=u + 1) + 1, layers=layers)
    yield dict(features=int(rng.integers(2, 40)), budget=int(rng.integers(2_000, 60_000)), layers=int(rng.integers(1, 6)))


def _width_reference(features, budget, layers):
    u = 0
    while _lstm_stack_params(features, u + 1, layers) <= budget:
        u += 1
    return u


def _paired_cases(rng):
    base = rng.uniform(0.6, 0.9, 5)  # (5,) lesson 09: 5 seeds, one score per seed
    yield dict(a=base + rng.normal(0.02, 0.01, 5), b=base, n_boot=10_000, seed=0)
    for _ in range(2):
        n = int(rng.integers(6, 13))  # enough seeds for many distinct resample means: other draws show
        base = rng.uniform(0.3, 0.9, n)  # (n,)
        yield dict(a=base + rng.normal(0.01, 0.05, n), b=base + rng.normal(0, 0.02, n),
                   n_boot=int(rng.integers(200, 3000)), seed=int(rng.integers(0, 1000)))


def _paired(a, b, n_boot, seed, mistake=None):
    """The 95% percentile interval [low, high] of mean(a - b) by a paired bootstrap, with one named mistake (wrong on
    purpose); a tuple (low, high) of two numbers reaches check() as this one array of 2."""
    m = variants.keys(mistake)
    rng = np.random.default_rng(seed)
    d = a - b  # (n,)
    n = len(d)
    if "paired_unpaired" in m:  # a and b resampled apart: the seed-to-seed pairing lost
        means = a[rng.integers(0, n, size=(n_boot, n))].mean(axis=1) - b[rng.integers(0, n, size=(n_boot, n))].mean(axis=1)
    elif "paired_picks_transposed" in m:
        means = d[rng.integers(0, n, size=(n, n_boot))].mean(axis=0)  # (n_boot,)
    elif "paired_no_resample" in m:
        means = d  # the differences themselves, not means of resamples
    else:
        means = d[rng.integers(0, n, size=(n_boot, n))].mean(axis=1)  # (n_boot,)
    if "paired_normal" in m:
        return d.mean() + 1.96 * means.std() * np.array([-1.0, 1.0])  # (2,)
    low, high = np.percentile(means, [5, 95] if "paired_90" in m else [2.5, 97.5])
    return np.array([-high, -low] if "paired_reversed" in m else [low, high])  # (2,) low, high


# the step each mistake changes: two mistakes on different steps are tried as a pair (a count without biases, then
# strictly under the budget; an unpaired resample, then a 90% interval)
WIDTH_STEPS = {"width_all_features": "count", "width_all_units": "count", "width_no_bias": "count",
               "width_three_gates": "count", "width_over": "search", "width_strict": "search"}
PAIRED_STEPS = {"paired_unpaired": "resample", "paired_picks_transposed": "resample", "paired_no_resample": "resample",
                "paired_normal": "interval", "paired_90": "interval", "paired_reversed": "difference"}


def _mistakes(run, keys, steps=None):
    return tuple(Mistake(key, lambda key=key, **k: run(**k, mistake=key), variant=key, step=(steps or {}).get(key))
                 for key in keys)


ITEMS += [
    Item("chance_accuracy", LESSON_09, 1, ("y",), _chance_cases, lambda y: _chance(y), outputs=("accuracy",),
         mistakes=_mistakes(_chance, ("chance_uniform", "chance_max_label", "chance_minority", "chance_count",
                                      "chance_label"))),
    Item("width_for_budget", LESSON_09, 2, ("features", "budget", "layers"), _width_cases, _width_reference,
         outputs=("units",), kind="int", exact=True,
         mistakes=_mistakes(_width, ("width_all_features", "width_all_units", "width_no_bias", "width_three_gates",
                                     "width_over"), WIDTH_STEPS)
         + (line_mistake("width_strict", lambda **k: _width(**k, mistake="width_strict"), "count(u + 1) < budget",
                         "count(u + 1) <= budget", "search"),),
         compose=lambda mistakes, **k: _width(**k, mistake=mistakes)),
    Item("paired_interval", LESSON_09, 2, ("a", "b", "n_boot", "seed"), _paired_cases,
         lambda **k: _paired(**k), outputs=("interval",),
         mistakes=_mistakes(_paired, ("paired_unpaired", "paired_reversed", "paired_no_resample", "paired_normal",
                                      "paired_90", "paired_picks_transposed"), PAIRED_STEPS),
         compose=lambda mistakes, **k: _paired(**k, mistake=mistakes)),
]
