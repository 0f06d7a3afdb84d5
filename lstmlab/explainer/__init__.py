"""explain(model) and explain_code(source): the course applied to the learner's own Keras model.
May import: reference, shapes, oracle, messages.
"""
from .model import explain
from .report import Finding, LayerNote, Report
from .translate import explain_code

__all__ = ["explain", "explain_code", "Finding", "LayerNote", "Report"]
