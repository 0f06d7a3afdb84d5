"""Invalid stacks are explained: which layer, what it got, what it needs, and the fix."""
import pytest

from lstmlab import GRU, LSTM, Bidirectional, Dense, Dropout, Stack, TimeDistributed


def test_missing_return_sequences_is_explained():
    with pytest.raises(ValueError) as err:
        Stack((5, 2), [LSTM(64), LSTM(32)])
    assert str(err.value) == ("layer 2 (LSTM) needs 3-D input (batch, timesteps, features) but layer 1 returns "
                              "(None, 64); set return_sequences=True on layer 1")


def test_keras_says_ndim_for_the_same_stack(keras):
    with pytest.raises(ValueError, match="expected ndim=3, found ndim=2"):
        keras.Sequential([keras.Input((5, 2)), keras.layers.LSTM(64), keras.layers.LSTM(32)])


def test_missing_return_sequences_through_dropout_and_bidirectional():
    with pytest.raises(ValueError, match=r"layer 3 \(GRU\).*layer 2 returns \(None, 8\)"):
        Stack((5, 2), [Bidirectional(LSTM(4)), Dropout(0.2), GRU(3)])


def test_recurrent_after_dense_on_2d():
    with pytest.raises(ValueError, match="put the recurrent layers first"):
        Stack((5, 2), [LSTM(4), Dense(3), LSTM(2)])


def test_time_distributed_needs_a_sequence():
    with pytest.raises(ValueError, match=r"TimeDistributed\).*return_sequences=True"):
        Stack((5, 2), [LSTM(4), TimeDistributed(Dense(1))])


def test_stateful_needs_a_batch_size():
    with pytest.raises(ValueError, match=r"stateful=True.*batch_shape"):
        Stack((5, 2), [LSTM(4, stateful=True)])


def test_return_state_only_on_the_last_layer():
    with pytest.raises(ValueError, match="only the last"):
        Stack((5, 2), [LSTM(4, return_sequences=True, return_state=True), LSTM(2)])


@pytest.mark.parametrize("make,exc,words", [
    (lambda: LSTM(0), ValueError, "positive"),
    (lambda: LSTM(-3), ValueError, "positive"),
    (lambda: LSTM(2.5), TypeError, "positive int"),
    (lambda: LSTM(4, activation="swish2"), ValueError, "unknown activation 'swish2'"),
    (lambda: LSTM(4, return_sequences="yes"), TypeError, "True or False"),
    (lambda: Dense(0), ValueError, "positive"),
    (lambda: Dropout(1.5), ValueError, r"\[0, 1\)"),
    (lambda: Bidirectional(LSTM(2), merge_mode="max"), ValueError, "merge_mode"),
    (lambda: Bidirectional(Dense(2)), TypeError, "wraps LSTM"),
    (lambda: Bidirectional(LSTM(2, go_backwards=True)), ValueError, "drop go_backwards"),
    (lambda: TimeDistributed(LSTM(2)), TypeError, "TimeDistributed"),
    (lambda: Stack((-1, 2), [LSTM(2)]), ValueError, "timesteps"),
    (lambda: Stack((5, 0), [LSTM(2)]), ValueError, "features"),
    (lambda: Stack((5,), [LSTM(2)]), ValueError, r"\(timesteps, features\)"),
    (lambda: Stack((5, 2), []), ValueError, "at least one layer"),
    (lambda: Stack((5, 2), ["LSTM(3)"]), TypeError, "layer 1 must be"),
    (lambda: Stack((5, 2), [LSTM(2)], batch_size=0), ValueError, "batch_size"),
])
def test_bad_specs_raise_clear_errors(make, exc, words):
    with pytest.raises(exc, match=words):
        make()


def test_variable_timesteps_are_allowed():
    assert Stack((None, 3), [LSTM(2, return_sequences=True)]).output_shape == (None, None, 2)
