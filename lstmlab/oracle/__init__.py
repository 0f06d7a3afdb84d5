"""The Keras 3 oracle: the only code that imports Keras (lazily), specs -> models, and from_keras's NumPy mirror.
May import: reference, shapes.
"""
