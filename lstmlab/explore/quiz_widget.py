"""ShapeQuiz: read a Keras model, type each layer's output shape and parameter count, get each miss explained."""
import html

import ipywidgets as widgets

from ..messages import msg
from .quiz_core import feedback_html, grade, keras_code, layer_code, questions
from .shell import INVALID, WIDE, button, mark, row, style_sheet
from .stack_core import CODE_BLOCK


class ShapeQuiz(widgets.VBox):
    """Predict the shapes: a model definition, one answer box per layer and field, Check (or Enter in any box).

    A miss gets a hint that names the likely mistake; the answers appear only after "Show the answers".
    """

    def __init__(self, question=0, lesson=None):
        self.questions = questions(lesson)  # lesson=N: only what lessons 01 to N teach
        models = [(msg("explore.quiz.model", k=k + 1), k) for k in range(len(self.questions))]
        self.question = widgets.Dropdown(options=models, value=question, description=msg("explore.quiz.question"))
        self.code = widgets.HTML()
        self.answers = widgets.VBox()
        self.check_button = button(msg("explore.quiz.check"), icon="check", tooltip=msg("explore.quiz.check_tooltip"))
        self.answers_button = button(msg("explore.quiz.show_answers"), icon="eye",
                                     tooltip=msg("explore.quiz.answers_tooltip"))
        self.next_button = button(msg("explore.quiz.next"), icon="arrow-right", button_style="success")
        self.next_button.layout.display = "none"  # after a full score
        self.why_no_answers = widgets.HTML()  # why "Show the answers" cannot be pressed yet
        self.feedback = widgets.HTML()
        self.marks, self.shown = None, False
        self.next_button.on_click(lambda button: self.next_question())
        self.question.observe(lambda change: self.show(), names="value")
        self.check_button.on_click(lambda button: self.check())
        self.answers_button.on_click(lambda button: self.show_answers())
        super().__init__([style_sheet(), self.question, self.code, self.answers,
                          row([self.check_button, self.answers_button, self.why_no_answers, self.next_button]),
                          self.feedback])
        self.add_class("lstmlab-shape-quiz")
        self.show()

    @property
    def stack(self):
        return self.questions[self.question.value]

    def _box(self, description, placeholder):
        # continuous_update: the text reaches the kernel as it is typed, so it is there before Enter's submit message
        box = widgets.Text(description=description, placeholder=placeholder, continuous_update=True, style=WIDE)
        box.on_msg(self._submitted)
        return box

    def _submitted(self, box, content, buffers):
        """Enter in an answer box (the front end sends {'event': 'submit'}) checks the answers."""
        if content.get("event") == "submit":
            self.check()

    def show(self):
        """Show the current model and empty answer boxes: 'output shape k' and 'params k'."""
        self.code.value = f"<pre style='{CODE_BLOCK}'>{html.escape(keras_code(self.stack))}</pre>"
        n = len(self.stack.layers)
        self.shape_boxes = [self._box(msg("explore.quiz.shape_box", k=k), "(None, ...)") for k in range(1, n + 1)]
        self.param_boxes = [self._box(msg("explore.quiz.params_box", k=k), msg("explore.quiz.params_placeholder"))
                            for k in range(1, n + 1)]
        names = [widgets.HTML(f"<span class='lstmlab-quiz-layer'>{msg('explore.quiz.layer', k=k)}: "
                              f"<code>{html.escape(code)}</code></span>")
                 for k, code in enumerate(layer_code(self.stack), 1)]
        self.answers.children = [widgets.VBox([name, row([s, p])]) for name, s, p in
                                 zip(names, self.shape_boxes, self.param_boxes)]
        self.feedback.value, self.marks, self.shown = "", None, False
        self.answers_button.disabled = True
        self.why_no_answers.value = f"<i>{msg('explore.quiz.answers_after_check')}</i>"
        self.next_button.layout.display = "none"

    def check(self):
        """Grade the typed answers: a hint per miss (the answers stay hidden unless they were asked for)."""
        self.marks = grade(self.stack, [(s.value, p.value) for s, p in zip(self.shape_boxes, self.param_boxes)])
        full = all(m.ok for m in self.marks)
        self.answers_button.disabled = full
        self.why_no_answers.value = f"<i>{msg('explore.quiz.all_right')}</i>" if full else ""
        for box, m in zip([b for pair in zip(self.shape_boxes, self.param_boxes) for b in pair], self.marks):
            mark(box, INVALID, not m.ok)  # each miss marked where it was typed
        last = self.question.value == len(self.questions) - 1
        self.next_button.layout.display = None if full and not last else "none"
        self.feedback.value = feedback_html(self.marks, answers=self.shown)

    def next_question(self):
        """After a full score: the next model, with empty boxes."""
        if self.question.value < len(self.questions) - 1:
            self.question.value += 1

    def show_answers(self):
        """On request: the expected answers, each explained."""
        if self.marks is None:
            self.check()
        self.shown = True
        self.feedback.value = feedback_html(self.marks, answers=True)
