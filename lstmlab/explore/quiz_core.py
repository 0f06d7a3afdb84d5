"""The predict-the-shape quiz's core: questions (Stacks), their Keras 3 code, and grading that explains misses.

A miss first gets a hint (the rule, and the mistake by name when the answer is a classic one: a missing bias, a
missing batch axis, ...) but not the answer; the answers come only when asked for (feedback_html(..., answers=True)).
"""
import html
import re
from dataclasses import dataclass, replace

from ..reference.validate import fmt_shape
from ..shapes.specs import GRU, LSTM, Bidirectional, Dense, Dropout, TimeDistributed, is_recurrent
from ..shapes.stack import Stack


def questions():
    """The quiz's models, from the seed questions: stacking, units, return_sequences, Bidirectional, heads."""
    return [
        Stack((5, 2), [LSTM(64, return_sequences=True), LSTM(32)]),
        Stack((5, 2), [LSTM(64, return_sequences=True), LSTM(32, return_sequences=True)]),
        Stack((10, 3), [LSTM(8)]),
        Stack((2, 4), [LSTM(50), Dense(1)]),
        Stack((7, 1), [GRU(16, return_sequences=True), TimeDistributed(Dense(2))]),
        Stack((20, 6), [Bidirectional(LSTM(32, return_sequences=True)), LSTM(16), Dropout(0.2), Dense(3)]),
        Stack((4, 1), [LSTM(4, stateful=True)], batch_size=1),
    ]


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
        raise ValueError(f"write a shape like (None, 7, 3), got {text!r}")
    out = []
    for p in parts:
        if p.lower() in ("none", "batch", "?"):
            out.append(None)
        elif p.isdigit():
            out.append(int(p))
        else:
            raise ValueError(f"{p!r} in {text!r} is neither a number nor None; write a shape like (None, 7, 3)")
    return tuple(out)


def parse_count(text):
    """'12416', '12,416' or '12_416' -> 12416; raises ValueError when unreadable."""
    cleaned = re.sub(r"[,_\s]", "", str(text))
    if not cleaned.isdigit():
        raise ValueError(f"write the parameter count as a whole number like 1,234, got {text!r}")
    return int(cleaned)


@dataclass(frozen=True)
class Mark:
    """One graded answer: which layer and field, right or not, a hint that does not give the answer away, the
    classic mistake it looks like (if any), and the full explanation with the answer (why) for when it is asked for."""

    layer: int
    field: str  # "output shape" or "params"
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
        return "Keras shapes start with the batch axis; " + _shape_why(row, spec, row.output_shape)
    if not is_recurrent(spec):
        return f"{spec.kind} keeps every axis but the last, which becomes {row.output_shape[-1]}"
    if got is not None and len(got) != len(row.output_shape):
        if spec.return_sequences:
            return "return_sequences=True returns h at every step: (batch, timesteps, units)"
        return "return_sequences=False (the default) returns only the last step's h: (batch, units)"
    if isinstance(spec, Bidirectional):
        return f"Bidirectional concatenates forward and backward h: 2 x {spec.layer.units} = {spec.units}"
    return f"the last axis is units = {spec.units} (the size of h); the first axis is the batch, {row.output_shape[0]}"


def _shape_hint(row, spec, got):
    """(mistake, hint) for a readable shape that is wrong; the hint states the rule, not the answer."""
    want = row.output_shape
    if len(got) == len(want) - 1 and got == want[1:]:
        return "missing batch dimension", ("Keras shapes start with the batch axis: None while the batch size is free "
                                           "(or the fixed batch of batch_shape). Write it first.")
    if len(got) == len(want) and got[1:] == want[1:]:
        if want[0] is None:
            return "wrong batch axis", ("the model fixes no batch size (keras.Input(shape=...)), so the batch axis is "
                                       "None, whatever batch_size you later pass to fit or predict.")
        return "wrong batch axis", "this model fixes its batch with keras.Input(batch_shape=...): read the first axis there."
    if is_recurrent(spec) and len(got) != len(want):
        flag = "return_sequences=True" if spec.return_sequences else "return_sequences=False (the default)"
        return "return_sequences mixed up", (f"this layer has {flag}. True returns h at every step "
                                    "(batch, timesteps, units); False returns only the last step's h (batch, units).")
    if len(got) == len(want) and got[:-1] == want[:-1]:
        if isinstance(spec, Bidirectional):
            return "one direction only", ("Bidirectional runs the layer forwards and backwards and concatenates the "
                                           "two h: the last axis is twice the units.")
        if is_recurrent(spec):
            return "wrong units", "the last axis is the layer's units: the size of h (not cells, not timesteps)."
        return "wrong last axis", f"{spec.kind} changes only the last axis, to its own units."
    if len(got) == len(want) == 3 and got[1] != want[1]:
        return "wrong timesteps", "the middle axis is timesteps: layers keep the input's number of steps."
    return "", ("write the output as (batch, timesteps, units) when the layer returns every step, "
                "(batch, units) when it returns the last one.")


