"""The predict-the-shape quiz's core: questions (Stacks), their Keras 3 code, and grading that explains misses.

A miss first gets a hint (the rule, and the mistake by name when the answer is a classic one: a missing bias, a
missing batch axis, ...) but not the answer; the answers come only when asked for (feedback_html(..., answers=True)).
"""
import html
import re
from dataclasses import dataclass, replace

from ..messages import msg
from ..reference.validate import fmt_shape
from ..shapes.specs import GRU, LSTM, Bidirectional, Dense, Dropout, TimeDistributed, is_recurrent
from ..shapes.stack import Stack


QUESTIONS = [  # (the lesson that teaches it, the model): stacking, units, return_sequences, Bidirectional, heads
    (4, Stack((5, 2), [LSTM(64, return_sequences=True), LSTM(32)])),
    (4, Stack((5, 2), [LSTM(64, return_sequences=True), LSTM(32, return_sequences=True)])),
    (2, Stack((10, 3), [LSTM(8)])),
    (3, Stack((2, 4), [LSTM(50), Dense(1)])),
    (4, Stack((7, 1), [GRU(16, return_sequences=True), TimeDistributed(Dense(2))])),
    (4, Stack((20, 6), [Bidirectional(LSTM(32, return_sequences=True)), LSTM(16), Dropout(0.2), Dense(3)])),
    (2, Stack((7, 3), [LSTM(4, return_sequences=True)])),
    (3, Stack((1, 4), [LSTM(10), Dense(1)])),
    (3, Stack((1, 4), [LSTM(10, return_sequences=True), Dense(7)])),
    (5, Stack((4, 1), [LSTM(4, stateful=True)], batch_size=1)),
]


def questions(lesson=None):
    """The quiz's models, from the seed questions; lesson=N keeps only those that lessons 01 to N teach."""
    return [stack for taught, stack in QUESTIONS if lesson is None or taught <= lesson]


def _spec_code(spec):
    if isinstance(spec, Bidirectional):
        return f"keras.layers.Bidirectional({_spec_code(spec.layer)})"
    if isinstance(spec, TimeDistributed):
        return f"keras.layers.TimeDistributed({_spec_code(spec.layer)})"
    if isinstance(spec, Dense):
        return f"keras.layers.Dense({spec.units})"
    if isinstance(spec, Dropout):
        return f"keras.layers.Dropout({spec.rate})"
    args = [str(spec.units)] + [f"{flag}=True" for flag in ("return_sequences", "stateful") if getattr(spec, flag)]
    return f"keras.layers.{spec.kind}({', '.join(args)})"


def keras_code(stack):
    """The Keras 3 code that builds `stack`."""
    if stack.batch_size is None:
        first = f"    keras.Input(shape=({stack.timesteps}, {stack.features})),"
    else:
        first = f"    keras.Input(batch_shape=({stack.batch_size}, {stack.timesteps}, {stack.features})),"
    body = "\n".join(f"    {_spec_code(spec)}," for spec in stack.layers)
    return f"model = keras.Sequential([\n{first}\n{body}\n])"


def parse_shape(text):
    """'(None, 5, 64)', 'None,5,64' or '(batch, 64)' -> (None, 5, 64); raises ValueError when unreadable."""
    parts = [p.strip() for p in str(text).strip().strip("()[]").split(",") if p.strip()]
    if not parts:
        raise ValueError(msg("explore.quiz.shape_empty", text=text))
    out = []
    for p in parts:
        if p.lower() in ("none", "batch", "?"):
            out.append(None)
        elif p.isdigit():
            out.append(int(p))
        else:
            raise ValueError(msg("explore.quiz.shape_part", part=p, text=text))
    return tuple(out)


def parse_count(text):
    """'12416', '12,416' or '12_416' -> 12416; raises ValueError when unreadable."""
    cleaned = re.sub(r"[,_\s]", "", str(text))
    if not cleaned.isdigit():
        raise ValueError(msg("explore.quiz.count_unreadable", text=text))
    return int(cleaned)


@dataclass(frozen=True)
class Mark:
    """One graded answer: which layer and field, right or not, a hint that does not give the answer away, the
    classic mistake it looks like (if any), and the full explanation with the answer (why) for when it is asked for."""

    layer: int
    field: str  # "output shape" or "params" (stable names: feedback_html words them in the language in use)
    ok: bool
    expected: str
    got: str
    why: str
    hint: str = ""
    mistake: str = ""  # e.g. "missing bias", "missing batch dimension"; "" when the miss is not a classic one


