"""Learner feedback for check() and the grader: graded items, fresh inputs, named mistakes, verdicts.
May import: reference, shapes, data, messages.
"""
from .feedback import check
from ..messages import msg, set_language
from .registry import ITEM_MODULES, all_items, get_item, use_items
from .verdict import Verdict

__all__ = ["check", "Verdict", "all_items", "get_item", "use_items", "ITEM_MODULES", "msg", "set_language"]
