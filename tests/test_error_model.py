"""The error model names mistakes written as learners write them (not through the mutants): the confusions of issue 21,
the seeds' own in their own terms (English and Chinese), and two mistakes at once named as two."""
import numpy as np
import pytest

from lstmlab import set_language
from lstmlab.checks import check
from lstmlab.reference.activations import sigmoid
from lstmlab.reference.layer import lstm_layer


def _step(x, h, c, kernel, recurrent_kernel, bias, order="ifco", use_bias=True):
    z = x @ kernel + h @ recurrent_kernel + (bias if use_bias else 0)  # (batch, 4*units)
    blocks = dict(zip(order, np.split(z, 4, axis=1)))  # each (batch, units)
    i, f, c_tilde, o = sigmoid(blocks["i"]), sigmoid(blocks["f"]), np.tanh(blocks["c"]), sigmoid(blocks["o"])
    c = f * c + i * c_tilde  # (batch, units)
    return o * np.tanh(c), c


def tf1_order(x, h, c, kernel, recurrent_kernel, bias):
    return _step(x, h, c, kernel, recurrent_kernel, bias, order="icfo")


def tf1_order_no_bias(x, h, c, kernel, recurrent_kernel, bias):
    return _step(x, h, c, kernel, recurrent_kernel, bias, order="icfo", use_bias=False)


def forget_added(x, h, c, kernel, recurrent_kernel, bias):
    z = x @ kernel + h @ recurrent_kernel + bias  # (batch, 4*units)
    i, f, c_tilde, o = np.split(z, 4, axis=1)  # each (batch, units)
    i, f, c_tilde, o = sigmoid(i), sigmoid(f), np.tanh(c_tilde), sigmoid(o)
    c = f + c + i * c_tilde
    return o * np.tanh(c), c


def pytorch_count(units, features):
    return 4 * (units * (features + units) + 2 * units)


def three_gates(units, features):
    return 3 * (units * (features + units) + units)


def three_gates_no_bias(units, features):
    return 3 * units * (features + units)


def seed_000_shapes(timesteps, features, layers):
    """Every LSTM's kernel counted with the model's input features (input_shape on every layer)."""
    rows, shape = [], (None, timesteps, features)
    for layer in layers:
        units = layer["units"]
        if layer["layer"] == "LSTM":
            params = 4 * (units * (features + units) + units)
            shape = (None, timesteps, units) if layer["return_sequences"] else (None, units)
        else:
            params = shape[-1] * units + units
            shape = shape[:-1] + (units,)
        rows.append((shape, params))
    return rows


def stack_passing_states(x, lstm_weights, dense_kernel, dense_bias, only_h=False):
    seq, state = x, None
    for k, (kernel, recurrent_kernel, bias) in enumerate(lstm_weights):
        if state is not None and only_h:
            state = [state[0], np.zeros_like(state[0])]
        seq, h, c = lstm_layer(seq, kernel, recurrent_kernel, bias, return_sequences=k < len(lstm_weights) - 1,
                               return_state=True, initial_state=state)
        state = [h, c]
    return seq @ dense_kernel + dense_bias


def seed_003_forward(chunks, kernel, recurrent_kernel, bias):
    """The state handed from sample to sample inside each batch, then on to the next batch."""
    state, outputs = None, []
    for chunk in chunks:
        last = []
        for sample in chunk:
            out, h, c = lstm_layer(sample[None], kernel, recurrent_kernel, bias, return_state=True, initial_state=state)
            state = [h, c]
            last.append(out[0])
        outputs.append(np.stack(last))
    return np.stack(outputs)


def shuffled_split(series, train_fraction, val_fraction):
    series = series[np.random.default_rng(0).permutation(len(series))]
    n_train, n_val = int(len(series) * train_fraction), int(len(series) * val_fraction)
    return series[:n_train], series[n_train:n_train + n_val], series[n_train + n_val:]


def scaled_train_val(train, val, test):
    seen = np.concatenate([train, val])
    mean, std = seen.mean(axis=0), seen.std(axis=0)
    return (train - mean) / std, (val - mean) / std, (test - mean) / std