def _inner(spec):
    return spec.layer if isinstance(spec, (Bidirectional, TimeDistributed)) else spec


def _shape_why(row, spec, got):
    if got is not None and got == row.output_shape[1:]:
        return msg("explore.quiz.why_batch_first", why=_shape_why(row, spec, row.output_shape))
    if not is_recurrent(spec):
        return msg("explore.quiz.why_last_axis", kind=spec.kind, last=row.output_shape[-1])
    if got is not None and len(got) != len(row.output_shape):
        return msg("explore.quiz.why_sequences_true" if spec.return_sequences else "explore.quiz.why_sequences_false")
    if isinstance(spec, Bidirectional):
        return msg("explore.quiz.why_bidirectional", inner=spec.layer.units, units=spec.units)
    return msg("explore.quiz.why_units", units=spec.units, batch=row.output_shape[0])


def _shape_hint(row, spec, got):
    """(mistake, hint) for a readable shape that is wrong; the hint states the rule, not the answer."""
    want = row.output_shape
    if len(got) == len(want) - 1 and got == want[1:]:
        return msg("explore.mistake.missing_batch"), msg("explore.hint.missing_batch")
    if len(got) == len(want) and got[1:] == want[1:]:
        return msg("explore.mistake.wrong_batch"), msg("explore.hint.batch_free" if want[0] is None else
                                                        "explore.hint.batch_fixed")
    if is_recurrent(spec) and len(got) != len(want):
        flag = "return_sequences=True" if spec.return_sequences else msg("explore.quiz.sequences_default")
        return msg("explore.mistake.sequences_mixed"), msg("explore.hint.sequences", flag=flag)
    if len(got) == len(want) and got[:-1] == want[:-1]:
        if isinstance(spec, Bidirectional):
            return msg("explore.mistake.one_direction"), msg("explore.hint.one_direction")
        if is_recurrent(spec):
            return msg("explore.mistake.wrong_units"), msg("explore.hint.units")
        return msg("explore.mistake.wrong_last_axis"), msg("explore.hint.last_axis", kind=spec.kind)
    if len(got) == len(want) == 3 and got[1] != want[1]:
        return msg("explore.mistake.wrong_timesteps"), msg("explore.hint.timesteps")
    return "", msg("explore.hint.shape_rule")


def _params_why(row, spec):
    if row.params == 0:
        return msg("explore.quiz.why_no_weights", kind=spec.kind)
    why = msg("explore.quiz.why_params", formula=row.formula_line)
    if isinstance(spec, (LSTM, Bidirectional)) and getattr(spec, "kind", "") in ("LSTM", "Bidirectional"):
        why = msg("explore.quiz.why_lstm", why=why)
    return why


def _rule(spec):
    """The parameter formula of a layer kind in words (no numbers: a hint, not the answer)."""
    inner = _inner(spec)
    if isinstance(inner, Dense):
        rule = msg("explore.rule.dense")
    elif isinstance(inner, GRU) and inner.reset_after:
        rule = msg("explore.rule.gru")
    elif inner.gates == 1:
        rule = msg("explore.rule.one_gate")
    else:
        rule = msg("explore.rule.gates", gates=inner.gates)
    return msg("explore.rule.bidirectional", rule=rule) if isinstance(spec, Bidirectional) else rule


def _params_hint(stack, row, spec, count):
    """(mistake, hint) for a parameter count that is wrong: named when it is a classic miss."""
    inner, features = _inner(spec), row.input_shape[-1]
    copies = 2 if isinstance(spec, Bidirectional) else 1
    if row.params == 0:
        return msg("explore.mistake.no_weights"), msg("explore.hint.no_weights", kind=spec.kind)
    rule = _rule(spec)
    named = []  # (count, mistake, hint), the first match wins
    bias = msg("explore.quiz.bias_dense" if isinstance(inner, Dense) else
               "explore.quiz.bias_gru" if isinstance(inner, GRU) and inner.reset_after else
               "explore.quiz.bias_gates" if inner.gates > 1 else "explore.quiz.bias_unit")
    named.append((copies * replace(inner, use_bias=False).params(features)[0], msg("explore.mistake.missing_bias"),
                  msg("explore.hint.missing_bias", bias=bias, rule=rule)))
    if is_recurrent(spec):
        u, g = inner.units, inner.gates
        if isinstance(inner, GRU) and inner.reset_after:
            named.append((copies * g * (u * (features + u) + u), msg("explore.mistake.gru_one_bias"),
                          msg("explore.hint.gru_one_bias")))
        named.append((copies * inner.params(features)[0] // g, msg("explore.mistake.missing_gates"),
                      msg("explore.hint.missing_gates", kind=inner.kind, gates=g)))
        named.append((copies * g * (u * features + u), msg("explore.mistake.missing_recurrent"),
                      msg("explore.hint.missing_recurrent")))
        if copies == 2:
            named.append((inner.params(features)[0], msg("explore.mistake.bidirectional_once"),
                          msg("explore.hint.bidirectional_once")))
        if row.index > 1 and features != stack.features:
            named.append((copies * inner.params(stack.features)[0], msg("explore.mistake.wrong_features"),
                          msg("explore.hint.wrong_features", layer=row.index, previous=row.index - 1)))
    if stack.timesteps:
        named.append((row.params * stack.timesteps, msg("explore.mistake.per_step"), msg("explore.hint.per_step")))
    for value, mistake, hint in named:
        if count == value and value != row.params:
            return mistake, hint
    return "", msg("explore.hint.params_rule", rule=rule)


