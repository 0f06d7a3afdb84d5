"""The set-up check: the oracle comparison catches a wrong step and passes the reference."""
import numpy as np
import pytest

from lstmlab import lstm_step
from lstmlab.lessons.setup_check import oracle_difference, setup_check


@pytest.mark.keras
def test_reference_agrees_with_keras_cell(keras):
    assert oracle_difference(seed=1) < 1e-5


@pytest.mark.keras
def test_a_wrong_step_is_caught(keras):
    def swapped_gates(x, h, c, kernel, recurrent_kernel, bias):
        return lstm_step(x, h, c, np.roll(kernel, 3, axis=1), recurrent_kernel, bias)  # i, f, c, o blocks shifted
    assert oracle_difference(step=swapped_gates) > 1e-2


@pytest.mark.keras
def test_setup_check_prints_versions_and_verdict(keras, capsys):
    assert setup_check() is True
    out = capsys.readouterr().out
    assert "keras" in out and "Keras oracle: available" in out and "they agree" in out
