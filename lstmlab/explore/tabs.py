"""All four explorers in one Tab widget, as `lstmlab explore` serves them."""
import ipywidgets as widgets

from ..messages import msg


def titles():
    """The tabs' titles in the language in use: stack, cell, stateful, the shape quiz."""
    return (msg("explore.tabs.stack"), msg("explore.tabs.cell"), msg("explore.tabs.stateful"), msg("explore.tabs.quiz"))


def __getattr__(name):
    """TITLES: titles() when asked for, so that it follows set_language()."""
    if name == "TITLES":
        return titles()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")  # not learner-facing


def explorer_tabs():
    """A Tab with the stack, cell and stateful explorers and the shape quiz."""
    from . import CellExplorer, ShapeQuiz, StackExplorer, StatefulExplorer
    tab = widgets.Tab(children=[StackExplorer(), CellExplorer(), StatefulExplorer(), ShapeQuiz()])
    tab.titles = titles()
    return tab
