"""The mutation library of issue 21, round 2: answers written by hand (not by the mutants) are named by the right
mutation, and the wrong names of the blind census are gone (a reversed or part-shuffled split is not 'shuffled before
the split'; a state reset in every layer is one mistake, not two)."""
import numpy as np
import pytest

from lstmlab.checks import all_items, check
from lstmlab.checks.mutants import answer
from lstmlab.reference.layer import lstm_layer
from lstmlab.messages import msg, set_language


def _key(item_id, fn, seed=0):
    verdict = check(item_id, fn, seed=seed, quiet=True)
    assert not verdict.passed, verdict.message
    return verdict.mistake_key


def _split(series, train_fraction, val_fraction):
    n = len(series)
    return int(n * train_fraction), int(n * val_fraction)


def split_reversed(series, train_fraction, val_fraction):
    n = len(series)
    n_train, n_val = _split(series, train_fraction, val_fraction)
    return series[n - n_train:], series[n - n_train - n_val:n - n_train], series[:n - n_train - n_val]


def split_train_shuffled(series, train_fraction, val_fraction):
    n_train, n_val = _split(series, train_fraction, val_fraction)
    train = series[:n_train][np.random.default_rng(1).permutation(n_train)]
    return train, series[n_train:n_train + n_val], series[n_train + n_val:]


def split_shuffled_first(series, train_fraction, val_fraction):
    series = series[np.random.default_rng(1).permutation(len(series))]
    n_train, n_val = _split(series, train_fraction, val_fraction)
    return series[:n_train], series[n_train:n_train + n_val], series[n_train + n_val:]


@pytest.mark.parametrize("seed", [0, 3])
def test_time_split_shuffles_and_reversal_are_told_apart(seed):
    assert _key("time_split", split_reversed, seed) == "split_reversed"
    assert _key("time_split", split_train_shuffled, seed) == "split_part_shuffled"
    assert _key("time_split", split_shuffled_first, seed) == "split_shuffled"


def stack_reset_every_step(x, lstm_weights, dense_kernel, dense_bias):
    """Each time step of each layer starts from zeros: h and c are never carried."""
    seq = x  # (batch, timesteps, features)
    for k, (kernel, recurrent_kernel, bias) in enumerate(lstm_weights):
        steps = [lstm_layer(seq[:, t:t + 1], kernel, recurrent_kernel, bias) for t in range(seq.shape[1])]
        seq = np.stack(steps, axis=1)  # (batch, timesteps, units)
    return seq[:, -1] @ dense_kernel + dense_bias  # (batch, dense units)


def test_a_state_reset_in_every_layer_is_one_mistake():
    assert _key("stack_forward", stack_reset_every_step) == "reset_each_step"


def test_a_transposed_output_is_named_by_its_axes():
    assert _key("last_output", lambda sequence: sequence[:, -1, :].T) == "answer_axes_swapped:last:sample:unit"


def test_a_dropped_output_is_named():
    def layer(x, kernel, recurrent_kernel, bias, return_sequences, return_state):
        out = lstm_layer(x, kernel, recurrent_kernel, bias, return_sequences=return_sequences, return_state=return_state)
        return out[1:] if return_state else out
    assert _key("lstm_layer", layer) == "answer_dropped:output"


def test_a_line_mistake_shows_the_line_as_written_and_as_it_should_be():
    verdict = check("count_batches", lambda samples, batch_size: samples % batch_size, quiet=True)
    assert verdict.mistake_key == "remainder_only"
    assert "`samples % batch_size`" in verdict.mistake and "`math.ceil(samples / batch_size)`" in verdict.mistake


def test_a_reduction_over_time_is_named():
    assert _key("last_output", lambda sequence: sequence.mean(axis=1)) == "time_mean"


def test_answer_mutations_are_worded_in_both_languages():
    item = all_items()["split_gates"]
    mistakes = answer.mistakes(item)
    assert {m.kind for m in mistakes} >= {"answer_swapped", "answer_reversed_order", "answer_dropped"}
    try:
        for language in ("en", "zh"):
            set_language(language)
            for m in mistakes:
                assert "{" not in m.name and "{" not in m.fix, (language, m.key)
    finally:
        set_language("en")


def test_no_answer_mutation_for_counts():
    """A count has no axes or outputs to mutate."""
    assert answer.mistakes(all_items()["count_batches"]) == ()
    assert msg("mutation.answer_flattened", name="X") != msg("mutfix.answer_flattened", name="X")
