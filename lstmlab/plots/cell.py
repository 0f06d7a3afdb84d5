"""One LSTM cell through time: a heatmap per gate (i, f, c~, o) and per state (c, h), steps across, units down."""
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..reference.validate import fmt_shape
from .fonts import phrase

PANELS = (  # key, title (a lstmlab/messages key), colour map, fixed value range (None: symmetric around 0 from the data)
    ("i", "explore.cell.fig_i", "viridis", (0.0, 1.0)),
    ("f", "explore.cell.fig_f", "viridis", (0.0, 1.0)),
    ("c_tilde", "explore.cell.fig_c_tilde", "RdBu_r", (-1.0, 1.0)),
    ("o", "explore.cell.fig_o", "viridis", (0.0, 1.0)),
    ("c", "explore.cell.fig_c", "RdBu_r", (-2.0, 2.0)),  # fixed, so inputs compare (beyond: saturated)
    ("h", "explore.cell.fig_h", "RdBu_r", (-1.0, 1.0)),
)


def check_trace(trace):
    """Return the trace's arrays as (timesteps, units) float arrays, or raise naming what is missing or wrong."""
    if not isinstance(trace, dict):
        raise TypeError(f"trace must be a dict with keys i, f, c_tilde, o, c, h, got {type(trace).__name__}")
    missing = [key for key, *_ in PANELS if key not in trace]
    if missing:
        raise ValueError(f"trace is missing {', '.join(missing)}; expected keys i, f, c_tilde, o, c, h "
                         "(lstmlab.explore.cell_core.cell_trace returns them)")
    arrays = {}
    for key, *_ in PANELS:
        a = np.asarray(trace[key], dtype=float)
        a = a[:, None] if a.ndim == 1 else a  # (timesteps, units)
        if a.ndim != 2:
            raise ValueError(f"trace[{key!r}] must be (timesteps, units), got shape {fmt_shape(a.shape)}")
        arrays[key] = a
    shapes = {a.shape for a in arrays.values()}
    if len(shapes) != 1:
        raise ValueError("every array of the trace must have the same (timesteps, units) shape, got "
                         + ", ".join(f"{k} {fmt_shape(a.shape)}" for k, a in arrays.items()))
    return arrays


def gate_trace_figure(trace, *, titles=None, words=None, text_style=None):
    """Heatmaps of i, f, c~, o, c, h over steps (x) and units (y), values written in when small; returns a Figure.

    titles ({key: title}), words ({"t": ..., "unit": "unit {u}"}), text_style: the labels in another language.
    """
    arrays = check_trace(trace)
    titles = {**{key: phrase(title) for key, title, *_ in PANELS}, **(titles or {})}
    words = {"t": phrase("explore.compare.fig_t"), "unit": phrase("explore.compare.fig_unit"), **(words or {})}
    style = text_style or {}
    timesteps, units = arrays["i"].shape
    annotate = timesteps * units <= 96
    fig = Figure(figsize=(min(3.6 + 0.62 * timesteps, 14), 1.4 + 3 * (0.6 + 0.3 * units)), dpi=80,
                 layout="constrained")
    axes = fig.subplots(3, 2, sharex=True, squeeze=False)
    for ax, (key, title, cmap, vrange) in zip(axes.flat, PANELS):
        values = arrays[key].T  # (units, timesteps)
        if vrange is None:
            bound = max(float(np.abs(values).max()), 1e-9)
            vrange = (-bound, bound)
        im = ax.imshow(values, cmap=cmap, vmin=vrange[0], vmax=vrange[1], aspect="auto", interpolation="nearest")
        ax.set_title(titles[key], fontsize=10, loc="left", **style)
        if units <= 8:
            ax.set_yticks(range(units), [words["unit"].format(u=u) for u in range(units)], fontsize=9, **style)
        ax.set_xticks(range(timesteps), [str(t) for t in range(1, timesteps + 1)], fontsize=9)
        if annotate:
            for (u, t), v in np.ndenumerate(values):
                dark = cmap == "viridis" and v < 0.55 or cmap != "viridis" and abs(v) > 0.6 * max(abs(vrange[0]), vrange[1])
                ax.text(t, u, f"{v:.2f}", ha="center", va="center", fontsize=8.5, color="white" if dark else "black")
        fig.colorbar(im, ax=ax, shrink=0.8, pad=0.01)
    for ax in axes[-1]:
        ax.set_xlabel(words["t"], fontsize=10, **style)
    return fig


# -- a learner's lstm_step beside the reference (CellExplorer(step=...)) ---------------------------------------------
OUTLINE = "#e53e3e"
LABELS = {  # lstmlab/messages keys, drawn in the language in use; the explorer passes its own words
    "reference": "explore.compare.fig_reference", "yours": "explore.compare.fig_yours", "c": "explore.compare.fig_c",
    "h": "explore.compare.fig_h", "t": "explore.compare.fig_t", "unit": "explore.compare.fig_unit",
    "first": "explore.compare.fig_first", "diff": "explore.compare.fig_diff",
}


def compare_figure(reference, mine, first=None, labels=None, text_style=None):
    """Heatmaps of c and h (rows): the reference's, the learner's (one colour scale) and their difference (columns);
    first = (t, key) is outlined in red."""
    labels = {**{name: phrase(key) for name, key in LABELS.items()}, **(labels or {})}
    style = text_style or {}
    timesteps, units = np.asarray(reference["h"]).shape
    fig = Figure(figsize=(2.6 + 1.1 * timesteps, 1.4 + 2 * (0.6 + 0.34 * units)), dpi=96, layout="constrained")
    axes = fig.subplots(2, 3, sharex=True, squeeze=False)
    for row, key in enumerate(("c", "h")):
        ref, own = np.asarray(reference[key], float), np.asarray(mine[key], float)  # (timesteps, units) each
        bound = max(1.0, float(np.abs(ref).max()), float(np.abs(own).max()))  # one scale for both columns
        gap = max(float(np.abs(own - ref).max()), 1e-9)  # the difference on its own scale: small slips show too
        for col, (who, values, scale) in enumerate((("reference", ref, bound), ("yours", own, bound),
                                                    ("diff", own - ref, gap))):
            ax = axes[row, col]
            im = ax.imshow(values.T, cmap="RdBu_r" if col < 2 else "PuOr_r", vmin=-scale, vmax=scale, aspect="auto",
                           interpolation="nearest")
            ax.set_title(f"{labels[who]}: {labels[key]}" if col < 2 else labels[who], fontsize=10, loc="left", **style)
            ax.set_yticks(range(units), [labels["unit"].format(u=u) for u in range(units)] if col == 0 else [],
                          fontsize=9, **style)
            ax.set_xticks(range(timesteps), [str(t) for t in range(1, timesteps + 1)], fontsize=9)
            if timesteps * units <= 96:
                for (u, t), v in np.ndenumerate(values.T):
                    ax.text(t, u, f"{v:.2f}", ha="center", va="center", fontsize=9,
                            color="white" if abs(v) > 0.6 * scale else "black")
            if first is not None and first[1] == key:
                ax.add_patch(Rectangle((first[0] - 0.5, -0.5), 1, units, fill=False, edgecolor=OUTLINE, lw=2.5,
                                       label=labels["first"]))
            if col >= 1:
                fig.colorbar(im, ax=axes[row, :2].tolist() if col == 1 else ax, shrink=0.8, pad=0.01)
    for ax in axes[-1]:
        ax.set_xlabel(labels["t"], fontsize=10, **style)
    return fig
