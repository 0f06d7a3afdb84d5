"""Root pytest config: quiet TensorFlow before anything imports it; nbval compares text, not stderr."""
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("MPLBACKEND", "Agg")


def pytest_collectstart(collector):
    """nbval: TensorFlow's stderr, widget views and images vary from run to run; compare the text."""
    if getattr(collector, "fspath", None) is not None and str(collector.fspath).endswith(".ipynb"):
        collector.skip_compare += ("stderr", "text/html", "image/png", "image/svg+xml",
                                   "application/vnd.jupyter.widget-view+json", "application/javascript")
