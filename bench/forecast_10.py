"""Lesson 10's full sweep: every model of lesson 10 on two series (CO2, sunspots), each neural configuration at every
learning rate of RATES over 5 seeds, compared at the rate its validation loss chose.

One command: `python bench/forecast_10.py` (`--workers N` training processes, default 2; `--smoke` trains seeds 0-1 at
two rates for 3 epochs; `--out DIR` writes the record there instead of lstmlab/lessons/results/). Per configuration
the rate with the lowest mean best validation loss over the seeds is chosen; the test part plays no part in it.
Writes forecast_10.json: per series the baselines' forecasts, and per neural configuration the forecasts of every
seed at the chosen rate (one step ahead and/or the paths from every origin, rounded to 1e-5 of the series' unit),
with each rate's best validation losses, epochs and test MAE per seed.
"""
import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the clone, for the worker processes too

import numpy as np  # noqa: E402

from lstmlab.lessons import forecast_tables as ft  # noqa: E402
from lstmlab.lessons import forecasting as lf  # noqa: E402
from lstmlab.lessons import provenance  # noqa: E402

SEEDS = [0, 1, 2, 3, 4]
RATES = [0.003, 0.01, 0.03, 0.1]  # Adam learning rates tried for every neural configuration
MAIN = (32, 16)
DEPTHS = {"LSTM, 1 layer (42)": (42,), "LSTM, 2 layers (32, 16)": MAIN, "LSTM, 3 layers (19, 19, 19)": (19, 19, 19)}
NEURAL = {"co2": [*DEPTHS, "MLP (48)", "LSTM (32, 16), direct", "LSTM (32, 16), stateful",
                  "level LSTM, train-only scaler", "level LSTM, whole-series scaler (leaky)"],
          "sunspots": [*DEPTHS, "MLP (48)", "LSTM (32, 16), direct", "LSTM (32, 16), stateful"]}
SOURCES = ["bench/forecast_10.py", "lstmlab/lessons/forecasting.py", "lstmlab/lessons/forecast_tables.py::abs_errors",
           "lstmlab/data/forecast.py", "lstmlab/data/windows.py", "lstmlab/data/stateful.py",
           "lstmlab/lessons/experiments.py::reset_states_each_epoch", "lstmlab/reference/cell.py"]
_SPLITS = {}  # series name -> lf.Split, per process


def _r(values):
    return np.round(np.asarray(values, dtype=float), 5).tolist()


def best_val_loss(history):
    """The lowest validation loss of a Keras history; inf when every epoch's was NaN (a diverged run is never chosen)."""
    losses = np.asarray(history["val_loss"], dtype=float)  # (epochs,)
    return float(np.nanmin(losses)) if np.isfinite(losses).any() else float("inf")


def train(name, label, seed, rate, epochs=None):
    """One neural configuration of one series from one seed at Adam `rate`: {"one_step"?, "paths"?, "val_loss", "epochs"}."""
    s = _SPLITS.setdefault(name, lf.split(name))
    kw = {"learning_rate": rate, **({"epochs": epochs} if epochs else {})}
    if label in DEPTHS:
        one, paths, history = lf.one_step_lstm(s, DEPTHS[label], seed, **kw)
        out = {"one_step": one, "paths": paths}
    elif label == "MLP (48)":
        one, paths, history = lf.one_step_mlp(s, seed, **kw)
        out = {"one_step": one, "paths": paths}
    elif label.endswith("direct"):
        paths, history = lf.direct_lstm(s, MAIN, seed, **kw)
        out = {"paths": paths}
    elif label.endswith("stateful"):
        paths, history = lf.stateful_lstm(s, MAIN, seed, **kw)
        out = {"paths": paths}
    else:
        one, history = lf.level_lstm(s, MAIN, seed, leaky=label.endswith("(leaky)"), **kw)
        out = {"one_step": one}
    return {**{k: _r(v) for k, v in out.items()}, "val_loss": round(best_val_loss(history), 6), "epochs": len(history["loss"])}


def _job(args):
    return args, train(*args)


