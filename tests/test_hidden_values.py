"""A verdict on grade-time (hidden) inputs gives away neither the expected numbers nor enough to rebuild them."""
import numpy as np
import pytest

from lstmlab.checks.compare import Difference
from lstmlab.checks.describe import problem_text
from lstmlab.messages import set_language


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("shape", [(), (2, 3)])
def test_hidden_verdict_holds_no_expected_or_received_number(language, shape, fresh_language):
    set_language(language)
    expected = np.full(shape, 0.245752)
    received = np.full(shape, 0.317891)
    bad = np.ones(shape, dtype=bool)
    hidden = problem_text(Difference("values", "h", expected, received, bad), reveal=False)
    shown = problem_text(Difference("values", "h", expected, received, bad), reveal=True)
    assert "0.245752" in shown and "0.317891" in shown  # with the learner's own inputs, both are shown
    assert "0.245752" not in hidden  # hand check: expected = received - gap would rebuild the hidden expected value
    if shape:  # many numbers: the gap is shown, so the received value must not be
        assert "0.317891" not in hidden and "0.0721" in hidden
