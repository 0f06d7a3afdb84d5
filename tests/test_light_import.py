"""`import lstmlab` is light: no TensorFlow, Keras, matplotlib or ipywidgets, and fast."""
import subprocess
import sys

CODE = """
import sys, time
t = time.perf_counter()
import lstmlab
lstmlab.lstm_step, lstmlab.Stack, lstmlab.LSTM  # the reference and the engine stay light too
elapsed = time.perf_counter() - t
heavy = [m for m in ("tensorflow", "keras", "matplotlib", "ipywidgets", "torch", "jax") if m in sys.modules]
print(heavy, elapsed)
"""


def test_import_lstmlab_leaves_tensorflow_out():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True).stdout
    heavy, elapsed = out.rsplit(" ", 1)
    assert heavy == "[]", f"import lstmlab pulled in {heavy}"


def test_missing_keras_gives_the_extra_to_install():
    code = ("import sys; sys.modules['keras'] = None\n"
            "from lstmlab.oracle.keras_bridge import import_keras\n"
            "try:\n    import_keras()\nexcept ImportError as e:\n    print(e)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "pip install 'lstmlab[keras]'" in out


def test_bridge_sets_quiet_tensorflow_env_unless_user_set_it():
    code = ("import os; os.environ['TF_CPP_MIN_LOG_LEVEL'] = '1'\n"
            "from lstmlab.oracle.keras_bridge import import_keras; import_keras()\n"
            "print(os.environ['TF_CPP_MIN_LOG_LEVEL'], os.environ['TF_ENABLE_ONEDNN_OPTS'])")
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith("TF_")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    assert out.split() == ["1", "0"]
