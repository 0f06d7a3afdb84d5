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


@pytest.fixture(autouse=True)
def _language_environment_restored():
    """LSTMLAB_LANG as it was before each test: `lstmlab grade --language` sets it for its workers, and a test that
    calls that code in-process must not leave it to the subprocesses of the tests after it."""
    import os
    before = os.environ.get("LSTMLAB_LANG")
    yield
    if before is None:
        os.environ.pop("LSTMLAB_LANG", None)
    else:
        os.environ["LSTMLAB_LANG"] = before
