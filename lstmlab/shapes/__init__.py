"""The shape and parameter engine: layer specs and Stack (output shapes, parameter formulas, explained errors).
May import: reference, messages; lazily (Stack.to_keras): oracle.
"""
from .specs import GRU, LSTM, Bidirectional, Dense, Dropout, SimpleRNN, TimeDistributed
from .stack import Stack

__all__ = ["Stack", "LSTM", "GRU", "SimpleRNN", "Dense", "Dropout", "Bidirectional", "TimeDistributed"]
