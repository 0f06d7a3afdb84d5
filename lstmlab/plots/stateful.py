"""Stateful batches side by side: sample i's final state in batch k becomes sample i's initial state in batch k+1."""
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from ..data.stateful import stateful_layout, stateful_links, summarize

COLORS = ("#3182ce", "#dd6b20", "#38a169", "#805ad5", "#d53f8c", "#319795", "#d69e2e", "#718096")
BOX_W, BOX_H, GAP = 1.6, 0.6, 1.2


def _label(series, chunk, timesteps):
    if timesteps is None:
        return f"series {series}\nchunk {chunk}"
    return f"series {series}\nt {chunk * timesteps}..{(chunk + 1) * timesteps - 1}"


def stateful_flow_figure(batch, n_batches, *, reset_between=False, shuffled=False, timesteps=None, seed=0, layout=None):
    """Draw n_batches stateful batches of `batch` rows and every state hand-over between them; returns a Figure.

    layout (optional): the first n_batches rows of a stateful_layout(...) to draw instead of a fresh one.
    """
    if layout is None:
        layout = stateful_layout(batch, n_batches, shuffled=shuffled, seed=seed)
    elif len(layout) != n_batches or any(len(rows) != batch for rows in layout):
        raise ValueError(f"layout must be {n_batches} batches of {batch} rows, got {[len(r) for r in layout]}")
    links = stateful_links(layout, reset_between=reset_between)
    fig = Figure(figsize=(1.0 + 2.9 * n_batches, 1.3 + 0.85 * batch), dpi=80)
    ax = fig.add_axes((0, 0, 1, 0.9))
    ax.set_xlim(-0.9, n_batches * (BOX_W + GAP) - GAP + 0.3)
    ax.set_ylim(batch - 0.4, -0.9)
    ax.axis("off")
    x_of = lambda k: k * (BOX_W + GAP)
    for k, rows in enumerate(layout):
        ax.text(x_of(k) + BOX_W / 2, -0.65, f"batch {k + 1}", ha="center", fontsize=9, fontweight="bold")
        for i, (series, chunk) in enumerate(rows):
            ax.add_patch(FancyBboxPatch((x_of(k), i - BOX_H / 2), BOX_W, BOX_H, boxstyle="round,pad=0.02",
                                        facecolor=COLORS[series % len(COLORS)], edgecolor="#2d3748", alpha=0.85))
            ax.text(x_of(k) + BOX_W / 2, i, _label(series, chunk, timesteps), ha="center", va="center", fontsize=7,
                    color="white")
            if k == 0:
                ax.text(x_of(0) - 0.12, i, f"row {i}", ha="right", va="center", fontsize=7)
    for link in links:
        start, end = (x_of(link.batch) + BOX_W, link.row), (x_of(link.batch + 1), link.row)
        if not link.carried:  # reset_states(): the arrow is cut, the next batch starts from zeros
            mid = (start[0] + end[0]) / 2
            ax.plot([start[0], mid - 0.12], [link.row, link.row], color="#a0aec0", lw=1.2, ls="--")
            ax.text(mid, link.row, "x", ha="center", va="center", fontsize=11, color="#e53e3e", fontweight="bold")
            ax.text(mid, link.row + 0.3, "zeros", ha="center", fontsize=6, color="#4a5568")
            continue
        color, style = ("#2f855a", "-") if link.ok else ("#e53e3e", "--")
        ax.annotate("", xy=end, xytext=start, arrowprops=dict(arrowstyle="-|>", color=color, lw=1.4, ls=style))
        if not link.ok:
            ax.text((start[0] + end[0]) / 2, link.row - 0.18,
                    f"series {link.from_series}.{link.from_chunk} -> {link.to_series}.{link.to_chunk}",
                    ha="center", fontsize=6, color="#e53e3e")
    title = "stateful=True, " + ("reset_states() between batches" if reset_between else "no reset") + \
        (", shuffled batches" if shuffled else ", batches in order")
    fig.suptitle(f"{title}\n{summarize(links) if links else 'one batch: nothing is handed over'}", fontsize=8.5)
    return fig
