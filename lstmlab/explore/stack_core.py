"""The stack explorer's core: a frozen StackState -> the engine's Stack, its table, its figure, Keras's verdict."""
import html
from dataclasses import dataclass, replace

from ..messages import msg
from ..plots.stack import layer_label
from ..reference.validate import fmt_shape
from ..shapes.specs import GRU, LSTM, Bidirectional, Dense, SimpleRNN, TimeDistributed
from ..shapes.stack import Stack

CELLS = {"LSTM": LSTM, "GRU": GRU, "SimpleRNN": SimpleRNN}
HEADS = ("none", "Dense", "TimeDistributed(Dense)")
MAX_DEPTH = 6
MAX_SIZE = 100_000  # the largest features, timesteps or units a box accepts
MONO = "font-family: var(--jp-code-font-family, monospace), monospace"  # code, in JupyterLab and in Voila alike
CODE_BLOCK = f"{MONO}; line-height: 1.35"  # a <pre>: monospace, and not the 28 px lines of an HTML widget


def parse_size(text, name, max_size=MAX_SIZE):
    """A box's text -> a whole number from 1 to max_size; raises ValueError naming the box and what was typed.

    '64' and ' 64 ' are 64; '0', '-3', '2.5', 'abc' and '' are errors (never silently 1).
    """
    typed = str(text).strip()
    try:
        value = int(typed)
    except ValueError:
        raise ValueError(msg("explore.stack.not_whole", name=name, max_size=f"{max_size:,}", typed=typed)) from None
    if not 1 <= value <= max_size:
        raise ValueError(msg("explore.stack.out_of_range", name=name, max_size=f"{max_size:,}", value=value))
    return value


def parse_batch(text):
    """'None' or '' -> None; a positive int -> int; anything else raises ValueError naming what was typed."""
    text = str(text).strip()
    if text.lower() in ("", "none"):
        return None
    if not text.isdigit() or int(text) < 1:
        raise ValueError(msg("explore.stack.bad_batch", text=text))
    return int(text)


@dataclass(frozen=True)
class StackState:
    """Everything the stack explorer's controls say; the default is the seed's LSTM(64) -> LSTM(32) on (5, 2)."""

    features: int = 2
    timesteps: int = 5
    batch: int = None
    units: tuple = (64, 32)
    return_sequences: tuple = (True, False)
    cell: str = "LSTM"
    bidirectional: bool = False
    head: str = "none"
    head_units: int = 1
    stateful: bool = False

    @property
    def depth(self):
        return len(self.units)


def box_label(name):
    """What a learner reads for the box `name`: Keras's names ('units 2', 'batch') as they are, words translated."""
    return msg("explore.stack.head_units") if name == "head units" else name


def read_state(*, features, timesteps, batch, units, return_sequences, cell="LSTM", bidirectional=False,
               head="none", head_units="1", stateful=False):
    """The controls as typed (sizes as text) -> (StackState or None, {box name: what is wrong}).

    Every box that cannot be read is named ('units 2', 'batch', 'head units', ...: stable names, whatever the
    language), so the explorer can mark each one where it is; the state is None unless every box reads. head units is
    read only when there is a head.
    """
    problems, read = {}, {}

    def size(text, name):
        try:
            read[name] = parse_size(text, box_label(name))
        except ValueError as exc:
            problems[name] = str(exc)

    size(features, "features")
    size(timesteps, "timesteps")
    for k, text in enumerate(units, 1):
        size(text, f"units {k}")
    if head != "none":
        size(head_units, "head units")
    try:
        read["batch"] = parse_batch(batch)
    except ValueError as exc:
        problems["batch"] = str(exc)
    if problems:
        return None, problems
    return StackState(features=read["features"], timesteps=read["timesteps"], batch=read["batch"],
                      units=tuple(read[f"units {k}"] for k in range(1, len(units) + 1)),
                      return_sequences=tuple(return_sequences), cell=cell, bidirectional=bidirectional, head=head,
                      head_units=read.get("head units", 1), stateful=stateful), {}


