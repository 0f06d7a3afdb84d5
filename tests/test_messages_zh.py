"""Learner feedback in Simplified Chinese (issue #14 item 1): messages/zh.py holds every key of messages/en.py
with the same placeholders, and set_language("zh") / LSTMLAB_LANG=zh make check() speak Chinese."""
import os
import re
import string
import subprocess
import sys

import numpy as np
import pytest

import lstmlab
from lstmlab import messages
from lstmlab.checks import check, set_language
from lstmlab.messages.en import MESSAGES as EN
from lstmlab.messages.zh import MESSAGES as ZH
from grading_helpers import ROOT, answer_source, given_namespace

HAN = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORDS = ("Likely mistake", "Not attempted", "Fix:", "Failed", "Where:")


pytestmark = pytest.mark.usefixtures("fresh_language")  # tests/conftest.py: no language chosen before or after


def _fields(template):
    return {(name, conversion, spec) for _, name, spec, conversion in string.Formatter().parse(template)
            if name is not None}


def test_zh_has_exactly_the_english_keys():
    missing = sorted(set(EN) - set(ZH))
    extra = sorted(set(ZH) - set(EN))
    assert not missing, f"keys of messages/en.py with no Chinese translation in messages/zh.py: {missing}"
    assert not extra, f"keys in messages/zh.py that messages/en.py does not have: {extra}"


@pytest.mark.parametrize("key", sorted(EN))
def test_zh_template_has_the_english_placeholders(key):
    assert key in ZH, f"no Chinese translation for {key!r}"
    assert _fields(ZH[key]) == _fields(EN[key]), (key, EN[key], ZH[key])


@pytest.mark.parametrize("key", sorted(EN))
def test_zh_keeps_the_code_spans(key):
    """Text in backticks (code) stays as it is; every sentence that is not only a placeholder is Chinese."""
    assert set(re.findall(r"`[^`]+`", ZH[key])) == set(re.findall(r"`[^`]+`", EN[key])), key
    if re.search(r"[A-Za-z]{2,}", re.sub(r"\{[^}]*\}", "", EN[key])):  # English words besides placeholders
        assert HAN.search(ZH[key]) or key.startswith(("spec.", "value.int", "value.float")), (key, ZH[key])


def test_set_language_switches_and_refuses_an_unknown_language():
    assert lstmlab.set_language is set_language
    assert set_language("zh") == "zh" and messages.language() == "zh"
    assert messages.msg("headline.failed", points=0, max_points=3) == "未通过（0/3）"
    with pytest.raises(ValueError) as info:
        set_language("fr")
    assert "'fr'" in str(info.value) and "en, zh" in str(info.value)
    assert set_language(" EN ") == "en" and messages.msg("headline.failed", points=0, max_points=3) == "Failed (0/3)"


def _chinese(text):
    assert HAN.search(text), text
    for words in ENGLISH_WORDS:
        assert words not in text, (words, text)


def _learner(notebook, item_id, old, new):
    source = answer_source(notebook, item_id)
    assert old in source, f"planted edit {old!r} not found in the {item_id} solution"
    ns = given_namespace(notebook)  # np, sigmoid, and the lstm_step 02's answers call
    exec(source.replace(old, new), ns)
    return ns[item_id]


def test_a_named_mistake_and_its_fix_read_in_chinese():
    set_language("zh")
    verdict = check("lstm_step", _learner("01_one_cell.ipynb", "lstm_step", "h = o * np.tanh(c)", "h = o * c"),
                    seed=11, quiet=True)
    assert verdict.status == "failed" and verdict.points == 0
    assert verdict.mistake == ZH["mistake.no_tanh_c"], verdict.message
    assert verdict.fix == ZH["fix.no_tanh_c"], verdict.message
    assert "可能的错误：c 上漏了 tanh。" in verdict.message and "改法：" in verdict.message
    assert "h = o * tanh(c)" in verdict.message  # code stays as it is
    for text in (verdict.message, str(verdict), verdict._repr_html_()):
        _chinese(text)


def test_a_parameter_count_miss_reads_in_chinese():
    set_language("zh")
    fn = _learner("01_one_cell.ipynb", "lstm_param_count", "4 * (units * (features + units) + units)",
                  "units * (features + units) + units")
    verdict = check("lstm_param_count", fn, seed=11, quiet=True)
    assert verdict.status == "failed" and verdict.mistake == ZH["mistake.one_gate"], verdict.message
    _chinese(verdict.message)
    _chinese(str(verdict))


def test_not_attempted_reads_in_chinese():
    set_language("zh")

    def lstm_step(x, h, c, kernel, recurrent_kernel, bias):
        raise NotImplementedError

    verdict = check("lstm_step", lstm_step, quiet=True)
    assert verdict.status == "not_attempted", verdict.message
    assert "尚未作答" in verdict.message and "NotImplementedError" in verdict.message
    _chinese(verdict.message)
    _chinese(str(verdict))


def test_english_stays_the_default():
    verdict = check("lstm_param_count", _learner("01_one_cell.ipynb", "lstm_param_count",
                                                 "4 * (units * (features + units) + units)",
                                                 "units * (features + units) + units"), seed=11, quiet=True)
    if os.environ.get("LSTMLAB_LANG", "en").strip().lower() in ("", "en"):
        assert "Likely mistake: one gate instead of four." in verdict.message


@pytest.mark.parametrize("lang, expected", [("zh", "未通过（0/4）"), ("ZH", "未通过（0/4）"), ("en", "Failed (0/4)"),
                                            ("xx", "Failed (0/4)")])
