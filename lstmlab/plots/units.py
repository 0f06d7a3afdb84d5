"""Units vs cell, drawn from real numbers: one cell reused at every time step; h and c each hold `units` numbers.

Labels are Chinese where a CJK font is installed (see fonts.py), else English with a one-line note.
"""
import numpy as np
from matplotlib import colormaps
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, Rectangle

from ..reference.cell import lstm_step
from . import fonts

CELL = "#2b6cb0"
SQUARE = 0.36


def unit_cell_trace(x, kernel, recurrent_kernel, bias):
    """Run one sample `x` (timesteps, features) through lstm_step; return (h, c), each (timesteps, units)."""
    x = np.asarray(x, dtype=float)
    if x.ndim != 2:
        raise ValueError(f"x must be one sample, (timesteps, features); got shape {x.shape}")
    units = np.shape(recurrent_kernel)[0]
    h, c = np.zeros((1, units)), np.zeros((1, units))
    hs, cs = [], []
    for t in range(x.shape[0]):
        h, c = lstm_step(x[t:t + 1], h, c, kernel, recurrent_kernel, bias)  # (1, units) each
        hs.append(h[0])
        cs.append(c[0])
    return np.array(hs), np.array(cs)


def _column(ax, x0, y0, values, cmap, style):
    """A vertical stack of squares, one per unit, coloured and printed with its value."""
    for j, value in enumerate(values):
        y = y0 + j * SQUARE
        ax.add_patch(Rectangle((x0, y), SQUARE, SQUARE, facecolor=cmap(0.5 + 0.5 * float(np.clip(value, -1, 1))),
                               edgecolor="#2d3748", linewidth=0.6))
        ax.text(x0 + SQUARE / 2, y + SQUARE / 2, f"{value:.2f}", ha="center", va="center", fontsize=5.5, **style)


def unit_cell_figure(x, kernel, recurrent_kernel, bias, *, max_timesteps=4):
    """Draw one sample's first time steps: the same cell at each step, and the `units` numbers of h_t and c_t.

    x: one sample, (timesteps, features); the weights in Keras's layout (gates i, f, c, o). Returns a Figure.
    """
    english = fonts.note_if_english()
    label, style = fonts.label, fonts.text_style()
    h, c = unit_cell_trace(x, kernel, recurrent_kernel, bias)
    timesteps, units = h.shape
    features = np.shape(x)[1]
    shown = min(timesteps, max(1, int(max_timesteps)))
    cmap = colormaps["RdBu_r"]
    step_w = 2.4
    top = 1.9 + units * SQUARE
    fig = Figure(figsize=(1.4 + 2.1 * shown, 1.9 + 0.3 * units), dpi=90)
    ax = fig.add_axes((0.01, 0.01, 0.98, 0.8))
    ax.set_xlim(-0.9, shown * step_w - 0.2)
    ax.set_ylim(-0.6, top + 0.25)
    ax.axis("off")
    for t in range(shown):
        x0 = t * step_w
        ax.add_patch(FancyBboxPatch((x0, 0.55), 1.6, 0.9, boxstyle="round,pad=0.03,rounding_size=0.12",
                                    facecolor=CELL, edgecolor="#1a365d"))
        ax.text(x0 + 0.8, 1.0, label("同一个 LSTM cell\n（同一组权重）", "the same LSTM cell\n(same weights)"),
                ha="center", va="center", fontsize=7, color="white", **style)
        ax.text(x0 + 0.8, -0.1, label(f"时间步 t={t + 1}\n输入 x_t：{features} 个特征",  # t counts from 1 (glossary)
                                      f"time step t={t + 1}\nx_t: {features} features"),
                ha="center", va="center", fontsize=7, **style)
        ax.annotate("", xy=(x0 + 0.8, 0.55), xytext=(x0 + 0.8, 0.2), arrowprops=dict(arrowstyle="-|>", lw=1))
        _column(ax, x0 + 0.35, 1.7, h[t], cmap, style)
        _column(ax, x0 + 0.95, 1.7, c[t], cmap, style)
        ax.text(x0 + 0.35 + SQUARE / 2, top - 0.05, "h", ha="center", fontsize=8, fontweight="bold")
        ax.text(x0 + 0.95 + SQUARE / 2, top - 0.05, "c", ha="center", fontsize=8, fontweight="bold")
        if t + 1 < shown:
            ax.annotate("", xy=(x0 + step_w, 1.0), xytext=(x0 + 1.6, 1.0), arrowprops=dict(arrowstyle="-|>", lw=1.2))
            ax.text(x0 + 1.6 + (step_w - 1.6) / 2, 1.12, "h, c", ha="center", fontsize=7)
    ax.text(-0.85, 1.7 + units * SQUARE / 2, label(f"units={units}：\nh 和 c\n各有 {units} 个数",
                                                   f"units={units}:\nh and c\nhold {units}\nnumbers each"),
            ha="left", va="center", fontsize=7, color="#4a5568", **style)
    more = "" if shown == timesteps else label(f"（共 {timesteps} 步，只画前 {shown} 步）",
                                               f" (first {shown} of {timesteps} steps)")
    title = label(f"units = h（和 c）的长度 = {units}；cell = 每个时间步都重复使用的同一个计算；"
                  f"时间步数 {timesteps} 来自数据{more}\nh = 隐状态（这一步的输出），c = 记忆元；颜色和数字是算出来的真实值",
                  f"units = the length of h (and c) = {units}; the cell = one computation reused at every step; "
                  f"the {timesteps} time steps come from the data{more}\n"
                  "h = hidden state (this step's output), c = cell state; colours and numbers are the computed values")
    fig.suptitle(title, fontsize=8, wrap=True, **style)
    return fig
