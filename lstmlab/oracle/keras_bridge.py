"""The only module that imports Keras (lazily): specs -> Keras models, and Keras summaries."""
import os

from ..shapes.specs import GRU, LSTM, Bidirectional, Dense, Dropout, SimpleRNN, TimeDistributed

KERAS_MISSING = ("the Keras oracle is not installed: run `pip install 'lstmlab[keras]'` "
                 "(Keras 3 on tensorflow-cpu), or `make test`, which installs it")


def import_keras():
    """Import Keras 3 quietly, or explain which extra to install."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    try:
        import keras
    except ImportError as exc:
        raise ImportError(KERAS_MISSING) from exc
    if int(keras.__version__.split(".")[0]) < 3:
        raise ImportError(f"lstmlab needs Keras 3, found Keras {keras.__version__}; {KERAS_MISSING}")
    return keras


def keras_available():
    """True when the Keras oracle can be imported (without importing it)."""
    import importlib.util
    return importlib.util.find_spec("keras") is not None


_HARD_SIGMOID_KERAS2 = []


def keras_activation(name):
    """A Keras activation for a name; 'hard_sigmoid_keras2' becomes Keras 2's clip(0.2x + 0.5, 0, 1)."""
    keras = import_keras()
    if name != "hard_sigmoid_keras2":
        return name
    if not _HARD_SIGMOID_KERAS2:  # registered once, so Bidirectional and saved models can rebuild it
        @keras.saving.register_keras_serializable(package="lstmlab", name="hard_sigmoid_keras2")
        def hard_sigmoid_keras2(x):
            return keras.ops.clip(0.2 * x + 0.5, 0.0, 1.0)
        _HARD_SIGMOID_KERAS2.append(hard_sigmoid_keras2)
    return _HARD_SIGMOID_KERAS2[0]


def _recurrent_kwargs(spec):
    kwargs = dict(units=spec.units, return_sequences=spec.return_sequences, return_state=spec.return_state,
                  stateful=spec.stateful, activation=keras_activation(spec.activation), use_bias=spec.use_bias,
                  go_backwards=spec.go_backwards, dropout=spec.dropout, recurrent_dropout=spec.recurrent_dropout,
                  unroll=spec.unroll)
    if not isinstance(spec, SimpleRNN):
        kwargs["recurrent_activation"] = keras_activation(spec.recurrent_activation)
    if isinstance(spec, GRU):
        kwargs["reset_after"] = spec.reset_after
    if spec.name:
        kwargs["name"] = spec.name
    return kwargs


def to_keras_layer(spec):
    """One Keras layer for one spec."""
    keras = import_keras()
    L = keras.layers
    named = {"name": spec.name} if getattr(spec, "name", None) else {}
    if isinstance(spec, (LSTM, GRU, SimpleRNN)):
        return {LSTM: L.LSTM, GRU: L.GRU, SimpleRNN: L.SimpleRNN}[type(spec)](**_recurrent_kwargs(spec))
    if isinstance(spec, Bidirectional):
        return L.Bidirectional(to_keras_layer(spec.layer), merge_mode=spec.merge_mode, **named)
    if isinstance(spec, TimeDistributed):
        return L.TimeDistributed(to_keras_layer(spec.layer), **named)
    if isinstance(spec, Dense):
        return L.Dense(spec.units, activation=keras_activation(spec.activation), use_bias=spec.use_bias, **named)
    if isinstance(spec, Dropout):
        return L.Dropout(spec.rate, **named)
    raise TypeError(f"no Keras layer for {spec!r}")


def to_keras(stack):
    """Build the Stack in Keras 3: Sequential, or a functional Model when the last layer returns states."""
    keras = import_keras()
    inputs = keras.Input(batch_shape=(stack.batch_size, stack.timesteps, stack.features))
    layers = [to_keras_layer(spec) for spec in stack.layers]
    if not getattr(stack.layers[-1], "return_state", False):
        return keras.Sequential([inputs, *layers])
    x = inputs
    for layer in layers:
        x = layer(x)
    return keras.Model(inputs, x)


def keras_rows(model):
    """[(name, class, output_shape, params)] for each layer of a built Keras model."""
    rows = []
    for layer in model.layers:
        if type(layer).__name__ == "InputLayer":
            continue
        out = layer.output
        shape = [tuple(t.shape) for t in out] if isinstance(out, (list, tuple)) else tuple(out.shape)
        rows.append((layer.name, type(layer).__name__, shape, layer.count_params()))
    return rows
