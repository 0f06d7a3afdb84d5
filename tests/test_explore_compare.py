"""CellExplorer(step=...): the learner's lstm_step beside the reference; where a wrong one first parts, and which gate."""
import numpy as np
import pytest
from matplotlib.colors import to_hex

import lstmlab
from lstmlab.explore.cell_core import CellState, cell_core, cell_weights
from lstmlab.explore.compare_core import StepFailed, compare_steps
from lstmlab.plots.cell import OUTLINE, compare_figure
from lstmlab.reference.cell import lstm_step


def _sigmoid(v):
    return 1 / (1 + np.exp(-v))


def _written(order=(0, 1, 2, 3), tanh_c=True, tanh_candidate=True):
    """An lstm_step written by hand, with a chosen slip: gate blocks in another order, a tanh left out."""
    def step(x, h, c, kernel, recurrent_kernel, bias):
        z = x @ kernel + h @ recurrent_kernel + bias  # (batch, 4*units)
        u = h.shape[1]
        blocks = [z[:, k * u:(k + 1) * u] for k in order]  # (batch, units) each
        i, f, o = _sigmoid(blocks[0]), _sigmoid(blocks[1]), _sigmoid(blocks[3])
        candidate = np.tanh(blocks[2]) if tanh_candidate else blocks[2]
        c = f * c + i * candidate  # (batch, units)
        return o * (np.tanh(c) if tanh_c else c), c
    return step


@pytest.mark.parametrize("step, where", [
    (_written(order=(1, 0, 2, 3)), (0, "c", "i")),  # i and f swapped: c is wrong at once, through i
    (_written(tanh_candidate=False), (0, "c", "c~")),
    (_written(tanh_c=False), (0, "h", "o")),  # h = o*c: c is right, h is not
], ids=["i-f-swapped", "no-tanh-on-candidate", "no-tanh-on-c"])
def test_a_wrong_step_is_caught_at_the_step_output_and_gate_where_it_goes_wrong(step, where):
    state = CellState(input="noise", weight_scale=2.0)
    x, trace = cell_core(state)
    mine, difference = compare_steps(step, x, *cell_weights(state), trace)
    assert (difference.t, difference.key, difference.gate) == where
    assert not np.allclose(mine[difference.key][difference.t], trace[difference.key][difference.t])


def test_the_reference_step_and_a_float32_one_agree_everywhere():
    state = CellState(input="sine")
    x, trace = cell_core(state)
    as32 = lambda *a: tuple(np.float32(v) for v in lstm_step(*(np.float32(b) for b in a)))
    for step in (lstm_step, _written(), as32):
        assert compare_steps(step, x, *cell_weights(state), trace)[1] is None


def test_missing_tanh_on_c_shows_h_leaving_the_tanh_range():
    e = lstmlab.CellExplorer(CellState(input="sine", weight_scale=3.0), step=_written(tanh_c=False))
    assert e.difference.key == "h" and e.difference.gate == "o"
    assert "leaves [-1, 1]" in e.compare_report.value and "first differs from the reference at step" in e.compare_report.value
    assert bytes(e.compare_image.value).startswith(b"<?xml") and e.compare_image.layout.display is None


def test_the_first_difference_is_outlined_in_both_columns_of_its_row():
    state = CellState(input="noise")
    x, trace = cell_core(state)
    mine, d = compare_steps(_written(order=(1, 0, 2, 3)), x, *cell_weights(state), trace)
    fig = compare_figure(trace, mine, (d.t, d.key))
    outlined = [ax for ax in fig.axes for p in ax.patches if to_hex(p.get_edgecolor()) == OUTLINE]
    titles = [ax.get_title(loc="left") for ax in outlined]
    assert titles == ["reference: c  cell state", "yours: c  cell state", "yours - reference"]
    rect = [p for ax in outlined for p in ax.patches][0]
    assert rect.get_x() == d.t - 0.5 and rect.get_width() == 1


def test_a_step_that_is_not_written_or_crashes_or_returns_one_array_is_explained():
    def todo(*args):
        raise NotImplementedError
    e = lstmlab.CellExplorer(step=todo)
    assert "Shift+Enter" in e.compare_report.value and e.compare_image.layout.display == "none"
    e = lstmlab.CellExplorer(step=lambda x, h, c, k, r, b: 1 / 0)
    assert "raised ZeroDivisionError: division by zero at step 1" in e.compare_report.value
    state = CellState()
    x, trace = cell_core(state)
    with pytest.raises(StepFailed, match=r"must return \(h, c\), two arrays of shape \(1, 3\)"):
        compare_steps(lambda *a: lstm_step(*a)[0], x, *cell_weights(state), trace)


def test_custom_values_set_and_disable_the_timesteps_slider():
    e = lstmlab.CellExplorer()
    assert not e.timesteps.disabled and e.timesteps.value == 8
    e.values.value = "1, 0, 0, 2, 0, 0"
    assert e.timesteps.disabled and e.timesteps.value == 6 and e.trace["h"].shape == (6, 3)
    e.values.value = ", ".join(["1"] * 20)  # more than the slider's 16
    assert e.timesteps.value == 20 and e.timesteps.max >= 20
    e.input.value = "pulse"
    assert not e.timesteps.disabled and e.trace["h"].shape[0] == e.timesteps.value


def test_the_comparison_speaks_chinese(fresh_language):
    from lstmlab.messages.zh import MESSAGES as ZH
    from lstmlab.plots.fonts import cjk_font
    lstmlab.set_language("zh")
    e = lstmlab.CellExplorer(CellState(input="noise"), step=_written(order=(1, 0, 2, 3)))
    assert ZH["explore.compare.differs"].split("{")[0] in e.compare_report.value
    if cjk_font() is not None:  # CI installs fonts-noto-cjk; without it figures say so and stay English
        assert e.compare_labels["reference"] == "参考实现" and e.compare_labels["unit"] == "隐藏单元 {u}"


def test_a_failed_lstm_step_check_links_to_the_cell_explorer_and_a_blank_one_says_to_rerun_its_def_cell(capsys):
    def lstm_step_swapped(x, h, c, kernel, recurrent_kernel, bias):
        return _written(order=(1, 0, 2, 3))(x, h, c, kernel, recurrent_kernel, bias)

    def lstm_step(x, h, c, kernel, recurrent_kernel, bias):
        raise NotImplementedError
    failed = lstmlab.check("lstm_step", lstm_step_swapped, quiet=True)
    assert failed.status == "failed" and "lstmlab.CellExplorer(step=lstm_step_swapped)" in str(failed)
    blank = lstmlab.check("lstm_step", lstm_step, quiet=True)
    assert "Shift+Enter" in str(blank) and "CellExplorer" not in str(blank)
    assert "CellExplorer" not in str(lstmlab.check("lstm_step", lstmlab.lstm_step, quiet=True))