def with_depth(state, depth):
    """The state with `depth` recurrent layers: kept layers keep their settings, new ones copy the last units.

    return_sequences becomes True on every layer but the last (the stacking rule); the last keeps its setting.
    """
    if not 1 <= depth <= MAX_DEPTH:
        raise ValueError(msg("explore.stack.depth_range", max_depth=MAX_DEPTH, depth=depth))
    units = tuple(state.units[:depth]) + (state.units[-1],) * (depth - len(state.units))
    last = state.return_sequences[-1]
    return replace(state, units=units, return_sequences=(True,) * (depth - 1) + (last,))


def build_stack(state):
    """StackState -> lstmlab.Stack; an invalid configuration raises the engine's ValueError (which layer, the fix)."""
    if len(state.units) != len(state.return_sequences):
        raise ValueError(msg("explore.stack.layers_mismatch", units=len(state.units),
                             sequences=len(state.return_sequences)))
    if state.cell not in CELLS:
        raise ValueError(msg("explore.stack.unknown_cell", cells=", ".join(CELLS), cell=state.cell))
    layers = []
    for units, seq in zip(state.units, state.return_sequences):
        spec = CELLS[state.cell](units, return_sequences=seq, stateful=state.stateful)
        layers.append(Bidirectional(spec) if state.bidirectional else spec)
    if state.head == "Dense":
        layers.append(Dense(state.head_units))
    elif state.head == "TimeDistributed(Dense)":
        layers.append(TimeDistributed(Dense(state.head_units)))
    elif state.head != "none":
        raise ValueError(msg("explore.stack.unknown_head", heads=", ".join(HEADS), head=state.head))
    return Stack(input_shape=(state.timesteps, state.features), layers=layers, batch_size=state.batch)


def total_text(total):
    """The total as Keras prints it: 'Total params: 29,568'."""
    return f"Total params: {total:,}"


def _formula_html(formula, keep):
    """A formula that may break only between its top-level terms ('2 x', '3 x', '(1024 x (300 + 1024) + 2 x 1024)',
    '= 8146944'), never inside parentheses: each term is kept on one line."""
    terms, depth, current = [], 0, ""
    for word in formula.split(" "):
        current = f"{current} {word}" if current else word
        depth += word.count("(") - word.count(")")
        if depth == 0 and word not in ("x", "+", "="):  # an operator stays with the operand after it
            terms.append(current)
            current = ""
    terms += [current] if current else []
    return " ".join(f"<span class='lstmlab-term' style='{keep}'>{html.escape(term)}</span>" for term in terms)


def table_html(stack, highlight=None):
    """The engine's rows as an HTML table (one <tr data-layer=k> per layer, its formula on a row of its own) for the
    widget.

    Shapes and counts never wrap (a shape broken over two lines reads as two shapes); a long name may break
    between name and type, as in the diagram; the formula has the table's width and breaks only between its terms,
    never inside parentheses. Every header is in the language in use (in English, as Keras's model.summary()).
    highlight: the layer number picked (its row tinted, class lstmlab-highlight), as its boxes are in the diagram.
    """
    keep = "white-space:nowrap"
    headers = ("#", msg("explore.stack.col_name"), msg("explore.stack.input_shape"), msg("explore.stack.col_output"),
               msg("explore.stack.col_params"))
    formula = msg("explore.stack.formula")
    head = "".join(f"<th style='text-align:left;{keep}'>{h}</th>" for h in headers)
    body = "".join(
        f"<tr data-layer='{r.index}' class='lstmlab-row{_picked(r.index, highlight)}><td>{r.index}</td>"
        f"<td class='lstmlab-name'>{html.escape(layer_label(r, spec))}</td>"
        f"<td class='lstmlab-in' style='{keep}'>{fmt_shape(r.input_shape)}</td>"
        f"<td class='lstmlab-out' style='{keep}'>{fmt_shape(r.output_shape)}</td>"
        f"<td class='lstmlab-params' style='text-align:right;{keep}'>{r.params:,}</td>"
        f"</tr><tr class='lstmlab-formula-row' data-formula='{r.index}'><td></td><td colspan='4' style='color:#4a5568'>"
        f"{formula} <code style='{MONO}'>{_formula_html(r.formula_line, keep)}</code></td></tr>"
        for r, spec in zip(stack.summary(), stack.layers))
    style = ("<style>.lstmlab-stack-table td, .lstmlab-stack-table th {padding: 2px 8px; line-height: 1.4}"
             ".lstmlab-stack-table td {vertical-align: top}</style>")
    return f"{style}<table class='lstmlab-stack-table'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _picked(index, highlight):
    """The rest of a table row's class attribute: tinted gold (the diagram's highlight colour) when picked."""
    return " lstmlab-highlight' style='background:#fefcbf'" if index == highlight else "'"


