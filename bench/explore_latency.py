"""Update latency of the stack explorer: table only (target < 20 ms) and table + diagram (target < 200 ms).

Run: .venv/bin/python bench/explore_latency.py [--repeat 30]
"""
import argparse
import statistics
import time

import lstmlab


def measure(explorer, control, values, repeat):
    """Median and worst milliseconds for setting control.value (which runs the update) `repeat` times."""
    times = []
    for k in range(repeat):
        start = time.perf_counter()
        control.value = values[k % len(values)]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    for label, figure in (("table only", False), ("table + figure", True)):
        for depth in (2, 6):
            explorer = lstmlab.StackExplorer(figure=figure)
            explorer.depth.value = depth
            explorer.control("units 1").value = 63  # warm up
            median, worst = measure(explorer, explorer.control("units 1"), [64, 128, 1024, 7], args.repeat)
            print(f"{label:<15} depth {depth}: median {median:6.1f} ms, worst {worst:6.1f} ms (units 1 changes)")
    explorer = lstmlab.StackExplorer()
    median, worst = measure(explorer, explorer.depth, [1, 3, 6, 2], args.repeat)
    print(f"{'depth change':<15} (rebuilds the per-layer controls) + figure: median {median:6.1f} ms, worst {worst:6.1f} ms")


if __name__ == "__main__":
    main()
