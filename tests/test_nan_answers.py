"""An answer of NaN or inf, in place of every number the solution returns, earns nothing for every item: in check()
and in the grader (through the sandbox's .npy frames). An answer right everywhere but one NaN fails too."""
import numpy as np
import pytest

from lstmlab.checks import all_items, check
from lstmlab.checks.compare import differences
from grading_helpers import answer_notebooks, answer_source, by_id, given_namespace, grade, submission

SOLUTION = answer_notebooks()  # exercise id -> its solutions/ notebook
FILLS = {"nan": "float('nan')", "inf": "float('inf')", "-inf": "-float('inf')"}

SPOIL = '''
def _spoil(value, fill):
    """Every number of an answer replaced by fill: arrays, scalars, inside tuples, lists and dicts."""
    if value is None:
        return None
    if isinstance(value, dict):
        return {{k: _spoil(v, fill) for k, v in value.items()}}
    if isinstance(value, (list, tuple)):
        return type(value)(_spoil(v, fill) for v in value)
    return np.full(np.shape(value), fill)

_right_{fn} = {fn}

def {fn}(*args, **kwargs):
    return _spoil(_right_{fn}(*args, **kwargs), {fill})
'''


def spoiled(item_id, fill):
    """The solution's answer cell for item_id, followed by a wrapper that turns every number it returns into fill."""
    function = all_items()[item_id].function
    return answer_source(SOLUTION[item_id], item_id) + "\n" + SPOIL.format(fn=function, fill=FILLS[fill])


def in_notebook(source, function):
    """The function an answer cell defines, run as a notebook runs it (its given cells give np, sigmoid, lstm_step...)."""
    ns = given_namespace(SOLUTION[next(i for i, item in all_items().items() if item.function == function)])
    exec(source, ns)
    return ns[function]


def test_every_item_is_spoiled():
    assert set(SOLUTION) == set(all_items())  # a new item gets these tests too


@pytest.mark.parametrize("fill", FILLS)
@pytest.mark.parametrize("item_id", sorted(all_items()))
def test_check_gives_nothing_for_nan_or_inf(item_id, fill):
    item = all_items()[item_id]
    right = check(item_id, in_notebook(answer_source(SOLUTION[item_id], item_id), item.function), quiet=True)
    assert (right.status, right.points) == ("passed", item.points)  # the wrapper alone is what spoils it
    verdict = check(item_id, in_notebook(spoiled(item_id, fill), item.function), quiet=True)
    assert (verdict.status, verdict.points) == ("failed", 0), str(verdict)


@pytest.mark.parametrize("item_id", sorted(i for i, item in all_items().items() if item.normalize is None))
def test_one_nan_among_right_numbers_is_a_difference(item_id):
    item = all_items()[item_id]
    case = item.make_cases(0)[0]
    value = item.reference(**case)
    names = item.output_names(case)
    expected = [np.asarray(p, dtype=np.float64) for p in ([value] if len(names) == 1 else value)]
    for k in range(len(expected)):
        for bad in (np.nan, np.inf, -np.inf):
            received = [e.copy() for e in expected]
            received[k].flat[-1] = bad
            found = differences(item, expected, received, names)
            assert found is not None and found.name == names[k] and found.kind == "values"
            assert int(found.bad.sum()) == 1 and found.bad.flat[-1]
    assert differences(item, expected, [e.copy() for e in expected], names) is None


def test_a_nan_difference_says_not_finite():
    item = all_items()["lstm_layer"]
    case = item.make_cases(0)[0]
    verdict = check("lstm_layer", in_notebook(spoiled("lstm_layer", "nan"), item.function), quiet=True)
    assert "the largest difference is not finite" in str(verdict), str(verdict)
    assert case["x"].shape[0] > 1


@pytest.mark.parametrize("fill", ["nan", "inf"])
@pytest.mark.parametrize("notebook", sorted(set(SOLUTION.values())))
def test_the_grader_gives_nothing_for_nan_or_inf(tmp_path, notebook, fill):
    ids = [i for i, nb in SOLUTION.items() if nb == notebook]
    result = by_id(grade(submission(tmp_path, notebook, {i: spoiled(i, fill) for i in ids})))
    for item_id in ids:
        entry = result[item_id]
        assert (entry["status"], entry["points"]) == ("failed", 0), entry
    assert sum(e["points"] for e in result.values()) == 0
