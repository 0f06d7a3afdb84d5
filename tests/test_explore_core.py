"""Unit tests of the explorers' pure cores and figures (no widgets, no Keras)."""
import numpy as np
import pytest
from matplotlib.figure import Figure

from lstmlab import LSTM, Dense, Stack
from lstmlab.explore.cell_core import CellState, cell_core, cell_trace, cell_weights, make_input, memory_kept
from lstmlab.explore.quiz_core import grade, keras_code, parse_count, parse_shape, questions
from lstmlab.explore.stack_core import (StackState, build_stack, comparison_html, stack_view, table_html, total_text,
                                        with_depth)
from lstmlab.data.stateful import series_chunks, stateful_layout, stateful_links, summarize
from lstmlab.reference.layer import lstm_layer
from lstmlab.plots.cell import gate_trace_figure
from lstmlab.plots.stack import EMIT, QUIET, stack_grid_figure, step_columns
from lstmlab.plots.stateful import stateful_flow_figure


def lstm_params(features, units):
    """The seed's formula, written out by hand: 4 gates x (kernel + recurrent kernel + bias)."""
    return 4 * (features * units + units * units + units)


# -- stack core -------------------------------------------------------------------------------------
def test_default_state_is_the_seed_stack():
    view = stack_view(StackState())
    assert view.error == ""
    assert view.total == "Total params: 29,568"
    assert lstm_params(2, 64) + lstm_params(64, 32) == 29568
    assert [r.output_shape for r in view.stack.summary()] == [(None, 5, 64), (None, 32)]


def test_total_text_has_thousands_separators():
    assert total_text(29568) == "Total params: 29,568"
    assert total_text(7) == "Total params: 7"


@pytest.mark.parametrize("depth", [1, 2, 3, 6])
def test_with_depth_keeps_layers_and_makes_a_valid_stack(depth):
    state = with_depth(StackState(units=(64, 32), return_sequences=(True, False)), depth)
    assert len(state.units) == len(state.return_sequences) == depth
    assert state.units[:2] == (64, 32)[:depth]
    assert state.return_sequences == (True,) * (depth - 1) + (False,)
    expected = lstm_params(2, state.units[0]) + sum(lstm_params(a, b) for a, b in zip(state.units, state.units[1:]))
    assert build_stack(state).count_params() == expected


def test_with_depth_rejects_out_of_range():
    with pytest.raises(ValueError, match="between 1 and 6"):
        with_depth(StackState(), 7)


def test_invalid_stack_is_explained_not_raised():
    view = stack_view(StackState(return_sequences=(False, False)))
    assert view.stack is None and view.total == "Total params: -"
    assert "layer 2" in view.error and "return_sequences=True on layer 1" in view.error


def test_stateful_with_batch_none_is_explained():
    view = stack_view(StackState(stateful=True, batch=None))
    assert view.stack is None and "fixed batch size" in view.error
    ok = stack_view(StackState(stateful=True, batch=4))
    assert ok.stack is not None and ok.stack.output_shape == (4, 32)


def test_timedistributed_head_needs_a_sequence():
    assert "return_sequences=True" in stack_view(StackState(head="TimeDistributed(Dense)")).error
    state = StackState(return_sequences=(True, True), head="TimeDistributed(Dense)", head_units=3)
    assert stack_view(state).stack.output_shape == (None, 5, 3)


def test_bidirectional_gru_head_state():
    state = StackState(units=(8,), return_sequences=(False,), cell="GRU", bidirectional=True, head="Dense", head_units=2)
    rows = build_stack(state).summary()
    gru = 3 * (8 * (2 + 8) + 2 * 8)  # reset_after=True: two biases
    assert [r.params for r in rows] == [2 * gru, 16 * 2 + 2]
    assert rows[0].output_shape == (None, 16)


def test_table_html_has_a_row_per_layer_with_engine_numbers():
    stack = build_stack(StackState())
    text = table_html(stack)
    assert text.count("<tr data-layer=") == 2
    assert "17,152" in text and "12,416" in text and "(None, 5, 64)" in text
    assert "Formula: 4 x (64 x (2 + 64) + 64) = 17152" in __import__("re").sub(r"<[^>]+>", "", text)
    assert text.count("<tr class='lstmlab-formula-row'") == 2  # each formula on a row of its own, the table's width


