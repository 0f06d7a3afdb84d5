"""Learner feedback for check() and the grader: graded items, fresh inputs, named mistakes, verdicts.
May import: reference, shapes, data.
"""
from .feedback import check
from .judge import Verdict
from .registry import ITEM_MODULES, all_items, get_item

__all__ = ["check", "Verdict", "all_items", "get_item", "ITEM_MODULES"]
