"""Blind wrong attempts at split_gates."""
from . import BlindAttempt as A

U = "units = weight.shape[-1] // 4"
I = "i = weight[..., :units]"
F = "f = weight[..., units:2 * units]"
C = "c = weight[..., 2 * units:3 * units]"
O = "o = weight[..., 3 * units:]"
RET = "return i, f, c, o"

ATTEMPTS = [
    A("split_gates", "TF1's gate order (i, c, f, o): the second block returned as the candidate, the third as the forget gate", [(RET, "return i, c, f, o")], 1),
    A("split_gates", "gate order i, f, o, c: the third block read as the output gate, the last as the candidate",
      [(C, "c = weight[..., 3 * units:]"), (O, "o = weight[..., 2 * units:3 * units]")], 1),
    A("split_gates", "units from the first axis (weight.shape[0] // 4) instead of the last", [(U, "units = weight.shape[0] // 4")], 1),
    A("split_gates", "blocks sliced along the rows (PyTorch's (4*units, rows) layout) instead of the columns", [("weight[..., ", "weight[")], 1),
    A("split_gates", "inclusive end (MATLAB habit): each block's slice stops one column short",
      [(I, "i = weight[..., 0:units - 1]"), (F, "f = weight[..., units:2 * units - 1]"), (C, "c = weight[..., 2 * units:3 * units - 1]"),
       (O, "o = weight[..., 3 * units:4 * units - 1]")], 1),
    A("split_gates", "three gates assumed: units = columns // 3", [(U, "units = weight.shape[-1] // 3")], 1),
    A("split_gates", "gate columns taken interleaved (every 4th column) instead of four contiguous blocks",
      [(I, "i = weight[..., 0::4]"), (F, "f = weight[..., 1::4]"), (C, "c = weight[..., 2::4]"), (O, "o = weight[..., 3::4]")], 1),
    A("split_gates", "blocks returned in reverse order (o, c, f, i)", [(RET, "return o, c, f, i")], 1),
    A("split_gates", "candidate block runs to the end (2*units:), swallowing the output gate's columns", [(C, "c = weight[..., 2 * units:]")], 1),
    A("split_gates", "forget gate first (colah's f, i, c, o order): first two blocks swapped", [(RET, "return f, i, c, o")], 1),
    A("split_gates", "each block returned transposed (units, rows)",
      [(RET, "return i.T, f.T, c.T, o.T")], 1),
    # compounds
    A("split_gates", "units from the first axis, and TF1's gate order (i, c, f, o)",
      [(U, "units = weight.shape[0] // 4"), (RET, "return i, c, f, o")], 2),
    A("split_gates", "blocks sliced along the rows, and gate order i, f, o, c",
      [("weight[..., ", "weight["), ("c = weight[2 * units:3 * units]", "c = weight[3 * units:]"), ("o = weight[3 * units:]", "o = weight[2 * units:3 * units]")], 2),
    A("split_gates", "three gates assumed (columns // 3), and blocks returned in reverse order",
      [(U, "units = weight.shape[-1] // 3"), (RET, "return o, c, f, i")], 2),
]