def test_comparison_html_flags_a_difference():
    stack = build_stack(StackState())
    rows = stack.summary()
    good = [(r, (r.name, r.kind, r.output_shape, r.params), True, True) for r in rows]
    assert "Keras agrees" in comparison_html(stack, good, stack.count_params())
    bad = [good[0], (rows[1], (rows[1].name, "LSTM", (None, 5, 32), 1), False, False)]
    text = comparison_html(stack, bad, 17153)
    assert "Keras disagrees" in text and text.count("background:#fed7d7") == 2


# -- figures ----------------------------------------------------------------------------------------
def _texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def _cells_by_row(fig):
    """Facecolours of the drawn boxes, grouped by the row (layer) they sit on."""
    from matplotlib.colors import to_hex
    rows = {}
    for patch in fig.axes[0].patches:
        y = round(patch.get_y() + patch.get_height() / 2)
        rows.setdefault(y, []).append(to_hex(patch.get_facecolor(), keep_alpha=False))
    return rows


def test_step_columns():
    assert step_columns(5) == [1, 2, 3, 4, 5]
    assert step_columns(100, 8) == [1, 2, 3, 4, 5, 6, None, 100]
    assert step_columns(None, 5) == [1, 2, 3, None, "T"]
    assert step_columns(1) == [1]


def test_stack_grid_shows_which_outputs_leave_each_layer():
    stack = Stack((5, 2), [LSTM(64, return_sequences=True), LSTM(32), Dense(1)])
    fig = stack_grid_figure(stack)
    assert isinstance(fig, Figure)
    rows = _cells_by_row(fig)
    assert rows[1] == [EMIT] * 5  # return_sequences=True: every step's h goes up
    assert rows[2] == [QUIET] * 4 + [EMIT]  # return_sequences=False: only the last h leaves
    assert len(rows[3]) == 1  # the Dense acts once, on the last h
    texts = _texts(fig)
    assert "Total params: 29,601" in texts
    assert any(t.startswith("(None, 5, 64)\n17,152 params") for t in texts)


def test_stack_grid_elides_long_sequences_and_draws_timesteps_one():
    long = stack_grid_figure(Stack((500, 3), [LSTM(4, return_sequences=True)]), max_timesteps=6)
    assert len(_cells_by_row(long)[1]) == 5  # 4 shown steps + the last, the rest elided
    assert "x at t=500" in _texts(long)
    one = stack_grid_figure(Stack((1, 3), [LSTM(4), Dense(2)]))
    assert _cells_by_row(one)[1] == [EMIT]


def test_gate_trace_figure_draws_the_trace_values():
    _, trace = cell_core(CellState(timesteps=5, units=2))
    fig = gate_trace_figure(trace)
    images = [ax.images[0] for ax in fig.axes if ax.images]
    assert len(images) == 6
    for image, key in zip(images, ("i", "f", "c_tilde", "o", "c", "h")):
        np.testing.assert_array_equal(image.get_array(), trace[key].T)


def test_gate_trace_figure_explains_a_bad_trace():
    with pytest.raises(ValueError, match="missing c_tilde"):
        gate_trace_figure({k: np.zeros((3, 2)) for k in ("i", "f", "o", "c", "h")})
    bad = {k: np.zeros((3, 2)) for k in ("i", "f", "c_tilde", "o", "c", "h")}
    bad["h"] = np.zeros((4, 2))
    with pytest.raises(ValueError, match="same"):
        gate_trace_figure(bad)


def _arrows(fig):
    return [t for t in fig.axes[0].texts if getattr(t, "arrow_patch", None) is not None]


def test_stateful_flow_figure_arrows():
    assert len(_arrows(stateful_flow_figure(4, 3))) == 8  # (3 - 1) hand-overs x 4 rows
    assert len(_arrows(stateful_flow_figure(4, 3, reset_between=True))) == 0
    shuffled = stateful_flow_figure(4, 3, shuffled=True)
    wrong = [l for l in stateful_links(stateful_layout(4, 3, shuffled=True)) if not l.ok]
    red = [a for a in _arrows(shuffled) if a.arrow_patch.get_edgecolor()[0] > 0.8]
    assert len(red) == len(wrong) > 0


