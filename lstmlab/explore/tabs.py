"""All four explorers in one Tab widget, as `lstmlab explore` serves them."""
import ipywidgets as widgets

TITLES = ("Stack", "Cell", "Stateful", "Predict the shape")


def explorer_tabs():
    """A Tab with the stack, cell and stateful explorers and the shape quiz."""
    from . import CellExplorer, ShapeQuiz, StackExplorer, StatefulExplorer
    tab = widgets.Tab(children=[StackExplorer(), CellExplorer(), StatefulExplorer(), ShapeQuiz()])
    tab.titles = TITLES
    return tab
