"""The classic mistakes, one function each: (layers, batch_shape) -> [Finding]."""
import math

from .describe import _count, _short
from .report import Finding

FUSED = {"activation": "tanh", "recurrent_activation": "sigmoid"}
CELL_KEYS = ("units", "activation", "recurrent_activation", "use_bias", "dropout", "recurrent_dropout", "reset_after")


def on(info, setting):
    """Where a recurrent option goes, as code: on the layer, on the layer Bidirectional wraps, or on RNN's cell."""
    if info.kind == "Bidirectional":
        return f"on the {info.inner.kind} inside {info.name}: Bidirectional({info.inner.kind}(..., {setting}))"
    if info.kind == "RNN" and setting.split("=")[0] in CELL_KEYS:
        return f"on the {info.inner.kind}Cell inside {info.name}: RNN({info.inner.kind}Cell(..., {setting}))"
    return f"on {info.name}"


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
        where = "it is not the first layer" if info.index > 1 else "the model's Input already sets the shape"
        actual = f"; it receives {_short(info.input_shape)} instead" if info.input_shape else ""
        found.append(Finding(info.name, f"{given} is ignored: {where}, so the layer takes the previous output{actual}.",
                             f"delete {given.split('=')[0]}= from {info.name}; only the first layer's input shape counts "
                             "(in Keras 3 write it once, as keras.Input(shape=(timesteps, features)))",
                             "input_shape_ignored"))
    return found


def _targets(units, steps):
    """What Keras 3's fit does with per-sample targets on a per-step output (tests/test_explain_behaviour.py runs it)."""
    if units == 1:
        return ("Keras 3 does not stop you: fit with targets of shape (samples, 1) and a loss such as mse, mae or huber "
                f"runs without an error, comparing each sample's one target with its output at {steps}, so every step "
                "learns the same number (targets of shape (samples,) run too, and are compared with every sample's "
                "outputs); binary_crossentropy and categorical_crossentropy fail with a shape error.")
    return (f"Targets of shape (samples, {units}) do not match it: fit with mse, mae or huber fails with a shape error "
            "(Dimensions must be equal), unless the batch size is 1 or equals the number of steps, when they "
            "broadcast silently.")


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
    units, steps = out[-1], _count(out[1], "step").replace("any number of steps", "every step")
    steps = steps if out[1] is None else f"all {steps}"
    after = "it" if dense is output else f"it and every layer after it up to the output, {output.name},"
    return [Finding(dense.name, f"Dense comes after {last.name}, which returns the whole sequence "
                    f"(return_sequences=True), so {after} acts at every time step: the model outputs {_short(out)}, "
                    f"{units} number{'s' * (units != 1)} per step, not per sample. " + _targets(units, steps),
                    f"for one output per sample set return_sequences=False {on(last, 'return_sequences=False')} (the "
                    f"model then outputs {_short(out[:1] + out[2:])}); for one output per step, say so with "
                    f"TimeDistributed(Dense({units})) and targets of shape (samples, {out[1] or 'timesteps'}, {units})",
                    "dense_per_step", ((last.name, "return_sequences", False),))]


def stateful_without_batch(layers, batch_shape):
    """stateful=True while the batch size is not fixed."""
    return [Finding(info.name, "stateful=True carries state row i to sample i of the next batch, so the batch size "
                    "must be fixed, but it is None; Keras 3 refuses to build this",
                    "give a fixed batch: keras.Input(batch_shape=(batch, timesteps, features)) (Keras 2: batch_input_shape= "
                    "or batch_size= on the first layer)", "stateful_without_batch")
            for info in layers if info.rnn is not None and info.rnn.get("stateful") and batch_shape[0] is None]


def recurrent_2d(layers, batch_shape):
    """A recurrent layer fed 2-D input (batch, features): no time axis to run over."""
    for info in layers:
        shape = info.input_shape
        if (info.rnn is not None or info.kind == "TimeDistributed") and shape is not None and len(shape) == 2:
            before = layers[info.index - 2] if info.index > 1 else None
            change = ()
            if before is not None and before.rnn is not None:
                fix = f"set return_sequences=True {on(before, 'return_sequences=True')} so it passes on the whole sequence"
                change = ((before.name, "return_sequences", True),)
            elif before is not None:
                fix = f"put {info.name} before {before.name}, or give the model sequences"
            else:
                fix = ("reshape the data to (samples, timesteps, features), e.g. x.reshape(len(x), timesteps, 1), "
                       "and declare keras.Input(shape=(timesteps, features))")
            src = f"{before.name} returns" if before is not None else "the input is"
            need = "at least 3-D input (batch, timesteps, ...)" if info.kind == "TimeDistributed" else \
                "3-D input (batch, timesteps, features)"
            return [Finding(info.name, f"{info.kind} needs {need} but {src} "
                            f"{_short(shape)}: there is no time axis to run over, and the model cannot be built",
                            fix, "recurrent_2d", change)]
        if info.rnn is not None and shape is not None and len(shape) > 3:
            merged = None if None in shape[2:] else math.prod(shape[2:])
            return [Finding(info.name, f"{info.kind} needs 3-D input (batch, timesteps, features) but gets "
                            f"{len(shape)}-D input {_short(shape)}, and the model cannot be built (seed 002's "
                            "(5300, 5, 320, 2) data)", f"merge the axes after timesteps into features: "
                            f"x.reshape(len(x), {shape[1]}, -1) gives (batch, {shape[1]}, {merged or 'features'}); or "
                            "encode each step first with TimeDistributed(...)", "recurrent_4d")]
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
            where = f" on the {info.inner.kind} inside {info.name}" if info.kind == "Bidirectional" else ""
            found.append(Finding(info.name, f"{', '.join(why)} rules out the fused cuDNN kernel: on a GPU Keras falls "
                                 "back to the generic step-by-step loop, which is expected to train more slowly (on a "
                                 "CPU both run the generic loop, so any cost shows only on a GPU)",
                                 f"keep activation='tanh', recurrent_activation='sigmoid', recurrent_dropout=0 (use "
                                 "dropout= on the inputs instead), unroll=False, use_bias=True"
                                 + (", reset_after=True" if rnn.kind == "GRU" else "") + where
                                 + ", unless you need the change and accept the cost", "no_fused_kernel", tuple(change)))
    return found


