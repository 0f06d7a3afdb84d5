"""The NumPy backward pass and SGD step against Keras (the oracle): tf.GradientTape and keras.optimizers.SGD.

Tolerances: float64 Keras agrees with the float64 NumPy gradients to 1e-12 (same arithmetic, different
order). An SGD step agrees to 1e-8 in float64: Keras keeps learning_rate as a float32 variable
(0.1 -> 0.10000000149), an error of 1.5e-9 * |grad|. In float32 Keras vs float64 NumPy the weights agree
to 1e-6 (float32 rounding over a few hundred multiply-adds).
"""
import numpy as np
import pytest

from lstmlab.reference import train
from lstmlab.reference.backward import lstm_layer_backward


def stacked_keras(keras, units, features, timesteps, out_units, dtype, activation="tanh"):
    """The Keras twin of lstmlab.reference.train's model."""
    layers = [keras.Input((timesteps, features), dtype=dtype)]
    layers += [keras.layers.LSTM(u, return_sequences=k < len(units) - 1, activation=activation, dtype=dtype)
               for k, u in enumerate(units)]
    layers.append(keras.layers.Dense(out_units, dtype=dtype))
    return keras.Sequential(layers)


@pytest.mark.parametrize("return_sequences,go_backwards,activation",
                         [(False, False, "tanh"), (True, False, "tanh"), (True, True, "tanh"), (False, False, "relu")])
def test_layer_gradients_equal_gradient_tape(keras, rng, return_sequences, go_backwards, activation):
    import tensorflow as tf
    batch, timesteps, features, units = 3, 6, 2, 4
    layer = keras.layers.LSTM(units, return_sequences=return_sequences, go_backwards=go_backwards,
                              activation=activation, dtype="float64")
    x = rng.normal(size=(batch, timesteps, features))
    layer.build((batch, timesteps, features))
    kernel, recurrent_kernel, bias = (w * 3 for w in layer.get_weights())  # larger weights: gates away from 0.5
    layer.set_weights([kernel, recurrent_kernel, bias])
    r = rng.normal(size=(batch, timesteps, units) if return_sequences else (batch, units))
    with tf.GradientTape() as tape:
        tape.watch(x_t := tf.constant(x))
        loss = tf.reduce_sum(layer(x_t) * r)
    dx, dk, drk, db = tape.gradient(loss, [x_t, *layer.trainable_variables])
    g = lstm_layer_backward(r, x, kernel, recurrent_kernel, bias, return_sequences=return_sequences,
                            go_backwards=go_backwards, activation=activation)
    for ours, theirs in [(g["dx"], dx), (g["dkernel"], dk), (g["drecurrent_kernel"], drk), (g["dbias"], db)]:
        np.testing.assert_allclose(ours, np.asarray(theirs), rtol=1e-10, atol=1e-12)


def test_stacked_gradients_equal_gradient_tape(keras):
    import tensorflow as tf
    params = train.init_params(2, [5, 3], 1, seed=2)
    x, target = train.adding_problem(16, 7, seed=1)
    model = stacked_keras(keras, [5, 3], 2, 7, 1, "float64")
    model.set_weights(params)
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((model(x) - target) ** 2)  # MSE in float64 (Keras's loss object computes in float32)
    theirs = tape.gradient(loss, model.trainable_variables)
    our_loss, ours = train.loss_and_grads(params, x, target)
    assert abs(our_loss - float(loss)) < 1e-12
    for a, b in zip(ours, theirs):
        np.testing.assert_allclose(a, np.asarray(b), rtol=1e-10, atol=1e-13)


@pytest.mark.parametrize("dtype,atol", [("float64", 1e-8), ("float32", 1e-6)])
def test_one_sgd_step_equals_keras(keras, dtype, atol):
    params = train.init_params(2, [5, 3], 1, seed=2)
    x, target = train.adding_problem(16, 7, seed=1)
    model = stacked_keras(keras, [5, 3], 2, 7, 1, dtype)
    model.set_weights([p.astype(dtype) for p in params])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse")
    keras_loss = model.train_on_batch(x.astype(dtype), target.astype(dtype))
    loss, grads = train.loss_and_grads(params, x, target)
    new = train.sgd_step(params, grads, learning_rate=0.1)
    moved = max(np.abs(a - b).max() for a, b in zip(new, params))
    diff = max(np.abs(a - b).max() for a, b in zip(new, model.get_weights()))
    assert moved > 100 * atol, "the step must move the weights by much more than the tolerance"
    assert diff < atol, f"largest weight difference after one SGD step: {diff:.3g}"
    assert abs(float(keras_loss) - loss) < 1e-5


def test_numpy_fit_follows_keras_fit(keras):
    """Five epochs of minibatch SGD, no shuffling: the loss curves agree to float32 rounding."""
    params = train.init_params(2, [4, 4], 1, seed=0)
    x, target = train.adding_problem(32, 6, seed=0)
    _, losses = train.fit(params, x, target, epochs=5, learning_rate=0.2, batch_size=8)
    model = stacked_keras(keras, [4, 4], 2, 6, 1, "float64")
    model.set_weights(params)
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.2), loss="mse")
    history = model.fit(x, target, epochs=5, batch_size=8, shuffle=False, verbose=0)
    assert losses[-1] < losses[0]
    np.testing.assert_allclose(losses, history.history["loss"], rtol=1e-6)


@pytest.mark.parametrize("dropout,recurrent_dropout", [(0.3, 0.0), (0.3, 0.4), (0.0, 0.4), (0.2, 0.2)])
def test_dropout_masks_reproduce_keras_training_output(keras, dropout, recurrent_dropout):
    """Record the masks Keras draws, apply them in NumPy: same output (seed 004 uses both kinds)."""
    from lstmlab.reference.dropout import lstm_layer_dropout
    layer = keras.layers.LSTM(5, dropout=dropout, recurrent_dropout=recurrent_dropout, return_sequences=True,
                              activation="relu", seed=1)
    x = np.random.default_rng(0).normal(size=(3, 4, 2)).astype("float32")
    layer.build(x.shape)
    drawn, cell = {}, layer.cell
    get_input, get_recurrent = cell.get_dropout_mask, cell.get_recurrent_dropout_mask
    cell.get_dropout_mask = lambda step: drawn.setdefault("input", get_input(step))
    cell.get_recurrent_dropout_mask = lambda step: drawn.setdefault("recurrent", get_recurrent(step))
    y = np.asarray(layer(x, training=True))

    def as_numpy(masks):
        if masks is None:
            return None
        return [np.asarray(m) for m in masks] if isinstance(masks, (list, tuple)) else np.asarray(masks)

    masks = {k: as_numpy(drawn.get(k)) for k in ("input", "recurrent")}
    n_input = 0 if masks["input"] is None else (4 if isinstance(masks["input"], list) else 1)
    assert n_input == (0 if dropout == 0 else 4 if recurrent_dropout else 1)
    assert (masks["recurrent"] is None) == (recurrent_dropout == 0)
    ours = lstm_layer_dropout(x.astype(float), *(w.astype(float) for w in layer.get_weights()),
                              input_masks=masks["input"], recurrent_masks=masks["recurrent"],
                              return_sequences=True, activation="relu")
    np.testing.assert_allclose(ours, y, atol=1e-6)
    plain = lstm_layer_dropout(x.astype(float), *(w.astype(float) for w in layer.get_weights()),
                               return_sequences=True, activation="relu")
    assert np.abs(plain - y).max() > 1e-3, "the masks must matter, or this test proves nothing"
