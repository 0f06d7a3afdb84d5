"""Forecasting figures: a series split by time, scaling with and without leakage, forecasts on the test part, error by horizon."""
import numpy as np
from matplotlib.figure import Figure

from .fonts import say

PARTS = (("plot.forecast.train", "tab:blue"), ("plot.forecast.validation", "tab:orange"), ("plot.forecast.test", "tab:green"))


def _check_lengths(dates, values, what="values"):
    if len(dates) != len(values):
        raise ValueError(f"dates and {what} must have the same length, got {len(dates)} and {len(values)}")


def split_figure(dates, values, sizes, *, title="", ylabel=""):
    """The series, each part (train, validation, test) in its own colour; sizes = (n_train, n_val, n_test)."""
    _check_lengths(dates, values)
    if sum(sizes) != len(values):
        raise ValueError(f"the parts' sizes {tuple(sizes)} add up to {sum(sizes)}, not the series length {len(values)}")
    fig = Figure(figsize=(10, 3.2), layout="constrained")
    ax = fig.subplots()
    start = 0
    for (name, color), size in zip(PARTS, sizes):
        ax.plot(dates[start:start + size], values[start:start + size], color=color, lw=1.2, label=say(name, size=size))
        start += size
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.legend()
    return fig


def leakage_figure(dates, clean, leaky, n_train):
    """The same series scaled two ways; the band is the range the training part covers after train-only scaling."""
    _check_lengths(dates, clean, "clean")
    _check_lengths(dates, leaky, "leaky")
    fig = Figure(figsize=(10, 3.2), layout="constrained")
    ax = fig.subplots()
    low, high = np.min(clean[:n_train]), np.max(clean[:n_train])
    ax.axhspan(low, high, color="tab:blue", alpha=0.08, label=say("plot.forecast.band"))
    ax.plot(dates, clean, color="tab:blue", lw=1.2, label=say("plot.forecast.clean"))
    ax.plot(dates, leaky, color="tab:red", lw=1.2, ls="--", label=say("plot.forecast.leaky"))
    ax.axvline(dates[n_train], color="grey", lw=1, ls=":")
    ax.set_ylabel(say("plot.forecast.scaled"))
    ax.set_title(say("plot.forecast.leakage_title"))
    ax.legend(loc="upper left")
    return fig


def forecast_figure(dates, truth, forecasts, *, title=None, ylabel=""):
    """The test part's true values (thick) and each model's forecasts {name: values}."""
    _check_lengths(dates, truth, "truth")
    fig = Figure(figsize=(10, 3.6), layout="constrained")
    ax = fig.subplots()
    ax.plot(dates, truth, color="black", lw=2.5, alpha=0.4, label=say("plot.forecast.observed"))
    for name, values in forecasts.items():
        _check_lengths(dates, values, name)
        ax.plot(dates, values, lw=1.1, label=name)
    ax.set_title(say("plot.forecast.title") if title is None else title)
    ax.set_ylabel(ylabel)
    ax.legend(ncol=2)
    return fig


def horizon_error_figure(errors, *, title=None, ylabel="MAE"):
    """One line per model {name: MAE per step ahead (horizon,)}."""
    if not errors:
        raise ValueError("errors must be a dict name -> MAE per step ahead, got an empty dict")
    fig = Figure(figsize=(7, 3.6), layout="constrained")
    ax = fig.subplots()
    for name, values in errors.items():
        values = np.asarray(values, dtype=float)  # (horizon,)
        ax.plot(np.arange(1, len(values) + 1), values, "o-", ms=3, label=name)
    ax.set_xlabel(say("plot.forecast.steps_ahead"))
    ax.set_ylabel(ylabel)
    ax.set_title(say("plot.forecast.horizon_title") if title is None else title)
    ax.legend()
    return fig
