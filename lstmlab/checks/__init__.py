"""Learner feedback, shared by the notebooks (`check`) and the grader (`lstmlab grade`).

An item (see `item.Item`) is one graded exercise. It makes fresh inputs from a seeded rng
(`cases`), computes the answer with the lstmlab reference (`reference`), names the values the
answer returns (`outputs`), and carries named `mistakes`: the reference's version of each
common mistake, used to tell the learner which one they made.

Items live in small modules, one per lesson (`items_cell.py`, `items_layer.py`, ...); each
defines a list `ITEMS`. To add a lesson's items, write `items_<topic>.py` with `ITEMS = [...]`
and add ONE line with its module path to `ITEM_MODULES` in `registry.py`. Item ids are
stable once published: the exercise notebooks' answer cells carry the cell metadata
`{"lstmlab": {"exercise": "<id>", "points": <n>}}` and the grader keys on it.

The learner's function is called as `fn(*[case[name] for name in item.args])`; it must return
a number/array, or a tuple of them in the order `item.outputs` names them.
"""
from .feedback import check
from .registry import ITEM_MODULES, all_items, get_item
from .verdict import Verdict

__all__ = ["check", "Verdict", "all_items", "get_item", "ITEM_MODULES"]
