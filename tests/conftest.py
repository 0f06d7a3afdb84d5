"""Shared fixtures (the root conftest.py quiets TensorFlow and configures nbval)."""
import numpy as np
import pytest


@pytest.fixture(scope="session")
def keras():
    """The Keras 3 oracle. CI installs it, so a missing Keras fails rather than skips."""
    from lstmlab.oracle.keras_bridge import import_keras
    return import_keras()


@pytest.fixture
def rng():
    return np.random.default_rng(0)


@pytest.fixture
def fresh_language():
    """The test starts and ends with no language chosen (English unless LSTMLAB_LANG says otherwise)."""
    from lstmlab import messages
    messages._STATE["lang"] = None
    yield
    messages._STATE["lang"] = None
