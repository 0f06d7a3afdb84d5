"""explain(model): read a Keras 3 model's layers and configs, describe each layer, name the classic mistakes."""
from ..validate import fmt_shape
from .describe import LayerInfo, config_of, describe, in_words
from .findings import find_all
from .report import Report

SCOPE = ("explain covers a linear chain of built-in Keras layers (Sequential, or functional with one input "
         "and each layer feeding the next)")


def _shape(tensor):
    """A KerasTensor's shape as a tuple (a layer fed [tensor, mask], as after Masking, gives the tensor's)."""
    while isinstance(tensor, (list, tuple)):
        tensor = tensor[0]
    return tuple(tensor.shape)


def _inner_info(layer):
    """A LayerInfo for the layer inside Bidirectional / TimeDistributed (config only)."""
    inner = getattr(layer, "forward_layer", None) or getattr(layer, "layer", None)
    if inner is None:
        return None
    return LayerInfo(0, inner.name, type(inner).__name__, config_of(inner))


def layer_info(index, layer):
    """A LayerInfo for one built Keras layer: config, shapes, count_params, input_shape argument."""
    out = layer.output
    outs = list(out) if isinstance(out, (list, tuple)) else [out]
    return LayerInfo(index, layer.name, type(layer).__name__, config_of(layer), _shape(layer.input), _shape(outs[0]),
                     layer.count_params(), getattr(layer, "_input_shape_arg", None), _inner_info(layer),
                     [_shape(t) for t in outs[1:]])


def _out_of_scope(model, why):
    """A report that says why explain cannot read this model."""
    return Report(f"Model {getattr(model, 'name', '?')!r} is outside what explain covers", notes=[why, SCOPE],
                  in_scope=False)


def _scope_problem(model, layers):
    """A sentence on why the model is out of scope, or None."""
    custom = [l for l in layers if not type(l).__module__.startswith("keras")]
    if custom:
        return (f"layer {custom[0].name!r} is a custom layer ({type(custom[0]).__name__}); explain reads built-in "
                "Keras layers only, so it cannot say what it does")
    nested = [l for l in layers if hasattr(l, "layers")]
    if nested:
        return f"layer {nested[0].name!r} is itself a model; explain it on its own: explain(model.get_layer({nested[0].name!r}))"
    if len(model.inputs) != 1:
        return f"the model has {len(model.inputs)} inputs"
    if type(model).__name__ == "Sequential":
        return None  # a chain by construction (a loaded one may hold each layer's call twice)
    previous = model.inputs[0]
    for layer in layers:
        try:
            if len(layer._inbound_nodes) != 1 or layer.input is not previous:
                return (f"layer {layer.name!r} does not simply take the previous layer's output "
                        "(a branch, a merge or a shared layer)")
            previous = layer.output
        except (AttributeError, ValueError):
            return f"layer {layer.name!r} has several inputs or is used several times"
    flat = list(previous) if isinstance(previous, (list, tuple)) else [previous]
    if not all(any(out is t for t in flat) for out in model.outputs):
        return "the model's output is not its last layer's output"
    return None


def report_from_infos(infos, batch_shape, title_name, notes=()):
    """The Report for a chain of LayerInfos on input batch_shape."""
    rnns = [info.index for info in infos if info.rnn is not None]
    layers = [describe(info, last_rnn=bool(rnns) and info.index == rnns[-1]) for info in infos]
    total = sum(note.params for note in layers)
    title = (f"Model {title_name!r} on input {in_words(batch_shape)} {fmt_shape(batch_shape)}: "
             f"{len(layers)} layer{'s' * (len(layers) != 1)}, {total:,} parameters")
    return Report(title, layers, find_all(infos, batch_shape), list(notes))


def explain(model, input_shape=None):
    """Explain a Keras 3 model layer by layer and list its classic mistakes as report.findings."""
    if not hasattr(model, "layers") or not hasattr(model, "count_params"):
        raise TypeError(f"explain expects a Keras 3 model (keras.Sequential or keras.Model), got {type(model).__name__}; "
                        "for source code use lstmlab.explain_code(source)")
    if not type(model).__module__.startswith("keras"):
        return _out_of_scope(model, f"it is a subclassed model ({type(model).__name__}): its call() can do anything, "
                                    "so its layers do not say how data flows")
    layers = [l for l in model.layers if type(l).__name__ != "InputLayer"]
    if not getattr(model, "built", False) or not _has_inputs(model):
        return _unbuilt(model, layers, input_shape)
    problem = _scope_problem(model, layers)
    if problem:
        return _out_of_scope(model, problem)
    batch_shape = _shape(model.inputs[0])
    try:
        infos = [layer_info(k, layer) for k, layer in enumerate(layers, 1)]
    except (AttributeError, TypeError, ValueError, IndexError) as exc:  # a layer explain cannot read: say so
        return _out_of_scope(model, f"one of its layers could not be read ({type(exc).__name__}: {exc})")
    return report_from_infos(infos, batch_shape, model.name)


def _has_inputs(model):
    """True when the model knows its input (a Sequential without keras.Input does not)."""
    try:
        return bool(model.inputs)
    except (AttributeError, ValueError):
        return False


def _unbuilt(model, layers, input_shape):
    """A Sequential without an Input: explain it on `input_shape`, or say how to give one."""
    if input_shape is None:
        return Report(f"Model {model.name!r} is not built yet, so its shapes are unknown",
                      notes=["give it an input: keras.Input(shape=(timesteps, features)) as its first layer, or call "
                             "explain(model, input_shape=(timesteps, features))"], in_scope=False)
    from .build import call_of, explain_calls
    custom = [l for l in layers if not type(l).__module__.startswith("keras")]
    if custom:
        return _out_of_scope(model, f"layer {custom[0].name!r} is a custom layer ({type(custom[0]).__name__})")
    return explain_calls([call_of(layer) for layer in layers], (None, *input_shape), title_name=model.name)
