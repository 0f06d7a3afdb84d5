"""The error model: mutants of the items' references (`lstm.py`: an LSTM step and layer with atomic mistakes) and the
search that names a wrong answer by the mutant, or pair of mutants, that reproduces it (`search.py`)."""
