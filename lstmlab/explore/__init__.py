"""Explorers: pure cores (state -> table, figure) and thin ipywidgets shells; `lstmlab explore` serves them.
May import: reference, shapes, data, plots, oracle, messages.
"""
from ..lazy import lazy_exports

_LAZY = {
    "StackExplorer": "stack_widget", "CellExplorer": "cell_widget",
    "StatefulExplorer": "stateful_widget", "ShapeQuiz": "quiz_widget",
}

__all__ = sorted(_LAZY)

__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals())
