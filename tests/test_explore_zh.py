"""The explorers in Simplified Chinese (issue #14 item 1): after set_language("zh") the quiz's hints, the errors an
explorer shows in place and the cell explorer's verdict read in Chinese; set_language("en") gives the English back,
and the controls keep their stable names whatever the language shown."""
import re

import pytest

import lstmlab
from lstmlab.explore.quiz_core import feedback_html, grade, questions
from lstmlab.messages.zh import MESSAGES as ZH

HAN = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"\b(missing|bias|forget|forgets|memory|must|numbers|separated|layer|right|stack|build)\b", re.I)


pytestmark = pytest.mark.usefixtures("fresh_language")  # tests/conftest.py: no language chosen before or after


def _chinese(text):
    assert HAN.search(text), text
    assert not ENGLISH.search(re.sub(r"<[^>]+>", "", text)), text


def _missing_bias():
    """The quiz's first question with the last layer's bias left out (12,288 instead of 12,416)."""
    return grade(questions()[0], [("(None, 5, 64)", "17152"), ("(None, 32)", "12288")])[3]


def test_the_quiz_names_a_missing_bias_in_chinese_then_in_english_again():
    lstmlab.set_language("zh")
    mark = _missing_bias()
    assert mark.mistake == ZH["explore.mistake.missing_bias"] == "漏了偏置"
    _chinese(mark.mistake)
    _chinese(mark.hint)
    assert "12,416" not in mark.hint and "12416" not in mark.hint  # a hint, not the answer
    feedback = feedback_html([mark])
    _chinese(feedback)
    assert "<b>漏了偏置？</b>" in feedback
    lstmlab.set_language("en")
    mark = _missing_bias()
    assert mark.mistake == "missing bias" and "bias per unit" in mark.hint
    assert "Missing bias?" in feedback_html([mark])


def test_the_cell_explorer_explains_bad_x_values_and_reads_its_verdict_in_chinese():
    lstmlab.set_language("zh")
    e = lstmlab.CellExplorer()
    assert e.values.description == "x 的取值" and e.weight_scale.description == "权重缩放"
    e.forget_bias.value = 5.0
    _chinese(e.report.value.split("<br>")[1])  # the verdict's line
    assert ZH["explore.cell.verdict_holds"] in e.report.value
    e.forget_bias.value = -5.0
    assert ZH["explore.cell.verdict_forgets"] in e.report.value
    e.values.value = "1, 0..5"  # not a number: explained in place, the old heatmaps greyed
    _chinese(e.report.value)
    assert "'1, 0..5'" in e.report.value.replace("&#x27;", "'") and "lstmlab-stale" in e.image._dom_classes
    lstmlab.set_language("en")
    e = lstmlab.CellExplorer()
    e.forget_bias.value = 5.0
    assert "f stays near 1: c holds its memory" in e.report.value and e.values.description == "x values"
    e.values.value = "1, 0..5"
    assert "x values must be numbers separated by commas" in e.report.value


def test_the_stack_explorer_explains_in_chinese_and_keeps_its_stable_names():
    lstmlab.set_language("zh")
    e = lstmlab.StackExplorer(figure=False)
    assert e.control("head units") is e.head_units and e.head_units.description == "输出头的 units"
    assert e.control("units 2").description == "units 2"  # Keras's names stay as they are
    e.head.value = "Dense"
    e.control("head units").value = "0"
    _chinese(e.error.value.replace("units", ""))
    assert "lstmlab-invalid" in e.head_units._dom_classes  # marked by its stable name, not by the words shown
    e.control("head units").value = "2"
    e.control("return_sequences 1").value = False
    keras_words = re.compile(r"<code[^>]*>ValueError: .*?</code>")  # Keras 3's own error, quoted as it raises it
    assert keras_words.search(e.error.value)
    _chinese(keras_words.sub("", e.error.value).replace("return_sequences", ""))  # the shape engine's error, in place
    assert "return_sequences=True" in e.error.value and "(None, 64)" in e.error.value  # code and shapes as they are
    assert e.total_text == "Total params: -"  # as Keras prints it


def test_the_stateful_explorer_and_the_tabs_speak_chinese():
    lstmlab.set_language("zh")
    e = lstmlab.StatefulExplorer(series_length=48, batch=3, timesteps=4)
    assert ZH["explore.stateful.all_continue"].format(n=9) in e.report.value and "x[16..19]" in e.report.value
    e.timesteps.value = 50
    _chinese(e.report.value.replace("batch", "").replace("timesteps", ""))
    from lstmlab.explore.tabs import titles
    assert titles() == ("堆叠", "cell 内部", "有状态", "预测形状")
    lstmlab.set_language("en")
    assert titles() == ("Stack", "Cell", "Stateful", "Predict the shape")


def test_every_word_in_the_explorers_figures_and_table_headers_is_chinese():
    """Issue 22 item 7: legends, axis words, heatmap titles and table headers follow the language (code aside)."""
    from lstmlab.explore.stack_core import figure_words, table_html, build_stack, StackState
    from lstmlab.plots.fonts import cjk_font
    lstmlab.set_language("zh")
    table = table_html(build_stack(StackState()))
    assert "Layer (type)" not in table and "Output shape" not in table and ZH["explore.stack.col_name"] in table
    words, legend, style = figure_words()
    cell = lstmlab.CellExplorer()
    shown = [*words.values(), *legend.values(), *cell.figure_titles.values()]
    if cjk_font() is None:  # no CJK font: the figures stay English rather than draw boxes
        assert style == {} and legend["emit"].startswith("dark blue")
        return
    assert style["fontfamily"][0] == cjk_font()
    for text in shown:
        if text != words["total"]:  # "Total params: {n}", as Keras prints it
            assert HAN.search(text), text
    lstmlab.set_language("en")
    assert figure_words()[1]["emit"].startswith("dark blue")
