"""Figure labels in the language in use: Chinese with a CJK font that covers them, else English (never tofu boxes)."""
import contextlib

from ..messages import language, speaking


def figure_language():
    """The language figures can be drawn in now: the one in use, or English when no CJK font is installed."""
    if language() == "en":
        return "en"
    from ..plots.fonts import cjk_font
    return language() if cjk_font() is not None else "en"


@contextlib.contextmanager
def figure_speaking():
    """Inside the with-block msg() speaks figure_language(); yields the ax.text keywords (the font) for its labels."""
    from ..plots.fonts import text_style
    lang = figure_language()
    with speaking(lang):
        yield text_style() if lang != "en" else {}
