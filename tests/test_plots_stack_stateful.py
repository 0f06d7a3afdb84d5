"""Lessons 04 and 05's side-by-side figures draw the shapes and numbers they are given."""
import numpy as np
import pytest
from matplotlib.colors import to_hex

from lstmlab.plots.stack import EMIT, QUIET, stack_pair_figure
from lstmlab.plots.stateful import stateful_chunks_figure


def texts(ax):
    return [t.get_text() for t in ax.texts]


def box_colors(ax, y):
    """The face colours of the boxes drawn on row y (0 input, 1 layer 1, 2 layer 2), left to right."""
    boxes = [p for p in ax.patches if abs(p.get_y() + p.get_height() / 2 - y) < 0.1]
    return [to_hex(p.get_facecolor()) for p in sorted(boxes, key=lambda p: p.get_x())]


def test_the_working_stack_passes_every_h_up_and_the_broken_one_only_the_last():
    working, broken = stack_pair_figure(timesteps=6, features=3, units=(16, 8)).axes
    # by hand: LSTM(16, return_sequences=True) on 6 steps of 3 features -> (None, 6, 16); then LSTM(8) -> (None, 8)
    assert {"(None, 6, 16)", "(None, 8)"} <= set(texts(working))
    assert box_colors(working, 1) == [EMIT] * 6 and box_colors(working, 2) == [QUIET] * 5 + [EMIT]
    # without return_sequences layer 1 returns its last h only, (None, 16), and layer 2 has nothing to run over
    assert "(None, 16)" in texts(broken) and "no sequence to run over" in texts(broken)
    assert box_colors(broken, 1) == [QUIET] * 5 + [EMIT]
    assert any("receives (None, 16)" in t for t in texts(broken))


def test_the_pair_figure_names_what_it_needs():
    with pytest.raises(ValueError, match="2 <= timesteps <= 8.*timesteps=1"):
        stack_pair_figure(timesteps=1)


def test_the_chunk_figure_draws_the_three_runs_it_is_given(rng):
    whole, off, on = rng.normal(size=(3, 1, 12, 1))  # (batch, timesteps, units) each
    ax = stateful_chunks_figure(whole, off, on, chunk=4).axes[0]
    drawn = [line for line in ax.lines if len(line.get_ydata()) == 12]
    assert [list(line.get_xdata()) for line in drawn] == [list(range(1, 13))] * 3
    for line, values in zip(drawn, (whole, off, on)):
        np.testing.assert_array_equal(line.get_ydata(), values.reshape(-1))
    assert len(ax.lines) - len(drawn) == 2  # the two boundaries between three calls


def test_the_chunk_figure_rejects_runs_of_different_lengths():
    with pytest.raises(ValueError, match="same length.*12, 12, 8 and chunk=4"):
        stateful_chunks_figure(np.zeros(12), np.zeros(12), np.zeros(8), chunk=4)


def edged(ax, color, y=None):
    """The boxes (on row y, or anywhere) whose edge is `color`."""
    return [p for p in ax.patches if to_hex(p.get_edgecolor()) == to_hex(color)
            and (y is None or abs(p.get_y() + p.get_height() / 2 - y) < 0.1)]


def test_a_highlighted_layer_is_outlined_in_every_box_and_named_in_bold():
    from lstmlab import LSTM, Dense, Stack
    from lstmlab.plots.stack import HIGHLIGHT, stack_grid_figure
    stack = Stack((5, 2), [LSTM(8, return_sequences=True), LSTM(4), Dense(1)])
    assert edged(stack_grid_figure(stack).axes[0], HIGHLIGHT) == []
    ax = stack_grid_figure(stack, highlight=2).axes[0]
    assert len(edged(ax, HIGHLIGHT, y=2)) == 5 and len(edged(ax, HIGHLIGHT)) == 5  # layer 2's five steps, no other
    ax = stack_grid_figure(stack, highlight=3, show_total=False).axes[0]
    assert len(edged(ax, HIGHLIGHT, y=3)) == 1  # the Dense head: one box
    bold = [t.get_text() for t in ax.texts if t.get_fontweight() == "bold"]
    assert bold == ["dense\n(Dense)"]


def test_a_broken_stack_draws_the_layer_that_cannot_run_fed_by_red_arrows():
    from lstmlab import LSTM, Stack
    from lstmlab.plots.stack import BROKEN, stack_grid_figure
    below = Stack((6, 2), [LSTM(8, return_sequences=True), LSTM(4)])  # layer 2 hands up its last h: (None, 4)
    ax = stack_grid_figure(below, broken=("lstm_2 (LSTM)", "receives (None, 4)")).axes[0]
    assert len(edged(ax, BROKEN, y=3)) == 6  # layer 3's six steps, empty, edged in red
    (quiver,) = ax.collections
    reds = [k for k, c in enumerate(quiver.get_facecolors()) if to_hex(c) == to_hex(BROKEN)]
    assert len(reds) == 1  # one arrow into layer 3: the last h, in red
    assert {"lstm_2\n(LSTM)", "receives (None, 4)"} <= set(texts(ax)) and "output\n(None, 4)" not in texts(ax)
