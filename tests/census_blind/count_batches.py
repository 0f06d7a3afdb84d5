"""Blind wrong attempts at count_batches."""
from . import BlindAttempt as A

R = "return -(-samples // batch_size)"

ATTEMPTS = [
    A("count_batches", "floor division: the last, smaller batch not counted", [(R, "return samples // batch_size")], 1),
    A("count_batches", "floor plus one: one batch too many when batch_size divides samples", [(R, "return samples // batch_size + 1")], 1),
    A("count_batches", "true division: a fraction of a batch", [(R, "return samples / batch_size")], 1),
    A("count_batches", "rounded to the nearest integer instead of rounded up", [(R, "return round(samples / batch_size)")], 1),
    A("count_batches", "samples and batch_size swapped", [(R, "return -(-batch_size // samples)")], 1),
    A("count_batches", "outer minus dropped: minus the ceiling", [(R, "return -samples // batch_size")], 1),
    A("count_batches", "ceiling written as (samples - 1) // batch_size, missing the + 1", [(R, "return (samples - 1) // batch_size")], 1),
    A("count_batches", "batch_size ignored: Keras's default 32 used", [(R, "return -(-samples // 32)")], 1),
    A("count_batches", "validation_split=0.2 taken off the samples first", [(R, "return -(-int(samples * 0.8) // batch_size)")], 1),
    A("count_batches", "a partial batch counted as the remainder samples % batch_size instead of as 1", [(R, "return samples // batch_size + samples % batch_size")], 1),
    A("count_batches", "returns the remainder (the size of the last batch) instead of the number of batches", [(R, "return samples % batch_size")], 1),
    # compounds
    A("count_batches", "floor division, and batch_size ignored (default 32)", [(R, "return samples // 32")], 2),
    A("count_batches", "samples and batch_size swapped, and floor division", [(R, "return batch_size // samples")], 2),
    A("count_batches", "samples and batch_size swapped, and true division", [(R, "return batch_size / samples")], 2),
]
