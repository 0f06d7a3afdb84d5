"""Figures as the explorers show them: SVG drawn at its natural size, so a browser never stretches it.

matplotlib writes an SVG's size in pt (72 per inch); browsers show 1 pt as 4/3 CSS px (96 px per inch), on every
screen and at every pixel ratio. The explorers set the image's CSS width to that natural width (max-width 100%, height
auto): shown as drawn, only ever scaled down to fit a narrow window, and sharp at any zoom.
"""
import io
import re
from dataclasses import dataclass

CSS_PX_PER_PT = 96 / 72
_SIZE = re.compile(rb'<svg[^>]*?\swidth="([\d.]+)pt"[^>]*?\sheight="([\d.]+)pt"', re.S)


@dataclass(frozen=True)
class Picture:
    """An image for an ipywidgets Image: the bytes, their format, and the natural size in CSS px."""

    data: bytes
    width: int
    height: int
    format: str = "svg+xml"


def svg_size(data):
    """(width, height) in CSS px of an SVG that matplotlib wrote (its <svg width="..pt" height="..pt">)."""
    match = _SIZE.search(bytes(data[:2000]))
    if match is None:
        raise ValueError("not an SVG with a width and height in pt")  # not learner-facing: a bug if ever seen
    return tuple(round(float(v) * CSS_PX_PER_PT) for v in match.groups())


def picture(fig):
    """A matplotlib Figure as a Picture: SVG (text drawn as paths, no date, so the same figure gives the same bytes)."""
    from matplotlib import rc_context
    buf = io.BytesIO()
    # text as paths: the same glyphs in every browser, fonts installed or not; a fixed salt: the same ids every time
    with rc_context({"svg.fonttype": "path", "svg.hashsalt": "lstmlab"}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    data = buf.getvalue()
    width, height = svg_size(data)
    return Picture(data, width, height)
