"""The explorers against the Keras oracle: held-out stack configurations, the quiz's models, stateful hand-overs."""
import numpy as np
import pytest

from lstmlab.explore.cell_core import cell_trace
from lstmlab.explore.quiz_core import questions
from lstmlab.explore.stack_core import HEADS, StackState, build_stack, compare_with_keras, stack_view
from lstmlab.data.stateful import series_chunks

pytestmark = pytest.mark.keras


def held_out_states(n=8, seed=1234):
    """Random explorer states the code was not written against (seeded, so reproducible)."""
    rng = np.random.default_rng(seed)
    states = []
    while len(states) < n:
        depth = int(rng.integers(1, 5))
        seq = tuple(bool(s) for s in rng.integers(0, 2, depth - 1)) + (bool(rng.integers(0, 2)),)
        state = StackState(features=int(rng.integers(1, 20)), timesteps=int(rng.integers(1, 30)),
                           batch=[None, 1, 8][int(rng.integers(0, 3))],
                           units=tuple(int(u) for u in rng.integers(1, 130, depth)), return_sequences=seq,
                           cell=["LSTM", "GRU", "SimpleRNN"][int(rng.integers(0, 3))],
                           bidirectional=bool(rng.integers(0, 2)), head=HEADS[int(rng.integers(0, 3))],
                           head_units=int(rng.integers(1, 10)))
        if stack_view(state).stack is not None:
            states.append(state)
    return states


@pytest.mark.parametrize("state", held_out_states(), ids=lambda s: f"{s.cell}x{s.depth}-{s.head}")
def test_held_out_configurations_agree_with_keras(state, keras):
    stack = build_stack(state)
    pairs, keras_total = compare_with_keras(stack)
    assert len(pairs) == len(stack.layers)
    for row, krow, shape_ok, params_ok in pairs:
        assert shape_ok and params_ok, (row, krow)
    assert keras_total == stack.count_params()


def test_extreme_configurations_agree_with_keras(keras):
    for state in (StackState(units=(1024,) * 6, return_sequences=(True,) * 5 + (False,)),
                  StackState(timesteps=1, units=(3,), return_sequences=(True,), head="TimeDistributed(Dense)"),
                  StackState(batch=2, stateful=True, units=(5, 4), bidirectional=True)):
        stack = build_stack(state)
        pairs, keras_total = compare_with_keras(stack)
        assert all(s and p for _, _, s, p in pairs) and keras_total == stack.count_params()


def test_batch_none_with_stateful_is_rejected_by_keras_too(keras):
    assert "fixed batch size" in stack_view(StackState(stateful=True)).error
    with pytest.raises(Exception):
        model = keras.Sequential([keras.Input(shape=(5, 2)), keras.layers.LSTM(4, stateful=True)])
        model.predict(np.zeros((3, 5, 2)), verbose=0)


@pytest.mark.parametrize("index", range(len(questions())))
def test_quiz_answers_are_keras_numbers(index, keras):
    stack = questions()[index]
    pairs, keras_total = compare_with_keras(stack)
    assert all(s and p for _, _, s, p in pairs) and keras_total == stack.count_params()


def test_cell_trace_h_is_keras_output(keras, rng):
    kernel, recurrent_kernel, bias = (rng.normal(0, 0.6, s).astype("float32") for s in ((2, 12), (3, 12), (12,)))
    x = rng.normal(size=(7, 2)).astype("float32")
    layer = keras.layers.LSTM(3, return_sequences=True)
    layer.build((1, 7, 2))
    layer.set_weights([kernel, recurrent_kernel, bias])
    np.testing.assert_allclose(cell_trace(x, kernel, recurrent_kernel, bias)["h"], np.asarray(layer(x[None]))[0],
                               rtol=1e-4, atol=2e-5)


