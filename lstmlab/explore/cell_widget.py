"""CellExplorer: step one LSTM cell through a short sequence; change the input and weights, watch f hold or drop c."""
import html

import ipywidgets as widgets
import numpy as np

from ..messages import msg
from .cell_core import INPUTS, CellState, cell_core, memory_kept, parse_values
from .shell import STALE, WIDE, mark, picture_image, row, show_picture, slider_layout, style_sheet


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

    def __init__(self, state=None, *, step=None):
        """step (optional): your own lstm_step(x, h, c, kernel, recurrent_kernel, bias) -> (h, c), run beside the
        reference on the same inputs, its c and h heatmaps beside the reference's, the first difference outlined."""
        state = state or CellState()
        self.step = step
        self.step_name = getattr(step, "__name__", "lstm_step")
        slider = lambda cls, value, lo, hi, step, desc: cls(value=value, min=lo, max=hi, step=step, description=desc,
                                                            continuous_update=False, style=WIDE,
                                                            layout=slider_layout())
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
                                   placeholder=msg("explore.cell.values_placeholder"), continuous_update=True,
                                   style=WIDE, layout=slider_layout())
        self.report = widgets.HTML()
        self.image = picture_image()
        self.compare_report = widgets.HTML()  # with step=: where the learner's step parts from the reference
        self.compare_image = picture_image()
        self.compare_image.add_class("lstmlab-compare")
        self._syncing = False
        for c in self.controls:
            c.observe(self._changed, names="value")
        compared = [self.compare_report, self.compare_image] if step is not None else []
        super().__init__([style_sheet(), row([self.input, self.timesteps, self.units]),
                          row([self.weight_scale, self.forget_bias, self.seed]), self.values, self.report,
                          *compared, self.image])
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
        if self._syncing:
            return
        if change["owner"] is self.values and change["new"].strip() and self.input.value != "custom":
            self.input.value = "custom"  # typing x values chooses them; this observer calls update again
            return
        self.update()  # choosing a preset uses the preset, whatever x values were typed before

    def update(self):
        """Step the cell again and redraw; input that cannot be read is explained, and the old heatmaps greyed."""
        from ..plots.cell import gate_trace_figure
        from .picture import picture
        if self.input.value != "custom" and self.timesteps.disabled:  # back to a preset: the slider's own steps
            self._sync_timesteps(CellState(input=self.input.value))
        try:
            state = self.state
        except ValueError as exc:
            self.report.value = (f"<div class='lstmlab-error' style='color:#9b2c2c'>{html.escape(str(exc))}"
                                 f"<br><i>{msg('explore.cell.stale')}</i></div>")
            mark(self.image, STALE, True)
            return
        self._sync_timesteps(state)
        self.x, self.trace = cell_core(state)
        self.report.value = cell_report(state, self.x, self.trace)
        from .figure_text import figure_speaking
        with figure_speaking() as style:  # the heatmaps' words in the page's language (font permitting)
            titles = {"i": msg("explore.cell.fig_i"), "f": msg("explore.cell.fig_f"),
                      "c_tilde": msg("explore.cell.fig_c_tilde"), "o": msg("explore.cell.fig_o"),
                      "c": msg("explore.cell.fig_c"), "h": msg("explore.cell.fig_h")}
            words = {"t": msg("explore.compare.fig_t"), "unit": msg("explore.compare.fig_unit", u="{u}")}
        self.figure_titles = titles
        show_picture(self.image, picture(gate_trace_figure(self.trace, titles=titles, words=words, text_style=style)))
        if self.step is not None:
            self.compare(state)

    def _sync_timesteps(self, state):
        """A custom x sets the number of steps: the slider shows it, disabled (it would redraw nothing); a preset
        brings back the slider's own value."""
        custom = state.input == "custom"
        if custom == self.timesteps.disabled and (not custom or self.timesteps.value == state.timesteps):
            return
        self._syncing = True
        try:
            with self.timesteps.hold_sync():
                if custom:
                    if not self.timesteps.disabled:
                        self._preset_steps = self.timesteps.value
                    self.timesteps.max = max(self.timesteps.max, state.timesteps)
                    self.timesteps.value = state.timesteps
                else:
                    self.timesteps.value = getattr(self, "_preset_steps", self.timesteps.value)
                self.timesteps.disabled = custom
                self.timesteps.tooltip = msg("explore.cell.timesteps_from_values") if custom else None
        finally:
            self._syncing = False

    def compare(self, state):
        """Run the learner's step beside the reference; show both c and h heatmaps and say where they first part."""
        from ..plots.cell import compare_figure
        from .cell_core import cell_weights
        from .compare_core import StepFailed, compare_steps, comparison_html
        from .figure_text import figure_speaking
        from .picture import picture
        try:
            mine, difference = compare_steps(self.step, self.x, *cell_weights(state), self.trace, self.step_name)
        except StepFailed as exc:
            self.difference = None
            self.compare_report.value = f"<p class='lstmlab-error' style='color:#9b2c2c'>{html.escape(str(exc))}</p>"
            self.compare_image.layout.display = "none"
            return
        self.difference = difference
        self.compare_report.value = comparison_html(difference, mine, len(self.x), self.step_name)
        with figure_speaking() as style:
            labels = {"reference": msg("explore.compare.fig_reference"), "yours": msg("explore.compare.fig_yours"),
                      "c": msg("explore.compare.fig_c"), "h": msg("explore.compare.fig_h"),
                      "t": msg("explore.compare.fig_t"), "unit": msg("explore.compare.fig_unit", u="{u}"),
                      "first": msg("explore.compare.fig_first"), "diff": msg("explore.compare.fig_diff")}
        self.compare_labels = labels
        first = None if difference is None else (difference.t, difference.key)
        show_picture(self.compare_image, picture(compare_figure(self.trace, mine, first, labels, style)))