def run_all(job, jobs, workers, log):
    """{args[:4]: result} of job(args) -> (args, result) for every args in jobs, `workers` processes at a time (spawned:
    each imports Keras afresh; every run sets its own seed, so the order runs end in changes nothing)."""
    done, start = {}, time.time()
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        for args, result in pool.map(job, jobs):
            done[args[:4]] = result
            log(f"{len(done)}/{len(jobs)} {args[0]} {args[1]} seed {args[2]} rate {args[3]}: {result['epochs']} epochs, "
                f"best val loss {result['val_loss']:.4f} ({time.time() - start:.0f} s)")
    return done


def choose(done, name, label, seeds, rates):
    """The rate with the lowest mean best validation loss over the seeds (ties: the first in RATES)."""
    return min(rates, key=lambda rate: np.mean([done[name, label, seed, rate]["val_loss"] for seed in seeds]))


def test_mae(truth, run):
    """Test MAE of one run: its one-step forecasts when it has them, else its paths (mean over origins and steps)."""
    key = "one_step" if "one_step" in run else "paths"
    return round(float(ft.abs_errors(truth[key], [run[key]]).mean()), 6)


def baselines(name):
    """The models that need no seed or rate: {"one_step", "paths", "intervals", "params"} of one series."""
    s, spec = lf.split(name), lf.SERIES[name]
    out = {"one_step": {}, "paths": {}, "intervals": {}, "params": {}}
    for model, (one, paths) in lf.naive_baselines(s).items():
        out["one_step"][model], out["paths"][model] = [_r(one)], [_r(paths)]
    one, paths = lf.autoregression(s)
    out["one_step"]["linear AR on scaled changes"], out["paths"]["linear AR on scaled changes"] = [_r(one)], [_r(paths)]
    for kind, label in (("sarima", "SARIMA"), ("holt-winters", "Holt-Winters")):
        one, ci, paths, path_ci, count = lf.state_space(s, kind, spec["order"], spec["seasonal_order"])
        out["one_step"][label], out["paths"][label], out["params"][label] = [_r(one)], [_r(paths)], count
        out["intervals"][label] = {"one_step": _r(ci), "paths": _r(path_ci)}
    return out


def collect(name, done, seeds, rates):
    """One series' results: baselines, then each neural configuration's runs at its chosen rate and every rate's summary."""
    s = lf.split(name)
    truth = {"one_step": s.series[s.test_steps], "paths": s.targets}
    out = {**baselines(name), "epochs": {}, "rates": {}}
    for label in NEURAL[name]:
        chosen = choose(done, name, label, seeds, rates)
        for key in ("one_step", "paths"):
            if key in done[name, label, seeds[0], chosen]:
                out[key][label] = [done[name, label, seed, chosen][key] for seed in seeds]
        out["epochs"][label] = [done[name, label, seed, chosen]["epochs"] for seed in seeds]
        out["rates"][label] = {"chosen": chosen, **{field: {str(rate): [done[name, label, seed, rate][field] for seed in seeds] for rate in rates}
                                                    for field in ("val_loss", "epochs")},
                               "test_mae": {str(rate): [test_mae(truth, done[name, label, seed, rate]) for seed in seeds] for rate in rates}}
    return out


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--out", type=Path, default=provenance.RESULTS)
    args = parser.parse_args(argv)
    seeds, rates, epochs = (SEEDS[:2], RATES[1:3], 3) if args.smoke else (SEEDS, RATES, None)
    jobs = [(name, label, seed, rate, epochs) for name in lf.SERIES for label in NEURAL[name] for rate in rates for seed in seeds]
    start = time.time()
    done = run_all(_job, jobs, args.workers, lambda line: print(line, flush=True))
    results = {name: collect(name, done, seeds, rates) for name in lf.SERIES}
    print(f"sweep: {time.time() - start:.0f} s", flush=True)
    config = {"series": lf.SERIES, "depths": {k: list(v) for k, v in DEPTHS.items()}, "main": list(MAIN), "mlp_hidden": 48,
              "rates": rates, "chosen_by": f"lowest mean best val_loss over seeds {seeds}",
              "optimizer": f"Adam at each rate, MSE, batch 32 (stateful: 1), at most {epochs or 100} epochs, "
                           "early stopping patience 10 on val_loss, best weights restored",
              "split": [0.7, 0.15], "interval_level": 0.95}
    args.out.mkdir(parents=True, exist_ok=True)
    print("wrote", provenance.save("forecast_10", config=config, seeds=seeds, results=results, sources=SOURCES, folder=args.out))


if __name__ == "__main__":
    main(sys.argv[1:])
