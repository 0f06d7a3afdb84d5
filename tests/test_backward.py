"""The NumPy backward pass (BPTT) against seeded float64 finite differences."""
import numpy as np
import pytest

from lstmlab import lstm_layer, lstm_layer_backward, lstm_step, lstm_step_backward
from lstmlab.reference.gradcheck import TOLERANCE, gradient_check, numerical_gradient, relative_error
from lstmlab.reference import train

ACTS = [("tanh", "sigmoid"), ("relu", "sigmoid"), ("tanh", "hard_sigmoid"), ("linear", "hard_sigmoid_keras2")]


def weights(rng, features, units, scale=0.5):
    """Random Keras-layout LSTM weights."""
    return (rng.normal(size=(features, 4 * units)) * scale, rng.normal(size=(units, 4 * units)) * scale,
            rng.normal(size=4 * units) * scale)


@pytest.mark.parametrize("activation,recurrent_activation", ACTS)
def test_step_backward_matches_finite_differences(rng, activation, recurrent_activation):
    batch, features, units = 3, 2, 4
    x, h, c = rng.normal(size=(batch, features)), rng.normal(size=(batch, units)), rng.normal(size=(batch, units))
    kernel, recurrent_kernel, bias = weights(rng, features, units)
    r_h, r_c = rng.normal(size=(batch, units)), rng.normal(size=(batch, units))  # L = sum(r_h * h) + sum(r_c * c)
    kw = dict(activation=activation, recurrent_activation=recurrent_activation)

    def loss():
        h_new, c_new = lstm_step(x, h, c, kernel, recurrent_kernel, bias, **kw)
        return (r_h * h_new).sum() + (r_c * c_new).sum()

    g = lstm_step_backward(r_h, r_c, x, h, c, kernel, recurrent_kernel, bias, **kw)
    report = gradient_check(loss, dict(x=x, h=h, c=c, kernel=kernel, recurrent_kernel=recurrent_kernel, bias=bias),
                            dict(x=g["dx"], h=g["dh_prev"], c=g["dc_prev"], kernel=g["dkernel"],
                                 recurrent_kernel=g["drecurrent_kernel"], bias=g["dbias"]), n_samples=None)
    assert max(report.values()) < TOLERANCE, report


@pytest.mark.parametrize("return_sequences", [False, True])
@pytest.mark.parametrize("go_backwards", [False, True])
@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_layer_backward_matches_finite_differences(rng, return_sequences, go_backwards, activation):
    batch, timesteps, features, units = 2, 5, 3, 4
    x = rng.normal(size=(batch, timesteps, features))
    kernel, recurrent_kernel, bias = weights(rng, features, units)
    h0, c0 = rng.normal(size=(batch, units)), rng.normal(size=(batch, units))
    r_out = rng.normal(size=(batch, timesteps, units) if return_sequences else (batch, units))
    r_h, r_c = rng.normal(size=(batch, units)), rng.normal(size=(batch, units))
    kw = dict(return_sequences=return_sequences, go_backwards=go_backwards, activation=activation, initial_state=[h0, c0])

    def loss():
        out, h, c = lstm_layer(x, kernel, recurrent_kernel, bias, return_state=True, **kw)
        return (r_out * out).sum() + (r_h * h).sum() + (r_c * c).sum()

    g = lstm_layer_backward(r_out, x, kernel, recurrent_kernel, bias, dh_final=r_h, dc_final=r_c, **kw)
    report = gradient_check(loss, dict(x=x, kernel=kernel, recurrent_kernel=recurrent_kernel, bias=bias, h0=h0, c0=c0),
                            dict(x=g["dx"], kernel=g["dkernel"], recurrent_kernel=g["drecurrent_kernel"],
                                 bias=g["dbias"], h0=g["dh0"], c0=g["dc0"]), n_samples=40, seed=1)
    assert max(report.values()) < TOLERANCE, report


def test_one_step_layer_equals_step_backward(rng):
    batch, features, units = 4, 3, 2
    x = rng.normal(size=(batch, 1, features))
    kernel, recurrent_kernel, bias = weights(rng, features, units)
    dout = rng.normal(size=(batch, units))
    g_layer = lstm_layer_backward(dout, x, kernel, recurrent_kernel, bias)
    zeros = np.zeros((batch, units))
    g_step = lstm_step_backward(dout, None, x[:, 0], zeros, zeros, kernel, recurrent_kernel, bias)
    for a, b in [("dx", "dx"), ("dkernel", "dkernel"), ("drecurrent_kernel", "drecurrent_kernel"), ("dbias", "dbias"),
                 ("dh0", "dh_prev"), ("dc0", "dc_prev")]:
        got = g_layer[a][:, 0] if a == "dx" else g_layer[a]
        np.testing.assert_allclose(got, g_step[b], rtol=1e-12, atol=1e-14)


