"""explain_code(source): read a Keras 2 model definition with `ast` (never exec), give its Keras 3 form and its report."""
import ast
import html
from dataclasses import dataclass, field

from ..messages import msg
from .build import LayerCall, explain_calls

KNOWN = ("LSTM", "GRU", "SimpleRNN", "Dense", "Dropout", "Bidirectional", "TimeDistributed", "Activation",
         "RepeatVector", "Flatten", "Embedding", "CuDNNLSTM", "CuDNNGRU")
CUDNN = {"CuDNNLSTM": "LSTM", "CuDNNGRU": "GRU"}
GONE = ("reset_states", "predict_classes", "fit_generator", "predict_generator", "evaluate_generator")  # not on
# keras.Model in Keras 3 (tests/test_explain_behaviour.py checks each)
RECURRENT = ("LSTM", "GRU", "SimpleRNN")
POSITIONAL = {"LSTM": "units", "GRU": "units", "SimpleRNN": "units", "Dense": "units", "Dropout": "rate",
              "Activation": "activation", "RepeatVector": "n"}
SHAPE_ARGS = ("input_shape", "input_dim", "batch_input_shape", "batch_size", "input_length")
RENAMED = {"output_dim": "units", "dropout_W": "dropout", "dropout_U": "recurrent_dropout"}
EXAMPLES = {"n": 3, "units": 32, "input_dim": 1000, "output_dim": 32, "Dense units": 1, "rate": 0.5, "timesteps": 10,
            "features": 4, "batch_size": 32, "dropout": 0.2, "recurrent_dropout": 0.2}
ROLES = {1: ("features",), 2: ("timesteps", "features"), 3: ("batch_size", "timesteps", "features")}
PUNCTUATION = {"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2026": "...", "\uff0c": ",",
               "\uff08": "(", "\uff09": ")", "\u00a0": " "}


def scope():
    """What explain_code reads, in words."""
    return msg("explain.code.scope", layers=msg("join.list").join(KNOWN))


class CantTranslate(Exception):
    """Raised inside the translator; becomes an honest "can't translate this" message."""


class _Unknown(Exception):
    """A name or expression the snippet does not define."""


@dataclass(repr=False)
class CodeExplanation:
    """explain_code's answer: the Keras 3 source, one Report per model, and notes on what changed."""

    keras3: str = ""
    reports: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    message: str = ""

    @property
    def translated(self):
        """False when the snippet could not be read (see .message)."""
        return not self.message

    @property
    def report(self):
        """The first (usually the only) model's Report."""
        return self.reports[0] if self.reports else None

    @property
    def findings(self):
        """Every model's findings."""
        return [f for report in self.reports for f in report.findings]

    def __str__(self):
        if self.message:
            return self.message + "\n"
        parts = [msg("explain.code.keras3_form"), "", self.keras3.rstrip(), ""]
        parts += [f"- {note}" for note in self.notes] + ([""] if self.notes else [])
        parts += [str(report) for report in self.reports]
        return "\n".join(parts)

    __repr__ = __str__

    def _repr_html_(self):
        """The same, as HTML for Jupyter."""
        if self.message:
            return f"<p><b>{html.escape(self.message)}</b></p>"
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in self.notes)
        return (f"<p><b>Keras 3 form:</b></p><pre>{html.escape(self.keras3)}</pre><ul>{notes}</ul>"
                + "".join(report._repr_html_() for report in self.reports))


def _name_of(func):
    """LSTM for LSTM, layers.LSTM and keras.layers.LSTM; None for anything else."""
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


