"""explain_code on every Keras 2 snippet in the seeds: the Keras 3 form, and exactly the findings listed."""
import ast

import pytest

from lstmlab import explain_code

SEED_000_QUESTION = """
# parameters
time_steps = 10
features = 2
input_shape = [time_steps, features]
batch_size = 32

# model
model = Sequential()
model.add(LSTM(64, input_shape=input_shape,  return_sequences=True))
model.add(LSTM(32,input_shape=input_shape))
"""
SEED_000_ANSWER = """
model = Sequential()
model.add(LSTM(64, return_sequences=True, input_shape=(5, 2)))
model.add(LSTM(32))
"""
SEED_000_HUGE = """
model = Sequential()
model.add(LSTM(64, return_sequences=True, input_shape=(5, 2)))
model.add(LSTM(32, input_shape=(1000000, 200000)))
"""
SEED_000_SEQUENCES = """
model = Sequential()
model.add(LSTM(64, return_sequences=True, input_shape=(5, 2)))
model.add(LSTM(32, return_sequences=True))
"""
SEED_001_SIGNATURE = ("keras.layers.LSTM(units, activation='tanh', recurrent_activation='hard_sigmoid', use_bias=True, "
                      "kernel_initializer='glorot_uniform', recurrent_initializer='orthogonal', bias_initializer='zeros', "
                      "unit_forget_bias=True, kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None, "
                      "activity_regularizer=None, kernel_constraint=None, recurrent_constraint=None, bias_constraint=None, "
                      "dropout=0.0, recurrent_dropout=0.0, implementation=1, return_sequences=False, return_state=False, "
                      "go_backwards=False, stateful=False, unroll=False)")
