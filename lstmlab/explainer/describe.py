"""Per-layer descriptions in words: what a layer receives and returns, its parameters, its options."""
from dataclasses import dataclass, field

from ..reference.activations import ACTIVATIONS
from ..reference.validate import fmt_shape
from ..messages import msg
from ..shapes import specs
from .report import LayerNote

RECURRENT_KINDS = ("LSTM", "GRU", "SimpleRNN")
CELLS = {"LSTMCell": "LSTM", "GRUCell": "GRU", "SimpleRNNCell": "SimpleRNN"}  # RNN(cell) computes what the layer does
DEFAULTS = {"return_sequences": False, "return_state": False, "stateful": False, "activation": "tanh",
            "recurrent_activation": "sigmoid", "use_bias": True, "go_backwards": False, "dropout": 0.0,
            "recurrent_dropout": 0.0, "unroll": False, "reset_after": True}


@dataclass
class LayerInfo:
    """One layer, read from Keras or from source code: Keras's class name, config and shapes."""

    index: int
    name: str
    kind: str
    config: dict
    input_shape: tuple = None
    output_shape: tuple = None
    params: int = None
    input_shape_arg: tuple = None
    inner: "LayerInfo" = None
    state_shapes: list = field(default_factory=list)
    backward: "LayerInfo" = None
    input_arg_name: str = "input_shape"

    @property
    def rnn(self):
        """The recurrent layer's config (the wrapped one for Bidirectional, the cell's for RNN(cell)), else None."""
        if self.kind in RECURRENT_KINDS:
            return self
        if self.kind in ("Bidirectional", "RNN") and self.inner is not None and self.inner.kind in RECURRENT_KINDS:
            return self.inner
        return None

    @property
    def custom_backward(self):
        """True for a Bidirectional whose backward layer is not the forward layer's mirror image."""
        if self.kind != "Bidirectional" or self.backward is None or self.inner is None:
            return False
        same = lambda info: {k: v for k, v in info.config.items() if k != "go_backwards"}
        return self.backward.kind != self.inner.kind or same(self.backward) != same(self.inner)

    def get(self, key):
        """A config value, or Keras's default for it."""
        return self.config.get(key, DEFAULTS.get(key))


def _activation_name(value):
    """A config activation as a name: 'tanh', or the function's name, or 'custom'."""
    if isinstance(value, str):
        return value
    return getattr(value, "__name__", None) or "custom"


def config_of(layer):
    """The options explain reads from a Keras layer, with Keras's names."""
    cfg = {}
    for key in ("units", "rate", "n", "merge_mode", *DEFAULTS):
        if hasattr(layer, key) and key not in ("activation", "recurrent_activation"):
            cfg[key] = getattr(layer, key)
    for key in ("activation", "recurrent_activation"):
        if hasattr(layer, key) and getattr(layer, key) is not None:
            cfg[key] = _activation_name(getattr(layer, key))
    return cfg


def _safe_act(name):
    """The name, or 'linear' for one the shape engine does not know."""
    return name if name in ACTIVATIONS else "linear"  # parameters do not depend on the activation


def spec_of(info):
    """The shape engine's spec for a layer, used for its parameter formula; None when it has none."""
    g = info.get
    try:
        if info.kind in RECURRENT_KINDS:
            kw = dict(units=g("units"), return_sequences=bool(g("return_sequences")), use_bias=bool(g("use_bias")),
                      activation=_safe_act(g("activation")))
            if info.kind == "GRU":
                kw["reset_after"] = bool(g("reset_after"))
            return getattr(specs, info.kind)(**kw)
        if info.kind == "Dense":
            return specs.Dense(g("units"), use_bias=bool(g("use_bias")))
        if info.kind == "Dropout":
            return specs.Dropout(min(float(g("rate")), 0.99))
        if info.kind == "RNN" and info.rnn is not None:
            return spec_of(info.inner)
        if info.kind == "Bidirectional" and info.inner is not None:
            inner = spec_of(info.inner)
            merge = g("merge_mode") or "concat"
            return specs.Bidirectional(inner, merge_mode=merge) if inner is not None else None
        if info.kind == "TimeDistributed" and info.inner is not None and info.inner.kind == "Dense":
            return specs.TimeDistributed(spec_of(info.inner))
    except (TypeError, ValueError):
        return None
    return None


def _dim(size, axis, ndim):
    """One axis of a Keras shape in words: None is the batch on axis 0 and any number of steps on a time axis."""
    if size is not None:
        return str(size)
    if axis == 0:
        return "batch"
    return msg("explain.shape.any_steps") if axis == 1 and ndim in (2, 3) else "None"


