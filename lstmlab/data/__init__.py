"""Shaping data for LSTMs: sliding windows, and stateful batches (which sample's state feeds which).
May import: reference.
"""
