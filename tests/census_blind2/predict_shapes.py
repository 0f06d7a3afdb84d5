"""Blind wrong attempts at predict_shapes."""
from . import BlindAttempt as A

I = "predict_shapes"
LP = "params = 4 * (units * (inputs + units) + units)"
RS = 'shape = (None, shape[1], units) if layer["return_sequences"] else (None, units)'
DP = "params = inputs * units + units"
ATTEMPTS = [
    A(I, "every LSTM's kernel sized by the model's input features, not the previous layer's units (seed 000)",
      [(LP, "params = 4 * (units * (features + units) + units)")], 1),
    A(I, "return_sequences ignored: every LSTM outputs a sequence", [(RS, "shape = (None, shape[1], units)")], 1),
    A(I, "LSTM counted with PyTorch's two biases per gate", [(LP, "params = 4 * (units * (inputs + units) + 2 * units)")], 1),
    A(I, "Dense counted without its bias", [(DP, "params = inputs * units")], 1),
    A(I, "Dense always outputs (None, units): the time axis dropped after a sequence", [("shape = shape[:-1] + (units,)", "shape = (None, units)")], 1),
    A(I, "shapes written without the batch dimension None", [("rows.append((shape, params))", "rows.append((shape[1:], params))")], 1),
    A(I, "LSTM parameters multiplied by the number of time steps", [(LP, "params = 4 * (units * (inputs + units) + units) * timesteps")], 1),
    A(I, "LSTM counted with three gates instead of four blocks", [(LP, "params = 3 * (units * (inputs + units) + units)")], 1),
    A(I, "LSTM kernels sized by the model's input features AND two biases per gate",
      [(LP, "params = 4 * (units * (features + units) + 2 * units)")], 2),
    A(I, "return_sequences ignored AND Dense without bias",
      [(RS, "shape = (None, shape[1], units)"), (DP, "params = inputs * units")], 2),
]
