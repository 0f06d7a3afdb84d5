"""Helpers that only lessons use: the set-up check, timings and cost, gradient flow, unit mixing, attempt().
May import: reference, shapes, data, oracle.
"""