# -- cell core --------------------------------------------------------------------------------------
def test_cell_trace_matches_the_layer_and_the_cell_equations(rng):
    kernel, recurrent_kernel, bias = rng.normal(size=(3, 8)), rng.normal(size=(2, 8)), rng.normal(size=8)
    x = rng.normal(size=(6, 3))
    trace = cell_trace(x, kernel, recurrent_kernel, bias)
    assert {k: v.shape for k, v in trace.items()} == {k: (6, 2) for k in ("i", "f", "c_tilde", "o", "c", "h")}
    out = lstm_layer(x[None], kernel, recurrent_kernel, bias, return_sequences=True)  # (1, 6, 2)
    np.testing.assert_allclose(trace["h"], out[0], rtol=1e-12)
    c_prev = np.vstack([np.zeros((1, 2)), trace["c"][:-1]])  # (6, 2)
    np.testing.assert_allclose(trace["c"], trace["f"] * c_prev + trace["i"] * trace["c_tilde"], rtol=1e-12)
    np.testing.assert_allclose(trace["h"], trace["o"] * np.tanh(trace["c"]), rtol=1e-12)


def test_cell_trace_explains_wrong_features(rng):
    with pytest.raises(ValueError, match="x has 2 features"):
        cell_trace(np.zeros((4, 2)), np.zeros((3, 8)), np.zeros((2, 8)), np.zeros(8))


def test_forget_bias_holds_or_drops_memory():
    held = memory_kept(cell_core(CellState(forget_bias=6.0))[1])[-1]
    dropped = memory_kept(cell_core(CellState(forget_bias=-6.0))[1])[-1]
    assert held.min() > 0.9 and dropped.max() < 1e-6
    kernel, _, bias = cell_weights(CellState(units=3, forget_bias=2.5, weight_scale=0.0))
    assert not kernel.any() and bias.tolist() == [0, 0, 0, 2.5, 2.5, 2.5, 0, 0, 0, 0, 0, 0]


def test_make_input():
    assert make_input("pulse", 4)[:, 0].tolist() == [1, 0, 0, 0]
    assert make_input("step", 4)[:, 0].tolist() == [0, 0, 1, 1]
    with pytest.raises(ValueError, match="pulse"):
        make_input("saw", 4)


# -- stateful core ----------------------------------------------------------------------------------
def test_series_chunks_rows_continue_their_stream():
    index = series_chunks(48, 3, 4)  # (n_batches, batch, timesteps)
    assert index.shape == (4, 3, 4)
    assert index[0, 1].tolist() == [16, 17, 18, 19]
    np.testing.assert_array_equal(index[1:, :, 0], index[:-1, :, -1] + 1)  # row i picks up where row i stopped
    assert sorted(index.ravel().tolist()) == list(range(48))
    with pytest.raises(ValueError, match="fewer than timesteps"):
        series_chunks(10, 3, 4)


def test_links_in_order_reset_and_shuffled():
    ordered = stateful_links(stateful_layout(3, 4))
    assert len(ordered) == 9 and all(l.ok and l.carried for l in ordered)
    reset = stateful_links(stateful_layout(3, 4), reset_between=True)
    assert not any(l.carried for l in reset) and "zeros" in summarize(reset)
    shuffled = stateful_links(stateful_layout(3, 4, shuffled=True))
    assert any(not l.ok for l in shuffled) and "wrong memory" in summarize(shuffled)
    layout = stateful_layout(3, 4, shuffled=True)
    assert sorted(c for rows in layout for c in rows) == [(s, k) for s in range(3) for k in range(4)]


# -- quiz core --------------------------------------------------------------------------------------
def test_parse_answers():
    assert parse_shape("(None, 5, 64)") == (None, 5, 64)
    assert parse_shape("batch,32") == (None, 32)
    assert parse_count("12,416") == parse_count("12_416") == 12416
    with pytest.raises(ValueError, match="shape like"):
        parse_shape("(None, five)")
    with pytest.raises(ValueError, match="whole number"):
        parse_count("lots")


