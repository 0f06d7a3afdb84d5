"""lstmlab: an LSTM course's NumPy reference, shape engine, Keras bridge, checkers and explorers.

Importing lstmlab is light: NumPy only. Keras, matplotlib and ipywidgets load when first used.
The package is laid out by what each part holds (README, "How it is built"); every public name is here.
"""
from .lazy import alias_moved_modules, lazy_exports

__version__ = "0.1.0"

_LAZY = {
    # the NumPy reference
    "lstm_step": "reference.cell", "lstm_gates": "reference.cell", "lstm_layer": "reference.layer",
    "gru_layer": "reference.gru", "simple_rnn_layer": "reference.simple_rnn",
    "get_activation": "reference.activations", "ACTIVATIONS": "reference.activations",
    "sigmoid": "reference.activations", "tanh": "reference.activations", "relu": "reference.activations",
    "linear": "reference.activations", "hard_sigmoid": "reference.activations",
    "hard_sigmoid_keras2": "reference.activations", "split_gates": "reference.weights",
    "lstm_step_backward": "reference.backward", "lstm_layer_backward": "reference.backward",
    # the shape and parameter engine
    "Stack": "shapes", "LSTM": "shapes", "GRU": "shapes", "SimpleRNN": "shapes", "Dense": "shapes",
    "Dropout": "shapes", "Bidirectional": "shapes", "TimeDistributed": "shapes",
    # the Keras oracle (imports Keras only when called)
    "from_keras": "oracle.mirror", "to_keras": "oracle.keras_bridge", "import_keras": "oracle.keras_bridge",
    "keras_available": "oracle.keras_bridge",
    # shaping data (lessons 03, 05)
    "make_windows": "data.windows", "stateful_batches": "data.stateful",
    # learner feedback, explorers, explain your own model
    "check": "checks", "use_items": "checks", "set_language": "messages",
    "StackExplorer": "explore", "CellExplorer": "explore", "StatefulExplorer": "explore", "ShapeQuiz": "explore",
    "explain": "explainer", "explain_code": "explainer",
}

__all__ = sorted(_LAZY)

__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals())

# Modules that lived at the top before the package had sub-packages: notebooks that learners already
# edited (and build-exercises never overwrites) still say `from lstmlab.gradcheck import ...`.
MOVED = {
    **{name: f"reference.{name}" for name in ("activations", "validate", "weights", "cell", "recurrence", "layer",
                                              "gru", "simple_rnn", "backward", "dropout", "train", "gradcheck")},
    "specs": "shapes.specs", "keras_bridge": "oracle.keras_bridge", "mirror": "oracle.mirror",
    "windows": "data.windows", "plots.timing": "plots.cost", "stateful_data": "data.stateful", "explore.stateful_core": "data.stateful",
    **{name: f"lessons.{name}" for name in ("attempt", "mixing", "setup_check", "cost", "timing", "gradflow")},
}
alias_moved_modules(__name__, MOVED)
