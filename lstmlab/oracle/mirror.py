"""from_keras(model): a NumPy mirror of a Keras model's layers, weights and carried state."""
import numpy as np

from ..reference.activations import ACTIVATIONS, get_activation
from ..reference.gru import gru_layer
from ..reference.layer import lstm_layer
from ..reference.simple_rnn import simple_rnn_layer
from ..reference.validate import as_float_array, fmt_shape

RECURRENT_FUNCS = {"LSTM": lstm_layer, "GRU": gru_layer, "SimpleRNN": simple_rnn_layer}
SUPPORTED = ("InputLayer", "LSTM", "GRU", "SimpleRNN", "Dense", "Dropout", "Bidirectional", "TimeDistributed",
             "Activation", "Flatten", "RepeatVector")


def _activation_name(fn, layer):
    name = getattr(fn, "__name__", None)
    if name not in ACTIVATIONS:
        raise TypeError(f"layer {layer.name!r} uses activation {name!r}, which the mirror does not know; "
                        f"known: {', '.join(sorted(ACTIVATIONS))}")
    return name


class RecurrentMirror:
    """An LSTM, GRU or SimpleRNN layer's weights and flags, run with the NumPy reference."""

    def __init__(self, layer, dtype):
        self.name, self.kind = layer.name, type(layer).__name__
        weights = [np.asarray(w, dtype) for w in layer.get_weights()]
        self.kernel, self.recurrent_kernel = weights[0], weights[1]
        self.bias = weights[2] if len(weights) > 2 else None
        self.return_sequences, self.return_state = layer.return_sequences, layer.return_state
        self.go_backwards, self.stateful = layer.go_backwards, layer.stateful
        self.options = {"activation": _activation_name(layer.activation, layer)}
        if self.kind != "SimpleRNN":
            self.options["recurrent_activation"] = _activation_name(layer.recurrent_activation, layer)
        if self.kind == "GRU":
            self.options["reset_after"] = layer.reset_after
        self.states = None  # carried between calls only when stateful

    def __call__(self, x, initial_state=None):
        initial_state = self.states if (initial_state is None and self.stateful) else initial_state
        result = RECURRENT_FUNCS[self.kind](
            x, self.kernel, self.recurrent_kernel, self.bias, return_sequences=self.return_sequences,
            return_state=True, initial_state=initial_state, go_backwards=self.go_backwards, **self.options)
        output, states = result[0], result[1:]
        if self.stateful:
            self.states = states
        return [output, *states] if self.return_state else output

    def reset_states(self):
        self.states = None


class BidirectionalMirror:
    """A forward and a backward recurrent mirror, merged as Keras merges them."""

    def __init__(self, layer, dtype):
        self.name, self.kind, self.merge_mode = layer.name, "Bidirectional", layer.merge_mode
        if layer.merge_mode not in ("concat", "sum", "mul", "ave") or layer.return_state:
            raise TypeError(f"layer {layer.name!r}: the mirror supports Bidirectional with merge_mode concat, sum, "
                            f"mul or ave and no return_state, got merge_mode={layer.merge_mode!r}")
        self.forward, self.backward = RecurrentMirror(layer.forward_layer, dtype), RecurrentMirror(layer.backward_layer, dtype)
        self.stateful = self.forward.stateful

    def __call__(self, x):
        y, y_rev = self.forward(x), self.backward(x)
        if self.forward.return_sequences:
            y_rev = y_rev[:, ::-1]  # back to input time order
        return {"concat": lambda: np.concatenate([y, y_rev], axis=-1), "sum": lambda: y + y_rev,
                "mul": lambda: y * y_rev, "ave": lambda: (y + y_rev) / 2}[self.merge_mode]()

    def reset_states(self):
        self.forward.reset_states()
        self.backward.reset_states()


class DenseMirror:
    """Dense on the last axis (so per time step on a sequence); TimeDistributed(Dense) is the same."""

    def __init__(self, layer, dtype):
        inner = layer.layer if type(layer).__name__ == "TimeDistributed" else layer
        if type(inner).__name__ != "Dense":
            raise TypeError(f"layer {layer.name!r}: the mirror supports TimeDistributed(Dense), got TimeDistributed({type(inner).__name__})")
        self.name, self.kind, self.stateful = layer.name, type(layer).__name__, False
        weights = [np.asarray(w, dtype) for w in inner.get_weights()]
        self.kernel, self.bias = weights[0], (weights[1] if len(weights) > 1 else None)
        self.activation = get_activation(_activation_name(inner.activation, inner))

    def __call__(self, x):
        if x.shape[-1] != self.kernel.shape[0]:
            raise ValueError(f"layer {self.name!r} expects {self.kernel.shape[0]} features on the last axis, got {fmt_shape(x.shape)}")
        y = x @ self.kernel  # (..., units)
        return self.activation(y + self.bias if self.bias is not None else y)

    def reset_states(self):
        pass


