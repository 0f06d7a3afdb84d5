"""The shape engine equals Keras 3: output shapes and parameter counts, layer by layer."""
import numpy as np
import pytest

from lstmlab import GRU, LSTM, Bidirectional, Dense, SimpleRNN, Stack, TimeDistributed
from lstmlab.oracle.keras_bridge import keras_rows
from random_stacks import random_stack


@pytest.mark.parametrize("seed", range(40))
def test_random_stack_summary_equals_keras(keras, seed):
    stack = random_stack(seed, allow_stateful=seed % 5 == 0)
    model = stack.to_keras()
    rows = stack.summary()
    k_rows = keras_rows(model)
    assert len(rows) == len(k_rows)
    for row, (name, kind, shape, params) in zip(rows, k_rows):
        assert (row.kind, row.output_shape, row.params) == (kind, shape, params), (row, name)
        assert eval(row.formula.replace("x", "*")) == row.params  # the formula computes the count
    assert stack.count_params() == model.count_params()


def test_seed_000_numbers(keras):
    """Seed 000: LSTM(64, return_sequences=True) on (5, 2) then LSTM(32), and with return_sequences=True."""
    for last_returns, shape in [(False, (None, 32)), (True, (None, 5, 32))]:
        stack = Stack((5, 2), [LSTM(64, return_sequences=True), LSTM(32, return_sequences=last_returns)])
        rows = stack.summary()
        assert [r.output_shape for r in rows] == [(None, 5, 64), shape]
        assert [r.params for r in rows] == [17152, 12416]
        assert rows[1].formula_line == "4 x (32 x (64 + 32) + 32) = 12416"
        assert [s for _, _, s, _ in keras_rows(stack.to_keras())] == [(None, 5, 64), shape]
    # by hand, seed 004's formula: 4 * (units * (input_dim + units) + units)
    assert 4 * (64 * (2 + 64) + 64) == 17152 and 4 * (32 * (64 + 32) + 32) == 12416


def test_parameters_do_not_depend_on_timesteps():
    counts = {Stack((t, 7), [LSTM(10)]).count_params() for t in (1, 2, 50, 1000, None)}
    assert counts == {4 * (10 * (7 + 10) + 10)}


@pytest.mark.parametrize("spec,features,expected_formula", [
    (LSTM(3, use_bias=False), 2, "4 x 3 x (2 + 3)"),
    (GRU(4), 3, "3 x (4 x (3 + 4) + 2 x 4)"),
    (GRU(4, reset_after=False), 3, "3 x (4 x (3 + 4) + 4)"),
    (SimpleRNN(5), 2, "5 x (2 + 5) + 5"),
    (Bidirectional(LSTM(2)), 3, "2 x 4 x (2 x (3 + 2) + 2)"),
    (TimeDistributed(Dense(3)), 4, "4 x 3 + 3"),
])
def test_formulas_agree_with_keras(keras, spec, features, expected_formula):
    stack = Stack((3, features), [spec] if not isinstance(spec, TimeDistributed) else [LSTM(features, return_sequences=True), spec])
    row = stack.summary()[-1]
    assert row.formula == expected_formula
    assert row.params == keras_rows(stack.to_keras())[-1][3]


def test_summary_prints_like_keras():
    text = str(Stack((5, 2), [LSTM(64, return_sequences=True), LSTM(32)]).summary())
    assert "lstm_1 (LSTM)" in text and "(None, 5, 64)" in text and "12,416" in text
    assert text.splitlines()[-1] == "Total params: 29,568"


def test_batch_size_shows_in_shapes():
    rows = Stack((4, 2), [LSTM(1, return_sequences=True, stateful=True)], batch_size=1).summary()
    assert rows[0].output_shape == (1, 4, 1)