def mase_over_n(y_true, y_pred, y_train, season):
    naive = np.sum(np.abs(y_train[season:] - y_train[:-season])) / len(y_train)
    return np.mean(np.abs(y_true - y_pred)) / naive


def mase_upside_down(y_true, y_pred, y_train, season):
    return np.mean(np.abs(y_train[season:] - y_train[:-season])) / np.mean(np.abs(y_true - y_pred))


NAMED = [
    ("lstm_step", tf1_order, "tf1_gate_order"),
    ("lstm_step", forget_added, "forget_added"),
    ("lstm_param_count", pytorch_count, "pytorch_biases"),
    ("lstm_param_count", three_gates, "three_gates"),
    ("predict_shapes", seed_000_shapes, "lstm_input_features"),
    ("stack_forward", stack_passing_states, "pass_states"),
    ("stack_forward", lambda *a: stack_passing_states(*a, only_h=True), "pass_h_state"),
    ("stateful_forward", seed_003_forward, "sample_to_sample"),
    ("time_split", shuffled_split, "split_shuffled"),
    ("scale_train_only", scaled_train_val, "scale_fit_train_val"),
    ("mase", mase_over_n, "mase_n_not_n_minus_season"),
    ("mase", mase_upside_down, "mase_inverted"),
]


@pytest.mark.parametrize("seed", [0, 3])
@pytest.mark.parametrize("item_id, fn, key", NAMED, ids=[key for _, _, key in NAMED])
def test_the_issues_confusions_are_named(item_id, fn, key, seed):
    verdict = check(item_id, fn, seed=seed, quiet=True)
    assert not verdict.passed and verdict.mistake_key == key, verdict.message


@pytest.mark.parametrize("item_id, fn, keys", [
    ("lstm_step", tf1_order_no_bias, "no_bias+tf1_gate_order"),
    ("lstm_param_count", three_gates_no_bias, "count_no_bias+three_gates"),
])
def test_two_mistakes_at_once_are_named_as_two(item_id, fn, keys):
    verdict = check(item_id, fn, quiet=True)
    assert verdict.mistake_key == keys, verdict.message
    assert verdict.mistake.startswith("two mistakes at once: ") and "; and " in verdict.mistake


def test_a_generated_name_says_the_step_and_the_line():
    verdict = check("lstm_step", forget_added, quiet=True)
    assert verdict.mistake == ("the c update: `+` where `*` belongs: `c = f + c + i * c_tilde` should be "
                               "`c = f * c + i * c_tilde`"), verdict.mistake


def test_the_seeds_confusions_are_named_in_their_own_terms_in_english_and_chinese(fresh_language):
    seed_000 = check("predict_shapes", seed_000_shapes, quiet=True)
    seed_003 = check("stateful_forward", seed_003_forward, quiet=True)
    assert "X(t)" in seed_000.mistake and "seed 000" in seed_000.mistake and "12416" in seed_000.fix
    assert "sample to sample" in seed_003.mistake and "seed 003" in seed_003.mistake
    set_language("zh")
    seed_000 = check("predict_shapes", seed_000_shapes, quiet=True)
    seed_003 = check("stateful_forward", seed_003_forward, quiet=True)
    assert "seed 000" in seed_000.mistake and "X(t)" in seed_000.mistake
    assert "seed 003" in seed_003.mistake and "「我曾期望状态变量在示例步骤之间传递」" in seed_003.mistake


def _affine_steps(step, x, w, b):
    """A teacher's item declared as steps: z = x @ w + b, then tanh."""
    z = step("z", x @ w + b)  # (batch, units)
    return step("out", np.tanh(z))  # (batch, units)


def _affine_cases(rng):
    for batch, features, units in ((3, 5, 2), (4, 2, 6)):
        yield dict(x=rng.normal(size=(batch, features)), w=rng.normal(size=(features, units)), b=rng.normal(size=units))