def error_html(exc, keras=None):
    """An invalid configuration, explained inside the widget (never a traceback), and Keras 3's own error for it."""
    said = (f"<br><span class='lstmlab-keras-error'>{msg('explore.stack.keras_says')}<br><code style='{MONO}'>"
            f"{html.escape(keras)}</code></span>") if keras else ""
    return ("<div class='lstmlab-error' style='color:#9b2c2c;background:#fff5f5;border-left:4px solid #e53e3e;"
            f"padding:6px 10px'><b>{msg('explore.stack.does_not_build')}</b><br>{html.escape(str(exc))}{said}</div>")


@dataclass(frozen=True)
class StackView:
    """What the widget shows for one state: the Stack (or None), the table, the total text, the error."""

    stack: object
    table: str
    total: str
    error: str


def stack_fix(state):
    """(the fix in words, the fixed StackState) for a stack that does not build, when one change fixes it; else None."""
    for k, seq in enumerate(state.return_sequences[:-1], 1):
        if not seq:  # layer k+1 needs layer k's whole h sequence
            fixed = state.return_sequences[:k - 1] + (True,) + state.return_sequences[k:]
            return msg("explore.stack.fix_sequences", k=k), replace(state, return_sequences=fixed)
    if state.stateful and state.batch is None:
        return msg("explore.stack.fix_batch", batch=16), replace(state, batch=16)
    return None


KERAS_NAMES = {"LSTM": "lstm", "GRU": "gru", "SimpleRNN": "simple_rnn"}


def keras_error(state):
    """The error Keras 3 raises for a stack that does not build (its own words, for a fresh session's layer names), or
    None when this explorer does not know it."""
    for k, seq in enumerate(state.return_sequences[:-1]):
        if not seq:  # layer k+2 gets layer k+1's last h only: (batch, units)
            base = "bidirectional" if state.bidirectional else KERAS_NAMES[state.cell]
            name = f"{base}_{k + 1}"
            shape = fmt_shape((state.batch, state.units[k] * (2 if state.bidirectional else 1)))
            return (f"ValueError: Input 0 with name 'None' of layer '{name}' is incompatible with the layer: "
                    f"expected ndim=3, found ndim=2. Full shape received: {shape}")  # not learner-facing: Keras's words
    if state.stateful and state.batch is None and not state.bidirectional:
        return ("ValueError: When using `stateful=True` in a RNN, the batch size must be static. Found dynamic batch "
                f"size: sequence.shape={fmt_shape((None, state.timesteps, state.features))}")  # not learner-facing
    return None


def stack_view(state):
    """StackState -> StackView; never raises for a bad configuration, it explains it instead."""
    if state.stateful and state.batch is None:  # the page's batch box, not the engine's batch_size=... argument
        return StackView(None, "", "Total params: -", error_html(msg("explore.stack.stateful_needs_batch"),
                                                                 keras_error(state)))
    try:
        stack = build_stack(state)
    except (ValueError, TypeError) as exc:
        return StackView(None, "", "Total params: -", error_html(exc, keras_error(state)))
    return StackView(stack, table_html(stack), total_text(stack.count_params()), "")


def figure_words():
    """(words, legend, text_style) for plots.stack.stack_grid_figure in the page's language (font permitting)."""
    from .figure_text import figure_speaking
    with figure_speaking() as style:
        words = {"input": msg("explore.stack.fig_input"), "output": msg("explore.stack.fig_output"),
                 "x_at": msg("explore.stack.fig_x_at", t="{t}"), "params": msg("explore.stack.fig_params", n="{n}"),
                 "stateful": msg("explore.stack.fig_stateful"), "total": total_text(0).replace("0", "{n}")}
        legend = {"emit": msg("explore.stack.legend_emit"), "quiet": msg("explore.stack.legend_quiet"),
                  "backward": msg("explore.stack.legend_backward"),
                  "backward_emit": msg("explore.stack.legend_backward_emit"),
                  "stateful": msg("explore.stack.legend_stateful"), "dense": msg("explore.stack.legend_dense"),
                  "dropout": msg("explore.stack.legend_dropout")}
    return words, legend, style


