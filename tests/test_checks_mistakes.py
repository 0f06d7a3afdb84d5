"""check() names the right mistake for each planted bug, written as a learner would write it (not via the variants),
and says it first: the printed verdict's second line, the one-line message's first sentence after the headline."""
import numpy as np
import pytest

from lstmlab.checks import all_items, check
from grading_helpers import answer_notebooks, answer_source, census_source, given_namespace

SOLUTION = answer_notebooks()  # exercise id -> its solutions/ notebook


def learner(item_id, old=None, new=None):
    """The solution's answer, with one planted edit (the text `old` must occur), run with the notebook's given cells.
    An edit inside the step applies to the same answer written with its own step (census_source), as some learners
    still write it instead of calling the given lstm_step."""
    source = answer_source(SOLUTION[item_id], item_id)
    if old is not None:
        source = source if old in source else census_source(SOLUTION[item_id], item_id)
        assert old in source, f"planted edit {old!r} not found in the {item_id} solution"
        source = source.replace(old, new)
    ns = given_namespace(SOLUTION[item_id])
    exec(source, ns)
    return ns[item_id]


PLANTED = [
    ("lstm_step", "i, f, c_tilde, o = np.split", "i, f, o, c_tilde = np.split", "gate order (i, f, o, c)"),
    ("lstm_step", "x @ kernel", "x @ kernel.T", "transposed kernel"),
    ("lstm_step", "h = o * np.tanh(c)", "h = o * c", "missing tanh on c"),
    ("lstm_step", "c_tilde = np.tanh(c_tilde)", "c_tilde = sigmoid(c_tilde)", "sigmoid on the candidate"),
    ("lstm_step", "return h, c", "return c, h", "h and c swapped"),
    ("lstm_step", "z = x @ kernel + h @ recurrent_kernel + bias", "h = 0 * h; c = 0 * c\n    z = x @ kernel + h @ recurrent_kernel + bias",
     "ignoring the initial state"),
    ("lstm_param_count", "4 * (units * (features + units) + units)", "units * (features + units) + units", "one gate instead of four"),
    ("lstm_param_count", "4 * (units * (features + units) + units)", "4 * units * (features + units)", "missing the bias"),
    ("split_gates", "return i, f, c, o", "return i, f, o, c", "gate order (i, f, o, c)"),
    ("lstm_layer", "if return_sequences else h", "if False else h", "the last output instead of the sequence"),
    ("lstm_layer", "i, f, c_tilde, o = np.split", "i, f, o, c_tilde = np.split", "gate order (i, f, o, c)"),
    ("lstm_layer", "h = sigmoid(o) * np.tanh(c)", "h = sigmoid(o) * c", "missing tanh on c"),
    ("lstm_layer", "np.tanh(c_tilde)", "sigmoid(c_tilde)", "sigmoid on the candidate"),
    ("lstm_layer", "[output, h, c]", "[output, c, h]", "h and c swapped"),
    ("lstm_layer", "x[:, t] @ kernel", "x[:, t] @ kernel.T", "transposed kernel"),
    ("lstm_layer", "    for t in range(timesteps):\n", "    for t in range(timesteps):\n        h, c = 0 * h, 0 * c\n",
     "state not carried between time steps"),
    ("lstm_layer_initial_state", "h, c = h0, c0", "h, c = np.zeros_like(h0), np.zeros_like(c0)", "ignoring the initial state"),
    ("lstm_layer_initial_state", "h, c = h0, c0", "h, c = c0, h0", "h and c swapped"),
    ("last_output", "sequence[:, -1, :]", "sequence[-1]", "the last sample instead of the last time step"),
    ("make_windows", "series[timesteps:, target_column]", "series[timesteps - 1:-1, target_column]",
     "off-by-one window (the target is inside the window)"),
    ("make_windows", "samples = len(series) - timesteps", "samples = len(series) - timesteps - 1\n    y_all = series[timesteps:, target_column]",
     None),  # one window too few: X shorter than y -> wrong shape (checked below)
    ("count_batches", "-(-samples // batch_size)", "samples // batch_size", "the last, smaller batch forgotten"),
    ("predict_shapes", "4 * (units * (inputs + units) + units)", "units * (inputs + units) + units", "one gate instead of four"),
    ("predict_shapes", 'shape = (None, shape[1], units) if layer["return_sequences"] else (None, units)', "shape = (None, units)",
     "return_sequences ignored"),
    ("stack_forward", "h = c = np.zeros((seq.shape[0], units))  # each layer starts from zero state",
     "h = c = np.zeros((seq.shape[0], units)) if seq is x else h  # carries the state: wrong", None),
    ("stateful_batches", "streams = series[:batch * stream].reshape(batch, stream, features)  # (batch, stream, features)\n"
     "    chunks = streams[:, :n_batches * timesteps].reshape(batch, n_batches, timesteps, features)\n"
     "    return chunks.transpose(1, 0, 2, 3)",
     "return series[:n_batches * batch * timesteps].reshape(n_batches, batch, timesteps, features)",
     "consecutive chunks in one batch (sample i does not continue sample i)"),
    ("stateful_forward", "    for chunk in chunks:  # (batch, timesteps, features)\n",
     "    for chunk in chunks:  # (batch, timesteps, features)\n        h, c = 0 * h, 0 * c\n", "state not carried between batches"),
    ("stateful_forward", "    for chunk in chunks:  # (batch, timesteps, features)\n",
     "    for chunk in chunks:  # (batch, timesteps, features)\n        c = 0 * c\n", "only h carried (c reset)"),
    ("time_split", "    val = series[n_train:n_train + n_val]\n    test = series[n_train + n_val:]\n",
     "    val = series[n - n_val:]\n    test = series[n_train:n - n_val]\n",
     "the validation part taken from the end (after the test part)"),
    ("time_split", "val = series[n_train:n_train + n_val]", "val = series[n_train - 1:n_train + n_val - 1]",
     "overlapping parts (validation starts one step early)"),
    ("time_split", "    n_train = int(n * train_fraction)\n    n_val = int(n * val_fraction)\n",
     "    n_train = round(n * train_fraction)\n    n_val = round(n * val_fraction)\n", "sizes rounded instead of floored"),
    ("scale_train_only", "    mean = train.mean(axis=0)  # (features,)\n    std = train.std(axis=0)  # (features,)\n",
     "    everything = np.concatenate([train, val, test])\n    mean = everything.mean(axis=0)\n    std = everything.std(axis=0)\n",
     "leakage: the scaler saw the validation and test parts"),
    ("scale_train_only", "    return (train - mean) / std, (val - mean) / std, (test - mean) / std",
     "    return (train - mean) / std, (val - val.mean(axis=0)) / val.std(axis=0), (test - test.mean(axis=0)) / test.std(axis=0)",
     "each part scaled with its own mean and std (leakage)"),
    ("scale_train_only", "std = train.std(axis=0)", "std = train.std(axis=0, ddof=1)", "sample std (ddof=1) instead of ddof=0"),
    ("scale_train_only", "    mean = train.mean(axis=0)  # (features,)\n    std = train.std(axis=0)  # (features,)\n",
     "    mean = train.mean()\n    std = train.std()\n", "one mean and std for all columns together"),
    ("persistence_forecast", "last = windows[:, -1]", "last = windows[:, 0]", "the window's first value instead of its last"),
    ("persistence_forecast", "last = windows[:, -1]", "last = windows.mean(axis=1)", "the window's mean instead of its last value"),
    ("mase", "y_train[season:] - y_train[:-season]", "y_true[season:] - y_true[:-season]",
     "scaled by the test part's naive error, not the training part's"),
    ("mase", "y_train[season:] - y_train[:-season]", "y_train[1:] - y_train[:-1]", "season ignored (naive error one step back)"),
    ("mase", "return mae / naive", "return mae", "no scaling (plain MAE)"),
    ("mase", "    mae = np.mean(np.abs(y_true - y_pred))\n    naive = np.mean(np.abs(y_train[season:] - y_train[:-season]))\n",
     "    mae = np.mean((y_true - y_pred) ** 2)\n    naive = np.mean((y_train[season:] - y_train[:-season]) ** 2)\n",
     "squared errors instead of absolute"),
]


