"""Blind wrong attempts at predict_shapes."""
from . import BlindAttempt as A

IN = 'units, inputs = layer["units"], shape[-1]'
LP = "params = 4 * (units * (inputs + units) + units)"
LS = 'shape = (None, shape[1], units) if layer["return_sequences"] else (None, units)'
DP = "params = inputs * units + units"
DS = "shape = shape[:-1] + (units,)"

ATTEMPTS = [
    A("predict_shapes", "every LSTM's kernel sized by the model's input features, not the previous layer's output (seed 000)",
      [(LP, "params = 4 * (units * (features + units) + units)")], 1),
    A("predict_shapes", "LSTM counted with two bias vectors per gate (PyTorch)", [(LP, "params = 4 * (units * (inputs + units) + 2 * units)")], 1),
    A("predict_shapes", "Dense counted without its bias", [(DP, "params = inputs * units")], 1),
    A("predict_shapes", "Dense output always (None, units), even on a sequence", [(DS, "shape = (None, units)")], 1),
    A("predict_shapes", "return_sequences ignored: every LSTM outputs (None, units)", [(LS, "shape = (None, units)")], 1),
    A("predict_shapes", "LSTM sequence output written (None, units, timesteps): time and units swapped", [(LS, 'shape = (None, units, shape[1]) if layer["return_sequences"] else (None, units)')], 1),
    A("predict_shapes", "LSTM parameters multiplied by the number of time steps", [(LP, "params = timesteps * 4 * (units * (inputs + units) + units)")], 1),
    A("predict_shapes", "LSTM's recurrent kernel (units x 4*units) not counted", [(LP, "params = 4 * (units * inputs + units)")], 1),
    A("predict_shapes", "LSTM counted with three gates", [(LP, "params = 3 * (units * (inputs + units) + units)")], 1),
    A("predict_shapes", "a layer's inputs read from the time axis shape[1] instead of the feature axis", [(IN, 'units, inputs = layer["units"], shape[1]')], 1),
    A("predict_shapes", "Dense bias sized by its inputs instead of its units", [(DP, "params = inputs * units + inputs")], 1),
    A("predict_shapes", "LSTM bias counted once, not per gate", [(LP, "params = 4 * units * (inputs + units) + units")], 1),
    A("predict_shapes", "shapes written without the batch axis None", [(LS, 'shape = (shape[1], units) if layer["return_sequences"] else (units,)'),
                                                                    ("shape, rows = (None, timesteps, features), []", "shape, rows = (timesteps, features), []"),
                                                                    ('shape[1], units) if', 'shape[0], units) if')], 1),
    A("predict_shapes", "an LSTM counted as `units` independent one-unit LSTMs (seed 001): 4 * units * (inputs + 2)",
      [(LP, "params = units * 4 * (inputs + 1 + 1)")], 1),
    # compounds
    A("predict_shapes", "every LSTM sized by the model's input features (seed 000), and return_sequences ignored",
      [(LP, "params = 4 * (units * (features + units) + units)"), (LS, "shape = (None, units)")], 2),
    A("predict_shapes", "Dense without bias, and Dense output always (None, units)", [(DP, "params = inputs * units"), (DS, "shape = (None, units)")], 2),
    A("predict_shapes", "LSTM with two biases per gate (PyTorch), and inputs read from the time axis",
      [(LP, "params = 4 * (units * (inputs + units) + 2 * units)"), (IN, 'units, inputs = layer["units"], shape[1]')], 2),
]
