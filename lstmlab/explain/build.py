"""Layer calls read from source (or an unbuilt model) -> a Keras 3 model to explain, or the reason it cannot be built."""
from dataclasses import dataclass, field

from ..keras_bridge import import_keras
from .describe import DEFAULTS, RECURRENT_KINDS, LayerInfo
from .findings import find_all
from .report import Finding, Report

SNAKE = {"LSTM": "lstm", "GRU": "gru", "SimpleRNN": "simple_rnn", "Dense": "dense", "Dropout": "dropout",
         "Bidirectional": "bidirectional", "TimeDistributed": "time_distributed", "Activation": "activation"}


@dataclass
class LayerCall:
    """One layer as written: Keras class name, Keras 3 keyword arguments, wrapped layer, ignored input shape."""

    kind: str
    kwargs: dict = field(default_factory=dict)
    inner: "LayerCall" = None
    input_shape_arg: tuple = None


def call_of(layer):
    """A LayerCall from a Keras layer's config (for models that are not built)."""
    config = {k: v for k, v in layer.get_config().items() if k not in ("dtype", "trainable", "seed")}
    inner = getattr(layer, "forward_layer", None) or getattr(layer, "layer", None)
    if inner is not None:
        config = {k: v for k, v in config.items() if k in ("name", "merge_mode")}
    return LayerCall(type(layer).__name__, config, call_of(inner) if inner is not None else None,
                     getattr(layer, "_input_shape_arg", None))


def keras_layer(call):
    """The Keras 3 layer for a LayerCall."""
    L = import_keras().layers
    if call.inner is not None:
        return getattr(L, call.kind)(keras_layer(call.inner), **call.kwargs)
    return getattr(L, call.kind)(**call.kwargs)


def _named(calls):
    """Give each call a stable name (lstm, lstm_1, ...) so reports do not depend on Keras's global counters."""
    counts = {}
    for call in calls:
        base = SNAKE.get(call.kind, call.kind.lower())
        call.kwargs.setdefault("name", base if base not in counts else f"{base}_{counts[base]}")
        counts[base] = counts.get(base, 0) + 1
    return calls


def explain_calls(calls, batch_shape, title_name="model", notes=()):
    """Build the calls on keras.Input(batch_shape=...) and explain; if Keras refuses, explain why without it."""
    from .model import layer_info, report_from_infos
    keras = import_keras()
    calls = _named(calls)
    try:
        layers = [keras_layer(call) for call in calls]
    except (ValueError, TypeError) as exc:
        first = str(exc).splitlines()[0]
        return Report(f"Keras 3 rejects a layer of {title_name!r}", notes=[*notes, f"Keras says: {first}"],
                      findings=[Finding("?", f"Keras 3 rejects a layer: {first}", "fix the arguments Keras names",
                                        "keras_rejects")])
    try:
        model = keras.Sequential([keras.Input(batch_shape=batch_shape), *layers], name=title_name)
    except (ValueError, TypeError) as exc:
        return unbuildable(calls, batch_shape, exc, title_name, notes)
    infos = [layer_info(k, layer) for k, layer in enumerate(model.layers, 1)]
    for info, call in zip(infos, calls):
        info.input_shape_arg = call.input_shape_arg
    return report_from_infos(infos, batch_shape, title_name, notes)


def _config(call):
    config = {**DEFAULTS, **call.kwargs}
    if "rate" not in call.kwargs:
        config.pop("rate", None)
    return config


def _out_shape(info):
    """The output shape by Keras's rules, or None where Keras cannot build the layer."""
    shape, rnn = info.input_shape, info.rnn
    if rnn is not None:
        if len(shape) != 3:
            return None
        units = rnn.get("units") * (2 if info.kind == "Bidirectional" and info.get("merge_mode") in (None, "concat") else 1)
        return (shape[0], shape[1], units) if rnn.get("return_sequences") else (shape[0], units)
    if info.kind in ("Dense", "TimeDistributed"):
        units = (info.inner or info).get("units")
        return shape[:-1] + (units,)
    if info.kind in ("Dropout", "Activation"):
        return shape
    return None


def unbuildable(calls, batch_shape, exc, title_name, notes=()):
    """A report for a model Keras cannot build: the layers up to the failing one, and why it fails."""
    infos, shape = [], tuple(batch_shape)
    for k, call in enumerate(calls, 1):
        inner = LayerInfo(0, call.inner.kwargs.get("name", ""), call.inner.kind, _config(call.inner)) if call.inner else None
        info = LayerInfo(k, call.kwargs["name"], call.kind, _config(call), shape, None, None, call.input_shape_arg, inner)
        infos.append(info)
        info.output_shape = _out_shape(info)
        if info.output_shape is None:
            break
        shape = info.output_shape
    findings = find_all(infos, batch_shape)
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if not any(f.kind in ("recurrent_2d", "stateful_without_batch") for f in findings):
        findings.insert(0, Finding(infos[-1].name, f"Keras 3 cannot build the model: {first}",
                                   "fix the layer Keras names", "cannot_build"))
    built = [info for info in infos if info.output_shape is not None]
    from .model import report_from_infos
    report = report_from_infos(built, batch_shape, title_name, [*notes, f"Keras 3 cannot build this model ({first}); "
                                                                      "the layers before the failing one are shown"])
    report.title = report.title.replace("Model", "Model (cannot be built)", 1)
    report.findings = findings
    return report