@pytest.mark.parametrize("item_id, old, new, name", PLANTED, ids=[f"{p[0]}:{p[3]}" for p in PLANTED])
def test_planted_bug_is_named(item_id, old, new, name, capsys):
    verdict = check(item_id, learner(item_id, old, new), seed=11)
    assert verdict.status in ("failed", "error") and verdict.points == 0
    if name is not None:
        assert verdict.mistake == name, verdict.message
        printed = capsys.readouterr().out.splitlines()
        assert printed[0].startswith(f"{item_id}: ") and printed[1] == f"Likely mistake: {name}", printed
        assert verdict.message.split(". ", 1)[1].startswith(f"Likely mistake: {name}."), verdict.message
    else:
        assert verdict.status in ("failed", "error")


def test_states_passed_between_layers_is_named():
    source = census_source("04_stacking.ipynb", "stack_forward").replace(
        "        h = c = np.zeros((seq.shape[0], units))  # each layer starts from zero state\n",
        "        if seq is x:\n            h = c = np.zeros((seq.shape[0], units))\n")
    ns = {"np": np}
    exec(source, ns)
    verdict = check("stack_forward", ns["stack_forward"], seed=3)
    assert verdict.mistake == "states passed between layers", verdict.message


@pytest.mark.parametrize("item_id", list(SOLUTION))
def test_solution_passes_on_several_seeds(item_id):
    for seed in (0, 1, 2):
        verdict = check(item_id, learner(item_id), seed=seed, quiet=True)
        assert verdict.passed, verdict.message
        assert verdict.points == all_items()[item_id].points


