"""Update latency of the stack explorer: table only (target < 20 ms) and table + diagram (target < 200 ms).

Run: .venv/bin/python bench/explore_latency.py [--repeat 30]
"""
import argparse
import os
import statistics
import time

import lstmlab


def measure(explorer, control, values, repeat):
    """Median and worst wall-clock ms, and median CPU ms, for setting control.value (which runs the update)."""
    wall, cpu = [], []
    for k in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        control.value = values[k % len(values)]
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), max(wall), statistics.median(cpu)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    for label, figure in (("table only", False), ("table + figure", True)):
        for depth in (2, 6):
            explorer = lstmlab.StackExplorer(figure=figure)
            explorer.depth.value = depth
            explorer.control("units 1").value = "63"  # warm up
            median, worst, cpu = measure(explorer, explorer.control("units 1"), ["64", "128", "1024", "7"], args.repeat)
            print(f"{label:<15} depth {depth}: median {median:6.1f} ms, worst {worst:6.1f} ms, median CPU {cpu:6.1f} ms"
                  " (units 1 changes)")
    explorer = lstmlab.StackExplorer()
    median, worst, cpu = measure(explorer, explorer.depth, [1, 3, 6, 2], args.repeat)
    print(f"{'depth change':<15} + figure: median {median:6.1f} ms, worst {worst:6.1f} ms, median CPU {cpu:6.1f} ms"
          " (rebuilds the per-layer controls)")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
