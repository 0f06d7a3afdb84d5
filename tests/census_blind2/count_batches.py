"""Blind wrong attempts at count_batches."""
from . import BlindAttempt as A

I = "count_batches"
R = "return -(-samples // batch_size)"
ATTEMPTS = [
    A(I, "floor division: the last, smaller batch not counted", [(R, "return samples // batch_size")], 1),
    A(I, "floor plus one: one batch too many when batch_size divides samples", [(R, "return samples // batch_size + 1")], 1),
    A(I, "round() instead of ceiling", [(R, "return round(samples / batch_size)")], 1),
    A(I, "true division: a fractional number of batches", [(R, "return samples / batch_size")], 1),
    A(I, "arguments swapped: ceil(batch_size / samples)", [(R, "return -(-batch_size // samples)")], 1),
    A(I, "ceiling written as (samples - 1) // batch_size, the + 1 missing", [(R, "return (samples - 1) // batch_size")], 1),
    A(I, "returns the samples seen per epoch (batches x batch_size), not the batches", [(R, "return -(-samples // batch_size) * batch_size")], 1),
    A(I, "arguments swapped AND floor division", [(R, "return batch_size // samples")], 2),
    A(I, "arguments swapped AND round() instead of ceiling", [(R, "return round(batch_size / samples)")], 2),
]
