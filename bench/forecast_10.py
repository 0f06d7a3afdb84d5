"""Lesson 10's full sweep: every model of lesson 10 on two series (CO2, sunspots), every LSTM and the MLP over 5 seeds.

One command: `python bench/forecast_10.py` (about 20 minutes on 2 loaded CPU cores; `--smoke` trains one seed with
3 epochs and writes nothing). Writes lstmlab/lessons/results/forecast_10.json: per series, the one-step forecasts of the
test steps and the paths from every origin, per model and seed, rounded to 1e-5 of the series' unit.
"""
import sys
import time

import numpy as np

from lstmlab.lessons import forecasting as lf
from lstmlab.lessons import provenance

SEEDS = [0, 1, 2, 3, 4]
DEPTHS = {"LSTM, 1 layer (42)": (42,), "LSTM, 2 layers (32, 16)": (32, 16), "LSTM, 3 layers (19, 19, 19)": (19, 19, 19)}
MAIN = (32, 16)
SOURCES = ["bench/forecast_10.py", "lstmlab/lessons/forecasting.py", "lstmlab/data/forecast.py", "lstmlab/data/windows.py",
           "lstmlab/data/stateful.py", "lstmlab/lessons/experiments.py::reset_states_each_epoch",
           "lstmlab/reference/cell.py"]  # of experiments.py only the callback the stateful model uses


def _r(values):
    return np.round(np.asarray(values, dtype=float), 5).tolist()


def sweep_series(name, seeds, log):
    """Every model on one series: {"one_step": {model: [per seed]}, "paths": {...}, "epochs": {...}, "intervals": {...}, "params": {...}}."""
    s = lf.split(name)
    spec = lf.SERIES[name]
    out = {"one_step": {}, "paths": {}, "epochs": {}, "intervals": {}, "params": {}}
    for model, (one, paths) in lf.naive_baselines(s).items():
        out["one_step"][model], out["paths"][model] = [_r(one)], [_r(paths)]
    one, paths = lf.autoregression(s)
    out["one_step"]["linear AR on scaled changes"], out["paths"]["linear AR on scaled changes"] = [_r(one)], [_r(paths)]
    for kind, label in (("sarima", "SARIMA"), ("holt-winters", "Holt-Winters")):
        one, ci, paths, path_ci, count = lf.state_space(s, kind, spec["order"], spec["seasonal_order"])
        out["one_step"][label], out["paths"][label], out["params"][label] = [_r(one)], [_r(paths)], count
        out["intervals"][label] = {"one_step": _r(ci), "paths": _r(path_ci)}
    for seed in seeds:
        start = time.time()
        for label, units in DEPTHS.items():
            one, paths, epochs = lf.one_step_lstm(s, units, seed)
            _add(out, label, one, paths, epochs)
        one, paths, epochs = lf.one_step_mlp(s, seed)
        _add(out, "MLP (48)", one, paths, epochs)
        paths, epochs = lf.direct_lstm(s, MAIN, seed)
        _add(out, "LSTM (32, 16), direct", None, paths, epochs)
        paths, epochs = lf.stateful_lstm(s, MAIN, seed)
        _add(out, "LSTM (32, 16), stateful", None, paths, epochs)
        if name == "co2":
            for leaky, label in ((False, "level LSTM, train-only scaler"), (True, "level LSTM, whole-series scaler (leaky)")):
                _add(out, label, lf.level_lstm(s, MAIN, seed, leaky), None, None)
        log(f"{name} seed {seed}: {time.time() - start:.0f} s")
    return out


def _add(out, label, one, paths, epochs):
    for key, value in (("one_step", one), ("paths", paths), ("epochs", epochs)):
        if value is not None:
            out[key].setdefault(label, []).append(_r(value) if key != "epochs" else int(value))


def main(argv):
    smoke = "--smoke" in argv
    seeds = SEEDS[:1] if smoke else SEEDS
    if smoke:
        original = lf.fit
        lf.fit = lambda *a, **k: original(*a, **{**k, "epochs": 3})
    start = time.time()
    results = {name: sweep_series(name, seeds, lambda line: print(line, flush=True)) for name in lf.SERIES}
    print(f"sweep: {time.time() - start:.0f} s", flush=True)
    if smoke:
        return
    config = {"series": lf.SERIES, "depths": {k: list(v) for k, v in DEPTHS.items()}, "main": list(MAIN), "mlp_hidden": 48,
              "optimizer": "Adam 0.01, MSE, batch 32 (stateful: 1), at most 60 epochs, early stopping patience 10 on val_loss",
              "split": [0.7, 0.15], "interval_level": 0.95}
    path = provenance.save("forecast_10", config=config, seeds=seeds, results=results, sources=SOURCES)
    print("wrote", path)


if __name__ == "__main__":
    main(sys.argv[1:])
