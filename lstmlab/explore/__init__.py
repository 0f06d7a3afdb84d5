"""Interactive explorers: a pure core (frozen state -> table or figure) plus a thin ipywidgets shell each.

The cores import NumPy and matplotlib only; ipywidgets loads when an explorer class is first used.
"""
import importlib

_LAZY = {
    "StackExplorer": "stack_widget", "CellExplorer": "cell_widget",
    "StatefulExplorer": "stateful_widget", "ShapeQuiz": "quiz_widget",
}

__all__ = sorted(_LAZY)


def __getattr__(name):
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'lstmlab.explore' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