class _Reader:
    """Reads the statements of a snippet: literal assignments, models, layers."""

    def __init__(self):
        self.env, self.notes, self.models, self.order = {}, [], {}, []

    def note(self, text):
        """Record a translation note once."""
        if text not in self.notes:
            self.notes.append(text)

    def eval(self, node):
        """The value of a literal expression over the snippet's own assignments; _Unknown otherwise."""
        if isinstance(node, ast.Constant):
            if node.value is Ellipsis:
                raise _Unknown("...")
            return node.value
        if isinstance(node, ast.Name):
            if node.id in self.env:
                return self.env[node.id]
            raise _Unknown(node.id)
        if isinstance(node, (ast.Tuple, ast.List)):
            return tuple(self.eval(e) for e in node.elts)
        if isinstance(node, ast.Subscript):
            return self.eval(node.value)[self.eval(node.slice)]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -self.eval(node.operand)
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.FloorDiv, ast.Div)):
            a, b = self.eval(node.left), self.eval(node.right)
            op = {ast.Add: lambda: a + b, ast.Sub: lambda: a - b, ast.Mult: lambda: a * b,
                  ast.FloorDiv: lambda: a // b, ast.Div: lambda: a / b}[type(node.op)]
            try:
                return op()
            except Exception:
                raise _Unknown(ast.unparse(node)) from None
        raise _Unknown(ast.unparse(node))

    def value(self, node, role):
        """eval(node), or the example value for `role` (and a note saying so)."""
        try:
            return self.eval(node)
        except (_Unknown, IndexError, KeyError, TypeError) as exc:
            what = exc.args[0] if isinstance(exc, _Unknown) and exc.args else ast.unparse(node)
            example = EXAMPLES[role]
            self.note(msg("explain.code.placeholder" if what == "..." else "explain.code.undefined", what=what,
                          role=role, example=example))
            return example

    def shape(self, node, roles=("timesteps", "features")):
        """An input shape tuple, element by element, with example values where needed."""
        if isinstance(node, (ast.Tuple, ast.List)):
            roles = roles if len(node.elts) == len(roles) else ROLES.get(len(node.elts), roles)
            if len(node.elts) == len(roles):
                return tuple(self.value(e, r) for e, r in zip(node.elts, roles))
        try:
            value = tuple(self.eval(node))
            if 0 < len(value) <= 3:
                return value
        except (_Unknown, IndexError, KeyError, TypeError):
            pass
        example = tuple(EXAMPLES[r] for r in roles)
        self.note(msg("explain.code.shape_unknown", code=ast.unparse(node), example=example))
        return example

    def layer(self, node):
        """(LayerCall, shape args {name: ast node}, Keras 3 source text) for a layer call."""
        kind = _name_of(node.func)
        if kind not in KNOWN:
            raise CantTranslate(msg("explain.code.not_covered", kind=kind or ast.unparse(node.func), scope=scope()))
        kwargs, shape_args, parts, inner = {}, {}, [], None
        if kind in CUDNN:
            self.note(msg("explain.code.cudnn", kind=kind, layer=CUDNN[kind],
                          gru=", reset_after=True" if kind == "CuDNNGRU" else ""))
            kind = CUDNN[kind]
            cudnn = True
        else:
            cudnn = False
        for k, arg in enumerate(node.args):
            if kind == "Embedding" and k < 2:
                role = ("input_dim", "output_dim")[k]
                kwargs[role] = self._kw_value(arg, role)
                parts.append(ast.unparse(arg) if not (isinstance(arg, ast.Constant) and arg.value is Ellipsis)
                             else repr(kwargs[role]))
            elif kind in ("Bidirectional", "TimeDistributed") and k == 0 and isinstance(arg, ast.Call):
                inner, _, inner_src = self.layer(arg)
                parts.append(inner_src)
            elif k == 0 and kind in POSITIONAL:
                role = POSITIONAL[kind] if kind != "Dense" else "Dense units"
                val = kwargs[POSITIONAL[kind]] = self._kw_value(arg, role)
                parts.append(repr(val) if isinstance(arg, ast.Constant) and arg.value is Ellipsis else ast.unparse(arg))
            else:
                raise CantTranslate(msg("explain.code.positional", kind=kind, code=ast.unparse(arg), scope=scope()))
        for kw in node.keywords:
            if kw.arg is None:
                raise CantTranslate(msg("explain.code.starstar", kind=kind, code=ast.unparse(kw.value)))
            if kw.arg in SHAPE_ARGS and not (kind == "Embedding" and kw.arg == "input_dim"):
                shape_args[kw.arg] = kw.value
                if kind == "Embedding" and kw.arg == "input_length":
                    self.note(msg("explain.code.input_length"))
                continue
            name = kw.arg if kind == "Embedding" else RENAMED.get(kw.arg, kw.arg)  # output_dim is Embedding's own
            if name != kw.arg:
                self.note(msg("explain.code.renamed", old=kw.arg, new=name))
            role = name if name in EXAMPLES and not (kind == "Embedding" and name == "units") else None
            try:
                kwargs[name] = self.eval(kw.value) if role is None else self._kw_value(kw.value, role)
            except (_Unknown, IndexError, KeyError, TypeError, ValueError):
                self.note(msg("explain.code.left_out", code=f"{name}={ast.unparse(kw.value)}"))
            placeholder = isinstance(kw.value, ast.Constant) and kw.value.value is Ellipsis
            if not placeholder:
                parts.append(f"{name}={ast.unparse(kw.value)}")
            elif name in kwargs:
                parts.append(f"{name}={kwargs[name]!r}")
        if kind in RECURRENT and kind != "SimpleRNN" and not cudnn:  # CuDNN layers always used sigmoid
            self._recurrent_notes(kind, kwargs)
        return LayerCall(kind, kwargs, inner), shape_args, f"layers.{kind}({', '.join(parts)})"

    def _kw_value(self, node, role):
        """value(node, role), with 64.0 units read as 64."""
        value = self.value(node, role)
        if role in ("units", "Dense units") and isinstance(value, float) and value.is_integer():
            value = int(value)
        return value

    def _recurrent_notes(self, kind, kwargs):
        """Notes on Keras 2 -> 3 changes that alter an LSTM's or GRU's numbers."""
        act = kwargs.get("recurrent_activation")
        if act is None:
            self.note(msg("explain.code.hard_sigmoid_default", kind=kind))
        elif act == "hard_sigmoid":
            self.note(msg("explain.code.hard_sigmoid"))
        if "implementation" in kwargs:
            self.note(msg("explain.code.implementation"))


def _instead(model, method):
    """What to write in Keras 3 instead of a Keras 2 Model method that is gone."""
    if method == "reset_states":
        return msg("explain.code.gone_reset_states", m=model)
    if method == "predict_classes":
        return msg("explain.code.gone_predict_classes", m=model)
    return msg("explain.code.gone_generator", m=model, method=method.replace("_generator", ""))


def _statements(body):
    """Every statement, nested ones (def, if, for, with) included, in source order."""
    for stmt in body:
        yield stmt
        for attr in ("body", "orelse", "finalbody"):
            inner = getattr(stmt, attr, None)
            if isinstance(inner, list) and inner and isinstance(inner[0], ast.stmt):
                yield from _statements(inner)


def _parse(source):
    """The snippet's AST, after fixing web-page punctuation and, if needed, mixed indentation."""
    text = source
    for bad, good in PUNCTUATION.items():
        text = text.replace(bad, good)
    try:
        return ast.parse(text)
    except SyntaxError:
        pass
    lines = [line.strip() for line in text.splitlines()]
    try:
        return ast.parse("\n".join(lines))
    except SyntaxError as exc:
        raise CantTranslate(msg("explain.code.syntax", line=exc.lineno, error=exc.msg,
                                text=repr((exc.text or "").strip()))) from None


def _is_call_of(node, names):
    """True when node is a call of one of `names`."""
    return isinstance(node, ast.Call) and _name_of(node.func) in names


def _read(source):
    """The snippet's models: {variable: {'layers': [...], 'compile': [...]}} in order, and the reader."""
    reader = _Reader()
    tree = _parse(source)
    for stmt in _statements(tree.body):
        value = getattr(stmt, "value", None)
        if isinstance(stmt, ast.Assign):
            if _is_call_of(value, ("Sequential",)):
                for target in stmt.targets:
                    name = ast.unparse(target)
                    reader.models[name] = {"layers": [], "compile": []}
                    reader.order.append(name)
                    if value.args and isinstance(value.args[0], (ast.List, ast.Tuple)):
                        reader.models[name]["layers"] += [reader.layer(e) for e in value.args[0].elts]
            elif isinstance(value, ast.Call) and _is_call_of(value.func, KNOWN + ("Input",)) or \
                    _is_call_of(value, ("Input", "Model")):
                raise CantTranslate(msg("explain.code.functional"))
            else:
                for target in stmt.targets:
                    try:
                        values = reader.eval(value)
                        for t in ([target] if not isinstance(target, ast.Tuple) else target.elts):
                            reader.env[ast.unparse(t)] = values if t is target else values[target.elts.index(t)]
                    except (_Unknown, IndexError, KeyError, TypeError, ValueError):
                        pass
        elif isinstance(stmt, ast.Expr) and isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute):
            owner, method = ast.unparse(value.func.value), value.func.attr
            if method == "add" and value.args and _is_call_of(value.args[0], KNOWN + ("Conv1D",)) or (
                    method == "add" and owner in reader.models):
                if owner not in reader.models:
                    reader.note(msg("explain.code.not_sequential", name=owner))
                    reader.models[owner] = {"layers": [], "compile": []}
                    reader.order.append(owner)
                if not value.args or not isinstance(value.args[0], ast.Call):
                    raise CantTranslate(msg("explain.code.cant_call", code=ast.unparse(value), scope=scope()))
                reader.models[owner]["layers"].append(reader.layer(value.args[0]))
            elif method == "compile" and owner in reader.models:
                reader.models[owner]["compile"].append(ast.unparse(value))
            elif method in GONE and owner in reader.models:
                reader.note(msg("explain.code.gone", model=owner, method=method, instead=_instead(owner, method)))
            elif _is_call_of(value, KNOWN):
                reader.models.setdefault("layer", {"layers": [], "compile": [], "lone": True})
                reader.order.append("layer")
                reader.models["layer"]["layers"].append(reader.layer(value))
        elif isinstance(stmt, ast.Expr) and _is_call_of(value, KNOWN):
            reader.models["layer"] = {"layers": [reader.layer(value)], "compile": [], "lone": True}
            reader.order.append("layer")
    return reader


