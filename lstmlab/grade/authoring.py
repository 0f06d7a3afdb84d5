"""`lstmlab build-exercises`, checked against the graded items: exercises/build.py writes the exercises, and the
registry (checks/, which exercises/ may not import) warns about answer cells no item grades or whose points differ
from their item's."""
from ..exercises import build


def add_arguments(parser):
    build.add_arguments(parser)
    parser.add_argument("--items", action="append", default=[], metavar="FILE",
                        help="a Python file defining ITEMS: your own graded items, which the answer cells may name; "
                             "repeatable")


def run(args):
    from ..checks.registry import all_items, contract_problems
    items = all_items(args.items)
    return build.run(args, contract=lambda notebook, name: contract_problems(notebook, items, name))
