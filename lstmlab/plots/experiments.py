"""Experiment figures: training and validation curves over seeds (the spread shown), memory horizon per layer, |h| over time."""
import warnings

import numpy as np
from matplotlib.figure import Figure

from .fonts import say

COLORS = ("tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple", "tab:brown")


def _history(run):
    """A run's history dict: a lessons.experiments.Run, or a plain {metric: values} dict."""
    history = getattr(run, "history", run)
    if not isinstance(history, dict):
        raise TypeError(f"each run must be a Run or a dict of metric -> values per epoch, got {type(run).__name__}")
    return history


def _curves(runs, key):
    """(seeds, epochs) array of one metric; NaN/inf kept (a diverged run)."""
    rows = []
    for run in runs:
        history = _history(run)
        if key not in history:
            raise KeyError(f"no {key!r} in a run's history; it has {sorted(history)}")
        rows.append(np.asarray(history[key], dtype=float))  # (epochs,)
    return np.array(rows)  # (seeds, epochs)


def _draw(ax, runs, key, color, label):
    """One group on one axis: a thin line per seed, the median, the min..max band, x where a seed went non-finite."""
    values = _curves(runs, key)  # (seeds, epochs)
    epochs = np.arange(1, values.shape[1] + 1)  # (epochs,)
    finite = np.where(np.isfinite(values), values, np.nan)  # (seeds, epochs): NaN and inf leave gaps
    for row, raw in zip(finite, values):
        ax.plot(epochs, row, color=color, lw=0.8, alpha=0.45)
        bad = ~np.isfinite(raw)
        if bad.any():  # an x at the top edge, at the first epoch whose value is NaN or inf
            ax.plot(epochs[int(np.argmax(bad))], 0.96, "x", color=color, ms=9, mew=2, transform=ax.get_xaxis_transform())
    with warnings.catch_warnings():  # an epoch where every seed is NaN leaves a gap, not a warning
        warnings.simplefilter("ignore", RuntimeWarning)
        low, high, mid = (f(finite, axis=0) for f in (np.nanmin, np.nanmax, np.nanmedian))  # (epochs,) each
    ax.fill_between(epochs, low, high, where=np.isfinite(mid), color=color, alpha=0.15, lw=0)
    ax.plot(epochs, mid, color=color, lw=2.2, label=label)


def curves_figure(groups, *, metric="loss", title="", chance=None, log=False, ylabel=None):
    """Training (left) and validation (right) `metric` per epoch for each group {label: runs}.

    Thin lines: one per seed; thick: the median over seeds; band: min..max over seeds; x (at the top edge):
    the first epoch where a run's value is not finite (NaN or inf). chance: an optional (value, label) drawn as a dotted line.
    """
    if not groups:
        raise ValueError("groups must be a dict label -> list of runs, got an empty dict")
    fig = Figure(figsize=(10, 3.4), layout="constrained")
    axes = fig.subplots(1, 2, sharey=True)
    for ax, key, part in ((axes[0], metric, "training"), (axes[1], f"val_{metric}", "validation")):
        for k, (label, runs) in enumerate(groups.items()):
            _draw(ax, runs, key, COLORS[k % len(COLORS)], label)
        if chance is not None:
            ax.axhline(chance[0], color="grey", ls=":", lw=1.2, label=chance[1])
        if log:
            ax.set_yscale("log")
        ax.set_xlabel(say("plot.training.epoch"))
        ax.set_title(say("plot.experiments.training" if part == "training" else "plot.experiments.validation", metric=metric))
    axes[0].set_ylabel(ylabel or metric)
    axes[1].legend(loc="best")
    if title:
        fig.suptitle(title)
    return fig


def horizon_figure(panels, *, lag=None, title=None):
    """One panel per label in `panels` {label: array (seeds, layers, timesteps)}: each layer's sensitivity to x_t
    against the lag T-1-t, divided by that layer's largest value; median over seeds, band min..max."""
    if not panels:
        raise ValueError("panels must be a dict label -> array (seeds, layers, timesteps), got an empty dict")
    fig = Figure(figsize=(5 * len(panels), 3.4), layout="constrained")
    axes = np.atleast_1d(fig.subplots(1, len(panels), sharey=True))
    for ax, (label, values) in zip(axes, panels.items()):
        values = np.asarray(values, dtype=float)  # (seeds, layers, timesteps)
        if values.ndim != 3:
            raise ValueError(f"{label}: expected an array (seeds, layers, timesteps), got shape {values.shape}")
        relative = values / values.max(axis=2, keepdims=True)  # (seeds, layers, timesteps)
        lags = np.arange(values.shape[2])[::-1]  # (timesteps,): lag of x_t is T-1-t
        for layer in range(values.shape[1]):
            color = COLORS[layer % len(COLORS)]
            ax.fill_between(lags, relative[:, layer].min(axis=0), relative[:, layer].max(axis=0), color=color, alpha=0.15, lw=0)
            ax.plot(lags, np.median(relative[:, layer], axis=0), "o-", ms=3, color=color, label=say("plot.stack.layer", n=layer + 1))
        if lag is not None:
            ax.axvline(lag, color="grey", ls=":", lw=1.2, label=say("plot.experiments.lag_line", lag=lag))
        ax.set_xlabel(say("plot.experiments.lag"))
        ax.set_title(label)
    axes[0].set_ylabel(say("plot.experiments.sensitivity"))
    axes[-1].legend()
    fig.suptitle(say("plot.experiments.horizon_title") if title is None else title)
    return fig


def magnitude_figure(lines, *, title="", ylabel=None):
    """One line per label {label: values per time step (timesteps,)}, log scale; inf drawn as a gap."""
    if not lines:
        raise ValueError("lines must be a dict label -> values per time step, got an empty dict")
    fig = Figure(figsize=(6, 3.4), layout="constrained")
    ax = fig.subplots()
    for k, (label, values) in enumerate(lines.items()):
        values = np.asarray(values, dtype=float)  # (timesteps,)
        shown = np.where(np.isfinite(values) & (values > 0), values, np.nan)  # (timesteps,)
        ax.plot(np.arange(1, len(values) + 1), shown, "o-", ms=3, color=COLORS[k % len(COLORS)], label=label)
    ax.set_yscale("log")
    ax.set_xlabel(say("explore.compare.fig_t"))
    ax.set_ylabel(say("plot.experiments.largest_h") if ylabel is None else ylabel)
    ax.set_title(title)
    ax.legend()
    return fig
