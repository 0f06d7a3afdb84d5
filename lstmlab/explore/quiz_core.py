"""The predict-the-shape quiz's core: questions (Stacks), their Keras 3 code, and grading that explains misses."""
import re
from dataclasses import dataclass

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
        raise ValueError(f"write a shape like (None, 5, 64), got {text!r}")
    out = []
    for p in parts:
        if p.lower() in ("none", "batch", "?"):
            out.append(None)
        elif p.isdigit():
            out.append(int(p))
        else:
            raise ValueError(f"{p!r} in {text!r} is neither a number nor None; write a shape like (None, 5, 64)")
    return tuple(out)


def parse_count(text):
    """'12416', '12,416' or '12_416' -> 12416; raises ValueError when unreadable."""
    cleaned = re.sub(r"[,_\s]", "", str(text))
    if not cleaned.isdigit():
        raise ValueError(f"write the parameter count as a whole number like 12,416, got {text!r}")
    return int(cleaned)


@dataclass(frozen=True)
class Mark:
    """One graded answer: which layer and field, right or not, and why."""

    layer: int
    field: str  # "output shape" or "params"
    ok: bool
    expected: str
    got: str
    why: str


def _shape_why(row, spec, got):
    if not is_recurrent(spec):
        return f"{spec.kind} keeps every axis but the last, which becomes {row.output_shape[-1]}"
    if got is not None and len(got) != len(row.output_shape):
        if spec.return_sequences:
            return "return_sequences=True returns h at every step: (batch, timesteps, units)"
        return "return_sequences=False (the default) returns only the last step's h: (batch, units)"
    if isinstance(spec, Bidirectional):
        return f"Bidirectional concatenates forward and backward h: 2 x {spec.layer.units} = {spec.units}"
    return f"the last axis is units = {spec.units} (the size of h); the first axis is the batch, {row.output_shape[0]}"


def _params_why(row, spec):
    if row.params == 0:
        return f"{spec.kind} has no weights"
    why = f"{row.formula_line}; it does not depend on timesteps"
    if isinstance(spec, (LSTM, Bidirectional)) and getattr(spec, "kind", "") in ("LSTM", "Bidirectional"):
        why = f"4 gates x (units x (input features + units) + units): {why}"
    return why


def grade(stack, answers):
    """answers: [(output shape text, params text)] per layer -> [Mark]; misses say what the rule is."""
    rows = stack.summary()
    if len(answers) != len(rows):
        raise ValueError(f"this model has {len(rows)} layers, got {len(answers)} answers")
    marks = []
    for row, spec, (shape_text, params_text) in zip(rows, stack.layers, answers):
        try:
            got = parse_shape(shape_text)
            ok, why = got == row.output_shape, ""
        except ValueError as exc:
            got, ok, why = None, False, str(exc)
        marks.append(Mark(row.index, "output shape", ok, fmt_shape(row.output_shape), str(shape_text),
                          "" if ok else why or _shape_why(row, spec, got)))
        try:
            count = parse_count(params_text)
            ok, why = count == row.params, ""
        except ValueError as exc:
            ok, why = False, str(exc)
        marks.append(Mark(row.index, "params", ok, f"{row.params:,}", str(params_text),
                          "" if ok else why or _params_why(row, spec)))
    return marks
