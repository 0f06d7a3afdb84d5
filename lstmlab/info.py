"""`lstmlab info` and `lstmlab summary`: the set-up check and the shape engine from the shell."""
import types


def _info_args(parser):
    pass


def _info_run(args):
    import importlib.metadata as md
    import platform

    from . import __version__
    from .keras_bridge import keras_available
    print(f"lstmlab {__version__} on Python {platform.python_version()}")
    for pkg in ("numpy", "matplotlib", "ipywidgets", "jupyterlab", "keras", "tensorflow-cpu", "tensorflow"):
        try:
            print(f"  {pkg:<14} {md.version(pkg)}")
        except md.PackageNotFoundError:
            print(f"  {pkg:<14} not installed")
    print("Keras oracle:", "available" if keras_available() else "missing: pip install 'lstmlab[keras]'")
    return 0


def _summary_args(parser):
    parser.add_argument("--timesteps", type=int, default=5)
    parser.add_argument("--features", type=int, default=2)
    parser.add_argument("--units", type=int, nargs="+", default=[64, 32], help="units of each LSTM layer")
    parser.add_argument("--dense", type=int, default=0, help="units of a Dense head (0: none)")


def _summary_run(args):
    from .shapes import Stack
    from .specs import LSTM, Dense
    layers = [LSTM(u, return_sequences=k < len(args.units) - 1) for k, u in enumerate(args.units)]
    layers += [Dense(args.dense)] if args.dense else []
    print(Stack(input_shape=(args.timesteps, args.features), layers=layers).summary())
    return 0


COMMANDS = {
    "info": types.SimpleNamespace(add_arguments=_info_args, run=_info_run),
    "summary": types.SimpleNamespace(add_arguments=_summary_args, run=_summary_run),
}
