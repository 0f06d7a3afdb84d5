"""Nudge one unit of h: how far each unit's gates move, with the real recurrent kernel and a block-diagonal one."""
import numpy as np
from matplotlib.figure import Figure

from .fonts import say

GATES = ("i", "f", "c_tilde", "o")


def unit_response_figure(responses, unit=0):
    """Bars of |change| per unit for each gate; `responses` maps a row label -> unit_response(...) dict."""
    for label, response in responses.items():
        missing = [g for g in GATES if g not in response]
        if missing:
            raise ValueError(f"responses[{label!r}] is missing {missing}; pass what lstmlab.mixing.unit_response returns")
    moved = [v for r in responses.values() for g in GATES for v in np.ravel(r[g]) if v > 0]
    low, high = (min(moved) / 4, max(moved) * 4) if moved else (1e-8, 1.0)  # one log scale: 4e-7 and 2e-4 both show
    fig = Figure(figsize=(10, 1.2 + 2.0 * len(responses)), layout="constrained")
    axes = fig.subplots(len(responses), len(GATES), squeeze=False)
    for row, (label, response) in zip(axes, responses.items()):
        for ax, gate in zip(row, GATES):
            values = np.asarray(response[gate], dtype=float)  # (units,)
            colors = ["tab:red" if j == unit else "tab:gray" for j in range(values.size)]
            ax.set_yscale("log")
            ax.bar(np.arange(values.size), np.where(values > 0, values - low, np.nan), bottom=low, color=colors)  # (units,) tops at values
            for j in np.flatnonzero(values <= 0):  # a unit that does not move at all: a bar of 0 has no height on a log scale
                ax.text(j, 0.04, "0", transform=ax.get_xaxis_transform(), ha="center", fontsize=10, color="tab:gray")
            ax.set_ylim(low, high)
            ax.set_xlim(-0.6, values.size - 0.4)
            ax.set_xticks(np.arange(values.size))
            ax.set_title(f"{label}: {say('plot.gate', gate=gate)}", fontsize=10)
        row[0].set_ylabel(say("plot.mixing.change"))
    for ax in axes[-1]:
        ax.set_xlabel(say("plot.unit"))
    fig.suptitle(say("plot.mixing.title", unit=unit), fontsize=10)
    return fig
