"""Blind wrong attempts at split_gates."""
from . import BlindAttempt as A

I = "split_gates"
CS231N = [("c = weight[..., 2 * units:3 * units]", "c = weight[..., 3 * units:]"),
          ("o = weight[..., 3 * units:]", "o = weight[..., 2 * units:3 * units]")]
ATTEMPTS = [
    A(I, "blocks returned in TF1's order i, c, f, o", [("return i, f, c, o", "return i, c, f, o")], 1),
    A(I, "CS231n's order i, f, o, g: the last block taken as the candidate, the third as o", CS231N, 1),
    A(I, "slices along the first axis (rows) instead of the last axis (columns)", [("weight[..., ", "weight[")], 1),
    A(I, "units taken from the number of rows (PyTorch's (4*units, rows) layout)",
      [("units = weight.shape[-1] // 4", "units = weight.shape[0] // 4")], 1),
    A(I, "divides the columns by 3 gates instead of 4 blocks", [("// 4", "// 3")], 1),
    A(I, "each block transposed to (units, rows)", [("return i, f, c, o", "return i.T, f.T, c.T, o.T")], 1),
    A(I, "forget gate assumed first: returns f, i, c, o", [("return i, f, c, o", "return f, i, c, o")], 1),
    A(I, "columns assumed interleaved per unit: every 4th column for each gate",
      [("weight[..., :units]", "weight[..., 0::4]"), ("weight[..., units:2 * units]", "weight[..., 1::4]"),
       ("weight[..., 2 * units:3 * units]", "weight[..., 2::4]"), ("weight[..., 3 * units:]", "weight[..., 3::4]")], 1),
    A(I, "TF1's order i, c, f, o AND slicing rows instead of columns",
      [("return i, f, c, o", "return i, c, f, o"), ("weight[..., ", "weight[")], 2),
    A(I, "CS231n's order i, f, o, g AND each block transposed", CS231N + [("return i, f, c, o", "return i.T, f.T, c.T, o.T")], 2),
]
