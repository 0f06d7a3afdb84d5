"""Exercise 09 (experiments): chance_accuracy, width_for_budget, paired_interval. Their references agree with
independent paths (a Counter, Keras 3's count_params, lesson 09's paired_bootstrap), right answers in other spellings
pass, the classic wrong answers are named, and the grader grades the solution full marks and the blank exercise 0."""
from collections import Counter

import numpy as np
import pytest

from lstmlab.checks import all_items, check
from lstmlab.lessons.paired import paired_bootstrap
from grading_helpers import ROOT, answer_source, by_id, grade, submission

NB = "09_experiments.ipynb"
ITEMS = all_items()
SEEDS = (0, 1, 2, 5)


@pytest.mark.parametrize("seed", SEEDS)
def test_chance_reference_is_the_majority_share_counted_another_way(seed):
    item = ITEMS["chance_accuracy"]
    for case in item.make_cases(seed):
        y = case["y"].tolist()
        assert item.reference(**case) == pytest.approx(Counter(y).most_common(1)[0][1] / len(y))


def test_chance_of_lesson_09s_balanced_six_classes_is_one_sixth():
    assert ITEMS["chance_accuracy"].reference(y=np.repeat(np.arange(6), 5)) == pytest.approx(1 / 6)
    assert ITEMS["chance_accuracy"].reference(y=np.array([2, 2, 2, 0])) == pytest.approx(0.75)  # not 1/2 nor 1/3


def _keras_stack_params(keras, features, units, layers):
    """count_params of `layers` Keras LSTM(units) layers over `features` inputs (return_sequences below the top)."""
    model = keras.Sequential([keras.Input((5, features))] + [
        keras.layers.LSTM(units, return_sequences=k < layers - 1) for k in range(layers)])
    return model.count_params()


@pytest.mark.parametrize("seed", (0, 3))
def test_width_reference_is_the_largest_width_keras_counts_within_the_budget(keras, seed):
    item = ITEMS["width_for_budget"]
    for case in item.make_cases(seed):
        u = item.reference(**case)
        features, budget, layers = case["features"], case["budget"], case["layers"]
        assert _keras_stack_params(keras, features, u, layers) <= budget < _keras_stack_params(keras, features, u + 1, layers)


def test_width_at_lesson_09s_budget():
    """One LSTM(24) on 6 inputs: 4 * (24 * (6 + 24) + 24) = 2976 parameters, exactly the budget."""
    assert ITEMS["width_for_budget"].reference(features=6, budget=2976, layers=1) == 24
    assert ITEMS["width_for_budget"].reference(features=6, budget=2975, layers=1) == 23


@pytest.mark.parametrize("seed", SEEDS)
def test_paired_reference_is_lesson_09s_paired_bootstrap(seed):
    item = ITEMS["paired_interval"]
    for case in item.make_cases(seed):
        result = paired_bootstrap(case["a"], case["b"], resamples=case["n_boot"], seed=case["seed"])
        np.testing.assert_allclose(item.reference(**case), [result.low, result.high], rtol=1e-12)


def chance_counter(y):
    return Counter(y.tolist()).most_common(1)[0][1] / len(y)


def width_by_formula(features, budget, layers):
    best = 0
    for u in range(1, 10_000):
        if 4 * (u * (features + u) + u) + (layers - 1) * 4 * (u * (2 * u) + u) > budget:
            return best
        best = u


def paired_with_choice(a, b, n_boot, seed):
    d = np.asarray(a) - np.asarray(b)  # (n,)
    means = np.random.default_rng(seed).choice(d, size=(n_boot, len(d))).mean(axis=1)  # (n_boot,)
    return np.percentile(means, [2.5, 97.5])


RIGHT = [("chance_accuracy", chance_counter), ("chance_accuracy", lambda y: float(np.mean(y == np.argmax(np.bincount(y))))),
         ("width_for_budget", width_by_formula), ("paired_interval", paired_with_choice),
         ("paired_interval", lambda a, b, n_boot, seed: tuple(paired_with_choice(a, b, n_boot, seed).tolist()))]