def test_stacked_model_gradients_match_finite_differences():
    params = train.init_params(2, [4, 3], 2, seed=3)
    x, _ = train.adding_problem(6, 5, seed=4)
    target = np.random.default_rng(5).normal(size=(6, 2))
    _, grads = train.loss_and_grads(params, x, target)
    report = gradient_check(lambda: train.loss_and_grads(params, x, target)[0],
                            {str(k): p for k, p in enumerate(params)}, {str(k): g for k, g in enumerate(grads)})
    assert max(report.values()) < TOLERANCE, report


def test_gradient_check_catches_a_wrong_gradient(rng):
    """The check can fail: dropping the path through h (dh * o * tanh'(c)) from dc is caught."""
    batch, features, units = 3, 2, 4
    x, h, c = rng.normal(size=(batch, features)), rng.normal(size=(batch, units)), rng.normal(size=(batch, units))
    kernel, recurrent_kernel, bias = weights(rng, features, units)
    r_h = rng.normal(size=(batch, units))
    g_right = lstm_step_backward(r_h, None, x, h, c, kernel, recurrent_kernel, bias)
    wrong_dc_prev = np.zeros_like(c)  # forgetting that c feeds h: no gradient reaches c_prev
    _, numeric = numerical_gradient(lambda: (r_h * lstm_step(x, h, c, kernel, recurrent_kernel, bias)[0]).sum(), c)
    assert relative_error(g_right["dc_prev"].ravel(), numeric) < TOLERANCE
    assert relative_error(wrong_dc_prev.ravel(), numeric) > 0.5


def test_float32_inputs_give_float32_gradients(rng):
    x = rng.normal(size=(2, 3, 2)).astype(np.float32)
    kernel, recurrent_kernel, bias = (w.astype(np.float32) for w in weights(rng, 2, 3))
    g = lstm_layer_backward(np.ones((2, 3), np.float32), x, kernel, recurrent_kernel, bias)
    assert {v.dtype for v in g.values()} == {np.dtype(np.float32)}


def test_wrong_gradient_shape_names_expected_and_received(rng):
    kernel, recurrent_kernel, bias = weights(rng, 2, 3)
    x = rng.normal(size=(4, 5, 2))
    with pytest.raises(ValueError, match=r"\(4, 5, 3\).*\(4, 3\); pass return_sequences=True"):
        lstm_layer_backward(np.ones((4, 5, 3)), x, kernel, recurrent_kernel, bias)  # forgot return_sequences=True
    with pytest.raises(ValueError, match="features"):
        lstm_step_backward(np.ones((4, 3)), None, np.ones((4, 7)), np.zeros((4, 3)), np.zeros((4, 3)),
                           kernel, recurrent_kernel, bias)


def test_gradcheck_refuses_float32():
    with pytest.raises(TypeError, match="float64"):
        numerical_gradient(lambda: 0.0, np.zeros(3, np.float32))


def test_sgd_step_is_w_minus_lr_grad():
    params = [np.array([1.0, 2.0]), np.array([[3.0]])]
    grads = [np.array([0.5, -1.0]), np.array([[2.0]])]
    new = train.sgd_step(params, grads, learning_rate=0.1)
    np.testing.assert_allclose(new[0], [0.95, 2.1])
    np.testing.assert_allclose(new[1], [[2.8]])
    with pytest.raises(ValueError, match="2 parameters"):
        train.sgd_step(params, grads[:1])


def test_simple_rnn_backward_matches_finite_differences(rng):
    from lstmlab.lessons.gradflow import simple_rnn_backward, simple_rnn_forward
    x = rng.normal(size=(2, 6, 3))
    kernel, recurrent_kernel, bias = rng.normal(size=(3, 4)), rng.normal(size=(4, 4)) * 0.5, rng.normal(size=4)
    r = rng.normal(size=(2, 6, 4))
    g = simple_rnn_backward(r, simple_rnn_forward(x, kernel, recurrent_kernel, bias)[1])
    report = gradient_check(lambda: (r * simple_rnn_forward(x, kernel, recurrent_kernel, bias)[0]).sum(),
                            dict(x=x, kernel=kernel, recurrent_kernel=recurrent_kernel, bias=bias),
                            dict(x=g["dx"], kernel=g["dkernel"], recurrent_kernel=g["drecurrent_kernel"], bias=g["dbias"]))
    assert max(report.values()) < TOLERANCE, report


