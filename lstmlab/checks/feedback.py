"""check(item_id, fn): run a learner's function on random inputs in the notebook and print a verdict."""
import numpy as np

from .encode import call_answer, unflatten
from .judge import Verdict, judge
from .registry import get_item


def run_cases(item, fn, cases):
    """Call fn on copies of each case's inputs, as the grader's kernel does; return judge()'s results."""
    results = []
    for case in cases:
        args = [np.array(case[name]) if isinstance(case[name], np.ndarray) else _copy(case[name]) for name in item.args]
        status, tree, arrays, detail = call_answer(fn, args)
        results.append((status, unflatten(tree, arrays) if status == "ok" else None, detail))
        if status != "ok":
            break
    return results


def _copy(value):
    import copy
    return copy.deepcopy(value)


def check(item_id, fn, seed=0, quiet=False):
    """Check `fn` for the exercise `item_id` on several random inputs; print and return a Verdict. Never raises."""
    try:
        item = get_item(item_id)
    except KeyError as exc:
        verdict = Verdict(str(item_id), "error", f"check: {exc.args[0]}")
    else:
        if not callable(fn):
            verdict = Verdict(item.id, "error", f"{item.id}: expected a function, received {type(fn).__name__}", 0, item.points)
        else:
            cases = item.make_cases(seed)
            verdict = judge(item, cases, run_cases(item, fn, cases), reveal=True)
    if not quiet:
        print(verdict.message)
        verdict.printed = True
    return verdict
