"""Random valid Stacks for the oracle tests: recurrent layers, heads, Bidirectional, TimeDistributed, Dropout."""
import numpy as np

from lstmlab import GRU, LSTM, Bidirectional, Dense, Dropout, SimpleRNN, Stack, TimeDistributed


def random_stack(seed, allow_stateful=False):
    """A random valid Stack drawn from `seed`."""
    rng = np.random.default_rng(seed)
    timesteps, features = int(rng.integers(1, 9)), int(rng.integers(1, 6))
    depth = int(rng.integers(1, 4))
    stateful = allow_stateful and rng.random() < 0.5
    layers = []
    for k in range(depth):
        cell = [LSTM, GRU, SimpleRNN][int(rng.integers(0, 3))]
        keep_sequence = k < depth - 1 or rng.random() < 0.4
        kwargs = dict(return_sequences=keep_sequence, stateful=stateful)
        if cell is LSTM and rng.random() < 0.3:
            kwargs["recurrent_activation"] = ["hard_sigmoid", "hard_sigmoid_keras2", "tanh"][int(rng.integers(0, 3))]
        if rng.random() < 0.2:
            kwargs["go_backwards"] = True
        if cell is GRU and rng.random() < 0.3:
            kwargs["reset_after"] = False
        spec = cell(int(rng.integers(1, 7)), **kwargs)
        if rng.random() < 0.3 and not stateful and not spec.go_backwards:
            spec = Bidirectional(spec, merge_mode=["concat", "sum", "mul", "ave"][int(rng.integers(0, 4))])
        layers.append(spec)
        if rng.random() < 0.2:
            layers.append(Dropout(0.3))
    last_returns_sequence = layers[-1].return_sequences if hasattr(layers[-1], "return_sequences") else layers[-2].return_sequences
    head = rng.random()
    if last_returns_sequence and head < 0.4:
        layers.append(TimeDistributed(Dense(int(rng.integers(1, 4)))))
    elif head < 0.8:
        layers.append(Dense(int(rng.integers(1, 4)), activation=["linear", "sigmoid", "relu", "tanh"][int(rng.integers(0, 4))]))
    batch = int(rng.integers(1, 4)) if stateful or rng.random() < 0.2 else None
    return Stack(input_shape=(timesteps, features), layers=layers, batch_size=batch)
