"""explain(model) and explain_code(source): the course's explanation applied to the learner's own model."""
from .model import explain
from .report import Finding, LayerNote, Report
from .translate import explain_code

__all__ = ["explain", "explain_code", "Finding", "LayerNote", "Report"]
