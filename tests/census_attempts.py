"""A census of realistic wrong attempts at every graded item, written as edits of the solutions' answers.

Each attempt is what a learner really writes (a transposed kernel, `np.stack(outputs)`, `samples // batch_size`, ...),
not a call of the checks' own variants. `expected` is the mistake key check() must name (None: no name expected; the
verdict must then say where: which output, index, gate, time step, or line). Used by tests/test_mistake_census.py and
bench/mistake_census.py, which prints the figure (named / located / total).
"""
import linecache
from collections import namedtuple

import numpy as np

from grading_helpers import answer_notebooks, census_source

Attempt = namedtuple("Attempt", "item label edits expected")

NOTEBOOK = answer_notebooks()  # exercise id -> its solutions/ notebook

SPLIT = "i, f, c_tilde, o = np.split"
LOOP = "    for t in range(timesteps):\n"
CHUNKS = "    for chunk in chunks:  # (batch, timesteps, features)\n"

ATTEMPTS = [
    # --- lstm_step --------------------------------------------------------------------------------------------
    Attempt("lstm_step", "gates read as i, f, o, c", [(SPLIT, "i, f, o, c_tilde = np.split")], "gate_order"),
    Attempt("lstm_step", "gates read as f, i, c, o", [(SPLIT, "f, i, c_tilde, o = np.split")], "if_swapped"),
    Attempt("lstm_step", "x @ kernel.T", [("x @ kernel", "x @ kernel.T")], "transposed"),
    Attempt("lstm_step", "np.dot with kernel.T", [("x @ kernel + h @ recurrent_kernel",
                                                   "np.dot(x, kernel.T) + np.dot(h, recurrent_kernel)")], "transposed"),
    Attempt("lstm_step", "kernels swapped", [("x @ kernel + h @ recurrent_kernel", "x @ recurrent_kernel + h @ kernel")],
            "kernels_swapped"),
    Attempt("lstm_step", "no bias", [(" + bias  # (batch, 4*units)", "  # (batch, 4*units)")], "no_bias"),
    Attempt("lstm_step", "split along axis 0", [("np.split(z, 4, axis=1)", "np.split(z, 4, axis=0)")], "split_rows"),
    Attempt("lstm_step", "h = o * c", [("h = o * np.tanh(c)", "h = o * c")], "no_tanh_c"),
    Attempt("lstm_step", "sigmoid on the candidate", [("c_tilde = np.tanh(c_tilde)", "c_tilde = sigmoid(c_tilde)")],
            "sigmoid_candidate"),
    Attempt("lstm_step", "tanh on the output gate", [("sigmoid(f), sigmoid(o)", "sigmoid(f), np.tanh(o)")], "tanh_gate"),
    Attempt("lstm_step", "Keras 2's hard sigmoid", [("    z = x @ kernel", "    sigmoid = lambda v: np.clip(0.2 * v + 0.5, 0, 1)\n"
                                                     "    z = x @ kernel")], "hard_sigmoid"),
    Attempt("lstm_step", "h before c is updated", [("    c = f * c + i * c_tilde  # (batch, units)\n    h = o * np.tanh(c)",
                                                    "    h = o * np.tanh(c)\n    c = f * c + i * c_tilde")], "h_from_old_c"),
    Attempt("lstm_step", "f and i multiplied the wrong way", [("c = f * c + i * c_tilde", "c = f * c_tilde + i * c")],
            "if_swapped"),
    Attempt("lstm_step", "return c, h", [("return h, c", "return c, h")], "h_c_swapped"),
    Attempt("lstm_step", "a dict", [("return h, c", "return {'h': h, 'c': c}")], "dict_for_tuple"),
    Attempt("lstm_step", "sigmoid with the wrong sign", [("    z = x @ kernel", "    sigmoid = lambda v: 1 / (1 + np.exp(v))\n"
                                                          "    z = x @ kernel")], "gate_sign"),
    Attempt("lstm_step", "tanh on the new c itself", [("c = f * c + i * c_tilde", "c = np.tanh(f * c + i * c_tilde)")],
            "tanh_c_stored"),

    # --- lstm_param_count ---------------------------------------------------------------------------------------
    Attempt("lstm_param_count", "one gate", [("4 * (units * (features + units) + units)",
                                             "units * (features + units) + units")], "one_gate"),
    Attempt("lstm_param_count", "no bias", [("4 * (units * (features + units) + units)", "4 * units * (features + units)")],
            "count_no_bias"),
    Attempt("lstm_param_count", "no recurrent kernel", [("4 * (units * (features + units) + units)",
                                                         "4 * (units * features + units)")], "no_recurrent"),
    Attempt("lstm_param_count", "one bias for all gates", [("4 * (units * (features + units) + units)",
                                                            "4 * units * (features + units) + units")], "bias_once"),
    Attempt("lstm_param_count", "one bias number per gate", [("4 * (units * (features + units) + units)",
                                                              "4 * (units * (features + units) + 1)")], "bias_one_per_gate"),
    Attempt("lstm_param_count", "units and features swapped", [("4 * (units * (features + units) + units)",
                                                                "4 * (features * (features + units) + features)")],
            "units_features_swapped"),
    Attempt("lstm_param_count", "a float from a product of floats", [("4 * (units * (features + units) + units)",
                                                                      "4 * (units * (features + units) + units) * 1.0")],
            "float_for_int"),
    Attempt("lstm_param_count", "a bias per input too", [("4 * (units * (features + units) + units)",
                                                          "4 * (units * (features + units) + units + features)")], None),

    # --- split_gates ----------------------------------------------------------------------------------------------
    Attempt("split_gates", "returned as i, f, o, c", [("return i, f, c, o", "return i, f, o, c")], "split_gate_order"),
    Attempt("split_gates", "TensorFlow 1's i, c, f, o", [("return i, f, c, o", "return i, c, f, o")], "split_tf1_order"),
    Attempt("split_gates", "units from the rows", [("weight.shape[-1] // 4", "weight.shape[0] // 4")], "units_from_rows"),
    Attempt("split_gates", "every 4th column", [("    units = weight.shape[-1] // 4\n",
                                                 "    return tuple(weight[:, k::4] for k in range(4))\n")],
            "split_interleaved"),
    Attempt("split_gates", "np.split along the rows", [("    units = weight.shape[-1] // 4\n",
                                                        "    return tuple(np.split(weight, 4, axis=0))\n")],
            "split_rows_axis"),
    Attempt("split_gates", "blocks transposed", [("    units = weight.shape[-1] // 4\n",
                                                  "    return tuple(b.T for b in np.split(weight, 4, axis=1))\n")],
            "blocks_transposed"),
    Attempt("split_gates", "one stacked array", [("return i, f, c, o", "return np.array([i, f, c, o])")], "array_for_tuple"),
    Attempt("split_gates", "off-by-one slice for f", [("f = weight[..., units:2 * units]",
                                                       "f = weight[..., units + 1:2 * units + 1]")], None),

    # --- lstm_layer -------------------------------------------------------------------------------------------------
    Attempt("lstm_layer", "np.stack(outputs)", [("np.stack(outputs, axis=1)", "np.stack(outputs)")], "time_major"),
    Attempt("lstm_layer", "x[t]", [("x[:, t] @ kernel", "x[t] @ kernel")], "x_batch_index"),
    Attempt("lstm_layer", "x[:, t] @ kernel.T", [("x[:, t] @ kernel", "x[:, t] @ kernel.T")], "transposed"),
    Attempt("lstm_layer", "state reset in the loop", [(LOOP, LOOP + "        h, c = np.zeros((batch, units)), "
                                                              "np.zeros((batch, units))\n")], "reset_each_step"),
    Attempt("lstm_layer", "c reset in the loop", [(LOOP, LOOP + "        c = np.zeros((batch, units))\n")],
            "reset_c_each_step"),
    Attempt("lstm_layer", "[output, c, h]", [("[output, h, c]", "[output, c, h]")], "swap_state"),
    Attempt("lstm_layer", "return_state ignored", [("return [output, h, c] if return_state else output", "return output")],
            "no_return_state"),
    Attempt("lstm_layer", "only (output, h)", [("[output, h, c]", "[output, h]")], "state_without_c"),
    Attempt("lstm_layer", "collects c", [("outputs.append(h)", "outputs.append(c)")], "c_sequence"),
    Attempt("lstm_layer", "always the sequence", [("if return_sequences else h", "if True else h")], "sequence_not_last"),
    Attempt("lstm_layer", "h = sigmoid(o) * c", [("h = sigmoid(o) * np.tanh(c)", "h = sigmoid(o) * c")], "no_tanh_c"),
    Attempt("lstm_layer", "one step too few", [("for t in range(timesteps)", "for t in range(timesteps - 1)")],
            "one_step_short"),
    Attempt("lstm_layer", "runs backwards in time", [("for t in range(timesteps)", "for t in reversed(range(timesteps))")],
            "reversed_time"),

    # --- lstm_layer_initial_state ---------------------------------------------------------------------------------
    Attempt("lstm_layer_initial_state", "starts from zeros", [("h, c = h0, c0", "h, c = np.zeros_like(h0), np.zeros_like(c0)")],
            "ignored_initial_state"),
    Attempt("lstm_layer_initial_state", "h0 and c0 swapped", [("h, c = h0, c0", "h, c = c0, h0")], "swap_initial"),
    Attempt("lstm_layer_initial_state", "c starts from zero", [("h, c = h0, c0", "h, c = h0, np.zeros_like(c0)")], "h0_only"),
    Attempt("lstm_layer_initial_state", "initial state inside the loop",
            [("    for t in range(x.shape[1]):\n", "    for t in range(x.shape[1]):\n        h, c = h0, c0\n")],
            "initial_each_step"),
    Attempt("lstm_layer_initial_state", "returns the final h", [("return np.stack(outputs, axis=1)", "return h")],
            "last_only"),
    Attempt("lstm_layer_initial_state", "np.stack(outputs)", [("return np.stack(outputs, axis=1)", "return np.stack(outputs)")],
            "time_major"),
    Attempt("lstm_layer_initial_state", "gates read as i, f, o, c", [(SPLIT, "i, f, o, c_tilde = np.split")], "gate_order"),
    Attempt("lstm_layer_initial_state", "states transposed", [("h, c = h0, c0", "h, c = h0.T, c0.T")], None),

    # --- last_output ----------------------------------------------------------------------------------------------
    Attempt("last_output", "the first step", [("sequence[:, -1, :]", "sequence[:, 0, :]")], "first_step"),
    Attempt("last_output", "the last sample", [("sequence[:, -1, :]", "sequence[-1]")], "last_sample"),
    Attempt("last_output", "the last unit", [("sequence[:, -1, :]", "sequence[:, :, -1]")], "last_unit"),
    Attempt("last_output", "a slice keeps the axis", [("sequence[:, -1, :]", "sequence[:, -1:, :]")], "kept_time_axis"),
    Attempt("last_output", "len(sequence) - 1", [("sequence[:, -1, :]", "sequence[:, len(sequence) - 1, :]")],
            "len_is_batch"),
    Attempt("last_output", "sequence.shape[1]", [("sequence[:, -1, :]", "sequence[:, sequence.shape[1], :]")],
            "index_past_end"),
    Attempt("last_output", "a list of rows", [("sequence[:, -1, :]", "[s[-1] for s in sequence]")], "list_for_array"),
    Attempt("last_output", "the last sample's last step", [("sequence[:, -1, :]", "sequence[-1, -1]")], None),

    # --- make_windows ---------------------------------------------------------------------------------------------
    Attempt("make_windows", "target inside the window", [("series[timesteps:, target_column]",
                                                          "series[timesteps - 1:-1, target_column]")], "target_inside"),
    Attempt("make_windows", "target is the window's last row", [
        ("samples = len(series) - timesteps", "samples = len(series) - timesteps + 1"),
        ("series[timesteps:, target_column]", "series[timesteps - 1:, target_column]")], "target_inside_all"),
    Attempt("make_windows", "one window too many", [("samples = len(series) - timesteps",
                                                     "samples = len(series) - timesteps + 1")], "one_too_many"),
    Attempt("make_windows", "y as a column", [("series[timesteps:, target_column]", "series[timesteps:, [target_column]]")],
            "y_column"),
    Attempt("make_windows", "windows that do not overlap", [
        ("for j in range(samples)", "for j in range(0, samples, timesteps)"),
        ("series[timesteps:, target_column]", "series[timesteps::timesteps, target_column]")], "no_overlap"),
    Attempt("make_windows", "stacked along axis 1", [("for j in range(samples)])", "for j in range(samples)], axis=1)")],
            "window_axis"),
    Attempt("make_windows", "the whole row as y", [("series[timesteps:, target_column]", "series[timesteps:]")], "whole_row"),
    Attempt("make_windows", "X as a list", [("X = np.stack([series[j:j + timesteps] for j in range(samples)])",
                                             "X = [series[j:j + timesteps] for j in range(samples)]")], "list_for_array"),
    Attempt("make_windows", "a dict", [("return X, y", "return {'X': X, 'y': y}")], "dict_for_tuple"),
    Attempt("make_windows", "the column before the target", [("series[timesteps:, target_column]",
                                                              "series[timesteps:, target_column - 1]")],
            "target_column_one_based"),

    # --- count_batches ----------------------------------------------------------------------------------------------
    Attempt("count_batches", "floor division", [("-(-samples // batch_size)", "samples // batch_size")], "floor_batches"),
    Attempt("count_batches", "true division", [("-(-samples // batch_size)", "samples / batch_size")], "float_for_int"),
    Attempt("count_batches", "np.ceil", [("-(-samples // batch_size)", "np.ceil(samples / batch_size)")], "float_for_int"),
    Attempt("count_batches", "round", [("-(-samples // batch_size)", "round(samples / batch_size)")], "rounded_batches"),
    Attempt("count_batches", "floor + 1", [("-(-samples // batch_size)", "samples // batch_size + 1")], "one_batch_too_many"),
    Attempt("count_batches", "int() + 1", [("-(-samples // batch_size)", "int(samples / batch_size) + 1")],
            "one_batch_too_many"),
    Attempt("count_batches", "the samples in the last batch", [("-(-samples // batch_size)", "samples % batch_size")],
            "remainder_only"),

    # --- match_targets --------------------------------------------------------------------------------------------
    Attempt("match_targets", "the last LSTM keeps its sequences", [("per_step = y.ndim == 3", "per_step = True")],
            "targets_sequences_kept"),
    Attempt("match_targets", "never a sequence", [("per_step = y.ndim == 3", "per_step = False")], "targets_no_sequences"),
    Attempt("match_targets", "any 2-D y as one label per step", [("per_step = y.ndim == 3", "per_step = y.ndim > 1")],
            "targets_2d_as_steps"),
    Attempt("match_targets", "Dense(1) always", [("units = y.shape[-1] if y.ndim > 1 else 1", "units = 1")],
            "targets_units_one"),
    Attempt("match_targets", "units from X's features", [("units = y.shape[-1] if y.ndim > 1 else 1",
                                                          "units = X.shape[-1]")], "targets_units_features"),
    Attempt("match_targets", "y.shape[-1] for a 1-D y too", [("units = y.shape[-1] if y.ndim > 1 else 1",
                                                              "units = y.shape[-1]")], "targets_units_last_axis"),
    Attempt("match_targets", "y.shape[1]", [("units = y.shape[-1] if y.ndim > 1 else 1",
                                             "units = y.shape[1] if y.ndim > 1 else 1")], "targets_units_axis1"),
    Attempt("match_targets", "every number of one sample", [("units = y.shape[-1] if y.ndim > 1 else 1",
                                                             "units = int(np.prod(y.shape[1:]))")], "targets_units_flat"),
    Attempt("match_targets", "units first", [("return per_step, units", "return units, per_step")], "head_swapped"),
    Attempt("match_targets", "a dict", [("return per_step, units", "return {'return_sequences': per_step, 'units': units}")],
            "dict_for_tuple"),

    # --- predict_shapes ---------------------------------------------------------------------------------------------
    Attempt("predict_shapes", "one gate", [("4 * (units * (inputs + units) + units)", "units * (inputs + units) + units")],
            "one_gate"),
    Attempt("predict_shapes", "LSTM without bias", [("4 * (units * (inputs + units) + units)",
                                                     "4 * units * (inputs + units)")], "count_no_bias"),
    Attempt("predict_shapes", "return_sequences ignored", [
        ('shape = (None, shape[1], units) if layer["return_sequences"] else (None, units)', "shape = (None, units)")],
            "no_sequences"),
    Attempt("predict_shapes", "Dense without bias", [("params = inputs * units + units", "params = inputs * units")],
            "dense_no_bias"),
    Attempt("predict_shapes", "no batch dimension", [("rows.append((shape, params))", "rows.append((shape[1:], params))")],
            "no_batch_dim"),
    Attempt("predict_shapes", "Dense flattens time", [("shape = shape[:-1] + (units,)", "shape = (None, units)")],
            "dense_drops_time"),
    Attempt("predict_shapes", "features for every layer", [('units, inputs = layer["units"], shape[-1]',
                                                            'units, inputs = layer["units"], features')],
            "input_features_everywhere"),
    Attempt("predict_shapes", "shape[1] as the input size", [('units, inputs = layer["units"], shape[-1]',
                                                              'units, inputs = layer["units"], shape[1]')],
            "timesteps_as_features"),
    Attempt("predict_shapes", "a float count", [("params = 4 * (units * (inputs + units) + units)",
                                                 "params = 4 * (units * (inputs + units) + units) / 1")], "float_for_int"),
    Attempt("predict_shapes", "Dense params without the inputs", [("params = inputs * units + units",
                                                                   "params = units * units + units")], None),

    # --- stack_forward ------------------------------------------------------------------------------------------------
    Attempt("stack_forward", "states carried into the next layer", [
        ("        h = c = np.zeros((seq.shape[0], units))  # each layer starts from zero state\n",
         "        if seq is x:\n            h = c = np.zeros((seq.shape[0], units))\n")], "pass_states"),
    Attempt("stack_forward", "the sequence into the Dense", [("return h @ dense_kernel", "return seq @ dense_kernel")],
            "sequence_out"),
    Attempt("stack_forward", "the first step into the Dense", [("return h @ dense_kernel", "return seq[:, 0] @ dense_kernel")],
            "dense_first_step"),
    Attempt("stack_forward", "every layer reads x", [("z = seq[:, t] @ kernel", "z = x[:, t] @ kernel")], "every_layer_x"),
    Attempt("stack_forward", "seq never updated", [("        seq = np.stack(outputs, axis=1)", "        out = np.stack(outputs, axis=1)")],
            "every_layer_x"),
    Attempt("stack_forward", "Dense without its bias", [("return h @ dense_kernel + dense_bias", "return h @ dense_kernel")],
            "dense_bias_missing"),
    Attempt("stack_forward", "c into the Dense", [("return h @ dense_kernel", "return c @ dense_kernel")], "dense_on_c"),
    Attempt("stack_forward", "dense_kernel.T", [("h @ dense_kernel", "h @ dense_kernel.T")], "dense_transposed"),
    Attempt("stack_forward", "gates read as i, f, o, c", [(SPLIT, "i, f, o, c_tilde = np.split")], "gate_order"),
    Attempt("stack_forward", "the mean over time into the Dense", [("return h @ dense_kernel",
                                                                    "return seq.mean(axis=1) @ dense_kernel")], "time_mean"),

    # --- stateful_batches -------------------------------------------------------------------------------------------
    Attempt("stateful_batches", "consecutive chunks", [(
        "streams = series[:batch * stream].reshape(batch, stream, features)  # (batch, stream, features)\n"
        "    chunks = streams[:, :n_batches * timesteps].reshape(batch, n_batches, timesteps, features)\n"
        "    return chunks.transpose(1, 0, 2, 3)",
        "return series[:n_batches * batch * timesteps].reshape(n_batches, batch, timesteps, features)")], "consecutive"),
    Attempt("stateful_batches", "no transpose", [("return chunks.transpose(1, 0, 2, 3)", "return chunks")],
            "batch_axes_swapped"),
    Attempt("stateful_batches", "interleaved streams", [("series[:batch * stream].reshape(batch, stream, features)",
                                                         "series[:batch * stream].reshape(stream, batch, features)"
                                                         ".transpose(1, 0, 2)")], "interleaved_streams"),
    Attempt("stateful_batches", "remainder kept", [
        ("streams = series[:batch * stream].reshape(batch, stream, features)",
         "streams = series.reshape(batch, stream, features)"),
        ("streams[:, :n_batches * timesteps].reshape(batch, n_batches, timesteps, features)",
         "streams.reshape(batch, n_batches, timesteps, features)")], "remainder_kept"),
    Attempt("stateful_batches", "a list of batches", [("return chunks.transpose(1, 0, 2, 3)",
                                                       "return [chunks[:, k] for k in range(n_batches)]")],
            "list_for_array"),
    Attempt("stateful_batches", "wrong transpose", [("transpose(1, 0, 2, 3)", "transpose(1, 0, 3, 2)")],
            "answer_axes_swapped:batches:step:feature"),

    # --- stateful_forward -------------------------------------------------------------------------------------------
    Attempt("stateful_forward", "state reset per chunk", [(CHUNKS, CHUNKS + "        h, c = 0 * h, 0 * c\n")], "no_carry"),
    Attempt("stateful_forward", "c reset per chunk", [(CHUNKS, CHUNKS + "        c = 0 * c\n")], "h_only"),
    Attempt("stateful_forward", "h reset per chunk", [(CHUNKS, CHUNKS + "        h = 0 * h\n")], "c_only"),
    Attempt("stateful_forward", "only the last chunk", [("return np.stack(outputs)", "return h")], "last_chunk_only"),
    Attempt("stateful_forward", "collects c", [("outputs.append(h)", "outputs.append(c)")], "c_out"),
    Attempt("stateful_forward", "a list of outputs", [("return np.stack(outputs)", "return outputs")], "list_for_array"),
    Attempt("stateful_forward", "gates read as i, f, o, c", [(SPLIT, "i, f, o, c_tilde = np.split")], "gate_order"),
    Attempt("stateful_forward", "tanh on the output gate", [("h = sigmoid(o) * np.tanh(c)", "h = np.tanh(o) * np.tanh(c)")],
            "tanh_gate"),
    Attempt("stateful_forward", "every step collected", [("        outputs.append(h)  # (batch, units)\n",
                                                          ""), ("            h = sigmoid(o) * np.tanh(c)  # (batch, units)\n",
                                                                "            h = sigmoid(o) * np.tanh(c)  # (batch, units)\n"
                                                                "            outputs.append(h)\n")], None),

    # --- lstm_step_backward ----------------------------------------------------------------------------------------
    Attempt("lstm_step_backward", "no tanh' through h", [("dc = dc + dh * o * (1 - np.tanh(c) ** 2)", "dc = dc + dh * o")],
            "no_tanh_prime"),
    Attempt("lstm_step_backward", "1 - tanh(c)", [("(1 - np.tanh(c) ** 2)", "(1 - np.tanh(c))")], "tanh_prime_linear"),
    Attempt("lstm_step_backward", "1 - c**2", [("(1 - np.tanh(c) ** 2)", "(1 - c ** 2)")], "tanh_prime_of_c"),
    Attempt("lstm_step_backward", "dz blocks as i, f, o, c", [
        ("        dc * i * (1 - c_tilde ** 2),  # dz_c  (batch, units)\n"
         "        dh * np.tanh(c) * o * (1 - o),  # dz_o  (batch, units)\n",
         "        dh * np.tanh(c) * o * (1 - o),  # dz_o  (batch, units)\n"
         "        dc * i * (1 - c_tilde ** 2),  # dz_c  (batch, units)\n")], "dz_gate_order"),
    Attempt("lstm_step_backward", "dz.T @ x", [("x.T @ dz", "dz.T @ x")], "dkernel_transposed"),
    Attempt("lstm_step_backward", "dbias over axis 1", [("dz.sum(axis=0)", "dz.sum(axis=1)")], "dbias_wrong_axis"),
    Attempt("lstm_step_backward", "dz @ kernel", [("dx = dz @ kernel.T", "dx = dz @ kernel")], "dx_no_transpose"),
    Attempt("lstm_step_backward", "dc_prev = dc", [("dc_prev = dc * f", "dc_prev = dc")], "dc_prev_without_f"),
    Attempt("lstm_step_backward", "c instead of tanh(c) for o", [("dh * np.tanh(c) * o * (1 - o)", "dh * c * o * (1 - o)")],
            "dz_o_with_c"),
    Attempt("lstm_step_backward", "sigmoid' as s", [("* i * (1 - i)", "* i"), ("* f * (1 - f)", "* f"),
                                                     ("* o * (1 - o)", "* o")], "sigmoid_prime"),
    Attempt("lstm_step_backward", "dz_c without i", [("dc * i * (1 - c_tilde ** 2)", "dc * (1 - c_tilde ** 2)")], None),

    # --- lstm_layer_backward -------------------------------------------------------------------------------------------
    Attempt("lstm_layer_backward", "dh not carried", [("doutput[:, t] + dh", "doutput[:, t]")], "no_dh_carry"),
    Attempt("lstm_layer_backward", "dc not carried", [("step_backward(doutput[:, t] + dh, dc,",
                                                       "step_backward(doutput[:, t] + dh, np.zeros_like(dc),")],
            "no_dc_carry"),
    Attempt("lstm_layer_backward", "forward in time", [("for t in reversed(range(timesteps)):", "for t in range(timesteps):")],
            "forward_order"),
    Attempt("lstm_layer_backward", "gradients overwritten", [("dkernel + dk, drecurrent_kernel + drk, dbias + db",
                                                              "dk, drk, db")], "not_summed"),
    Attempt("lstm_layer_backward", "states after the step", [("hs[t], cs[t])", "hs[t + 1], cs[t + 1])")], "states_after"),
    Attempt("lstm_layer_backward", "no tanh' through h", [("dc = dc + dh * o * (1 - np.tanh(c) ** 2)", "dc = dc + dh * o")],
            "no_tanh_prime"),
    Attempt("lstm_layer_backward", "dz.T @ x_t", [("x_t.T @ dz", "dz.T @ x_t")], "dkernel_transposed"),
    Attempt("lstm_layer_backward", "only the last doutput", [("doutput[:, t] + dh", "doutput[:, -1] + dh")], None),
    # --- lesson 10: forecasting --------------------------------------------------------------------------------
    Attempt("time_split", "validation from the end", [("    val = series[n_train:n_train + n_val]\n    test = series[n_train + n_val:]",
                                                       "    val = series[n - n_val:]\n    test = series[n_train:n - n_val]")],
            "split_val_from_end"),
    Attempt("time_split", "validation starts one early", [("val = series[n_train:n_train + n_val]",
                                                            "val = series[n_train - 1:n_train + n_val - 1]")], "split_overlap"),
    Attempt("time_split", "round() sizes", [("int(n * train_fraction)", "round(n * train_fraction)"),
                                            ("int(n * val_fraction)", "round(n * val_fraction)")], "split_rounded"),
    Attempt("time_split", "test gets the validation rows too", [("test = series[n_train + n_val:]", "test = series[n_train:]")],
            "split_test_with_val"),
    Attempt("time_split", "a random shuffle first", [("    n = len(series)\n", "    n = len(series)\n    series = series[::-1]\n")],
            "split_shuffled"),
    Attempt("scale_train_only", "statistics of everything", [("mean = train.mean(axis=0)", "mean = np.concatenate([train, val, test]).mean(axis=0)"),
                                                               ("std = train.std(axis=0)", "std = np.concatenate([train, val, test]).std(axis=0)")],
            "scale_leak_all"),
    Attempt("scale_train_only", "pandas-style std", [("std = train.std(axis=0)", "std = train.std(axis=0, ddof=1)")], "scale_ddof1"),
    Attempt("scale_train_only", "one mean for all columns", [("mean = train.mean(axis=0)", "mean = train.mean()"),
                                                             ("std = train.std(axis=0)", "std = train.std()")], "scale_one_stat"),
    Attempt("scale_train_only", "each part its own stats",
            [("return (train - mean) / std, (val - mean) / std, (test - mean) / std",
              "return tuple((part - part.mean(axis=0)) / part.std(axis=0) for part in (train, val, test))")], "scale_own_stats"),
    Attempt("scale_train_only", "only centred", [("return (train - mean) / std, (val - mean) / std, (test - mean) / std",
                                                  "return train - mean, val - mean, test - mean")], None),
    Attempt("persistence_forecast", "first value", [("last = windows[:, -1]", "last = windows[:, 0]")], "persist_first"),
    Attempt("persistence_forecast", "window mean", [("last = windows[:, -1]", "last = windows.mean(axis=1)")], "persist_mean"),
    Attempt("persistence_forecast", "second to last", [("last = windows[:, -1]", "last = windows[:, -2]")], "persist_second_last"),
    Attempt("persistence_forecast", "repeated along the wrong axis", [("np.repeat(last[:, None], horizon, axis=1)",
                                                                       "np.repeat(last[None, :], horizon, axis=0)")], "persist_wrong_axis"),
    Attempt("persistence_forecast", "one step only", [("np.repeat(last[:, None], horizon, axis=1)", "last[:, None]")], "persist_one_step"),
    Attempt("mase", "scaled by the test part", [("naive = np.mean(np.abs(y_train[season:] - y_train[:-season]))",
                                                 "naive = np.mean(np.abs(y_true[season:] - y_true[:-season]))")], "mase_test_scale"),
    Attempt("mase", "season ignored", [("y_train[season:] - y_train[:-season]", "y_train[1:] - y_train[:-1]")], "mase_no_season"),
    Attempt("mase", "plain MAE", [("return mae / naive", "return mae")], "mase_unscaled"),
    Attempt("mase", "squared errors", [("mae = np.mean(np.abs(y_true - y_pred))", "mae = np.mean((y_true - y_pred) ** 2)"),
                                       ("naive = np.mean(np.abs(y_train[season:] - y_train[:-season]))",
                                        "naive = np.mean((y_train[season:] - y_train[:-season]) ** 2)")], "mase_squared"),
    Attempt("mase", "ratio upside down", [("return mae / naive", "return naive / mae")], "mase_inverted"),
    # --- lesson 09: chance_accuracy, width_for_budget, paired_interval ---------------------------------------
    Attempt("chance_accuracy", "1 / k from bincount", [("return counts.max() / len(y)", "return 1 / len(counts)")],
            "chance_max_label"),
    Attempt("chance_accuracy", "1 / number of classes seen", [("counts = np.bincount(y)", "counts = np.unique(y)"),
                                                              ("return counts.max() / len(y)", "return 1 / len(counts)")],
            "chance_uniform"),
    Attempt("chance_accuracy", "the count", [("return counts.max() / len(y)", "return counts.max()")], "chance_count"),
    Attempt("chance_accuracy", "the majority label", [("return counts.max() / len(y)", "return counts.argmax()")],
            "chance_label"),
    Attempt("chance_accuracy", "the minority share", [("counts = np.bincount(y)", "counts = np.unique(y, return_counts=True)[1]"),
                                                      ("counts.max()", "counts.min()")], "chance_minority"),
    Attempt("chance_accuracy", "over the number of classes", [("return counts.max() / len(y)",
                                                               "return counts.max() / len(counts)")], None),
    Attempt("width_for_budget", "every layer reads the features", [("(layers - 1) * 4 * (u * (u + u) + u)",
                                                                    "(layers - 1) * 4 * (u * (features + u) + u)")],
            "width_all_features"),
    Attempt("width_for_budget", "layer 1 reads u", [("4 * (u * (features + u) + u) +", "4 * (u * (u + u) + u) +")],
            "width_all_units"),
    Attempt("width_for_budget", "no bias", [("return 4 * (u * (features + u) + u) + (layers - 1) * 4 * (u * (u + u) + u)",
                                             "return 4 * u * (features + u) + (layers - 1) * 4 * u * (u + u)")],
            "width_no_bias"),
    Attempt("width_for_budget", "three gates", [("return 4 * (u * (features + u) + u) + (layers - 1) * 4 * (u * (u + u) + u)",
                                                 "return 3 * (u * (features + u) + u) + (layers - 1) * 3 * (u * (u + u) + u)")],
            "width_three_gates"),
    Attempt("width_for_budget", "strictly under the budget", [("while count(u + 1) <= budget", "while count(u + 1) < budget")],
            "width_strict"),
    Attempt("width_for_budget", "first width reaching the budget", [("while count(u + 1) <= budget", "while count(u) < budget")],
            "width_over"),
    Attempt("width_for_budget", "one layer too many", [("(layers - 1) * 4", "layers * 4")], None),
    Attempt("paired_interval", "a and b resampled apart", [("means = d[picks].mean(axis=1)",
                                                            "means = a[picks].mean(axis=1) - b[rng.integers(0, len(d), "
                                                            "size=(n_boot, len(d)))].mean(axis=1)")], "paired_unpaired"),
    Attempt("paired_interval", "b - a", [("d = a - b", "d = b - a")], "paired_reversed"),
    Attempt("paired_interval", "90% interval", [("[2.5, 97.5]", "[5, 95]")], "paired_90"),
    Attempt("paired_interval", "percentiles of the differences", [("np.percentile(means, [2.5, 97.5])",
                                                                   "np.percentile(d, [2.5, 97.5])")], "paired_no_resample"),
    Attempt("paired_interval", "mean plus or minus 1.96 sd", [("low, high = np.percentile(means, [2.5, 97.5])",
                                                              "low, high = d.mean() - 1.96 * means.std(), d.mean() + 1.96 * means.std()")],
            "paired_normal"),
    Attempt("paired_interval", "picks drawn (n, n_boot)", [("size=(n_boot, len(d)))", "size=(len(d), n_boot))"),
                                                           ("d[picks].mean(axis=1)", "d[picks].mean(axis=0)")],
            "paired_picks_transposed"),
    Attempt("paired_interval", "quantile given percents", [("np.percentile(means, [2.5, 97.5])",
                                                            "np.quantile(means, [2.5, 97.5])")], None),
]


