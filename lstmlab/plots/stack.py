"""A Stack drawn as a layers x timesteps grid: h flows right through time and up to the next layer; and a working
stack beside a broken one (no return_sequences=True on layer 1)."""
import textwrap

from ..reference.validate import fmt_shape
from ..shapes.specs import LSTM, Bidirectional, Dense, Dropout, TimeDistributed, is_recurrent
from ..shapes.stack import Stack

BOX_W, BOX_H = 0.62, 0.5
COLUMN_IN = 0.8  # inches from one drawn time step to the next (one x unit); the margins fit their own text
EMIT = "#2b6cb0"  # a cell whose output leaves the layer
QUIET = "#cbd5e0"  # a cell whose h only flows right
DENSE = "#dd6b20"
DROP = "#e2e8f0"
GREY = "#718096"
BACKWARD = "#9b2c2c"
STATEFUL = "#805ad5"
BROKEN = "#c53030"  # the broken stack's layer 2 and its explanation
HIGHLIGHT = "#d69e2e"  # the layer picked in the explorer's table: a thick gold edge round each of its boxes
LEGEND = {  # what each mark means (lstmlab/messages keys); a figure lists only the marks it draws
    "emit": "explore.stack.legend_emit",
    "quiet": "explore.stack.legend_quiet",
    "backward": "explore.stack.legend_backward",
    "backward_emit": "explore.stack.legend_backward_emit",
    "stateful": "explore.stack.legend_stateful",
    "dense": "explore.stack.legend_dense",
    "dropout": "explore.stack.legend_dropout",
}


WORDS = {  # the figure's other words (lstmlab/messages keys), in the language in use; the StackExplorer passes its own
    "input": "explore.stack.fig_input", "output": "explore.stack.fig_output", "x_at": "explore.stack.fig_x_at",
    "params": "explore.stack.fig_params", "stateful": "explore.stack.fig_stateful", "total": "plot.stack.total",
}


def _in_use(keys):
    """{name: its words} of a WORDS/LEGEND-like table of message keys, in the language figures are drawn in."""
    from .fonts import phrase  # matplotlib's font manager: not on import (the explorers' cores stay light)
    return {name: phrase(key) for name, key in keys.items()}


def layer_label(row, spec):
    """How the table and the diagram name a layer: 'lstm_1 (LSTM)', 'bidirectional (Bidirectional(GRU))'."""
    kind = f"{spec.kind}({spec.layer.kind})" if isinstance(spec, (Bidirectional, TimeDistributed)) else row.kind
    return f"{row.name} ({kind})"


def legend_items(stack, max_timesteps=8):
    """The LEGEND keys of the marks stack_grid_figure draws for `stack`, in LEGEND's order."""
    drawn = len([t for t in step_columns(stack.timesteps, max_timesteps) if t is not None])
    found = set()
    for row, spec in zip(stack.summary(), stack.layers):
        inner = spec.layer if isinstance(spec, (Bidirectional, TimeDistributed)) else spec
        if is_recurrent(spec):
            found.add("emit")
            cells = drawn if len(row.input_shape) == 3 else 1
            if len(row.output_shape) != 3 and cells > 1:
                found.add("quiet")
            if isinstance(spec, Bidirectional) and cells > 1:
                found.add("backward")
                if len(row.output_shape) != 3:
                    found.add("backward_emit")
            if spec.stateful:
                found.add("stateful")
        elif isinstance(inner, Dense):
            found.add("dense")
        elif isinstance(inner, Dropout):
            found.add("dropout")
    return [key for key in LEGEND if key in found]


def _text_width(text, fontsize, em=0.6):
    """About how wide the longest line of `text` is, in inches (DejaVu Sans: at most ~0.6 em per character)."""
    return max(len(line) for line in text.split("\n")) * em * fontsize / 72


def _notes(row, spec, words):
    """The text right of a layer's row: its output shape, parameters and flags."""
    flag = ""
    if is_recurrent(spec):
        flag = "\nreturn_sequences=True" if spec.return_sequences else "\nreturn_sequences=False"
        flag += "\n" + words["stateful"] if spec.stateful else ""
    return f"{fmt_shape(row.output_shape)}\n{words['params'].format(n=f'{row.params:,}')}{flag}"


def step_columns(timesteps, max_timesteps=8):
    """The time steps to draw: all of them, or the first few, an ellipsis (None) and the last."""
    max_timesteps = max(3, int(max_timesteps))
    if timesteps is not None and timesteps <= max_timesteps:
        return list(range(1, timesteps + 1))
    shown = max_timesteps - 2
    return list(range(1, shown + 1)) + [None, timesteps or "T"]


