"""The classic mistakes, one function each: (layers, batch_shape) -> [Finding]."""
import math
from .describe import _short
from .report import Finding

FUSED = {"activation": "tanh", "recurrent_activation": "sigmoid"}


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
        given = f"input_dim={arg[0]}" if len(arg) == 1 else f"input_shape={tuple(arg)}"
        where = "it is not the first layer" if info.index > 1 else "the model's Input already sets the shape"
        actual = f"; it receives {_short(info.input_shape)} instead" if info.input_shape else ""
        found.append(Finding(info.name, f"{given} is ignored: {where}, so the layer takes the previous output{actual}.",
                             f"delete {given.split('=')[0]}= from {info.name}; only the first layer's input shape counts "
                             "(in Keras 3 write it once, as keras.Input(shape=(timesteps, features)))",
                             "input_shape_ignored"))
    return found


def dense_per_step(layers, batch_shape):
    """A plain Dense after the last recurrent layer that returns sequences: one output per step, not per sample."""
    last = _last_rnn(layers)
    if last is None or not last.rnn.get("return_sequences") or not layers[-1].output_shape:
        return []
    if len(layers[-1].output_shape) != 3:
        return []
    dense = next((info for info in layers if info.index > last.index and info.kind == "Dense"), None)
    if dense is None:
        return []
    units, out = dense.get("units"), layers[-1].output_shape
    return [Finding(dense.name, f"Dense comes after {last.name}, which returns the whole sequence "
                    f"(return_sequences=True), so it acts at every time step and the model outputs {_short(out)}: "
                    f"one vector of {units} per step, not one per sample. Targets of shape (samples, {units}) then fail "
                    f"(Keras 2 said: expected dense_1 to have 3 dimensions).",
                    f"for one output per sample set return_sequences=False on {last.name} (output "
                    f"{_short(out[:1] + out[2:])}); if you do want one output per step, say so with "
                    f"TimeDistributed(Dense({units})) and targets of shape (samples, timesteps, {units})",
                    "dense_per_step")]


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
        if info.rnn is not None and shape is not None and len(shape) == 2:
            before = layers[info.index - 2] if info.index > 1 else None
            if before is not None and before.rnn is not None:
                fix = f"set return_sequences=True on {before.name} so it passes on the whole sequence"
            elif before is not None:
                fix = f"put {info.name} before {before.name}, or give the model sequences"
            else:
                fix = ("reshape the data to (samples, timesteps, features), e.g. x.reshape(len(x), timesteps, 1), "
                       "and declare keras.Input(shape=(timesteps, features))")
            src = f"{before.name} returns" if before is not None else "the input is"
            return [Finding(info.name, f"{info.kind} needs 3-D input (batch, timesteps, features) but {src} "
                            f"{_short(shape)}: there is no time axis to run over, and the model cannot be built",
                            fix, "recurrent_2d")]
        if info.rnn is not None and shape is not None and len(shape) > 3:
            merged = None if None in shape[2:] else math.prod(shape[2:])
            return [Finding(info.name, f"{info.kind} needs 3-D input (batch, timesteps, features) but gets "
                            f"{len(shape)}-D input {_short(shape)}, and the model cannot be built (seed 002's "
                            "(5300, 5, 320, 2) data)", f"merge the axes after timesteps into features: "
                            f"x.reshape(len(x), {shape[1]}, -1) gives (batch, {shape[1]}, {merged or 'features'}); or "
                            "encode each step first with TimeDistributed(...)", "recurrent_4d")]
    return []



def no_fused_kernel(layers, batch_shape):
    """LSTM/GRU options that rule out the fused cuDNN kernel."""
    found = []
    for info in layers:
        rnn = info.rnn
        if rnn is None or rnn.kind == "SimpleRNN":
            continue
        why = [f"{key}={rnn.get(key)!r}" for key, good in FUSED.items() if rnn.get(key) != good]
        why += [f"recurrent_dropout={rnn.get('recurrent_dropout')}"] if rnn.get("recurrent_dropout") else []
        why += ["unroll=True"] if rnn.get("unroll") else []
        why += ["use_bias=False"] if not rnn.get("use_bias") else []
        why += ["reset_after=False"] if rnn.kind == "GRU" and not rnn.get("reset_after") else []
        if why:
            found.append(Finding(info.name, f"{', '.join(why)} rules out the fused cuDNN kernel: on a GPU Keras falls "
                                 "back to the generic step-by-step loop, which is expected to train more slowly (on a "
                                 "CPU both run the generic loop, so any cost shows only on a GPU)",
                                 "keep activation='tanh', recurrent_activation='sigmoid', recurrent_dropout=0 (use "
                                 "dropout= on the inputs instead), unroll=False, use_bias=True"
                                 + (", reset_after=True" if rnn.kind == "GRU" else "")
                                 + ", unless you need the change and accept the cost", "no_fused_kernel"))
    return found


def relu_in_lstm(layers, batch_shape):
    """activation='relu' inside an LSTM or GRU: nothing bounds c_tilde and h any more."""
    return [Finding(info.name, f"activation='relu' inside the {info.rnn.kind}: c_tilde and h = o * relu(c) are no "
                    "longer squashed into [-1, 1], so c = f * c + i * c_tilde can grow at every step and activations "
                    "can explode over long sequences (NaN losses)",
                    "use the default activation='tanh' (it also keeps the fast kernel); if you keep relu, clipping "
                    "gradients (e.g. optimizer clipnorm=1.0) and a lower learning rate can help training, but they "
                    "do not bound c", "relu_in_lstm")
            for info in layers if info.rnn is not None and info.rnn.kind in ("LSTM", "GRU")
            and info.rnn.get("activation") == "relu"]


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
                                 "(the recurrent layers' own dropout= may be enough)", "dropout_after_last"))
    return found


ALL = (recurrent_2d, stateful_without_batch, input_shape_ignored, dense_per_step, relu_in_lstm, no_fused_kernel,
       deep_stack, dropout_after_last)


def find_all(layers, batch_shape):
    """Every finding, in layer order."""
    found = [f for check in ALL for f in check(layers, batch_shape)]
    order = {info.name: info.index for info in layers}
    return sorted(found, key=lambda f: order.get(f.layer, 0))