def test_open_forget_gate_keeps_gradients_alive_where_simple_rnn_vanishes():
    from lstmlab.lessons.gradflow import norms_through_time
    reach = {k: (n[0] / n[-1]) for k, n in [("lstm_open", norms_through_time("LSTM", forget_bias=3.0)),
                                             ("lstm_default", norms_through_time("LSTM", forget_bias=1.0)),
                                             ("rnn", norms_through_time("SimpleRNN"))]}
    assert reach["lstm_open"] > 0.1 > 1e-3 > reach["rnn"], reach
    assert reach["lstm_default"] > 10 * reach["rnn"], reach


@pytest.mark.parametrize("item_id", ["lstm_step_backward", "lstm_layer_backward"])
def test_graded_items_pass_the_reference_and_name_each_mistake(item_id):
    """The grader items of lesson 06: the reference passes; each named mistake is diagnosed as itself."""
    from lstmlab.checks import check, get_item
    from lstmlab.checks import items_training as it
    item = get_item(item_id)
    reference = getattr(__import__("lstmlab.reference.backward", fromlist=[item_id]), item_id)
    names = it.STEP_OUTPUTS if item_id == "lstm_step_backward" else it.LAYER_OUTPUTS
    if item_id == "lstm_step_backward":
        answer = lambda *a: tuple(reference(*a)[n] for n in names)  # noqa: E731
    else:
        answer = lambda *a: tuple(reference(*a, return_sequences=True)[n] for n in names)  # noqa: E731
    assert check(item_id, answer, quiet=True).passed
    variant = it.step_variant if item_id == "lstm_step_backward" else it.layer_variant
    assert len({m.name for m in item.mistakes}) == len(item.mistakes) >= 4
    for mistake in item.mistakes:
        if mistake.kind == "line":  # a one-line mistake: the learner's function is its compute, by argument name
            wrong = lambda *a, m=mistake: m.compute(**dict(zip(item.args, a)))  # noqa: E731
        else:
            wrong = lambda *a, key=_variant_key(mistake): variant(*a, mistake=key)  # noqa: E731
        verdict = check(item_id, wrong, quiet=True)
        assert not verdict.passed and verdict.mistake == mistake.name, (mistake.name, verdict.message)


def _variant_key(mistake):
    """The mistake key a Mistake's lambda closes over (items_training builds them with _step/_layer_mistake)."""
    return mistake.compute.__closure__[0].cell_contents


PLANTED = [  # (item, text in the solution's answer, the learner's edit, the mistake check() must name)
    ("lstm_step_backward", "dc = dc + dh * o * (1 - np.tanh(c) ** 2)", "dc = dc + dh * o", "missing tanh' on the path through h"),
    ("lstm_step_backward", "dc = dc + dh * o * (1 - np.tanh(c) ** 2)", "dc = dc", "no gradient from h into c"),
    ("lstm_step_backward", "dc_prev = dc * f", "dc_prev = dc", "dc_prev not multiplied by f"),
    ("lstm_step_backward", "dc * i * (1 - c_tilde ** 2)", "dc * i", "missing tanh' on the candidate"),
    ("lstm_layer_backward", "doutput[:, t] + dh", "doutput[:, t]", "dh not carried to the step before"),
    ("lstm_layer_backward", "for t in reversed(range(timesteps)):", "for t in range(timesteps):", "loop runs forward in time"),
    ("lstm_layer_backward", "dkernel + dk, drecurrent_kernel + drk, dbias + db", "dk, drk, db",
     "weight gradients not summed over time"),
]


@pytest.mark.parametrize("item_id,old,new,name", PLANTED)
def test_planted_bug_in_the_solution_is_named(item_id, old, new, name):
    """A learner's edit of solutions/06_training.ipynb (not the variants) fails and is diagnosed by name."""
    from grading_helpers import answer_source, given_namespace
    from lstmlab.checks import check
    source = answer_source("06_training.ipynb", item_id)
    ns = given_namespace("06_training.ipynb")  # np, and the given sigmoid and lstm_step
    exec(source, ns)
    assert check(item_id, ns[item_id], seed=11, quiet=True).passed
    assert old in source, f"planted edit {old!r} not found in the {item_id} solution"
    exec(source.replace(old, new), ns)
    verdict = check(item_id, ns[item_id], seed=11, quiet=True)
    assert not verdict.passed and verdict.points == 0
    assert verdict.mistake == name, verdict.message
