"""The blind census (issue 21): one file per graded item, each attempt a real, runnable wrong answer."""
import importlib

import pytest

from census_blind.validate import problems
from grading_helpers import AWAITING_BLIND, answer_notebooks

ITEMS = [i for i in answer_notebooks() if i not in AWAITING_BLIND["census_blind"]]


def test_every_item_has_a_census_file():
    """Every graded item has at least 10 single and 3 compound attempts."""
    for item in ITEMS:
        attempts = importlib.import_module(f"census_blind.{item}").ATTEMPTS
        assert sum(a.mistakes == 1 for a in attempts) >= 10, item
        assert sum(a.mistakes == 2 for a in attempts) >= 3, item


@pytest.mark.parametrize("item", ITEMS)
def test_attempts_apply_and_are_wrong(item):
    """Each edit applies to the solution's answer; the edited answer differs from it, and from the others, on random inputs."""
    assert problems(item) == []