def grade(stack, answers):
    """answers: [(output shape text, params text)] per layer -> [Mark]; misses get a hint and say what the rule is."""
    rows = stack.summary()
    if len(answers) != len(rows):
        raise ValueError(msg("explore.quiz.answer_count", layers=len(rows), answers=len(answers)))
    marks = []
    for row, spec, (shape_text, params_text) in zip(rows, stack.layers, answers):
        mistake = hint = ""
        try:
            got = parse_shape(shape_text)
            ok = got == row.output_shape
            if not ok:
                mistake, hint = _shape_hint(row, spec, got)
        except ValueError as exc:  # the hint says how to write it; the answer, when asked for, the rule
            got, ok = None, False
            hint = str(exc) if str(shape_text).strip() else msg("explore.quiz.type_shape")
        marks.append(Mark(row.index, "output shape", ok, fmt_shape(row.output_shape), str(shape_text),
                          "" if ok else _shape_why(row, spec, got), hint, mistake))
        mistake = hint = ""
        try:
            count = parse_count(params_text)
            ok = count == row.params
            if not ok:
                mistake, hint = _params_hint(stack, row, spec, count)
        except ValueError as exc:
            ok = False
            hint = str(exc) if str(params_text).strip() else msg("explore.quiz.type_params")
        marks.append(Mark(row.index, "params", ok, f"{row.params:,}", str(params_text),
                          "" if ok else _params_why(row, spec), hint, mistake))
    return marks


def _sentence_case(text):
    """The first letter upper-cased, unless the text starts with code (return_sequences, kernel.T stay as written)."""
    first = text.split(" ", 1)[0]
    return text if re.search(r"[_.=()]", first) else text[:1].upper() + text[1:]


def layer_code(stack):
    """Per layer, the code line that makes it ('keras.layers.LSTM(64, return_sequences=True)'), as the quiz shows."""
    return [_spec_code(spec) for spec in stack.layers]


def feedback_html(marks, answers=False):
    """The quiz's verdict: the score, then per miss a hint (and the mistake's name); the answers only if asked."""
    right = sum(m.ok for m in marks)
    items = []
    for m in marks:
        where = msg("explore.quiz.where_shape" if m.field == "output shape" else "explore.quiz.where_params",
                    layer=m.layer)
        if m.ok:
            verdict = f"<span style='color:#22543d'>{msg('explore.quiz.right')}</span>"
            line = msg("explore.quiz.right_line", where=where, verdict=verdict)
            items.append(f"<li class='lstmlab-right'>{line}</li>")
            continue
        named = msg("explore.quiz.named", mistake=_sentence_case(m.mistake)) if m.mistake else ""
        named = f"<b>{html.escape(named)}</b> " if named else ""
        hint = html.escape(_sentence_case(m.hint))
        verdict = f"<span style='color:#9b2c2c'>{msg('explore.quiz.not_yet')}</span>"
        line = msg("explore.quiz.miss_line", where=where, verdict=verdict, named=named, hint=hint)
        text = f"<li class='lstmlab-miss'>{line}"
        if answers:
            answer = msg("explore.quiz.answer", expected=f"<b>{html.escape(m.expected)}</b>",
                         got=html.escape(m.got) or msg("explore.quiz.nothing"), why=html.escape(m.why))
            text += f"<div class='lstmlab-answer'>{answer}</div>"
        items.append(text + "</li>")
    score = msg("explore.quiz.score", right=right, total=len(marks))
    return f"<p class='lstmlab-quiz-score'><b>{score}</b></p><ul>{''.join(items)}</ul>"