def _relu_words(info):
    """(what relu does, what clipping does not bound) in this cell's own equations."""
    if info.rnn.kind == "GRU":
        return ("the candidate h_tilde = relu(...) is no longer squashed into [-1, 1], and h = z * h + (1 - z) * h_tilde "
                "carries it into the next step, where it feeds h_tilde again, so h can grow from step to step", "h")
    return ("c_tilde and h = o * relu(c) are no longer squashed into [-1, 1], so c = f * c + i * c_tilde can grow at "
            "every step", "c")


def relu_in_lstm(layers, batch_shape):
    """activation='relu' inside an LSTM or GRU (layer, Bidirectional or RNN(cell)): nothing bounds the state any more."""
    found = []
    for info in layers:
        if info.rnn is None or info.rnn.kind not in ("LSTM", "GRU") or info.rnn.get("activation") != "relu":
            continue
        grows, state = _relu_words(info)
        kind = f"{info.rnn.kind}Cell of {info.name}" if info.kind == "RNN" else info.rnn.kind
        kernel = "" if info.kind == "RNN" else " (it also keeps the fused kernel)"
        where = on(info, "activation='tanh'")
        found.append(Finding(info.name, f"activation='relu' inside the {kind}: {grows}, and activations can explode "
                             "over long sequences (NaN losses)",
                             f"use the default activation='tanh' {where}{kernel}; if you "
                             "keep relu, clipping gradients (e.g. optimizer clipnorm=1.0) and a lower learning rate can "
                             f"help training, but they do not bound {state}", "relu_in_lstm",
                             ((info.name, "activation", "tanh"),)))
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
        also = f" (and so do {', '.join(later)}, which it feeds)" if later and info.rnn.get("return_sequences") else ""
        return [Finding(info.name, f"{info.name} receives {_short(shape)}: one time step per sample, so it never "
                        "steps through time. It runs its cell once from zero states, so its recurrent_kernel "
                        f"multiplies zeros and does not change the output{also}",
                        "if each sample is one moment of a longer series, give the layer windows of several steps, "
                        "shape (samples, timesteps, features) (lstmlab.make_windows(series, timesteps)); if each "
                        "sample really is one step, a Dense network is the simpler model", "one_step")]
    return []


def go_backwards_sequences(layers, batch_shape):
    """go_backwards=True with return_sequences=True outside Bidirectional: the outputs come back reversed in time."""
    return [Finding(info.name, f"go_backwards=True with return_sequences=True: {info.name} reads the input from the "
                    "last step to the first and returns its outputs in that order, so output step 0 is h after the "
                    "input's last step: the sequence comes out reversed in time, and the next layer (and any per-step "
                    "targets) see it backwards",
                    "flip it back after the layer (keras.ops.flip(y, axis=1), e.g. in a Lambda layer), or use "
                    "Bidirectional, which flips the backward outputs back for you; if only the final h matters, "
                    "return_sequences=False", "go_backwards_sequences")
            for info in layers if info.rnn is not None and info.kind != "Bidirectional"
            and info.rnn.get("go_backwards") and info.rnn.get("return_sequences")]


def deep_stack(layers, batch_shape):
    """More than 4 recurrent layers: the returns fall off."""
    rnns = [info for info in layers if info.rnn is not None]
    if len(rnns) <= 4:
        return []
    return [Finding(rnns[4].name, f"this model stacks {len(rnns)} recurrent layers; beyond about 4 the returns "
                    "usually fall off (the seed 002 post reports diminishing returns past 4 layers), while every "
                    "layer adds training time", "start with 1 or 2 recurrent layers and add one only while validation error improves; "
                    "try more units per layer first", "deep_stack")]


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
            counts = (f" (on average {width * rate:.0f} of {width}, a random set at every training step)"
                      if width is not None else " (a random set at every training step)")
            rest = f"the remaining ~{width * (1 - rate):.0f}" if width is not None else "the rest"
            found.append(Finding(info.name, f"Dropout({rate}) after the last recurrent layer {last.name} zeroes "
                                 f"about {rate:.0%} of its outputs{counts} and scales {rest} by "
                                 f"{1 / (1 - rate):.0f}x, so the next layer trains on heavily corrupted features "
                                 "while predict sees them all", "consider a rate around 0.2 to 0.5, or removing it "
                                 "(the recurrent layers' own dropout= may be enough)", "dropout_after_last",
                                 ((info.name, "rate", 0.3),)))
    return found


ALL = (recurrent_2d, stateful_without_batch, input_shape_ignored, one_step, go_backwards_sequences, dense_per_step,
       relu_in_lstm, no_fused_kernel, deep_stack, dropout_after_last)


def find_all(layers, batch_shape):
    """Every finding, in layer order."""
    found = [f for check in ALL for f in check(layers, batch_shape)]
    order = {info.name: info.index for info in layers}
    return sorted(found, key=lambda f: order.get(f.layer, 0))
