"""The course's set-up check: versions (also `lstmlab info`) and whether the Keras oracle agrees."""
import numpy as np

from ..messages import msg
from ..reference.cell import lstm_step


def oracle_difference(*, units=3, features=2, batch=2, seed=0, step=lstm_step):
    """Run keras.layers.LSTMCell and `step` on the same random float32 weights and inputs; return max |difference|."""
    from ..oracle.keras_bridge import import_keras
    keras = import_keras()
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(batch, features)).astype("float32")  # (batch, features)
    h = rng.normal(size=(batch, units)).astype("float32")  # (batch, units)
    c = rng.normal(size=(batch, units)).astype("float32")  # (batch, units)
    weights = [rng.normal(0, 0.5, (features, 4 * units)),  # kernel (features, 4*units)
               rng.normal(0, 0.5, (units, 4 * units)),  # recurrent_kernel (units, 4*units)
               rng.normal(0, 0.5, (4 * units,))]  # bias (4*units,)
    weights = [w.astype("float32") for w in weights]
    cell = keras.layers.LSTMCell(units)
    cell.build((None, features))
    cell.set_weights(weights)
    keras_h, (_, keras_c) = cell(x, [h, c])  # (batch, units) each
    ours_h, ours_c = step(x, h, c, *weights)  # (batch, units) each
    return float(max(np.abs(np.asarray(keras_h) - ours_h).max(), np.abs(np.asarray(keras_c) - ours_c).max()))


def version_lines():
    """lstmlab's, Python's and the course's packages' versions, and whether the Keras oracle is there: a list of lines."""
    import importlib.metadata as md
    import platform

    from .. import __version__
    from ..oracle.keras_bridge import keras_available
    lines = [f"lstmlab {__version__} on Python {platform.python_version()}"]
    for pkg in ("numpy", "matplotlib", "ipywidgets", "jupyterlab", "keras", "tensorflow-cpu", "tensorflow"):
        try:
            lines.append(f"  {pkg:<14} {md.version(pkg)}")
        except md.PackageNotFoundError:
            lines.append(f"  {pkg:<14} " + msg("lesson.setup.not_installed"))
    lines.append(msg("lesson.setup.oracle_available" if keras_available() else "lesson.setup.oracle_missing"))
    return lines


def print_versions():
    """Print version_lines() (what `lstmlab info` shows)."""
    print("\n".join(version_lines()))


def setup_check(tolerance=1e-5):
    """Print the versions, then check lstm_step against Keras's LSTMCell; return True when all is well.

    The text is printed once, at the end, so a notebook stores it as one output.
    """
    from ..oracle.keras_bridge import keras_available
    lines = version_lines()
    if not keras_available():
        print("\n".join(lines + [msg("lesson.setup.no_oracle")]))
        return False
    diff = oracle_difference()
    ok = diff < tolerance
    lines.append(msg("lesson.setup.agree" if ok else "lesson.setup.disagree", diff=f"{diff:.1e}"))
    print("\n".join(lines))
    return ok
