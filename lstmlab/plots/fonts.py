"""Chinese labels in figures: a CJK font found through matplotlib's font manager, or English labels and a note.

Never draws boxes (tofu) for missing glyphs: a figure either gets a font that covers its Chinese labels, or
English labels. Debian/Ubuntu: `apt-get install fonts-noto-cjk` (CI installs it).
"""
import functools
import os

from matplotlib import font_manager, rcParams

from ..messages import language, template

# Simplified Chinese first; any other CJK family that covers the labels will do.
PREFERRED = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei",
             "WenQuanYi Micro Hei", "Microsoft YaHei", "SimHei", "PingFang SC", "Hiragino Sans GB", "Heiti SC",
             "Noto Sans CJK TC", "Noto Sans CJK HK", "Noto Sans CJK JP", "Noto Sans CJK KR")
SAMPLE = "隐藏单元记忆元候选时间步样本批次隐状态有状态序列层数同一个权重来自数据"  # the glyphs the zh figures use
NOTE = ("No CJK font found, so this figure's labels are in English "
        "(to see them in Chinese: apt-get install fonts-noto-cjk, then restart the kernel).")
FALLBACK = "DejaVu Sans"  # matplotlib's own font: Latin, digits, arrows


def covers(family, text=SAMPLE):
    """True when matplotlib resolves `family` to a font file that has a glyph for every character of `text`."""
    try:
        path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    except ValueError:
        return False
    font = font_manager.get_font(path)
    return all(font.get_char_index(ord(ch)) for ch in text if not ch.isspace())


def _candidates():
    known = {entry.name for entry in font_manager.fontManager.ttflist}
    extra = sorted(name for name in known if "CJK" in name and name not in PREFERRED)
    return [name for name in PREFERRED if name in known] + extra


def _register_new_system_fonts():
    """Fonts installed after matplotlib built its cache are invisible to it: add the CJK-looking ones."""
    seen = {os.path.realpath(entry.fname) for entry in font_manager.fontManager.ttflist}
    for path in font_manager.findSystemFonts():
        name = os.path.basename(path).lower()
        if os.path.realpath(path) not in seen and any(key in name for key in ("cjk", "han", "wqy", "hei", "yahei")):
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue


@functools.lru_cache(maxsize=None)
def cjk_font():
    """The family name of an installed font that covers the Chinese labels, or None (then labels are English)."""
    for rescan in (False, True):
        if rescan:
            _register_new_system_fonts()
        for family in _candidates():
            if covers(family):
                return family
    return None


def label(zh, en):
    """`zh` when a CJK font is installed, else `en`."""
    return zh if cjk_font() is not None else en


def text_style():
    """Keyword arguments for ax.text / set_title: the CJK font first, matplotlib's own font for the rest."""
    family = cjk_font()
    return {"fontfamily": [family, FALLBACK]} if family is not None else {}


def note_if_english():
    """Print the one-line note when figures fall back to English labels; return True when they do."""
    if cjk_font() is None:
        print(NOTE)
        return True
    return False


def figure_language():
    """The language figures are drawn in now: the one in use (lstmlab.set_language), English without a CJK font."""
    lang = language()
    return lang if lang == "en" or cjk_font() is not None else "en"


def behind_default():
    """Put the CJK font (if any) behind matplotlib's own in rcParams["font.family"]: every text created from then on
    takes a Chinese glyph from it and every other glyph from the default font, as before. Done when plots is imported
    (a figure's axis labels exist before their words are set)."""
    family = cjk_font()
    if family is not None and family not in rcParams["font.family"]:
        rcParams["font.family"] = [*rcParams["font.family"], family]


def phrase(key):
    """A figure's words: the template of lstmlab/messages' `key` (placeholders unfilled) in figure_language()."""
    lang = figure_language()
    if lang != "en":
        behind_default()
    return template(key, lang)


def say(key, **fields):
    """phrase(key) with its placeholders filled."""
    return phrase(key).format(**fields)


behind_default()
