"""Widget tests in plain pytest: set a control's .value, assert the table, total and image follow the engine."""
import re
import subprocess
import sys

import numpy as np
import pytest

import lstmlab
from lstmlab.explore.shell import STALE
from lstmlab import GRU, LSTM, Bidirectional, Dense, Stack
from lstmlab.explore.cell_core import CellState, cell_core


@pytest.fixture
def explorer():
    return lstmlab.StackExplorer()


def test_explorers_are_displayable_widgets():
    import ipywidgets
    for cls in (lstmlab.StackExplorer, lstmlab.CellExplorer, lstmlab.StatefulExplorer, lstmlab.ShapeQuiz):
        widget = cls()
        assert isinstance(widget, ipywidgets.DOMWidget)
        assert "application/vnd.jupyter.widget-view+json" in widget._repr_mimebundle_()


def test_controls_have_plain_descriptions(explorer):
    for name in ("features", "timesteps", "batch", "depth", "units 1", "units 2", "return_sequences 1",
                 "return_sequences 2", "cell", "bidirectional", "head", "head units", "stateful"):
        assert explorer.control(name).description == name
    with pytest.raises(KeyError):
        explorer.control("units 3")
    assert explorer.depth.continuous_update is False  # the depth slider rebuilds the rows once, where it is let go
    # the text boxes answer as they are typed, as the sliders do (issue 22: not 2 s of nothing until Enter or Tab)
    assert all(c.continuous_update is True for c in [explorer.features, explorer.timesteps, explorer.batch,
                                                     *explorer.units, explorer.head_units])


def test_typing_in_a_box_updates_at_once_and_narrow_windows_wrap_the_controls(explorer):
    explorer.control("units 2").value = "1"  # mid-typing "16": already a stack
    assert explorer.total_text == f"Total params: {Stack((5, 2), [LSTM(64, return_sequences=True), LSTM(1)]).count_params():,}"
    explorer.control("units 2").value = ""  # mid-editing: explained in place, the last stack kept
    assert "lstmlab-invalid" in explorer.control("units 2")._dom_classes
    rows = [c for c in explorer.children if type(c).__name__ == "HBox"]
    assert rows and all(r.layout.flex_flow == "row wrap" for r in rows)
    assert explorer.depth.layout.width == "calc(100% - 4px)"  # as wide as the window allows, up to 420 px
    formula = explorer.table.value.split("<code")[1].split("</code>")[0]  # breaks between terms, never inside ( )
    terms = re.findall(r"<span class='lstmlab-term' style='white-space:nowrap'>([^<]*)</span>", formula)
    assert terms == ["4", "x (64 x (2 + 64) + 64)", "= 17152"]


def test_default_total(explorer):
    assert explorer.total_text == "Total params: 29,568"
    assert "Total params: 29,568" in explorer.total.value


def test_depth_rebuilds_per_layer_controls(explorer):
    explorer.depth.value = 4
    assert [c.description for c in explorer.units] == ["units 1", "units 2", "units 3", "units 4"]
    assert [c.description for c in explorer.return_sequences] == [f"return_sequences {k}" for k in range(1, 5)]
    assert len(explorer.layer_box.children) == 4
    explorer.depth.value = 1
    assert [c.description for c in explorer.units] == ["units 1"]
    assert explorer.total_text == f"Total params: {Stack((5, 2), [LSTM(64)]).count_params():,}"


def test_setting_units_updates_table_total_and_image(explorer):
    before = explorer.image.value
    explorer.control("units 2").value = "100"
    stack = Stack((5, 2), [LSTM(64, return_sequences=True), LSTM(100)])
    assert explorer.total_text == f"Total params: {stack.count_params():,}"
    row = stack.summary()[1]
    assert f"<td class='lstmlab-params' style='text-align:right;white-space:nowrap'>{row.params:,}</td>" \
        in explorer.table.value
    assert row.formula_line in re.sub(r"<[^>]+>", "", explorer.table.value)
    assert explorer.image.value != before and explorer.image.format == "svg+xml"
    assert b"<svg" in bytes(explorer.image.value[:2000])


