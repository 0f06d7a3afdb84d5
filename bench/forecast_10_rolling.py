"""Lesson 10's rolling-origin evaluation: the split moved back in time, every model refitted at each origin.

One command: `python bench/forecast_10_rolling.py` (about 10 minutes on 2 loaded CPU cores). At origin k the training
part ends k blocks before the lesson's split (a block: 24 months for CO2, 11 years for sunspots), the validation part
keeps its length, and the test is the next block; the LSTM (5 seeds) and the baselines are refitted on each.
Writes lstmlab/lessons/results/forecast_10_rolling.json: per series and origin, the one-step test forecasts.
"""
import time

import numpy as np

from lstmlab.data import forecast as fc
from lstmlab.lessons import forecasting as lf
from lstmlab.lessons import provenance

SEEDS = [0, 1, 2, 3, 4]
BLOCK = {"co2": 24, "sunspots": 11}
ORIGINS = 4  # training ends 3, 2, 1 and 0 blocks before the lesson's split
SOURCES = ["bench/forecast_10_rolling.py", "lstmlab/lessons/forecasting.py", "lstmlab/data/forecast.py", "lstmlab/data/windows.py"]


def _r(values):
    return np.round(np.asarray(values, dtype=float), 5).tolist()


def rolling(name):
    """[{train_end, test_steps, truth, forecasts: {model: [per seed]}}] for each origin, oldest first."""
    spec, (_, values) = lf.SERIES[name], lf.load_series(name)
    n_train, n_val, _ = fc.split_sizes(len(values), 0.7, 0.15)
    out = []
    for back in range(ORIGINS - 1, -1, -1):
        train_end = n_train - back * BLOCK[name]
        stop = train_end + n_val + BLOCK[name]
        s = lf.Split(values[:stop], spec["season"], spec["timesteps"], spec["season"], train_end, n_val)
        forecasts = {"seasonal naive + drift": [_r(lf.naive_baselines(s)["seasonal naive + drift"][0])],
                     "linear AR on scaled changes": [_r(lf.autoregression(s)[0])]}
        for kind, label in (("sarima", "SARIMA"), ("holt-winters", "Holt-Winters")):
            forecasts[label] = [_r(lf.state_space(s, kind, spec["order"], spec["seasonal_order"])[0])]
        forecasts["LSTM, 2 layers (32, 16)"] = [_r(lf.one_step_lstm(s, (32, 16), seed)[0]) for seed in SEEDS]
        out.append({"train_end": int(train_end), "test_steps": s.test_steps.tolist(), "forecasts": forecasts})
        print(f"{name}: training ends at step {train_end}", flush=True)
    return out


if __name__ == "__main__":
    start = time.time()
    results = {name: rolling(name) for name in lf.SERIES}
    print(f"sweep: {time.time() - start:.0f} s", flush=True)
    config = {"blocks": BLOCK, "origins": ORIGINS, "model": [32, 16], "split": [0.7, 0.15], "series": lf.SERIES}
    print("wrote", provenance.save("forecast_10_rolling", config=config, seeds=SEEDS, results=results, sources=SOURCES))
