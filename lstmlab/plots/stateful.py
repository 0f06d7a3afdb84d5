"""Stateful batches side by side: sample i's final state in batch k becomes sample i's initial state in batch k+1;
and one sequence fed in chunks with stateful off and on, against the same sequence fed whole."""
import re
import textwrap

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from ..data.stateful import stateful_layout, stateful_links, summarize
from .fonts import figure_language, phrase, say

COLORS = ("#3182ce", "#dd6b20", "#38a169", "#805ad5", "#d53f8c", "#319795", "#d69e2e", "#718096")
# Drawn in inches (the axes' data units are inches), so the sizes below are the sizes on screen:
# a browser shows 1 inch as 96 CSS px and a 10 pt label as 13 px.
BOX_W, BOX_H, GAP, ROW = 1.15, 0.5, 0.75, 0.7  # a chunk's box, the space between batches, the row pitch
LEFT, RIGHT, MIN_WIDTH = 0.6, 0.15, 4.2  # margins, and the width below which the title would not fit
LABEL_FONTSIZE = 10  # the labels inside the boxes (pt)
WHOLE, OFF, ON = "#a0aec0", "#e53e3e", "#2f855a"  # stateful_chunks_figure: the whole run, stateful off, on


LABELS = {  # lstmlab/messages keys, drawn in the language in use; the StatefulExplorer passes its own words
    "reset": "explore.stateful.fig_reset", "no_reset": "explore.stateful.fig_no_reset",
    "shuffled": "explore.stateful.fig_shuffled", "in_order": "explore.stateful.fig_in_order",
    "one_batch": "explore.stateful.one_batch", "batch": "explore.stateful.batch", "row": "explore.stateful.row",
    "series": "explore.stateful.series", "chunk": "explore.stateful.chunk", "zeros": "explore.stateful.zeros",
    "legend_ok": "explore.stateful.legend_ok", "legend_wrong": "explore.stateful.legend_wrong",
    "legend_reset": "explore.stateful.legend_reset",
}


def _label(series, chunk, timesteps, stream, labels):
    """A box's label: its series, and which steps it holds (x[a..b] of the whole series when `stream` is known)."""
    name = labels["series"].format(s=series)
    if timesteps is None:
        return f"{name}\n" + labels["chunk"].format(k=chunk)
    first = chunk * timesteps + (series * stream if stream is not None else 0)
    steps = f"x[{first}..{first + timesteps - 1}]" if stream is not None else f"t {first}..{first + timesteps - 1}"
    return f"{name}\n{steps}"


