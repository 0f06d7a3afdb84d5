"""Activation curves side by side, e.g. sigmoid vs Keras 3's and Keras 2's hard_sigmoid."""
import numpy as np
from matplotlib.figure import Figure

from ..reference.activations import get_activation
from .fonts import say


def activation_curves_figure(names=("sigmoid", "hard_sigmoid", "hard_sigmoid_keras2"), lo=-6.0, hi=6.0):
    """Plot each named lstmlab activation on [lo, hi]; return the Figure."""
    x = np.linspace(lo, hi, 241)  # (241,)
    fig = Figure(figsize=(6, 3.2), layout="constrained")
    ax = fig.subplots()
    for name in names:
        ax.plot(x, get_activation(name)(x), label=name)  # (241,)
    ax.axhline(0.5, color="gray", lw=0.5, ls=":")
    ax.axvline(0, color="gray", lw=0.5, ls=":")
    ax.set_xlabel(say("plot.activations.x"))
    ax.set_ylabel(say("plot.activations.y"))
    ax.legend()
    return fig
