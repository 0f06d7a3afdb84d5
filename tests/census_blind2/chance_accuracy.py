"""Blind wrong attempts at chance_accuracy."""
from . import BlindAttempt as A

I = "chance_accuracy"
R = "return counts.max() / len(y)"
ATTEMPTS = [
    A(I, "1/k from bincount's length (balanced chance), not the majority share", [(R, "return 1 / len(counts)")], 1),
    A(I, "1/k over the distinct labels present, not the majority share", [(R, "return 1 / len(np.unique(y))")], 1),
    A(I, "returns the majority class's label (argmax), not its share", [(R, "return int(np.argmax(counts))")], 1),
    A(I, "returns the majority class's count, not divided by the number of samples", [(R, "return counts.max()")], 1),
    A(I, "minority class's share (counts.min())", [(R, "return counts.min() / len(y)")], 1),
    A(I, "majority count divided by the number of classes, not samples", [(R, "return counts.max() / len(counts)")], 1),
    A(I, "integer division: counts.max() // len(y) (0)", [(R, "return counts.max() // len(y)")], 1),
    A(I, "share of label 0, not the most frequent label", [(R, "return counts[0] / len(y)")], 1),
    A(I, "share of the largest label value, not the most frequent", [(R, "return counts[-1] / len(y)")], 1),
    A(I, "error rate of the majority guess (1 - share), not its accuracy", [(R, "return 1 - counts.max() / len(y)")], 1),
    A(I, "minority count AND divided by the number of classes", [(R, "return counts.min() / len(counts)")], 2),
    A(I, "1/k AND reported as an error rate (1 - 1/k)", [(R, "return 1 - 1 / len(counts)")], 2),
    A(I, "share of label 0 AND reported as an error rate", [(R, "return 1 - counts[0] / len(y)")], 2),
]
