"""Helpers that only lessons use: set-up check, timings and cost, gradient flow, unit mixing, attempt(), experiments, forecasting.
May import: reference, shapes, data, oracle, messages.
"""