def test_wrong_shape_names_expected_and_received(capsys):
    verdict = check("last_output", lambda sequence: sequence[:, :, 0])
    assert verdict.status == "failed"
    assert "Wrong shape for last: expected (2, " in verdict.message and "received (2, 5)" in verdict.message


def test_wrong_values_say_largest_difference_and_where():
    def nudged(sequence):
        out = sequence[:, -1, :].copy()
        if len(out) > 1:  # a probe has one sample
            out[1, 0] += 0.5
        return out
    verdict = check("last_output", nudged)
    assert "Wrong values for last: 1 of 6 numbers differ; the largest difference is 0.5" in verdict.message
    assert verdict.where == "last[1, 0] (sample 1, unit 0)"


def test_not_attempted_and_errors_never_raise(capsys):
    def todo(*args):
        raise NotImplementedError("write it")
    assert check("lstm_step", todo).status == "not_attempted"
    assert "Not attempted" in capsys.readouterr().out
    crash = check("lstm_step", lambda *a: 1 / 0)
    assert crash.message.startswith("lstm_step: Error (0/3). Your function raised ZeroDivisionError on case 1 of 4.")
    assert crash.message.endswith("Python's error: ZeroDivisionError: division by zero")  # Python's own words come last
    assert check("lstm_step", lambda *a: __import__("sys").exit(3)).status == "error"
    assert check("no_such_item", todo).status == "error"
    assert check("lstm_step", "not a function").status == "error"


def test_inputs_are_fresh_per_seed_and_several():
    item = all_items()["lstm_step"]
    a, b = item.make_cases(0), item.make_cases(1)
    assert len(a) >= 3
    assert not np.array_equal(a[1]["x"], b[1]["x"]) or a[1]["x"].shape != b[1]["x"].shape


def test_mutating_the_inputs_does_not_change_the_expected_answer():
    def vandal(sequence):
        last = sequence[:, -1, :].copy()
        sequence[:] = 0
        return last
    assert check("last_output", vandal).passed


def test_rigged_subclass_is_compared_as_plain_numbers():
    class Always(np.ndarray):
        def __eq__(self, other):
            return True
    assert check("last_output", lambda s: np.zeros((s.shape[0], s.shape[2])).view(Always)).status == "failed"


def test_every_item_has_mistakes_and_a_lesson():
    items = all_items()
    assert len(items) >= 12
    for item in items.values():
        assert item.mistakes, item.id
        assert item.lesson[:2].isdigit()
