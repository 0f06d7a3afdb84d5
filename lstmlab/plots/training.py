"""Training figures: loss curves side by side, gradient norms through time and depth, dropout masks."""
import numpy as np
from matplotlib.figure import Figure

from .fonts import say

GATES = ("i", "f", "c", "o")


def loss_curves_figure(curves, *, title=None):
    """One line per label in `curves` (dict label -> loss per epoch); dashed lines for every label after the first."""
    if not curves:
        raise ValueError("curves must be a dict label -> list of losses, got an empty dict")
    fig = Figure(figsize=(6, 3.4), layout="constrained")
    ax = fig.subplots()
    for k, (label, losses) in enumerate(curves.items()):
        ax.plot(np.arange(1, len(losses) + 1), losses, "--" if k else "-", lw=2 if k else 4, alpha=1 if k else 0.5, label=label)
    ax.set_yscale("log")
    ax.set_xlabel(say("plot.training.epoch"))
    ax.set_ylabel(say("plot.training.loss"))
    ax.set_title(say("plot.training.title") if title is None else title)
    ax.legend()
    return fig


def gradient_flow_figure(through_time, through_depth):
    """Left: ||dL/dx_t|| / ||dL/dx_T|| against steps back from the loss; right: per-layer ||dL/dkernel||."""
    fig = Figure(figsize=(10, 3.6), layout="constrained")
    left, right = fig.subplots(1, 2)
    for label, norms in through_time.items():
        norms = np.asarray(norms, dtype=float)  # (timesteps,)
        left.plot(np.arange(len(norms))[::-1], norms / norms[-1], label=label)
    left.set_yscale("log")
    left.set_xlabel(say("plot.training.steps_back"))
    left.set_ylabel(say("plot.training.dx"))
    left.set_title(say("plot.training.through_time"))
    left.legend()
    for label, norms in through_depth.items():
        norms = np.asarray(norms, dtype=float)  # (depth,)
        right.plot(np.arange(1, len(norms) + 1), norms / norms[-1], "o-", label=label)
    right.set_yscale("log")
    right.set_xlabel(say("plot.training.layer"))
    right.set_ylabel(say("plot.training.dkernel"))
    right.set_title(say("plot.training.through_depth"))
    right.legend()
    return fig


def dropout_masks_figure(masks, *, sample=0):
    """Heatmaps of one sample's masks: a row per gate, input-mask columns (features) then recurrent (units)."""
    fig = Figure(figsize=(8, 2.8), layout="constrained")
    left, right = fig.subplots(1, 2, width_ratios=[1, 2])
    for ax, key, what in ((left, "input", say("plot.training.dropout")), (right, "recurrent", say("plot.training.recurrent_dropout"))):
        kind = masks.get(key)
        if kind is None:
            ax.set_axis_off()
            ax.set_title(f"{what}\n{say('plot.training.rate_zero')}", fontsize=10)
            continue
        rows = [np.asarray(m)[sample] for m in (kind if isinstance(kind, (list, tuple)) else [kind])]  # each (width,)
        grid = np.stack(rows)  # (1 or 4, width)
        ax.imshow(grid > 0, cmap="Greys_r", vmin=0, vmax=1, aspect="auto")
        ax.set_yticks(range(len(rows)), [say("plot.gate", gate=g) for g in GATES] if len(rows) == 4 else [say("plot.training.all_gates")])
        ax.set_xticks(range(grid.shape[1]))
        ax.set_title(f"{what}\n{say('plot.training.black')}", fontsize=10)
    return fig