def test_a_teachers_item_that_declares_its_steps_gets_the_generic_mutations_singles_and_pairs():
    from lstmlab.checks.item import Item
    from lstmlab.checks.judge import judge
    from lstmlab.checks.feedback import run_cases
    item = Item("affine_tanh", "t01", 1, ("x", "w", "b"), _affine_cases,
                lambda **case: _affine_steps(lambda name, value: value, **case), steps=_affine_steps,
                text={"title": "tanh of an affine map", "meaning": "Your function computes tanh(x @ w + b)."})
    cases = item.make_cases(0)

    def verdict(fn):
        return judge(item, cases, run_cases(item, fn, cases))
    single = verdict(lambda x, w, b: np.tanh(-(x @ w + b)))
    assert single.mistake_key == "z:negated" and single.mistake == "step `z`: the sign is flipped", single.message
    pair = verdict(lambda x, w, b: np.tanh(-(x @ w + b)).T)
    assert pair.mistake_key == "z:negated+out:transposed", pair.message
    assert verdict(lambda x, w, b: np.tanh(x @ w + b)).passed


def windows_two_mistakes(series, timesteps, target_column):
    """Windows stacked along axis 1 and the target taken from inside the window."""
    n = len(series)
    X = np.stack([series[j:j + timesteps] for j in range(n - timesteps)], axis=1)
    return X, series[timesteps - 1:-1, target_column]


def batches_two_mistakes(series, batch, timesteps):
    """Trimmed first, and the batch axes left unswapped."""
    features = series.shape[1]
    n_batches = len(series) // batch // timesteps
    streams = series[:n_batches * batch * timesteps].reshape(batch, n_batches * timesteps, features)
    return streams.reshape(batch, n_batches, timesteps, features)


@pytest.mark.parametrize("item_id, fn, keys", [
    ("make_windows", windows_two_mistakes, "target_inside+window_axis"),
    ("stateful_batches", batches_two_mistakes, "batch_axes_swapped+trimmed_first"),
])
def test_two_mistakes_in_the_data_items_are_named_as_two(item_id, fn, keys):
    for seed in (0, 1):
        verdict = check(item_id, fn, seed=seed, quiet=True)
        assert verdict.mistake_key == keys, verdict.message


def _double_bias(x, h, c, kernel, recurrent_kernel, bias):
    return _step(x, h, c, kernel, recurrent_kernel, 2 * bias)


def test_when_nothing_fits_the_verdict_says_what_kind_of_wrong_and_which_term():
    negated = check("lstm_layer", lambda x, kernel, recurrent_kernel, bias, return_sequences, return_state: -lstm_layer(
        x, kernel, recurrent_kernel, bias, return_sequences=return_sequences) if not return_state else lstm_layer(
        x, kernel, recurrent_kernel, bias, return_sequences=return_sequences, return_state=True), quiet=True)
    assert negated.mistake is None and "output has the right numbers with the opposite sign" in negated.where
    reversed_samples = check("last_output", lambda sequence: sequence[::-1, -1, :], quiet=True)
    assert "reversed along the samples axis" in reversed_samples.where, reversed_samples.where
    bias = check("lstm_step", _double_bias, quiet=True)
    assert bias.mistake is None and "your answer is right once the bias is zero" in bias.where, bias.where


def test_the_grader_judges_alike_without_the_isolating_probes():
    """The grader has the answers, not the function: the same status and name, no rerun with a term switched off."""
    from lstmlab.checks import all_items
    from lstmlab.checks.feedback import run_cases
    from lstmlab.checks.judge import judge
    item = all_items()["lstm_step"]
    cases = item.make_cases(0)
    graded = judge(item, cases, run_cases(item, _double_bias, cases), reveal=False)
    checked = check("lstm_step", _double_bias, quiet=True)
    assert graded.status == checked.status == "failed" and graded.mistake_key == checked.mistake_key is None
    assert "right once" not in graded.where and "right once" in checked.where


def test_last_output_that_squeezes_fails_on_one_sample_and_one_unit():
    """np.squeeze(sequence[:, -1:, :]) equals the answer unless the batch or the units are 1 (blind census): it fails."""
    import numpy as np

    from lstmlab import check
    for seed in range(5):
        assert not check("last_output", lambda sequence: np.squeeze(sequence[:, -1:, :]), seed=seed, quiet=True).passed
