"""The classic mistakes, one function each: (layers, batch_shape) -> [Finding]; every sentence from messages/."""
import math

from ..messages import msg
from .describe import _short
from .report import Finding

FUSED = {"activation": "tanh", "recurrent_activation": "sigmoid"}
CELL_KEYS = ("units", "activation", "recurrent_activation", "use_bias", "dropout", "recurrent_dropout", "reset_after")


def on(info, setting):
    """Where a recurrent option goes: on the layer, on the layer Bidirectional wraps, or on RNN's cell."""
    if info.kind == "Bidirectional":
        return msg("explain.on.wrapped", kind=info.inner.kind, layer=info.name, setting=setting)
    if info.kind == "RNN" and setting.split("=")[0] in CELL_KEYS:
        return msg("explain.on.cell", kind=info.inner.kind, layer=info.name, setting=setting)
    return msg("explain.on.layer", layer=info.name)


def _last_rnn(layers):
    """The last recurrent layer, or None."""
    rnns = [info for info in layers if info.rnn is not None]
    return rnns[-1] if rnns else None


def input_shape_ignored(layers, batch_shape):
    """input_shape / input_dim on a layer that is not the first: Keras ignores it."""
    found = []
    for info in layers:
        arg = info.input_shape_arg
        if arg is None or (info.index == 1 and tuple(arg) == tuple(batch_shape[1:])):
            continue
        given = f"input_dim={arg[0]}" if info.input_arg_name == "input_dim" else f"{info.input_arg_name}={tuple(arg)}"
        found.append(Finding(info.name, msg("explain.input_shape_ignored.not_first" if info.index > 1 else
                                            "explain.input_shape_ignored.has_input", given=given,
                                            shape=_short(info.input_shape)),
                             msg("explain.input_shape_ignored.fix", arg=info.input_arg_name, layer=info.name),
                             "input_shape_ignored"))
    return found


def _targets(units, steps):
    """What Keras 3's fit does with per-sample targets on a per-step output (tests/test_explain_behaviour.py runs it)."""
    if units == 1:
        every = msg("explain.steps.every") if steps is None else msg("explain.steps.all", n=steps)
        return msg("explain.dense_per_step.one_unit", steps=every)
    return msg("explain.dense_per_step.units", units=units)


def dense_per_step(layers, batch_shape):
    """A plain Dense after the last recurrent layer that returns sequences: the model outputs per step, not per sample."""
    last = _last_rnn(layers)
    if last is None or not last.rnn.get("return_sequences") or not layers[-1].output_shape:
        return []
    output, out = layers[-1], layers[-1].output_shape
    if len(out) != 3 or output.state_shapes or out[1] == 1:  # one step: per step is per sample (one_step says more)
        return []
    dense = next((info for info in layers[last.index:] if info.kind == "Dense"), None)
    if dense is None:
        return []
    units = out[-1]
    return [Finding(dense.name, msg("explain.dense_per_step" if dense is output else "explain.dense_per_step.chain",
                                    rnn=last.name, output=output.name, shape=_short(out), units=units,
                                    targets=_targets(units, out[1])),
                    msg("explain.dense_per_step.fix", where=on(last, "return_sequences=False"),
                        per_sample=_short(out[:1] + out[2:]), units=units, steps=out[1] or "timesteps"),
                    "dense_per_step", ((last.name, "return_sequences", False),))]


def stateful_without_batch(layers, batch_shape):
    """stateful=True while the batch size is not fixed."""
    return [Finding(info.name, msg("explain.stateful_without_batch"), msg("explain.stateful_without_batch.fix"),
                    "stateful_without_batch")
            for info in layers if info.rnn is not None and info.rnn.get("stateful") and batch_shape[0] is None]


def _two_d(info, layers):
    """The finding for a recurrent layer (or TimeDistributed) fed 2-D input."""
    before = layers[info.index - 2] if info.index > 1 else None
    change = ()
    if before is not None and before.rnn is not None:
        fix = msg("explain.recurrent_2d.fix_sequences", where=on(before, "return_sequences=True"))
        change = ((before.name, "return_sequences", True),)
    elif before is not None:
        fix = msg("explain.recurrent_2d.fix_order", layer=info.name, before=before.name)
    else:
        fix = msg("explain.recurrent_2d.fix_data")
    message = msg("explain.recurrent_2d.input" if before is None else "explain.recurrent_2d.time_distributed"
                  if info.kind == "TimeDistributed" else "explain.recurrent_2d.layer", kind=info.kind,
                  source=getattr(before, "name", ""), shape=_short(info.input_shape))
    return Finding(info.name, message, fix, "recurrent_2d", change)


def recurrent_2d(layers, batch_shape):
    """A recurrent layer fed 2-D input (batch, features): no time axis to run over; or 4-D and more."""
    for info in layers:
        shape = info.input_shape
        if (info.rnn is not None or info.kind == "TimeDistributed") and shape is not None and len(shape) == 2:
            return [_two_d(info, layers)]
        if info.rnn is not None and shape is not None and len(shape) > 3:
            merged = None if None in shape[2:] else math.prod(shape[2:])
            return [Finding(info.name, msg("explain.recurrent_4d", kind=info.kind, ndim=len(shape),
                                           shape=_short(shape)),
                            msg("explain.recurrent_4d.fix", steps=shape[1], merged=merged or "features"),
                            "recurrent_4d")]
    return []


