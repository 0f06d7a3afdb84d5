"""The models of lesson 09's sweep: LSTM stacks at a matched budget, and deep stacks with residual connections and layer normalisation.

`recall_stack` and `head_stack` are `Stack`s (lesson 04's shape engine: parameters counted without Keras); `deep_stack` is a Keras
functional model, because a residual connection adds a layer's input to its output, which a Sequential stack cannot.
"""
from functools import lru_cache

from ..oracle.keras_bridge import import_keras
from ..shapes import GRU, LSTM, Dense, Stack


def recall_stack(depth, units, timesteps, classes, *, cell="LSTM"):
    """`depth` recurrent layers (return_sequences on all but the last) and a Dense head of `classes` logits.

    units: one int (every layer that wide) or one int per layer, bottom first (e.g. (16, 8, 4): decreasing).
    """
    if cell not in ("LSTM", "GRU"):
        raise ValueError(f"cell must be 'LSTM' or 'GRU', got {cell!r}")
    widths = [units] * depth if isinstance(units, int) else list(units)
    if len(widths) != depth:
        raise ValueError(f"expected {depth} widths (one per layer), got {len(widths)}: {widths}")
    kind = LSTM if cell == "LSTM" else GRU
    layers = [kind(w, return_sequences=k < depth - 1, name=f"{cell.lower()}_{k + 1}") for k, w in enumerate(widths)]
    return Stack((timesteps, classes), layers + [Dense(classes, name="head")])


def head_stack(kind, units, timesteps, classes):
    """Where the extra layer goes: "LSTM → LSTM → Dense" (recall_stack's 2 layers), "LSTM → Dense → Dense" (a Dense(relu)
    on the LSTM's last h) or "Dense → LSTM → Dense" (a Dense(relu) on every step first), each with a head of `classes` logits."""
    if kind == "LSTM → LSTM → Dense":
        return recall_stack(2, units, timesteps, classes)
    if kind == "LSTM → Dense → Dense":
        layers = [LSTM(units, name="lstm_1"), Dense(units, activation="relu", name="dense_1")]
    elif kind == "Dense → LSTM → Dense":
        layers = [Dense(units, activation="relu", name="dense_1"), LSTM(units, name="lstm_1")]
    else:
        raise ValueError(f"expected kind 'LSTM → LSTM → Dense', 'LSTM → Dense → Dense' or 'Dense → LSTM → Dense', got {kind!r}")
    return Stack((timesteps, classes), layers + [Dense(classes, name="head")])


@lru_cache(maxsize=None)
def deep_stack(depth, units, timesteps, features, classes, *, residual=False, norm=False):
    """A zero-argument builder (one object per setting, so the runner traces it once) of a deep LSTM stack.

    A per-step Dense(units) first maps the inputs to `units` features, then `depth` LSTM(units, return_sequences=True)
    layers; residual=True adds each layer's input to its output (h <- h + LSTM(h)); norm=True normalises each layer's
    input with LayerNormalization first (h <- h + LSTM(LayerNorm(h)), "pre-norm"). The last step's h feeds a Dense head.
    """
    if norm and not residual:
        raise ValueError("norm=True is the pre-norm residual block; expected residual=True with it")

    def build():
        keras = import_keras()
        layers = keras.layers
        inputs = keras.Input((timesteps, features))  # (batch, timesteps, features)
        h = layers.Dense(units, name="embed")(inputs)  # (batch, timesteps, units)
        for k in range(1, depth + 1):
            x = layers.LayerNormalization(name=f"norm_{k}")(h) if norm else h  # (batch, timesteps, units)
            y = layers.LSTM(units, return_sequences=True, name=f"lstm_{k}")(x)  # (batch, timesteps, units)
            h = layers.Add(name=f"add_{k}")([h, y]) if residual else y  # (batch, timesteps, units)
        last = layers.Flatten(name="last")(layers.Cropping1D((timesteps - 1, 0), name="last_step")(h))  # (batch, units)
        name = f"deep{depth}" + ("_res" if residual else "") + ("_norm" if norm else "")
        return keras.Model(inputs, layers.Dense(classes, name="head")(last), name=name)

    return build
