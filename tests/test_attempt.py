"""attempt(): values, warnings and errors are reported as written by the callee."""
import warnings

import pytest

from lstmlab.lessons.attempt import Attempt, attempt, first_line


def test_value_passes_through_and_ok():
    result = attempt(lambda a, b=1: a + b, 2, b=3)
    assert result.value == 5 and result.ok and result.warnings == [] and result.error is None
    assert str(result) == "runs    -> no error"


def test_error_is_caught_with_type_and_first_line():
    def broken():
        raise ValueError("Unrecognized keyword arguments passed to LSTM: {'batch_size': 4}\nsecond line")
    result = attempt(broken)
    assert not result.ok and result.value is None
    assert result.error == "ValueError: Unrecognized keyword arguments passed to LSTM: {'batch_size': 4}"
    assert "second line" not in str(result)


def test_warnings_recorded_once_each_in_order():
    def noisy():
        warnings.warn("Do not pass an `input_shape`", UserWarning)
        warnings.warn("Do not pass an `input_shape`", UserWarning)
        warnings.warn("old API", DeprecationWarning)
        return "built"
    result = attempt(noisy)
    assert result.value == "built" and result.ok
    assert result.warnings == ["UserWarning: Do not pass an `input_shape`", "DeprecationWarning: old API"]
    assert str(result).splitlines() == ["warning -> UserWarning: Do not pass an `input_shape`",
                                        "warning -> DeprecationWarning: old API", "runs    -> no error"]


def test_warnings_shown_even_if_already_filtered_outside():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = attempt(lambda: warnings.warn("seen anyway", UserWarning))
    assert result.warnings == ["UserWarning: seen anyway"]


def test_warning_then_error_both_reported():
    def both():
        warnings.warn("first", UserWarning)
        raise TypeError("then this")
    result = attempt(both)
    assert result.warnings == ["UserWarning: first"] and result.error == "TypeError: then this"


def test_first_line_trims_and_skips_blank_lines():
    assert first_line("\n\n  hello  \nworld") == "hello"
    assert first_line("x" * 300, limit=10) == "xxxxxxx..."
    assert first_line("") == ""


def test_not_callable_is_a_clear_error():
    with pytest.raises(TypeError, match="expects a callable"):
        attempt(42)
    assert isinstance(attempt(int), Attempt)