def test_stateful_hand_over_is_row_to_row_in_keras(keras, rng):
    """Feeding series_chunks batch by batch to a stateful LSTM equals running each whole stream at once."""
    batch, timesteps, length = 3, 4, 36
    series = rng.normal(size=(length, 1)).astype("float32")  # (length, features)
    index = series_chunks(length, batch, timesteps)  # (n_batches, batch, timesteps)
    keras.utils.set_random_seed(0)
    stateful = keras.layers.LSTM(2, stateful=True, return_sequences=True)
    model = keras.Sequential([keras.Input(batch_shape=(batch, timesteps, 1)), stateful])
    pieces = [model.predict(series[index[k]], verbose=0) for k in range(index.shape[0])]  # each (batch, timesteps, 2)
    plain = keras.Sequential([keras.Input(shape=(None, 1)), keras.layers.LSTM(2, return_sequences=True)])
    plain.set_weights(model.get_weights())
    streams = series[: batch * (length // batch)].reshape(batch, -1, 1)  # (batch, stream, 1)
    whole = plain.predict(streams, verbose=0)  # (batch, stream, 2)
    np.testing.assert_allclose(np.concatenate(pieces, axis=1), whole[:, : index.shape[0] * timesteps], rtol=1e-4,
                               atol=2e-5)
    stateful.reset_states()
    again = model.predict(series[index[1]], verbose=0)  # after reset: batch 2 starts from zeros, unlike before
    assert not np.allclose(again, pieces[1], atol=1e-4)


@pytest.mark.parametrize("reset_between", [True, False])
def test_stateful_explorer_code_trains_as_its_diagram_shows(keras, rng, reset_between):
    """The code StatefulExplorer shows, run in Keras 3 (learning rate 0): zeros before every batch, or carried state."""
    from lstmlab.explore.stateful_widget import keras_code
    batch, timesteps, length, units = 2, 3, 24, 2
    series = rng.normal(size=(length, 1)).astype("float32")  # (length, features)
    index = series_chunks(length, batch, timesteps)  # (n_batches, batch, timesteps)
    x_train = series[index.reshape(-1, timesteps)]  # (n_batches*batch, timesteps, 1): the order the table lists
    y_train = np.zeros((len(x_train), units), "float32")  # (n_batches*batch, units)
    code = keras_code(batch, timesteps, False, reset_between).replace(
        "\n...\n", "\nmodel = keras.Model(inputs, x)\nmodel.compile(keras.optimizers.SGD(0.0), 'mse')\n")
    keras.utils.set_random_seed(0)
    scope = dict(keras=keras, np=np, features=1, units=units, epochs=2, x_train=x_train, y_train=y_train)
    exec(code, scope)
    final = np.asarray(scope["lstm"].states[0])  # (batch, units): h after the last batch of the last epoch
    plain = keras.Sequential([keras.Input(shape=(None, 1)), keras.layers.LSTM(units)])
    plain.set_weights(scope["model"].get_weights())
    if reset_between:  # the last batch started from zeros: its h is the last chunk's alone
        expected = plain.predict(series[index[-1]], verbose=0)  # (batch, units)
    else:  # state carried row to row through both epochs: each stream, twice over
        stream = series[index].transpose(1, 0, 2, 3).reshape(batch, -1, 1)  # (batch, n_batches*timesteps, 1)
        expected = plain.predict(np.concatenate([stream, stream], axis=1), verbose=0)  # (batch, units)
    np.testing.assert_allclose(final, expected, rtol=1e-4, atol=2e-5)


def test_bidirectional_one_output_is_forward_last_and_backward_first_step(keras, rng):
    """What StackExplorer marks for Bidirectional(return_sequences=False): Keras 3 returns h_fwd[T] and h_bwd[1]."""
    keras.utils.set_random_seed(0)
    x = rng.normal(size=(2, 5, 3)).astype("float32")  # (batch, timesteps, features)
    seq = keras.layers.Bidirectional(keras.layers.LSTM(4, return_sequences=True))
    one = keras.layers.Bidirectional(keras.layers.LSTM(4))
    every, _ = np.asarray(seq(x)), one(x)  # (2, 5, 8): [forward, backward] at every step
    one.set_weights(seq.get_weights())
    last = np.asarray(one(x))  # (2, 8)
    np.testing.assert_allclose(last[:, :4], every[:, -1, :4], rtol=1e-5, atol=1e-6)  # forward: t = T
    np.testing.assert_allclose(last[:, 4:], every[:, 0, 4:], rtol=1e-5, atol=1e-6)  # backward: t = 1


@pytest.mark.parametrize("state", [
    StackState(return_sequences=(False, False)),
    StackState(units=(8, 4, 2), return_sequences=(True, False, True), cell="GRU", bidirectional=True, batch=3),
    StackState(units=(5,), return_sequences=(False,), cell="SimpleRNN", stateful=True),
], ids=["lstm-sequences", "bidirectional-gru-sequences", "stateful-no-batch"])
def test_the_broken_stacks_keras_error_is_what_keras_3_raises(state, keras):
    """The error StackExplorer quotes for a stack that does not build is Keras 3's own (layer names aside)."""
    import re
    from lstmlab.explore.stack_core import KERAS_NAMES, keras_error
    inner = lambda k: getattr(keras.layers, state.cell)(state.units[k], return_sequences=state.return_sequences[k],
                                                       stateful=state.stateful)
    layers = [keras.layers.Bidirectional(inner(k)) if state.bidirectional else inner(k) for k in range(state.depth)]
    shape = dict(batch_shape=(state.batch, state.timesteps, state.features)) if state.batch else dict(
        shape=(state.timesteps, state.features))
    with pytest.raises(ValueError) as raised:
        keras.Sequential([keras.Input(**shape), *layers])
    names = "(?:%s)(?:_\\d+)?" % "|".join(["bidirectional", *KERAS_NAMES.values()])
    said = re.sub(f"layer '{names}'", "layer 'L'", f"ValueError: {raised.value}")
    assert said == re.sub(f"layer '{names}'", "layer 'L'", keras_error(state))
    assert lstmlab_view_quotes(state, keras_error(state))


def lstmlab_view_quotes(state, error):
    """The explorer's error panel for `state` quotes `error`."""
    import html
    from lstmlab.explore.stack_core import stack_view
    return html.escape(error) in stack_view(state).error
