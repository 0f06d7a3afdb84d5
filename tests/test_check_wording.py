"""What check() says about a wrong answer, sentence by sentence (checks/compare.py): what was returned, what was
expected, which type mistake, what differs and where. Small items with fixed numbers, so every word is known."""
import numpy as np
import pytest

from lstmlab.checks import compare, describe
from lstmlab.checks.mutants import search
from lstmlab.checks.compare import Difference, Mismatch, as_outputs, describe_value, differences
from lstmlab.checks.describe import where_text
from lstmlab.checks.item import Item

CASE = {"x": np.zeros((2, 3))}
PAIR = Item("pair", "t", 2, ("x",), lambda rng: [CASE], lambda x: (x + 1, x + 2), outputs=("h", "c"),
            axes={"h": ("sample", "unit"), "c": ("sample", "unit")})
ONE = Item("one", "t", 1, ("x",), lambda rng: [CASE], lambda x: x + 1)
COUNT = Item("count", "t", 1, ("x",), lambda rng: [CASE], lambda x: 7, outputs=("count",), kind="int", exact=True)
SEQ = Item("seq", "t", 1, ("x",), lambda rng: [CASE], lambda x: np.zeros((2, 5, 3)), outputs=("y",),
           axes={"y": ("sample", "step", "unit")})
GATES = Item("gates", "t", 1, ("x",), lambda rng: [CASE], lambda x: np.zeros((3, 8)), outputs=("dk",),
             axes={"dk": ("row", "gate")})


def mismatch(item, tree):
    with pytest.raises(Mismatch) as info:
        as_outputs(item, tree, CASE)
    return info.value


@pytest.mark.parametrize("value, said", [
    (None, "None (is a `return` missing?)"), ({"h": 1, "c": 2}, "a dict with keys 'c', 'h'"), ({}, "a dict with keys "),
    ([1, 2, 3], "3 values"), (np.array(5), "an int (5)"), (np.array(5, np.uint8), "an int (5)"),
    (np.array(2.5), "a float (2.5)"), (np.array(True), "a float (True)"), (np.zeros((2, 3)), "one array of shape (2, 3)"),
    (np.zeros(4), "one array of shape (4,)"), ("abc", "a str"),
])
def test_what_was_returned_in_a_few_words(value, said):
    assert describe_value(value) == said


def test_what_was_expected():
    assert compare.expected_value(PAIR, CASE) == "a tuple (h, c) of 2 arrays"
    assert compare.expected_value(ONE, CASE) == "an array (output)"
    assert compare.expected_value(COUNT, CASE) == "an int (count)"


@pytest.mark.parametrize("tree, mistake, said", [
    (None, "none_returned", "Wrong type: expected a tuple (h, c) of 2 arrays, received None (is a `return` missing?)."),
    ({"h": np.zeros(1), "c": np.zeros(1)}, "dict_for_tuple",
     "Wrong type: expected a tuple (h, c) of 2 arrays, received a dict with keys 'c', 'h'."),
    (np.zeros((2, 2, 3)), "array_for_tuple",
     "Wrong type: expected a tuple (h, c) of 2 arrays, received one array of shape (2, 2, 3)."),
    (np.array(1.0), None, "Wrong type: expected a tuple (h, c) of 2 arrays, received a float (1.0)."),
    ([np.zeros(1)] * 3, None, "Wrong number of values: expected a tuple (h, c) of 2 arrays, received 3 values."),
    ([np.zeros(1), None], None, "Wrong type for c: expected an array (c), received None (is a `return` missing?)."),
    ([[np.zeros(1)], np.zeros(1)], "list_for_array", "Wrong type for h: expected an array (h), received 1 values."),
    ([np.zeros(1), {"a": np.zeros(1)}], None, "Wrong type for c: expected an array (c), received a dict with keys 'a'."),
])
def test_each_answer_off_the_types_has_its_own_sentence_and_mistake(tree, mistake, said):
    found = mismatch(PAIR, tree)
    assert (found.mistake, str(found)) == (mistake, said)
    assert found.fields["expected"] == ("a tuple (h, c) of 2 arrays" if found.key != "part" else found.fields["expected"])
    assert found.key == ("part" if "for h" in said or "for c" in said else
                         "wrong_count" if "number" in said else "wrong_type")
    if found.key != "part":
        assert found.fields["names"] == "h, c"
    else:
        assert found.fields["name"] in ("h", "c")


