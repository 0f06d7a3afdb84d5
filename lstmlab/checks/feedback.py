"""check(item_id, fn): run a learner's function on random inputs in the notebook and show a verdict."""
import copy

import numpy as np

from .encode import call_answer, unflatten
from .judge import judge
from ..messages import msg
from .registry import all_items, get_item, session_files
from .verdict import Verdict


def run_cases(item, fn, cases):
    """Call fn on copies of each case's inputs, as the grader's kernel does; return judge()'s results."""
    results = []
    for case in cases:
        args = [np.array(case[name]) if isinstance(case[name], np.ndarray) else copy.deepcopy(case[name]) for name in item.args]
        status, tree, arrays, detail = call_answer(fn, args)
        results.append((status, unflatten(tree, arrays) if status == "ok" else None, detail))
        if status != "ok":
            break
    return results


def _trees(item, fn, cases):
    """fn's answer trees on more cases (to tell tied mistakes apart), or None if it fails on any."""
    results = run_cases(item, fn, cases)
    if len(results) < len(cases) or any(status != "ok" for status, _, _ in results):
        return None
    return [tree for _, tree, _ in results]


def verdict_for(item_id, fn, seed=0):
    """The Verdict for `fn` as the answer to `item_id`, on the item's cases for `seed`. Never raises."""
    try:
        item = get_item(item_id)
    except KeyError:
        return Verdict(str(item_id), "error", problem=msg("problem.no_item", item=item_id, items=msg("join.list").join(all_items(session_files()))))
    if not callable(fn):
        return Verdict(item.id, "error", max_points=item.points,
                       problem=msg("problem.not_a_function", function=item.function, kind=type(fn).__name__))
    try:
        cases = item.make_cases(seed)
        return judge(item, cases, run_cases(item, fn, cases), reveal=True, more=lambda more: _trees(item, fn, more))
    except Exception as exc:  # a bug of ours must not stop the learner's notebook
        return Verdict(item.id, "error", max_points=item.points, problem=msg("problem.internal"),
                       error=f"{type(exc).__name__}: {exc}")


def check(item_id, fn, seed=0, quiet=False):
    """Check `fn` for the exercise `item_id` on several random inputs; show and return a Verdict. Never raises.

    In a notebook the verdict shows as a coloured box (the likely mistake first); in a terminal, as plain text.
    """
    verdict = verdict_for(item_id, fn, seed)
    _link_explorer(verdict, fn)
    if not quiet:
        verdict.show()
    return verdict


# -- issue 22: a failed answer points to the explorer that runs it beside the reference (notebook only) ----------------
EXPLORERS = {"lstm_step": "lstmlab.CellExplorer(step={function})"}  # item id -> the code that opens the explorer


def _link_explorer(verdict, fn):
    """Add 'see it in the cell explorer: <code>' to a failed or crashed verdict of an item an explorer can run."""
    code = EXPLORERS.get(verdict.item_id)
    if code is not None and verdict.status in ("failed", "error") and getattr(fn, "__name__", "<lambda>").isidentifier():
        link = msg("hint.explorer", code=code.format(function=fn.__name__))
        verdict.hint = f"{verdict.hint} {link}" if verdict.hint else link
