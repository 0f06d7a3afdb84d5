"""explain(model): read a Keras 3 model's layers and configs, describe each layer, name the classic mistakes."""
from .build import call_of, explain_calls
from .layers import layer_info, report_from_infos, shape_of
from .report import Report

SCOPE = ("explain covers a linear chain of built-in Keras layers (Sequential, or functional with one input "
         "and each layer feeding the next)")


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
            first = previous[0] if isinstance(previous, (list, tuple)) else previous  # return_state: (out, *states)
            if len(layer._inbound_nodes) != 1 or (layer.input is not previous and layer.input is not first):
                return (f"layer {layer.name!r} does not simply take the previous layer's output "
                        "(a branch, a merge or a shared layer)")
            previous = layer.output
        except (AttributeError, ValueError):
            return f"layer {layer.name!r} has several inputs or is used several times"
    flat = list(previous) if isinstance(previous, (list, tuple)) else [previous]
    if not all(any(out is t for t in flat) for out in model.outputs):
        return "the model's output is not its last layer's output"
    return None


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
    batch_shape = shape_of(model.inputs[0])
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
    custom = [l for l in layers if not type(l).__module__.startswith("keras")]
    if custom:
        return _out_of_scope(model, f"layer {custom[0].name!r} is a custom layer ({type(custom[0]).__name__})")
    return explain_calls([call_of(layer) for layer in layers], (None, *input_shape), title_name=model.name)
