"""The unrolled LSTM: one cell, the same weights, reused at every time step, drawn with its real numbers."""
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from .fonts import say


def fmt_vector(values, max_items=3):
    """[0.12, -0.3] with two decimals; longer vectors end in '...'."""
    values = np.asarray(values).ravel()  # (n,)
    shown = ", ".join(f"{v:.2f}" for v in values[:max_items])
    return f"[{shown}{', ...' if values.size > max_items else ''}]"


def unrolled_figure(x, trace, *, max_timesteps=6):
    """Draw one sample x (timesteps, features) through one cell; trace holds h and c, each (timesteps, units)."""
    x = np.asarray(x)  # (timesteps, features)
    h, c = np.asarray(trace["h"]), np.asarray(trace["c"])  # (timesteps, units) each
    if x.ndim != 2 or h.ndim != 2 or x.shape[0] != h.shape[0]:
        raise ValueError(f"x must be (timesteps, features) and trace['h'] (timesteps, units) with the same "
                         f"timesteps (one sample, as lstmlab.explore.cell_core.cell_trace returns); got x {x.shape}, h {h.shape}")
    steps = min(x.shape[0], max_timesteps)
    fig = Figure(figsize=(2.3 * steps + 1.2, 3.6), layout="constrained")
    ax = fig.subplots()
    ax.set_xlim(-1.35, 2.3 * steps - 0.4)
    ax.set_ylim(-1.7, 1.9)
    ax.axis("off")
    for t in range(steps):
        cx = 2.3 * t
        ax.add_patch(FancyBboxPatch((cx - 0.75, -0.45), 1.5, 0.9, boxstyle="round,pad=0.05",
                                    facecolor="#fde9c9", edgecolor="tab:orange"))
        ax.text(cx, 0.08, say("plot.unrolled.cell"), ha="center", va="center", fontsize=10, weight="bold")
        ax.text(cx, -0.22, say("plot.unrolled.same"), ha="center", va="center", fontsize=8)
        ax.annotate("", xy=(cx, -0.5), xytext=(cx, -1.05), arrowprops=dict(arrowstyle="->"))
        ax.text(cx, -1.25, f"x[{t}] = {fmt_vector(x[t])}", ha="center", va="center", fontsize=8)
        ax.annotate("", xy=(cx, 1.05), xytext=(cx, 0.5), arrowprops=dict(arrowstyle="->", color="tab:blue"))
        ax.text(cx, 1.25, f"h[{t}] = {fmt_vector(h[t])}", ha="center", va="center", fontsize=8, color="tab:blue")
        if t < steps - 1:
            ax.annotate("", xy=(cx + 1.5, 0.15), xytext=(cx + 0.8, 0.15), arrowprops=dict(arrowstyle="->", color="tab:blue"))
            ax.annotate("", xy=(cx + 1.5, -0.15), xytext=(cx + 0.8, -0.15), arrowprops=dict(arrowstyle="->", color="tab:green"))
            ax.text(cx + 1.15, 0.3, "h", ha="center", fontsize=8, color="tab:blue")
            ax.text(cx + 1.15, -0.38, "c", ha="center", fontsize=8, color="tab:green")
    ax.annotate("", xy=(-0.8, 0), xytext=(-1.1, 0), arrowprops=dict(arrowstyle="->", color="gray"))
    ax.text(-0.95, 0.15, "h0, c0", ha="center", fontsize=7, color="gray")
    more = say("plot.unrolled.more", steps=steps, n=x.shape[0]) if x.shape[0] > steps else ""
    ax.text(2.3 * (steps - 1) / 2, 1.7, say("plot.unrolled.title", more=more, c=fmt_vector(c[steps - 1])),
            ha="center", fontsize=9)
    return fig
