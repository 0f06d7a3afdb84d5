"""Figures drawn from real numbers, one module per diagram; each returns a matplotlib Figure (no pyplot).
May import: reference, shapes, data, messages.
"""
