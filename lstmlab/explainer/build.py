"""Layer calls read from source (or an unbuilt model) -> a Keras 3 model to explain, or the reason it cannot be built."""
import math
from dataclasses import dataclass, field

from ..messages import msg
from ..oracle.keras_bridge import import_keras
from .describe import DEFAULTS, LayerInfo, _short, spec_of
from .findings import find_all
from .layers import layer_info, report_from_infos
from .report import Finding, Report

SNAKE = {"LSTM": "lstm", "GRU": "gru", "SimpleRNN": "simple_rnn", "Dense": "dense", "Dropout": "dropout",
         "Bidirectional": "bidirectional", "TimeDistributed": "time_distributed", "Activation": "activation",
         "RepeatVector": "repeat_vector", "Flatten": "flatten"}


@dataclass
class LayerCall:
    """One layer as written: Keras class name, Keras 3 keyword arguments, wrapped layer, ignored input shape."""

    kind: str
    kwargs: dict = field(default_factory=dict)
    inner: "LayerCall" = None
    input_shape_arg: tuple = None
    input_arg_name: str = "input_shape"
    layer_config: dict = None  # a Keras layer's whole config (an unbuilt model's layer), rebuilt with from_config


def call_of(layer):
    """A LayerCall from a Keras layer's config (for models that are not built)."""
    config = {k: v for k, v in layer.get_config().items() if k not in ("dtype", "trainable", "seed")}
    inner = getattr(layer, "forward_layer", None) or getattr(layer, "layer", None)
    if inner is not None:
        config = {k: v for k, v in config.items() if k in ("name", "merge_mode")}
    return LayerCall(type(layer).__name__, config, call_of(inner) if inner is not None else None,
                     getattr(layer, "_input_shape_arg", None), layer_config=layer.get_config())


def keras_layer(call):
    """The Keras 3 layer for a LayerCall."""
    L = import_keras().layers
    if call.layer_config is not None:
        return getattr(L, call.kind).from_config({**call.layer_config, "name": call.kwargs["name"]})
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


MAX_PARAMS = 10_000_000  # above this, describe from the formulas instead of allocating the weights in Keras


def explain_calls(calls, batch_shape, title_name="model", notes=()):
    """Build the calls on keras.Input(batch_shape=...) and explain; if Keras refuses, explain why without it."""
    calls = _named(calls)
    estimate = sum(count_of(info) for info in walk(calls, batch_shape))
    if estimate > MAX_PARAMS:
        return walk_report(calls, batch_shape, title_name, [*notes, msg("explain.build.huge", n=f"{estimate:,}")])
    keras = import_keras()
    layers = []
    for call in calls:
        try:
            layers.append(keras_layer(call))
        except Exception as exc:  # Keras validates the arguments: say what it said
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            name = call.kwargs["name"]
            return Report(msg("explain.build.rejects", layer=repr(name), model=repr(title_name)),
                          notes=[*notes, msg("explain.build.keras_says", said=first)],
                          findings=[Finding(name, msg("explain.keras_rejects", kind=call.kind, said=first),
                                            msg("explain.keras_rejects.fix"), "keras_rejects")])
    try:
        model = keras.Sequential([keras.Input(batch_shape=batch_shape), *layers], name=title_name)
    except Exception as exc:  # a model Keras cannot build: the part it builds, and what it says about the rest
        return refused_report(calls, batch_shape, title_name, notes, exc)
    return _report(model, calls, batch_shape, title_name, notes)


def _report(model, calls, batch_shape, title_name, notes=()):
    """The Report of a built Sequential, with the source's input-shape arguments attached."""
    infos = [layer_info(k, layer) for k, layer in enumerate(model.layers, 1)]
    for info, call in zip(infos, calls):
        info.input_shape_arg, info.input_arg_name = call.input_shape_arg, call.input_arg_name
    return report_from_infos(infos, batch_shape, title_name, notes)


