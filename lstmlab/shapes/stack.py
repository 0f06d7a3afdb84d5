"""The shape and parameter engine: a Stack of layer specs -> Keras's summary, explained."""
from dataclasses import dataclass

from ..messages import ljust, msg, rjust, width
from ..reference.validate import check_positive_int, fmt_shape
from .specs import LAYER_SPECS, Bidirectional, Dense, Dropout, TimeDistributed, is_recurrent


@dataclass(frozen=True)
class Row:
    """One layer of a summary: what it receives, returns, and how many parameters it has."""

    index: int
    name: str
    kind: str
    input_shape: tuple
    output_shape: tuple
    params: int
    formula: str
    state_shapes: tuple = ()

    @property
    def formula_line(self):
        return f"{self.formula} = {self.params}" if self.formula != "0" else "0"


class Summary(list):
    """A list of Rows that prints like Keras's model.summary()."""

    @property
    def total(self):
        return sum(row.params for row in self)

    def __str__(self):
        return summary_text(self)

    def _repr_html_(self):
        return summary_html(self)


def _summary_head():
    """The table's column headers in the language in use."""
    return (msg("shapes.summary.layer"), msg("shapes.summary.input"), msg("shapes.summary.output"), msg("shapes.summary.params"),
            msg("shapes.summary.formula"))


def summary_text(summary):
    """A Summary as a fixed-width table, its headers in the language in use (display width, so Chinese columns line up)."""
    head = _summary_head()
    body = [(f"{r.name} ({r.kind})", fmt_shape(r.input_shape), fmt_shape(r.output_shape), f"{r.params:,}", r.formula_line)
            for r in summary]
    widths = [max(width(line[k]) for line in [head, *body]) for k in range(len(head))]
    fmt = lambda line: "  ".join(ljust(cell, w) if k != 3 else rjust(cell, w) for k, (cell, w) in enumerate(zip(line, widths)))
    rule = "-" * width(fmt(head))
    return "\n".join([fmt(head), rule, *map(fmt, body), rule, msg("shapes.summary.total", total=f"{summary.total:,}")])


def summary_html(summary):
    """A Summary as an HTML table, its headers in the language in use."""
    cells = "".join(
        f"<tr><td>{r.name} ({r.kind})</td><td>{fmt_shape(r.input_shape)}</td><td>{fmt_shape(r.output_shape)}</td>"
        f"<td style='text-align:right'>{r.params:,}</td><td><code>{r.formula_line}</code></td></tr>" for r in summary)
    head = "".join(f"<th>{column}</th>" for column in _summary_head())
    return (f"<table><tr>{head}</tr>{cells}</table><p><b>{msg('shapes.summary.total', total=f'{summary.total:,}')}</b></p>")


def _snake(kind):
    return {"LSTM": "lstm", "GRU": "gru", "SimpleRNN": "simple_rnn", "Dense": "dense", "Dropout": "dropout",
            "Bidirectional": "bidirectional", "TimeDistributed": "time_distributed"}[kind]


def _where(index, spec):
    return msg("explore.shapes.where", layer=index, kind=spec.kind)


class Stack:
    """A linear stack of layers on (timesteps, features) inputs, as a Keras Sequential model."""

    def __init__(self, input_shape, layers, batch_size=None):
        if not isinstance(input_shape, (tuple, list)) or len(input_shape) != 2:
            raise ValueError(f"input_shape must be (timesteps, features), got {input_shape!r}")
        timesteps, features = input_shape
        self.timesteps = check_positive_int(timesteps, "timesteps", allow_none=True)
        self.features = check_positive_int(features, "features")
        self.batch_size = check_positive_int(batch_size, "batch_size", allow_none=True)
        self.layers = list(layers)
        if not self.layers:
            raise ValueError("a Stack needs at least one layer")
        for k, spec in enumerate(self.layers, 1):
            if not isinstance(spec, LAYER_SPECS):
                raise TypeError(f"layer {k} must be one of {', '.join(c.__name__ for c in LAYER_SPECS)}, got {spec!r}")
        self._rows = self._build()

    @property
    def input_shape(self):
        return (self.timesteps, self.features)

    def _build(self):
        shape = (self.batch_size, self.timesteps, self.features)
        rows, counts, previous = Summary(), {}, None
        for k, spec in enumerate(self.layers, 1):
            out, states = self._output_shape(k, spec, shape, previous)
            params, formula = spec.params(shape[-1])
            base = _snake(spec.kind)
            name = spec.name or (base if base not in counts else f"{base}_{counts[base]}")
            counts[base] = counts.get(base, 0) + 1
            rows.append(Row(k, name, spec.kind, shape, out, params, formula, states))
            shape, previous = out, (k, spec)
        return rows

    def _output_shape(self, k, spec, shape, previous):
        batch = shape[0]
        if is_recurrent(spec):
            if len(shape) != 3:
                where, got = _where(k, spec), fmt_shape(shape)
                if previous is None:
                    raise ValueError(msg("explore.shapes.input_not_sequence", where=where, shape=got))
                raise ValueError(msg("explore.shapes.no_sequences" if is_recurrent(previous[1]) else
                                     "explore.shapes.not_sequence", where=where, previous=previous[0], shape=got))
            if spec.stateful and batch is None:
                raise ValueError(msg("explore.shapes.stateful_batch", where=_where(k, spec)))
            inner = spec.layer if isinstance(spec, Bidirectional) else spec
            if inner.return_state and k != len(self.layers):
                raise ValueError(msg("explore.shapes.return_state_last", where=_where(k, spec)))
            units = spec.units
            out = (batch, shape[1], units) if spec.return_sequences else (batch, units)
            n_states = 2 if inner.kind == "LSTM" else 1
            states = tuple((batch, inner.units) for _ in range(n_states)) if inner.return_state else ()
            return out, states
        if isinstance(spec, TimeDistributed):
            if len(shape) != 3:
                raise ValueError(msg("explore.shapes.time_distributed", where=_where(k, spec), shape=fmt_shape(shape)))
            return shape[:-1] + (spec.units,), ()
        if isinstance(spec, Dense):
            return shape[:-1] + (spec.units,), ()
        if isinstance(spec, Dropout):
            return shape, ()
        raise TypeError(f"{_where(k, spec)}: unsupported layer spec")  # pragma: no cover

    def summary(self):
        """Rows with name, input_shape, output_shape, params and formula; prints like Keras."""
        return Summary(self._rows)

    @property
    def output_shape(self):
        return self._rows[-1].output_shape

    def count_params(self):
        """Total parameters, as keras.Model.count_params()."""
        return self._rows.total

    def to_keras(self):
        """Build the same model in Keras 3 (imports Keras)."""
        from ..oracle.keras_bridge import to_keras
        return to_keras(self)

    def __repr__(self):
        layers = ", ".join(repr(s) for s in self.layers)
        return f"Stack(input_shape={self.input_shape}, layers=[{layers}], batch_size={self.batch_size})"
