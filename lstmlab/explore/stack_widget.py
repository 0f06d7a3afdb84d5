"""StackExplorer: the thin ipywidgets shell over stack_core (controls -> StackState -> table, total, diagram)."""
import html

import ipywidgets as widgets

from ..messages import msg
from .shell import (INVALID, STALE, WIDE, button, mark, picture_image, row, show_picture, slider_layout,
                    style_sheet)
from .stack_core import (CELLS, HEADS, MAX_DEPTH, StackState, box_label, broken_picture, comparison_html, read_state,
                         stack_fix, stack_picture, stack_view, table_html, with_depth)


def size_box(value, description):
    """A text box for a size (features, timesteps, units): what is typed is checked, never clamped to 1."""
    return widgets.Text(value=str(value), description=description, continuous_update=True, style=WIDE,
                        layout=widgets.Layout(width="170px"))


class StackExplorer(widgets.VBox):
    """Vary features, timesteps, batch, depth, units and return_sequences; watch shapes, parameters and the grid."""

    def __init__(self, state=None, *, figure=True, max_timesteps=8, predict=False):
        """predict=True: predict, then reveal: after each change the new shapes and counts stay hidden until a guess
        for every layer is typed and revealed; misses are tallied per classic mistake, with the lesson for each."""
        state = state or StackState()
        self.predict = predict
        self.max_timesteps, self.show_figure, self.view = max_timesteps, figure, None
        self.features = size_box(state.features, "features")
        self.timesteps = size_box(state.timesteps, "timesteps")
        self.batch = widgets.Text(value=str(state.batch), description="batch", continuous_update=True, style=WIDE,
                                  placeholder=msg("explore.stack.batch_placeholder"),
                                  layout=widgets.Layout(width="170px"))
        self.depth = widgets.IntSlider(value=state.depth, min=1, max=MAX_DEPTH, description=msg("explore.stack.depth"),
                                       continuous_update=False, style=WIDE, layout=slider_layout())
        self.cell = widgets.Dropdown(options=list(CELLS), value=state.cell, description=msg("explore.stack.cell"),
                                     style=WIDE, layout=widgets.Layout(width="170px"))
        self.bidirectional = widgets.Checkbox(value=state.bidirectional, description=msg("explore.stack.bidirectional"),
                                              indent=False, layout=widgets.Layout(width="auto", margin="0 12px"))
        self.stateful = widgets.Checkbox(value=state.stateful, description="stateful", indent=False,
                                         layout=widgets.Layout(width="auto"))
        heads = [(msg("explore.stack.head_none") if h == "none" else h, h) for h in HEADS]
        self.head = widgets.Dropdown(options=heads, value=state.head, description=msg("explore.stack.head"), style=WIDE,
                                     layout=widgets.Layout(width="260px"))
        self.head_units = size_box(state.head_units, box_label("head units"))
        self.units, self.return_sequences = [], []
        self.layer_box = widgets.VBox()
        # linked views: a click on a layer's number tints its table row and outlines its boxes in the diagram
        self.highlight = widgets.ToggleButtons(options=[(msg("explore.stack.highlight_none"), 0)], value=0,
                                               description=msg("explore.stack.highlight"), style=WIDE,
                                               tooltips=[], layout=widgets.Layout(width="auto"))
        self.highlight.style.button_width = "auto"
        self.highlight.add_class("lstmlab-highlight-picker")
        self.total = widgets.HTML(layout=widgets.Layout(margin="4px 0"))
        self.table = widgets.HTML()
        self.error = widgets.HTML()
        self.image = picture_image()
        self.broken_image = picture_image()  # a stack that does not build: where it breaks (under the greyed last good)
        self.broken_image.add_class("lstmlab-broken-diagram")
        self.broken_box = widgets.VBox()  # holds broken_image only while shown: no empty image in the page otherwise
        self.check_button = button(msg("explore.stack.check_keras"), icon="check",
                                   tooltip=msg("explore.stack.check_keras_tooltip"))
        self.keras = widgets.HTML()
        self.why_disabled = widgets.HTML()  # why Check with Keras cannot be pressed now
        self.fix_button = button("", icon="wrench", button_style="warning")
        self.fix_button.layout.display = "none"
        self.fix_button.on_click(self._apply_fix)
        self.fix = None  # the StackState the fix button gives
        self.good = None  # the last StackView that built: kept on show, greyed, while the controls do not
        self.guess = widgets.VBox()  # predict mode: one row of boxes per layer, a Reveal button, the verdict, the tally
        self.revealed = not predict
        self._rebuild_layers(state)
        for control in (self.features, self.timesteps, self.batch, self.cell, self.bidirectional, self.stateful,
                        self.head, self.head_units):
            control.observe(self._changed, names="value")
        self.depth.observe(self._depth_changed, names="value")
        self.highlight.observe(self._highlight_changed, names="value")
        self.check_button.on_click(self._check_with_keras)
        top = row([self.features, self.timesteps, self.batch])
        kind = row([self.cell, self.bidirectional, self.stateful])
        head = row([self.head, self.head_units])
        super().__init__([style_sheet(), top, self.depth, self.layer_box, kind, head, self.error,
                          row([self.fix_button]), self.guess, self.highlight, self.table, self.total, self.image,
                          self.broken_box,
                          row([self.check_button, self.why_disabled]), self.keras])
        self.add_class("lstmlab-stack-explorer")
        self.update()

    # -- controls -> state ------------------------------------------------------------------------
    def _rebuild_layers(self, state):
        """One row of controls per layer: 'units k' and 'return_sequences k' (the old ones are closed)."""
        for old in [*self.units, *self.return_sequences, *self.layer_box.children]:
            old.close()
        self.units = [size_box(u, f"units {k}") for k, u in enumerate(state.units, 1)]
        self.return_sequences = [widgets.Checkbox(value=s, description=f"return_sequences {k}", indent=False,
                                                  layout=widgets.Layout(width="auto", margin="0 12px"))
                                 for k, s in enumerate(state.return_sequences, 1)]
        for control in self.units + self.return_sequences:
            control.observe(self._changed, names="value")
        self.layer_box.children = [row([u, s]) for u, s in zip(self.units, self.return_sequences)]
        picked = self.highlight.value if self.highlight.value <= len(self.units) else 0
        self._rebuilding = True  # new options, the pick kept: update() redraws once, after
        self.highlight.options = [(msg("explore.stack.highlight_none"), 0)] + [
            (str(k), k) for k in range(1, len(self.units) + 1)]
        self.highlight.value = picked
        self._rebuilding = False

    def read(self):
        """(StackState or None, {box name: what is wrong}) from the controls as typed (stack_core.read_state)."""
        return read_state(features=self.features.value, timesteps=self.timesteps.value, batch=self.batch.value,
                          units=[u.value for u in self.units],
                          return_sequences=[s.value for s in self.return_sequences], cell=self.cell.value,
                          bidirectional=self.bidirectional.value, head=self.head.value,
                          head_units=self.head_units.value, stateful=self.stateful.value)

    @property
    def state(self):
        """The frozen StackState the controls describe (raises ValueError naming every box that cannot be read)."""
        state, problems = self.read()
        if problems:
            raise ValueError("; ".join(problems.values()))
        return state

    def named_controls(self):
        """{stable name: control}: the English descriptions ('units 2', 'head units'), whatever language is shown."""
        named = {"features": self.features, "timesteps": self.timesteps, "batch": self.batch, "depth": self.depth,
                 "cell": self.cell, "bidirectional": self.bidirectional, "stateful": self.stateful, "head": self.head,
                 "head units": self.head_units}
        named.update({f"units {k}": c for k, c in enumerate(self.units, 1)})
        named.update({f"return_sequences {k}": c for k, c in enumerate(self.return_sequences, 1)})
        return named

    def control(self, description):
        """The control named `description` (e.g. 'units 2'; in English, its description), as tests find it."""
        try:
            return self.named_controls()[description]
        except KeyError:
            raise KeyError(f"no control described {description!r}") from None  # not learner-facing

    def _depth_changed(self, change):
        old = StackState(units=tuple(u.value for u in self.units),  # the text as typed, kept for kept layers
                         return_sequences=tuple(s.value for s in self.return_sequences))
        self._rebuild_layers(with_depth(old, change["new"]))
        self.update()

    def _changed(self, change):
        self.update()

    def _highlight_changed(self, change):
        """Linked views: the picked layer's row tinted and its boxes outlined (the last stack that built)."""
        if not self._rebuilding and self.good is not None and self.view is self.good:
            self._show(self.good, self.show_figure)

    def _show(self, view, draw):
        """The table, total and (if draw) diagram of a StackView that built, with the picked layer highlighted."""
        picked = self.highlight.value or None
        self.table.value = table_html(view.stack, picked) if picked else view.table
        self.total.value = f"<b class='lstmlab-total'>{view.total}</b>"
        if draw:
            try:
                show_picture(self.image, stack_picture(view.stack, self.max_timesteps, highlight=picked))
            except Exception as exc:  # a drawing bug must not leave a traceback in the learner's log
                self.image.layout.display = "none"
                self.error.value = (f"<div class='lstmlab-error'>"
                                    f"{msg('explore.stack.draw_failed', error=html.escape(str(exc)))}</div>")

    # -- state -> views ---------------------------------------------------------------------------
    def update(self, figure=None):
        """Recompute the table and total (and the diagram unless figure=False) from the controls.

        A box that cannot be read ('abc', 0, -3) is marked and explained in place; a configuration that does not
        build is explained (with a one-click fix when one change fixes it). Either way the last stack that built
        stays on show, greyed, and the page says why Check with Keras cannot be pressed.
        """
        self.keras.value = ""
        state, problems = self.read()
        for name, box in self.named_controls().items():
            if isinstance(box, widgets.Text):  # the boxes typed in: sizes and batch
                mark(box, INVALID, name in problems)
        view = None if problems else stack_view(state)
        broken = bool(problems) or view.stack is None
        self.fix = stack_fix(state) if view is not None and view.stack is None else None
        self.fix_button.description = self.fix[0] if self.fix else ""
        self.fix_button.layout.display = None if self.fix else "none"
        self.check_button.disabled = broken
        self.why_disabled.value = (f"<i class='lstmlab-why-disabled'>{msg('explore.stack.check_disabled')}</i>"
                                   if broken else "")
        for shown in (self.table, self.total, self.image):
            mark(shown, STALE, broken)
        stale = f"<br><i>{msg('explore.stack.stale')}</i>" if self.good is not None else ""
        if problems:
            self.broken_box.children = []
            self.error.value = ("<div class='lstmlab-error' style='color:#9b2c2c'>"
                                + "<br>".join(html.escape(message) for message in problems.values()) + stale + "</div>")
            return
        self.view = view
        pic = broken_picture(state, self.max_timesteps) if view.stack is None and self.show_figure else None
        if pic is not None:
            show_picture(self.broken_image, pic)
        self.broken_box.children = [] if pic is None else [self.broken_image]
        if view.stack is None:  # the engine's explanation; the last good stack stays, greyed
            self.error.value = view.error + (f"<div><i>{msg('explore.stack.stale')}</i></div>" if stale else "")
            return
        self.good = view
        if self.predict:
            self._ask(view.stack)
        self.error.value = view.error
        self._show(view, self.show_figure if figure is None else figure)

    # -- predict, then reveal ------------------------------------------------------------------------
    def _ask(self, stack):
        """Hide the new shapes and counts; ask for a guess per layer (the quiz's boxes and grading)."""
        from .quiz_core import layer_code
        if not hasattr(self, "tally"):
            from .predict_core import Tally
            self.tally = Tally()
        self.revealed = False
        for shown in (self.table, self.total, self.image):
            shown.layout.visibility = "hidden"
        box = lambda description: widgets.Text(description=description, continuous_update=True, style=WIDE,
                                               layout=widgets.Layout(width="220px"))
        self.guess_boxes = [(box(msg("explore.quiz.shape_box", k=k)), box(msg("explore.quiz.params_box", k=k)))
                            for k in range(1, len(stack.layers) + 1)]
        reveal = button(msg("explore.predict.reveal"), icon="eye")
        reveal.on_click(lambda b: self.reveal())
        self.guess_verdict = widgets.HTML()
        rows = [widgets.VBox([widgets.HTML(f"{msg('explore.quiz.layer', k=k)}: <code>{html.escape(code)}</code>"),
                              row(list(pair))])
                for k, (code, pair) in enumerate(zip(layer_code(stack), self.guess_boxes), 1)]
        self.guess.children = [widgets.HTML(f"<b>{msg('explore.predict.ask')}</b>"), *rows, row([reveal]),
                               self.guess_verdict, widgets.HTML(self.tally.html())]

    def reveal(self):
        """Grade the guesses, tally the misses, and show the shapes and counts."""
        from .quiz_core import feedback_html, grade
        if self.revealed or self.good is None:
            return
        marks = grade(self.good.stack, [(s.value, p.value) for s, p in self.guess_boxes])
        self.tally.add(marks)
        for (s, p), (ms, mp) in zip(self.guess_boxes, zip(marks[::2], marks[1::2])):
            mark(s, INVALID, not ms.ok)
            mark(p, INVALID, not mp.ok)
        self.guess_verdict.value = feedback_html(marks, answers=True)
        self.guess.children = [*self.guess.children[:-1], widgets.HTML(self.tally.html())]
        self.revealed = True
        for shown in (self.table, self.total, self.image):
            shown.layout.visibility = None

    def _apply_fix(self, button=None):
        """Set the controls to the fixed state (one change: a return_sequences box, or the batch box)."""
        if self.fix is None:
            return
        fixed = self.fix[1]
        for box, seq in zip(self.return_sequences, fixed.return_sequences):
            box.value = seq  # each change updates the views
        if str(fixed.batch) != self.batch.value.strip():
            self.batch.value = str(fixed.batch)

    @property
    def total_text(self):
        """'Total params: 29,568' (or 'Total params: -' when the stack does not build)."""
        return self.view.total if self.view else "Total params: -"

    def _check_with_keras(self, button=None):
        """Build the current stack in Keras (Keras is imported only now) and show its verdict."""
        if self.view is None or self.view.stack is None:
            return
        self.keras.value = f"<i>{msg('explore.stack.building')}</i>"
        try:
            from .stack_core import compare_with_keras
            pairs, keras_total = compare_with_keras(self.view.stack)
        except Exception as exc:  # Keras missing, or Keras rejects it: say so inside the widget
            self.keras.value = (f"<div class='lstmlab-error'>"
                                f"{msg('explore.stack.keras_failed', error=html.escape(str(exc)))}</div>")
            return
        self.keras.value = comparison_html(self.view.stack, pairs, keras_total)
