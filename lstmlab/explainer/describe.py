"""Per-layer descriptions in words: what a layer receives and returns, its parameters, its options."""
from dataclasses import dataclass, field

from ..reference.activations import ACTIVATIONS
from ..reference.validate import fmt_shape
from ..shapes import specs
from .report import LayerNote

RECURRENT_KINDS = ("LSTM", "GRU", "SimpleRNN")
GATES = {"LSTM": "i, f, c_tilde, o", "GRU": "z, r, h_tilde", "SimpleRNN": ""}
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

    @property
    def rnn(self):
        """The recurrent layer's config (the wrapped one for Bidirectional), else None."""
        if self.kind in RECURRENT_KINDS:
            return self
        if self.kind == "Bidirectional" and self.inner is not None and self.inner.kind in RECURRENT_KINDS:
            return self.inner
        return None

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
        if info.kind == "Bidirectional" and info.inner is not None:
            inner = spec_of(info.inner)
            merge = g("merge_mode") or "concat"
            return specs.Bidirectional(inner, merge_mode=merge) if inner is not None else None
        if info.kind == "TimeDistributed" and info.inner is not None and info.inner.kind == "Dense":
            return specs.TimeDistributed(spec_of(info.inner))
    except (TypeError, ValueError):
        return None
    return None


def _short(shape):
    """(None, 10, 32) -> '(batch, 10, 32)'."""
    if shape is None:
        return "(unknown)"
    return fmt_shape(["batch" if d is None else d for d in shape]).replace("'", "")


def in_words(shape):
    """(None, 10, 64) -> '(batch, 10 timesteps, 64 features)'."""
    if shape is None:
        return "(unknown shape)"
    batch = "batch" if shape[0] is None else f"batch of {shape[0]}"
    if len(shape) == 3:
        steps = "any number of timesteps" if shape[1] is None else f"{shape[1]} timestep{'s' * (shape[1] != 1)}"
        return f"({batch}, {steps}, {shape[2]} feature{'s' * (shape[2] != 1)})"
    if len(shape) == 2:
        return f"({batch}, {shape[1]} feature{'s' * (shape[1] != 1)})"
    return _short(shape)


def _returns(info):
    """What a layer returns, in words."""
    out, rnn = info.output_shape, info.rnn
    if rnn is None:
        return _short(out)
    what = "the h of every step" if rnn.get("return_sequences") else "the last h only"
    if info.kind == "Bidirectional":
        what = what.replace("the h", "the forward and backward h")
    text = f"{what}, {_short(out)}"
    if rnn.get("return_state") and info.state_shapes:
        text += " + final states " + ", ".join(_short(s) for s in info.state_shapes)
    return text


def _recurrent_notes(info, last_rnn):
    """units, return_sequences, states, stateful: what they mean for this layer."""
    rnn, units = info.rnn, info.rnn.get("units")
    steps = info.input_shape[1] if info.input_shape and len(info.input_shape) == 3 else None
    at = f"each of the {steps} steps" if steps else "every step"
    gates = GATES[rnn.kind]
    held = f"h and c hold {units} numbers per sample, and so does each gate {gates}" if rnn.kind == "LSTM" else \
        f"h holds {units} numbers per sample" + (f", and so does each gate {gates}" if gates else "")
    notes = [f"units = {units}: {held}. It is not a number of cells or of time steps: one cell is reused at {at}."]
    if rnn.get("return_sequences"):
        notes.append("return_sequences=True: the whole sequence of h (one per step) flows on to the next layer.")
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
    if info.kind == "Bidirectional":
        notes.append(f"Bidirectional: a forward and a backward copy with their own weights (hence 2 x), "
                     f"merged with merge_mode={info.get('merge_mode')!r}.")
    return notes


def _other_notes(info):
    """Dense (per step or per sample), TimeDistributed, Dropout, anything else."""
    shape = info.input_shape
    if info.kind == "Dense" and shape is not None and len(shape) == 3:
        return [f"Dense acts on the last axis, so on a sequence it is applied at each of the {shape[1]} steps "
                f"with the same weights (what TimeDistributed(Dense) does): one vector of {info.get('units')} per step."]
    if info.kind == "Dense":
        return [f"one vector of {info.get('units')} numbers per sample."]
    if info.kind == "TimeDistributed":
        return ["the same inner layer, with the same weights, at every time step."]
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


def describe(info, last_rnn=False):
    """A LayerNote for one LayerInfo, with the parameter formula from the shape engine's specs."""
    spec, formula, params = spec_of(info), "", info.params
    if spec is not None and info.input_shape is not None:
        count, formula = spec.params(info.input_shape[-1])
        params = count if params is None else params
        if count != params:
            formula = f"Keras counts {params}; the formula {formula} gives {count}"
    flow = f"{in_words(info.input_shape)} -> {_returns(info)}"
    notes = _recurrent_notes(info, last_rnn) if info.rnn is not None else _other_notes(info)
    return LayerNote(info.index, info.name, info.kind, flow, params or 0, formula, notes)
