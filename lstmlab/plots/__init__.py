"""Figures drawn from real numbers, one module per diagram; each returns a matplotlib Figure (no pyplot).
May import: reference, shapes, data.
"""
import sys

SVG_RC = {"svg.fonttype": "path", "svg.hashsalt": "lstmlab"}  # glyphs as paths; ids from the content, not random
SVG_KWARGS = {"bbox_inches": "tight", "metadata": {"Date": None}}  # no date: the same figure gives the same bytes


def show_figures_as_svg():
    """In a Jupyter kernel, figures a cell returns are shown as SVG: sharp at any zoom, text at its drawn size, and the
    same bytes on every run (nbval and git see no change). Called once when lstmlab.plots is imported; True if set."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None and hasattr(ipython, "get_ipython") else None
    if shell is None or not hasattr(shell, "display_formatter"):
        return False
    import matplotlib
    from IPython.core.pylabtools import select_figure_formats
    matplotlib.rcParams.update(SVG_RC)
    try:  # `%matplotlib inline` (run before or after this) reads its formats from this config
        from matplotlib_inline.config import InlineBackend
        config = InlineBackend.instance(parent=shell)
        config.print_figure_kwargs = dict(SVG_KWARGS)
        config.figure_formats = {"svg"}
    except ImportError:
        pass
    select_figure_formats(shell, {"svg"}, **SVG_KWARGS)
    return True


show_figures_as_svg()