def attempt_source(attempt):
    """The solution's answer with the attempt's edits (each `old` must occur in it): census_source's form of it."""
    source = census_source(NOTEBOOK[attempt.item], attempt.item)
    for old, new in attempt.edits:
        assert old in source, f"{attempt.item} / {attempt.label}: {old!r} not found in the solution"
        source = source.replace(old, new)
    return source


def attempt_function(attempt, k=0):
    """The learner's function, compiled as a notebook cell would be (its lines are readable in tracebacks)."""
    source = attempt_source(attempt)
    filename = f"<census-cell-{k}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    namespace = {"np": np, "sigmoid": lambda v: 1.0 / (1.0 + np.exp(-v))}
    exec(compile(source, filename, "exec"), namespace)
    return namespace[attempt.item]


def run_census(seed=0):
    """[(attempt, verdict)] for every attempt, checked as check() checks it in the notebook."""
    from lstmlab.checks.feedback import verdict_for
    return [(a, verdict_for(a.item, attempt_function(a, k), seed)) for k, a in enumerate(ATTEMPTS)]


def figure(results):
    """(named, located, total): a named mistake; else a place (output, index, gate, time step, line)."""
    named = sum(1 for _, v in results if v.mistake_key)
    located = sum(1 for _, v in results if not v.mistake_key and v.where)
    return named, located, len(results)