def _short(shape):
    """(None, 10, 32) -> '(batch, 10, 32)'; (None, None, 8) -> '(batch, any number of steps, 8)'."""
    if shape is None:
        return "(?)"
    shape = tuple(shape)
    if len(shape) == 2 and shape[1] is None:
        return "(batch, None)"
    return fmt_shape([_dim(d, k, len(shape)) for k, d in enumerate(shape)]).replace("'", "")


def _steps(n):
    """'5 timesteps', '1 timestep', 'any number of timesteps'."""
    if n is None:
        return msg("explain.shape.steps_any")
    return msg("explain.shape.step_one") if n == 1 else msg("explain.shape.steps", n=n)


def _features(n):
    """'64 features', '1 feature'."""
    return msg("explain.shape.feature_one") if n == 1 else msg("explain.shape.features", n=n)


def in_words(shape, tokens=False):
    """(None, 10, 64) -> '(batch, 10 timesteps, 64 features)'; tokens=True: an Embedding's (batch, token positions)."""
    if shape is None:
        return "(?)"
    batch = "batch" if shape[0] is None else msg("explain.shape.batch_of", n=shape[0])
    if len(shape) == 3 and shape[2] is not None:
        return f"({batch}, {_steps(shape[1])}, {_features(shape[2])})"
    if len(shape) == 2 and tokens:
        return f"({batch}, {msg('explain.shape.tokens', steps=_steps(shape[1]))})"
    if len(shape) == 2 and shape[1] is not None:
        return f"({batch}, {_features(shape[1])})"
    return _short(shape)


def steps_text(steps):
    """'each of the 5 steps', 'its single step', 'every step' (any number of steps)."""
    if steps is None:
        return msg("explain.layer.steps_any")
    return msg("explain.layer.steps_one") if steps == 1 else msg("explain.layer.steps_n", n=steps)


def _returns(info):
    """What a layer returns, in words, with Keras's shapes."""
    out, rnn = info.output_shape, info.rnn
    if rnn is None:
        return _short(out)
    every = rnn.get("return_sequences")
    states = info.state_shapes
    if info.kind == "Bidirectional" and info.get("merge_mode") is None:
        what = msg("explain.layer.unmerged_every" if every else "explain.layer.unmerged_final")
        text = msg("explain.layer.bidirectional_unmerged", what=what, forward=_short(out),
                   backward=_short(states[0] if states else None))
        states = states[1:]
    elif info.kind == "Bidirectional":
        text = msg("explain.layer.bidirectional_every" if every else "explain.layer.bidirectional_final",
                   mode=info.get("merge_mode"), shape=_short(out))
    else:
        text = msg("explain.layer.every_h" if every else "explain.layer.last_h", shape=_short(out))
    if rnn.get("return_state") and states:
        text += msg("explain.layer.final_states", shapes=", ".join(_short(s) for s in states))
    return text


def equations(rnn):
    """The cell's own equations, with its activations (Keras's gate order; GRU as Keras computes it)."""
    a, ra, bias = rnn.get("activation"), rnn.get("recurrent_activation"), bool(rnn.get("use_bias"))
    b = " + b" if bias else ""
    if rnn.kind == "LSTM":
        return msg("explain.layer.eq_lstm", a=a, ra=ra, b=b, bc=" + b_c" if bias else "")
    if rnn.kind == "GRU":
        candidate = (f"{a}(x W_h + r * (h U_h{' + b_rh' if bias else ''}){' + b_h' if bias else ''})"
                     if rnn.get("reset_after") else f"{a}(x W_h + (r * h) U_h{' + b_h' if bias else ''})")
        return msg("explain.layer.eq_gru", ra=ra, b=b, candidate=candidate)
    return msg("explain.layer.eq_simple", a=a, b=b)


