"""The result of checking one answer: a status, points, and what to tell the learner, most useful first.

A Verdict reads three ways, all leading with the likely mistake and its one-line fix:
`message` (one line, for the grader's table and JSON), `str(verdict)` (a few short lines, for terminals),
and `_repr_html_` (a coloured box in a notebook: green passed, red failed or error, grey not attempted;
the probe case and Python's own error folded away in <details>). Inline CSS only, no JavaScript.
"""
import html
import re
import sys
from dataclasses import dataclass, field

from ..messages import msg

STATUSES = ("passed", "failed", "error", "timeout", "not_attempted")

# (accent colour, tint) per status: JupyterLab's theme colours where available (they follow light and dark themes)
_COLOURS = {
    "passed": ("var(--jp-success-color1, #2e7d32)", "rgba(46, 160, 67, 0.10)"),
    "failed": ("var(--jp-error-color1, #d32f2f)", "rgba(218, 54, 51, 0.10)"),
    "error": ("var(--jp-error-color1, #d32f2f)", "rgba(218, 54, 51, 0.10)"),
    "timeout": ("var(--jp-warn-color1, #e65100)", "rgba(230, 81, 0, 0.10)"),
    "not_attempted": ("var(--jp-ui-font-color2, #757575)", "rgba(128, 128, 128, 0.10)"),
}
_MARKS = {"passed": "\u2714", "failed": "\u2718", "error": "\u2718", "timeout": "\u231b", "not_attempted": "\u25cb"}


@dataclass
class Verdict:
    """status is one of STATUSES; the other fields say why, in the order the learner reads them.

    mistake, fix: the likely mistake's name and its one-line fix (mistake_key: its stable catalogue key)
    problem:      what differs (wrong type, shape or values: expected vs received), or what went wrong
    where:        where it differs (which output, index, gate, time step) or the line of code that failed
    hint:         what to try when no mistake is named
    note:         for passed and not attempted: what it means, what to do
    case:         the probe case (inputs) the answer failed on; inputs: their values, as code (notebook only)
    error:        Python's own error message, shown last
    """

    item_id: str
    status: str
    points: int = 0
    max_points: int = 0
    mistake: str = None
    fix: str = None
    problem: str = None
    where: str = None
    hint: str = None
    note: str = None
    case: str = None
    error: str = None
    inputs: str = None
    mistake_key: str = None
    shown: object = field(default=None, repr=False, compare=False)  # where check() already showed it

    @property
    def passed(self):
        return self.status == "passed"

    @property
    def headline(self):
        return msg(f"headline.{self.status}", points=self.points, max_points=self.max_points)

    def _parts(self, style):
        """[(role, text)] in reading order; style "line" (own lines) or "inline" (sentences of one line)."""
        parts = []
        if self.mistake:
            parts.append(("mistake", msg(f"{style}.mistake", name=self.mistake)))
        if self.fix:
            parts.append(("fix", msg(f"{style}.fix", fix=self.fix)))
        for role in ("problem", "note"):
            if getattr(self, role):
                parts.append((role, getattr(self, role)))
        if self.where:
            parts.append(("where", msg(f"{style}.where", where=self.where)))
        if self.hint:
            parts.append(("hint", self.hint))
        if self.case:
            parts.append(("case", msg(f"{style}.case", case=self.case)))
        if self.error:
            parts.append(("error", msg(f"{style}.error", error=self.error)))
        return parts

    @property
    def message(self):
        """One line, the likely mistake first: `lstm_step: Failed (0/3). Likely mistake: ... Fix: ...`."""
        head = msg("inline.head", item=self.item_id, headline=self.headline)
        return msg("inline.join").join([head] + [text for _, text in self._parts("inline")])

    def __str__(self):
        """A few short lines for a terminal: headline, likely mistake, fix, what differs, where, the case."""
        head = msg("line.head", item=self.item_id, headline=self.headline)
        return "\n".join([head] + [text for _, text in self._parts("line")])

    def __repr__(self):
        return f"Verdict({self.item_id!r}, {self.status!r}, {self.points}/{self.max_points})"

    def _repr_html_(self):
        accent, tint = _COLOURS.get(self.status, _COLOURS["error"])
        e = html.escape
        box = (f"border-left: 4px solid {accent}; background: {tint}; padding: 6px 12px; margin: 4px 0; "  # not learner-facing
               "border-radius: 3px; font-family: var(--jp-content-font-family, system-ui, sans-serif); "
               "font-size: var(--jp-content-font-size1, 14px); line-height: 1.5; color: inherit; "
               "white-space: normal; overflow-wrap: anywhere; word-break: normal")
        rows = [f'<div class="lstmlab-headline" style="font-weight: 600; color: {accent}">'  # not learner-facing: HTML
                f'{_MARKS.get(self.status, "")} <code style="color: inherit; background: none">{e(self.item_id)}</code> '
                f'\u2014 {e(self.headline)}</div>']
        folded = {"case": msg("html.case"), "error": msg("html.error")}
        for role, text in self._parts("line"):
            if role in folded:
                body = self.error if role == "error" else self.case + ("\n\n" + self.inputs if self.inputs else "")
                rows.append(f'<details class="lstmlab-{role}" style="margin-top: 2px"><summary style="cursor: pointer">'  # not learner-facing
                            f'{e(folded[role])}</summary><pre style="white-space: pre-wrap; margin: 4px 0 0 1em; '
                            f'font-size: 0.92em; background: none; color: inherit">{e(body)}</pre></details>')
            else:
                weight = "font-weight: 600; " if role == "mistake" else ""
                rows.append(f'<div class="lstmlab-{role}" style="{weight}margin-top: 2px">{_code_spans(e(text))}</div>')
        return (f'<div class="lstmlab-verdict lstmlab-{e(self.status)}" data-status="{e(self.status)}" '
                f'style="{box}">' + "".join(rows) + "</div>")

    def show(self):
        """Show the verdict once where check() was called: rich in a notebook, plain text in a terminal."""
        shell = _kernel_shell()
        if shell is None:
            print(str(self))
            self.shown = "printed"
        else:
            from IPython.display import display
            display({"text/plain": str(self), "text/html": self._repr_html_()}, raw=True)
            self.shown = ("cell", shell.execution_count)

    def _ipython_display_(self):
        """A cell ending in `check(...)` shows the verdict once (check() showed it); shown again in a later cell."""
        shell = _kernel_shell()
        if self.shown == "printed" or (shell is not None and self.shown == ("cell", shell.execution_count)):
            return
        self.show()


def _code_spans(escaped):
    """`code` in a message (already HTML-escaped) shown as <code>; the plain text keeps its backquotes."""
    return re.sub(r"`([^`]+)`", r'<code style="background: none; color: inherit">\1</code>', escaped)  # not learner-facing


def _kernel_shell():
    """The IPython shell when running inside a Jupyter kernel (rich output), else None; never imports IPython."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None and hasattr(ipython, "get_ipython") else None
    return shell if shell is not None and getattr(shell, "kernel", None) is not None else None