def _first(exc):
    """The first line of what Keras said."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def refused_report(calls, batch_shape, title_name, notes, exc):
    """Keras refuses the model: show the longest part it builds (Keras's shapes) and the layer it refuses, with its error."""
    keras = import_keras()
    built, refused_at = None, 0
    for k in range(len(calls) - 1, 0, -1):  # the longest prefix Keras builds
        try:
            layers = [keras.Input(batch_shape=batch_shape), *map(keras_layer, calls[:k])]
            built = keras.Sequential(layers, name=title_name)
            refused_at = k
            break
        except Exception:  # noqa: BLE001 - any refusal: try a shorter prefix
            continue
    said = _first(exc)
    if built is not None:
        report = _report(built, calls[:refused_at], batch_shape, title_name)
        infos = [layer_info(k, layer) for k, layer in enumerate(built.layers, 1)]
        shape = infos[-1].output_shape
    else:
        report, infos, shape = report_from_infos([], batch_shape, title_name), [], tuple(batch_shape)
    call = calls[refused_at]
    inner = LayerInfo(0, call.inner.kwargs.get("name", ""), call.inner.kind, _config(call.inner)) if call.inner else None
    failing = LayerInfo(refused_at + 1, call.kwargs["name"], call.kind, _config(call), shape, None, None,
                        call.input_shape_arg, inner, input_arg_name=call.input_arg_name)
    findings = find_all(infos + [failing], batch_shape)
    if not any(f.kind in ("recurrent_2d", "recurrent_4d", "stateful_without_batch") for f in findings):
        findings.insert(0, Finding(failing.name, msg("explain.cannot_build", said=said),
                                   msg("explain.cannot_build.fix"), "cannot_build"))
    report.title = msg("explain.build.refused", model=repr(title_name), said=said)
    before = "" if not refused_at else " " + msg("explain.build.refused_before_one" if refused_at == 1
                                                 else "explain.build.refused_before", n=refused_at)
    report.notes = [*notes, msg("explain.build.refused_note", index=refused_at + 1, layer=repr(failing.name),
                                kind=failing.kind, shape=_short(shape), said=said) + before]
    report.findings = findings
    return report


def count_of(info):
    """The shape engine's parameter count for a walked layer (0 when it has no formula)."""
    spec = spec_of(info)
    try:
        return spec.params(info.input_shape[-1])[0] if spec is not None and info.output_shape else 0
    except TypeError:
        return 0


def _config(call):
    """A call's Keras 3 arguments over Keras's defaults."""
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
    if info.kind == "RepeatVector":
        return (shape[0], info.get("n"), shape[1]) if len(shape) == 2 else None
    if info.kind == "Flatten":
        rest = shape[1:]
        return (shape[0], None if None in rest else int(math.prod(rest)))
    return None



def walk(calls, batch_shape):
    """LayerInfos with shapes by Keras's rules, up to and including the first layer that cannot take its input."""
    infos, shape = [], tuple(batch_shape)
    for k, call in enumerate(calls, 1):
        inner = LayerInfo(0, call.inner.kwargs.get("name", ""), call.inner.kind, _config(call.inner)) if call.inner else None
        info = LayerInfo(k, call.kwargs["name"], call.kind, _config(call), shape, None, None, call.input_shape_arg, inner)
        infos.append(info)
        try:
            info.output_shape = _out_shape(info)
        except (TypeError, ValueError, AttributeError):  # arguments Keras will reject anyway
            info.output_shape = None
        if info.output_shape is None:
            break
        shape = info.output_shape
    return infos


def walk_report(calls, batch_shape, title_name, notes=()):
    """A report without Keras (a model too large to allocate): from the shape engine's formulas."""
    infos = walk(calls, batch_shape)
    built = [info for info in infos if info.output_shape is not None]
    report = report_from_infos(built, batch_shape, title_name, notes)
    report.findings = find_all(infos, batch_shape)
    return report