def _recurrent_notes(info, last_rnn):
    """units, equations, return_sequences, states, stateful: what they mean for this layer."""
    rnn, units = info.rnn, info.rnn.get("units")
    steps = info.input_shape[1] if info.input_shape and len(info.input_shape) == 3 else None
    which = msg("explain.layer.which_forward", kind=rnn.kind) if info.custom_backward else ""
    notes = [msg("explain.layer.units_lstm" if rnn.kind == "LSTM" else "explain.layer.units_gru" if rnn.kind == "GRU"
                 else "explain.layer.units_simple", units=units, which=which, steps=steps_text(steps)),
             msg("explain.layer.each_step", which=which, equations=equations(rnn))]
    if info.kind == "RNN":
        notes.append(msg("explain.layer.rnn_cell", kind=rnn.kind))
    bidi = info.kind == "Bidirectional"
    if rnn.get("return_sequences"):
        notes.append(msg("explain.layer.sequences_bidirectional" if bidi else "explain.layer.sequences"))
    else:
        notes.append(msg("explain.layer.last_bidirectional" if bidi else "explain.layer.last"))
    if not last_rnn:
        notes.append(msg("explain.layer.only_h"))
    if rnn.get("return_state"):
        notes.append(msg("explain.layer.return_state"))
    batch = info.input_shape[0] if info.input_shape else None
    if info.custom_backward:
        states, zero = msg("explain.layer.states_both"), msg("explain.layer.zero_states")
    elif rnn.kind == "LSTM":
        states, zero = msg("explain.layer.states_lstm"), "h = c = 0"
    else:
        states, zero = msg("explain.layer.states_h"), "h = 0"
    if rnn.get("stateful"):
        notes.append(msg("explain.layer.stateful", states=states, batch=batch))
    else:
        notes.append(msg("explain.layer.stateless", zero=zero))
    if bidi:
        notes.append(_bidirectional_note(info))
    return notes


def _merged(mode):
    """How Bidirectional merges its two outputs, in words (Keras accepts only these five modes)."""
    if mode is None:
        return msg("explain.layer.merge_none")
    if mode == "sum":
        return msg("explain.layer.merge_sum")
    if mode == "mul":
        return msg("explain.layer.merge_mul")
    return msg("explain.layer.merge_ave" if mode == "ave" else "explain.layer.merge_concat")


def _bidirectional_note(info):
    """How Keras builds this Bidirectional: its two layers and how it merges them."""
    merged = _merged(info.get("merge_mode"))
    if info.custom_backward:
        back = info.backward
        return msg("explain.layer.bidirectional_own", forward=f"{info.inner.kind}({info.inner.get('units')})",
                   backward=f"{back.kind}({back.get('units')})", merged=merged)
    return msg("explain.layer.bidirectional_copy", kind=info.inner.kind, merged=merged)


def _other_notes(info):
    """Dense (per step or per sample), TimeDistributed, Embedding, Dropout, anything else."""
    shape, out = info.input_shape, info.output_shape
    if info.kind == "Dense" and shape is not None and len(shape) == 3:
        return [msg("explain.layer.dense_per_step", steps=steps_text(shape[1]), units=info.get("units"))]
    if info.kind == "Dense":
        return [msg("explain.layer.dense", units=info.get("units"))]
    if info.kind == "TimeDistributed":
        return [msg("explain.layer.time_distributed")]
    if info.kind == "Embedding" and out is not None and len(out) == 3:
        return [msg("explain.layer.embedding", width=out[-1])]
    if info.kind == "RepeatVector" and out is not None:
        return [msg("explain.layer.repeat_vector", n=out[1])]
    if info.kind == "Flatten" and shape is not None and len(shape) == 3:
        return [msg("explain.layer.flatten", steps=shape[1], width=shape[2])]
    if info.kind == "Activation":
        return [msg("explain.layer.activation", activation=info.get("activation"))]
    if info.kind == "Dropout":
        return [msg("explain.layer.dropout", rate=info.get("rate"))]
    return [msg("explain.layer.no_words", kind=info.kind)]


def _formula(info, spec):
    """(count, formula) from the shape engine; a Bidirectional with its own backward layer adds the two."""
    features = info.input_shape[-1]
    if info.custom_backward:
        back = spec_of(info.backward)
        if back is None:
            return None, ""
        (fwd, f_text), (bwd, b_text) = spec_of(info.inner).params(features), back.params(features)
        return fwd + bwd, f"{f_text} + {b_text}"
    return spec.params(features)


def describe(info, last_rnn=False):
    """A LayerNote for one LayerInfo, with the parameter formula from the shape engine's specs."""
    spec, formula, params = spec_of(info), "", info.params
    if spec is not None and info.input_shape is not None:
        count, formula = _formula(info, spec)
        params = count if params is None else params
        if count != params:
            formula = ""  # a formula that does not give Keras's count is not shown
    tokens = info.kind == "Embedding" and info.index == 1  # token ids come from the data, not from another layer
    flow = f"{in_words(info.input_shape, tokens=tokens)} -> {_returns(info)}"
    notes = _recurrent_notes(info, last_rnn) if info.rnn is not None else _other_notes(info)
    return LayerNote(info.index, info.name, info.kind, flow, params or 0, formula, notes)
