"""Mutation testing of the probes: on every item's probe set, whatever the seed, no mistake's mutant gives the
reference's answers (a wrong answer made of one mistake can never pass), and a trimmed stateful_batches fails."""
import numpy as np
import pytest

from lstmlab.checks import all_items, check
from lstmlab.checks.mutants.search import SECOND_SEED, _tree, pairs, reproduces, singles

SEEDS = range(6)


def _agreeing(item, seed):
    """The single mutants that give the reference's answer on every probe of this seed."""
    cases = item.make_cases(seed)
    trees = [_tree(item.reference(**case)) for case in cases]
    return [m.key for m in singles(item) if reproduces(item, m, trees, cases)]


@pytest.mark.parametrize("item_id", sorted(all_items()))
def test_no_single_mistake_agrees_with_the_reference_on_the_probes(item_id):
    item = all_items()[item_id]
    assert len(singles(item)) >= 4, item_id
    agreeing = {seed: keys for seed in SEEDS if (keys := _agreeing(item, seed))}
    assert not agreeing, agreeing


def _trimmed(series, batch, timesteps):
    """stateful_batches trimmed to n_batches * batch * timesteps rows before the streams are cut (issue 21)."""
    features = series.shape[1]
    n_batches = len(series) // batch // timesteps
    streams = series[:n_batches * batch * timesteps].reshape(batch, n_batches * timesteps, features)
    return streams.reshape(batch, n_batches, timesteps, features).transpose(1, 0, 2, 3)


@pytest.mark.parametrize("seed", range(30))
def test_stateful_batches_trimmed_first_fails_on_every_seed(seed):
    verdict = check("stateful_batches", _trimmed, seed=seed, quiet=True)
    assert not verdict.passed and verdict.mistake_key == "trimmed_first", verdict.message


def test_the_trimmed_answer_is_right_when_timesteps_divides_the_streams():
    """The mistake is invisible on the easy probe alone (24 rows, 2 streams of 12, chunks of 3): the others show it."""
    series = np.arange(24.0).reshape(24, 1)
    item = all_items()["stateful_batches"]
    assert np.array_equal(_trimmed(series, 2, 3), item.reference(series=series, batch=2, timesteps=3))


@pytest.mark.parametrize("item_id", sorted(all_items()))
def test_no_pair_of_mistakes_passes_unless_the_two_cancel_out(item_id):
    """Two mistakes that give the reference's answers on the probes give them on other probes too: they undo each
    other (the answer is right), they do not hide behind the probes."""
    item = all_items()[item_id]
    hiding = []
    for seed in (0, 1):
        cases = item.make_cases(seed)
        trees = [_tree(item.reference(**case)) for case in cases]
        other = item.make_cases(SECOND_SEED)
        other_trees = [_tree(item.reference(**case)) for case in other]
        hiding += [(seed, p.key) for p in pairs(item)
                   if reproduces(item, p, trees, cases) and not reproduces(item, p, other_trees, other)]
    assert not hiding, hiding
