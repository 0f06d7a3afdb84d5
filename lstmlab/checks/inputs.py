"""Random inputs for items: LSTM weights and sequences of small, varied sizes."""


def lstm_weights(rng, features, units, scale=0.6):
    """kernel (features, 4*units), recurrent_kernel (units, 4*units), bias (4*units,)."""
    kernel = rng.normal(0, scale, (features, 4 * units))  # (features, 4*units)
    recurrent_kernel = rng.normal(0, scale, (units, 4 * units))  # (units, 4*units)
    bias = rng.normal(0, 0.3, 4 * units)  # (4*units,)
    return kernel, recurrent_kernel, bias

def sizes(rng, square=False):
    """(batch, features, units); with square=True, features = 4*units so a transposed kernel still multiplies."""
    units = int(rng.integers(1, 4))
    features = 4 * units if square else int(rng.integers(2, 6))
    if not square and features == 4 * units:
        features += 1
    return int(rng.integers(2, 5)), features, units