def _wrap(text, width_in, fontsize):
    """Wrap text to a width in inches (DejaVu Sans averages about 0.56 em per character, a CJK character 1 em; Chinese
    breaks between any two characters, never inside a run of Latin letters such as stateful=True)."""
    if not any("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in text):
        return textwrap.fill(text, max(20, int(width_in * 72 / (0.56 * fontsize))))
    limit, lines, line = width_in * 72 / fontsize, [], ""  # limit in em
    wide = lambda piece: sum(1.0 if ord(ch) >= 0x3000 else 0.56 for ch in piece)
    for piece in re.findall(r"[\x21-\u2fff]+|\s+|.", text):  # a run of Latin letters, digits and signs; space; one character
        if line and wide(line + piece) > limit:
            lines.append(line.rstrip())
            line = piece.lstrip()
        else:
            line += piece
    return "\n".join(lines + [line.rstrip()])


def stateful_flow_figure(batch, n_batches, *, reset_between=False, shuffled=False, timesteps=None, seed=0, layout=None,
                         stream=None, verdict=None, labels=None, text_style=None):
    """Draw n_batches stateful batches of `batch` rows and every state hand-over between them; returns a Figure.

    layout (optional): the first n_batches rows of a stateful_layout(...) to draw instead of a fresh one.
    stream (optional): steps per stream (series_length // batch): boxes then name the steps x[a..b] they hold.
    verdict (optional): the line under the title (default: a summary of the hand-overs drawn).
    labels, text_style (optional): LABELS in another language, and the font for them.
    """
    labels = {**{name: phrase(key) for name, key in LABELS.items()}, **(labels or {})}
    style = text_style or {}
    if layout is None:
        layout = stateful_layout(batch, n_batches, shuffled=shuffled, seed=seed)
    elif len(layout) != n_batches or any(len(rows) != batch for rows in layout):
        raise ValueError(f"layout must be {n_batches} batches of {batch} rows, got {[len(r) for r in layout]}")
    links = stateful_links(layout, reset_between=reset_between)
    drawn = n_batches * BOX_W + (n_batches - 1) * GAP
    width = max(LEFT + drawn + RIGHT, MIN_WIDTH)
    x0 = LEFT + (width - LEFT - RIGHT - drawn) / 2  # the batches, centred when the title sets the width
    title = labels["reset" if reset_between else "no_reset"] + labels["shuffled" if shuffled else "in_order"]
    if verdict is None:
        verdict = summarize(links, lang=figure_language()) if links else labels["one_batch"]  # as the labels
    verdict = _wrap(verdict, width - 0.3, 9)
    kinds = {"legend_reset" if not link.carried else "legend_ok" if link.ok else "legend_wrong" for link in links}
    legend = [_wrap(labels[key], width - 0.3, 9) for key in ("legend_ok", "legend_wrong", "legend_reset") if key in kinds]
    top = 0.15 + 0.2 + 0.17 * (verdict.count("\n") + 1) + 0.15  # title, verdict lines, space
    header = top + 0.25  # the "batch k" line
    first = header + 0.2 + ROW / 2  # the centre of row 0
    bottom = first + (batch - 1) * ROW + ROW / 2 + 0.1  # where the legend starts
    height = bottom + sum(0.17 * (line.count("\n") + 1) for line in legend) + 0.1
    fig = Figure(figsize=(width, height), dpi=96)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(height, 0)  # y in inches from the top
    ax.axis("off")
    ax.text(width / 2, 0.15, title, ha="center", va="top", fontsize=10, fontweight="bold", **style)
    ax.text(width / 2, 0.38, verdict, ha="center", va="top", fontsize=9, color="#2d3748", linespacing=1.25, **style)
    y = bottom
    for line in legend:  # what each kind of arrow means, for the kinds drawn
        ax.text(0.15, y, line, ha="left", va="top", fontsize=9, color="#2d3748", linespacing=1.25, **style)
        y += 0.17 * (line.count("\n") + 1)
    x_of = lambda k: x0 + k * (BOX_W + GAP)
    y_of = lambda i: first + i * ROW
    for k, rows in enumerate(layout):
        ax.text(x_of(k) + BOX_W / 2, header, labels["batch"].format(k=k + 1), ha="center", va="center", fontsize=10,
                fontweight="bold", **style)
        for i, (series, chunk) in enumerate(rows):
            ax.add_patch(FancyBboxPatch((x_of(k), y_of(i) - BOX_H / 2), BOX_W, BOX_H, boxstyle="round,pad=0.02",
                                        facecolor=COLORS[series % len(COLORS)], edgecolor="#2d3748", alpha=0.9))
            ax.text(x_of(k) + BOX_W / 2, y_of(i), _label(series, chunk, timesteps, stream, labels), ha="center",
                    va="center", fontsize=LABEL_FONTSIZE, color="white", linespacing=1.1, **style)
            if k == 0:
                ax.text(x_of(0) - 0.1, y_of(i), labels["row"].format(i=i), ha="right", va="center", fontsize=9, **style)
    for link in links:
        y = y_of(link.row)
        start, end = (x_of(link.batch) + BOX_W, y), (x_of(link.batch + 1), y)
        mid = (start[0] + end[0]) / 2
        if not link.carried:  # reset_states(): the arrow is cut, the next batch starts from zeros
            ax.plot([start[0], mid - 0.1], [y, y], color="#a0aec0", lw=1.2, ls="--")
            ax.text(mid, y, "x", ha="center", va="center", fontsize=12, color="#e53e3e", fontweight="bold")
            ax.text(mid, y + 0.12, labels["zeros"], ha="center", va="top", fontsize=9, color="#4a5568", **style)
            continue
        color, line = ("#2f855a", "-") if link.ok else ("#e53e3e", "--")
        ax.annotate("", xy=end, xytext=start, arrowprops=dict(arrowstyle="-|>", color=color, lw=1.4, ls=line))
    return fig



def stateful_chunks_figure(whole, off, on, chunk):
    """Plot h over time for the whole sequence and for its chunks with stateful=False and True; returns a Figure."""
    whole, off, on = (np.asarray(a, dtype=float).reshape(-1) for a in (whole, off, on))  # (timesteps,) each
    if not (len(whole) == len(off) == len(on)) or chunk < 1 or len(whole) % chunk:
        raise ValueError(f"whole, off and on must be one value per time step, of the same length, cut into chunks of "
                         f"`chunk` steps; got lengths {len(whole)}, {len(off)}, {len(on)} and chunk={chunk}")
    t = np.arange(1, len(whole) + 1)
    fig = Figure(figsize=(7.2, 2.9), dpi=80)
    ax = fig.add_axes((0.09, 0.17, 0.89, 0.7))
    for start in range(chunk, len(whole), chunk):  # where one call ends and the next begins
        ax.axvline(start + 0.5, color="#cbd5e0", lw=1, ls=":")
    ax.plot(t, whole, color=WHOLE, lw=5, label=say("plot.stateful.whole"))
    ax.plot(t, off, color=OFF, lw=1.6, ls="--", marker="o", ms=3, label=say("plot.stateful.off"))
    ax.plot(t, on, color=ON, lw=1.6, marker="x", ms=4, label=say("plot.stateful.on"))
    ax.set_xlabel(say("plot.stateful.x", calls=len(whole) // chunk, chunk=chunk), fontsize=8)
    ax.set_ylabel(say("plot.stateful.y"), fontsize=8)
    ax.tick_params(labelsize=7)
    ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, 1.28), ncol=2, frameon=False)
    return fig
