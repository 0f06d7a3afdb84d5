"""The grader: rebuild each submission from the pristine notebook (answer cells by id), run it in a
locked-down fresh kernel (timeouts, memory limit, no lstmlab), call the answers on grade-time inputs,
read the saved arrays without pickles and judge them here with lstmlab.checks.

Modules: rebuild (the graded notebook), launcher + harness (run inside the learner's kernel), kernel
(cell-by-cell execution that survives timeouts and dead kernels), core (one notebook), batch (many,
in parallel), report (table, JSON, CSV), cli (`lstmlab grade`).
"""
from .batch import grade_paths
from .core import grade_notebook

__all__ = ["grade_notebook", "grade_paths"]
