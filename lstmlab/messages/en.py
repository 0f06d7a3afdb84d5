"""The English message catalogue of checks: every sentence a learner reads from check() and the grader.

Keys are stable; values are str.format templates with named placeholders. Numbers, shapes, names of
arrays and code are placeholders (or code spans inside a template) and stay as they are in every language.
A translation (issue #14) is a module messages/<lang>.py with MESSAGES holding the same keys.

Groups: headline / inline / line / html (how a verdict is laid out), note, problem, type, value, spec,
refused (what was received), where, axis, axisname (where it differs), hint, case, gate, meaning and
title (one per item), mistake and fix (one per named mistake: its name, then its one-line fix).
"""

MESSAGES = {
    # --- the explorers (lstmlab.explore; also the engine's errors an explorer shows in place) -------------------
    "explore.page.intro": "# lstmlab explorers\nMove a control and watch shapes, parameters and state change. Every number "
                          "comes from lstmlab's shape engine and NumPy reference; **{button}** builds the same model in "
                          "Keras 3.",
    "explore.page.title": "lstmlab explorers: LSTM shapes, cells and state",
    "explore.page.lessons": "The lessons behind them: `make lab` in the lstmlab folder opens the course in JupyterLab.",
    "explore.tabs.stack": "Stack",
    "explore.tabs.cell": "Cell",
    "explore.tabs.stateful": "Stateful",
    "explore.tabs.quiz": "Predict the shape",
    # the stack explorer: controls, the table, Keras's verdict, what cannot be read
    "explore.stack.depth": "depth",
    "explore.stack.cell": "cell",
    "explore.stack.bidirectional": "bidirectional",
    "explore.stack.head": "head",
    "explore.stack.head_none": "none",
    "explore.stack.head_units": "head units",
    "explore.stack.batch_placeholder": "None or a number",
    "explore.stack.check_keras": "Check with Keras",
    "explore.stack.check_keras_tooltip": "build this stack in Keras 3 and compare its summary",
    "explore.stack.input_shape": "Input shape",
    "explore.stack.formula": "Formula:",
    "explore.stack.col_name": "Layer (type)",
    "explore.stack.col_output": "Output shape",
    "explore.stack.col_params": "Param #",
    "explore.stack.fig_input": "input",
    "explore.stack.fig_output": "output",
    "explore.stack.fig_x_at": "x at {t}",
    "explore.stack.fig_params": "{n} params",
    "explore.stack.fig_stateful": "stateful: state kept for next batch",
    "explore.stack.legend_emit": "dark blue: this step's h leaves the layer",
    "explore.stack.legend_quiet": "light blue: h only flows on in time",
    "explore.stack.legend_backward": "red arrows: the backward direction (Bidirectional)",
    "explore.stack.legend_backward_emit": "red edge: the backward direction's h leaves the layer here, at its last step t=1",
    "explore.stack.legend_stateful": "dashed purple: the state is kept for the next batch (stateful)",
    "explore.stack.legend_dense": "orange: Dense",
    "explore.stack.legend_dropout": "grey: Dropout",
    "explore.stack.not_whole": "{name} must be a whole number from 1 to {max_size}; {typed!r} is not a whole number",
    "explore.stack.out_of_range": "{name} must be a whole number from 1 to {max_size}, got {value}",
    "explore.stack.bad_batch": "batch must be a positive whole number or None, got {text!r}",
    "explore.stack.depth_range": "depth must be between 1 and {max_depth}, got {depth}",
    "explore.stack.layers_mismatch": "units has {units} layers but return_sequences has {sequences}",
    "explore.stack.unknown_cell": "cell must be one of {cells}, got {cell!r}",
    "explore.stack.unknown_head": "head must be one of {heads}, got {head!r}",
    "explore.stack.does_not_build": "This stack does not build.",
    "explore.stack.check_disabled": "Check with Keras works once the stack above builds (the greyed stack is an older one).",
    "explore.stack.stateful_needs_batch": "stateful=True needs a fixed batch size (state row i carries to sample i of the "
                                          "next batch): type a number in the batch box above; in Keras it is "
                                          "keras.Input(batch_shape=(batch, timesteps, features)).",
    "explore.stack.fix_sequences": "Fix: set return_sequences=True on layer {k}",
    "explore.stack.fix_batch": "Fix: set batch to {batch}",
    "explore.stack.keras_says": "What Keras 3 raises when it builds this model:",
    "explore.stack.stale": "Greyed below: the last stack that could be read and built.",
    "explore.stack.draw_failed": "could not draw the diagram: {error}",
    "explore.stack.building": "building the model in Keras...",
    "explore.stack.keras_failed": "Keras could not build it: {error}",
    "explore.stack.keras_agrees": "Keras agrees: {layers} layers, same output shapes and parameters ({total}).",
    "explore.stack.keras_disagrees": "Keras disagrees",
    "explore.stack.keras_disagrees_line": "{disagrees} (engine {engine}, Keras {keras}):",
    "explore.stack.col_layer": "layer",
    "explore.stack.col_engine_shape": "engine shape",
    "explore.stack.col_keras_shape": "Keras shape",
    "explore.stack.col_engine_params": "engine params",
    "explore.stack.col_keras_params": "Keras params",
    # the shape engine's errors (lstmlab.Stack), shown in place by the stack explorer
    "explore.shapes.where": "layer {layer} ({kind})",
    "explore.shapes.no_sequences": "{where} needs 3-D input (batch, timesteps, features) but layer {previous} returns "
                                   "{shape}; set return_sequences=True on layer {previous}",
    "explore.shapes.not_sequence": "{where} needs 3-D input (batch, timesteps, features) but layer {previous} returns "
                                   "{shape}; feed it a sequence: put the recurrent layers first, or reshape to "
                                   "(batch, timesteps, features)",
    "explore.shapes.input_not_sequence": "{where} needs 3-D input (batch, timesteps, features) but the input is {shape}; "
                                         "feed it a sequence: put the recurrent layers first, or reshape to "
                                         "(batch, timesteps, features)",
    "explore.shapes.stateful_batch": "{where} has stateful=True, which needs a fixed batch size (state row i carries to "
                                     "sample i of the next batch), but the batch is None; pass batch_size=... to the "
                                     "Stack, as keras.Input(batch_shape=(batch, timesteps, features)) does",
    "explore.shapes.return_state_last": "{where} has return_state=True, which returns [output, h, c]; only the last "
                                        "layer of a Stack may return its states; pass them on with the functional API "
                                        "instead",
    "explore.shapes.time_distributed": "{where} needs 3-D input (batch, timesteps, features) but gets {shape}; set "
                                       "return_sequences=True on the recurrent layer before it, or use a plain Dense "
                                       "for one output per sample",
    # the cell explorer
    "explore.cell.input": "input",
    "explore.cell.input_pulse": "pulse",
    "explore.cell.input_step": "step",
    "explore.cell.input_sine": "sine",
    "explore.cell.input_noise": "noise",
    "explore.cell.input_custom": "custom",
    "explore.cell.weight_scale": "weight scale",
    "explore.cell.forget_bias": "forget bias",
    "explore.cell.seed": "seed",
    "explore.cell.values": "x values",
    "explore.cell.values_placeholder": "e.g. 1, 0, 0, 0.5 (input: custom)",
    "explore.cell.verdict_holds": "f stays near 1: c holds its memory",
    "explore.cell.verdict_forgets": "f is near 0: c forgets at every step",
    "explore.cell.verdict_fades": "f is in between: c slowly fades",
    "explore.cell.report_mean": "mean forget gate f = {f_mean}: {verdict}.",
    "explore.cell.report_kept": "share of c at step 1 still in c at step {last} through f alone (product of f): {kept}",
    "explore.cell.report_final": "final c = {c}, final h = {h}",
    "explore.cell.timesteps_from_values": "set by the x values you typed (one step per value)",
    # a learner's own lstm_step beside the reference (CellExplorer(step=lstm_step))
    "explore.compare.same": "Your {function} gives the reference's c and h at every one of the {n} steps.",
    "explore.compare.differs": "Your {function} first differs from the reference at step {t}, in {output}: expected "
                               "{expected}, yours {got} (outlined in red below).",
    "explore.compare.gate": "The gate where it goes wrong there (from the same h and c as the reference): {gate}, "
                            "in {formula}.",
    "explore.compare.no_gate": "Every gate reacts as the reference's there: look at how c and h are put together.",
    "explore.compare.h_range": "Your h leaves [-1, 1] (largest |h| = {largest}), which h = o*tanh(c) never does: is the "
                               "tanh on c missing?",
    "explore.compare.raised": "Your {function} raised {error} at step {t}.",
    "explore.compare.bad_return": "Your {function} must return (h, c), two arrays of shape {shape}; at step {t} it "
                                  "returned a {got}.",
    "explore.compare.fig_reference": "reference",
    "explore.compare.fig_yours": "yours",
    "explore.compare.fig_c": "c  cell state",
    "explore.compare.fig_h": "h  hidden state (tanh keeps it in [-1, 1])",
    "explore.compare.fig_t": "time step t",
    "explore.compare.fig_unit": "unit {u}",
    "explore.compare.fig_first": "first difference",
    "explore.compare.fig_diff": "yours - reference",
    "explore.cell.fig_i": "i  input gate (how much of c~ to write)",
    "explore.cell.fig_f": "f  forget gate (how much of c to keep)",
    "explore.cell.fig_c_tilde": "c~  candidate (tanh)",
    "explore.cell.fig_o": "o  output gate (how much of c to show)",
    "explore.cell.fig_c": "c  cell state: c = f*c + i*c~",
    "explore.cell.fig_h": "h  hidden state: h = o*tanh(c)",
    "explore.cell.stale": "The heatmaps below, greyed, are for the last input that could be read.",
    "explore.cell.values_not_numbers": "x values must be numbers separated by commas, like 1, 0, 0.5; got {text!r}",
    "explore.cell.values_count": "x values: give 1 to 64 finite numbers, got {n} from {text!r}",
    "explore.cell.custom_needs_values": "a custom input needs its values: CellState(input='custom', values=(1, 0, 0.5))",
    "explore.cell.custom_empty": "a custom input needs at least one value, e.g. 1, 0, 0, 0",
    "explore.cell.unknown_input": "input must be one of {inputs}, got {kind!r}",
    "explore.cell.wrong_features": "x has {features} features (shape {x_shape}) but kernel expects {expected} (kernel "
                                   "shape {kernel_shape} is (features, 4*units))",
    # the stateful explorer (and lstmlab.data.stateful)
    "explore.stateful.series_length": "series length",
    "explore.stateful.reset_between": "reset_states between batches",
    "explore.stateful.cut": "A series of {length} steps, cut into {batch} parallel streams of {stream} steps, then into "
                            "{n_batches} batches of shape {shape} ({left} steps left over):",
    "explore.stateful.batch": "batch {k}",
    "explore.stateful.row": "row {i}",
    "explore.stateful.one_batch": "one batch only: no state is handed over",
    "explore.stateful.all_reset": "reset_states() between batches: all {n} hand-overs start from zeros; no memory "
                                  "crosses batches",
    "explore.stateful.all_continue": "all {n} hand-overs continue the same series: state carries memory across batches",
    "explore.stateful.some_wrong": "{wrong} of {carried} hand-overs give a sample another series' (or an out-of-order) "
                                   "state: with shuffled batches, stateful=True feeds the LSTM the wrong memory",
    "explore.stateful.table_note": "The table lists the first {shown} of the {n} batches; the rest follow the same pattern.",
    "explore.stateful.fig_reset": "stateful=True, reset_states() between batches",
    "explore.stateful.fig_no_reset": "stateful=True, no reset",
    "explore.stateful.fig_shuffled": ", shuffled batches",
    "explore.stateful.fig_in_order": ", batches in order",
    "explore.stateful.series": "series {s}",
    "explore.stateful.chunk": "chunk {k}",
    "explore.stateful.zeros": "zeros",
    "explore.stateful.legend_ok": "green arrow: the row's state continues the same series",
    "explore.stateful.legend_wrong": "red dashed arrow: the row gets another series' (or an earlier part's) state: the "
                                     "wrong memory",
    "explore.stateful.legend_reset": "x: reset_states(), the next batch starts from zeros",
    "explore.stateful.figure_note": "The figure above draws the first {shown} of these {n} batches.",
    "explore.stateful.code_fixed_batch": "stateful needs a fixed batch",
    "explore.stateful.code_keras2": "Keras 2, as seen online: LSTM(units, stateful=True, batch_input_shape=({batch}, "
                                    "{timesteps}, features)),",
    "explore.stateful.code_keras3": "which Keras 3 no longer accepts: give the batch to keras.Input(batch_shape=...) "
                                    "instead",
    "explore.stateful.code_reset": "zeros before every batch, as the diagram shows (the same as stateful=False)",
    "explore.stateful.code_loop": "one batch at a time, so that reset_states() runs between batches",
    "explore.stateful.code_in_order": "in order: row i of batch k+1 continues row i of batch k",
    "explore.stateful.code_shuffled": "shuffled, as fit(shuffle=True) does (harmless here: every batch starts from zeros)",
    "explore.stateful.code_no_reset": "no reset: state flows from the last batch of this epoch into the next epoch too",
    "explore.stateful.too_short": "a series of {length} steps split into batch={batch} streams gives {stream} steps per "
                                  "stream, fewer than timesteps={timesteps}: need at least batch * timesteps = {need} "
                                  "steps (use a smaller batch or fewer timesteps)",
    "explore.stateful.too_short_rows": "a series of {length} rows (shape {shape}) split into batch={batch} streams gives "
                                       "{stream} rows per stream, fewer than timesteps={timesteps}: need at least "
                                       "batch * timesteps = {need} rows (use a smaller batch or fewer timesteps)",
    # the shape quiz: its boxes and buttons, how a verdict reads, what cannot be read
    # predict, then reveal (StackExplorer(predict=True))
    "explore.predict.ask": "Predict first: type each layer's output shape and parameter count, then Reveal.",
    "explore.predict.reveal": "Reveal",
    "explore.predict.no_misses": "No misses in {n} predictions so far.",
    "explore.predict.tally": "Your misses over {n} predictions, by classic mistake:",
    "explore.predict.miss": "{mistake}: {n}",
    "explore.predict.unnamed": "not a classic mistake",
    "explore.predict.lesson": "(covered in lesson {lesson})",
    "explore.quiz.question": "question",
    "explore.quiz.model": "model {k}",
    "explore.quiz.shape_box": "output shape {k}",
    "explore.quiz.params_box": "params {k}",
    "explore.quiz.params_placeholder": "a whole number",
    "explore.quiz.check": "Check",
    "explore.quiz.check_tooltip": "check your answers (or press Enter in a box)",
    "explore.quiz.show_answers": "Show the answers",
    "explore.quiz.answers_tooltip": "the expected shapes and counts, explained",
    "explore.quiz.layer": "layer {k}",
    "explore.quiz.next": "Next model",
    "explore.quiz.answers_after_check": "Check first: the answers can be shown after a try.",
    "explore.quiz.all_right": "All right: nothing to show.",
    "explore.quiz.score": "{right} of {total} right",
    "explore.quiz.where_shape": "layer {layer} output shape",
    "explore.quiz.where_params": "layer {layer} params",
    "explore.quiz.right": "right",
    "explore.quiz.not_yet": "not yet",
    "explore.quiz.right_line": "{where}: {verdict}",
    "explore.quiz.miss_line": "{where}: {verdict}. {named}{hint}",
    "explore.quiz.named": "{mistake}?",
    "explore.quiz.answer": "Answer: {expected} (you wrote {got}): {why}",
    "explore.quiz.nothing": "nothing",
    "explore.quiz.type_shape": "type the output shape, like (None, 7, 3)",
    "explore.quiz.type_params": "type the number of parameters, like 1,234",
    "explore.quiz.shape_empty": "write a shape like (None, 7, 3), got {text!r}",
    "explore.quiz.shape_part": "{part!r} in {text!r} is neither a number nor None; write a shape like (None, 7, 3)",
    "explore.quiz.count_unreadable": "write the parameter count as a whole number like 1,234, got {text!r}",
    "explore.quiz.answer_count": "this model has {layers} layers, got {answers} answers",
    "explore.quiz.sequences_default": "return_sequences=False (the default)",
    # the quiz's explanations, shown with the answers
    "explore.quiz.why_batch_first": "Keras shapes start with the batch axis; {why}",
    "explore.quiz.why_last_axis": "{kind} keeps every axis but the last, which becomes {last}",
    "explore.quiz.why_sequences_true": "return_sequences=True returns h at every step: (batch, timesteps, units)",
    "explore.quiz.why_sequences_false": "return_sequences=False (the default) returns only the last step's h: "
                                        "(batch, units)",
    "explore.quiz.why_bidirectional": "Bidirectional concatenates forward and backward h: 2 x {inner} = {units}",
    "explore.quiz.why_units": "the last axis is units = {units} (the size of h); the first axis is the batch, {batch}",
    "explore.quiz.why_no_weights": "{kind} has no weights",
    "explore.quiz.why_params": "{formula}; it does not depend on timesteps",
    "explore.quiz.why_lstm": "4 gates x (units x (input features + units) + units): {why}",
    # the parameter formulas in words (a hint, not the answer)
    "explore.rule.dense": "input features x units + units",
    "explore.rule.gru": "3 gates x (units x (input features + units) + 2 x units)",
    "explore.rule.one_gate": "units x (input features + units) + units",
    "explore.rule.gates": "{gates} gates x (units x (input features + units) + units)",
    "explore.rule.bidirectional": "2 x ({rule}) for the two directions",
    "explore.quiz.bias_dense": "Dense adds one bias per unit",
    "explore.quiz.bias_gates": "each gate has one bias per unit",
    "explore.quiz.bias_unit": "every unit has one bias",
    # the quiz's classic misses: the name, then the hint (the rule, never the answer)
    "explore.mistake.missing_batch": "missing batch dimension",
    "explore.hint.missing_batch": "Keras shapes start with the batch axis: None while the batch size is free (or the "
                                  "fixed batch of batch_shape). Write it first.",
    "explore.mistake.wrong_batch": "wrong batch axis",
    "explore.hint.batch_free": "the model fixes no batch size (keras.Input(shape=...)), so the batch axis is None, "
                               "whatever batch_size you later pass to fit or predict.",
    "explore.hint.batch_fixed": "this model fixes its batch with keras.Input(batch_shape=...): read the first axis "
                                "there.",
    "explore.mistake.sequences_mixed": "return_sequences mixed up",
    "explore.hint.sequences": "this layer has {flag}. True returns h at every step (batch, timesteps, units); False "
                              "returns only the last step's h (batch, units).",
    "explore.mistake.one_direction": "one direction only",
    "explore.hint.one_direction": "Bidirectional runs the layer forwards and backwards and concatenates the two h: the "
                                  "last axis is twice the units.",
    "explore.mistake.wrong_units": "wrong units",
    "explore.hint.units": "the last axis is the layer's units: the size of h (not cells, not timesteps).",
    "explore.mistake.wrong_last_axis": "wrong last axis",
    "explore.hint.last_axis": "{kind} changes only the last axis, to its own units.",
    "explore.mistake.wrong_timesteps": "wrong timesteps",
    "explore.hint.timesteps": "the middle axis is timesteps: layers keep the input's number of steps.",
    "explore.hint.shape_rule": "write the output as (batch, timesteps, units) when the layer returns every step, "
                               "(batch, units) when it returns the last one.",
    "explore.mistake.no_weights": "no weights",
    "explore.hint.no_weights": "{kind} has no weights of its own.",
    "explore.mistake.missing_bias": "missing bias",
    "explore.hint.missing_bias": "{bias}: the last + units of {rule}.",
    "explore.mistake.gru_one_bias": "one GRU bias only",
    "explore.hint.gru_one_bias": "Keras 3's GRU has reset_after=True: two biases per gate, 3 x (units x (features + "
                                 "units) + 2 x units).",
    "explore.mistake.missing_gates": "missing gates",
    "explore.hint.missing_gates": "{kind} has {gates} gates, each with its own kernel, recurrent kernel and bias: "
                                  "multiply by {gates}.",
    "explore.mistake.missing_recurrent": "missing recurrent kernel",
    "explore.hint.missing_recurrent": "each gate also multiplies the previous h: add the units x units recurrent "
                                      "kernel.",
    "explore.mistake.bidirectional_once": "Bidirectional counted once",
    "explore.hint.bidirectional_once": "Bidirectional holds two layers, a forward and a backward one: twice the "
                                       "parameters.",
    "explore.mistake.wrong_features": "wrong input features",
    "explore.hint.wrong_features": "layer {layer} reads what layer {previous} returns: its input features are the last "
                                   "axis of that output, not the model's input features.",
    "explore.mistake.per_step": "counted per time step",
    "explore.hint.per_step": "parameters do not depend on timesteps: the same weights are used at every step.",
    "explore.hint.params_rule": "count the weights: {rule}; the input features are the last axis of what the layer "
                                "receives.",

    # --- how a verdict reads ----------------------------------------------------------------------------------
    "headline.passed": "Passed ({points}/{max_points})",
    "headline.failed": "Failed ({points}/{max_points})",
    "headline.error": "Error ({points}/{max_points})",
    "headline.timeout": "Timed out ({points}/{max_points})",
    "headline.not_attempted": "Not attempted ({points}/{max_points})",
    "inline.head": "{item}: {headline}.",
    "inline.join": " ",
    "inline.mistake": "Likely mistake: {name}.",
    "inline.fix": "Fix: {fix}",
    "inline.where": "Where: {where}.",
    "inline.case": "In {case}.",
    "inline.error": "Python's error: {error}",
    "line.head": "{item}: {headline}",
    "line.mistake": "Likely mistake: {name}",
    "line.fix": "Fix: {fix}",
    "line.where": "Where: {where}",
    "line.case": "In {case}",
    "line.error": "Python's error: {error}",
    "html.case": "The inputs it was checked on",
    "html.error": "Python's own error message",

    # --- passed, not attempted, what went wrong --------------------------------------------------------------
    "note.passed": "{meaning} (checked on {n} random inputs)",
    "note.not_attempted": "`{function}` still raises NotImplementedError. Body already written? Then its `def` cell has "
                          "not run since: click it, press Shift+Enter, then run this check again. Not yet? Write its "
                          "body first.",
    "note.not_attempted_graded": "`{function}` still raises NotImplementedError in the notebook you handed in, where every "
                                 "cell was run: its body is not written yet.",
    "problem.raised": "Your function raised {error} on case {k} of {n}.",
    "problem.timeout": "Timed out on case {k} of {n}: {detail}.",
    "problem.items_file": "use_items: cannot load {source} ({why}); ask your teacher for the course's items file.",
    "problem.no_item": "check: there is no exercise {item!r}; the exercises are: {items}.",
    "problem.not_a_function": "expected the function `{function}` itself, received a {kind}: write "
                              "check(\"...\", {function}) without calling it.",
    "problem.internal": "check could not judge this answer: this is a bug in lstmlab. Please report it with the "
                        "error below.",
    "problem.shape": "Wrong shape for {name}: expected {expected}, received {received}.",
    "problem.values": "Wrong values for {name}: {count} of {size} numbers differ; the largest difference is {gap} "
                      "(expected {expected}, received {received}).",
    "problem.values_hidden": "Wrong values for {name}: {count} of {size} numbers differ; the largest difference is "
                             "{gap}.",  # no received value: with the gap it would give away the hidden expected one
    "problem.value": "Wrong value for {name}: expected {expected}, received {received}.",
    "problem.value_hidden": "Wrong value for {name}: received {received}.",
    "problem.layer_shape": "Wrong output shape: expected {expected}, you wrote {received}.",
    "problem.layer_shape_hidden": "Wrong output shape: you wrote {received}.",
    "problem.layer_params": "Wrong parameter count: expected {expected}, you wrote {received}.",
    "problem.layer_params_hidden": "Wrong parameter count: you wrote {received}.",

    # --- types and structure ------------------------------------------------------------------------------
    "type.wrong_type": "Wrong type: expected {expected}, received {received}.",
    "type.wrong_count": "Wrong number of values: expected {expected}, received {received}.",
    "type.part": "Wrong type for {name}: expected {expected}, received {received}.",
    "type.shapes_list": "Wrong structure: expected a list of {n} (output_shape, params) pairs, one per layer, "
                        "received {received}.",
    "type.shapes_pair": "Wrong structure for layer {layer}: expected a pair (output_shape, params), like "
                        "((None, 5, 64), 17152), received {received}.",
    "type.shapes_shape": "Wrong type for the output shape of layer {layer}: expected a tuple like (None, 32), with "
                         "None for the batch, received {received}.",
    "type.shapes_shape_int": "Wrong type for the output shape of layer {layer}: its sizes should be ints, like "
                             "(None, 5, 64).",
    "type.shapes_params": "Wrong type for the parameter count of layer {layer}: expected an int, received {received}.",
    "type.head_pair": "Wrong structure: expected a pair (return_sequences, units), like (False, 7); received {received}.",
    "type.head_flag": "Wrong value for return_sequences: expected True or False, received {received}.",
    "type.head_units": "Wrong value for units: expected an int of at least 1, received {received}.",
    "problem.head_mismatch": "With return_sequences={sequences} and Dense({units}) the model's output is {output}, but "
                             "the targets y are {y}: apart from the batch the two must match (a 1-D y, (samples,), "
                             "counts as (samples, 1)).",
    "where.head": "the head you chose: LSTM(..., return_sequences={sequences}), then Dense({units})",
    "spec.tuple": "a tuple ({names}) of {n} arrays",
    "spec.array": "an array ({name})",
    "spec.int": "an int ({name})",
    "value.none": "None (is a `return` missing?)",
    "value.dict": "a dict with keys {keys}",
    "value.sequence": "{n} values",
    "value.int": "an int ({value})",
    "value.float": "a float ({value})",
    "value.array": "one array of shape {shape}",
    "value.other": "a {kind}",
    "value.not_finite": "not finite",
    "value.an_error": "an error",
    "refused.not_numbers": "a {kind} (dtype {dtype}), which is not numbers",
    "refused.unreadable": "a {kind} that could not be read as numbers ({error})",
    "refused.too_many_parts": "an answer nested too deeply or too long (more than {limit} parts)",
    "refused.too_large": "an answer too large (more than {limit} numbers)",
    "refused.stored_not_numbers": "a stored result that is not a plain array of numbers",
    "refused.malformed": "a malformed stored result",

    # --- where ------------------------------------------------------------------------------------------------
    "where.axis": "axis {axis} of {name} ({label}): expected {expected}, received {received}",
    "where.ndim": "{name} is {received}-D, expected {expected}-D ({axes})",
    "where.ndim_plain": "{name} is {received}-D, expected {expected}-D",
    "where.output": "{name}",
    "where.returned": "the value your function returns",
    "where.index": "{at} ({axes})",
    "where.gates": "the wrong numbers of {name} are in the gate block(s) {gates} only",
    "where.first_step": "the first wrong time step is t = {step} ({count} of the steps 0..{last} are wrong)",
    "where.isolated": "your answer is right once {step} is zero: the mistake is in how it enters",
    "step.bias": "the bias",
    "step.input_term": "the input x",
    "step.state": "the state (h, c)",
    "step.dense_bias": "the Dense layer's bias",
    "kind.sign": "{name} has the right numbers with the opposite sign",
    "kind.scale": "{name} is the right answer times {factor}",
    "kind.shift": "{name} is the right answer plus {shift} everywhere",
    "kind.reversed": "{name} holds the right numbers reversed along the {axis} axis",
    "kind.off_by_one": "{name} is the right answer moved by one along the {axis} axis (index {step})",
    "kind.order": "{name} holds the right numbers in another order",
    "where.line": "line {line} of your cell, in {function}: `{code}`",
    "where.line_only": "line {line} of your cell, in {function}",
    "where.layer": "layer {layer} ({spec})",
    "where.layer_only": "layer {layer}",
    "axis.sample": "sample {index}",
    "axis.step": "time step {index}",
    "axis.unit": "unit {index}",
    "axis.feature": "feature {index}",
    "axis.window": "window {index}",
    "axis.batch": "batch {index}",
    "axis.chunk": "chunk {index}",
    "axis.row": "row {index}",
    "axis.gate_unit": "gate {gate}, unit {unit}",
    "axisname.sample": "samples",
    "axisname.step": "time steps",
    "axisname.unit": "units",
    "axisname.feature": "features",
    "axisname.window": "windows",
    "axisname.batch": "batches",
    "axisname.chunk": "chunks",
    "axisname.row": "rows",
    "axisname.gate": "4*units: the gates i, f, c, o",
    "hint.lstm_shapes": "This is a shape error. kernel is (features, 4*units) and recurrent_kernel is (units, 4*units), "
                        "so z = x @ kernel + h @ recurrent_kernel + bias is (batch, 4*units). Print the shapes of your "
                        "arrays to find the one that is not what you expect.",
    "hint.explorer": "See it step by step in the cell explorer, beside the reference: run `{code}`.",
    "hint.shapes": "This is a shape error: print the shapes of your arrays (`.shape`) to find the one that is not "
                   "what you expect.",
    "case.which": "case {k} of {n}: {inputs}",
    "case.too_large": "# {name}: an array of shape {shape}, too large to show",
    "case.stack": "timesteps={timesteps}, features={features}, layers {layers}",
    "case.stack_forward": "x {shape}, LSTM layers of {units} units, then Dense({dense})",
    "gate.i": "input gate i",
    "gate.f": "forget gate f",
    "gate.o": "output gate o",
    # joiners for sentences built from parts: a list of items, and clauses of one sentence
    "join.list": ", ",
    "join.clauses": "; ",
    "join.label": ": ",  # between a label and what it labels: `Fix: ...`
    "join.sentences": " ",  # between two whole sentences
    "language.unknown": "no message catalogue for the language {lang!r}; available: {known} (see issue #14)",

    # --- the items ------------------------------------------------------------------------------------------
    "title.lstm_step": "One LSTM step",
    "title.lstm_param_count": "Parameters of an LSTM layer",
    "title.split_gates": "The gate blocks of a weight",
    "title.lstm_layer": "An LSTM layer with return_sequences and return_state",
    "title.lstm_layer_initial_state": "An LSTM layer started from a given state",
    "title.last_output": "The last output of a sequence",
    "title.make_windows": "Windows with targets",
    "title.count_batches": "Batches per epoch",
    "title.match_targets": "The head that matches the targets",
    "title.predict_shapes": "Predict a stack's shapes and parameters",
    "title.stack_forward": "A forward pass through a stack",
    "title.stateful_batches": "Stateful batches",
    "title.stateful_forward": "A stateful forward pass over chunks",
    "title.lstm_step_backward": "The backward pass of one LSTM step",
    "title.lstm_layer_backward": "Backpropagation through time over a layer",
    "meaning.lstm_step": "Your step computes h and c as keras.layers.LSTMCell does (to float32 precision).",
    "meaning.lstm_param_count": "4 * (units * (features + units) + units): it does not depend on the number of time "
                                "steps.",
    "meaning.split_gates": "You can read any LSTM weight gate by gate, in Keras's order i, f, c, o.",
    "meaning.lstm_layer": "Your layer returns what keras.layers.LSTM returns, for every combination of the two flags.",
    "meaning.lstm_layer_initial_state": "Your layer continues from a given state, as "
                                        "LSTM(...)(x, initial_state=[h0, c0]) does.",
    "meaning.last_output": "sequence[:, -1, :] is what return_sequences=False returns (and equals the final h).",
    "meaning.make_windows": "X is (samples, timesteps, features) and y[j] is the row right after window j.",
    "meaning.count_batches": "fit() runs ceil(samples / batch_size) steps per epoch; the last batch may be smaller.",
    "meaning.match_targets": "The model's output matches the targets' shape apart from the batch: one label per sample "
                             "needs return_sequences=False, one per step needs True, and Dense's units are the "
                             "numbers in one label.",
    "meaning.predict_shapes": "You can read any stack's summary before running it.",
    "meaning.stack_forward": "Each LSTM feeds its h sequence to the next; the last one's final h goes through the Dense.",
    "meaning.stateful_batches": "Sample i of batch k+1 continues sample i of batch k, as stateful=True assumes.",
    "meaning.stateful_forward": "Feeding chunks one by one with the state carried gives what one long sequence gives.",
    "meaning.lstm_step_backward": "Your gradients equal the reference's, which equal finite differences and "
                                  "tf.GradientTape.",
    "meaning.lstm_layer_backward": "Your BPTT carries dh and dc back through time and sums the weight gradients over "
                                   "every step.",

    # --- type mistakes (any item) ----------------------------------------------------------------------------
    "mistake.none_returned": "no return value",
    "fix.none_returned": "end the function with `return ...`: without it, Python returns None.",
    "mistake.dict_for_tuple": "a dict instead of a tuple",
    "fix.dict_for_tuple": "return the values themselves, as a tuple in the order the exercise gives (like "
                          "`return h, c`), not a dict.",
    "mistake.array_for_tuple": "one array instead of a tuple",
    "fix.array_for_tuple": "return the values separately, `return {names}`, not np.array([...]) or np.stack(...) of them.",
    "mistake.list_for_array": "a list instead of one array",
    "fix.list_for_array": "make one array of the list with np.stack(...) (or np.array(...)).",
    "mistake.float_for_int": "a float instead of an int",
    "fix.float_for_int": "a count is an int: use integer division // or int(...), not / alone (and not np.ceil, which "
                         "returns a float).",
    "mistake.not_numbers": "an answer that is not numbers",
    "fix.not_numbers": "return NumPy arrays or numbers, not strings, objects or functions.",

    # --- one LSTM step (lesson 01; also inside every layer, stack and stateful item) ---------------------------
    "mistake.gate_order": "gate order (i, f, o, c)",
    "fix.gate_order": "Keras stores the gates as i, f, c, o: z[:, 2*units:3*units] is the candidate c_tilde, "
                      "z[:, 3*units:] the output gate o.",
    "mistake.if_swapped": "input and forget gates swapped",
    "fix.if_swapped": "the first block of z is the input gate i, the second the forget gate f: "
                      "i, f, c_tilde, o = np.split(z, 4, axis=1).",
    "mistake.transposed": "transposed kernel",
    "fix.transposed": "kernel is (features, 4*units) in Keras: use x @ kernel, not x @ kernel.T.",
    "mistake.transposed_recurrent": "transposed recurrent kernel",
    "fix.transposed_recurrent": "recurrent_kernel is (units, 4*units): use h @ recurrent_kernel, not "
                                "h @ recurrent_kernel.T.",
    "mistake.kernels_swapped": "kernel and recurrent_kernel swapped",
    "fix.kernels_swapped": "the input goes through the kernel and the state through the recurrent kernel: "
                           "x @ kernel + h @ recurrent_kernel.",
    "mistake.no_bias": "missing bias",
    "fix.no_bias": "add the bias: z = x @ kernel + h @ recurrent_kernel + bias.",
    "mistake.split_rows": "z split along the batch axis",
    "fix.split_rows": "the gates are column blocks of z (batch, 4*units): np.split(z, 4, axis=1), not axis=0.",
    "mistake.no_tanh_c": "missing tanh on c",
    "fix.no_tanh_c": "h = o * tanh(c), not o * c.",
    "mistake.sigmoid_candidate": "sigmoid on the candidate",
    "fix.sigmoid_candidate": "the candidate c_tilde uses tanh (values in -1..1); only i, f and o use the sigmoid.",
    "mistake.no_candidate_activation": "no activation on the candidate",
    "fix.no_candidate_activation": "the candidate is c_tilde = tanh(z_c), not z_c itself.",
    "mistake.relu": "relu instead of tanh",
    "fix.relu": "an LSTM's activation is tanh, on the candidate and on c: activation='relu' changes both "
                "(and loses Keras's fast kernel).",
    "mistake.hard_sigmoid": "hard sigmoid instead of sigmoid",
    "fix.hard_sigmoid": "Keras 3's gates use the sigmoid 1 / (1 + exp(-z)); clip(0.2 * z + 0.5, 0, 1) was Keras 2's "
                        "default.",
    "mistake.h_from_old_c": "h computed from the old c",
    "fix.h_from_old_c": "update c first, then h = o * tanh(c) with the new c.",
    "mistake.tanh_gate": "tanh instead of sigmoid on the {gate}",
    "fix.tanh_gate": "the gates i, f and o use the sigmoid (values in 0..1); only the candidate and c use tanh.",
    "mistake.raw_gate": "no sigmoid on the {gate}",
    "fix.raw_gate": "apply the sigmoid to the {gate}'s block of z before using it.",
    "mistake.h_c_swapped": "h and c swapped",
    "fix.h_c_swapped": "return (h, c) in that order: h = o * tanh(c) is the output, c the cell state.",
    "mistake.ignored_state": "ignoring the initial state",
    "fix.ignored_state": "the step must use the h and c it is given (z uses h @ recurrent_kernel, and "
                         "c = f * c + i * c_tilde).",

    # --- parameter count ------------------------------------------------------------------------------------
    "mistake.one_gate": "one gate instead of four",
    "fix.one_gate": "each of the 4 gates (i, f, c, o) has its own kernel, recurrent kernel and bias: "
                    "4 * (units * (inputs + units) + units).",
    "mistake.count_no_bias": "missing the bias",
    "fix.count_no_bias": "each gate has a bias of `units` numbers: 4 * (units * (features + units) + units).",
    "mistake.no_recurrent": "missing the recurrent kernel",
    "fix.no_recurrent": "h feeds back through a (units, 4*units) recurrent kernel: units * (features + units).",
    "mistake.bias_once": "one bias for all four gates",
    "fix.bias_once": "the bias is (4*units,): every gate has its own, so it is inside the 4 * (...).",
    "mistake.bias_one_per_gate": "one bias number per gate",
    "fix.bias_one_per_gate": "every gate has a bias per unit: + units, not + 1.",
    "mistake.units_features_swapped": "units and features swapped",
    "fix.units_features_swapped": "the kernel is (features, 4*units) and the recurrent kernel (units, 4*units): "
                                  "4 * (units * (features + units) + units).",

    # --- the gate blocks of a weight ------------------------------------------------------------------------
    "mistake.split_gate_order": "gate order (i, f, o, c)",
    "fix.split_gate_order": "Keras's column blocks are i, f, c, o (candidate third, output gate last).",
    "mistake.split_if_swapped": "input and forget gates swapped",
    "fix.split_if_swapped": "the first column block is the input gate i, the second the forget gate f.",
    "mistake.split_tf1_order": "gate order (i, c, f, o) of TensorFlow 1",
    "fix.split_tf1_order": "Keras's order is i, f, c, o; TensorFlow 1's LSTMCell used i, c (j), f, o.",
    "mistake.split_rows_axis": "split along the wrong axis",
    "fix.split_rows_axis": "the gates are column blocks: split the last axis (4*units), not the rows.",
    "mistake.split_interleaved": "interleaved columns instead of blocks",
    "fix.split_interleaved": "each gate is one block of `units` neighbouring columns, weight[:, k*units:(k+1)*units], "
                             "not every 4th column (weight[:, k::4]).",
    "mistake.units_from_rows": "units read from the rows",
    "fix.units_from_rows": "units = weight.shape[-1] // 4: the 4*units are the columns, whatever the rows are.",
    "mistake.blocks_transposed": "blocks transposed",
    "fix.blocks_transposed": "each block keeps the weight's rows: (rows, units), not (units, rows).",

    # --- a layer through time (lesson 02) -------------------------------------------------------------------
    "mistake.last_only": "the last output instead of the sequence",
    "fix.last_only": "with return_sequences=True return every step's h: (batch, timesteps, units).",
    "mistake.sequence_not_last": "the sequence instead of the last output",
    "fix.sequence_not_last": "with return_sequences=False return only the last step's h: (batch, units).",
    "mistake.swap_state": "h and c swapped",
    "fix.swap_state": "with return_state=True Keras returns [output, h, c], h first.",
    "mistake.no_return_state": "return_state ignored",
    "fix.no_return_state": "with return_state=True return [output, h, c], not the output alone.",
    "mistake.state_without_c": "the state without c",
    "fix.state_without_c": "with return_state=True an LSTM returns two states: [output, h, c].",
    "mistake.time_major": "the sequence stacked along axis 0 (timesteps first)",
    "fix.time_major": "Keras's sequences are (batch, timesteps, units): np.stack(outputs, axis=1), not np.stack(outputs).",
    "mistake.x_batch_index": "x[t] instead of x[:, t]",
    "fix.x_batch_index": "x is (batch, timesteps, features): the inputs of step t are x[:, t], (batch, features); "
                         "x[t] is sample t's whole sequence.",
    "mistake.reset_each_step": "state not carried between time steps",
    "fix.reset_each_step": "h and c from step t are the state of step t+1: start from zeros once, before the loop.",
    "mistake.reset_c_each_step": "c not carried between time steps",
    "fix.reset_c_each_step": "set c to zeros once, before the loop: the new c of step t is the c of step t+1.",
    "mistake.reset_h_each_step": "h not carried between time steps",
    "fix.reset_h_each_step": "set h to zeros once, before the loop: the new h of step t is the h of step t+1.",
    "mistake.c_sequence": "the c sequence instead of h",
    "fix.c_sequence": "an LSTM's output at each step is h = o * tanh(c); collect h, not c.",
    "mistake.ignored_initial_state": "ignoring the initial state",
    "fix.ignored_initial_state": "start the loop from h = h0 and c = c0, not from zeros "
                                 "(Keras: initial_state=[h0, c0]).",
    "mistake.swap_initial": "h and c swapped",
    "fix.swap_initial": "Keras's initial_state is [h0, c0]: h first, then c.",
    "mistake.h0_only": "only h0 used (c starts from zero)",
    "fix.h0_only": "the state is two arrays: start from h = h0 and c = c0.",
    "mistake.initial_each_step": "the initial state used at every step",
    "fix.initial_each_step": "h0 and c0 start the first step only; every later step starts from the previous step's "
                             "h and c (set h, c = h0, c0 before the loop).",
    "mistake.first_step": "the first time step instead of the last",
    "fix.first_step": "the last step is sequence[:, -1, :].",
    "mistake.last_sample": "the last sample instead of the last time step",
    "fix.last_sample": "axis 0 is the batch, axis 1 the time steps: sequence[:, -1, :].",
    "mistake.last_unit": "the last unit instead of the last time step",
    "fix.last_unit": "the time steps are axis 1: sequence[:, -1, :], not sequence[:, :, -1].",
    "mistake.kept_time_axis": "the time axis kept",
    "fix.kept_time_axis": "sequence[:, -1, :] is (batch, units); sequence[:, -1:, :] keeps a time axis of length 1.",
    "mistake.len_is_batch": "len(sequence) taken as the number of time steps",
    "fix.len_is_batch": "len(sequence) is the batch size; the time steps are sequence.shape[1] (or use -1).",
    "mistake.index_past_end": "an index one past the last time step",
    "fix.index_past_end": "time steps are numbered 0 .. timesteps-1: the last is sequence[:, timesteps - 1] "
                          "(or sequence[:, -1]).",
    "mistake.second_to_last": "the second-to-last time step",
    "fix.second_to_last": "the last step is sequence[:, -1, :].",

    # --- shaping data (lesson 03) -----------------------------------------------------------------------------
    "mistake.target_inside": "off-by-one window (the target is inside the window)",
    "fix.target_inside": "sample j sees rows j .. j+timesteps-1 and predicts row j+timesteps: "
                         "y = series[timesteps:, target_column].",
    "mistake.target_inside_all": "off-by-one window (the target is the window's last row)",
    "fix.target_inside_all": "the target is the row after the window: y = series[timesteps:, target_column], and "
                             "N - timesteps windows.",
    "mistake.one_short": "off-by-one window (one window too few)",
    "fix.one_short": "a series of N rows gives N - timesteps windows: the last one ends at row N-2 and predicts row N-1.",
    "mistake.one_too_many": "off-by-one window (one window too many)",
    "fix.one_too_many": "the last window needs a next row as its target: N - timesteps windows, not "
                        "N - timesteps + 1.",
    "mistake.whole_row": "the whole row as target",
    "fix.whole_row": "y holds one column, series[timesteps:, target_column]: shape (samples,).",
    "mistake.y_column": "y as a column (samples, 1)",
    "fix.y_column": "index the column with an int, series[timesteps:, target_column], so y is (samples,), "
                    "not with a list [target_column].",
    "mistake.no_overlap": "windows that do not overlap (step timesteps instead of 1)",
    "fix.no_overlap": "a new window starts at every row: range(N - timesteps), not range(0, N - timesteps, timesteps).",
    "mistake.window_axis": "windows stacked along the wrong axis",
    "fix.window_axis": "X is (samples, timesteps, features): np.stack(windows) (axis 0), not axis=1.",
    "mistake.target_dropped": "the target column left out of X",
    "fix.target_dropped": "X keeps every column of the series, the target's too: its past values help predict it.",
    "mistake.floor_batches": "the last, smaller batch forgotten",
    "fix.floor_batches": "Keras keeps the remainder as one smaller batch: ceil(samples / batch_size).",
    "mistake.rounded_batches": "rounded instead of rounded up",
    "fix.rounded_batches": "any remainder makes one more batch, however small: math.ceil(samples / batch_size), "
                           "or -(-samples // batch_size).",
    "mistake.one_batch_too_many": "one batch too many when batch_size divides samples",
    "fix.one_batch_too_many": "samples // batch_size + 1 counts an empty batch when the division is exact: "
                              "use ceil(samples / batch_size).",
    "mistake.batches_swapped": "samples and batch_size swapped",
    "fix.batches_swapped": "the number of batches is samples divided by batch_size, rounded up.",
    "mistake.targets_sequences_kept": "the last LSTM still returns sequences (seed 004's model)",
    "fix.targets_sequences_kept": "one label per sample, y (samples, k): return_sequences=False on the last LSTM, so "
                                  "the output is (None, k), not (None, timesteps, k).",
    "mistake.targets_no_sequences": "return_sequences=False for one label per step",
    "fix.targets_no_sequences": "a 3-D y (samples, timesteps, k) has a label at every step: return_sequences=True, so "
                                "Dense gives one output per step.",
    "mistake.targets_2d_as_steps": "a 2-D y read as one label per step",
    "fix.targets_2d_as_steps": "y (samples, k) is k numbers for each sample, with no time axis: return_sequences=False. "
                               "Only a 3-D y (samples, timesteps, k) needs True (test y.ndim == 3).",
    "mistake.targets_units_one": "Dense(1) whatever the targets",
    "fix.targets_units_one": "Dense's units are the numbers in one label: y.shape[-1] (1 for a 1-D y).",
    "mistake.targets_units_features": "Dense's units from X's features",
    "fix.targets_units_features": "the head's units follow the targets, not the inputs: y.shape[-1], not X.shape[-1].",
    "mistake.targets_units_axis1": "Dense's units from y's time axis",
    "fix.targets_units_axis1": "in y (samples, timesteps, k) axis 1 is time; the units are the last axis, y.shape[-1].",
    "mistake.targets_units_last_axis": "a 1-D y's length as Dense's units",
    "fix.targets_units_last_axis": "for a 1-D y, (samples,), y.shape[-1] is the number of samples: one number per "
                                   "sample is Dense(1).",
    "mistake.targets_units_flat": "Dense's units as every number of one sample's targets",
    "fix.targets_units_flat": "with return_sequences=True, Dense acts at every step: its units are the numbers of one "
                              "step's label, y.shape[-1], not timesteps * k.",
    "mistake.targets_units_timesteps": "Dense's units from X's time steps",
    "fix.targets_units_timesteps": "the head's units come from y: y.shape[-1] (1 for a 1-D y), not X.shape[1].",
    "mistake.head_swapped": "units and return_sequences in the wrong order",
    "fix.head_swapped": "return (return_sequences, units), the flag first: e.g. return False, 7.",

    # --- stacking (lesson 04) ---------------------------------------------------------------------------------
    "mistake.no_sequences": "return_sequences ignored",
    "fix.no_sequences": "with return_sequences=True an LSTM returns (None, timesteps, units), one h per step.",
    "mistake.dense_no_bias": "a Dense without its bias",
    "fix.dense_no_bias": "a Dense has inputs * units weights plus units biases.",
    "mistake.no_batch_dim": "the batch dimension left out",
    "fix.no_batch_dim": "Keras's output shapes start with the batch, None: (None, 5, 64), not (5, 64).",
    "mistake.dense_drops_time": "a Dense that drops the time axis",
    "fix.dense_drops_time": "a Dense acts on the last axis only: after (None, timesteps, units) it gives "
                            "(None, timesteps, its units).",
    "mistake.input_features_everywhere": "every layer's input taken as the data's features",
    "fix.input_features_everywhere": "a layer's inputs are the previous layer's units; only the first layer sees "
                                     "the features.",
    "mistake.timesteps_as_features": "time steps taken as the input size",
    "fix.timesteps_as_features": "a layer's inputs are the last axis of what it receives (shape[-1]), never the time "
                                 "steps (shape[1]).",
    "mistake.pass_states": "states passed between layers",
    "fix.pass_states": "stacked layers pass only the h sequence; each layer starts from zero state.",
    "mistake.sequence_out": "the sequence from the last LSTM",
    "fix.sequence_out": "only the layers before the last return sequences; the last gives (batch, units) to the Dense.",
    "mistake.dense_first_step": "the first time step into the Dense",
    "fix.dense_first_step": "the Dense reads the last LSTM's final h, its last time step.",
    "mistake.dense_on_c": "c instead of h into the Dense",
    "fix.dense_on_c": "a layer's output is h; c stays inside the cell.",
    "mistake.dense_bias_missing": "a Dense without its bias",
    "fix.dense_bias_missing": "the Dense computes h @ dense_kernel + dense_bias.",
    "mistake.every_layer_x": "every layer fed the input x",
    "fix.every_layer_x": "each layer reads the previous layer's h sequence; only the first reads x.",
    "mistake.dense_transposed": "transposed Dense kernel",
    "fix.dense_transposed": "dense_kernel is (units, outputs): h @ dense_kernel, not h @ dense_kernel.T.",

    # --- stateful (lesson 05) ---------------------------------------------------------------------------------
    "mistake.consecutive": "consecutive chunks in one batch (sample i does not continue sample i)",
    "fix.consecutive": "split the series into `batch` long streams first; batch k holds chunk k of every stream, so "
                       "sample i of batch k+1 starts where sample i of batch k ended.",
    "mistake.batch_axes_swapped": "batches and samples axes swapped",
    "fix.batch_axes_swapped": "return (n_batches, batch, timesteps, features): transpose the first two axes of "
                              "(batch, n_batches, ...).",
    "mistake.interleaved_streams": "interleaved streams",
    "fix.interleaved_streams": "each stream is a contiguous stretch of the series, rows i*stream .. (i+1)*stream-1: "
                               "reshape(batch, stream, features), not reshape(stream, batch, features).",
    "mistake.remainder_kept": "the remainder not dropped",
    "fix.remainder_kept": "drop the rows that do not fill a stream (N % batch) and the steps that do not fill a chunk "
                          "before reshaping.",
    "mistake.trimmed_first": "the series trimmed to n_batches * batch * timesteps rows before it is cut into batch streams",
    "fix.trimmed_first": "cut the series into batch streams of len(series) // batch rows first (stream i starts at row i * stream), then drop each stream's last steps that do not fill a chunk.",
    "mistake.two": "two mistakes at once: {first}; and {second}",
    "fix.two": "{first} And: {second}",
    "mistake.dbias_mean": "dbias averaged over the batch instead of summed",
    "fix.dbias_mean": "the loss adds every sample's contribution: dbias = dz.sum(axis=0) (the mean belongs in the loss, if anywhere, not here).",
    "mutation.answer_swapped": "`{name}` and `{other}` returned in each other's place",
    "mutfix.answer_swapped": "return the values in the order asked for: `{name}` where `{name}` belongs, `{other}` where `{other}` belongs.",
    "mutation.answer_repeated": "`{other}` returned in the place of `{name}`",
    "mutfix.answer_repeated": "return `{name}` itself in its place, not `{other}` again.",
    "mutation.answer_dropped": "`{name}` left out of what is returned",
    "mutfix.answer_dropped": "return `{name}` too, in its place among the values asked for.",
    "mutation.answer_reversed_order": "the values returned in reverse order",
    "mutfix.answer_reversed_order": "return the values in the order the exercise asks for.",
    "mutation.answer_axes_swapped": "`{name}` with its {first} and {second} axes swapped",
    "mutfix.answer_axes_swapped": "check the order of `{name}`'s axes: the {first} axis comes before the {second} axis as asked, not the other way round.",
    "mutation.answer_reshaped": "`{name}` reshaped where its {first} and {second} axes should be swapped (reshape keeps the order of the numbers; it does not transpose)",
    "mutfix.answer_reshaped": "use `np.transpose` or `np.swapaxes` to move axes; `reshape` only regroups the numbers in memory order.",
    "mutation.answer_flattened": "`{name}` flattened into one axis",
    "mutfix.answer_flattened": "keep `{name}`'s axes: reshape it to the shape the exercise asks for.",
    "mutation.answer_reversed": "`{name}` in reverse order along its {axis} axis",
    "mutfix.answer_reversed": "keep `{name}` in order along its {axis} axis (index 0 first).",
    "mutation.reduced": "a reduction where one entry belongs: `{wrong}` should be `{right}`",
    "mutfix.reduced": "take the one entry asked for, `{right}`, not a mean, sum or maximum over the axis.",
    "mutation.line": "`{wrong}` where `{right}` belongs",
    "mutfix.line": "write `{right}`.",
    "mutation.value_negated": "step `{step}`: the sign is flipped",
    "mutfix.value_negated": "look at the sign where `{step}` is computed.",
    "mutation.value_zeroed": "step `{step}` is missing (its value counts as zero)",
    "mutfix.value_zeroed": "compute `{step}` and use it where the reference does.",
    "mutation.value_transposed": "step `{step}` is transposed",
    "mutfix.value_transposed": "check the axes of `{step}`: its rows and columns are swapped.",
    "mutation.value_reversed_first": "step `{step}` runs in reverse order along its first axis",
    "mutfix.value_reversed_first": "keep the order of `{step}` along its first axis.",
    "mutation.value_reversed_last": "step `{step}` runs in reverse order along its last axis",
    "mutfix.value_reversed_last": "keep the order of `{step}` along its last axis.",
    "mistake.split_test_with_val": "the test part starts where training ends, so it holds the validation rows too",
    "fix.split_test_with_val": "the three parts follow each other without overlap: test = series[n_train + n_val:].",
    "mistake.split_reversed": "the parts taken from the wrong end: test from the start of the series, training from the end",
    "fix.split_reversed": "time runs forward: train = series[:n_train], then validation, and the test part is the most recent rows, series[n_train + n_val:].",
    "mistake.split_part_shuffled": "a part shuffled after the split: its rows are no longer in time order",
    "fix.split_part_shuffled": "keep every part in time order: a sequence model learns from rows in order (shuffle the training windows, if at all, not the rows of the series).",
    "mistake.recurrent_per_unit": "one recurrent weight per unit, as if the units were independent one-unit LSTMs",
    "fix.recurrent_per_unit": "every unit's gates read the whole h of the step before: the recurrent kernel is (units, 4*units), units * units weights per gate, not units.",
    "mistake.batches_shuffled": "the batches shuffled: the right batches, in another order",
    "fix.batches_shuffled": "keep the batches in time order (and fit with shuffle=False): batch k+1 must continue batch k for the state to carry over.",
    "mistake.dense_bias_by_inputs": "a Dense bias sized by its inputs instead of its units",
    "fix.dense_bias_by_inputs": "a Dense has one bias per output unit: inputs * units + units.",
    "mistake.sequence_units_first": "a sequence's shape written (None, units, timesteps): time steps and units swapped",
    "fix.sequence_units_first": "an LSTM with return_sequences=True outputs (None, timesteps, units): time first, then units.",
    "mistake.split_shuffled": "the series shuffled before the split: each part holds rows from any time",
    "fix.split_shuffled": "never shuffle a time series before splitting it: train is the past, validation what follows, test the most recent rows, in order (shuffle only the training windows, if at all).",
    "mistake.scale_fit_train_val": "the scaler fitted on the training and validation parts together",
    "fix.scale_fit_train_val": "fit the mean and std on the training part only, then apply them to validation and test: the validation part stands for the unseen future too.",
    "mistake.persist_second_last": "the second-to-last value repeated",
    "fix.persist_second_last": "persistence repeats the last observed value: windows[:, -1].",
    "mistake.persist_one_step": "one step forecast instead of horizon steps",
    "fix.persist_one_step": "repeat the last value horizon times: np.repeat(windows[:, -1:], horizon, axis=1), shape (samples, horizon).",
    "mistake.persist_wrong_axis": "the forecast repeated along the wrong axis: (horizon, samples)",
    "fix.persist_wrong_axis": "one row per sample, one column per step ahead: np.repeat(windows[:, -1:], horizon, axis=1).",
    "mistake.mase_inverted": "the ratio upside down: the naive forecast's error over the model's",
    "fix.mase_inverted": "MASE = MAE of the forecast / MAE of the seasonal naive forecast on the training part (below 1: better than naive).",
    "mistake.mase_n_not_n_minus_season": "the naive error averaged over n instead of n - season differences",
    "fix.mase_n_not_n_minus_season": "the training part has n - season seasonal differences: take np.mean(np.abs(y_train[season:] - y_train[:-season])).",
    "mistake.pytorch_biases": "two bias vectors per gate (PyTorch's count: bias_ih and bias_hh); Keras has one",
    "fix.pytorch_biases": "Keras's LSTM has one bias of 4*units: 4 * (units * (features + units) + units); PyTorch's nn.LSTM adds a second, 4 * units more.",
    "mistake.three_gates": "three gate blocks counted (i, f, o) without the candidate c",
    "fix.three_gates": "an LSTM has four blocks of weights, i, f, c (the candidate) and o: 4 * (units * (features + units) + units).",
    "mistake.lstm_input_features": "every LSTM's kernel counted with the model's input features, as if each LSTM received X(t) and its own input_shape (seed 000's question: \"does the second LSTM layer receive X(t) as input?\")",
    "fix.lstm_input_features": "only the first LSTM sees the data's features; layer k+1's kernel is (units of layer k, 4 * its units), so LSTM(32) after LSTM(64) has 4 * (32 * (64 + 32) + 32) = 12416 parameters; input_shape on a later layer is ignored.",
    "mistake.per_timestep": "parameters counted once per time step",
    "fix.per_timestep": "one cell's weights are reused at every time step: the count does not depend on timesteps.",
    "mistake.tf1_gate_order": "gate order (i, c, f, o) of TensorFlow 1: the forget gate and the candidate swapped",
    "fix.tf1_gate_order": "Keras stores the gates as i, f, c, o (TensorFlow 1's LSTMCell used i, c (j), f, o): write `i, f, c_tilde, o = np.split(z, 4, axis=1)`.",
    "mistake.reversed_time": "the time steps run backwards (last step first)",
    "fix.reversed_time": "an LSTM reads x[:, 0] first and x[:, -1] last: loop `for t in range(timesteps)`.",
    "mistake.pass_h_state": "layer k's last h passed as layer k+1's initial state",
    "fix.pass_h_state": "stacked layers pass only the h sequence as input; each layer starts from zero state (h and c).",
    "mistake.sample_to_sample": "the state passed from sample to sample inside a batch (seed 003's first picture: \"I expected the state to be passed between samples\"); Keras carries it from sample i of one batch to sample i of the next",
    "fix.sample_to_sample": "the samples of a batch run side by side, each from its own state: chunk k's sample i starts from chunk k-1's sample i's final (h, c): `initial_state=[h, c]` for the whole batch.",
    "mistake.sample_to_sample_per_batch": "the state passed from sample to sample inside each batch, and not on to the next batch (seed 003's first picture)",
    "fix.sample_to_sample_per_batch": "the samples of a batch run side by side, each from its own state, and sample i carries its (h, c) to sample i of the next batch: `initial_state=[h, c]` for the whole batch.",
    "mutation.plus_for_times": "{step}: `+` where `*` belongs: `{wrong}` should be `{right}`",
    "mutfix.plus_for_times": "gates multiply what they let through: write `{right}`.",
    "mutation.term_dropped": "{step}: the term `{term}` is missing: `{wrong}` should be `{right}`",
    "mutfix.term_dropped": "put `{term}` back: `{right}`.",
    "mutation.extra_tanh": "{step}: a tanh where none belongs: `{wrong}` should be `{right}`",
    "mutfix.extra_tanh": "the state c is stored without tanh; tanh is applied only when h is read from it: `{right}`.",
    "mutation.wrong_sign": "{step}: the sign is flipped: `{wrong}` should be `{right}`",
    "mutfix.wrong_sign": "write `{right}`.",
    "step.c_update": "the c update",
    "step.h_update": "the h update",
    "step.pre_activation": "the pre-activation z",
    "step.gate_activation": "the gates' activation",
    "mistake.no_carry": "state not carried between batches",
    "fix.no_carry": "a stateful LSTM starts each chunk from the (h, c) the previous chunk ended with.",
    "mistake.h_only": "only h carried (c reset)",
    "fix.h_only": "carry both states: h and c.",
    "mistake.c_only": "only c carried (h reset)",
    "fix.c_only": "carry both states: h and c.",
    "mistake.all_steps": "every step's h instead of each chunk's last",
    "fix.all_steps": "the layer has return_sequences=False: keep each chunk's last h, (batch, units) per chunk.",
    "mistake.c_out": "c returned instead of h",
    "fix.c_out": "the output of each chunk is its last h; c is state only.",
    "mistake.last_chunk_only": "only the last chunk's output",
    "fix.last_chunk_only": "collect the output of every chunk and stack them: (n_chunks, batch, units).",

    # --- backward pass (lesson 06) -----------------------------------------------------------------------------
    "mistake.no_h_path": "no gradient from h into c",
    "fix.no_h_path": "h = o * tanh(c), so c also reaches the loss through h: dc_total = dc + dh * o * (1 - tanh(c)**2).",
    "mistake.no_tanh_prime": "missing tanh' on the path through h",
    "fix.no_tanh_prime": "the path from c to h goes through tanh: dc_total = dc + dh * o * (1 - tanh(c)**2), "
                         "not dc + dh * o.",
    "mistake.ignore_dc": "ignoring the incoming dc",
    "fix.ignore_dc": "dc (the gradient from the next step's cell state) adds to the gradient through h: "
                     "dc_total = dc + ...",
    "mistake.sigmoid_prime": "sigmoid derivative written as s",
    "fix.sigmoid_prime": "d sigmoid(z)/dz = s * (1 - s) where s = sigmoid(z), for each of i, f and o.",
    "mistake.sigmoid_prime_of_z": "sigmoid derivative taken of z",
    "fix.sigmoid_prime_of_z": "s * (1 - s) uses the gate's value s = sigmoid(z), not the pre-activation z.",
    "mistake.no_candidate_prime": "missing tanh' on the candidate",
    "fix.no_candidate_prime": "c_tilde = tanh(z_c): dz_c = dc_total * i * (1 - c_tilde**2).",
    "mistake.tanh_prime_linear": "tanh derivative written as 1 - tanh",
    "fix.tanh_prime_linear": "d tanh(c)/dc = 1 - tanh(c)**2: the tanh is squared.",
    "mistake.tanh_prime_of_c": "tanh derivative taken as 1 - c**2",
    "fix.tanh_prime_of_c": "d tanh(c)/dc = 1 - tanh(c)**2, not 1 - c**2 (c itself is not a tanh).",
    "mistake.dz_o_with_c": "c instead of tanh(c) in the output gate's gradient",
    "fix.dz_o_with_c": "h = o * tanh(c), so dz_o = dh * tanh(c) * o * (1 - o).",
    "mistake.dc_prev_without_f": "dc_prev not multiplied by f",
    "fix.dc_prev_without_f": "c = f * c_prev + ...: the gradient reaching c_prev is dc_total * f.",
    "mistake.dc_prev_incoming": "dc_prev from the incoming dc only",
    "fix.dc_prev_incoming": "dc_prev = dc_total * f, where dc_total includes the path through h.",
    "mistake.dz_gate_order": "gate order in dz (i, f, o, c)",
    "fix.dz_gate_order": "dz's blocks follow Keras's gate order i, f, c, o, like z's.",
    "mistake.dz_if_swapped": "input and forget gates swapped in dz",
    "fix.dz_if_swapped": "dz's first block is dz_i, the second dz_f (Keras's order i, f, c, o).",
    "mistake.dx_no_transpose": "dx without the kernel's transpose",
    "fix.dx_no_transpose": "z = x @ kernel, so dx = dz @ kernel.T.",
    "mistake.dh_prev_no_transpose": "dh_prev without the recurrent kernel's transpose",
    "fix.dh_prev_no_transpose": "z = ... + h_prev @ recurrent_kernel, so dh_prev = dz @ recurrent_kernel.T.",
    "mistake.dh_prev_via_kernel": "dh_prev through the kernel instead of the recurrent kernel",
    "fix.dh_prev_via_kernel": "h_prev meets recurrent_kernel, not kernel: dh_prev = dz @ recurrent_kernel.T.",
    "mistake.dkernel_transposed": "dkernel transposed",
    "fix.dkernel_transposed": "dkernel has the kernel's shape (features, 4*units): x.T @ dz, not dz.T @ x.",
    "mistake.dbias_wrong_axis": "dbias summed over the wrong axis",
    "fix.dbias_wrong_axis": "sum over the batch: dbias = dz.sum(axis=0), shape (4*units,).",
    "mistake.dbias_not_summed": "dbias not summed over the batch",
    "fix.dbias_not_summed": "the bias is shared by every sample: dbias = dz.sum(axis=0).",
    "mistake.no_dh_carry": "dh not carried to the step before",
    "fix.no_dh_carry": "h_{{t-1}} fed step t: add step t's dh_prev to doutput[:, t-1] before going back a step.",
    "mistake.no_dc_carry": "dc not carried to the step before",
    "fix.no_dc_carry": "c_{{t-1}} fed step t: pass step t's dc_prev as the dc of step t-1.",
    "mistake.forward_order": "loop runs forward in time",
    "fix.forward_order": "BPTT starts at the last step (whose gradient is complete) and goes back to the first.",
    "mistake.not_summed": "weight gradients not summed over time",
    "fix.not_summed": "the same kernel is used at every step: dkernel, drecurrent_kernel and dbias are sums over all "
                      "steps.",
    "mistake.states_after": "the states after the step instead of before it",
    "fix.states_after": "step t's backward pass needs its inputs h_{{t-1}} and c_{{t-1}}, the states before the step.",
    "mistake.doutput_last_only": "only the last step's doutput used",
    "fix.doutput_last_only": "with return_sequences=True every step's h reaches the loss: step t receives "
                             "doutput[:, t] plus the dh carried from step t+1.",
    # --- lesson 10, forecasting --------------------------------------------------------------------------------
    "title.time_split": "Split a series by time",
    "title.scale_train_only": "Scale with the training part only",
    "title.persistence_forecast": "The persistence baseline",
    "title.mase": "Mean absolute scaled error",
    "meaning.time_split": "Your parts keep time order and do not overlap: the test part is the future of everything before it.",
    "meaning.scale_train_only": "Only the training part's mean and std were used: nothing from the future leaks into the inputs.",
    "meaning.persistence_forecast": "Tomorrow = today: the baseline every forecast must beat.",
    "meaning.mase": "MASE below 1 means better than the seasonal naive forecast was on the training data; it compares across series.",
    "mistake.split_val_from_end": "the validation part taken from the end (after the test part)",
    "fix.split_val_from_end": "keep time order: train = the oldest rows, then validation, then the test part, the newest rows.",
    "mistake.split_overlap": "overlapping parts (validation starts one step early)",
    "fix.split_overlap": "validation starts right after the last training row: series[n_train:n_train + n_val].",
    "mistake.split_rounded": "sizes rounded instead of floored",
    "fix.split_rounded": "n_train = int(n * train_fraction) and n_val = int(n * val_fraction) (floor); the test part gets the rest.",
    "mistake.scale_leak_all": "leakage: the scaler saw the validation and test parts",
    "fix.scale_leak_all": "mean and std must come from train alone; statistics of the whole series carry information from the future into the training inputs (lesson 10).",
    "mistake.scale_own_stats": "each part scaled with its own mean and std (leakage)",
    "fix.scale_own_stats": "use the training part's mean and std for all three parts; the test part's own statistics are not known when you forecast it.",
    "mistake.scale_ddof1": "sample std (ddof=1) instead of ddof=0",
    "fix.scale_ddof1": "use train.std(axis=0), ddof=0, as sklearn's StandardScaler does (pandas' .std() uses ddof=1).",
    "mistake.scale_one_stat": "one mean and std for all columns together",
    "fix.scale_one_stat": "scale each column (feature) separately: mean and std with axis=0.",
    "mistake.persist_first": "the window's first value instead of its last",
    "fix.persist_first": "persistence repeats the most recent value, windows[:, -1].",
    "mistake.persist_mean": "the window's mean instead of its last value",
    "fix.persist_mean": "persistence repeats the last value; the mean of the window is another baseline.",
    "mistake.mase_test_scale": "scaled by the test part's naive error, not the training part's",
    "fix.mase_test_scale": "the scale is the seasonal naive forecast's MAE on y_train: mean(|y_train[season:] - y_train[:-season]|).",
    "mistake.mase_no_season": "season ignored (naive error one step back)",
    "fix.mase_no_season": "compare each training value with the one a season earlier: y_train[season:] - y_train[:-season].",
    "mistake.mase_unscaled": "no scaling (plain MAE)",
    "fix.mase_unscaled": "divide the MAE by the seasonal naive forecast's MAE on the training part.",
    "mistake.mase_squared": "squared errors instead of absolute",
    "fix.mase_squared": "MASE uses absolute errors, |y_true - y_pred|, above and below.",
    # --- the grader: what a learner reads in the gradebook's feedback (lstmlab grade) ---------------------------
    "grade.fault": "this is the grader's fault, not yours; please re-run the grading",
    "grade.sandbox_not_started": "the grader could not start the sandbox ({error}): {fault}",
    "grade.sandbox_failed": "the grading sandbox did not start ({why}): {fault}",
    "grade.exit_code": "exit code {code}",
    "grade.failed_on_notebook": "the grader failed on this notebook ({why}): {fault}",
    "grade.worker_died": "its grading process died",
    "grade.unit_timeout": "ran longer than {seconds} s",
    "grade.unit_refused": "its results were refused: {why}",
    "grade.unit_dead": "stopped the grading process (exit code {code})",
    "grade.total_time": "the notebook's total time limit ran out first",
    "grade.cell_timeout": "{id}: the answer cell {detail}; the other exercises were graded",
    "grade.cell_dead": "{id}: the answer cell {detail}; the other exercises were graded",
    "grade.call_timeout": "{id}: your function {detail} (infinite loop?); the other exercises were graded",
    "grade.call_dead": "{id}: calling your function {detail}; the other exercises were graded",
    "grade.item_error": "{id}: {detail}",
    "grade.fault_item": "{id}: {fault}",
    "grade.not_attempted_note": "{id}: not attempted: {note}",
    "grade.not_submitted": "{id}: not attempted: {name}.ipynb was not submitted",
    "grade.no_result": "{id}: no result came back (the run ended before this exercise was called)",
    "grade.results_missing": "{id}: results are missing for some inputs",
    "grade.cell_raised": "{detail} (your answer cell raised {error})",
    "grade.with_note": "{feedback} (note: {note})",
    "grade.unknown_status": "the saved result has an unknown status {status}",
    "grade.unreadable_result": "the saved result could not be read ({error})",
    "grade.no_answer_cell": "answer cell not found in the submission (deleted, or its metadata removed)",
    "grade.duplicate_cells": "{n} answer cells carry this id; graded the last one, once",
    "grade.unreadable": "could not read the notebook: {why}",
    "grade.not_regular": "it is not a regular file",
    "grade.too_big": "it is larger than {mb} MB",
    "grade.empty_file": "the file is empty: open it in Jupyter, save it, and submit it again",
    "grade.no_match": "{file}: matches no exercise notebook (by name or exercise ids)",
    "grade.file_problem": "{file}: {problem}",
    "grade.also_matches": "{name}: graded {file}; {other} also matches it and was not graded",
    "grade.link_note": "{file} is a symbolic link (to {target}); links are not graded: submit the notebook file itself",
    "grade.link_scored": "{file} is a symbolic link (to {target}): scored 0; links are not graded, submit the notebook file itself",
    "grade.assignment_note": "{name}: {note}",
    "grade.invalid_notebook": "it is not a valid Jupyter notebook (nbformat 4): {error}",
    "grade.not_regular_note": "{file} is not a regular file (a FIFO or a device, say); not graded",
    "grade.too_deep": "{count} folder(s) more than {levels} levels deep were not searched for notebooks (e.g. {folder})",
    "grade.folder_unreadable": "the folder {folder} could not be searched ({why})",
    "grade.failed_on_learner": "the grader failed on this submission ({why}): {fault}",
    "lms.not_utf8": "{file} is not UTF-8 text ({error}); export it again from the LMS as CSV",
    "lms.empty_file": "{file} is empty; expected the CSV the LMS exported",
    "lms.filled": "filled {n} grade(s)",
    "lms.unmatched": "not filled: {learner}: {why}",
    "lms.late": "late: {learner} submitted {assignment} after the due date (Canvas's LATE mark; not imported, set in Canvas)",
    "lms.canvas_header": "{file} is not a Canvas gradebook export: expected a header Student, ID, [SIS User ID, SIS Login ID,] Section, ..., got {found}",
    "lms.ambiguous_column": "the column {column} is ambiguous: the export has {found}; give the whole header",
    "lms.new_column": "new column {column} (Points Possible {points}): Canvas creates this assignment on import",
    "lms.scaled": "{column}: our maximum is {ours}, the LMS's is {theirs}: scores rescaled to {theirs}",
    "lms.maximum_differs": "{column}: our maximum is {ours}, the LMS's is {theirs}: raw points written; use --scale to rescale",
    "lms.several_users": "files of several Canvas users ({ids}) were graded as one learner (same name?); grade again with a --learner-pattern that captures the user id",
    "lms.no_user_id": "no Canvas user id in the names of this learner's files (expected <name>_<user id>_<attachment id>_<file>)",
    "lms.not_in_export": "user id {id} is not in the export's ID column",
    "lms.id_twice": "id {id} is in more than one row",
    "lms.claimed": "id {id} was already filled for {other}",
    "lms.left_empty": "{n} row(s) without a graded submission left as exported",
    "lms.name_each_column": "the results hold several assignments ({assignments}): name each column as --column ASSIGNMENT=HEADER",
    "lms.unknown_assignment": "--column names {names}, which the results do not hold (they hold {assignments})",
    "lms.moodle_header": "{file} is not a Moodle grading worksheet: missing {missing} (its header starts {found})",
    "lms.pick_assignment": "a Moodle worksheet takes one assignment: choose one with --assignment ({assignments})",
    "lms.several_participants": "files of several Moodle participants ({ids}) were graded as one learner; grade again with a --learner-pattern that captures the participant id",
    "lms.no_participant": "no Moodle participant id in this learner's paths (expected <Full name>_<participant id>_assignsubmission_file_)",
    "lms.not_in_worksheet": "Participant {id} is not in the worksheet's Identifier column",
    "lms.wrote": "wrote {path}",
    "lms.wrote_pages": "wrote {n} feedback page(s) (HTML and Markdown) under {folder}",
    "feedback.title": "Feedback for {learner}",
    "feedback.score": "Score: {score}/{max_score}",
    "feedback.late": "Submitted after the due date: {assignments}",
    "feedback.intro": "Each exercise below is what check() shows in your notebook: the verdict, the likely mistake and its fix first, then what differs and where.",
    "feedback.notes": "Notes",
    "feedback.footer": "Graded by lstmlab {version} at {date}.",
    "summary.title": "Class summary",
    "summary.overview": "{learners} learners; {assignments}; mean score {mean} of {max_score}; graded at {date}. Totals:",
    "summary.total_histogram": "histogram of the learners' total scores",
    "summary.mistakes_heading": "Mistakes, most frequent first",
    "summary.mistake": "{count} of {learners}: {name}",
    "summary.unnamed": "failed, no mistake named",
    "summary.no_mistakes": "No learner made a named mistake.",
    "summary.exercises_heading": "Exercises",
    "summary.col_exercise": "exercise",
    "summary.col_passed": "passed",
    "summary.col_attempted": "attempted",
    "summary.col_scores": "scores (learners per score)",
    "summary.rate": "{count} of {learners} ({percent}%)",
    "summary.histogram": "histogram of scores on {id}",
    "grade.untrusted.array_without_result": "an array arrived without a result",
    "grade.untrusted.arrays_too_large": "one result's arrays are larger than {mb} MB",
    "grade.untrusted.arrays_missing": "a result's arrays are missing",
    "grade.untrusted.bad_array_names": "a result names its arrays badly",
    "grade.untrusted.stream_too_large": "it sent more than {mb} MB of results",
    "grade.untrusted.malformed_stream": "its result stream is malformed",
    "grade.untrusted.unknown_frame": "its result stream holds an unknown frame {kind}",
    "grade.untrusted.result_too_large": "one of its results is too large ({size} bytes)",
    "grade.untrusted.bad_json": "an event is not valid JSON ({error})",
    "grade.untrusted.no_kind": "an event has no kind",
    "grade.untrusted.not_npy": "an array is not in .npy format",
    "grade.untrusted.header_short": "an array's header is cut short",
    "grade.untrusted.npy_version": "an array has an unknown .npy version {version}",
    "grade.untrusted.header_long": "an array's header is too long",
    "grade.untrusted.header_malformed": "an array's header is malformed ({error})",
    "grade.untrusted.not_numbers": "an array is not plain numbers (dtype {dtype})",
    "grade.untrusted.bad_shape": "an array's shape is malformed",
    "grade.untrusted.too_many_elements": "an array has {count} elements, more than the limit of {limit}",
    "grade.untrusted.data_mismatch": "an array's data does not match its header",
    "grade.cell_too_long": "your answer cell is {size} characters; the grader runs answer cells of up to {limit}, so it was not run",
    "grade.answers_too_long": "with this one your answer cells come to {size} characters; the grader runs up to {limit} in one notebook, so it was not run",
    "grade.too_many_commands": "your answer cell has {count} IPython command lines (!, % or ?); the grader runs answer cells with up to {limit}, so it was not run",
    "grade.cell_not_python": "your answer cell could not be turned into Python ({error}), so it was not run",
    "grade.sandbox.refused_import": "{module} is not available while grading: answers use NumPy only",
    "grade.sandbox.refused_lstmlab": "{module} is not available while grading: answers use NumPy only (write the answer yourself)",
    "grade.sandbox.import_not_allowed": "grading: importing {module} is not allowed",
    "grade.sandbox.open_not_allowed": "grading: {path} may not be opened here",
    "grade.sandbox.event_on_not_allowed": "grading: {event} on {path} is not allowed",
    "grade.sandbox.listing_not_allowed": "grading: listing {path} is not allowed",
    "grade.sandbox.event_not_allowed": "grading: {event} is not allowed",
    "grade.sandbox.ran_longer": "ran longer than {seconds} s",
    "grade.sandbox.infinite_loop": "ran longer than {seconds} s (an infinite loop?)",
    "grade.sandbox.no_function": "NameError: no function named {function} is defined",
    "grade.gradescope.isolation_bubblewrap": "Graded in lstmlab's bubblewrap sandbox: your code ran with no access to any other file, process or network, within lstmlab's time and memory limits.",
    "grade.gradescope.isolation_uid": "Graded as an unprivileged user of its own (bubblewrap cannot run in this container, and your teacher chose this isolation): your code could read none of the grader's files, and every process it started was stopped after the run, within lstmlab's time and memory limits.",
    "grade.gradescope.no_match": "No notebook in your submission matches this assignment ({names}): upload the exercise notebook itself (e.g. {first}.ipynb), with its answer cells.",
    "grade.gradescope.failed": "The autograder could not grade this submission (lstmlab grade exit code {status}): {reason}",
    "grade.gradescope.not_your_fault": "This is not your fault: tell your teacher.",
    "grade.gradescope.failed_short": "The autograder could not grade this submission: tell your teacher.",
    # --- explain(model) and explain_code(source): the findings (lstmlab/explainer/findings.py, build.py) ---------
    "explain.on.layer": "on {layer}",
    "explain.on.wrapped": "on the {kind} inside {layer}: Bidirectional({kind}(..., {setting}))",
    "explain.on.cell": "on the {kind}Cell inside {layer}: RNN({kind}Cell(..., {setting}))",
    "explain.input_shape_ignored.not_first": "{given} is ignored: it is not the first layer, so the layer takes the "
                                             "previous output; it receives {shape} instead.",
    "explain.input_shape_ignored.has_input": "{given} is ignored: the model's Input already sets the shape, so the "
                                             "layer receives {shape} instead.",
    "explain.input_shape_ignored.fix": "delete {arg}= from {layer}; only the first layer's input shape counts (in "
                                       "Keras 3 write it once, as keras.Input(shape=(timesteps, features)))",
    "explain.dense_per_step": "Dense comes after {rnn}, which returns the whole sequence (return_sequences=True), so it "
                              "acts at every time step: the model outputs {shape}, a vector of length {units} per "
                              "step, not one per sample. {targets}",
    "explain.dense_per_step.chain": "Dense comes after {rnn}, which returns the whole sequence (return_sequences=True), "
                                    "so it and every layer after it up to the output, {output}, act at every time "
                                    "step: the model outputs {shape}, a vector of length {units} per step, not one "
                                    "per sample. {targets}",
    "explain.dense_per_step.one_unit": "Keras 3 does not stop you: fit with targets of shape (samples, 1) and a loss "
                                       "such as mse, mae or huber runs without an error, comparing each sample's one "
                                       "target with its output at {steps}, so every step learns the same number "
                                       "(targets of shape (samples,) run too, and are compared with every sample's "
                                       "outputs); binary_crossentropy and categorical_crossentropy fail with a shape "
                                       "error.",
    "explain.dense_per_step.units": "Targets of shape (samples, {units}) do not match it: fit with mse, mae or huber "
                                    "fails with a shape error (Dimensions must be equal), unless the batch size is 1 or "
                                    "equals the number of steps, when they broadcast silently.",
    "explain.steps.all": "all {n} steps",
    "explain.steps.every": "every step",
    "explain.dense_per_step.fix": "for one output per sample set return_sequences=False {where} (the model then outputs "
                                  "{per_sample}); for one output per step, say so with TimeDistributed(Dense({units})) "
                                  "and targets of shape (samples, {steps}, {units})",
    "explain.stateful_without_batch": "stateful=True carries state row i to sample i of the next batch, so the batch "
                                      "size must be fixed, but it is None; Keras 3 refuses to build this",
    "explain.stateful_without_batch.fix": "give a fixed batch: keras.Input(batch_shape=(batch, timesteps, features)) "
                                          "(Keras 2: batch_input_shape= or batch_size= on the first layer)",
    "explain.recurrent_2d.layer": "{kind} needs 3-D input (batch, timesteps, features) but {source} returns {shape}: "
                                  "there is no time axis to run over, and the model cannot be built",
    "explain.recurrent_2d.input": "{kind} needs 3-D input (batch, timesteps, features) but the input is {shape}: there "
                                  "is no time axis to run over, and the model cannot be built",
    "explain.recurrent_2d.time_distributed": "{kind} needs at least 3-D input (batch, timesteps, ...) but {source} "
                                             "returns {shape}: there is no time axis to run over, and the model cannot "
                                             "be built",
    "explain.recurrent_2d.fix_sequences": "set return_sequences=True {where} so it passes on the whole sequence",
    "explain.recurrent_2d.fix_order": "put {layer} before {before}, or give the model sequences",
    "explain.recurrent_2d.fix_data": "reshape the data to (samples, timesteps, features), e.g. x.reshape(len(x), "
                                     "timesteps, 1), and declare keras.Input(shape=(timesteps, features))",
    "explain.recurrent_4d": "{kind} needs 3-D input (batch, timesteps, features) but gets {ndim}-D input {shape}, and "
                            "the model cannot be built (seed 002's (5300, 5, 320, 2) data)",
    "explain.recurrent_4d.fix": "merge the axes after timesteps into features: x.reshape(len(x), {steps}, -1) gives "
                                "(batch, {steps}, {merged}); or encode each step first with TimeDistributed(...)",
    "explain.no_fused_kernel": "{why} rules out the fused cuDNN kernel: on a GPU Keras falls back to the generic "
                               "step-by-step loop, which is expected to train more slowly (on a CPU both run the "
                               "generic loop, so any cost shows only on a GPU)",
    "explain.no_fused_kernel.fix": "keep activation='tanh', recurrent_activation='sigmoid', recurrent_dropout=0 (use "
                                   "dropout= on the inputs instead), unroll=False, use_bias=True{gru}{where}, unless "
                                   "you need the change and accept the cost",
    "explain.no_fused_kernel.inside": " on the {kind} inside {layer}",
    "explain.relu": "activation='relu' inside the {kind}: {grows}, and activations can explode over long sequences "
                    "(NaN losses)",
    "explain.relu.cell_of": "{kind}Cell of {layer}",
    "explain.relu.grows_lstm": "c_tilde and h = o * relu(c) are no longer squashed into [-1, 1], so c = f * c + i * "
                               "c_tilde can grow at every step",
    "explain.relu.grows_gru": "the candidate h_tilde = relu(...) is no longer squashed into [-1, 1], and h = z * h + "
                              "(1 - z) * h_tilde carries it into the next step, where it feeds h_tilde again, so h can "
                              "grow from step to step",
    "explain.relu.fix": "use the default activation='tanh' {where}{kernel}; if you keep relu, clipping gradients (e.g. "
                        "optimizer clipnorm=1.0) and a lower learning rate can help training, but they do not bound "
                        "{state}",
    "explain.relu.keeps_kernel": " (it also keeps the fused kernel)",
    "explain.one_step": "{layer} receives {shape}: one time step per sample, so it never steps through time. It runs "
                        "its cell once from zero states, so its recurrent_kernel multiplies zeros and does not change "
                        "the output{also}",
    "explain.one_step.also": " (and so do {layers}, which it feeds)",
    "explain.one_step.fix": "if each sample is one moment of a longer series, give the layer windows of several steps, "
                            "shape (samples, timesteps, features) (lstmlab.make_windows(series, timesteps)); if each "
                            "sample really is one step, a Dense network is the simpler model",
    "explain.go_backwards": "go_backwards=True with return_sequences=True: {layer} reads the input from the last step "
                            "to the first and returns its outputs in that order, so output step 0 is h after the "
                            "input's last step: the sequence comes out reversed in time, and the next layer (and any "
                            "per-step targets) see it backwards",
    "explain.go_backwards.fix": "flip it back after the layer (keras.ops.flip(y, axis=1), e.g. in a Lambda layer), or "
                                "use Bidirectional, which flips the backward outputs back for you; if only the final h "
                                "matters, return_sequences=False",
    "explain.deep_stack": "this model stacks {n} recurrent layers; beyond about 4 the returns usually fall off (the "
                          "seed 002 post reports diminishing returns past 4 layers), while every layer adds training "
                          "time",
    "explain.deep_stack.fix": "start with 1 or 2 recurrent layers and add one only while validation error improves; "
                              "try more units per layer first",
    "explain.dropout_after_last": "Dropout({rate}) after the last recurrent layer {rnn} zeroes about {percent} of its "
                                  "outputs{counts} and scales {rest} by {scale}x, so the next layer trains on heavily "
                                  "corrupted features while predict sees them all",
    "explain.dropout_after_last.counts": " (on average {zeroed} of {width}, a random set at every training step)",
    "explain.dropout_after_last.counts_unknown": " (a random set at every training step)",
    "explain.dropout_after_last.rest": "the remaining ~{kept}",
    "explain.dropout_after_last.rest_unknown": "the rest",
    "explain.dropout_after_last.fix": "consider a rate around 0.2 to 0.5, or removing it (the recurrent layers' own "
                                      "dropout= may be enough)",
    "explain.cannot_build": "Keras 3 refuses to build the model at this layer: {said}",
    "explain.keras_rejects": "Keras 3 rejects this {kind}: {said}",
    "explain.cannot_build.fix": "fix the layer Keras names",
    "explain.keras_rejects.fix": "fix the argument Keras names",
    # --- explain(model): what each layer does (lstmlab/explainer/describe.py) ---------
    "explain.layer.steps_any": "every step (however many the input has)",
    "explain.layer.steps_one": "its single step",
    "explain.layer.steps_n": "each of the {n} steps",
    "explain.layer.bidirectional_unmerged": "two tensors, not merged (merge_mode=None): the forward layer's {what}, "
                                            "{forward}, and the backward layer's, {backward}",
    "explain.layer.unmerged_every": "h of every step",
    "explain.layer.unmerged_final": "final h",
    "explain.layer.bidirectional_every": "the forward and backward h of every step, merged ({mode}), {shape}",
    "explain.layer.bidirectional_final": "the forward and backward final h, merged ({mode}), {shape}",
    "explain.layer.every_h": "the h of every step, {shape}",
    "explain.layer.last_h": "the last h only, {shape}",
    "explain.layer.final_states": " + final states {shapes}",
    "explain.layer.units_lstm": "units = {units}{which}: h and c hold {units} numbers per sample, and so do its gates "
                                "i, f, o and the candidate c_tilde. It is not a number of cells or of time steps: one "
                                "cell is reused at {steps}.",
    "explain.layer.units_gru": "units = {units}{which}: h holds {units} numbers per sample, and so do its gates z, r and "
                               "the candidate h_tilde. It is not a number of cells or of time steps: one cell is reused "
                               "at {steps}.",
    "explain.layer.units_simple": "units = {units}{which}: h holds {units} numbers per sample. It is not a number of "
                                  "cells or of time steps: one cell is reused at {steps}.",
    "explain.layer.which_forward": " (the forward {kind})",
    "explain.layer.each_step": "each step{which}: {equations}.",
    "explain.layer.eq_lstm": "i, f, o = {ra}(x W + h U{b}) (one slice each), c_tilde = {a}(x W_c + h U_c{bc}), c = f * "
                             "c + i * c_tilde, h = o * {a}(c)",
    "explain.layer.eq_gru": "z, r = {ra}(x W + h U{b}), h_tilde = {candidate}, h = z * h + (1 - z) * h_tilde (one "
                            "state: no c)",
    "explain.layer.eq_simple": "h = {a}(x W + h U{b}) (one state, no gates)",
    "explain.layer.rnn_cell": "RNN({kind}Cell) runs the same computation as keras.layers.{kind}, always with Keras's "
                              "generic step-by-step loop (only the LSTM and GRU layers can take the fused cuDNN kernel).",
    "explain.layer.sequences": "return_sequences=True: the whole sequence of h (one per step) flows on to the next "
                               "layer.",
    "explain.layer.sequences_bidirectional": "return_sequences=True: the whole sequence of h (one per step) flows on to "
                                             "the next layer (Keras flips the backward layer's outputs back into time "
                                             "order).",
    "explain.layer.last_bidirectional": "return_sequences=False: the forward layer's h after the last step and the "
                                        "backward layer's h after it has read back to the first step flow on; the "
                                        "other steps' h are dropped.",
    "explain.layer.last": "return_sequences=False: only the last step's h flows on; the earlier steps' h are dropped.",
    "explain.layer.only_h": "Only h flows on, not the states: the next recurrent layer starts from zero states of its "
                            "own.",
    "explain.layer.return_state": "return_state=True: also returns the final states (for example to start a decoder).",
    "explain.layer.stateful": "stateful=True: the final {states} of sample i in one batch start sample i of the next "
                              "batch (batch fixed at {batch}), across fit and predict calls, until layer.reset_states().",
    "explain.layer.stateless": "stateful=False: every batch starts from {zero}; no state carries across batches.",
    "explain.layer.states_lstm": "h and c",
    "explain.layer.states_h": "h",
    "explain.layer.states_both": "states",
    "explain.layer.zero_states": "zero states",
    "explain.layer.bidirectional_own": "Bidirectional: the forward {forward} and a backward layer of your own, "
                                       "{backward}, each with its own weights; their outputs are {merged}.",
    "explain.layer.bidirectional_copy": "Bidirectional: a forward and a backward copy of the {kind}, each with its own "
                                        "weights (hence 2 x); their outputs are {merged}.",
    "explain.layer.merge_concat": "concatenated on the last axis (forward first)",
    "explain.layer.merge_sum": "added",
    "explain.layer.merge_mul": "multiplied",
    "explain.layer.merge_ave": "averaged",
    "explain.layer.merge_none": "not merged: Keras returns them as two tensors",
    "explain.layer.dense_per_step": "Dense acts on the last axis, so on a sequence it is applied at {steps} with the "
                                    "same weights (what TimeDistributed(Dense) does): one vector of length {units} per step.",
    "explain.layer.dense": "one vector of length {units} per sample.",
    "explain.layer.time_distributed": "the same inner layer, with the same weights, at every time step.",
    "explain.layer.embedding": "looks up one vector of {width} numbers for each token id: one time step of {width} "
                               "features per token for the next layer.",
    "explain.layer.repeat_vector": "copies the one vector per sample {n} times: a sequence for the next recurrent layer "
                                   "to run over (the encoder-decoder pattern); no parameters.",
    "explain.layer.flatten": "lays the {steps} steps of {width} values side by side: one vector per sample; no "
                             "parameters.",
    "explain.layer.activation": "applies {activation} to every value; no parameters.",
    "explain.layer.dropout": "training only: zeroes a fraction {rate} of the values and scales the rest by 1/(1 - "
                             "{rate}); at predict time it passes everything through; no parameters.",
    "explain.layer.no_words": "explain has no words for {kind}; its shapes and parameter count come from Keras.",
    # --- explain(model): the report's frame, what it cannot read, what Keras refuses (report, model, build) -----
    "explain.report.title": "Model {name} on input {words} {shape}: {n} layers, {params} parameters",
    "explain.report.title_one": "Model {name} on input {words} {shape}: 1 layer, {params} parameters",
    "explain.report.params": "params",
    "explain.report.fix": "fix",
    "explain.report.note": "Note",
    "explain.report.findings": "Findings ({n}):",
    "explain.report.none": "Findings: none.",
    "explain.report.nothing": "Nothing to flag in this model.",
    "explain.scope.title": "Model {name} is outside what explain covers",
    "explain.scope.chain": "explain covers a linear chain of built-in Keras layers (Sequential, or functional with one "
                           "input and each layer feeding the next)",
    "explain.scope.custom": "layer {layer} is a custom layer ({kind}); explain reads built-in Keras layers only, so it "
                            "cannot say what it does",
    "explain.scope.nested": "layer {layer} is itself a model; explain it on its own: explain(model.get_layer({layer}))",
    "explain.scope.inputs": "the model has {n} inputs",
    "explain.scope.branch": "layer {layer} does not simply take the previous layer's output (a branch, a merge or a "
                            "shared layer)",
    "explain.scope.several": "layer {layer} has several inputs or is used several times",
    "explain.scope.output": "the model's output is not its last layer's output",
    "explain.scope.subclassed": "it is a subclassed model ({kind}): its call() can do anything, so its layers do not "
                                "say how data flows",
    "explain.scope.unreadable": "one of its layers could not be read ({error})",
    "explain.scope.not_a_model": "explain expects a Keras 3 model (keras.Sequential or keras.Model), got {kind}; for "
                                 "source code use lstmlab.explain_code(source)",
    "explain.scope.unbuilt": "Model {name} is not built yet, so its shapes are unknown",
    "explain.scope.unbuilt_how": "give it an input: keras.Input(shape=(timesteps, features)) as its first layer, or "
                                 "call explain(model, input_shape=(timesteps, features))",
    "explain.build.huge": "not built in Keras ({n} parameters): the counts come from the shape engine's formulas",
    "explain.build.rejects": "Keras 3 rejects layer {layer} of {model}",
    "explain.build.keras_says": "Keras says: {said}",
    "explain.build.refused": "Model {model} (Keras 3 refuses to build it: {said})",
    "explain.build.refused_note": "Keras 3 refuses to build this model at layer {index}, {layer} ({kind}), which would "
                                  "receive {shape}; Keras says: {said}.",
    "explain.build.refused_before": "The {n} layers before it are shown as Keras builds them.",
    "explain.build.refused_before_one": "The layer before it is shown as Keras builds it.",
    # --- explain_code(source): notes on the translation, and what it cannot translate (explainer/translate.py) ----
    "explain.code.keras3_form": "Keras 3 form:",
    "explain.code.cant": "Can't translate this: {why}",
    "explain.code.scope": "explain_code reads Keras Sequential model definitions (model = Sequential() then "
                          "model.add(...), or Sequential([...])) and lone layer calls, with the layers {layers}",
    "explain.code.placeholder": "{what} is a placeholder: used {role} = {example} as an example value",
    "explain.code.undefined": "{what} is not defined in the snippet: used {role} = {example} as an example value",
    "explain.code.shape_unknown": "input_shape={code} is not known here: used {example} as an example",
    "explain.code.not_covered": "{kind} is not covered: {scope}",
    "explain.code.positional": "can't translate {kind}(...) with positional argument {code}: {scope}",
    "explain.code.starstar": "can't translate {kind}(**{code}): the arguments are not in the code",
    "explain.code.cudnn": "{kind} is gone in Keras 3: keras.layers.{layer} takes the same cuDNN kernel by itself on a "
                          "GPU while its options allow it (activation='tanh', recurrent_activation='sigmoid', "
                          "recurrent_dropout=0, unroll=False, use_bias=True{gru}), which are {layer}'s Keras 3 "
                          "defaults and what {kind} computed",
    "explain.code.input_length": "input_length= on Embedding is deprecated in Keras 3 (Keras warns: Argument "
                                 "`input_length` is deprecated. Just remove it.); the sequence length goes into "
                                 "keras.Input(shape=(input_length,))",
    "explain.code.renamed": "{old}= is the Keras 1 name; Keras 3 calls it {new}=",
    "explain.code.left_out": "{code} is not defined in the snippet: left out of the report's model",
    "explain.code.hard_sigmoid_default": "{kind}'s default recurrent_activation was 'hard_sigmoid' in Keras <= 2.2.5 "
                                         "(and tf.keras 1.x): clip(0.2x + 0.5, 0, 1), seed 001's signature; Keras 2.3+ "
                                         "and Keras 3 use 'sigmoid', so outputs differ a little (seed 003: 0.16222607 "
                                         "then, 0.17426972 now)",
    "explain.code.hard_sigmoid": "recurrent_activation='hard_sigmoid' means relu6(x + 3) / 6 in Keras 3, not Keras "
                                 "2's clip(0.2x + 0.5, 0, 1); the numbers change (seed 003)",
    "explain.code.implementation": "implementation= chooses how the cell groups its matrix products (results equal up "
                                   "to float32 rounding) and is not saved in the layer's config; with dropout it "
                                   "changes the masks (4 instead of 1) and in Keras 3.15 breaks training; drop it",
    "explain.code.syntax": "line {line} is not valid Python ({error}): {text}",
    "explain.code.functional": "this is the functional API (layer(...)(x), Input, Model): explain_code reads "
                               "Sequential models; build your model and call lstmlab.explain(model) instead",
    "explain.code.not_sequential": "{name} is not created with Sequential() in the snippet; read as a Sequential model",
    "explain.code.cant_call": "can't translate {code}: {scope}",
    "explain.code.gone": "{model}.{method}() has no Keras 3 form: keras.Model has no {method} method "
                         "(AttributeError); {instead}",
    "explain.code.gone_reset_states": "reset each stateful layer instead: for layer in {m}.layers: if "
                                      "getattr(layer, 'stateful', False): layer.reset_states()",
    "explain.code.gone_predict_classes": "use np.argmax({m}.predict(x), axis=-1) (or (p > 0.5) for one sigmoid "
                                         "output)",
    "explain.code.gone_generator": "{m}.{method} accepts the generator itself",
    "explain.code.batch_size": "batch_size= on a layer is Keras 2 only: Keras 3 rejects it (Unrecognized keyword "
                               "arguments passed to {kind}: {{'batch_size': {batch}}}); the batch goes into "
                               "keras.Input(batch_shape=...)",
    "explain.code.no_input_shape": "{name} has no input shape in the snippet: used {shape} as an example; in Keras 3 "
                                   "start the model with keras.Input(shape=...)",
    "explain.code.no_model": "no Keras model definition found. {scope}",
    "explain.code.no_layers": "{name} has no layers in the snippet",
    "explain.code.too_deep": "the code is nested too deeply to read",
    # --- explain: shapes in words (explainer/describe.py) and the command (explainer/cli.py) ---------
    "explain.shape.any_steps": "any number of steps",
    "explain.shape.steps_any": "any number of timesteps",
    "explain.shape.step_one": "1 timestep",
    "explain.shape.steps": "{n} timesteps",
    "explain.shape.feature_one": "1 feature",
    "explain.shape.features": "{n} features",
    "explain.shape.batch_of": "batch of {n}",
    "explain.shape.tokens": "{steps}: one token id per step",
    "explain.cli.no_file": "no such file: {path}",
    "explain.cli.cannot_load": "Keras could not load {path}: {said}",
    "explain.cli.saved": "(Saved files do not keep input_shape= arguments; run `lstmlab explain your_code.py` to check "
                         "them.)",
    "explain.cli.help": "a saved Keras 3 model (.keras), or a .py / .txt file holding a Keras model definition",
    "explain.code.removed": "removed {args}: ignored on a layer that is not the first",
    "explain.code.not_text": "explain_code expects the source text as a str, got {kind}",
}
