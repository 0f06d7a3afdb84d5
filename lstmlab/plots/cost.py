"""Cost figures: measured seconds beside the FLOP formula, BPTT memory and time beside flat parameter counts."""
import numpy as np
from matplotlib.figure import Figure

from .fonts import say


def sweep_figure(sweeps, *, train=False):
    """One panel per swept size (dict name -> rows from lstmlab.cost.sweep): ms measured, FLOPs on a second axis."""
    fig = Figure(figsize=(3.2 * len(sweeps), 3.3), layout="constrained")
    axes = np.atleast_1d(fig.subplots(1, len(sweeps)))
    for ax, (name, rows) in zip(axes, sweeps.items()):
        values = [r["value"] for r in rows]
        ax.plot(values, [1000 * r["keras_s"] for r in rows], "o-", label=say("plot.cost.keras_train" if train else "plot.cost.keras_forward"))
        if all("numpy_s" in r for r in rows):
            ax.plot(values, [1000 * r["numpy_s"] for r in rows], "s-", label=say("plot.cost.numpy_forward"))
        ax.set_ylim(bottom=0)
        ax.set_xlabel(name)
        ax.set_ylabel(say("plot.cost.ms", unit="ms"))
        flops = ax.twinx()
        flops.plot(values, [r["flops"] / 1e6 for r in rows], ":", color="grey", label=say("plot.cost.formula"))
        flops.set_ylim(bottom=0)
        flops.set_ylabel(say("plot.cost.mflops"), color="grey")
        ax.set_title(say("plot.cost.versus", name=name))
    axes[0].legend(loc="upper left")
    return fig


def memory_figure(timesteps, bptt_bytes, params):
    """Left: parameters against timesteps (flat); right: peak bytes of one NumPy BPTT step (grows)."""
    fig = Figure(figsize=(9, 3.2), layout="constrained")
    left, right = fig.subplots(1, 2)
    left.plot(timesteps, params, "o-")
    left.set_ylim(0, max(params) * 1.3)
    left.set_xlabel("timesteps")
    left.set_ylabel(say("plot.cost.parameters"))
    left.set_title(say("plot.cost.params_flat"))
    right.plot(timesteps, [b / 1e6 for b in bptt_bytes], "o-", color="C3")
    right.set_ylim(bottom=0)
    right.set_xlabel("timesteps")
    right.set_ylabel(say("plot.cost.peak"))
    right.set_title(say("plot.cost.memory"))
    return fig


def bars_figure(seconds, *, title, unit="ms"):
    """Horizontal bars, one per label (dict label -> seconds), with the value printed."""
    fig = Figure(figsize=(6, 0.5 + 0.45 * len(seconds)), layout="constrained")
    ax = fig.subplots()
    labels, values = list(seconds), [1000 * s for s in seconds.values()]
    ax.barh(labels, values, color=[f"C{k}" for k in range(len(labels))])
    for y, v in enumerate(values):
        ax.text(v, y, f" {v:.2f} {unit}", va="center", fontsize=10)
    ax.invert_yaxis()
    ax.set_xlim(0, max(values) * 1.3)
    ax.set_xlabel(say("plot.cost.ms", unit=unit))
    ax.set_title(title)
    return fig


def params_time_figure(timesteps, params, seconds):
    """Panel 1: parameter counts per timesteps; then one panel per label -> seconds list in the dict `seconds`."""
    timesteps, params = list(timesteps), list(params)
    if len(params) != len(timesteps) or any(len(v) != len(timesteps) for v in seconds.values()):
        raise ValueError(f"params and every series in seconds need one value per timesteps value ({len(timesteps)})")
    fig = Figure(figsize=(3.3 * (1 + len(seconds)), 3.2), layout="constrained")
    axes = fig.subplots(1, 1 + len(seconds), squeeze=False)[0]
    axes[0].plot(timesteps, params, "o-")
    axes[0].set_ylim(0, max(params) * 1.3)
    axes[0].set_ylabel(say("plot.cost.parameters"))
    axes[0].set_title(say("plot.cost.params_same"), fontsize=10)
    for ax, (label, values) in zip(axes[1:], seconds.items()):
        ax.plot(timesteps, [1000 * s for s in values], "o-", color="tab:orange")
        ax.set_ylim(bottom=0)
        ax.set_ylabel(say("plot.cost.ms_forward"))
        ax.set_title(say("plot.cost.time", label=label), fontsize=10)
    for ax in axes:
        ax.set_xlabel("timesteps")
    return fig
