"""The grader: rebuild each submission from its pristine notebook, run it locked down, judge outside it.
May import: checks, exercises.
"""
from .batch import grade_paths
from .core import grade_notebook

__all__ = ["grade_notebook", "grade_paths"]