def _input(reader, name, layers):
    """(batch_shape, Keras 3 Input source) from the first layer's Keras 2 shape arguments."""
    call, args, _ = layers[0]
    src = lambda key: ast.unparse(args[key]) if key in args and not (
        isinstance(args[key], ast.Constant) and args[key].value is Ellipsis) else None
    batch = reader._kw_value(args["batch_size"], "batch_size") if "batch_size" in args else None
    if "batch_size" in args:
        reader.note(msg("explain.code.batch_size", kind=call.kind, batch=batch))
    recurrent = call.kind in RECURRENT or call.kind == "Bidirectional"
    if call.kind == "Embedding" and "batch_input_shape" not in args and "input_shape" not in args:
        steps = reader.value(args["input_length"], "timesteps") if "input_length" in args else None
        text = f"({src('input_length') or steps},)"
        if batch is not None:
            return (batch, steps), f"keras.Input(batch_shape=({src('batch_size') or batch}, {text[1:-2]}))"
        return (None, steps), f"keras.Input(shape={text})"
    if "batch_input_shape" in args:
        shape = reader.shape(args["batch_input_shape"], ("batch_size", "timesteps", "features") if recurrent
                             else ("batch_size", "features"))
        return shape, f"keras.Input(batch_shape={src('batch_input_shape') or shape})"
    if "input_shape" in args:
        shape = reader.shape(args["input_shape"], ("timesteps", "features") if recurrent else ("features",))
        text = src("input_shape") or repr(shape)
    elif "input_dim" in args:
        features = reader.value(args["input_dim"], "features")
        steps = reader.value(args["input_length"], "timesteps") if "input_length" in args else None
        shape = (steps, features) if recurrent else (features,)
        text = f"({src('input_length') or steps}, {src('input_dim') or features})" if recurrent else \
            f"({src('input_dim') or features},)"
    else:
        shape = (EXAMPLES["timesteps"], EXAMPLES["features"]) if recurrent else (EXAMPLES["features"],)
        reader.note(msg("explain.code.no_input_shape", name=name, shape=shape))
        text = repr(shape)
    if batch is not None:
        node = args.get("input_shape")
        inner = ", ".join(ast.unparse(e) for e in node.elts) if isinstance(node, (ast.Tuple, ast.List)) else f"*{text}"
        return (batch, *shape), f"keras.Input(batch_shape=({src('batch_size') or batch}, {inner}))"
    return (None, *shape), f"keras.Input(shape={text})"


