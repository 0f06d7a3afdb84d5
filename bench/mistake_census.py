"""The census of wrong attempts: how many realistic wrong answers check() names, and how many it at least locates.

Usage: .venv/bin/python bench/mistake_census.py [--seed 0] [--all]
The attempts (tests/census_attempts.py) are edits of the solutions' answers that learners really make, at least five per
graded item. Prints one line per item and the figure named / located / total (target: at least 80% named, the rest
located: which output, index, gate, time step or line of code; none passing).
"""
import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from census_attempts import figure, run_census  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0, help="the seed of the probe cases (check()'s default: 0)")
    parser.add_argument("--all", action="store_true", help="print every attempt's verdict line")
    args = parser.parse_args()
    results = run_census(args.seed)
    per_item = Counter()
    for attempt, verdict in results:
        kind = "passed!" if verdict.passed else "named" if verdict.mistake_key else "located" if verdict.where else "neither"
        per_item[(attempt.item, kind)] += 1
        if args.all:
            print(f"{attempt.item:<26} {kind:<8} {attempt.label:<40} {verdict.mistake or ''}")
    items = list(dict.fromkeys(a.item for a, _ in results))
    print(f"{'item':<26} {'attempts':>8} {'named':>6} {'located':>8}")
    for item in items:
        total = sum(n for (i, _), n in per_item.items() if i == item)
        print(f"{item:<26} {total:>8} {per_item[(item, 'named')]:>6} {per_item[(item, 'located')]:>8}")
    named, located, total = figure(results)
    passed = sum(1 for _, v in results if v.passed)
    print(f"\nnamed {named} / located {located} / total {total}: {100 * named / total:.0f}% named, "
          f"{100 * (named + located) / total:.0f}% named or located, {passed} passed")
    return 1 if passed or named + located < total or named < 0.8 * total else 0


if __name__ == "__main__":
    sys.exit(main())
