"""Per-layer gradient norms of a trained stack with its head (lesson 09), against finite differences."""
import numpy as np
import pytest


@pytest.mark.parametrize("loss", ["crossentropy", "mse"])
def test_trained_stack_grads_match_finite_differences(loss):
    from lstmlab.lessons.gradflow import lstm_weights, trained_stack_grads
    from lstmlab.reference.backward import lstm_layer_forward
    rng = np.random.default_rng(7)
    x = rng.normal(size=(5, 4, 3))  # (batch, timesteps, features)
    layers = [lstm_weights(rng, 3, 4), lstm_weights(rng, 4, 2)]
    outputs = 3 if loss == "crossentropy" else 1
    head = (rng.normal(size=(2, outputs)), rng.normal(size=outputs))
    y = rng.integers(0, 3, 5) if loss == "crossentropy" else rng.normal(size=(5, 1))

    def total(ls):
        seq = x
        for w in ls:
            seq, _ = lstm_layer_forward(seq, *w)
        out = seq[:, -1] @ head[0] + head[1]
        if loss == "mse":
            return np.mean((out - y) ** 2)
        logp = out - np.log(np.exp(out).sum(axis=1, keepdims=True))
        return -logp[np.arange(5), y].mean()

    norms, saturation = trained_stack_grads(layers, head, x, y, loss=loss)
    for k in range(2):
        grad = np.zeros_like(layers[k][0])
        for idx in np.ndindex(grad.shape):
            plus = [list(w) for w in layers]
            minus = [list(w) for w in layers]
            plus[k][0] = layers[k][0].copy(); plus[k][0][idx] += 1e-6
            minus[k][0] = layers[k][0].copy(); minus[k][0][idx] -= 1e-6
            grad[idx] = (total(plus) - total(minus)) / 2e-6
        assert norms[k] == pytest.approx(np.linalg.norm(grad), rel=1e-5)
    assert len(saturation) == 2 and set(saturation[0]) == {"i", "f", "c~", "o"}
