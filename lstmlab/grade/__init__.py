"""The grader: rebuild each submission from its pristine notebook, run it in an OS sandbox, judge outside it.
May import: checks, exercises, messages.
"""
from .batch import grade_class, grade_paths
from .core import grade_file, grade_notebook

__all__ = ["grade_class", "grade_file", "grade_notebook", "grade_paths"]
