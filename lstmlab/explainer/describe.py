"""Per-layer descriptions in words: what a layer receives and returns, its parameters, its options."""
from dataclasses import dataclass, field

from ..reference.activations import ACTIVATIONS
from ..reference.validate import fmt_shape
from ..shapes import specs
from .report import LayerNote

RECURRENT_KINDS = ("LSTM", "GRU", "SimpleRNN")
CELLS = {"LSTMCell": "LSTM", "GRUCell": "GRU", "SimpleRNNCell": "SimpleRNN"}  # RNN(cell) computes what the layer does
GATES = {"LSTM": "its gates i, f, o and the candidate c_tilde", "GRU": "its gates z, r and the candidate h_tilde",
         "SimpleRNN": ""}
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
    return "any number of steps" if axis == 1 and ndim in (2, 3) else "None"


def _short(shape):
    """(None, 10, 32) -> '(batch, 10, 32)'; (None, None, 8) -> '(batch, any number of steps, 8)'."""
    if shape is None:
        return "(unknown)"
    shape = tuple(shape)
    if len(shape) == 2 and shape[1] is None:
        return "(batch, None)"
    return fmt_shape([_dim(d, k, len(shape)) for k, d in enumerate(shape)]).replace("'", "")


def _count(n, word):
    """'5 timesteps', '1 timestep', 'any number of timesteps'."""
    if n is None:
        return f"any number of {word}s"
    return f"{n} {word}{'s' * (n != 1)}"


def in_words(shape, tokens=False):
    """(None, 10, 64) -> '(batch, 10 timesteps, 64 features)'; tokens=True: an Embedding's (batch, token positions)."""
    if shape is None:
        return "(unknown shape)"
    batch = "batch" if shape[0] is None else f"batch of {shape[0]}"
    if len(shape) == 3:
        return f"({batch}, {_count(shape[1], 'timestep')}, {_count(shape[2], 'feature')})"
    if len(shape) == 2 and tokens:
        return f"({batch}, {_count(shape[1], 'timestep')}: one token id per step)"
    if len(shape) == 2 and shape[1] is not None:
        return f"({batch}, {_count(shape[1], 'feature')})"
    return _short(shape)


def steps_text(steps):
    """'each of the 5 steps', 'its single step', 'every step' (any number of steps)."""
    if steps is None:
        return "every step (however many the input has)"
    return "its single step" if steps == 1 else f"each of the {steps} steps"


def _returns(info):
    """What a layer returns, in words, with Keras's shapes."""
    out, rnn = info.output_shape, info.rnn
    if rnn is None:
        return _short(out)
    every = rnn.get("return_sequences")
    states = info.state_shapes
    if info.kind == "Bidirectional" and info.get("merge_mode") is None:
        what = "h of every step" if every else "final h"
        text = (f"two tensors, not merged (merge_mode=None): the forward layer's {what}, {_short(out)}, and the "
                f"backward layer's, {_short(states[0]) if states else '(unknown)'}")
        states = states[1:]
    elif info.kind == "Bidirectional":
        what = "the forward and backward h of every step" if every else "the forward and backward final h"
        text = f"{what}, merged ({info.get('merge_mode')}), {_short(out)}"
    else:
        text = f"{'the h of every step' if every else 'the last h only'}, {_short(out)}"
    if rnn.get("return_state") and states:
        text += " + final states " + ", ".join(_short(s) for s in states)
    return text


def equations(rnn):
    """The cell's own equations, with its activations (Keras's gate order; GRU as Keras computes it)."""
    a, ra = rnn.get("activation"), rnn.get("recurrent_activation")
    b = " + b" if rnn.get("use_bias") else ""
    if rnn.kind == "LSTM":
        return (f"i, f, o = {ra}(x W + h U{b}) (one slice each), c_tilde = {a}(x W_c + h U_c{b and ' + b_c'}), "
                f"c = f * c + i * c_tilde, h = o * {a}(c)")
    if rnn.kind == "GRU":
        cand = (f"{a}(x W_h + r * (h U_h{b and ' + b_rh'}){b and ' + b_h'})" if rnn.get("reset_after")
                else f"{a}(x W_h + (r * h) U_h{b and ' + b_h'})")
        return f"z, r = {ra}(x W + h U{b}), h_tilde = {cand}, h = z * h + (1 - z) * h_tilde (one state: no c)"
    return f"h = {a}(x W + h U{b}) (one state, no gates)"