def _params_why(row, spec):
    if row.params == 0:
        return f"{spec.kind} has no weights"
    why = f"{row.formula_line}; it does not depend on timesteps"
    if isinstance(spec, (LSTM, Bidirectional)) and getattr(spec, "kind", "") in ("LSTM", "Bidirectional"):
        why = f"4 gates x (units x (input features + units) + units): {why}"
    return why


def _rule(spec):
    """The parameter formula of a layer kind in words (no numbers: a hint, not the answer)."""
    inner = _inner(spec)
    if isinstance(inner, Dense):
        rule = "input features x units + units"
    elif isinstance(inner, GRU) and inner.reset_after:
        rule = "3 gates x (units x (input features + units) + 2 x units)"
    elif inner.gates == 1:
        rule = "units x (input features + units) + units"
    else:
        rule = f"{inner.gates} gates x (units x (input features + units) + units)"
    return f"2 x ({rule}) for the two directions" if isinstance(spec, Bidirectional) else rule


def _params_hint(stack, row, spec, count):
    """(mistake, hint) for a parameter count that is wrong: named when it is a classic miss."""
    inner, features = _inner(spec), row.input_shape[-1]
    copies = 2 if isinstance(spec, Bidirectional) else 1
    if row.params == 0:
        return "no weights", f"{spec.kind} has no weights of its own."
    rule = _rule(spec)
    named = []  # (count, mistake, hint), the first match wins
    bias = ("Dense adds one bias per unit" if isinstance(inner, Dense) else
            "each gate has one bias per unit" if inner.gates > 1 else "every unit has one bias")
    named.append((copies * replace(inner, use_bias=False).params(features)[0], "missing bias",
                  f"{bias}: the last + units of {rule}."))
    if is_recurrent(spec):
        u, g = inner.units, inner.gates
        if isinstance(inner, GRU) and inner.reset_after:
            named.append((copies * g * (u * (features + u) + u), "one GRU bias only",
                          "Keras 3's GRU has reset_after=True: two biases per gate, 3 x (units x (features + units) "
                          "+ 2 x units)."))
        named.append((copies * inner.params(features)[0] // g, "missing gates",
                      f"{inner.kind} has {g} gates, each with its own kernel, recurrent kernel and bias: "
                      f"multiply by {g}."))
        named.append((copies * g * (u * features + u), "missing recurrent kernel",
                      "each gate also multiplies the previous h: add the units x units recurrent kernel."))
        if copies == 2:
            named.append((inner.params(features)[0], "Bidirectional counted once",
                          "Bidirectional holds two layers, a forward and a backward one: twice the parameters."))
        if row.index > 1 and features != stack.features:
            named.append((copies * inner.params(stack.features)[0], "wrong input features",
                          f"layer {row.index} reads what layer {row.index - 1} returns: its input features are the "
                          "last axis of that output, not the model's input features."))
    if stack.timesteps:
        named.append((row.params * stack.timesteps, "counted per time step",
                      "parameters do not depend on timesteps: the same weights are used at every step."))
    for value, mistake, hint in named:
        if count == value and value != row.params:
            return mistake, hint
    return "", f"count the weights: {rule}; the input features are the last axis of what the layer receives."


def grade(stack, answers):
    """answers: [(output shape text, params text)] per layer -> [Mark]; misses get a hint and say what the rule is."""
    rows = stack.summary()
    if len(answers) != len(rows):
        raise ValueError(f"this model has {len(rows)} layers, got {len(answers)} answers")
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
            hint = str(exc) if str(shape_text).strip() else "type the output shape, like (None, 7, 3)"
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
            hint = str(exc) if str(params_text).strip() else "type the number of parameters, like 1,234"
        marks.append(Mark(row.index, "params", ok, f"{row.params:,}", str(params_text),
                          "" if ok else _params_why(row, spec), hint, mistake))
    return marks


def feedback_html(marks, answers=False):
    """The quiz's verdict: the score, then per miss a hint (and the mistake's name); the answers only if asked."""
    right = sum(m.ok for m in marks)
    items = []
    for m in marks:
        where = f"layer {m.layer} {m.field}"
        if m.ok:
            items.append(f"<li class='lstmlab-right'>{where}: <span style='color:#22543d'>right</span></li>")
            continue
        named = f"<b>{html.escape(m.mistake[:1].upper() + m.mistake[1:])}?</b> " if m.mistake else ""
        hint = html.escape(m.hint[:1].upper() + m.hint[1:])
        text = f"<li class='lstmlab-miss'>{where}: <span style='color:#9b2c2c'>not yet</span>. {named}{hint}"
        if answers:
            text += (f"<div class='lstmlab-answer'>Answer: <b>{html.escape(m.expected)}</b> "
                     f"(you wrote {html.escape(m.got) or 'nothing'}): {html.escape(m.why)}</div>")
        items.append(text + "</li>")
    return (f"<p class='lstmlab-quiz-score'><b>{right} of {len(marks)} right</b></p><ul>{''.join(items)}</ul>")
