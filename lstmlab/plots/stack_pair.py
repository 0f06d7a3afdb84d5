"""A working stack beside a broken one: without return_sequences=True, layer 1 hands layer 2 a single h."""
from ..reference.validate import fmt_shape
from ..shapes.specs import LSTM
from ..shapes.stack import Stack
from .stack import BOX_H, BOX_W, EMIT, GREY, LEGEND, QUIET, _Arrows, _box

BROKEN = "#c53030"


def _panel(ax, title, timesteps, features, units, return_sequences):
    """One stack LSTM(units[0], return_sequences) -> LSTM(units[1]) drawn as a layers x timesteps grid."""
    xs = list(range(timesteps))
    first = Stack((timesteps, features), [LSTM(units[0], return_sequences=return_sequences)])
    ax.set_xlim(-2.1, timesteps + 1.9)
    ax.set_ylim(-0.9, 3.9)
    ax.axis("off")
    ax.text((timesteps - 1) / 2, 3.65, title, ha="center", va="center", fontsize=9, fontweight="bold",
            color="#2d3748" if return_sequences else BROKEN)
    arrow = _Arrows()
    for x in xs:  # the input x_1 .. x_T, each going up into layer 1's cell at its step
        _box(ax, x, 0, "#edf2f7")
        ax.text(x, -0.55, f"x at t={x + 1}", ha="center", va="center", fontsize=7, color=GREY)
        arrow(ax, (x, BOX_H / 2), (x, 1 - BOX_H / 2), color=EMIT)
        emits = return_sequences or x == xs[-1]
        _box(ax, x, 1, EMIT if emits else QUIET)
        if x:
            arrow(ax, (x - 1 + BOX_W / 2, 1), (x - BOX_W / 2, 1))
    ax.text(-0.6, 0, f"input\n{fmt_shape((None, timesteps, features))}", ha="right", va="center", fontsize=8)
    ax.text(-0.6, 1, f"layer 1\nLSTM({units[0]})", ha="right", va="center", fontsize=8)
    ax.text(-0.6, 2, f"layer 2\nLSTM({units[1]})", ha="right", va="center", fontsize=8)
    ax.text(xs[-1] + 0.55, 1, fmt_shape(first.output_shape), ha="left", va="center", fontsize=8)
    if return_sequences:  # every h_t goes up: layer 2 runs over the whole sequence and returns its last h
        second = Stack((timesteps, features), [LSTM(units[0], return_sequences=True), LSTM(units[1])])
        for x in xs:
            arrow(ax, (x, 1 + BOX_H / 2), (x, 2 - BOX_H / 2), color=EMIT)
            _box(ax, x, 2, EMIT if x == xs[-1] else QUIET)
            if x:
                arrow(ax, (x - 1 + BOX_W / 2, 2), (x - BOX_W / 2, 2))
        arrow(ax, (xs[-1], 2 + BOX_H / 2), (xs[-1], 2.75), color=EMIT)
        ax.text(xs[-1] + 0.55, 2, fmt_shape(second.output_shape), ha="left", va="center", fontsize=8)
        ax.text(xs[-1] + 0.15, 2.95, "output", ha="center", va="bottom", fontsize=8)
    else:  # one h arrives: no time axis left for layer 2 to run over
        arrow(ax, (xs[-1], 1 + BOX_H / 2), (xs[-1], 2 - BOX_H / 2), color=EMIT)
        for x in xs:
            _box(ax, x, 2, "white")
        ax.text((xs[0] + xs[-1]) / 2, 2, "no sequence to run over", ha="center", va="center", fontsize=8,
                color=BROKEN, fontweight="bold", bbox=dict(facecolor="white", edgecolor=BROKEN, boxstyle="round"))
        ax.text((timesteps - 1) / 2, 2.75, f"layer 2 needs 3-D input (batch, timesteps, features)\n"
                f"but receives {fmt_shape(first.output_shape)}: one h per sample", ha="center", va="center",
                fontsize=8, color=BROKEN)
    arrow.draw(ax)


def stack_pair_figure(timesteps=5, features=2, units=(64, 32)):
    """Draw LSTM -> LSTM with and without return_sequences=True on layer 1, side by side; returns a Figure."""
    from matplotlib.figure import Figure
    timesteps, features = int(timesteps), int(features)
    if timesteps < 2 or timesteps > 8 or features < 1 or len(units) != 2:
        raise ValueError(f"stack_pair_figure needs 2 <= timesteps <= 8, features >= 1 and two unit counts; "
                         f"got timesteps={timesteps}, features={features}, units={units}")
    fig = Figure(figsize=(2 * (timesteps + 4) * 0.62, 3.6), dpi=80)
    left, right = fig.add_axes((0, 0.08, 0.5, 0.92)), fig.add_axes((0.5, 0.08, 0.5, 0.92))
    _panel(left, f"works: LSTM({units[0]}, return_sequences=True) -> LSTM({units[1]})", timesteps, features, units, True)
    _panel(right, f"breaks: LSTM({units[0]}) -> LSTM({units[1]})", timesteps, features, units, False)
    fig.text(0.5, 0.03, f"{LEGEND['emit']}    {LEGEND['quiet']}", ha="center", va="center", fontsize=7, color=GREY)
    return fig
