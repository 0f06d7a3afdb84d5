"""attempt(fn): run old or doubtful code and report what happens today: value, warnings, or the error."""
import warnings
from dataclasses import dataclass, field

from ..messages import msg


def first_line(message, limit=200):
    """The first non-empty line of a message, trimmed to `limit` characters (stable to print)."""
    lines = [line.strip() for line in str(message).splitlines() if line.strip()]
    line = lines[0] if lines else ""
    return line if len(line) <= limit else line[: limit - 3] + "..."


@dataclass
class Attempt:
    """What running fn did: its value (or None), the warnings it raised, and its error (or None)."""

    value: object = None
    warnings: list = field(default_factory=list)  # ["UserWarning: first line", ...], without repeats
    error: str = None  # "ValueError: first line" or None

    @property
    def ok(self):
        """True when fn returned without raising."""
        return self.error is None

    def __str__(self):
        lines = [msg("lesson.attempt.warning", line=w) for w in self.warnings]
        lines.append(msg("lesson.attempt.error", line=self.error) if self.error else msg("lesson.attempt.runs"))
        return "\n".join(lines)


def attempt(fn, *args, **kwargs):
    """Call fn(*args, **kwargs), catching every warning and any Exception into an Attempt."""
    if not callable(fn):
        raise TypeError(f"attempt expects a callable (e.g. a lambda or a function), got {type(fn).__name__}")
    result = Attempt()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result.value = fn(*args, **kwargs)
        except Exception as exc:  # the point is to show the error, whatever it is
            result.error = f"{type(exc).__name__}: {first_line(exc)}"
    for w in caught:
        line = f"{w.category.__name__}: {first_line(w.message)}"
        if line not in result.warnings:
            result.warnings.append(line)
    return result