SEED_001_ONE_UNIT = """
N=1
model = Sequential()
model.add(LSTM(N))
"""
SEED_002_ONE_LAYER = """
from keras.models import Sequential
from keras.layers import LSTM
from numpy import array
model = Sequential()
model.add(LSTM(1, return_sequences=True, input_shape=(3,1)))
model.compile(optimizer='adam', loss='mse')
data = array([0.1, 0.2, 0.3]).reshape((1,3,1))
print(model.predict(data))
"""
SEED_002_FOUR_LAYERS = """
model = Sequential()
model.add(LSTM(..., return_sequences=True, input_shape=(...)))
model.add(LSTM(..., return_sequences=True))
model.add(LSTM(..., return_sequences=True))
model.add(LSTM(...))
model.add(Dense(...))
"""
SEED_002_COMMENT = """
layers=shape = [4, seq_len, 1] # 特征,窗口,输出
neurons = [128, 128, 32, 1]
model.add(LSTM(250, input_shape=(layers[1], layers[0]), return_sequences=True))
model.add(Dropout(d))
model.add(LSTM(neurons[1], input_shape=(layers[1], layers[0]), return_sequences=True))
model.add(Dropout(d))
model.add(LSTM(neurons[2], input_shape=(layers[1], layers[0]), return_sequences=False))
model.add(Dropout(d))
model.add(Dense(neurons[2],kernel_initializer=”uniform”,activation=’relu’))
model.add(Dense(neurons[2],kernel_initializer=”uniform”,activation=’relu’))
model.add(Dense(layers[0],kernel_initializer=”uniform”,activation=’linear’))
model.compile(loss=’mse’,optimizer=optimizador, metrics=[‘accuracy’])
"""
SEED_002_DENSE_PER_STEP = """
model = Sequential()
model.add(LSTM(50, return_sequences=True, input_shape=(x_train.shape[1], x_train.shape[2])))
model.add(Dense(1))
"""
SEED_002_TWO_D = """
model = Sequential()
model.add(LSTM(32, return_sequences=True, input_shape=(10,)))
model.add(Dense(1))
"""
SEED_002_ACTIVATION = """
model = Sequential()
model.add(LSTM(units=100, input_shape=(x_train.shape[1],5), return_sequences=True))
model.add(Dropout(0.2))
model.add(LSTM(50, return_sequences=False))
model.add(Dropout(0.2))
model.add(Dense(units=1))
model.add(Activation(‘linear’))
start = time.time()
model.compile(loss='mse', optimizer='rmsprop')
"""
SEED_002_MODEL_2 = """
model.add(LSTM(50, return_sequences=True, input_shape=(x_train.shape[1], x_train.shape[2])))
model.add(LSTM(50, activation='relu'))
"""
SEED_002_BIDIRECTIONAL_PSEUDOCODE = """
model= Sequential()
model.add(Bidirectional(LSTM(…),input_shape = (…), merge_mode=’sum’))
model.add(Dropout(…))
model.add(Bidirectional(LSTM(…merge_mode=’sum’))
"""
SEED_002_FOUR_D = """
model = Sequential()
model.add(LSTM(32, input_shape=(5, 320, 2)))
model.add(Dense(1))
"""
SEED_000_NO_SEQUENCES = """
model = Sequential()
model.add(LSTM(64, input_shape=(5, 2)))
model.add(LSTM(32))
"""
SEED_003_QUESTION = """
model = Sequential()
model.add(LSTM(2, return_sequences=True,input_shape=(4,2),stateful=False,batch_size=4))
yp=model.predict(np.array([    [[0,0],[0,1],[0,0],[1,1]],
                               [[0,1],[0,0],[1,1],[0,0]],
                               [[0,0],[1,1],[0,0],[0,1]],
                               [[1,1],[0,0],[0,1],[0,0]],
                              ]))
print(yp)
"""
SEED_003_THREE_MODELS = """
wts=[.5*np.ones((2,4)),.5*np.ones((1,4)),np.array([0,1,0,0])]

model1 = Sequential()
model1.add(LSTM(1, return_sequences=True,input_shape=(1,2),stateful=True,batch_size=1))
model1.layers[0].set_weights(wts)
yp1=model1.predict(np.array([[[0,0]]]))

model2 = Sequential()
model2.add(LSTM(1, return_sequences=True,input_shape=(2,2),stateful=True,batch_size=1))
model2.layers[0].set_weights(wts)
yp1=model2.predict(np.array([[[0,0],[0,1]]]))

model3 = Sequential()
model3.add(LSTM(1, return_sequences=True,input_shape=(4,2),stateful=False,batch_size=1))
model3.layers[0].set_weights(wts)
yp=model3.predict(np.array([[[0,0],[0,1],[0,0],[1,1]]]))
print("model3:",yp.reshape(-1))
"""
SEED_003_NO_BATCH = """
model = Sequential()
model.add(LSTM(1, return_sequences=True, input_shape=(1,2), stateful=True))
"""
SEED_004 = """	model = Sequential()
    model.add(LSTM(10, activation='relu', return_sequences=True, input_shape=(n_input, n_features)))
    model.add(LSTM(10, activation='relu', return_sequences=True, dropout=0.2, recurrent_dropout=0.2))
    model.add(LSTM(10, activation='relu', return_sequences=False,dropout=0.2, recurrent_dropout=0.2))
    #Error when checking target: expected dense_1 to have 3 dimensions, but got array with shape (207, 7)
    # model.add(Conv1D(128, 8, padding='same'))
    model.add(Dropout(0.8))
    model.add(Dense(n_out))
    model.summary()
"""

CASES = [
    (SEED_000_QUESTION, [("lstm_1", "input_shape_ignored")]),
    (SEED_000_ANSWER, []),
    (SEED_000_HUGE, [("lstm_1", "input_shape_ignored")]),
    (SEED_000_SEQUENCES, []),
    (SEED_000_NO_SEQUENCES, [("lstm_1", "recurrent_2d")]),
    (SEED_001_SIGNATURE, [("lstm", "no_fused_kernel")]),
    (SEED_001_ONE_UNIT, []),
    (SEED_002_ONE_LAYER, []),
    (SEED_002_FOUR_LAYERS, []),
    (SEED_002_COMMENT, [("lstm_1", "input_shape_ignored"), ("lstm_2", "input_shape_ignored")]),
    (SEED_002_DENSE_PER_STEP, [("dense", "dense_per_step")]),
    (SEED_002_ACTIVATION, []),
    (SEED_002_FOUR_D, [("lstm", "recurrent_4d")]),
    (SEED_002_MODEL_2, [("lstm_1", "relu_in_lstm"), ("lstm_1", "no_fused_kernel")]),
    (SEED_002_TWO_D, [("lstm", "recurrent_2d")]),
    (SEED_003_QUESTION, []),
    (SEED_003_THREE_MODELS, []),
    (SEED_003_NO_BATCH, [("lstm", "stateful_without_batch")]),
    (SEED_004, [("lstm", "relu_in_lstm"), ("lstm", "no_fused_kernel"), ("lstm_1", "relu_in_lstm"),
                ("lstm_1", "no_fused_kernel"), ("lstm_2", "relu_in_lstm"), ("lstm_2", "no_fused_kernel"),
                ("dropout", "dropout_after_last")]),
]


