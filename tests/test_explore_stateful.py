"""StatefulExplorer (issue 22): its code resets where its diagram does, its figure and table agree, long tables are cut."""
import re

import lstmlab
from lstmlab.explore.stateful_widget import keras_code
from lstmlab.plots import stateful as stateful_plot


def _drawn(explorer_kwargs, monkeypatch):
    """The explorer and the matplotlib Figure it drew last."""
    figures = []
    original = stateful_plot.stateful_flow_figure

    def keep(*args, **kwargs):
        figures.append(original(*args, **kwargs))
        return figures[-1]
    monkeypatch.setattr(stateful_plot, "stateful_flow_figure", keep)
    explorer = lstmlab.StatefulExplorer(**explorer_kwargs)
    return explorer, [t.get_text() for t in figures[-1].axes[0].texts]


def test_reset_code_resets_before_every_batch_not_once_per_epoch():
    code = keras_code(3, 4, False, True)
    loop = code[code.index("for epoch"):]
    assert "model.fit(" not in loop  # fit(..., epochs=1) then reset_states() resets once per epoch (issue 22, item 1)
    batch_loop = loop[loop.index("for k in range(0, len(x_train), 3)"):]
    assert batch_loop.index("lstm.reset_states()") < batch_loop.index("model.train_on_batch(")
    assert "reset_states" not in keras_code(3, 4, False, False).replace("reset_states() runs", "")


def test_figure_boxes_name_the_steps_the_table_lists_and_the_counts_agree(monkeypatch):
    e, texts = _drawn(dict(series_length=400, batch=3, timesteps=4, shuffled=True), monkeypatch)
    first_row = re.search(r"<td>batch 1</td>((?:<td>x\[\d+\.\.\d+\]</td>)+)</tr>", e.report.value).group(1)
    table = re.findall(r"x\[\d+\.\.\d+\]", first_row)
    boxes = [t.split("\n")[1] for t in texts if t.startswith("series")][:3]  # batch 1, rows 0..2
    assert boxes == table
    count = re.search(r"(\d+) of (\d+) hand-overs", e.report.value).groups()
    assert f"{count[0]} of {count[1]} hand-overs" in " ".join(texts).replace("\n", " ")  # figure = text: 96, not 9
    assert "red dashed arrow: the row gets another series'" in " ".join(texts).replace("\n", " ")
    assert not any("->" in t for t in texts)  # the unexplained 'series 0.3 -> 1.1'


def test_long_tables_are_cut_with_a_note():
    e = lstmlab.StatefulExplorer(series_length=400, batch=3, timesteps=4)
    assert e.n_batches == 33 and e.report.value.count("<td>batch ") == 8
    assert "The table lists the first 8 of the 33 batches" in e.report.value
    short = lstmlab.StatefulExplorer(series_length=48, batch=3, timesteps=4)
    assert short.report.value.count("<td>batch ") == 4 and "The table lists" not in short.report.value


def test_the_figure_speaks_the_page_language(fresh_language, monkeypatch):
    from lstmlab.plots.fonts import cjk_font
    lstmlab.set_language("zh")
    e, texts = _drawn(dict(series_length=48, batch=3, timesteps=4, reset_between=True), monkeypatch)
    if cjk_font() is None:  # CI installs fonts-noto-cjk; without a CJK font figures stay English, and say so
        assert "batch 1" in texts
        return
    joined = " ".join(texts)
    assert "批次 1" in joined and "第 0 行" in joined and "清零" in joined and "序列 0\nx[0..3]" in texts
    assert not re.search(r"\b(batch|row|series|zeros|hand-overs)\b", joined)


def test_explorer_figures_have_no_text_under_11_px():
    """Issue 22 item 10: the stack legend and 'x at t=k' were ~9 px grey, heatmap numbers ~7 px (1 pt = 4/3 CSS px)."""
    from lstmlab.explore.cell_core import CellState, cell_core
    from lstmlab.explore.stack_core import StackState, build_stack
    from lstmlab.plots.cell import gate_trace_figure
    from lstmlab.plots.stack import stack_grid_figure
    figures = [stack_grid_figure(build_stack(StackState(bidirectional=True, stateful=True, batch=4))),
               gate_trace_figure(cell_core(CellState())[1]),
               stateful_plot.stateful_flow_figure(3, 4, timesteps=4, shuffled=True, stream=16)]
    for fig in figures:
        texts = [t for ax in fig.axes for t in ax.texts + [ax.title, ax._left_title] if t.get_text()]
        assert texts and min(t.get_fontsize() for t in texts) * 4 / 3 >= 11, [
            (t.get_text()[:20], t.get_fontsize()) for t in texts if t.get_fontsize() * 4 / 3 < 11]
