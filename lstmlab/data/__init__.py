"""Shaping data for LSTMs: sliding windows, stateful batches, synthetic memory tasks, and honest forecasting splits and baselines.
May import: reference, messages.
"""
