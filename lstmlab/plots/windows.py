"""One sliding window drawn on its series: which rows form sample j's input, which cell is its target."""
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..data.windows import as_series, make_windows
from ..reference.validate import check_positive_int
from .fonts import say

INPUT, TARGET, PLAIN = "#bee3f8", "#fbd38d", "#ffffff"


def window_cells(n_rows, timesteps, sample, target_column, features):
    """{(row, column): role} for sample `sample`: 'input' for its timesteps rows, 'target' for its target cell."""
    roles = {(r, c): "input" for r in range(sample, sample + timesteps) for c in range(features)}
    roles[(sample + timesteps, target_column % features)] = "target"
    return roles


def windows_figure(series, timesteps, *, sample=0, target_column=-1, columns=None, max_rows=12):
    """Draw the series as a table (time down, features across) with sample `sample`'s window and target shaded."""
    series = as_series(series)  # (N, features)
    x, y = make_windows(series, timesteps, target_column)  # (samples, timesteps, features), (samples,)
    sample = check_positive_int(sample + 1, "sample + 1") - 1
    if sample >= len(x):
        raise ValueError(f"sample must be < {len(x)} (the number of windows), got {sample}")
    n, features = series.shape
    columns = list(columns) if columns is not None else [f"f{k}" for k in range(features)]
    if len(columns) != features:
        raise ValueError(f"columns names {len(columns)} features, the series has {features}")
    rows = min(n, max(max_rows, sample + timesteps + 1))
    roles = window_cells(n, timesteps, sample, target_column, features)
    fig = Figure(figsize=(1.2 + 0.9 * features + 3.2, 0.6 + 0.32 * (rows + 1)), dpi=80)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-1.4, features + 3.4)
    ax.set_ylim(rows + 0.2, -1.2)
    ax.axis("off")
    for c, name in enumerate(columns):
        ax.text(c + 0.5, -0.5, name, ha="center", va="center", fontweight="bold", fontsize=9)
    for r in range(rows):
        ax.text(-0.2, r + 0.5, f"t={r}", ha="right", va="center", fontsize=8, color="#4a5568")
        for c in range(features):
            role = roles.get((r, c))
            color = {"input": INPUT, "target": TARGET}.get(role, PLAIN)
            ax.add_patch(Rectangle((c, r), 1, 1, facecolor=color, edgecolor="#a0aec0", lw=0.6, gid=role))
            ax.text(c + 0.5, r + 0.5, f"{series[r, c]:g}", ha="center", va="center", fontsize=8)
    ax.text(features + 0.3, sample + timesteps / 2, say("plot.windows.sample", j=sample, shape=tuple(x[sample].shape)),
            va="center", fontsize=9, color="#2b6cb0")
    ax.text(features + 0.3, sample + timesteps + 0.5, f"y[{sample}] = {y[sample]:g}", va="center", fontsize=9, color="#c05621")
    ax.set_title(f"make_windows(series, timesteps={timesteps}): X {tuple(x.shape)}, y {tuple(y.shape)}", fontsize=10)
    return fig