def test_none_for_a_single_output_names_the_missing_return():
    found = mismatch(ONE, None)
    assert (found.key, found.mistake) == ("wrong_type", "none_returned")
    assert str(found) == "Wrong type: expected an array (output), received None (is a `return` missing?)."


@pytest.mark.parametrize("tree, mistake, said", [
    (np.array(7.0), "float_for_int", "Wrong type for count: expected an int (count), received a float (7.0)."),
    (np.array([7]), None, "Wrong type for count: expected an int (count), received one array of shape (1,)."),
    ([7], None, "Wrong type for count: expected an int (count), received 1 values."),
])
def test_a_count_must_be_one_int(tree, mistake, said):
    found = mismatch(COUNT, tree)
    assert (found.key, found.mistake, str(found)) == ("part", mistake, said)


def test_right_types_come_back_as_float_arrays():
    got = as_outputs(PAIR, [np.ones((2, 3), np.float32), np.arange(6).reshape(2, 3)], CASE)
    assert [a.dtype for a in got] == [np.float64, np.float64] and got[1].tolist() == [[0, 1, 2], [3, 4, 5]]
    assert as_outputs(COUNT, np.array(7, np.uint8), CASE) == [7.0]
    assert as_outputs(ONE, np.ones(2), CASE)[0].tolist() == [1.0, 1.0]
    normal = Item("n", "t", 1, ("x",), lambda rng: [CASE], lambda x: 1, normalize=lambda tree, case: ["read", tree])
    assert as_outputs(normal, None, CASE) == ["read", None]  # the item reads its own answers, None included


def test_the_reference_as_float_arrays():
    h, c = compare.reference_outputs(PAIR, CASE)
    assert h.dtype == np.float64 and (h == 1).all() and (c == 2).all()
    (count,) = compare.reference_outputs(COUNT, CASE)
    assert count.dtype == np.float64 and count == 7


# --- what differs --------------------------------------------------------------------------------------------------

def diff(item, expected, received):
    return differences(item, [np.asarray(expected, float)], [np.asarray(received, float)], item.output_names(CASE))


def test_shapes_are_compared_before_values():
    found = differences(PAIR, [np.zeros((2, 3)), np.zeros((2, 3))], [np.ones((2, 3)), np.zeros((3, 2))], ("h", "c"))
    assert (found.kind, found.name) == ("shape", "c")
    assert describe.problem_text(found, True) == "Wrong shape for c: expected (2, 3), received (3, 2)."
    found = differences(PAIR, [np.zeros((2, 3)), np.zeros((2, 3))], [np.zeros((2, 3)), np.ones((2, 3))], ("h", "c"))
    assert (found.kind, found.name) == ("values", "c") and found.bad.all()


def test_wrong_values_say_how_many_and_the_largest_difference():
    expected, received = np.zeros((2, 3)), np.zeros((2, 3))
    received[1, 2], received[0, 1] = 0.25, -0.5
    found = diff(ONE, expected, received)
    assert found.index == (0, 1)
    assert describe.problem_text(found, True) == ("Wrong values for output: 2 of 6 numbers differ; the largest "
                                                 "difference is 0.5 (expected 0.0, received -0.5).")
    assert describe.problem_text(found, False) == ("Wrong values for output: 2 of 6 numbers differ; the largest "
                                                  "difference is 0.5.")  # hidden inputs: no number to rebuild from


def test_a_wrong_single_value():
    found = diff(COUNT, 7, 7.5)
    assert found.index == ()
    assert describe.problem_text(found, True) == "Wrong value for count: expected 7.0, received 7.5."
    assert describe.problem_text(found, False) == "Wrong value for count: received 7.5."
    assert where_text(COUNT, CASE, found) is None  # a single number: nothing to say about where