def test_every_control_reaches_the_engine(explorer):
    e = explorer
    e.depth.value = 3
    e.control("units 3").value = "1024"
    e.features.value = "7"
    e.timesteps.value = "1"
    e.batch.value = "16"
    e.cell.value = "GRU"
    e.bidirectional.value = True
    e.head.value = "Dense"
    e.head_units.value = "5"
    e.stateful.value = True
    stack = Stack((1, 7), [Bidirectional(GRU(64, return_sequences=True, stateful=True)),
                           Bidirectional(GRU(32, return_sequences=True, stateful=True)),
                           Bidirectional(GRU(1024, stateful=True)), Dense(5)], batch_size=16)
    assert e.total_text == f"Total params: {stack.count_params():,}"
    for row in stack.summary():
        assert f"{row.params:,}" in e.table.value and str(row.output_shape).replace("'", "") in e.table.value
    assert e.error.value == ""


def test_invalid_configurations_are_explained_in_the_widget(explorer):
    good_table = explorer.table.value
    explorer.control("return_sequences 1").value = False
    assert "layer 2 (LSTM) needs 3-D input" in explorer.error.value and "last stack that could be read and built" in \
        explorer.error.value
    assert explorer.total_text == "Total params: -"  # the stack shown is the last that built, greyed (issue 22)
    assert explorer.table.value == good_table and all(STALE in v._dom_classes for v in (explorer.table, explorer.image))
    assert explorer.image.layout.display is None and explorer.check_button.disabled
    assert "Check with Keras works once the stack above builds" in explorer.why_disabled.value
    assert explorer.fix_button.description == "Fix: set return_sequences=True on layer 1"
    explorer.fix_button.click()  # the one-click fix
    assert explorer.control("return_sequences 1").value is True
    assert explorer.error.value == "" and explorer.image.layout.display is None and explorer.why_disabled.value == ""
    assert STALE not in explorer.table._dom_classes and explorer.fix_button.layout.display == "none"
    explorer.stateful.value = True  # batch is None
    assert "fixed batch size" in explorer.error.value and "type a number in the batch box" in explorer.error.value
    assert "batch_size=" not in explorer.error.value  # the page's box, not the engine's argument
    assert explorer.fix_button.description == "Fix: set batch to 16"
    explorer.batch.value = "four"
    assert "batch must be a positive whole number or None" in explorer.error.value
    explorer.batch.value = "4"
    assert explorer.error.value == "" and "(4, 32)" in explorer.table.value


def test_extreme_depth_six_with_1024_units(explorer):
    explorer.depth.value = 6
    for c in explorer.units:
        c.value = "1024"
    layers = [LSTM(1024, return_sequences=k < 5) for k in range(6)]
    assert explorer.total_text == f"Total params: {Stack((5, 2), layers).count_params():,}"


def test_figure_can_be_turned_off_for_speed():
    e = lstmlab.StackExplorer(figure=False)
    assert e.image.value == b""
    e.control("units 1").value = "3"
    assert e.image.value == b"" and "Total params" in e.total_text


