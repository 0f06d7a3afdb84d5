"""Layer specs for the shape engine: plain data, with Keras's names and defaults."""
from dataclasses import dataclass

from ..reference.activations import check_activation_name
from ..reference.validate import check_positive_int

MERGE_MODES = ("concat", "sum", "mul", "ave")


def _has_top_level_sum(formula):
    depth = 0
    for ch in formula:
        depth += (ch == "(") - (ch == ")")
        if ch == "+" and depth == 0:
            return True
    return False


def _check_flag(value, name):
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, got {value!r} ({type(value).__name__})")


def _check_rate(value, name):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < 1:
        raise ValueError(f"{name} must be a number in [0, 1), got {value!r}")


@dataclass(frozen=True)
class _Recurrent:
    units: int
    return_sequences: bool = False
    return_state: bool = False
    stateful: bool = False
    activation: str = "tanh"
    recurrent_activation: str = "sigmoid"
    use_bias: bool = True
    go_backwards: bool = False
    dropout: float = 0.0
    recurrent_dropout: float = 0.0
    unroll: bool = False
    name: str = None

    gates = 4

    def __post_init__(self):
        check_positive_int(self.units, f"{type(self).__name__} units")
        for flag in ("return_sequences", "return_state", "stateful", "use_bias", "go_backwards", "unroll"):
            _check_flag(getattr(self, flag), flag)
        check_activation_name(self.activation, "activation")
        check_activation_name(self.recurrent_activation, "recurrent_activation")
        _check_rate(self.dropout, "dropout")
        _check_rate(self.recurrent_dropout, "recurrent_dropout")

    @property
    def kind(self):
        return type(self).__name__

    def params(self, features):
        """(count, formula with numbers) for `features` inputs per step."""
        u, g = self.units, self.gates
        if self.use_bias:
            return g * (u * (features + u) + u), f"{g} x ({u} x ({features} + {u}) + {u})"
        return g * u * (features + u), f"{g} x {u} x ({features} + {u})"


@dataclass(frozen=True)
class LSTM(_Recurrent):
    """keras.layers.LSTM: four gates i, f, c, o, each of size units."""

    gates = 4


@dataclass(frozen=True)
class GRU(_Recurrent):
    """keras.layers.GRU: three gates z, r, h; reset_after=True adds a second bias."""

    reset_after: bool = True
    gates = 3

    def params(self, features):
        u = self.units
        if self.use_bias and self.reset_after:
            return 3 * (u * (features + u) + 2 * u), f"3 x ({u} x ({features} + {u}) + 2 x {u})"
        return super().params(features)


@dataclass(frozen=True)
class SimpleRNN(_Recurrent):
    """keras.layers.SimpleRNN: h = activation(x W + h U + b)."""

    gates = 1

    def params(self, features):
        u = self.units
        if self.use_bias:
            return u * (features + u) + u, f"{u} x ({features} + {u}) + {u}"
        return u * (features + u), f"{u} x ({features} + {u})"


@dataclass(frozen=True)
class Dense:
    """keras.layers.Dense: acts on the last axis, so on a sequence it acts per time step."""

    units: int
    activation: str = "linear"
    use_bias: bool = True
    name: str = None

    def __post_init__(self):
        check_positive_int(self.units, "Dense units")
        check_activation_name(self.activation, "activation")
        _check_flag(self.use_bias, "use_bias")

    kind = "Dense"

    def params(self, features):
        u = self.units
        if self.use_bias:
            return features * u + u, f"{features} x {u} + {u}"
        return features * u, f"{features} x {u}"


@dataclass(frozen=True)
class Dropout:
    """keras.layers.Dropout: no parameters, same shape; identity at inference."""

    rate: float = 0.5
    name: str = None

    def __post_init__(self):
        _check_rate(self.rate, "Dropout rate")

    kind = "Dropout"

    def params(self, features):
        return 0, "0"


@dataclass(frozen=True)
class Bidirectional:
    """keras.layers.Bidirectional: a forward and a backward copy of the layer, merged."""

    layer: _Recurrent
    merge_mode: str = "concat"
    name: str = None

    def __post_init__(self):
        if not isinstance(self.layer, _Recurrent):
            raise TypeError(f"Bidirectional wraps LSTM, GRU or SimpleRNN, got {type(self.layer).__name__}")
        if self.merge_mode not in MERGE_MODES:
            raise ValueError(f"merge_mode must be one of {', '.join(MERGE_MODES)}, got {self.merge_mode!r}")
        if self.layer.return_state:
            raise ValueError("Bidirectional with return_state is not supported by the shape engine; drop return_state")
        if self.layer.go_backwards:
            raise ValueError("Bidirectional already runs a second copy backwards; Keras rejects a wrapped layer with "
                             "go_backwards=True: drop go_backwards")

    kind = "Bidirectional"

    @property
    def units(self):
        return self.layer.units * (2 if self.merge_mode == "concat" else 1)

    @property
    def return_sequences(self):
        return self.layer.return_sequences

    @property
    def stateful(self):
        return self.layer.stateful

    def params(self, features):
        count, formula = self.layer.params(features)
        return 2 * count, f"2 x ({formula})" if _has_top_level_sum(formula) else f"2 x {formula}"


@dataclass(frozen=True)
class TimeDistributed:
    """keras.layers.TimeDistributed(Dense(...)): the same Dense applied at every time step."""

    layer: Dense
    name: str = None

    def __post_init__(self):
        if not isinstance(self.layer, Dense):
            raise TypeError(f"the shape engine supports TimeDistributed(Dense(...)), got TimeDistributed({type(self.layer).__name__})")

    kind = "TimeDistributed"

    @property
    def units(self):
        return self.layer.units

    def params(self, features):
        return self.layer.params(features)


RECURRENT = (LSTM, GRU, SimpleRNN)
LAYER_SPECS = (LSTM, GRU, SimpleRNN, Dense, Dropout, Bidirectional, TimeDistributed)


def is_recurrent(spec):
    """True for LSTM, GRU, SimpleRNN and Bidirectional(...)."""
    return isinstance(spec, (_Recurrent, Bidirectional))