def _step_label(t):
    return "..." if t is None else f"t={t}"


def _state_label(spec):
    inner = spec.layer if isinstance(spec, Bidirectional) else spec
    return "h, c" if inner.kind == "LSTM" else "h"


def _box(ax, x, y, color, text="", text_color="white", w=BOX_W, h=BOX_H, edge="#2d3748", lw=0.8):
    from matplotlib.patches import FancyBboxPatch
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0.02,rounding_size=0.08",
                                facecolor=color, edgecolor=edge, linewidth=lw))
    if text:
        ax.text(x, y, text, ha="center", va="center", fontsize=7, color=text_color)


class _Arrows(list):
    """Arrows collected as (start, end, color) and drawn at once as one quiver (fast to render)."""

    def __call__(self, ax, start, end, color="#2d3748", ls="-"):
        if ls != "-":  # a dashed hand-over: a plain dashed line
            ax.plot([start[0], end[0]], [start[1], end[1]], ls=ls, color=color, lw=1.2)
        else:
            self.append((start, end, color))

    def draw(self, ax):
        if self:
            starts, ends, colors = zip(*self)
            ax.quiver([p[0] for p in starts], [p[1] for p in starts], [e[0] - p[0] for p, e in zip(starts, ends)],
                      [e[1] - p[1] for p, e in zip(starts, ends)], color=colors, angles="xy", scale_units="xy",
                      scale=1, width=0.0015, headwidth=4, headlength=4.5, headaxislength=4)


def _layer_cells(row, spec, xs, columns):
    """x positions of the cells of a layer: one per drawn step for sequence input, else one at the end."""
    if len(row.input_shape) == 3:
        return [x for x, t in zip(xs, columns) if t is not None]
    return [xs[-1]]


