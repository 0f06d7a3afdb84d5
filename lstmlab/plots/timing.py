"""Parameters vs timesteps (flat) beside measured compute time vs timesteps (rising), one panel per timed series."""
from matplotlib.figure import Figure


def params_time_figure(timesteps, params, seconds):
    """Panel 1: parameter counts per timesteps; then one panel per label -> seconds list in the dict `seconds`."""
    timesteps, params = list(timesteps), list(params)
    if len(params) != len(timesteps) or any(len(v) != len(timesteps) for v in seconds.values()):
        raise ValueError(f"params and every series in seconds need one value per timesteps value ({len(timesteps)})")
    fig = Figure(figsize=(4 * (1 + len(seconds)), 3.2), layout="constrained")
    axes = fig.subplots(1, 1 + len(seconds), squeeze=False)[0]
    axes[0].plot(timesteps, params, "o-")
    axes[0].set_ylim(0, max(params) * 1.3)
    axes[0].set_ylabel("parameters")
    axes[0].set_title("Parameters: same for every length", fontsize=10)
    for ax, (label, values) in zip(axes[1:], seconds.items()):
        ax.plot(timesteps, [1000 * s for s in values], "o-", color="tab:orange")
        ax.set_ylim(bottom=0)
        ax.set_ylabel("ms per forward pass")
        ax.set_title(f"Time, this machine:\n{label}", fontsize=10)
    for ax in axes:
        ax.set_xlabel("timesteps")
    return fig
