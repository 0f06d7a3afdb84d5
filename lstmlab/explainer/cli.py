"""`lstmlab explain path/to/model.keras` (or a .py file with a Keras 2 snippet): the report in the terminal."""
import os

from ..messages import msg


def add_arguments(parser):
    """One argument: the file to explain."""
    parser.add_argument("path", help=msg("explain.cli.help"))


def run(args):
    """Print the report; exit 1 when there are findings, 0 when clean, 2 when it cannot read the file."""
    if not os.path.exists(args.path):
        raise FileNotFoundError(msg("explain.cli.no_file", path=args.path))
    if args.path.endswith((".keras", ".h5")):
        from ..oracle.keras_bridge import import_keras
        from .model import explain
        keras = import_keras()
        try:
            model = keras.saving.load_model(args.path, compile=False)
        except Exception as exc:  # a corrupt file, a custom layer Keras cannot rebuild, ...
            raise ValueError(msg("explain.cli.cannot_load", path=args.path, said=str(exc).splitlines()[0])) from None
        report = explain(model)
        print(report, end="")
        print(msg("explain.cli.saved"))
        return 1 if report.findings else (0 if report.in_scope else 2)
    from .translate import explain_code
    with open(args.path, encoding="utf-8") as fh:
        result = explain_code(fh.read())
    print(result, end="")
    return 1 if result.findings else (0 if result.translated else 2)