@pytest.mark.keras
@pytest.mark.parametrize("source, expected", CASES, ids=[f"case{k}" for k in range(len(CASES))])
def test_seed_snippets_yield_exactly_the_listed_findings(source, expected, keras):
    result = explain_code(source)
    assert result.translated, result.message
    assert sorted((f.layer, f.kind) for f in result.findings) == sorted(expected)
    for f in result.findings:
        assert f.message and f.fix and f.layer in f.fix + f.message + f.layer
    ast.parse(result.keras3)  # the Keras 3 form is valid Python
    assert "input_shape=" not in result.keras3 and "batch_size=" not in result.keras3
    assert str(result) and result._repr_html_().startswith("<p>")


@pytest.mark.keras
def test_keras3_form_of_seed_000_builds_the_seed_numbers(keras):
    result = explain_code(SEED_000_ANSWER)
    namespace = {"keras": keras, "layers": keras.layers}
    exec(compile(result.keras3, "<keras3>", "exec"), namespace)  # our own generated text, not the learner's
    model = namespace["model"]
    assert [l.count_params() for l in model.layers] == [17152, 12416]  # seed 000's summary
    assert [n.params for n in result.report.layers] == [17152, 12416]
    assert tuple(model.outputs[0].shape) == (None, 32)


@pytest.mark.keras
def test_seed_003_keeps_the_batch_in_keras_input(keras):
    result = explain_code(SEED_003_THREE_MODELS)
    assert len(result.reports) == 3
    assert "keras.Input(batch_shape=(1, 1, 2))" in result.keras3
    assert any("Unrecognized keyword arguments passed to LSTM: {'batch_size': 1}" in n for n in result.notes)
    assert "stateful=True" in str(result.reports[0]) and "batch fixed at 1" in str(result.reports[0])


@pytest.mark.keras
def test_seed_001_signature_notes_are_true_for_keras_3(keras):
    """implementation= is used by Keras 3's LSTMCell (not dropped); the hard_sigmoid default ended with Keras 2.2.5."""
    notes = " ".join(explain_code(SEED_001_SIGNATURE).notes)
    assert "implementation= chooses how the cell groups its matrix products" in notes
    assert "does not change results" not in notes and "breaks training" in notes
    assert keras.layers.LSTM(2, implementation=1).cell.implementation == 1   # passed on to the cell
    assert "implementation" not in keras.layers.LSTM(2, implementation=1).get_config()   # but not saved
    default_note = " ".join(explain_code("model = Sequential()\nmodel.add(LSTM(4, input_shape=(3, 2)))").notes)
    assert "Keras <= 2.2.5" in default_note and "standalone Keras 2" not in default_note


@pytest.mark.keras
def test_snippet_values_are_used_instead_of_examples(keras):
    """Seed 004 with the course's assumed sizes prepended: 2357 parameters, as in lessons 07, 90 and 91."""
    result = explain_code("n_input, n_features, n_out = 7, 4, 7\n" + SEED_004)
    assert not any("example value" in n for n in result.notes)
    assert sum(n.params for n in result.report.layers) == 2357


@pytest.mark.keras
def test_undefined_names_get_example_values_and_say_so(keras):
    result = explain_code(SEED_004)
    notes = " ".join(result.notes)
    for name in ("n_input", "n_features", "n_out"):
        assert name in notes
    assert "keras.Input(shape=(n_input, n_features))" in result.keras3  # the learner's names stay in the code
    assert result.report.layers[0].flow.startswith("(batch, 10 timesteps, 4 features)")