def test_grade_right_answers_from_the_engine_and_explains_misses():
    for stack in questions():
        answers = [(str(r.output_shape), str(r.params)) for r in stack.summary()]
        assert all(m.ok for m in grade(stack, answers))
    stack = questions()[0]
    marks = grade(stack, [("(None, 64)", "17152"), ("(None, 32)", "12000")])
    assert [m.ok for m in marks] == [False, True, True, False]
    assert "return_sequences=True" in marks[0].why
    assert "4 x (32 x (64 + 32) + 32) = 12416" in marks[3].why and "timesteps" in marks[3].why
    with pytest.raises(ValueError, match="2 layers"):
        grade(stack, [("(None, 5, 64)", "1")])


def test_quiz_for_lessons_01_to_03_asks_nothing_taught_later():
    kinds = lambda stack: [type(spec).__name__ for spec in stack.layers]  # noqa: E731
    early = questions(lesson=3)
    assert [kinds(s) for s in early] == [["LSTM"], ["LSTM", "Dense"], ["LSTM"], ["LSTM", "Dense"], ["LSTM", "Dense"]]
    for stack in early:  # one LSTM, never stateful: stacks are lesson 04, stateful lesson 05
        assert stack.batch_size is None and not any(getattr(s, "stateful", False) for s in stack.layers)
    assert len(questions(lesson=2)) == 2 and questions(lesson=5) == questions() and len(questions()) == 10
    assert questions()[0] is not early[0] and "GRU" in str(questions(lesson=4)[4].layers)


def test_keras_code_uses_keras3_inputs():
    assert "keras.Input(shape=(5, 2))" in keras_code(questions()[0])
    assert "keras.Input(batch_shape=(1, 4, 1))" in keras_code(questions()[-1])


