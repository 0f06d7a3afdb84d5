"""lstmlab: an LSTM course's NumPy reference, shape engine, Keras bridge, checkers and explorers.

Importing lstmlab is light: NumPy only. Keras, matplotlib and ipywidgets load when first used.
"""
from .lazy import lazy_exports

__version__ = "0.1.0"

_LAZY = {
    # the NumPy reference
    "lstm_step": "cell", "lstm_gates": "cell", "lstm_layer": "layer", "gru_layer": "gru",
    "simple_rnn_layer": "simple_rnn", "get_activation": "activations", "ACTIVATIONS": "activations",
    "sigmoid": "activations", "tanh": "activations", "relu": "activations", "linear": "activations",
    "hard_sigmoid": "activations", "hard_sigmoid_keras2": "activations", "split_gates": "weights",
    # the shape and parameter engine
    "Stack": "shapes", "LSTM": "specs", "GRU": "specs", "SimpleRNN": "specs", "Dense": "specs",
    "Dropout": "specs", "Bidirectional": "specs", "TimeDistributed": "specs",
    # the Keras oracle (imports Keras only when called)
    "from_keras": "mirror", "to_keras": "keras_bridge", "import_keras": "keras_bridge",
    "keras_available": "keras_bridge",
    # learner feedback (issue: exercises and grader)
    "check": "checks",
    "make_windows": "windows", "stateful_batches": "stateful_data",  # lesson data helpers (03, 05)
    # explorers (issue: explorers)
    "StackExplorer": "explore", "CellExplorer": "explore", "StatefulExplorer": "explore", "ShapeQuiz": "explore",
    # explain your own model (issue: explain)
    "explain": "explainer", "explain_code": "explainer",
    # the backward pass (issue: training)
    "lstm_step_backward": "backward", "lstm_layer_backward": "backward",
}

__all__ = sorted(_LAZY)

__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals())
