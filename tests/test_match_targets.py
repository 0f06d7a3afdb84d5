"""match_targets (exercise 03 §3): the head (return_sequences, units) whose output matches the targets' shape. Its
answers agree with Keras 3 itself, the classic wrong heads are named, and the grader grades it as check() does."""
import numpy as np
import pytest

from lstmlab.checks import all_items, check
from grading_helpers import answer_source, by_id, grade, submission

NB = "03_shaping_data.ipynb"
ITEM = all_items()["match_targets"]


def right(X, y):
    return y.ndim == 3, y.shape[-1] if y.ndim > 1 else 1


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_answers_give_keras_models_whose_output_is_the_targets_shape(keras, seed):
    """The item's answer, built in Keras 3: output_shape is y's apart from the batch (a 1-D y: (None, 1)), and the
    mean squared error of that model against y is the mean over its own numbers, so no axis was broadcast."""
    for case in ITEM.make_cases(seed):
        X, y = case["X"], case["y"]
        sequences, units = ITEM.reference(**case)
        model = keras.Sequential([keras.Input(X.shape[1:]), keras.layers.LSTM(3, return_sequences=bool(sequences)),
                                  keras.layers.Dense(int(units))])
        assert model.output_shape == ((None, *y.shape[1:]) if y.ndim > 1 else (None, 1)), (X.shape, y.shape)
        pred = np.asarray(model(X.astype("float32")))  # (samples, ...) as the model outputs it
        loss = float(keras.losses.MeanSquaredError()(y.astype("float32"), pred))
        assert np.isclose(loss, np.mean((y.reshape(pred.shape) - pred) ** 2), rtol=1e-4), (y.shape, pred.shape)


def test_seed_004s_model_is_the_named_mistake():
    """The lesson's seed 004 case: the last LSTM still returning sequences against y (samples, 7)."""
    verdict = check("match_targets", lambda X, y: (True, y.shape[-1] if y.ndim > 1 else 1), quiet=True)
    assert verdict.mistake_key == "targets_sequences_kept", verdict.message
    assert "(None, 4, 7)" in verdict.message and "(6, 7)" in verdict.message  # its output beside the targets


WRONG = [
    (lambda X, y: (False, y.shape[-1] if y.ndim > 1 else 1), "targets_no_sequences"),
    (lambda X, y: (y.ndim > 1, y.shape[-1] if y.ndim > 1 else 1), "targets_2d_as_steps"),
    (lambda X, y: (y.ndim == 3, 1), "targets_units_one"),
    (lambda X, y: (y.ndim == 3, X.shape[-1]), "targets_units_features"),
    (lambda X, y: (y.ndim == 3, y.shape[-1]), "targets_units_last_axis"),
    (lambda X, y: (y.ndim == 3, X.shape[1]), "targets_units_timesteps"),
    (lambda X, y: (y.shape[-1] if y.ndim > 1 else 1, y.ndim == 3), "head_swapped"),
    (lambda X, y: (y.ndim == 3, float(y.shape[-1] if y.ndim > 1 else 1)), "float_for_int"),
]


@pytest.mark.parametrize("fn, key", WRONG, ids=[w[1] for w in WRONG])
def test_classic_wrong_heads_fail_with_their_mistake_named(fn, key):
    for seed in (0, 5):
        verdict = check("match_targets", fn, seed=seed, quiet=True)
        assert (verdict.status, verdict.points, verdict.mistake_key) == ("failed", 0, key), verdict.message


def test_a_bool_for_units_is_not_called_a_float():
    """Found by the blind census: `y.ndim > 1 and y.shape[-1]` gives False for a 1-D y; the verdict says what was
    expected and received, and names no float."""
    verdict = check("match_targets", lambda X, y: (y.ndim == 3, y.ndim > 1 and y.shape[-1]), seed=0, quiet=True)
    assert (verdict.status, verdict.mistake_key) == ("failed", None), verdict.message
    assert "an int of at least 1" in verdict.message and "y (8,)" in verdict.message, verdict.message
    assert "float instead" not in verdict.message, verdict.message


def test_right_answers_pass_in_any_spelling():
    for fn in (right, lambda X, y: [np.bool_(y.ndim == 3), np.int64(y.shape[-1] if y.ndim > 1 else 1)],
               lambda X, y: (int(y.ndim == 3), len(y[0].T) if y.ndim == 2 else y.shape[-1] if y.ndim == 3 else 1)):
        verdict = check("match_targets", fn, quiet=True)
        assert verdict.passed and verdict.points == 2, verdict.message


def test_the_grader_grades_it_as_check_does(tmp_path):
    solved = by_id(grade(submission(tmp_path, NB)))["match_targets"]
    assert (solved["status"], solved["points"]) == ("passed", 2), solved["feedback"]
    kept = answer_source(NB, "match_targets").replace("per_step = y.ndim == 3", "per_step = True")
    entry = by_id(grade(submission(tmp_path / "b", NB, {"match_targets": kept})))["match_targets"]
    assert (entry["status"], entry["points"]) == ("failed", 0)
    assert entry["mistake"]["key"] == "targets_sequences_kept", entry["feedback"]
