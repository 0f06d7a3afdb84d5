"""A one-line text progress bar for training cells: updates in place in Jupyter, ends on a stable line."""


class Progress:
    """`total` runs of `label`; `epoch(run, epoch, epochs, name)` redraws one line; `done()` leaves a fixed summary.

    In Jupyter the line is one display output updated in place (so a stored notebook keeps only the final
    line, which has no timings in it); outside IPython nothing is shown.
    """

    def __init__(self, label, total, width=24):
        if isinstance(total, bool) or not isinstance(total, int) or total < 1:
            raise ValueError(f"total must be a positive int (the number of runs), got {total!r}")
        self.label, self.total, self.width, self.finished = str(label), total, int(width), 0
        self._handle = self._open()

    def _open(self):
        try:
            from IPython import get_ipython
            from IPython.display import display
        except ImportError:
            return None
        if get_ipython() is None:
            return None
        return display(_Line(self._bar(0.0) + " starting"), display_id=True)

    def _bar(self, fraction):
        filled = int(round(fraction * self.width))
        return f"{self.label}: [{'#' * filled}{'.' * (self.width - filled)}]"

    def show(self, text):
        """Replace the line's text (no-op outside IPython)."""
        if self._handle is not None:
            self._handle.update(_Line(text))

    def epoch(self, epoch, epochs, name=""):
        """Redraw after `epoch` (1-based) of `epochs` in the current run."""
        fraction = (self.finished + epoch / epochs) / self.total
        self.show(f"{self._bar(fraction)} run {self.finished + 1}/{self.total} {name} epoch {epoch}/{epochs}")

    def run_done(self):
        """Count one finished run."""
        self.finished += 1

    def done(self, note=""):
        """The final, stable line: how many runs finished."""
        self.show(f"{self._bar(1.0)} {self.finished}/{self.total} runs done" + (f" ({note})" if note else ""))


class _Line:
    """Plain text that Jupyter shows as it is (no quotes)."""

    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return self.text
