"""One LSTM step's gates as bars: sigmoid gates live in (0, 1), tanh ones in (-1, 1)."""
import numpy as np
from matplotlib.figure import Figure

from .fonts import phrase, say

PANELS = (  # key, title (lstmlab/messages key; {r}: recurrent_activation, {a}: activation), y-limits (None: fit the data)
    ("i", "plot.gates.i", (0, 1)),
    ("f", "plot.gates.f", (0, 1)),
    ("c_tilde", "plot.gates.c_tilde", (-1, 1)),
    ("o", "plot.gates.o", (0, 1)),
    ("c", "plot.gates.c", None),
    ("h", "plot.gates.h", (-1, 1)),
)


def gate_bars_figure(gates, sample=0, *, activation="tanh", recurrent_activation="sigmoid"):
    """Bar chart of one step's {i, f, c_tilde, o, c, h} (each (batch, units)) for one sample: one bar per unit."""
    missing = [k for k, _, _ in PANELS if k not in gates]
    if missing:
        raise ValueError(f"gates must hold {', '.join(k for k, _, _ in PANELS)} (as lstm_gates returns); missing {missing}")
    fig = Figure(figsize=(10, 3), layout="constrained")
    axes = fig.subplots(1, len(PANELS), sharex=True)
    for ax, (key, title, ylim) in zip(axes, PANELS):
        values = np.asarray(gates[key])[sample]  # (units,)
        ax.bar(np.arange(values.size), values, color="tab:orange" if key in "ifo" else "tab:blue")
        ax.axhline(0, color="black", lw=0.5)
        ax.set_title(phrase(title).format(r=recurrent_activation, a=activation), fontsize=10)
        ax.set_xticks(np.arange(values.size))
        ax.set_xlabel(say("plot.unit"))
        if ylim is not None:
            ax.set_ylim(*ylim)
    fig.suptitle(say("plot.gates.title", sample=sample, units=values.size), fontsize=10)
    return fig