def test_lstmlab_lang_switches_in_a_fresh_process(lang, expected):
    code = ("from lstmlab.checks import msg; from lstmlab import messages; "
            "print(messages.language()); print(msg('headline.failed', points=0, max_points=4))")
    env = {**os.environ, "LSTMLAB_LANG": lang, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, encoding="utf-8",
                         timeout=120, cwd=str(ROOT))
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [lang.lower() if lang.lower() in ("zh", "en") else "en", expected]


def test_lstmlab_lang_zh_makes_check_speak_chinese_in_a_fresh_process():
    code = ("import numpy as np\n"
            "from lstmlab.checks import check\n"
            "def lstm_param_count(units, features):\n"
            "    return units * (features + units) + units\n"
            "print(check('lstm_param_count', lstm_param_count, seed=11, quiet=True).message)\n")
    env = {**os.environ, "LSTMLAB_LANG": "zh", "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, encoding="utf-8",
                         timeout=300, cwd=str(ROOT))
    assert out.returncode == 0, out.stderr
    _chinese(out.stdout)
    assert ZH["mistake.one_gate"] in out.stdout


def _late_steps_scaled():
    """An lstm_layer whose h is 1.5 times too large from time step index 2 on: its where-text has three axis words
    and a second clause (the first wrong step)."""
    return _learner("02_through_time.ipynb", "lstm_layer", "outputs.append(h)", "outputs.append(h if t < 2 else 1.5 * h)")


def test_sentences_built_from_parts_take_their_punctuation_from_the_catalogue():
    """Issue #26: a list joins with 、 and clauses with ； in Chinese, with ", " and "; " in English."""
    fn = _late_steps_scaled()
    set_language("zh")
    zh = check("lstm_layer", fn, seed=11, quiet=True)
    set_language("en")
    en = check("lstm_layer", fn, seed=11, quiet=True)
    assert zh.status == en.status == "failed"
    assert re.search(r"（样本 \d+、时间步下标 \d+、隐藏单元 \d+）；第一个出错的时间步下标为 2（", zh.where), zh.where
    assert re.search(r"\(sample \d+, step index \d+, unit \d+\); the first wrong time step has index 2 ", en.where), en.where
    assert "x (5, 6, 7)、kernel (7, 16)、" in zh.message and "x (5, 6, 7), kernel (7, 16), " in en.message
    assert not re.search(r"[\u4e00-\u9fff][,;] |[,;] [\u4e00-\u9fff]", zh.message), zh.message


def test_the_four_blocks_are_three_gates_plus_a_candidate():
    """Issue #26: Chinese textbooks (d2l-zh) count three gates and a candidate (候选记忆元), never 「四个门」."""
    counted = [key for key, text in ZH.items() if re.search(r"(四|4) ?个门|门块|逐门|各门", text)]
    assert not counted, counted
    for key in ("mistake.one_gate", "fix.one_gate", "explore.quiz.why_lstm", "explore.hint.missing_gates"):
        assert "三个门加候选记忆元" in ZH[key] or "三个门和候选记忆元" in ZH[key], (key, ZH[key])


def test_the_feedback_uses_the_glossarys_terms():
    """Issue #26: the terms of notebooks/zh/glossary (d2l-zh's), never the old ones: 隐状态 not 隐藏状态, 记忆元 not
    细胞状态, 候选记忆元 not 候选值, cell (never a bare 单元) for Keras's one step, seed 001 not 种子 001."""
    glossary = (ROOT / "notebooks" / "zh" / "glossary.ipynb").read_text(encoding="utf-8")
    assert all(term in glossary for term in ("隐状态 h", "记忆元 c", "候选记忆元", "cell（不翻译）"))
    old = re.compile(r"候选值|细胞|隐藏状态|种子 ?\d{3}|探索器|(?<!隐藏)(?<!输出)单元(?![格数])")
    assert not [(key, text) for key, text in ZH.items() if old.search(text)]
    assert ZH["fix.h_c_swapped"].endswith("c 是记忆元。") and ZH["explore.compare.fig_h"].startswith("h 隐状态")
    assert "候选隐状态 h_tilde" in ZH["explain.layer.units_gru"]  # GRU's candidate is a hidden state, not a memory cell
    assert "seed 004" in ZH["mistake.targets_sequences_kept"] and "一次 cell" in ZH["explain.one_step"]


def test_inline_values_are_spaced_and_notebook_is_one_word():
    """Issue #26: 「实际是 None」, not 「实际是None」; the learner reads 笔记本, never a bare English notebook."""
    tight = [key for key, text in ZH.items() if re.search(r"[\u4e00-\u9fff]\{(expected|received)\}", text)]
    assert not tight, tight
    assert not [key for key, text in ZH.items() if "notebook" in text.replace(".ipynb", "")], "use 笔记本"
    set_language("zh")
    assert "实际是 None" in lstmlab.messages.msg("type.wrong_type", expected="一个数组 (h)", received="None")


def test_the_explainer_labels_its_lines_with_a_full_width_colon_in_chinese():
    """Issue #26: `说明：...` in Chinese, `Note: ...` in English: the label joiner is a catalogue entry too."""
    model = lstmlab.Stack(input_shape=(5, 2), layers=[lstmlab.LSTM(8), lstmlab.Dense(1)])
    set_language("zh")
    report = lstmlab.explain(model)  # the report is worded when it is shown, in the language in use then
    zh, zh_html = str(report), report._repr_html_()
    set_language("en")
    en = str(lstmlab.explain(model))
    assert f"\n{ZH['explain.report.note']}：" in zh and f"<i>{ZH['explain.report.note']}：</i>" in zh_html, zh
    assert f"{ZH['explain.report.note']}: " not in zh
    assert f"\n{EN['explain.report.note']}: " in en, en