def no_fused_kernel(layers, batch_shape):
    """LSTM/GRU options that rule out the fused cuDNN kernel (RNN(cell) never takes it: its note says so)."""
    found = []
    for info in layers:
        rnn = info.rnn
        if rnn is None or rnn.kind == "SimpleRNN" or info.kind == "RNN":
            continue
        why = [f"{key}={rnn.get(key)!r}" for key, good in FUSED.items() if rnn.get(key) != good]
        change = [(info.name, key, good) for key, good in FUSED.items() if rnn.get(key) != good]
        for key, bad, good in (("recurrent_dropout", bool(rnn.get("recurrent_dropout")), 0.0),
                               ("unroll", bool(rnn.get("unroll")), False), ("use_bias", not rnn.get("use_bias"), True),
                               ("reset_after", rnn.kind == "GRU" and not rnn.get("reset_after"), True)):
            if bad:
                why.append(f"{key}={rnn.get(key)!r}")
                change.append((info.name, key, good))
        if why:
            where = msg("explain.no_fused_kernel.inside", kind=rnn.kind, layer=info.name) \
                if info.kind == "Bidirectional" else ""
            found.append(Finding(info.name, msg("explain.no_fused_kernel", why=msg("join.list").join(why)),
                                 msg("explain.no_fused_kernel.fix", where=where,
                                     gru=", reset_after=True" if rnn.kind == "GRU" else ""), "no_fused_kernel", tuple(change)))
    return found


def relu_in_lstm(layers, batch_shape):
    """activation='relu' inside an LSTM or GRU (layer, Bidirectional or RNN(cell)): nothing bounds the state any more."""
    found = []
    for info in layers:
        if info.rnn is None or info.rnn.kind not in ("LSTM", "GRU") or info.rnn.get("activation") != "relu":
            continue
        gru = info.rnn.kind == "GRU"
        kind = msg("explain.relu.cell_of", kind=info.rnn.kind, layer=info.name) if info.kind == "RNN" else info.rnn.kind
        found.append(Finding(info.name, msg("explain.relu", kind=kind,
                                            grows=msg("explain.relu.grows_gru" if gru else "explain.relu.grows_lstm")),
                             msg("explain.relu.fix", where=on(info, "activation='tanh'"), state="h" if gru else "c",
                                 kernel="" if info.kind == "RNN" else msg("explain.relu.keeps_kernel")),
                             "relu_in_lstm", ((info.name, "activation", "tanh"),)))
    return found


def one_step(layers, batch_shape):
    """The first recurrent layer fed one time step: it never steps through time, and its recurrent weights do nothing."""
    for info in layers:
        shape = info.input_shape
        if info.rnn is None or shape is None or len(shape) != 3:
            continue
        if shape[1] != 1 or info.rnn.get("stateful"):
            return []
        later = [i.name for i in layers[info.index:] if i.rnn is not None]
        fed = later and info.rnn.get("return_sequences")
        also = msg("explain.one_step.also", layers=msg("join.list").join(later)) if fed else ""
        return [Finding(info.name, msg("explain.one_step", layer=info.name, shape=_short(shape), also=also),
                        msg("explain.one_step.fix"), "one_step")]
    return []


def go_backwards_sequences(layers, batch_shape):
    """go_backwards=True with return_sequences=True outside Bidirectional: the outputs come back reversed in time."""
    return [Finding(info.name, msg("explain.go_backwards", layer=info.name), msg("explain.go_backwards.fix"),
                    "go_backwards_sequences")
            for info in layers if info.rnn is not None and info.kind != "Bidirectional"
            and info.rnn.get("go_backwards") and info.rnn.get("return_sequences")]


def deep_stack(layers, batch_shape):
    """More than 4 recurrent layers: the returns fall off."""
    rnns = [info for info in layers if info.rnn is not None]
    if len(rnns) <= 4:
        return []
    return [Finding(rnns[4].name, msg("explain.deep_stack", n=len(rnns)), msg("explain.deep_stack.fix"), "deep_stack")]


def dropout_after_last(layers, batch_shape):
    """Dropout at rate >= 0.8 after the last recurrent layer (seed 004)."""
    last = _last_rnn(layers)
    if last is None:
        return []
    found = []
    for info in layers[last.index:]:
        rate = info.get("rate")
        if info.kind == "Dropout" and rate is not None and rate >= 0.8:
            width = last.output_shape[-1] if last.output_shape else None
            counts = (msg("explain.dropout_after_last.counts", zeroed=f"{width * rate:.0f}", width=width)
                      if width is not None else msg("explain.dropout_after_last.counts_unknown"))
            rest = (msg("explain.dropout_after_last.rest", kept=f"{width * (1 - rate):.0f}") if width is not None
                    else msg("explain.dropout_after_last.rest_unknown"))
            found.append(Finding(info.name, msg("explain.dropout_after_last", rate=rate, rnn=last.name,
                                                percent=f"{rate:.0%}", counts=counts, rest=rest,
                                                scale=f"{1 / (1 - rate):.0f}"),
                                 msg("explain.dropout_after_last.fix"), "dropout_after_last",
                                 ((info.name, "rate", 0.3),)))
    return found


ALL = (recurrent_2d, stateful_without_batch, input_shape_ignored, one_step, go_backwards_sequences, dense_per_step,
       relu_in_lstm, no_fused_kernel, deep_stack, dropout_after_last)


def find_all(layers, batch_shape):
    """Every finding, in layer order."""
    found = [f for check in ALL for f in check(layers, batch_shape)]
    order = {info.name: info.index for info in layers}
    return sorted(found, key=lambda f: order.get(f.layer, 0))
