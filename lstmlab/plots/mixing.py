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
    fig = Figure(figsize=(10, 1.2 + 2.0 * len(responses)), layout="constrained")
    axes = fig.subplots(len(responses), len(GATES), squeeze=False, sharey="col")
    for row, (label, response) in zip(axes, responses.items()):
        for ax, gate in zip(row, GATES):
            values = np.asarray(response[gate])  # (units,)
            colors = ["tab:red" if j == unit else "tab:gray" for j in range(values.size)]
            ax.bar(np.arange(values.size), values, color=colors)
            ax.set_xticks(np.arange(values.size))
            ax.set_title(f"{label}: {say('plot.gate', gate=gate)}", fontsize=9)
        row[0].set_ylabel(say("plot.mixing.change"))
    for ax in axes[-1]:
        ax.set_xlabel(say("plot.unit"))
    fig.suptitle(say("plot.mixing.title", unit=unit), fontsize=10)
    return fig
