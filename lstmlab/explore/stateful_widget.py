"""StatefulExplorer: cut a long series into stateful batches; see whose final state feeds whom, reset or shuffled."""
import html

import ipywidgets as widgets

from ..data.stateful import series_chunks, stateful_layout, stateful_links, summarize
from .shell import WIDE, picture_image, show_picture, style_sheet
from .stack_core import CODE_BLOCK

KERAS_CODE = """inputs = keras.Input(batch_shape=({batch}, {timesteps}, features))   # stateful needs a fixed batch
x = keras.layers.LSTM(units, stateful=True)(inputs)
# Keras 2, as seen online: LSTM(units, stateful=True, batch_input_shape=({batch}, {timesteps}, features)),
# which Keras 3 no longer accepts: give the batch to keras.Input(batch_shape=...) instead
...
for epoch in range(epochs):
    model.fit(x_train, y_train, batch_size={batch}, shuffle={shuffle}, epochs=1, verbose=0)
    {reset}"""


def stateful_report(series_length, batch, timesteps, shuffled, reset_between):
    """(layout, HTML): who holds which chunk, how the series is cut, the Keras 3 code, and the verdict."""
    try:
        index = series_chunks(series_length, batch, timesteps)  # (n_batches, batch, timesteps)
    except ValueError as exc:
        return None, f"<div class='lstmlab-error' style='color:#9b2c2c'>{html.escape(str(exc))}</div>"
    layout = stateful_layout(batch, index.shape[0], shuffled=shuffled)
    links = stateful_links(layout, reset_between=reset_between)
    rows = "".join(
        f"<tr><td>batch {k + 1}</td>" + "".join(
            f"<td>x[{index[chunk, series, 0]}..{index[chunk, series, -1]}]</td>" for series, chunk in layout[k]) + "</tr>"
        for k in range(len(layout)))
    head = "".join(f"<th>row {i}</th>" for i in range(batch))
    reset = "model.get_layer(index=1).reset_states()   # or layer.reset_states(): zeros before the next pass" \
        if reset_between else "# no reset: state flows from the last batch of this epoch into the next epoch too"
    code = KERAS_CODE.format(batch=batch, timesteps=timesteps, shuffle=shuffled, reset=reset)
    verdict = summarize(links) if links else "one batch only: no state is handed over"
    return layout, (
        f"<div class='lstmlab-stateful-report'><p>A series of {series_length} steps, cut into {batch} parallel streams "
        f"of {series_length // batch} steps, then into {index.shape[0]} batches of shape ({batch}, {timesteps}, features)"
        f" ({series_length - index.size} steps left over):</p><table><tr><th></th>{head}</tr>{rows}</table>"
        f"<p><b>{html.escape(verdict)}</b></p><pre style='{CODE_BLOCK}'>{html.escape(code)}</pre></div>")


class StatefulExplorer(widgets.VBox):
    """Stateful LSTM batches: which sample's final state becomes which sample's initial state next batch."""

    def __init__(self, series_length=48, batch=3, timesteps=4, *, shuffled=False, reset_between=False, max_batches=4):
        slider = lambda value, lo, hi, desc: widgets.IntSlider(value=value, min=lo, max=hi, description=desc,
                                                               continuous_update=False, style=WIDE)
        self.max_batches = max_batches
        self.series_length = slider(series_length, 2, 400, "series length")
        self.batch = slider(batch, 1, 8, "batch")
        self.timesteps = slider(timesteps, 1, 50, "timesteps")
        self.shuffled = widgets.Checkbox(value=shuffled, description="shuffle", indent=False)
        self.reset_between = widgets.Checkbox(value=reset_between, description="reset_states between batches",
                                              indent=False)
        self.report = widgets.HTML()
        self.image = picture_image()
        for c in self.controls:
            c.observe(lambda change: self.update(), names="value")
        super().__init__([style_sheet(), widgets.HBox([self.series_length, self.batch, self.timesteps]),
                          widgets.HBox([self.shuffled, self.reset_between]), self.image, self.report])
        self.add_class("lstmlab-stateful-explorer")
        self.update()

    @property
    def controls(self):
        return [self.series_length, self.batch, self.timesteps, self.shuffled, self.reset_between]

    def update(self):
        """Recut the series, redraw the hand-overs."""
        from ..plots.stateful import stateful_flow_figure
        layout, self.report.value = stateful_report(self.series_length.value, self.batch.value,
                                                    self.timesteps.value, self.shuffled.value,
                                                    self.reset_between.value)
        self.layout_rows = layout
        self.n_batches = None if layout is None else len(layout)
        if layout is None:
            self.image.layout.display = "none"
            return
        from .picture import picture
        shown = layout[:self.max_batches]  # the first batches of the same epoch the table lists (4 stay readable)
        fig = stateful_flow_figure(self.batch.value, len(shown), reset_between=self.reset_between.value,
                                   shuffled=self.shuffled.value, timesteps=self.timesteps.value, layout=shown)
        show_picture(self.image, picture(fig))
        if len(layout) > len(shown):
            self.report.value += (f"<p class='lstmlab-figure-note'><i>The figure above draws the first {len(shown)} "
                                  f"of these {len(layout)} batches.</i></p>")
