"""Keras's LSTM weight layout drawn: kernel, recurrent_kernel and bias, each four column blocks i, f, c, o."""
import numpy as np
from matplotlib.figure import Figure

from ..reference.weights import LSTM_GATES, check_recurrent_weights
from .fonts import say


def weight_blocks_figure(kernel, recurrent_kernel, bias):
    """Heatmaps of kernel (features, 4*units), recurrent_kernel (units, 4*units), bias (4*units,) with gate blocks marked."""
    kernel, recurrent_kernel, bias, units = check_recurrent_weights(kernel, recurrent_kernel, bias)
    bias = np.zeros(4 * units) if bias is None else bias  # (4*units,)
    panels = [(say("plot.weights.kernel"), kernel),
              (say("plot.weights.recurrent"), recurrent_kernel),
              (say("plot.weights.bias"), bias[None, :])]  # each (rows, 4*units)
    bound = max(float(np.abs(w).max()) for _, w in panels) or 1.0
    heights = [w.shape[0] for _, w in panels]
    fig = Figure(figsize=(max(6.0, 0.35 * 4 * units + 2), 1.2 + 0.3 * sum(heights) + 1.2), layout="constrained")
    axes = fig.subplots(3, 1, gridspec_kw={"height_ratios": heights}, sharex=True)
    for k, (ax, (title, w)) in enumerate(zip(axes, panels)):
        im = ax.imshow(w, cmap="RdBu_r", vmin=-bound, vmax=bound, aspect="auto", interpolation="nearest")
        ax.set_title(title, fontsize=10, loc="left", pad=22 if k == 0 else 4)
        ax.set_yticks(range(w.shape[0]), [str(r) for r in range(w.shape[0])] if w.shape[0] > 1 else [""], fontsize=10)
        for g in range(1, 4):
            ax.axvline(g * units - 0.5, color="black", lw=2)
    top = axes[0].secondary_xaxis("top")
    top.set_xticks([g * units + (units - 1) / 2 for g in range(4)], [say("plot.gate", gate=g) for g in LSTM_GATES])
    axes[-1].set_xticks(range(4 * units), [str(j % units) for j in range(4 * units)], fontsize=10)
    axes[-1].set_xlabel(say("plot.weights.column"))
    fig.colorbar(im, ax=list(axes), shrink=0.8)
    return fig
