"""CellExplorer: step one LSTM cell through a short sequence; change the input and weights, watch f hold or drop c."""
import html

import ipywidgets as widgets
import numpy as np

from ..messages import msg
from .cell_core import INPUTS, CellState, cell_core, memory_kept, parse_values
from .shell import STALE, WIDE, mark, picture_image, show_picture, style_sheet


def cell_report(state, x, trace):
    """A short HTML reading of the trace: what f did to the memory in c."""
    kept = memory_kept(trace)[-1]  # (units,)
    f_mean = float(trace["f"].mean())
    verdict = msg("explore.cell.verdict_holds" if f_mean > 0.8 else
                  "explore.cell.verdict_forgets" if f_mean < 0.2 else "explore.cell.verdict_fades")
    lines = [f"x = {np.round(x[:, 0], 2).tolist()}",
             msg("explore.cell.report_mean", f_mean=f"{f_mean:.3f}", verdict=verdict),
             msg("explore.cell.report_kept", last=state.timesteps, kept=np.round(kept, 3).tolist()),
             msg("explore.cell.report_final", c=np.round(trace["c"][-1], 3).tolist(),
                 h=np.round(trace["h"][-1], 3).tolist())]
    return f"<div class='lstmlab-cell-report'>{'<br>'.join(lines)}</div>"


def input_options():
    """The input dropdown's (label, value) pairs: labels in the language in use, values the stable names of INPUTS."""
    labels = {"pulse": msg("explore.cell.input_pulse"), "step": msg("explore.cell.input_step"),
              "sine": msg("explore.cell.input_sine"), "noise": msg("explore.cell.input_noise"),
              "custom": msg("explore.cell.input_custom")}
    return [(labels[kind], kind) for kind in INPUTS]


class CellExplorer(widgets.VBox):
    """One LSTM cell over a few steps: heatmaps of i, f, c~, o, c and h as the input and weights change."""

    def __init__(self, state=None):
        state = state or CellState()
        slider = lambda cls, value, lo, hi, step, desc: cls(value=value, min=lo, max=hi, step=step, description=desc,
                                                            continuous_update=False, style=WIDE)
        self.input = widgets.Dropdown(options=input_options(), value=state.input, description=msg("explore.cell.input"),
                                      style=WIDE)
        self.timesteps = slider(widgets.IntSlider, state.timesteps, 1, 16, 1, "timesteps")
        self.units = slider(widgets.IntSlider, state.units, 1, 8, 1, "units")
        self.weight_scale = slider(widgets.FloatSlider, state.weight_scale, 0.0, 4.0, 0.1,
                                   msg("explore.cell.weight_scale"))
        self.forget_bias = slider(widgets.FloatSlider, state.forget_bias, -5.0, 5.0, 0.5,
                                  msg("explore.cell.forget_bias"))
        self.seed = slider(widgets.IntSlider, state.seed, 0, 9, 1, msg("explore.cell.seed"))
        self.values = widgets.Text(value=", ".join(f"{v:g}" for v in state.values),
                                   description=msg("explore.cell.values"),
                                   placeholder=msg("explore.cell.values_placeholder"), continuous_update=False,
                                   style=WIDE)
        self.report = widgets.HTML()
        self.image = picture_image()
        for c in self.controls:
            c.observe(self._changed, names="value")
        super().__init__([style_sheet(), widgets.HBox([self.input, self.timesteps, self.units]),
                          widgets.HBox([self.weight_scale, self.forget_bias, self.seed]), self.values, self.report,
                          self.image])
        self.add_class("lstmlab-cell-explorer")
        self.update()

    @property
    def controls(self):
        return [self.input, self.timesteps, self.units, self.weight_scale, self.forget_bias, self.seed, self.values]

    @property
    def state(self):
        """The frozen CellState the controls describe."""
        custom = self.input.value == "custom"
        values = parse_values(self.values.value) if custom else ()
        return CellState(input=self.input.value, timesteps=len(values) if custom else self.timesteps.value,
                         units=self.units.value, weight_scale=float(self.weight_scale.value),
                         forget_bias=float(self.forget_bias.value), seed=self.seed.value, values=values)

    def _changed(self, change):
        if change["owner"] is self.values and change["new"].strip() and self.input.value != "custom":
            self.input.value = "custom"  # typing x values chooses them; this observer calls update again
            return
        self.update()  # choosing a preset uses the preset, whatever x values were typed before

    def update(self):
        """Step the cell again and redraw; input that cannot be read is explained, and the old heatmaps greyed."""
        from ..plots.cell import gate_trace_figure
        from .picture import picture
        try:
            state = self.state
        except ValueError as exc:
            self.report.value = (f"<div class='lstmlab-error' style='color:#9b2c2c'>{html.escape(str(exc))}"
                                 f"<br><i>{msg('explore.cell.stale')}</i></div>")
            mark(self.image, STALE, True)
            return
        self.x, self.trace = cell_core(state)
        self.report.value = cell_report(state, self.x, self.trace)
        show_picture(self.image, picture(gate_trace_figure(self.trace)))