def stack_picture(stack, max_timesteps=8, highlight=None):
    """The layers x timesteps diagram of a Stack, as an explore.picture.Picture (SVG at its natural size); the total
    is left out of it: the explorer shows it once, beside the table. highlight: a layer number to outline."""
    from ..plots.stack import stack_grid_figure
    from .picture import picture
    words, legend, style = figure_words()
    return picture(stack_grid_figure(stack, max_timesteps=max_timesteps, words=words, legend=legend, text_style=style,
                                     show_total=False, highlight=highlight))


def broken_picture(state, max_timesteps=8):
    """For a stack that does not build because layer k returns one h and layer k+1 needs a sequence: the layers up
    to k as they run, the red arrows of what layer k hands up, and layer k+1 that cannot run; else None."""
    fix = stack_fix(state)
    if fix is None or fix[1].return_sequences == state.return_sequences:
        return None
    from ..plots.stack import stack_grid_figure
    from .figure_text import figure_speaking
    from .picture import picture
    k = next(j for j, (a, b) in enumerate(zip(state.return_sequences, fix[1].return_sequences), 1) if a != b)
    below = build_stack(replace(state, units=state.units[:k], return_sequences=state.return_sequences[:k], head="none"))
    fixed = build_stack(fix[1])
    row, spec = fixed.summary()[k], fixed.layers[k]  # layer k+1, as it would be once the fix is made
    words, legend, style = figure_words()
    with figure_speaking():
        note = msg("explore.stack.broken_note", received=fmt_shape(below.output_shape))
    return picture(stack_grid_figure(below, max_timesteps=max_timesteps, words=words, legend=legend, text_style=style,
                                     show_total=False, broken=(layer_label(row, spec), note)))


def _keras_shape(shape):
    return tuple(shape) if not isinstance(shape, list) else tuple(tuple(s) for s in shape)


def compare_with_keras(stack):
    """Build the stack in Keras 3 and compare layer by layer: [(row, keras_row, shape_ok, params_ok)], keras total."""
    from ..oracle.keras_bridge import keras_rows, to_keras
    model = to_keras(stack)
    pairs = []
    for row, krow in zip(stack.summary(), keras_rows(model)):
        pairs.append((row, krow, _keras_shape(krow[2]) == row.output_shape, krow[3] == row.params))
    return pairs, model.count_params()


def comparison_html(stack, pairs, keras_total):
    """Keras's verdict: agreement in one line, or the table with every difference highlighted."""
    total = stack.count_params()
    if all(s and p for _, _, s, p in pairs) and keras_total == total and len(pairs) == len(stack.layers):
        agrees = msg("explore.stack.keras_agrees", layers=len(pairs), total=total_text(keras_total))
        return f"<div class='lstmlab-keras-ok' style='color:#22543d'>{agrees}</div>"
    bad = "style='background:#fed7d7'"
    rows = "".join(
        f"<tr><td>{r.index}</td><td>{r.kind}</td><td>{fmt_shape(r.output_shape)}</td>"
        f"<td {'' if s else bad}>{html.escape(str(k[2]))}</td><td>{r.params:,}</td><td {'' if p else bad}>{k[3]:,}</td></tr>"
        for r, k, s, p in pairs)
    disagrees = f"<b style='color:#9b2c2c'>{msg('explore.stack.keras_disagrees')}</b>"
    disagrees = msg("explore.stack.keras_disagrees_line", disagrees=disagrees, engine=total_text(total),
                    keras=total_text(keras_total))
    columns = ("#", msg("explore.stack.col_layer"), msg("explore.stack.col_engine_shape"),
               msg("explore.stack.col_keras_shape"), msg("explore.stack.col_engine_params"),
               msg("explore.stack.col_keras_params"))
    head = "".join(f"<th>{h}</th>" for h in columns)
    return f"<div class='lstmlab-keras-diff'>{disagrees}<table><tr>{head}</tr>{rows}</table></div>"
