"""Seeded finite-difference gradient checks, in float64.

Why the tolerance is what it is: a central difference (f(w+eps) - f(w-eps)) / (2 eps) has a
truncation error ~ eps**2 * f''' / 6 (about 1e-12 for eps = 1e-6) and a rounding error
~ machine_eps * |f| / eps (about 2e-16 / 1e-6 = 2e-10). A correct float64 backward pass therefore
agrees to a relative error ||a - n|| / (||a|| + ||n||) near 1e-9; a wrong one (a missing term, a swapped gate) is off
by 1e-2 or more. ``TOLERANCE = 1e-6`` sits between the two with room either side.
"""
import numpy as np

EPS = 1e-6  # the step: balances truncation (eps**2) against rounding (1/eps)
TOLERANCE = 1e-6  # largest relative error a correct float64 gradient shows, with margin


def relative_error(analytic, numeric):
    """||a - n|| / (||a|| + ||n||) over the checked entries: scale-free, and tiny entries cannot blow it up."""
    analytic, numeric = np.asarray(analytic, np.float64), np.asarray(numeric, np.float64)
    return float(np.linalg.norm(analytic - numeric) / max(np.linalg.norm(analytic) + np.linalg.norm(numeric), 1e-12))


def sample_indices(shape, n_samples, seed):
    """n_samples seeded flat indices into an array of `shape` (all of them when it is small)."""
    size = int(np.prod(shape))
    if n_samples is None or n_samples >= size:
        return np.arange(size)
    return np.random.default_rng(seed).choice(size, n_samples, replace=False)


def numerical_gradient(f, array, *, eps=EPS, n_samples=None, seed=0):
    """Central differences of scalar f() w.r.t. `array` (perturbed in place, then restored).

    Returns (flat indices checked, numeric gradient at those indices).
    """
    if array.dtype != np.float64:
        raise TypeError(f"gradient checks need float64 arrays (float32 rounding swamps eps={eps}), got {array.dtype}")
    idx = sample_indices(array.shape, n_samples, seed)
    numeric = np.empty(len(idx))
    for k, j in enumerate(idx):
        where = np.unravel_index(j, array.shape)  # works for any memory layout
        old = array[where]
        array[where] = old + eps
        f_plus = float(f())
        array[where] = old - eps
        f_minus = float(f())
        array[where] = old
        numeric[k] = (f_plus - f_minus) / (2 * eps)
    return idx, numeric


def gradient_check(f, arrays, grads, *, eps=EPS, n_samples=30, seed=0):
    """Compare analytic grads with finite differences of scalar f() for each named array.

    arrays, grads: dicts name -> float64 array (f must read the arrays, which are perturbed in place).
    Returns dict name -> relative error ||a - n|| / (||a|| + ||n||) over n_samples seeded entries.
    """
    report = {}
    for k, name in enumerate(arrays):
        array, grad = arrays[name], np.asarray(grads[name])
        if grad.shape != array.shape:
            raise ValueError(f"gradient for {name} has shape {grad.shape}, but {name} has shape {array.shape}")
        idx, numeric = numerical_gradient(f, array, eps=eps, n_samples=n_samples, seed=seed + k)
        report[name] = relative_error(grad.reshape(-1)[idx], numeric)
    return report