def stack_grid_figure(stack, max_timesteps=8, *, words=None, legend=None, text_style=None, show_total=True,
                      highlight=None, broken=None):
    """Draw `stack` (a lstmlab.Stack) as a layers x timesteps grid with shapes and parameters; returns a Figure.

    words, legend, text_style (optional): WORDS and LEGEND in another language, and the font to draw them with.
    show_total: False where the total is already shown beside the figure (the StackExplorer).
    highlight: a layer number (1 = bottom) whose boxes get a thick gold edge and whose name is bold (linked views).
    broken: (name, note) of a layer above `stack` that cannot take its output (a stack that does not build): drawn on
    top as empty boxes edged in red, fed by red arrows from what `stack` outputs, with the note in red beside it.
    """
    from matplotlib.figure import Figure
    words, legend = {**_in_use(WORDS), **(words or {})}, {**_in_use(LEGEND), **(legend or {})}
    style = text_style or {}
    rows, columns = stack.summary(), step_columns(stack.timesteps, max_timesteps)
    xs = list(range(len(columns)))  # one x per drawn column
    n = len(rows)
    input_text = f"{words['input']}\n{fmt_shape((stack.batch_size, stack.timesteps, stack.features))}"
    output_text = f"{words['output']}\n{fmt_shape(stack.output_shape)}"
    names = [layer_label(row, spec).replace(" (", "\n(", 1) for row, spec in zip(rows, stack.layers)]
    notes = [_notes(row, spec, words) for row, spec in zip(rows, stack.layers)]
    total = words["total"].format(n=f"{rows.total:,}")
    # margins (in x units) as wide as their text: labels end at -0.6, notes start 0.62 right of the last step
    left = 0.6 + max(_text_width(t, 8.5) for t in [input_text, output_text, *names]) / COLUMN_IN + 0.15
    right = 0.62 + max([_text_width(t, 8.5) for t in notes] + [_text_width(total, 9, 0.65)] * show_total) / COLUMN_IN + 0.15
    last = len(columns) - 1
    key = "   ".join(legend[item] for item in legend_items(stack, max_timesteps))
    key = textwrap.fill(key, int(((left + last + right) * COLUMN_IN - 0.2) * 72 / (0.6 * 9)))
    extra = max(0.0, 0.22 * (key.count("\n") + 1) - 0.25)  # y units below the input row for a longer legend
    if broken is not None:
        right = max(right, 0.62 + _text_width(broken[1], 8.5) / COLUMN_IN + 0.15)
        left = max(left, 0.6 + _text_width(broken[0], 8.5) / COLUMN_IN + 0.15)
    rise = 0.0 if broken is None else 0.45  # y units above the usual top: the broken layer's row
    fig = Figure(figsize=((left + last + right) * COLUMN_IN, 1.0 + 0.85 * (n + 2 + rise) + 0.9 * extra), dpi=80)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-left, last + right)
    ax.set_ylim(-1.1 - extra, n + 1.4 + rise)
    ax.axis("off")
    # the input row: one x_t per step
    for x, t in zip(xs, columns):
        if t is None:
            ax.text(x, 0, "...", ha="center", va="center", fontsize=10, color=GREY)
        else:
            _box(ax, x, 0, "#edf2f7")
        ax.text(x, -0.55, words["x_at"].format(t=_step_label(t)) if t is not None else "...", ha="center",
                va="center", fontsize=9, color="#4a5568", **style)
    ax.text(-0.6, 0, input_text, ha="right", va="center", fontsize=8.5, **style)
    _arrow = _Arrows()
    below = [x for x, t in zip(xs, columns) if t is not None]  # cells of the row below whose output goes up
    backward_out = []  # the cell of the row below whose backward h goes up too (Bidirectional, one output)
    for row, spec, name, note in zip(rows, stack.layers, names, notes):
        y = row.index
        cells = _layer_cells(row, spec, xs, columns)
        sequence_out = len(row.output_shape) == 3
        for x in cells:  # what flows up from the row below into this layer
            if x in below:
                _arrow(ax, (x, y - 1 + BOX_H / 2), (x, y - BOX_H / 2), color=EMIT)
        for x in backward_out:  # the backward h (at t=1) goes up beside the forward h (at t=T)
            _arrow(ax, (x + BOX_W / 4, y - 1 + BOX_H / 2), (cells[-1] - BOX_W / 4, y - BOX_H / 2), color=BACKWARD)
        backward_out = []
        if is_recurrent(spec):
            # Bidirectional without return_sequences: [forward h at t=T, backward h at t=1] (its last step)
            backward_last = isinstance(spec, Bidirectional) and not sequence_out and len(cells) > 1
            for j, x in enumerate(cells):
                emits = sequence_out or x == cells[-1] or (backward_last and j == 0)
                edge = dict(edge=BACKWARD, lw=2.2) if backward_last and j == 0 else {}
                edge = dict(edge=HIGHLIGHT, lw=3.2) if row.index == highlight else edge
                _box(ax, x, y, EMIT if emits else QUIET, **edge)
                if j:
                    gap = cells[j - 1]
                    if isinstance(spec, Bidirectional):
                        _arrow(ax, (gap + BOX_W / 2, y + 0.1), (x - BOX_W / 2, y + 0.1))
                        _arrow(ax, (x - BOX_W / 2, y - 0.1), (gap + BOX_W / 2, y - 0.1), color=BACKWARD)
                    else:
                        _arrow(ax, (gap + BOX_W / 2, y), (x - BOX_W / 2, y))
                    if x - gap > 1:  # an elided stretch of time
                        ax.text((x + gap) / 2, y + 0.18, "...", ha="center", fontsize=9, color=GREY)
            if len(cells) > 1 and row.index == next(r.index for r, sp in zip(rows, stack.layers) if is_recurrent(sp)):
                ax.text((cells[0] + cells[1]) / 2, y + 0.3, _state_label(spec), ha="center", fontsize=8.5,
                        color="#2d3748")
            if spec.stateful:
                _arrow(ax, (cells[-1] + BOX_W / 2, y), (cells[-1] + 0.55, y), ls="--", color=STATEFUL)
            below = cells if sequence_out else [cells[-1]]
            backward_out = [cells[0]] if backward_last else []
        else:
            for x in cells:
                _box(ax, x, y, DROP if spec.kind == "Dropout" else DENSE,
                     **(dict(edge=HIGHLIGHT, lw=3.2) if row.index == highlight else {}))
            below = cells
        ax.text(-0.6, y, name, ha="right", va="center", fontsize=8.5, fontweight="bold" if row.index == highlight else None,
                color=HIGHLIGHT if row.index == highlight else None)
        ax.text(last + 0.62, y, note, ha="left", va="center", fontsize=8.5, **style)
    top = n + 1
    if broken is not None:  # the layer that cannot run: no time axis arrives, only what `stack` outputs
        for x in [x for x, t in zip(xs, columns) if t is not None]:
            _box(ax, x, top, "white", edge=BROKEN, lw=1.6)
        for x in below + backward_out:
            _arrow(ax, (x, top - 1 + BOX_H / 2), (x, top - BOX_H / 2), color=BROKEN)
        ax.text(-0.6, top, broken[0].replace(" (", "\n(", 1), ha="right", va="center", fontsize=8.5, color=BROKEN,
                fontweight="bold")
        ax.text(last + 0.62, top, broken[1], ha="left", va="center", fontsize=8.5, color=BROKEN, **style)
        ax.text((last + right - left) / 2, -0.8, key, ha="center", va="top", fontsize=9, color="#4a5568", **style)
        _arrow.draw(ax)
        return fig
    for x in below:  # the model's outputs
        _arrow(ax, (x, top - 1 + BOX_H / 2), (x, top - 0.25), color=EMIT)
    for x in backward_out:  # a Bidirectional last layer: its backward h leaves at t=1
        _arrow(ax, (x, top - 1 + BOX_H / 2), (x, top - 0.25), color=BACKWARD)
    ax.text(-0.6, top - 0.15, output_text, ha="right", va="center", fontsize=8.5, **style)
    if show_total:
        ax.text(last + 0.62, top - 0.15, total, ha="left", va="center", fontsize=9, fontweight="bold", **style)
    ax.text((last + right - left) / 2, -0.8, key, ha="center", va="top", fontsize=9, color="#4a5568", **style)
    _arrow.draw(ax)
    return fig



