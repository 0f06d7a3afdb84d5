"""StatefulExplorer: cut a long series into stateful batches; see whose final state feeds whom, reset or shuffled."""
import html

import ipywidgets as widgets

from ..data.stateful import series_chunks, stateful_layout, stateful_links, summarize
from ..messages import msg
from .shell import WIDE, picture_image, row, show_picture, slider_layout, style_sheet
from .stack_core import CODE_BLOCK

KERAS_HEAD = """inputs = keras.Input(batch_shape=({batch}, {timesteps}, features))   # {fixed_batch}
lstm = keras.layers.LSTM(units, stateful=True)
x = lstm(inputs)
# {keras2}
# {keras3}
...
"""  # not learner-facing: code; its comments are messages
FIT_CODE = """for epoch in range(epochs):
    model.fit(x_train, y_train, batch_size={batch}, shuffle={shuffle}, epochs=1, verbose=0)
    # {no_reset}"""  # not learner-facing: code; its comments are messages
# fit() cannot reset between batches on every backend (a callback's reset is lost under JAX): one batch at a time
LOOP_CODE = """for epoch in range(epochs):
    order = {order}   # {order_note}
    for k in range(0, len(x_train), {batch}):   # {loop}
        lstm.reset_states()   # {reset}
        rows = order[k:k + {batch}]
        model.train_on_batch(x_train[rows], y_train[rows])"""  # not learner-facing: code; its comments are messages


def keras_code(batch, timesteps, shuffled, reset_between):
    """The Keras 3 code that trains the way the diagram shows: state carried row to row, or zeros before each batch."""
    head = KERAS_HEAD.format(batch=batch, timesteps=timesteps, fixed_batch=msg("explore.stateful.code_fixed_batch"),
                             keras2=msg("explore.stateful.code_keras2", batch=batch, timesteps=timesteps),
                             keras3=msg("explore.stateful.code_keras3"))
    if not reset_between:
        return head + FIT_CODE.format(batch=batch, shuffle=shuffled, no_reset=msg("explore.stateful.code_no_reset"))
    order, note = (("np.random.permutation(len(x_train))", msg("explore.stateful.code_shuffled")) if shuffled
                   else ("np.arange(len(x_train))", msg("explore.stateful.code_in_order")))
    return head + LOOP_CODE.format(batch=batch, order=order, order_note=note,
                                   loop=msg("explore.stateful.code_loop"), reset=msg("explore.stateful.code_reset"))


TABLE_ROWS = 8  # batches listed in the table; the rest are summed up in a note


def stateful_report(series_length, batch, timesteps, shuffled, reset_between):
    """(layout, HTML): who holds which chunk, how the series is cut, the Keras 3 code, and the verdict."""
    try:
        index = series_chunks(series_length, batch, timesteps)  # (n_batches, batch, timesteps)
    except ValueError as exc:
        return None, f"<div class='lstmlab-error' style='color:#9b2c2c'>{html.escape(str(exc))}</div>"
    layout = stateful_layout(batch, index.shape[0], shuffled=shuffled)
    links = stateful_links(layout, reset_between=reset_between)
    listed = min(len(layout), TABLE_ROWS)  # a long table would push the code off screen
    rows = "".join(
        f"<tr><td>{msg('explore.stateful.batch', k=k + 1)}</td>" + "".join(
            f"<td>x[{index[chunk, series, 0]}..{index[chunk, series, -1]}]</td>" for series, chunk in layout[k]) + "</tr>"
        for k in range(listed))
    note = msg("explore.stateful.table_note", shown=listed, n=len(layout))
    more = (f"<p class='lstmlab-table-note'><i>{note}</i></p>"
            if listed < len(layout) else "")
    head = "".join(f"<th>{msg('explore.stateful.row', i=i)}</th>" for i in range(batch))
    code = keras_code(batch, timesteps, shuffled, reset_between)
    verdict = summarize(links) if links else msg("explore.stateful.one_batch")
    cut = msg("explore.stateful.cut", length=series_length, batch=batch, stream=series_length // batch,
              n_batches=index.shape[0], shape=f"({batch}, {timesteps}, features)", left=series_length - index.size)
    return layout, (
        f"<div class='lstmlab-stateful-report'><p>{cut}</p><table><tr><th></th>{head}</tr>{rows}</table>"
        f"{more}<p><b>{html.escape(verdict)}</b></p><pre style='{CODE_BLOCK}'>{html.escape(code)}</pre></div>")


class StatefulExplorer(widgets.VBox):
    """Stateful LSTM batches: which sample's final state becomes which sample's initial state next batch."""

    def __init__(self, series_length=48, batch=3, timesteps=4, *, shuffled=False, reset_between=False, max_batches=4):
        slider = lambda value, lo, hi, desc: widgets.IntSlider(value=value, min=lo, max=hi, description=desc,
                                                               continuous_update=False, style=WIDE,
                                                               layout=slider_layout())
        self.max_batches = max_batches
        self.series_length = slider(series_length, 2, 400, msg("explore.stateful.series_length"))
        self.batch = slider(batch, 1, 8, "batch")
        self.timesteps = slider(timesteps, 1, 50, "timesteps")
        self.shuffled = widgets.Checkbox(value=shuffled, description="shuffle", indent=False)
        self.reset_between = widgets.Checkbox(value=reset_between, description=msg("explore.stateful.reset_between"),
                                              indent=False)
        self.report = widgets.HTML()
        self.image = picture_image()
        for c in self.controls:
            c.observe(lambda change: self.update(), names="value")
        super().__init__([style_sheet(), row([self.series_length, self.batch, self.timesteps]),
                          row([self.shuffled, self.reset_between]), self.image, self.report])
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
        from .figure_text import figure_speaking
        links = stateful_links(layout, reset_between=self.reset_between.value)
        with figure_speaking() as style:  # the figure's words in the page's language (font permitting)
            labels = {"reset": msg("explore.stateful.fig_reset"), "no_reset": msg("explore.stateful.fig_no_reset"),
                      "shuffled": msg("explore.stateful.fig_shuffled"),
                      "in_order": msg("explore.stateful.fig_in_order"),
                      "one_batch": msg("explore.stateful.one_batch"), "batch": msg("explore.stateful.batch", k="{k}"),
                      "row": msg("explore.stateful.row", i="{i}"), "series": msg("explore.stateful.series", s="{s}"),
                      "chunk": msg("explore.stateful.chunk", k="{k}"), "zeros": msg("explore.stateful.zeros"),
                      "legend_ok": msg("explore.stateful.legend_ok"),
                      "legend_wrong": msg("explore.stateful.legend_wrong"),
                      "legend_reset": msg("explore.stateful.legend_reset")}
            verdict = summarize(links) if links else None  # the whole series' count, as the text says
        self.figure_labels = labels
        stream = self.series_length.value // self.batch.value
        fig = stateful_flow_figure(self.batch.value, len(shown), reset_between=self.reset_between.value,
                                   shuffled=self.shuffled.value, timesteps=self.timesteps.value, layout=shown,
                                   stream=stream, verdict=verdict, labels=labels, text_style=style)
        show_picture(self.image, picture(fig))
        if len(layout) > len(shown):
            note = msg("explore.stateful.figure_note", shown=len(shown), n=len(layout))
            self.report.value += f"<p class='lstmlab-figure-note'><i>{note}</i></p>"
