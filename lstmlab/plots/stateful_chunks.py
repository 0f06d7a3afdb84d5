"""One sequence fed in chunks, with stateful off and on, against the same sequence fed whole."""
import numpy as np

WHOLE, OFF, ON = "#a0aec0", "#e53e3e", "#2f855a"


def stateful_chunks_figure(whole, off, on, chunk):
    """Plot h over time for the whole sequence and for its chunks with stateful=False and True; returns a Figure."""
    from matplotlib.figure import Figure
    whole, off, on = (np.asarray(a, dtype=float).reshape(-1) for a in (whole, off, on))  # (timesteps,) each
    if not (len(whole) == len(off) == len(on)) or chunk < 1 or len(whole) % chunk:
        raise ValueError(f"whole, off and on must be one value per time step, of the same length, cut into chunks of "
                         f"`chunk` steps; got lengths {len(whole)}, {len(off)}, {len(on)} and chunk={chunk}")
    t = np.arange(1, len(whole) + 1)
    fig = Figure(figsize=(7.2, 2.9), dpi=80)
    ax = fig.add_axes((0.09, 0.17, 0.89, 0.7))
    for start in range(chunk, len(whole), chunk):  # where one call ends and the next begins
        ax.axvline(start + 0.5, color="#cbd5e0", lw=1, ls=":")
    ax.plot(t, whole, color=WHOLE, lw=5, label="whole sequence, one call")
    ax.plot(t, off, color=OFF, lw=1.6, ls="--", marker="o", ms=3, label="chunks, stateful=False: each call starts from zeros")
    ax.plot(t, on, color=ON, lw=1.6, marker="x", ms=4, label="chunks, stateful=True: each call continues the last")
    ax.set_xlabel(f"time step ({len(whole) // chunk} calls of {chunk} steps, dotted lines between calls)", fontsize=8)
    ax.set_ylabel("h (one unit)", fontsize=8)
    ax.tick_params(labelsize=7)
    ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, 1.28), ncol=2, frameon=False)
    return fig
