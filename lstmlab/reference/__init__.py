"""The NumPy reference: activations, the LSTM cell and layer, GRU, SimpleRNN, backward pass, dropout, training, gradient check.
May import: nothing of lstmlab (NumPy only).
"""