@pytest.mark.parametrize("item_id, fn", RIGHT, ids=[f"{i}-{k}" for k, (i, _) in enumerate(RIGHT)])
def test_right_answers_pass_in_other_spellings(item_id, fn):
    for seed in (0, 4):
        verdict = check(item_id, fn, seed=seed, quiet=True)
        assert verdict.passed and verdict.points == ITEMS[item_id].points, verdict.message


def _width(count, over=False, strict=False):
    """A width search over a learner's (wrong) count."""
    def fn(features, budget, layers):
        u = 1
        while (count(features, u + 1, layers) < budget) if strict else (count(features, u + 1, layers) <= budget):
            u += 1
        return u + 1 if over and count(features, u, layers) != budget else u
    return fn


def _lstm(features, u, layers, gates=4, bias=True):
    per = lambda n_in: gates * (u * (n_in + u) + (u if bias else 0))  # noqa: E731
    return per(features) + (layers - 1) * per(u)


def _paired_unpaired(a, b, n_boot, seed):
    rng, n = np.random.default_rng(seed), len(a)
    means = a[rng.integers(0, n, (n_boot, n))].mean(axis=1) - b[rng.integers(0, n, (n_boot, n))].mean(axis=1)
    return np.percentile(means, [2.5, 97.5])


def _paired_means(a, b, n_boot, seed, shape=None):
    d = a - b  # (n,)
    picks = np.random.default_rng(seed).integers(0, len(d), size=shape or (n_boot, len(d)))
    return d[picks].mean(axis=1 if shape is None else 0)


WRONG = [
    ("chance_accuracy", lambda y: 1 / len(np.unique(y)), "chance_uniform"),
    ("chance_accuracy", lambda y: 1 / (y.max() + 1), "chance_max_label"),
    ("chance_accuracy", lambda y: np.unique(y, return_counts=True)[1].min() / len(y), "chance_minority"),
    ("chance_accuracy", lambda y: np.bincount(y).max(), "chance_count"),
    ("chance_accuracy", lambda y: np.argmax(np.bincount(y)), "chance_label"),
    ("width_for_budget", _width(lambda f, u, n: n * 4 * (u * (f + u) + u)), "width_all_features"),
    ("width_for_budget", _width(lambda f, u, n: n * 4 * (u * (u + u) + u)), "width_all_units"),
    ("width_for_budget", _width(lambda f, u, n: _lstm(f, u, n, bias=False)), "width_no_bias"),
    ("width_for_budget", _width(lambda f, u, n: _lstm(f, u, n, gates=3)), "width_three_gates"),
    ("width_for_budget", _width(_lstm, over=True), "width_over"),
    ("width_for_budget", _width(_lstm, strict=True), "width_strict"),
    ("paired_interval", _paired_unpaired, "paired_unpaired"),
    ("paired_interval", lambda a, b, n_boot, seed: paired_with_choice(b, a, n_boot, seed), "paired_reversed"),
    ("paired_interval", lambda a, b, n_boot, seed: np.percentile(a - b, [2.5, 97.5]), "paired_no_resample"),
    ("paired_interval", lambda a, b, n_boot, seed: (a - b).mean() + np.array([-1.96, 1.96]) * _paired_means(
        a, b, n_boot, seed).std(), "paired_normal"),
    ("paired_interval", lambda a, b, n_boot, seed: np.percentile(_paired_means(a, b, n_boot, seed), [5, 95]), "paired_90"),
    ("paired_interval", lambda a, b, n_boot, seed: np.percentile(
        _paired_means(a, b, n_boot, seed, shape=(len(a), n_boot)), [2.5, 97.5]), "paired_picks_transposed"),
]