@pytest.mark.parametrize("values, texts", [
    ((0.245752, 0.31789), ["0.245752", "0.317890"]),  # one precision, not 6 digits and 5
    ((7, 7.5), ["7.0", "7.5"]), ((7, 8), ["7", "8"]), ((0, float("nan")), ["0", "nan"]),
    ((0.12345671, 0.12345672), ["0.12345671", "0.12345672"]),  # more digits when 6 would print them alike
    ((1.5e-7, 0.25), ["1.5e-07", "2.5e-01"]), ((123456789.0, 1.0), ["1.23457e+08", "1.00000e+00"]),
])
def test_expected_and_received_at_one_precision(values, texts):
    assert describe.numbers(*values) == texts


def test_the_failing_inputs_paste_back_to_the_same_numbers():
    rng = np.random.default_rng(3)
    case = {"x": rng.normal(size=(2, 3)), "h": rng.normal(size=4).astype(np.float32), "n": np.int64(5), "s": 0.1 + 0.2}
    item = Item("paste", "t", 1, ("x", "h", "n", "s"), lambda rng: [case], lambda x, h, n, s: x)
    scope = {"np": np}
    exec(item.show_inputs(case), scope)  # what a learner pastes
    assert np.array_equal(scope["x"], case["x"]) and scope["x"].dtype == np.float64
    assert np.array_equal(scope["h"], case["h"]) and scope["h"].dtype == np.float32
    assert scope["n"] == 5 and scope["s"] == 0.1 + 0.2


def test_a_nan_is_the_place_shown_and_its_difference_is_not_finite():
    received = np.array([[0.0, 3.0, np.nan], [0.0, 0.0, 0.0]])
    found = diff(ONE, np.zeros((2, 3)), received)
    assert found.index == (0, 2)
    assert "the largest difference is not finite (expected 0, received nan)" in describe.problem_text(found, True)
    found = diff(ONE, np.zeros((2, 3)), np.array([[0.0, 1e-9, 0.0], [0.0, 0.0, 1e-3]]))  # within tolerance: not bad
    assert int(found.bad.sum()) == 1 and found.index == (1, 2)


def test_tolerance_and_exactness():
    assert diff(ONE, [0.0, 2.0], [5e-7, 2.0]) is None and diff(ONE, [0.0, 2.0], [5e-6, 2.0]) is not None  # atol 1e-6
    loose = Item("loose", "t", 1, ("x",), lambda rng: [CASE], lambda x: 1, rtol=1e-3)
    assert diff(loose, [1000.0], [1000.5]) is None and diff(ONE, [1000.0], [1000.5]) is not None  # the item's rtol
    assert search.same_tree(loose, np.array([1000.0]), np.array([1000.5]))
    assert not search.same_tree(ONE, np.array([1000.0]), np.array([1000.5]))
    assert search.same_tree(ONE, np.zeros(1), np.array([5e-7])) and not search.same_tree(ONE, np.zeros(1), np.array([5e-6]))
    assert diff(ONE, [1.0, 2.0], [1.0 + 1e-7, 2.0]) is None
    assert diff(ONE, [1.0, 2.0], [1.0 + 1e-4, 2.0]) is not None
    assert diff(COUNT, 7, 7 + 1e-9) is not None  # exact: a count is right or wrong
    assert diff(COUNT, 7, 7) is None


# --- where -------------------------------------------------------------------------------------------------------

def where(item, expected, received):
    return where_text(item, CASE, diff(item, expected, received))


def test_where_a_shape_differs():
    assert where(SEQ, np.zeros((2, 5, 3)), np.zeros((2, 4, 3))) == "axis 1 of y (time steps): expected 5, received 4"
    assert where(SEQ, np.zeros((2, 5, 3)), np.zeros((2, 3))) == "y is 2-D, expected 3-D (samples, time steps, units)"
    assert where(ONE, np.zeros((2, 5, 3)), np.zeros((2, 3))) == "output is 2-D, expected 3-D"
    assert where(ONE, np.zeros((2, 3)), np.zeros((3, 2))) == "output"
    odd = Item("odd", "t", 1, ("x",), lambda rng: [CASE], lambda x: 1, outputs=("y",), axes={"y": ("sample",)})
    assert where(odd, np.zeros((2, 3)), np.zeros((2, 3, 1))) == "y is 3-D, expected 2-D"  # labels that do not fit


