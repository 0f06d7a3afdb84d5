"""The exercise notebooks: the answer-cell contract, and `lstmlab build-exercises` (exercises/ from solutions/).
May import: nothing of lstmlab (nbformat and nbclient only).
"""
