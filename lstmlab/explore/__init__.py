"""Interactive explorers: a pure core (frozen state -> table or figure) plus a thin ipywidgets shell each.

The cores import NumPy and matplotlib only; ipywidgets loads when an explorer class is first used.
"""
from ..lazy import lazy_exports

_LAZY = {
    "StackExplorer": "stack_widget", "CellExplorer": "cell_widget",
    "StatefulExplorer": "stateful_widget", "ShapeQuiz": "quiz_widget",
}

__all__ = sorted(_LAZY)

__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals())