def test_where_values_differ_by_axis():
    received = np.zeros((2, 5, 3))
    received[1, 2:, 0] = 1.0
    assert where(SEQ, np.zeros((2, 5, 3)), received) == (
        "y[1, 2, 0] (sample 1, step index 2, unit 0); the first wrong time step has index 2 (3 of the indices 0..4 are "
        "wrong)")
    assert where(ONE, np.zeros((2, 3)), np.eye(2, 3)) == "output[0, 0]"
    assert where(COUNT, 7, 8) is None  # a single number: no "where"
    one_step = Item("s", "t", 1, ("x",), lambda rng: [CASE], lambda x: 1, outputs=("y",), axes={"y": ("sample", "step")})
    assert where(one_step, np.zeros((2, 1)), np.ones((2, 1))) == "y[0, 0] (sample 0, step index 0)"  # one step: no first


def test_where_labels_that_do_not_fit_give_the_index_alone():
    odd = Item("odd", "t", 1, ("x",), lambda rng: [CASE], lambda x: 1, outputs=("y",), axes={"y": ("sample",)})
    assert where(odd, np.zeros((2, 3)), np.eye(2, 3)) == "y[0, 0]"


def test_two_time_steps_and_units_in_fours():
    plain = Item("p", "t", 1, ("x",), lambda rng: [CASE], lambda x: 1, outputs=("y",),
                 axes={"y": ("sample", "step", "unit")})
    received = np.zeros((1, 2, 4))
    received[0, 1, 1] = 1.0
    assert where(plain, np.zeros((1, 2, 4)), received) == (
        "y[0, 1, 1] (sample 0, step index 1, unit 1); the first wrong time step has index 1 (1 of the indices 0..1 are "
        "wrong)")


def test_where_values_differ_by_gate():
    received = np.zeros((3, 8))
    received[2, 5] = 1.0  # 8 columns: 2 units a gate; column 5 is gate c, unit 1
    assert where(GATES, np.zeros((3, 8)), received) == (
        "dk[2, 5] (row 2, gate c, unit 1); the wrong numbers of dk are in the gate block(s) c only")
    received[1, 0] = 1.0
    assert where(GATES, np.zeros((3, 8)), received).endswith("the wrong numbers of dk are in the gate block(s) i, c only")
    received[0, [0, 3, 7]] = 1.0
    assert where(GATES, np.zeros((3, 8)), received) == "dk[0, 0] (row 0, gate i, unit 0)"  # all four: no gate named


@pytest.mark.parametrize("position, size, word", [(0, 8, "gate i, unit 0"), (3, 8, "gate f, unit 1"),
                                                  (7, 8, "gate o, unit 1"), (2, 4, "gate c, unit 0"),
                                                  (5, 6, "gate o, unit 0"), (1, 3, "gate f, unit 0")])
def test_a_gate_column_in_words(position, size, word):
    assert describe._axis_word("gate", position, size) == word


def test_gate_blocks():
    bad = np.zeros((2, 8), bool)
    bad[1, 6] = True
    assert describe._gates(bad, 1) == ["o"]
    assert describe._gates(bad, 0) is None  # 2 rows are not 4 blocks
    assert describe._gates(np.zeros((4, 3), bool), 0) == []


def test_gate_text_for_the_first_output_with_gate_blocks():
    two = Item("two", "t", 1, ("x",), lambda rng: [CASE], lambda x: 1, outputs=("a", "dk"),
               axes={"a": ("row", "unit"), "dk": ("row", "gate")})
    expected = [np.zeros((3, 8)), np.zeros((3, 8))]
    received = [np.ones((3, 8)), np.zeros((3, 8))]
    received[1][:, 2:4] = 1.0
    assert describe.gate_text(two, CASE, expected, received, ("a", "dk")) == \
        "the wrong numbers of dk are in the gate block(s) f only"
    received[1][0, 7] = 1.0
    assert describe.gate_text(two, CASE, expected, received, ("a", "dk")) == \
        "the wrong numbers of dk are in the gate block(s) f, o only"
    received[1][:, :] = 1.0  # all four gates: nothing to say
    assert describe.gate_text(two, CASE, expected, received, ("a", "dk")) is None
    assert describe.gate_text(two, CASE, expected, [received[0], np.ones((3, 4))], ("a", "dk")) is None  # shape differs
    assert describe.gate_text(two, CASE, [np.zeros(8)] * 2, [np.ones(8)] * 2, ("a", "dk")) is None  # labels do not fit


