"""Figures drawn from real numbers, one module per diagram; each returns a matplotlib Figure (no pyplot).
May import: reference, shapes, data, messages.
"""
import re
import sys

SVG_RC = {"svg.fonttype": "path", "svg.hashsalt": "lstmlab"}  # glyphs as paths; ids from the content, not random
SVG_KWARGS = {"bbox_inches": "tight", "metadata": {"Date": None}}  # no date: the same figure gives the same bytes


def compact_svg(svg):
    """matplotlib's SVG without comments and line breaks: one string, a quarter smaller stored in a notebook than its
    indented lines (text is drawn as paths, so no whitespace in it is shown)."""
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    return re.sub(r"\s*\n\s*", " ", re.sub(r">\s+<", "><", svg)).strip()


def figure_svg(fig):
    """The SVG that a notebook shows for a Figure: deterministic bytes, compact."""
    from IPython.core.pylabtools import print_figure
    from matplotlib import rc_context
    with rc_context(SVG_RC):
        svg = print_figure(fig, "svg", **SVG_KWARGS)
    return None if svg is None else compact_svg(svg)


def show_figures_as_svg():
    """In a Jupyter kernel, figures a cell returns are shown as SVG: sharp at any zoom, text at its drawn size, and the
    same bytes on every run (nbval and git see no change). Called once when lstmlab.plots is imported; True if set."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None and hasattr(ipython, "get_ipython") else None
    if shell is None or not hasattr(shell, "display_formatter"):
        return False
    import matplotlib
    from matplotlib.figure import Figure
    matplotlib.rcParams.update(SVG_RC)
    try:  # a later first `%matplotlib inline` or pyplot import reads its formats here (SVG too, not compacted)
        from matplotlib_inline.config import InlineBackend
        config = InlineBackend.instance(parent=shell)
        config.print_figure_kwargs = dict(SVG_KWARGS)
        config.figure_formats = {"svg"}
    except ImportError:
        pass
    for formatter in shell.display_formatter.formatters.values():
        formatter.pop(Figure, None)  # no PNG beside the SVG
    shell.display_formatter.formatters["image/svg+xml"].for_type(Figure, figure_svg)
    return True


show_figures_as_svg()
