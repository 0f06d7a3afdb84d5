"""`lstmlab grade PATH... [--json FILE] [--csv FILE] [--timeout SECONDS] [--jobs N]`."""
import sys


def add_arguments(parser):
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a notebook, or a folder of submissions (one learner each)")
    parser.add_argument("--json", metavar="FILE", help="write the full report as JSON")
    parser.add_argument("--csv", metavar="FILE", help="write a gradebook, one row per learner")
    parser.add_argument("--timeout", type=float, default=10, metavar="SECONDS", help="per-cell time limit (default 10)")
    parser.add_argument("--total-timeout", type=float, default=None, metavar="SECONDS",
                        help="time limit per notebook (default: timeout x (exercises + 4))")
    parser.add_argument("--memory", type=int, default=1024, metavar="MB", help="memory limit of the learner's kernel")
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help="notebooks graded in parallel")
    parser.add_argument("--seed", type=int, default=None, help="fix the grade-time inputs (default: fresh each run)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def run(args):
    from .batch import grade_paths
    from .report import table, write_csv, write_json
    try:
        report = grade_paths(args.paths, timeout=args.timeout, total_timeout=args.total_timeout, memory_mb=args.memory,
                             jobs=max(1, args.jobs), seed=args.seed, progress=not args.quiet)
    except RuntimeError as exc:
        print(f"lstmlab grade: {exc}", file=sys.stderr)
        return 2
    print(table(report))
    if args.json:
        write_json(report, args.json)
    if args.csv:
        write_csv(report, args.csv)
    return 0
