"""ShapeQuiz: read a Keras model, type each layer's output shape and parameter count, get each miss explained."""
import html

import ipywidgets as widgets

from .quiz_core import grade, keras_code, questions


class ShapeQuiz(widgets.VBox):
    """Predict the shapes: a model definition, one answer box per layer and field, and a Check button."""

    def __init__(self, question=0):
        self.questions = questions()
        self.question = widgets.Dropdown(options=[(f"model {k + 1}", k) for k in range(len(self.questions))],
                                         value=question, description="question")
        self.code = widgets.HTML()
        self.answers = widgets.VBox()
        self.check_button = widgets.Button(description="Check", icon="check")
        self.feedback = widgets.HTML()
        self.question.observe(lambda change: self.show(), names="value")
        self.check_button.on_click(lambda button: self.check())
        super().__init__([self.question, self.code, self.answers, self.check_button, self.feedback])
        self.add_class("lstmlab-shape-quiz")
        self.show()

    @property
    def stack(self):
        return self.questions[self.question.value]

    def show(self):
        """Show the current model and empty answer boxes: 'output shape k' and 'params k'."""
        self.code.value = f"<pre>{html.escape(keras_code(self.stack))}</pre>"
        self.shape_boxes = [widgets.Text(description=f"output shape {k}", placeholder="(None, ...)",
                                         style={"description_width": "initial"}) for k in range(1, len(self.stack.layers) + 1)]
        self.param_boxes = [widgets.Text(description=f"params {k}", placeholder="a whole number",
                                         style={"description_width": "initial"}) for k in range(1, len(self.stack.layers) + 1)]
        self.answers.children = [widgets.HBox([s, p]) for s, p in zip(self.shape_boxes, self.param_boxes)]
        self.feedback.value = ""

    def check(self):
        """Grade the typed answers and explain each miss."""
        self.marks = grade(self.stack, [(s.value, p.value) for s, p in zip(self.shape_boxes, self.param_boxes)])
        right = sum(m.ok for m in self.marks)
        items = "".join(
            f"<li>layer {m.layer} {m.field}: " + ("<span style='color:#22543d'>right</span>" if m.ok else
                                                   f"<span style='color:#9b2c2c'>expected {m.expected}, got "
                                                   f"{html.escape(m.got) or 'nothing'}</span>: {html.escape(m.why)}")
            + "</li>" for m in self.marks)
        self.feedback.value = f"<p class='lstmlab-quiz-score'><b>{right} of {len(self.marks)} right</b></p><ul>{items}</ul>"