def _pair_panel(ax, title, timesteps, features, units, return_sequences):
    """One stack LSTM(units[0], return_sequences) -> LSTM(units[1]) drawn as a layers x timesteps grid."""
    from .fonts import say
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
        ax.text(x, -0.55, say("explore.stack.fig_x_at", t=f"t={x + 1}"), ha="center", va="center", fontsize=7, color=GREY)
        arrow(ax, (x, BOX_H / 2), (x, 1 - BOX_H / 2), color=EMIT)
        emits = return_sequences or x == xs[-1]
        _box(ax, x, 1, EMIT if emits else QUIET)
        if x:
            arrow(ax, (x - 1 + BOX_W / 2, 1), (x - BOX_W / 2, 1))
    ax.text(-0.6, 0, f"{say('explore.stack.fig_input')}\n{fmt_shape((None, timesteps, features))}", ha="right", va="center", fontsize=8)
    ax.text(-0.6, 1, f"{say('plot.stack.layer', n=1)}\nLSTM({units[0]})", ha="right", va="center", fontsize=8)
    ax.text(-0.6, 2, f"{say('plot.stack.layer', n=2)}\nLSTM({units[1]})", ha="right", va="center", fontsize=8)
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
        ax.text(xs[-1] + 0.15, 2.95, say("explore.stack.fig_output"), ha="center", va="bottom", fontsize=8)
    else:  # one h arrives: no time axis left for layer 2 to run over
        arrow(ax, (xs[-1], 1 + BOX_H / 2), (xs[-1], 2 - BOX_H / 2), color=EMIT)
        for x in xs:
            _box(ax, x, 2, "white")
        ax.text((xs[0] + xs[-1]) / 2, 2, say("plot.stack.no_sequence"), ha="center", va="center", fontsize=8,
                color=BROKEN, fontweight="bold", bbox=dict(facecolor="white", edgecolor=BROKEN, boxstyle="round"))
        ax.text((timesteps - 1) / 2, 2.75, say("plot.stack.needs_3d", shape=fmt_shape(first.output_shape)), ha="center", va="center",
                fontsize=8, color=BROKEN)
    arrow.draw(ax)


def stack_pair_figure(timesteps=5, features=2, units=(64, 32)):
    """Draw LSTM -> LSTM with and without return_sequences=True on layer 1, side by side; returns a Figure."""
    from matplotlib.figure import Figure

    from .fonts import say  # before the first text: importing fonts sets the CJK font up
    timesteps, features = int(timesteps), int(features)
    if timesteps < 2 or timesteps > 8 or features < 1 or len(units) != 2:
        raise ValueError(f"stack_pair_figure needs 2 <= timesteps <= 8, features >= 1 and two unit counts; "
                         f"got timesteps={timesteps}, features={features}, units={units}")
    fig = Figure(figsize=(2 * (timesteps + 4) * 0.62, 3.6), dpi=80)
    left, right = fig.add_axes((0, 0.08, 0.5, 0.92)), fig.add_axes((0.5, 0.08, 0.5, 0.92))
    _pair_panel(left, say("plot.stack.works", a=units[0], b=units[1]), timesteps, features, units, True)
    _pair_panel(right, say("plot.stack.breaks", a=units[0], b=units[1]), timesteps, features, units, False)
    fig.text(0.5, 0.03, f"{say(LEGEND['emit'])}    {say(LEGEND['quiet'])}", ha="center", va="center", fontsize=7, color=GREY)
    return fig
