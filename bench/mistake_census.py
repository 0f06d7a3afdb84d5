"""The census of wrong attempts: how many realistic wrong answers check() names, and how many it at least locates.

Usage: .venv/bin/python bench/mistake_census.py [--seed 0] [--all] [--blind DIR] [--latency]
The project's attempts (tests/census_attempts.py) are edits of the solutions' answers that learners really make, at
least five per graded item. Prints one line per item and the figure named / located / total (target: at least 80%
named, the rest located: which output, index, gate, time step or line of code; none passing).

--blind DIR also reads blind attempts, written by someone who never read the checker's rules: one file per item,
DIR/<item>.py, each defining ATTEMPTS = [BlindAttempt(item, label, edits, mistakes), ...] (`edits`: (old, new)
replacements on the solution's answer; `mistakes`: 1 or 2). For them it prints, per item, named / located / passed,
every named attempt's label beside the name check() gave (for a person to judge that every name is right), and the
single and compound figures (a compound is named as two when its name is a pair of mistakes).
--latency times check() on every failed attempt, each on a fresh cache (target: under 300 ms).
"""
import argparse
import importlib.util
import linecache
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from census_attempts import NOTEBOOK, figure, run_census  # noqa: E402
from grading_helpers import census_source  # noqa: E402


def _kind(verdict):
    return "passed!" if verdict.passed else "named" if verdict.mistake_key else "located" if verdict.where else "neither"


def project_census(seed, show_all):
    """The project's census: one line per item, then the figure; returns the exit status."""
    results = run_census(seed)
    per_item = Counter()
    for attempt, verdict in results:
        per_item[(attempt.item, _kind(verdict))] += 1
        if show_all:
            print(f"{attempt.item:<26} {_kind(verdict):<8} {attempt.label:<40} {verdict.mistake or ''}")
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


def _blind_files(folder):
    """(item, ATTEMPTS) for every DIR/<item>.py, imported as modules of the package DIR (they may share its __init__)."""
    folder = Path(folder).resolve()
    if str(folder.parent) not in sys.path:
        sys.path.insert(0, str(folder.parent))
    for path in sorted(folder.glob("*.py")):
        if path.stem.startswith("_") or path.stem not in NOTEBOOK:
            continue
        module = importlib.import_module(f"{folder.name}.{path.stem}")
        yield path.stem, list(getattr(module, "ATTEMPTS", []))


def blind_function(attempt, k):
    """The learner's function from the solution's answer with the attempt's edits, or the edit that did not apply."""
    source = census_source(NOTEBOOK[attempt.item], attempt.item)
    for old, new in attempt.edits:
        if old not in source:
            return None, old
        source = source.replace(old, new)
    filename = f"<blind-cell-{k}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    namespace = {"np": np, "sigmoid": lambda v: 1.0 / (1.0 + np.exp(-v))}
    exec(compile(source, filename, "exec"), namespace)
    return namespace[attempt.item], None


def _cold(verdict_for, item, fn, seed):
    """check()'s verdict and its time in ms, with the mutants' cache emptied first (the first failure of a session)."""
    from lstmlab.checks.mutants import search
    search._CACHE.clear()
    start = time.perf_counter()
    verdict = verdict_for(item, fn, seed)
    return verdict, 1000 * (time.perf_counter() - start)


def blind_census(folder, seed, latency):
    """Named / located / passed per item for the blind attempts, the names beside their labels, singles vs compounds."""
    from lstmlab.checks.feedback import verdict_for
    rows, times, k = [], [], 0
    for item, attempts in _blind_files(folder):
        for attempt in attempts:
            fn, missing = blind_function(attempt, k)
            k += 1
            if fn is None:
                print(f"  skipped {attempt.item} / {attempt.label}: edit not found in the solution: {missing!r}")
                continue
            verdict, ms = _cold(verdict_for, attempt.item, fn, seed)
            if not verdict.passed:
                times.append(ms)
            rows.append((attempt, verdict))
    print(f"\nblind attempts ({folder}): {len(rows)}")
    print(f"{'item':<26} {'attempts':>8} {'named':>6} {'located':>8} {'passed':>7}")
    for item in dict.fromkeys(a.item for a, _ in rows):
        kinds = Counter(_kind(v) for a, v in rows if a.item == item)
        print(f"{item:<26} {sum(kinds.values()):>8} {kinds['named']:>6} {kinds['located']:>8} {kinds['passed!']:>7}")
    print("\nnamed, beside their labels (judge each name):")
    for attempt, verdict in rows:
        if verdict.mistake_key:
            print(f"  {attempt.item:<24} [{attempt.mistakes}] {attempt.label:<44} -> {verdict.mistake}")
    singles = [(a, v) for a, v in rows if a.mistakes == 1]
    pairs = [(a, v) for a, v in rows if a.mistakes == 2]
    named = sum(1 for _, v in singles if v.mistake_key)
    located = sum(1 for _, v in singles if not v.mistake_key and v.where)
    print(f"\nsingle mistakes: {named} of {len(singles)} named ({100 * named / max(len(singles), 1):.0f}%), "
          f"{located} located, {sum(1 for _, v in singles if v.passed)} passed")
    as_two = sum(1 for _, v in pairs if v.mistake_key and "+" in v.mistake_key)
    as_one = sum(1 for _, v in pairs if v.mistake_key and "+" not in v.mistake_key)
    print(f"compound (two mistakes): {as_two} of {len(pairs)} named as two, {as_one} named as one, "
          f"{sum(1 for _, v in pairs if not v.mistake_key and v.where)} located, {sum(1 for _, v in pairs if v.passed)} passed")
    if latency and times:
        print(f"check() on a failed attempt, fresh cache: median {statistics.median(times):.0f} ms, "
              f"max {max(times):.0f} ms, {sum(t > 300 for t in times)} of {len(times)} over 300 ms")
    return 1 if any(v.passed for _, v in rows) else 0


def project_latency(seed):
    """check()'s time on each failed attempt of the project's census, on a fresh cache then cached."""
    from census_attempts import ATTEMPTS, attempt_function
    from lstmlab.checks.feedback import verdict_for
    cold, warm, slow = [], [], []
    for k, attempt in enumerate(ATTEMPTS):
        fn = attempt_function(attempt, k)
        verdict, ms = _cold(verdict_for, attempt.item, fn, seed)
        cold.append(ms)
        if ms > 300:
            slow.append(f"{attempt.item} / {attempt.label} ({ms:.0f} ms, {verdict.status}, {verdict.mistake_key})")
        start = time.perf_counter()
        verdict_for(attempt.item, fn, seed)
        warm.append(1000 * (time.perf_counter() - start))
    print(f"\ncheck() on a failed attempt ({len(cold)} of the project's): fresh cache median {statistics.median(cold):.0f} ms, "
          f"max {max(cold):.0f} ms, {sum(t > 300 for t in cold)} over 300 ms; cached median {statistics.median(warm):.0f} ms, "
          f"max {max(warm):.0f} ms")
    for line in slow:
        print(f"  over 300 ms: {line}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0, help="the seed of the probe cases (check()'s default: 0)")
    parser.add_argument("--all", action="store_true", help="print every attempt's verdict line")
    parser.add_argument("--blind", metavar="DIR", help="a folder of blind attempts, DIR/<item>.py each")
    parser.add_argument("--latency", action="store_true", help="time check() on every failed attempt")
    args = parser.parse_args()
    status = project_census(args.seed, args.all)
    if args.latency:
        project_latency(args.seed)
    if args.blind:
        status |= blind_census(args.blind, args.seed, args.latency)
    return status


if __name__ == "__main__":
    sys.exit(main())