def _recurrent_notes(info, last_rnn):
    """units, equations, return_sequences, states, stateful: what they mean for this layer."""
    rnn, units = info.rnn, info.rnn.get("units")
    steps = info.input_shape[1] if info.input_shape and len(info.input_shape) == 3 else None
    gates = GATES[rnn.kind]
    held = f"h and c hold {units} numbers per sample, and so do {gates}" if rnn.kind == "LSTM" else \
        f"h holds {units} numbers per sample" + (f", and so do {gates}" if gates else "")
    which = f" (the forward {rnn.kind})" if info.custom_backward else ""
    notes = [f"units = {units}{which}: {held}. It is not a number of cells or of time steps: one cell is reused at "
             f"{steps_text(steps)}.", f"each step{which}: {equations(rnn)}."]
    if info.kind == "RNN":
        notes.append(f"RNN({type_name(rnn)}) runs the same computation as keras.layers.{rnn.kind}, always with "
                     "Keras's generic step-by-step loop (only the LSTM and GRU layers can take the fused cuDNN kernel).")
    bidi = info.kind == "Bidirectional"
    if rnn.get("return_sequences"):
        notes.append("return_sequences=True: the whole sequence of h (one per step) flows on to the next layer"
                     + (" (Keras flips the backward layer's outputs back into time order)." if bidi else "."))
    elif bidi:
        notes.append("return_sequences=False: the forward layer's h after the last step and the backward layer's h "
                     "after it has read back to the first step flow on; the other steps' h are dropped.")
    else:
        notes.append("return_sequences=False: only the last step's h flows on; the earlier steps' h are dropped.")
    if not last_rnn:
        notes.append("Only h flows on, not the states: the next recurrent layer starts from zero states of its own.")
    if rnn.get("return_state"):
        notes.append("return_state=True: also returns the final states (for example to start a decoder).")
    batch = info.input_shape[0] if info.input_shape else None
    states, zero = ("h and c", "h = c = 0") if rnn.kind == "LSTM" else ("h", "h = 0")
    if rnn.get("stateful"):
        notes.append(f"stateful=True: the final {states} of sample i in one batch start sample i of the next batch "
                     f"(batch fixed at {batch}), across fit and predict calls, until layer.reset_states().")
    else:
        notes.append(f"stateful=False: every batch starts from {zero}; no state carries across batches.")
    if bidi:
        notes.append(_bidirectional_note(info))
    return notes


def type_name(rnn):
    """'LSTMCell' for an LSTM's config read from RNN(LSTMCell(...))."""
    return f"{rnn.kind}Cell"


MERGES = {"concat": "concatenated on the last axis (forward first)", "sum": "added", "mul": "multiplied",
          "ave": "averaged", None: "not merged: Keras returns them as two tensors"}


def _bidirectional_note(info):
    """How Keras builds this Bidirectional: its two layers and how it merges them."""
    merged = MERGES.get(info.get("merge_mode"), f"merged with merge_mode={info.get('merge_mode')!r}")
    if info.custom_backward:
        back = info.backward
        return (f"Bidirectional: the forward {info.inner.kind}({info.inner.get('units')}) and a backward layer of your "
                f"own, {back.kind}({back.get('units')}), each with its own weights; their outputs are {merged}.")
    return (f"Bidirectional: a forward and a backward copy of the {info.inner.kind}, each with its own weights "
            f"(hence 2 x); their outputs are {merged}.")


def _other_notes(info):
    """Dense (per step or per sample), TimeDistributed, Embedding, Dropout, anything else."""
    shape = info.input_shape
    if info.kind == "Dense" and shape is not None and len(shape) == 3:
        return [f"Dense acts on the last axis, so on a sequence it is applied at {steps_text(shape[1])} "
                f"with the same weights (what TimeDistributed(Dense) does): one vector of {info.get('units')} per step."]
    if info.kind == "Dense":
        return [f"one vector of {info.get('units')} number{'s' * (info.get('units') != 1)} per sample."]
    if info.kind == "TimeDistributed":
        return ["the same inner layer, with the same weights, at every time step."]
    if info.kind == "Embedding" and info.output_shape is not None:
        return [f"looks up one vector of {info.output_shape[-1]} numbers for each token id: "
                f"{_count(info.output_shape[1], 'time step')} of {info.output_shape[-1]} features each for the next layer."]
    if info.kind == "RepeatVector" and info.output_shape is not None:
        return [f"copies the one vector per sample {info.output_shape[1]} times: a sequence for the next recurrent "
                "layer to run over (the encoder-decoder pattern); no parameters."]
    if info.kind == "Flatten" and shape is not None and len(shape) == 3:
        return [f"lays the {shape[1]} steps of {shape[2]} values side by side: one vector per sample; no parameters."]
    if info.kind == "Activation":
        return [f"applies {info.get('activation')} to every value; no parameters."]
    if info.kind == "Dropout":
        rate = info.get("rate")
        return [f"training only: zeroes a fraction {rate} of the values and scales the rest by 1/(1 - {rate}); "
                "at predict time it passes everything through; no parameters."]
    return [f"explain has no words for {info.kind}; its shapes and parameter count come from Keras."]


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
    flow = f"{in_words(info.input_shape, tokens=info.kind == 'Embedding')} -> {_returns(info)}"
    notes = _recurrent_notes(info, last_rnn) if info.rnn is not None else _other_notes(info)
    return LayerNote(info.index, info.name, info.kind, flow, params or 0, formula, notes)