@pytest.mark.parametrize("source, words", [
    ("x = LSTM(3)(inputs)", "functional API"),
    ("model = Sequential()\nmodel.add(Conv1D(128, 8, padding='same'))", "Conv1D is not covered"),
    ("model.add(LSTM(…, return_sequences=True…", "not valid Python"),
    (SEED_002_BIDIRECTIONAL_PSEUDOCODE, "not valid Python"),
    ("print('hello')", "no Keras model definition"),
    ("model = Sequential()\nmodel.add(LSTM(**kwargs))", "not in the code"),
    ("", "no Keras model definition"),
])
def test_anything_else_gets_an_honest_message(source, words):
    result = explain_code(source)
    assert not result.translated and result.findings == []
    assert result.message.startswith("Can't translate this") and words in result.message
    assert str(result).startswith("Can't translate this")


def test_explain_code_needs_text():
    with pytest.raises(TypeError, match="source text as a str"):
        explain_code(42)


HOSTILE = [
    "model = Sequential()\nmodel.add(LSTM(-3, input_shape=(5, 2)))",
    "model = Sequential()\nmodel.add(LSTM('a', input_shape=(5, 2)))",
    "model = Sequential()\nmodel.add(LSTM(3, input_shape=('a', 2)))",
    "model = Sequential()\nmodel.add(LSTM(3, input_shape=(5, 2), return_sequences=...))",
    "model = Sequential()\nmodel.add(LSTM(3, input_shape=(5, 2), bogus=1))",
    "model = Sequential()\nmodel.add(Dense(8, input_dim=3))\nmodel.add(LSTM(4))",
    "model = Sequential()\nmodel.add(TimeDistributed(Dense(3), input_shape=(4,)))",
    "model = Sequential()\nmodel.add(Bidirectional(LSTM(4, return_sequences=True), input_shape=(5, 3)))\nmodel.add(LSTM(2))",
    "model = Sequential()\nmodel.add(LSTM(4096, input_shape=(10, 100000)))",
    "model = Sequential([LSTM(3, input_shape=(4, 2)), Dense(1)])",
    "model = Sequential()\nmodel.add(LSTM(x[0][1], input_shape=x.shape[1:]))",
    "for i in range(3):\n    model.add(LSTM(8, return_sequences=True))",
    "model = Sequential()\nmodel.add(LSTM(3, input_shape=(5, 2), dropout=d, kernel_initializer=init))",
    "model = Sequential()\nmodel.add(Dropout(2))\nmodel.add(LSTM(2))",
    "model = Sequential()\nmodel.add(LSTM(10**30, input_shape=(5, 2)))",
    "model = Sequential()\nmodel.add(Activation('relu', input_shape=(5, 2)))\nmodel.add(LSTM(3))",
]


@pytest.mark.keras
@pytest.mark.parametrize("source", HOSTILE, ids=[f"hostile{k}" for k in range(len(HOSTILE))])
def test_hostile_or_odd_snippets_never_raise(source, keras):
    result = explain_code(source)
    text = str(result)
    assert text and result._repr_html_()
    if result.translated:
        ast.parse(result.keras3)
        assert result.reports and all(str(r) for r in result.reports)
    else:
        assert result.message.startswith("Can't translate this")


@pytest.mark.keras
def test_huge_model_is_described_from_the_formulas_without_allocating(keras):
    result = explain_code("model = Sequential()\nmodel.add(LSTM(4096, input_shape=(10, 100000)))")
    assert result.report.layers[0].params == 4 * (4096 * (100000 + 4096) + 4096)  # 4 x (units x (features + units) + units)
    assert any("not built in Keras" in n for n in result.report.notes)


@pytest.mark.keras
def test_dense_first_then_lstm_is_a_two_d_input(keras):
    result = explain_code("model = Sequential()\nmodel.add(Dense(8, input_dim=3))\nmodel.add(LSTM(4))")
    assert [(f.layer, f.kind) for f in result.findings] == [("lstm", "recurrent_2d")]
    assert "(batch, 8)" in result.findings[0].message
