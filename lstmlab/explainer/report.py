"""The report that explain() returns: per-layer notes and findings, for a terminal and for Jupyter."""
import html
from dataclasses import dataclass, field

from ..messages import msg


@dataclass(frozen=True)
class Finding:
    """A classic mistake in one layer: what is wrong, what it costs, how to fix it (.change: the fix as configs)."""

    layer: str
    message: str
    fix: str
    kind: str = "finding"
    change: tuple = ()  # ((layer name, option, value), ...): the fix as config changes, where it is one

    def __str__(self):
        said = msg("join.label")
        return f"{self.layer}{said}{self.message}\n    {msg('explain.report.fix')}{said}{self.fix}"


@dataclass
class LayerNote:
    """What one layer receives and returns, its parameters, and what its options mean here."""

    index: int
    name: str
    kind: str
    flow: str
    params: int
    formula: str = ""
    notes: list = field(default_factory=list)

    @property
    def params_line(self):
        """'4 x (32 x (64 + 32) + 32) = 12416', or the bare count when there is no formula."""
        if self.formula and self.formula != "0":
            return f"{self.formula} = {self.params}"
        return str(self.params)


@dataclass(repr=False)
class Report:
    """explain()'s answer: `.layers` (LayerNote), `.findings` (Finding, empty when clean), `.notes`."""

    title: str
    layers: list = field(default_factory=list)
    findings: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    in_scope: bool = True

    @property
    def total_params(self):
        """The sum of the layers' parameters (Keras's count_params() for a built model)."""
        return sum(note.params for note in self.layers)

    def _finding_lines(self):
        """The findings as numbered text lines."""
        if not self.in_scope:
            return []
        if not self.findings:
            return [msg("join.sentences").join((msg("explain.report.none"), msg("explain.report.nothing")))]
        lines, said = [msg("explain.report.findings", n=len(self.findings))], msg("join.label")
        for k, f in enumerate(self.findings, 1):
            lines += [f"  {k}. {f.layer}{said}{f.message}", f"     {msg('explain.report.fix')}{said}{f.fix}"]
        return lines

    def __str__(self):
        lines, said = [self.title, ""], msg("join.label")
        for note in self.layers:
            lines.append(f"{note.index}. {note.name} ({note.kind})")
            lines.append(f"   {note.flow}")
            lines.append(f"   {msg('explain.report.params')}{said}{note.params_line}")
            lines += [f"   - {text}" for text in note.notes]
        if self.layers:
            lines.append("")
        lines += [f"{msg('explain.report.note')}{said}{text}" for text in self.notes]
        if self.notes:
            lines.append("")
        lines += self._finding_lines()
        return "\n".join(lines).rstrip() + "\n"

    __repr__ = __str__

    def _repr_html_(self):
        """The same, as HTML for Jupyter."""
        e, said = html.escape, html.escape(msg("join.label"))
        parts = [f"<div class='lstmlab-explain'><p><b>{e(self.title)}</b></p>"]
        if self.layers:
            parts.append("<ol>")
            for note in self.layers:
                items = "".join(f"<li>{e(t)}</li>" for t in note.notes)
                parts.append(f"<li><b>{e(note.name)}</b> ({e(note.kind)})<br><code>{e(note.flow)}</code><br>"
                             f"{e(msg('explain.report.params'))}{said}<code>{e(note.params_line)}</code><ul>{items}</ul></li>")
            parts.append("</ol>")
        parts += [f"<p><i>{e(msg('explain.report.note'))}{said}</i>{e(text)}</p>" for text in self.notes]
        if self.in_scope and not self.findings:
            parts.append(f"<p style='color:#2e7d32'><b>{e(msg('explain.report.none'))}</b>{e(msg('join.sentences'))}"
                         f"{e(msg('explain.report.nothing'))}</p>")
        elif self.findings:
            parts.append(f"<p><b>{e(msg('explain.report.findings', n=len(self.findings)))}</b></p><ol>")
            parts += [f"<li style='color:#b23c17'><b>{e(f.layer)}</b>{said}{e(f.message)}<br>"
                      f"<span style='color:#1a5fb4'>{e(msg('explain.report.fix'))}{said}{e(f.fix)}</span></li>"
                      for f in self.findings]
            parts.append("</ol>")
        return "".join(parts) + "</div>"
