"""The timing helpers, driven by a fake clock (no wall-clock figure is asserted)."""
import pytest

from lstmlab.lessons.timing import lstm_time_vs_timesteps, time_call


def fake_clock(durations):
    """A clock whose successive (start, stop) pairs are `durations` apart."""
    ticks = []
    now = 0.0
    for d in durations:
        ticks += [now, now + d]
        now += d + 1
    it = iter(ticks)
    return lambda: next(it)


def test_time_call_returns_the_fastest_of_repeat_calls():
    calls = []
    assert time_call(lambda: calls.append(1), repeat=3, clock=fake_clock([0.5, 0.2, 0.3])) == pytest.approx(0.2)
    assert len(calls) == 3


def test_lstm_time_vs_timesteps_times_each_length():
    rows = lstm_time_vs_timesteps([1, 4], batch=2, features=3, units=2, repeat=2, clock=fake_clock([3, 1, 5, 2]))
    assert rows == [(1, pytest.approx(1)), (4, pytest.approx(2))]


def test_bad_arguments_are_explained():
    with pytest.raises(ValueError, match="repeat must be a positive int"):
        time_call(lambda: None, repeat=0)
    with pytest.raises(TypeError, match="timesteps must be a positive int"):
        lstm_time_vs_timesteps([2.5])
