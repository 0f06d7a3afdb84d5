"""Chinese figure labels: drawn in a CJK font when one is installed, English labels and a note when not; never tofu.

The font test skips where no CJK font is installed, unless LSTMLAB_REQUIRE_CJK_FONT=1 (CI sets it): then it fails.
"""
import os
import warnings

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from lstmlab.plots import fonts
from lstmlab.plots.units import unit_cell_figure, unit_cell_trace
from lstmlab.reference.layer import lstm_layer


def weights(rng, features=2, units=3):
    return rng.normal(0, 0.5, (features, 4 * units)), rng.normal(0, 0.5, (units, 4 * units)), np.zeros(4 * units)


def texts(fig):
    return [t.get_text() for t in fig.texts] + [t.get_text() for ax in fig.axes for t in ax.texts]


def glyph_warnings(fig):
    """Render the figure to pixels; return the 'Glyph ... missing' warnings matplotlib gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        FigureCanvasAgg(fig).draw()
    return [str(w.message) for w in caught if "Glyph" in str(w.message) and "missing" in str(w.message)]


def has_cjk(text):
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.fixture
def cjk_family():
    fonts.cjk_font.cache_clear()
    family = fonts.cjk_font()
    if family is None:
        message = "no CJK font installed (apt-get install fonts-noto-cjk)"
        if os.environ.get("LSTMLAB_REQUIRE_CJK_FONT") == "1":
            pytest.fail(message + "; CI needs it")
        pytest.skip(message)
    return family


def test_the_warning_check_catches_tofu():
    """Control: Chinese in matplotlib's default font does warn, so an empty list below means something."""
    fig = Figure()
    fig.text(0.5, 0.5, "单元", fontfamily="DejaVu Sans")
    assert glyph_warnings(fig)


def test_with_a_cjk_font_the_figure_is_chinese_and_complete(cjk_family, rng, capsys):
    assert fonts.covers(cjk_family)
    fig = unit_cell_figure(rng.normal(size=(5, 2)), *weights(rng))
    assert capsys.readouterr().out == ""  # no fallback note
    labels = texts(fig)
    assert any("时间步" in t for t in labels) and any("units = h（和 c）的长度" in t for t in labels)
    for t in fig.texts + fig.axes[0].texts:
        if has_cjk(t.get_text()):
            assert t.get_fontfamily()[0] == cjk_family
    assert glyph_warnings(fig) == []


def test_without_a_cjk_font_labels_are_english_with_a_note(monkeypatch, rng, capsys):
    monkeypatch.setattr(fonts, "cjk_font", lambda: None)
    assert fonts.label("时间步", "time step") == "time step"
    assert fonts.text_style() == {}
    fig = unit_cell_figure(rng.normal(size=(5, 2)), *weights(rng))
    assert capsys.readouterr().out.strip() == fonts.NOTE
    labels = texts(fig)
    assert not any(has_cjk(t) for t in labels)
    assert any("time step t=1" in t for t in labels)  # t counts from 1, as the glossary says (issue #26)
    assert not any("t=0" in t for t in labels)
    assert glyph_warnings(fig) == []


def test_label_picks_chinese_when_a_font_is_there(monkeypatch):
    monkeypatch.setattr(fonts, "cjk_font", lambda: "Some CJK Font")
    assert fonts.label("时间步", "time step") == "时间步"
    assert fonts.text_style() == {"fontfamily": ["Some CJK Font", fonts.FALLBACK]}


def test_a_font_without_the_glyphs_is_not_taken():
    assert not fonts.covers("DejaVu Sans")
    assert not fonts.covers("No Such Font Family 123")


def test_the_figure_prints_the_real_h_and_c(rng):
    x, w = rng.normal(size=(3, 2)), weights(rng)
    h, c = unit_cell_trace(x, *w)
    np.testing.assert_allclose(h, lstm_layer(x[None], *w, return_sequences=True)[0])
    _, _, c_last = lstm_layer(x[None], *w, return_state=True)
    np.testing.assert_allclose(c[-1], c_last[0])
    labels = texts(unit_cell_figure(x, *w))
    for value in np.concatenate([h.ravel(), c.ravel()]):
        assert f"{value:.2f}" in labels


def test_the_figure_wants_one_sample(rng):
    with pytest.raises(ValueError, match="one sample"):
        unit_cell_figure(np.zeros((1, 3, 2)), *weights(rng))
