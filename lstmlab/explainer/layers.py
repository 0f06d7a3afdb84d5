"""Read built Keras layers into LayerInfos, and a chain of LayerInfos into a Report (shared by model and build)."""
from ..messages import msg
from ..reference.validate import fmt_shape
from .describe import CELLS, LayerInfo, config_of, describe, in_words
from .findings import find_all
from .report import Report


def shape_of(tensor):
    """A KerasTensor's shape as a tuple (a layer fed [tensor, mask], as after Masking, gives the tensor's)."""
    while isinstance(tensor, (list, tuple)):
        tensor = tensor[0]
    return tuple(tensor.shape)


def _inner_info(layer):
    """A LayerInfo for the layer inside Bidirectional / TimeDistributed, or RNN's cell (config only)."""
    cell = getattr(layer, "cell", None)
    if type(layer).__name__ == "RNN":
        if type(cell).__name__ not in CELLS:
            return None  # StackedRNNCells or a custom cell: described from Keras's shapes only
        flags = {k: getattr(layer, k) for k in ("return_sequences", "return_state", "stateful", "go_backwards",
                                                "unroll")}
        return LayerInfo(0, cell.name, CELLS[type(cell).__name__], {**config_of(cell), **flags})
    inner = getattr(layer, "forward_layer", None) or getattr(layer, "layer", None)
    if inner is None:
        return None
    return LayerInfo(0, inner.name, type(inner).__name__, config_of(inner))


def _backward_info(layer):
    """The backward layer of a Bidirectional (config only), else None."""
    back = getattr(layer, "backward_layer", None)
    return None if back is None else LayerInfo(0, back.name, type(back).__name__, config_of(back))


def layer_info(index, layer):
    """A LayerInfo for one built Keras layer: config, shapes, count_params, input_shape argument."""
    out = layer.output
    outs = list(out) if isinstance(out, (list, tuple)) else [out]
    return LayerInfo(index, layer.name, type(layer).__name__, config_of(layer), shape_of(layer.input), shape_of(outs[0]),
                     layer.count_params(), getattr(layer, "_input_shape_arg", None), _inner_info(layer),
                     [shape_of(t) for t in outs[1:]], _backward_info(layer))


def report_from_infos(infos, batch_shape, title_name, notes=()):
    """The Report for a chain of LayerInfos on input batch_shape."""
    rnns = [info.index for info in infos if info.rnn is not None]
    layers = [describe(info, last_rnn=bool(rnns) and info.index == rnns[-1]) for info in infos]
    total = sum(note.params for note in layers)
    tokens = bool(infos) and infos[0].kind == "Embedding"
    title = msg("explain.report.title_one" if len(layers) == 1 else "explain.report.title", name=repr(title_name),
                words=in_words(batch_shape, tokens), shape=fmt_shape(batch_shape), n=len(layers), params=f"{total:,}")
    return Report(title, layers, find_all(infos, batch_shape), list(notes))
