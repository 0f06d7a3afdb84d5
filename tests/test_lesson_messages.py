"""Lessons' printed tables and verdicts come from the catalogue: English as before, Chinese aligned by display width."""
import numpy as np

from lstmlab.lessons import forecast_tables as ft
from lstmlab.lessons.attempt import Attempt
from lstmlab.messages import columns, ljust, rjust, speaking, width


def test_width_counts_a_chinese_character_as_two_columns():
    assert [width("model"), width("模型"), width("MAE（中位数）")] == [5, 4, 13]
    assert (ljust("模型", 6), rjust("模型", 6), ljust("toolong", 3)) == ("模型  ", "  模型", "toolong")


def test_columns_pads_by_display_width_aligns_right_where_asked_and_keeps_a_least_width():
    # by hand: column 0 is 2 columns wide (中), column 1 is 2 (bb); two spaces between; "1" right-aligned to " 1"
    assert columns([["a", "bb"], ["中", "1"]], right=(1,)) == ["a   bb", "中   1"]
    assert columns([["x", "y"]], right=(0,), least=(3,)) == ["  x  y"]
    assert columns([["a", ""], ["bb", ""]]) == ["a", "bb"]  # trailing padding dropped


def test_rolling_table_columns_line_up_in_both_languages():
    mae = {"SARIMA": np.array([[0.25], [0.3]]), "LSTM": np.array([[0.2, 0.3, 0.25], [0.1, 0.2, 0.4]])}  # (origins, seeds)
    for lang, first, column in (("en", "test from", 11), ("zh", "测试起点", 10)):  # 'test from' 9 / '测试起点' 8 columns, + 2
        with speaking(lang):
            lines = ft.rolling_table(mae, ["1989-05", "1991-05"]).splitlines()
        assert lines[0].startswith(first)
        starts = {width(line[: line.index(key)]) for line, key in zip(lines, ["SARIMA", "0.250", "0.300"])}
        assert starts == {column}, (lang, lines)


def test_verdict_reads_the_same_in_english_and_is_chinese_in_zh():
    result = {"ahead": 0, "seeds": 5, "mean": 0.0291, "low": -0.0004, "high": 0.0589, "p": [0.05, 0.25]}
    with speaking("en"):
        assert ft.verdict("LSTM", "SARIMA", result, "ppm") == (
            "LSTM vs SARIMA: LSTM ahead on 0 of 5 seeds; the mean difference in MAE is +0.029 ppm (95% block-bootstrap "
            "interval [-0.000, +0.059]); DM p-values from 0.05 to 0.25; that is not larger than the noise")
    with speaking("zh"):
        said = ft.verdict("LSTM", "SARIMA", result, "ppm")
    assert said.startswith("LSTM 对 SARIMA：") and said.endswith("差别没有超出噪声") and "+0.029 ppm" in said


def test_larger_than_noise_needs_the_interval_and_every_seed_on_one_side():
    base = {"seeds": 5, "mean": -0.1, "p": [0.01]}
    assert ft.larger_than_noise({**base, "ahead": 5, "low": -0.2, "high": -0.01})
    assert not ft.larger_than_noise({**base, "ahead": 4, "low": -0.2, "high": -0.01})  # one seed on the other side
    assert not ft.larger_than_noise({**base, "ahead": 5, "low": -0.2, "high": 0.01})  # the interval holds 0
    assert ft.larger_than_noise({**base, "ahead": 0, "low": 0.01, "high": 0.2})
    with speaking("zh"):  # the words change with the language, the answer does not
        assert ft.verdict("A", "B", {**base, "ahead": 5, "low": -0.2, "high": -0.01}).endswith("差别超出了噪声")


def test_attempt_labels_line_up_in_both_languages():
    tried = Attempt(warnings=["UserWarning: w"], error="ValueError: e")
    with speaking("en"):
        assert str(tried) == "warning -> UserWarning: w\nerror   -> ValueError: e"
        assert str(Attempt()) == "runs    -> no error"
    with speaking("zh"):
        assert str(tried) == "警告 -> UserWarning: w\n报错 -> ValueError: e"


def test_the_setup_check_lines_follow_the_language(monkeypatch):
    import importlib.metadata as md

    from lstmlab.lessons.setup_check import version_lines

    def absent(package):
        raise md.PackageNotFoundError(package)

    monkeypatch.setattr(md, "version", absent)
    with speaking("en"):
        assert version_lines()[1] == "  numpy          not installed"
    with speaking("zh"):
        lines = version_lines()
    assert lines[1] == "  numpy          未安装" and lines[-1].startswith("Keras 裁判（oracle）：")


def test_the_paired_verdict_reads_in_chinese_with_its_ties():
    from lstmlab.lessons.paired import Paired, verdict
    result = Paired(mean=0.0214, low=-0.082, high=0.146, ahead=2, n=5, tied=1)
    with speaking("zh"):
        said = verdict("A", "B", result)
    assert said == "在 5 个随机种子中，A 领先 B 2 个（1 个持平）；平均差为 +0.021（95% 区间 [-0.082, +0.146]）；差别没有超出随机种子之间的噪声"


def test_the_stack_summary_reads_like_keras_in_english_and_lines_up_in_chinese():
    from lstmlab import LSTM, Dense, Stack
    # 4 x (24 x (6 + 24) + 24) + 24 x 6 + 6 = 3,126 parameters
    summary = Stack((8, 6), [LSTM(24), Dense(6)]).summary()
    with speaking("en"):
        lines = str(summary).splitlines()
    assert lines[0].split("  ")[0] == "Layer (type)" and "Output Shape" in lines[0] and lines[-1] == "Total params: 3,126"
    with speaking("zh"):
        zh = str(summary).splitlines()
        html = summary._repr_html_()
    assert zh[0].startswith("层（类型）") and zh[-1] == "参数总数：3,126" and "<th>输出形状</th>" in html
    for table, column in ((lines, "Input"), (zh, "输入")):  # the input column starts where its header does, by display width
        assert width(table[0][: table[0].index(column)]) == table[2].index("(None, 8, 6)") == len("dense (Dense)  ")  # the widest name + 2
