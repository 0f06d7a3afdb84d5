"""StackExplorer: the thin ipywidgets shell over stack_core (controls -> StackState -> table, total, diagram)."""
import html

import ipywidgets as widgets

from .stack_core import (CELLS, HEADS, MAX_DEPTH, StackState, comparison_html, stack_png, stack_view,
                         with_depth)

WIDE = {"description_width": "initial"}


def parse_batch(text):
    """'None' or '' -> None; a positive int -> int; anything else raises ValueError naming what was typed."""
    text = str(text).strip()
    if text.lower() in ("", "none"):
        return None
    if not text.isdigit() or int(text) < 1:
        raise ValueError(f"batch must be a positive whole number or None, got {text!r}")
    return int(text)


class StackExplorer(widgets.VBox):
    """Vary features, timesteps, batch, depth, units and return_sequences; watch shapes, parameters and the grid."""

    def __init__(self, state=None, *, figure=True, max_timesteps=8):
        state = state or StackState()
        self.max_timesteps, self.show_figure, self.view = max_timesteps, figure, None
        int_box = lambda value, desc, hi: widgets.BoundedIntText(value=value, min=1, max=hi, description=desc,
                                                                  continuous_update=False, style=WIDE,
                                                                  layout=widgets.Layout(width="170px"))
        self.features = int_box(state.features, "features", 100_000)
        self.timesteps = int_box(state.timesteps, "timesteps", 100_000)
        self.batch = widgets.Text(value=str(state.batch), description="batch", continuous_update=False, style=WIDE,
                                  placeholder="None or a number", layout=widgets.Layout(width="170px"))
        self.depth = widgets.IntSlider(value=state.depth, min=1, max=MAX_DEPTH, description="depth",
                                       continuous_update=False, style=WIDE)
        self.cell = widgets.Dropdown(options=list(CELLS), value=state.cell, description="cell", style=WIDE,
                                     layout=widgets.Layout(width="170px"))
        self.bidirectional = widgets.Checkbox(value=state.bidirectional, description="bidirectional", indent=False,
                                              layout=widgets.Layout(width="auto", margin="0 12px"))
        self.stateful = widgets.Checkbox(value=state.stateful, description="stateful", indent=False,
                                         layout=widgets.Layout(width="auto"))
        self.head = widgets.Dropdown(options=list(HEADS), value=state.head, description="head", style=WIDE,
                                     layout=widgets.Layout(width="260px"))
        self.head_units = int_box(state.head_units, "head units", 100_000)
        self.units, self.return_sequences = [], []
        self.layer_box = widgets.VBox()
        self.total = widgets.HTML(layout=widgets.Layout(margin="4px 0"))
        self.table = widgets.HTML()
        self.error = widgets.HTML()
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.check_button = widgets.Button(description="Check with Keras", icon="check",
                                           tooltip="build this stack in Keras 3 and compare its summary")
        self.keras = widgets.HTML()
        self._rebuild_layers(state)
        for control in (self.features, self.timesteps, self.batch, self.cell, self.bidirectional, self.stateful,
                        self.head, self.head_units):
            control.observe(self._changed, names="value")
        self.depth.observe(self._depth_changed, names="value")
        self.check_button.on_click(self._check_with_keras)
        top = widgets.HBox([self.features, self.timesteps, self.batch])
        kind = widgets.HBox([self.cell, self.bidirectional, self.stateful])
        head = widgets.HBox([self.head, self.head_units])
        super().__init__([top, self.depth, self.layer_box, kind, head, self.error, self.table, self.total,
                          self.image, widgets.HBox([self.check_button]), self.keras])
        self.add_class("lstmlab-stack-explorer")
        self.update()

    # -- controls -> state ------------------------------------------------------------------------
    def _rebuild_layers(self, state):
        """One row of controls per layer: 'units k' and 'return_sequences k' (the old ones are closed)."""
        for old in [*self.units, *self.return_sequences, *self.layer_box.children]:
            old.close()
        self.units = [widgets.BoundedIntText(value=u, min=1, max=100_000, description=f"units {k}",
                                             continuous_update=False, style=WIDE, layout=widgets.Layout(width="170px"))
                      for k, u in enumerate(state.units, 1)]
        self.return_sequences = [widgets.Checkbox(value=s, description=f"return_sequences {k}", indent=False,
                                                  layout=widgets.Layout(width="auto", margin="0 12px"))
                                 for k, s in enumerate(state.return_sequences, 1)]
        for control in self.units + self.return_sequences:
            control.observe(self._changed, names="value")
        self.layer_box.children = [widgets.HBox([u, s]) for u, s in zip(self.units, self.return_sequences)]

    @property
    def state(self):
        """The frozen StackState the controls describe (raises ValueError for an unreadable batch)."""
        return StackState(features=self.features.value, timesteps=self.timesteps.value,
                          batch=parse_batch(self.batch.value), units=tuple(u.value for u in self.units),
                          return_sequences=tuple(s.value for s in self.return_sequences), cell=self.cell.value,
                          bidirectional=self.bidirectional.value, head=self.head.value,
                          head_units=self.head_units.value, stateful=self.stateful.value)

    def control(self, description):
        """The control whose description is `description` (e.g. 'units 2'), as tests and screen readers find it."""
        for c in [self.features, self.timesteps, self.batch, self.depth, self.cell, self.bidirectional,
                  self.stateful, self.head, self.head_units, *self.units, *self.return_sequences]:
            if c.description == description:
                return c
        raise KeyError(f"no control described {description!r}")

    def _depth_changed(self, change):
        old = StackState(units=tuple(u.value for u in self.units),
                         return_sequences=tuple(s.value for s in self.return_sequences))
        self._rebuild_layers(with_depth(old, change["new"]))
        self.update()

    def _changed(self, change):
        self.update()

    # -- state -> views ---------------------------------------------------------------------------
    def update(self, figure=None):
        """Recompute the table and total (and the diagram unless figure=False) from the controls."""
        self.keras.value = ""
        try:
            state = self.state
        except ValueError as exc:
            self.view = None
            self.error.value = ("<div class='lstmlab-error' style='color:#9b2c2c'>"
                                f"{html.escape(str(exc))}</div>")
            self.table.value, self.total.value = "", "Total params: -"
            return
        self.view = view = stack_view(state)
        self.error.value, self.table.value = view.error, view.table
        self.total.value = f"<b class='lstmlab-total'>{view.total}</b>"
        self.check_button.disabled = view.stack is None
        draw = self.show_figure if figure is None else figure
        if view.stack is None:
            self.image.layout.display = "none"
        elif draw:
            try:
                self.image.value = stack_png(view.stack, self.max_timesteps)
                self.image.layout.display = None
            except Exception as exc:  # a drawing bug must not leave a traceback in the learner's log
                self.image.layout.display = "none"
                self.error.value = f"<div class='lstmlab-error'>could not draw the diagram: {html.escape(str(exc))}</div>"

    @property
    def total_text(self):
        """'Total params: 29,568' (or 'Total params: -' when the stack does not build)."""
        return self.view.total if self.view else "Total params: -"

    def _check_with_keras(self, button=None):
        """Build the current stack in Keras (Keras is imported only now) and show its verdict."""
        if self.view is None or self.view.stack is None:
            return
        self.keras.value = "<i>building the model in Keras...</i>"
        try:
            from .stack_core import compare_with_keras
            pairs, keras_total = compare_with_keras(self.view.stack)
        except Exception as exc:  # Keras missing, or Keras rejects it: say so inside the widget
            self.keras.value = f"<div class='lstmlab-error'>Keras could not build it: {html.escape(str(exc))}</div>"
            return
        self.keras.value = comparison_html(self.view.stack, pairs, keras_total)