def test_importing_and_showing_the_stack_explorer_does_not_import_keras():
    code = ("import sys, lstmlab; e = lstmlab.StackExplorer(); e.depth.value = 3; "
            "print(any(m in sys.modules for m in ('keras', 'tensorflow')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


@pytest.mark.keras
def test_check_with_keras_button(explorer, keras):
    explorer.depth.value = 3
    explorer.check_button.click()
    assert "Keras agrees: 3 layers" in explorer.keras.value
    assert "Total params: 37,888" in explorer.keras.value
    explorer.control("units 1").value = "8"  # any change clears the old verdict
    assert explorer.keras.value == ""


def test_cell_explorer_follows_its_controls():
    e = lstmlab.CellExplorer()
    before = e.image.value
    e.forget_bias.value = 5.0
    e.units.value = 2
    x, trace = cell_core(CellState(forget_bias=5.0, units=2))
    np.testing.assert_allclose(e.trace["f"], trace["f"])
    assert e.trace["f"].shape == (8, 2) and "c holds its memory" in e.report.value
    assert e.image.value != before
    e.forget_bias.value = -5.0
    assert "c forgets at every step" in e.report.value
    e.input.value = "step"
    np.testing.assert_array_equal(e.x[:, 0], [0, 0, 0, 0, 1, 1, 1, 1])


def test_stateful_explorer_follows_its_controls():
    e = lstmlab.StatefulExplorer(series_length=48, batch=3, timesteps=4)
    assert e.n_batches == 4 and "x[16..19]" in e.report.value and "continue the same series" in e.report.value
    image = e.image.value
    e.reset_between.value = True
    assert "start from zeros" in e.report.value and e.image.value != image
    e.reset_between.value = False
    e.shuffled.value = True
    assert "wrong memory" in e.report.value
    e.timesteps.value = 50
    assert "fewer than timesteps=50" in e.report.value and e.image.layout.display == "none"


def test_shape_quiz_grades_typed_answers():
    q = lstmlab.ShapeQuiz()
    assert "keras.layers.LSTM(64, return_sequences=True)" in q.code.value
    assert [b.description for b in q.shape_boxes] == ["output shape 1", "output shape 2"]
    q.shape_boxes[0].value, q.param_boxes[0].value = "(None, 5, 64)", "17,152"
    q.shape_boxes[1].value, q.param_boxes[1].value = "(None, 5, 32)", "12416"
    q.check_button.click()
    assert "3 of 4 right" in q.feedback.value and "only the last step" in q.feedback.value
    q.question.value = 5
    assert len(q.shape_boxes) == 4 and q.feedback.value == ""


def test_shape_quiz_for_lesson_03_offers_only_its_questions():
    q = lstmlab.ShapeQuiz(lesson=3)
    assert len(q.question.options) == 5 and "keras.layers.LSTM(8)" in q.code.value
    for k in range(5):
        q.question.value = k
        assert not re.search(r"GRU|Bidirectional|stateful|return_sequences=True\),\n    keras.layers.LSTM", q.code.value)
    assert len(lstmlab.ShapeQuiz().question.options) == 10


def test_cell_explorer_custom_values():
    e = lstmlab.CellExplorer()
    e.values.value = "1, 0, 0, 0, 0"
    assert e.input.value == "custom" and e.x[:, 0].tolist() == [1, 0, 0, 0, 0] and e.trace["h"].shape == (5, 3)
    e.values.value = "1, zero"
    assert "numbers separated by commas" in e.report.value


def test_stateful_explorer_figure_draws_the_tables_batches():
    e = lstmlab.StatefulExplorer(series_length=96, batch=2, timesteps=4, shuffled=True, max_batches=3)
    assert e.n_batches == 12 and len(e.layout_rows) == 12
    assert "draws the first 3 of these 12 batches" in e.report.value
    from lstmlab.plots.stateful import stateful_flow_figure
    same = stateful_flow_figure(2, 3, shuffled=True, timesteps=4, layout=e.layout_rows[:3])
    labels = [t.get_text() for t in same.axes[0].texts if t.get_text().startswith("series")]
    first = e.layout_rows[0][0]
    assert labels[0] == f"series {first[0]}\nt {first[1] * 4}..{first[1] * 4 + 3}"


def test_explorer_tabs():
    from lstmlab.explore.tabs import TITLES, explorer_tabs
    tab = explorer_tabs()
    assert tuple(tab.titles) == TITLES
    assert [type(c).__name__ for c in tab.children] == ["StackExplorer", "CellExplorer", "StatefulExplorer", "ShapeQuiz"]


def test_explore_command_dry_run_and_page(tmp_path, capsys):
    import nbformat
    from lstmlab.cli import main
    from lstmlab.explore.cli import write_page
    assert main(["explore", "stack", "--dry-run", "--port", "9999", "--token", "abc", "--no-browser"]) == 0
    out = capsys.readouterr().out
    assert "-m voila" in out and "--port=9999" in out and "--token=abc" in out and "lstmlab.StackExplorer()" in out
    page = write_page(tmp_path, "all")
    nb = nbformat.read(page, as_version=4)
    assert "explorer_tabs()" in nb.cells[1].source
    assert nb.metadata["title"] == "lstmlab explorers: LSTM shapes, cells and state"  # the tab, not 'lstmlab_explorers'
    assert "`make lab`" in nb.cells[0].source  # the way back to the lessons
    with pytest.raises(FileExistsError, match="fresh folder"):
        write_page(tmp_path, "stack")


# -- issue 12: figures at their size, typed sizes explained in place, the cell explorer's input ----------------------
from lstmlab.explore.cell_core import make_input  # noqa: E402
from lstmlab.explore.picture import svg_size  # noqa: E402


def shown_at_natural_size(image):
    """The Image's CSS width is the SVG's own width (max 100%, height auto): drawn at the size shown, never stretched."""
    width, _ = svg_size(image.value)
    layout = image.layout
    return (image.format, layout.width, layout.max_width, layout.height) == ("svg+xml", f"{width}px", "calc(100% - 4px)", "auto")


def test_figures_are_shown_at_their_natural_size():
    one_batch = lstmlab.StatefulExplorer(series_length=4, batch=1, timesteps=4)  # was 280 x 399 stretched to 964 x 1374
    assert one_batch.n_batches == 1
    for widget in (lstmlab.StackExplorer(), lstmlab.CellExplorer(), lstmlab.StatefulExplorer(), one_batch):
        assert shown_at_natural_size(widget.image), type(widget).__name__
    e = lstmlab.StackExplorer()
    e.depth.value = 6
    assert shown_at_natural_size(e.image) and svg_size(e.image.value)[1] > 500  # redrawn at its new natural size


@pytest.mark.parametrize("box, typed", [("units 2", "abc"), ("units 2", "0"), ("units 1", "-3"), ("features", "abc"),
                                        ("features", "0"), ("timesteps", "-3"), ("timesteps", "")])
def test_unreadable_sizes_are_explained_in_place_and_the_last_stack_kept(explorer, box, typed):
    table, image = explorer.table.value, explorer.image.value
    explorer.control(box).value = typed
    assert f"{box} must be a whole number from 1" in explorer.error.value  # not silently 1
    assert "lstmlab-invalid" in explorer.control(box)._dom_classes
    assert explorer.total_text == "Total params: 29,568"  # the last stack that could be read ...
    assert explorer.table.value == table and explorer.image.value == image  # ... still shown, greyed
    assert "lstmlab-stale" in explorer.table._dom_classes and explorer.check_button.disabled
    explorer.control(box).value = "3"
    assert explorer.error.value == "" and "lstmlab-invalid" not in explorer.control(box)._dom_classes
    assert "lstmlab-stale" not in explorer.table._dom_classes and not explorer.check_button.disabled
    assert explorer.table.value != table


def test_depth_keeps_what_was_typed(explorer):
    explorer.control("units 2").value = "abc"
    explorer.depth.value = 3
    assert [u.value for u in explorer.units] == ["64", "abc", "abc"]
    assert "units 2 must be" in explorer.error.value and "units 3 must be" in explorer.error.value


def test_check_with_keras_button_is_as_wide_as_its_label(explorer):
    assert explorer.check_button.layout.width == "auto"  # ipywidgets' fixed width cut it to 'Check with Ker...'


def test_cell_explorer_preset_after_custom_values_switches_to_the_preset():
    e = lstmlab.CellExplorer()
    e.values.value = "1, 0, 0, 0, 0"
    assert e.input.value == "custom" and e.x[:, 0].tolist() == [1, 0, 0, 0, 0]
    e.input.value = "sine"
    assert e.input.value == "sine"
    np.testing.assert_allclose(e.x[:, 0], make_input("sine", 8)[:, 0])
    e.input.value = "custom"  # the typed values are still there
    assert e.x[:, 0].tolist() == [1, 0, 0, 0, 0]


def test_cell_explorer_bad_input_greys_the_old_heatmaps():
    e = lstmlab.CellExplorer()
    image = e.image.value
    e.values.value = "1, zero"
    assert "numbers separated by commas" in e.report.value
    assert "lstmlab-stale" in e.image._dom_classes and e.image.value == image
    e.values.value = "1, 0"
    assert "lstmlab-stale" not in e.image._dom_classes and e.image.value != image and e.trace["h"].shape == (2, 3)


def test_code_in_the_explorers_is_monospace():
    mono = "font-family: var(--jp-code-font-family, monospace), monospace"
    assert f"<pre style='{mono};" in lstmlab.StatefulExplorer().report.value
    assert f"<code style='{mono}'>" in lstmlab.StackExplorer().table.value


def press_enter(box):
    """What the browser sends when Enter is pressed in a Text box: a custom {'event': 'submit'} message."""
    box._handle_custom_msg({"event": "submit"}, [])


def test_shape_quiz_enter_checks_the_answers():
    q = lstmlab.ShapeQuiz()
    q.shape_boxes[0].value, q.param_boxes[0].value = "(None, 5, 64)", "17,152"
    assert q.feedback.value == ""
    press_enter(q.param_boxes[0])
    assert "2 of 4 right" in q.feedback.value
    assert all(box.continuous_update for box in q.shape_boxes + q.param_boxes)  # typed text is synced before Enter


def test_shape_quiz_a_miss_gets_a_hint_and_the_answer_only_on_request():
    q = lstmlab.ShapeQuiz()
    for box, typed in zip([q.shape_boxes[0], q.param_boxes[0], q.shape_boxes[1], q.param_boxes[1]],
                          ["(5, 64)", "17152", "(None, 32)", "12288"]):
        box.value = typed
    assert q.answers_button.disabled  # nothing to reveal before a check
    q.check_button.click()
    assert "2 of 4 right" in q.feedback.value
    assert "Missing batch dimension?" in q.feedback.value and "Missing bias?" in q.feedback.value
    assert "12,416" not in q.feedback.value and "(None, 5, 64)" not in q.feedback.value  # hints, not answers
    press_enter(q.param_boxes[1])  # a second try with the same miss: still a hint
    assert "12,416" not in q.feedback.value and not q.answers_button.disabled
    q.answers_button.click()
    assert "Answer: <b>12,416</b>" in q.feedback.value and "Answer: <b>(None, 5, 64)</b>" in q.feedback.value
    q.param_boxes[1].value = "12416"
    press_enter(q.param_boxes[1])  # answers stay shown once asked for
    assert "3 of 4 right" in q.feedback.value and "Answer: <b>(None, 5, 64)</b>" in q.feedback.value
    q.question.value = 1  # a new model starts afresh
    assert q.feedback.value == "" and q.answers_button.disabled and q.shape_boxes[0].value == ""


def test_shape_quiz_code_is_monospace():
    assert "<pre style='font-family: var(--jp-code-font-family, monospace), monospace;" in lstmlab.ShapeQuiz().code.value


def test_shape_quiz_names_layers_marks_misses_where_typed_and_offers_the_next_model():
    q = lstmlab.ShapeQuiz()
    labels = [c.children[0].value for c in q.answers.children]
    assert "layer 1" in labels[0] and "keras.layers.LSTM(64, return_sequences=True)" in labels[0]
    assert q.answers_button.disabled and "Check first" in q.why_no_answers.value
    q.shape_boxes[0].value, q.param_boxes[0].value = "(None, 5, 64)", "17152"
    q.shape_boxes[1].value, q.param_boxes[1].value = "(None, 5, 32)", "12416"  # return_sequences mixed up
    q.check_button.click()
    assert "lstmlab-invalid" in q.shape_boxes[1]._dom_classes and "lstmlab-invalid" not in q.param_boxes[1]._dom_classes
    assert "<b>return_sequences mixed up?</b>" in q.feedback.value  # code keeps its case
    assert q.next_button.layout.display == "none" and not q.answers_button.disabled
    q.shape_boxes[1].value = "(None, 32)"
    q.check_button.click()
    assert "4 of 4 right" in q.feedback.value and q.next_button.layout.display is None
    assert "All right" in q.why_no_answers.value
    q.next_button.click()
    assert q.question.value == 1 and q.feedback.value == "" and q.next_button.layout.display == "none"


def test_picking_a_layer_links_its_table_row_and_its_boxes(explorer):
    """Linked views: a click on layer 2's button tints its row and outlines its boxes; depth keeps the pick."""
    assert [label for label, _ in explorer.highlight.options] == ["none", "1", "2"] and explorer.highlight.value == 0
    plain_image, plain_table = explorer.image.value, explorer.table.value
    assert "lstmlab-highlight" not in plain_table
    explorer.highlight.value = 2
    rows = re.findall(r"<tr data-layer='(\d)' class='([^']*)'", explorer.table.value)
    assert [(k, "lstmlab-highlight" in cls) for k, cls in rows] == [("1", False), ("2", True)]
    assert explorer.image.value != plain_image and b"#d69e2e" in bytes(explorer.image.value)  # the gold edge is drawn
    explorer.depth.value = 3
    assert [label for label, _ in explorer.highlight.options] == ["none", "1", "2", "3"] and explorer.highlight.value == 2
    assert "lstmlab-highlight" in explorer.table.value
    explorer.depth.value = 1  # layer 2 is gone: nothing picked
    assert explorer.highlight.value == 0 and "lstmlab-highlight" not in explorer.table.value
    explorer.highlight.value = 0


def test_a_stack_that_does_not_build_shows_where_it_breaks_in_red(explorer):
    from lstmlab.plots.stack import BROKEN
    assert explorer.broken_box.children == ()  # no empty image on the page
    explorer.control("return_sequences 1").value = False
    assert explorer.broken_box.children == (explorer.broken_image,)
    assert BROKEN.encode() in bytes(explorer.broken_image.value)
    assert STALE in explorer.image._dom_classes  # the last good stack stays below, greyed
    explorer.fix_button.click()
    assert explorer.broken_box.children == ()
    explorer.stateful.value = True  # does not build either, but no arrow breaks: no diagram of it
    assert explorer.error.value and explorer.broken_box.children == ()