class DropoutMirror:
    """Dropout at inference: the identity."""

    def __init__(self, layer, dtype):
        self.name, self.kind, self.stateful = layer.name, "Dropout", False

    def __call__(self, x):
        return x

    def reset_states(self):
        pass


class ShapeOpMirror:
    """Layers without weights: Activation, Flatten, RepeatVector."""

    def __init__(self, layer, dtype):
        self.name, self.kind, self.stateful = layer.name, type(layer).__name__, False
        if self.kind == "Activation":
            self.op = get_activation(_activation_name(layer.activation, layer))
        elif self.kind == "Flatten":
            self.op = lambda x: x.reshape(x.shape[0], -1)  # (batch, timesteps*features)
        else:
            n = layer.n
            self.op = lambda x: np.repeat(x[:, None, :], n, axis=1)  # (batch, n, features)

    def __call__(self, x):
        return self.op(x)

    def reset_states(self):
        pass


FACTORIES = {"LSTM": RecurrentMirror, "GRU": RecurrentMirror, "SimpleRNN": RecurrentMirror, "Dense": DenseMirror,
             "TimeDistributed": DenseMirror, "Dropout": DropoutMirror, "Bidirectional": BidirectionalMirror,
             "Activation": ShapeOpMirror, "Flatten": ShapeOpMirror, "RepeatVector": ShapeOpMirror}


class Mirror:
    """A NumPy copy of a Keras model: mirror(x) == model.predict(x), state carried when stateful."""

    def __init__(self, layers, batch_input_shape, dtype):
        self.layers, self.batch_input_shape, self.dtype = layers, batch_input_shape, dtype

    def _check_input(self, x):
        batch, timesteps, features = self.batch_input_shape
        x = as_float_array(x, "x", 3, f"(batch, timesteps, features) = {fmt_shape(self.batch_input_shape)}", self.dtype)
        if x.shape[2] != features or (timesteps is not None and x.shape[1] != timesteps):
            raise ValueError(f"the model takes input {fmt_shape(self.batch_input_shape)}, got {fmt_shape(x.shape)}")
        if batch is not None and x.shape[0] != batch and any(layer.stateful for layer in self.layers):
            raise ValueError(f"this stateful model has a fixed batch of {batch} (sample i continues sample i of the "
                             f"previous batch), got a batch of {x.shape[0]}: input {fmt_shape(x.shape)}")
        return x

    def trace(self, x):
        """[(layer name, its output)] for every layer, in order."""
        x, outputs = self._check_input(x), []
        for layer in self.layers:
            x = layer(x)
            outputs.append((layer.name, x))
        return outputs

    def __call__(self, x):
        return self.trace(x)[-1][1]

    predict = __call__

    def reset_states(self):
        """Forget the carried state of every stateful layer (Keras: layer.reset_states())."""
        for layer in self.layers:
            layer.reset_states()

    def __repr__(self):
        return f"Mirror({', '.join(f'{l.name} ({l.kind})' for l in self.layers)})"


def from_keras(model, dtype=None):
    """A NumPy mirror of a built Keras Sequential (or linear functional) model, holding its weights.

    It computes in the model's own precision, as Keras does (float32 for a default model: inputs are cast
    like model.predict casts them); pass dtype=np.float64 for a float64 reference run.
    """
    if not hasattr(model, "layers") or not hasattr(model, "inputs"):
        raise TypeError(f"from_keras expects a built Keras model, got {type(model).__name__}")
    if not model.inputs:
        raise ValueError("the model is not built: start it with keras.Input(shape=(timesteps, features))")
    if len(model.inputs) != 1:
        raise TypeError(f"from_keras mirrors models with one input, this one has {len(model.inputs)}")
    layers = []
    if dtype is None:
        dtype = np.dtype(getattr(model, "compute_dtype", None) or "float32")
    for layer in model.layers:
        kind = type(layer).__name__
        if kind == "InputLayer":
            continue
        if kind not in FACTORIES:
            raise TypeError(f"layer {layer.name!r} is a {kind}; the mirror supports {', '.join(SUPPORTED)}")
        layers.append(FACTORIES[kind](layer, dtype))
    shape = tuple(model.inputs[0].shape)
    if len(shape) != 3:
        raise ValueError(f"from_keras expects a model on (batch, timesteps, features) input, got input {fmt_shape(shape)}")
    return Mirror(layers, shape, dtype)