@pytest.mark.parametrize("item_id, fn, key", WRONG, ids=[w[2] for w in WRONG])
def test_classic_wrong_answers_fail_with_their_mistake_named(item_id, fn, key):
    for seed in (0, 5):
        verdict = check(item_id, fn, seed=seed, quiet=True)
        assert (verdict.status, verdict.points, verdict.mistake_key) == ("failed", 0, key), verdict.message
        assert verdict.mistake in verdict.message


def test_the_grader_grades_the_solution_full_marks_and_the_blank_exercise_zero(tmp_path):
    solved = grade(submission(tmp_path, NB))
    assert {e["id"]: (e["status"], e["points"]) for e in solved["exercises"]} == {
        "chance_accuracy": ("passed", 1), "width_for_budget": ("passed", 2), "paired_interval": ("passed", 2)}
    blank = grade(submission(tmp_path / "blank", NB, source="exercises"))
    assert blank["score"] == 0 and {e["status"] for e in blank["exercises"]} == {"not_attempted"}


def test_the_grader_names_the_unpaired_bootstrap(tmp_path):
    unpaired = answer_source(NB, "paired_interval").replace(
        "    means = d[picks].mean(axis=1)  # (n_boot,)\n",
        "    means = a[picks].mean(axis=1) - b[rng.integers(0, len(d), size=(n_boot, len(d)))].mean(axis=1)\n")
    assert unpaired != answer_source(NB, "paired_interval")
    entry = by_id(grade(submission(tmp_path, NB, {"paired_interval": unpaired})))["paired_interval"]
    assert (entry["status"], entry["points"], entry["mistake"]["key"]) == ("failed", 0, "paired_unpaired"), entry["feedback"]


def test_the_exercise_links_its_lesson():
    assert "(../notebooks/09_experiments.ipynb)" in (ROOT / "solutions" / NB).read_text()
    assert (ROOT / "notebooks" / NB).exists()


def test_the_task_texts_numbers_from_lesson_09s_data():
    """§1 says lesson 09's 256 validation labels hold 48 of their most frequent class (0.1875): its own data, drawn
    as the lesson draws it (8 steps, K = 4, 6 classes, seed 200)."""
    from lstmlab.data import tasks
    lesson = (ROOT / "notebooks" / NB).read_text()
    assert "TIMESTEPS, K, CLASSES = 8, 4, 6" in lesson and "recall_k_back(VAL, TIMESTEPS, K, classes=CLASSES, seed=200)" in lesson
    _, y_val = tasks.recall_k_back(256, 8, 4, classes=6, seed=200)
    assert np.bincount(y_val).max() == 48 and ITEMS["chance_accuracy"].reference(y=y_val) == 0.1875
    assert "48 of their most frequent class, 0.1875" in (ROOT / "solutions" / NB).read_text()


def test_two_mistakes_on_different_steps_are_named_together():
    """An unpaired resample and a 90% interval at once: both named (the item composes mistakes of different steps)."""
    def unpaired_90(a, b, n_boot, seed):
        rng, n = np.random.default_rng(seed), len(a)
        means = a[rng.integers(0, n, (n_boot, n))].mean(axis=1) - b[rng.integers(0, n, (n_boot, n))].mean(axis=1)
        return np.percentile(means, [5, 95])
    for seed in (0, 5):
        verdict = check("paired_interval", unpaired_90, seed=seed, quiet=True)
        assert verdict.mistake_key == "paired_unpaired+paired_90", verdict.message


def test_a_count_without_biases_searched_strictly_under_the_budget_fails():
    """Two mistakes that cancel on a budget met exactly: the item's short-by-the-biases budget still shows them."""
    def no_bias_strict(features, budget, layers):
        count = lambda u: 4 * u * (features + u) + (layers - 1) * 4 * u * (2 * u)  # noqa: E731
        u = 1
        while count(u + 1) < budget:
            u += 1
        return u
    for seed in range(6):
        verdict = check("width_for_budget", no_bias_strict, seed=seed, quiet=True)
        assert (verdict.status, verdict.points) == ("failed", 0), verdict.message