def test_cores_are_light():
    import subprocess
    import sys
    code = ("import sys, lstmlab.explore, lstmlab.explore.stack_core, lstmlab.explore.cell_core, "
            "lstmlab.data.stateful, lstmlab.explore.quiz_core, lstmlab.explore.cli\n"
            "print([m for m in ('ipywidgets', 'matplotlib', 'keras', 'tensorflow') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


# -- figures at the size shown, typed sizes, one name per layer, a legend of what is drawn (issue 12) ---------------
from lstmlab import GRU, Bidirectional, Dropout  # noqa: E402
from lstmlab.explore.picture import picture, svg_size  # noqa: E402
from lstmlab.explore.stack_core import parse_size, read_state  # noqa: E402
from lstmlab.plots.stack import LEGEND, layer_label, legend_items  # noqa: E402
from lstmlab.messages import template  # noqa: E402


def test_picture_is_svg_at_the_figures_natural_size():
    fig = stateful_flow_figure(1, 1, timesteps=4)  # the one-batch figure once stretched from 280 x 399 to 964 x 1374
    pic = picture(fig)
    width, height = fig.get_size_inches() * 96  # CSS px: the browser shows an SVG's pt as 4/3 px
    assert pic.format == "svg+xml" and (pic.width, pic.height) == (round(width), round(height)) == svg_size(pic.data)
    assert picture(fig).data == pic.data  # no date inside: the same figure, the same bytes


def test_stateful_figure_labels_are_readable_where_they_are_shown():
    fig = stateful_flow_figure(3, 4, timesteps=4)  # the StatefulExplorer's default: four batches
    labels = [t for t in fig.axes[0].texts if t.get_text().startswith("series")]
    assert len(labels) == 12 and min(t.get_fontsize() for t in labels) * 96 / 72 >= 12  # px at natural size
    assert picture(fig).width <= 760  # fits a notebook in an 1100 px window without being scaled down much


@pytest.mark.parametrize("typed", ["0", "-3", "abc", "", "2.5", "1e3"])
def test_parse_size_rejects_what_is_not_a_size(typed):
    with pytest.raises(ValueError, match="units 2 must be a whole number from 1 to 100,000"):
        parse_size(typed, "units 2")
    assert parse_size(" 64 ", "units 2") == 64


def test_read_state_names_every_box_that_cannot_be_read():
    layers = dict(units=["64", "32"], return_sequences=[True, False])
    state, problems = read_state(features="2", timesteps="5", batch="None", **dict(layers, units=["64", "abc"]))
    assert state is None and list(problems) == ["units 2"] and "'abc'" in problems["units 2"]
    state, problems = read_state(features="0", timesteps="-3", batch="x", **layers)
    assert state is None and set(problems) == {"features", "timesteps", "batch"}
    state, problems = read_state(features=" 2 ", timesteps="5", batch="", head_units="abc", **layers)
    assert problems == {} and state == StackState()  # head units is read only when there is a head
    _, problems = read_state(features="2", timesteps="5", batch="", head="Dense", head_units="0", **layers)
    assert list(problems) == ["head units"]


def test_table_and_diagram_name_each_layer_the_same_way():
    state = StackState(units=(8, 4), return_sequences=(True, True), cell="GRU", bidirectional=True,
                       head="TimeDistributed(Dense)", head_units=2)
    stack = build_stack(state)
    table = table_html(stack)
    drawn = [t.replace("\n", " ") for t in _texts(stack_grid_figure(stack))]
    labels = [layer_label(row, spec) for row, spec in zip(stack.summary(), stack.layers)]
    assert labels == ["bidirectional (Bidirectional(GRU))", "bidirectional_1 (Bidirectional(GRU))",
                      "time_distributed (TimeDistributed(Dense))"]
    for label in labels:
        assert f"<td class='lstmlab-name'>{label}</td>" in table
        assert label in drawn


def test_table_keeps_shapes_on_one_line():
    table = table_html(build_stack(StackState()))
    for cls in ("lstmlab-in", "lstmlab-out", "lstmlab-params"):
        assert table.count(f"class='{cls}' style='") == 2
        assert all("white-space:nowrap" in part.split(">")[0] for part in table.split(f"class='{cls}'")[1:])


@pytest.mark.parametrize("stack, keys", [
    (Stack((5, 2), [LSTM(64, return_sequences=True), LSTM(32)]), ["emit", "quiet"]),
    (Stack((5, 2), [LSTM(8, return_sequences=True)]), ["emit"]),
    (Stack((5, 2), [Bidirectional(LSTM(8)), Dropout(0.2), Dense(1)]),
     ["emit", "quiet", "backward", "backward_emit", "dense", "dropout"]),
    (Stack((5, 2), [GRU(8, stateful=True)], batch_size=4), ["emit", "quiet", "stateful"]),
    (Stack((1, 2), [LSTM(8), Dense(1)]), ["emit", "dense"]),
], ids=["seed", "one-sequence", "bidirectional-dropout-dense", "stateful", "one-step"])
def test_the_legend_lists_only_what_is_drawn(stack, keys):
    assert legend_items(stack) == keys
    legend = [t for t in _texts(stack_grid_figure(stack)) if t.startswith("dark blue")][0].replace("\n", " ")
    for key, message in LEGEND.items():  # LEGEND names each mark's message key
        assert (template(message, "en") in legend) == (key in keys), key


# -- the quiz: a hint first, the answer on request, the classic misses by name (issue 12) ---------------------------
from lstmlab.explore.quiz_core import feedback_html  # noqa: E402


def test_quiz_names_a_missing_bias_and_a_missing_batch_dimension():
    stack = questions()[0]  # LSTM(64, return_sequences=True) -> LSTM(32) on (5, 2)
    marks = grade(stack, [("(5, 64)", "17152"), ("(None, 32)", "12288")])
    shape, params = marks[0], marks[3]
    assert (shape.ok, shape.mistake) == (False, "missing batch dimension") and "batch axis" in shape.hint
    assert (params.ok, params.mistake) == (False, "missing bias") and "bias per unit" in params.hint
    assert 4 * 32 * (64 + 32) == 12288 and params.expected == "12,416"


@pytest.mark.parametrize("index, answers, field, mistake", [
    (0, [("(None, 5, 64)", "17152"), ("(None, 5, 32)", "12416")], 2, "return_sequences mixed up"),
    (0, [("(None, 5, 64)", "4288"), ("(None, 32)", "12416")], 1, "missing gates"),
    (0, [("(None, 5, 64)", "17152"), ("(None, 32)", "4480")], 3, "wrong input features"),
    (0, [("(None, 5, 64)", "17152"), ("(None, 32)", "62080")], 3, "counted per time step"),
    (0, [("(None, 5, 64)", "17152"), ("(None, 32)", "8320")], 3, "missing recurrent kernel"),
    (5, [("(None, 20, 32)", "9728"), ("(None, 16)", "5184"), ("(None, 16)", "0"), ("(None, 3)", "51")], 0,
     "one direction only"),
    (5, [("(None, 20, 64)", "4992"), ("(None, 16)", "5184"), ("(None, 16)", "0"), ("(None, 3)", "51")], 1,
     "Bidirectional counted once"),
    (4, [("(None, 7, 16)", "864"), ("(None, 7, 2)", "34")], 1, "one GRU bias only"),
    (-1, [("(None, 4)", "96")], 0, "wrong batch axis"),  # the stateful question, last
], ids=["return_sequences", "gates", "input-features", "timesteps", "recurrent-kernel", "bidirectional-shape",
        "bidirectional-params", "gru-bias", "fixed-batch"])
def test_quiz_names_the_classic_misses(index, answers, field, mistake):
    marks = grade(questions()[index], answers)
    assert not marks[field].ok and marks[field].mistake == mistake, marks[field]


def test_quiz_hints_do_not_give_the_answer_away():
    for stack in questions():
        rows = stack.summary()
        wrong = [(f"(None, {r.output_shape[-1] + 1})", str(r.params + 7)) for r in rows]
        for mark in grade(stack, wrong):
            assert mark.hint and mark.expected not in mark.hint and mark.expected.replace(",", "") not in mark.hint


def test_quiz_feedback_shows_the_answers_only_on_request():
    marks = grade(questions()[0], [("(5, 64)", "17152"), ("", "12288")])
    hints = feedback_html(marks)
    assert "1 of 4 right" in hints and "Missing bias?" in hints and "Missing batch dimension?" in hints
    assert "12,416" not in hints and "(None, 5, 64)" not in hints and "lstmlab-answer" not in hints
    answers = feedback_html(marks, answers=True)
    assert answers.count("class='lstmlab-answer'") == 3 and "Answer: <b>12,416</b>" in answers
    assert "Answer: <b>(None, 5, 64)</b>" in answers


def _edges_by_row(fig):
    """Edge colours of the drawn boxes, grouped by the row (layer) they sit on."""
    from matplotlib.colors import to_hex
    rows = {}
    for patch in fig.axes[0].patches:
        rows.setdefault(round(patch.get_y() + patch.get_height() / 2), []).append(to_hex(patch.get_edgecolor()))
    return rows


@pytest.mark.parametrize("last", [True, False], ids=["last-layer", "below-dense"])
def test_bidirectional_one_output_marks_the_forward_last_and_the_backward_first_step(last):
    """Bidirectional(return_sequences=False) returns [forward h at t=T, backward h at t=1]: both boxes are marked."""
    from lstmlab.plots.stack import BACKWARD
    stack = Stack((5, 2), [Bidirectional(LSTM(4))] + ([] if last else [Dense(1)]))
    fig = stack_grid_figure(stack)
    assert _cells_by_row(fig)[1] == [EMIT] + [QUIET] * 3 + [EMIT]
    assert _edges_by_row(fig)[1][0] == BACKWARD and BACKWARD not in _edges_by_row(fig)[1][1:]
    assert "backward_emit" in legend_items(stack)
    one_way = stack_grid_figure(Stack((5, 2), [LSTM(4)]))  # a plain LSTM: the last step only
    assert _cells_by_row(one_way)[1] == [QUIET] * 4 + [EMIT]


def test_a_missing_gru_bias_is_named_with_keras_3s_two_biases_per_gate():
    """GRU(16) on 1 feature: 3 x 16 x (1 + 16) = 816 weights, and reset_after=True adds 2 x 3 x 16 = 96 biases (912)."""
    stack = Stack((7, 1), [GRU(16, return_sequences=True)])
    mark = grade(stack, [("(None, 7, 16)", "816")])[1]
    assert mark.mistake == "missing bias"
    assert "two biases per unit" in mark.hint and "2 x units" in mark.hint and "one bias per unit" not in mark.hint
    lstm_mark = grade(Stack((5, 2), [LSTM(8)]), [("(None, 8)", str(4 * 8 * (2 + 8)))])[1]
    assert lstm_mark.mistake == "missing bias" and "one bias per unit" in lstm_mark.hint