# --- naming the mistake --------------------------------------------------------------------------------------------

def test_same_tree():
    a = [np.ones(2), {"k": np.zeros(1)}, None]
    assert search.same_tree(ONE, a, [np.ones(2) + 1e-9, {"k": np.zeros(1)}, None])
    assert not search.same_tree(ONE, a, [np.ones(2) + 1e-3, {"k": np.zeros(1)}, None])
    assert not search.same_tree(ONE, a, a[:2])
    assert not search.same_tree(ONE, a, [np.ones(2), {"j": np.zeros(1)}, None])
    assert not search.same_tree(ONE, a, [np.ones(2), {"k": np.zeros(1)}, np.zeros(1)])
    assert not search.same_tree(ONE, [np.ones(2)], np.ones(2)) and not search.same_tree(ONE, np.ones(2), [np.ones(2)])
    assert not search.same_tree(ONE, {"k": None}, [None]) and not search.same_tree(ONE, [None], {"k": None})
    assert not search.same_tree(ONE, np.ones(2), np.ones(3))
    assert not search.same_tree(ONE, {"k": np.ones(1)}, np.ones(1)) and not search.same_tree(ONE, np.ones(1), {"k": 1})
    assert not search.same_tree(ONE, np.ones(2), np.array([1.0, np.nan]))
    assert search.same_tree(COUNT, np.array(7), np.array(7.0))
    assert not search.same_tree(COUNT, np.array(7), np.array(7 + 1e-9))


@pytest.mark.parametrize("text, signature", [
    ("ValueError: matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature "
     "(n?,k),(k,m?)->(n?,m?) (size 12 is different from 5)", ("ValueError", frozenset({12, 5}))),
    ("ValueError: shapes (2,5) and (12,3) not aligned: 5 (dim 1) != 12 (dim 0)", ("ValueError", frozenset({5, 12}))),
    ("ValueError: cannot reshape array of size 30 into shape (4,7)", ("ValueError", frozenset({30}))),
    ("ValueError: operands could not be broadcast together with shapes (2,3) (4, 5) ",
     ("ValueError", frozenset({(2, 3), (4, 5)}))),
    ("ValueError: operands could not be broadcast together with shapes (2,) () ", ("ValueError", frozenset({(2,), ()}))),
    ("IndexError:  index 3 is out of bounds ", ("IndexError", "index 3 is out of bounds")),
    ("KeyError", ("KeyError", "")),
])
def test_error_signatures(text, signature):
    assert search.error_signature(text) == signature


def test_a_mistake_that_crashes_alike_is_named_past_mistakes_without_a_variant():
    from lstmlab.checks.item import Mistake
    crash = lambda x: np.zeros((2, 3)) @ np.zeros((12, 5))  # noqa: E731
    named = Mistake("transposed", crash)
    item = Item("c", "t", 1, ("x",), lambda rng: [CASE], lambda x: x, mistakes=(Mistake("none", None), named))
    text = "ValueError: matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature " \
           "(n?,k),(k,m?)->(n?,m?) (size 12 is different from 3)"
    assert search.diagnose_error(item, [CASE], [], 0, text) is named  # the first case: nothing to reproduce before it
    assert search.diagnose_error(item, [CASE, CASE], [np.zeros((2, 3))], 1, text) is None  # it crashes on case 0 too
    assert search.diagnose_error(item, [CASE], [], 0, "ValueError: other") is None


def test_a_mismatch_keeps_its_key():
    assert Mismatch("wrong_type").args == ("wrong_type",) and Mismatch("wrong_type").mistake is None
