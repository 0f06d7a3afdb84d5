"""`lstmlab info` and `lstmlab summary`: the set-up check and the shape engine from the shell."""
import types


def _info_args(parser):
    pass


def _info_run(args):
    from .lessons.setup_check import print_versions
    print_versions()
    return 0


def _summary_args(parser):
    parser.add_argument("--timesteps", type=int, default=5)
    parser.add_argument("--features", type=int, default=2)
    parser.add_argument("--units", type=int, nargs="+", default=[64, 32], help="units of each LSTM layer")
    parser.add_argument("--dense", type=int, default=0, help="units of a Dense head (0: none)")


def _summary_run(args):
    from .shapes.stack import Stack
    from .shapes.specs import LSTM, Dense
    layers = [LSTM(u, return_sequences=k < len(args.units) - 1) for k, u in enumerate(args.units)]
    layers += [Dense(args.dense)] if args.dense else []
    print(Stack(input_shape=(args.timesteps, args.features), layers=layers).summary())
    return 0


COMMANDS = {
    "info": types.SimpleNamespace(add_arguments=_info_args, run=_info_run),
    "summary": types.SimpleNamespace(add_arguments=_summary_args, run=_summary_run),
}
