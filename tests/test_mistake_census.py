"""The census of realistic wrong attempts (tests/census_attempts.py): none passes, at least 4 in 5 get a named
mistake (the right one), and every other one says where it differs. `bench/mistake_census.py` prints the figure."""
import pytest

from census_attempts import ATTEMPTS, NOTEBOOK, attempt_function, figure, run_census

from lstmlab.checks import all_items
from lstmlab.checks.feedback import verdict_for


@pytest.fixture(scope="module")
def census():
    return run_census(seed=0)


def test_at_least_five_attempts_per_item_and_every_item_covered():
    counts = {item: sum(1 for a in ATTEMPTS if a.item == item) for item in all_items()}
    assert set(NOTEBOOK) == set(all_items())
    assert min(counts.values()) >= 5, counts
    assert len(ATTEMPTS) >= 70


def test_no_wrong_attempt_passes(census):
    passed = [(a.item, a.label) for a, v in census if v.passed or v.points]
    assert not passed


def test_named_mistakes_are_the_right_ones(census):
    wrong = [(a.item, a.label, a.expected, v.mistake_key, v.message) for a, v in census if v.mistake_key != a.expected]
    assert not wrong


def test_four_in_five_named_and_the_rest_located(census):
    """Named, or located; an answer that is one number has no place to point at, so its verdict must at least say
    what was expected and what was received."""
    named, located, total = figure(census)
    assert named >= 0.8 * total, (named, total)
    neither = [(a.item, a.label, v.message) for a, v in census if not (v.mistake_key or v.where)]
    assert all("expected" in message and "received" in message for _, _, message in neither), neither
    assert len(neither) <= 0.05 * total, neither


def test_the_mistake_leads_every_message(census):
    for attempt, verdict in census:
        if verdict.mistake:
            head = f"{attempt.item}: {verdict.headline}. Likely mistake: {verdict.mistake}. Fix: "
            assert verdict.message.startswith(head), verdict.message
            assert str(verdict).splitlines()[1] == f"Likely mistake: {verdict.mistake}"


def test_numpy_never_opens_the_message(census):
    """Python's own error comes last, after the mistake, the place and the inputs."""
    for attempt, verdict in census:
        if verdict.status == "error":
            assert verdict.message.endswith(f"Python's error: {verdict.error}")
            assert "matmul" not in verdict.message.split("Python's error")[0]


@pytest.mark.parametrize("seed", [1, 2])
def test_the_census_holds_on_other_probe_inputs(seed):
    """Grading draws new inputs: the same attempts are named the same way on other seeds."""
    for k, attempt in enumerate(ATTEMPTS):
        verdict = verdict_for(attempt.item, attempt_function(attempt, k), seed)
        assert not verdict.passed and verdict.mistake_key == attempt.expected, (attempt.label, verdict.message)
