"""explain(model): read a Keras 3 model's layers and configs, describe each layer, name the classic mistakes."""
from ..messages import msg
from .build import call_of, explain_calls
from .layers import layer_info, report_from_infos, shape_of
from .report import Report

def _out_of_scope(model, why):
    """A report that says why explain cannot read this model."""
    return Report(msg("explain.scope.title", name=repr(getattr(model, "name", "?"))),
                  notes=[why, msg("explain.scope.chain")], in_scope=False)


def _scope_problem(model, layers):
    """A sentence on why the model is out of scope, or None."""
    custom = [l for l in layers if not type(l).__module__.startswith("keras")]
    if custom:
        return msg("explain.scope.custom", layer=repr(custom[0].name), kind=type(custom[0]).__name__)
    nested = [l for l in layers if hasattr(l, "layers")]
    if nested:
        return msg("explain.scope.nested", layer=repr(nested[0].name))
    if len(model.inputs) != 1:
        return msg("explain.scope.inputs", n=len(model.inputs))
    if type(model).__name__ == "Sequential":
        return None  # a chain by construction (a loaded one may hold each layer's call twice)
    previous = model.inputs[0]
    for layer in layers:
        try:
            first = previous[0] if isinstance(previous, (list, tuple)) else previous  # return_state: (out, *states)
            if len(layer._inbound_nodes) != 1 or (layer.input is not previous and layer.input is not first):
                return msg("explain.scope.branch", layer=repr(layer.name))
            previous = layer.output
        except (AttributeError, ValueError):
            return msg("explain.scope.several", layer=repr(layer.name))
    flat = list(previous) if isinstance(previous, (list, tuple)) else [previous]
    if not all(any(out is t for t in flat) for out in model.outputs):
        return msg("explain.scope.output")
    return None


def explain(model, input_shape=None):
    """Explain a Keras 3 model layer by layer and list its classic mistakes as report.findings."""
    if not hasattr(model, "layers") or not hasattr(model, "count_params"):
        raise TypeError(msg("explain.scope.not_a_model", kind=type(model).__name__))
    if not type(model).__module__.startswith("keras"):
        return _out_of_scope(model, msg("explain.scope.subclassed", kind=type(model).__name__))
    layers = [l for l in model.layers if type(l).__name__ != "InputLayer"]
    if not getattr(model, "built", False) or not _has_inputs(model):
        return _unbuilt(model, layers, input_shape)
    problem = _scope_problem(model, layers)
    if problem:
        return _out_of_scope(model, problem)
    batch_shape = shape_of(model.inputs[0])
    try:
        infos = [layer_info(k, layer) for k, layer in enumerate(layers, 1)]
    except (AttributeError, TypeError, ValueError, IndexError) as exc:  # a layer explain cannot read: say so
        return _out_of_scope(model, msg("explain.scope.unreadable", error=f"{type(exc).__name__}: {exc}"))
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
        return Report(msg("explain.scope.unbuilt", name=repr(model.name)), notes=[msg("explain.scope.unbuilt_how")],
                      in_scope=False)
    custom = [l for l in layers if not type(l).__module__.startswith("keras")]
    if custom:
        return _out_of_scope(model, msg("explain.scope.custom", layer=repr(custom[0].name),
                                        kind=type(custom[0]).__name__))
    return explain_calls([call_of(layer) for layer in layers], (None, *input_shape), title_name=model.name)