def _ignored(reader, layers):
    """Record the shape arguments of non-first layers (ignored) and note them."""
    comments = [""] * len(layers)
    for k, (call, args, _) in enumerate(layers[1:], 1):
        if "input_shape" in args:
            call.input_shape_arg = reader.shape(args["input_shape"])
        elif "input_dim" in args:
            call.input_shape_arg = (reader.value(args["input_dim"], "features"),)
            call.input_arg_name = "input_dim"
        elif "batch_input_shape" in args:
            call.input_shape_arg = reader.shape(args["batch_input_shape"], ("batch_size", "timesteps", "features"))
            call.input_arg_name = "batch_input_shape"
        if args:
            comments[k] = "  # " + msg("explain.code.removed", args=", ".join(args))
    return comments


def explain_code(source):
    """Keras 2 snippet -> its Keras 3 form and a report per model; an honest message when it can't."""
    if not isinstance(source, str):
        raise TypeError(msg("explain.code.not_text", kind=type(source).__name__))
    try:
        reader = _read(source)
        if not reader.models:
            raise CantTranslate(msg("explain.code.no_model", scope=scope()))
        lines, reports = ["import keras", "from keras import layers", ""], []  # not learner-facing: code
        for name in dict.fromkeys(reader.order):
            model = reader.models[name]
            if not model["layers"]:
                raise CantTranslate(msg("explain.code.no_layers", name=name))
            batch_shape, input_src = _input(reader, name, model["layers"])
            comments = _ignored(reader, model["layers"])
            if model.get("lone"):
                lines += [f"layer = {model['layers'][0][2]}", ""]
            else:
                body = [f"    {input_src},"] + [f"    {src},{c}" for (_, _, src), c in zip(model["layers"], comments)]
                lines += [f"{name} = keras.Sequential([", *body, "])", *model["compile"], ""]
            calls = [call for call, _, _ in model["layers"]]
            reports.append(explain_calls(calls, batch_shape, title_name=name if not model.get("lone") else "example"))
        return CodeExplanation("\n".join(lines), reports, reader.notes)
    except CantTranslate as exc:
        return CodeExplanation(message=msg("explain.code.cant", why=exc))
    except RecursionError:
        return CodeExplanation(message=msg("explain.code.cant", why=msg("explain.code.too_deep")))
