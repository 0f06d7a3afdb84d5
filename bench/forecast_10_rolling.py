"""Lesson 10's rolling-origin evaluation: the split moved back in time, every model refitted at each origin.

One command: `python bench/forecast_10_rolling.py` (`--workers`, `--smoke`, `--out` as in forecast_10.py). At origin k
the training part ends k blocks before the lesson's split (a block: 24 months for CO2, 11 years for sunspots), the
validation part keeps its length, and the test is the next block; the baselines are refitted on each, and the stacked
LSTM trains from 5 seeds at every rate of forecast_10.RATES, at each origin keeping the rate its own validation loss
chose. Writes forecast_10_rolling.json: per series and origin, the one-step test forecasts and the LSTM's rates.
"""
import argparse
import sys
import time
from pathlib import Path

import numpy as np

import forecast_10 as sweep  # bench/forecast_10.py: the same training, rates and process pool
from lstmlab.data import forecast as fc
from lstmlab.lessons import forecasting as lf
from lstmlab.lessons import provenance

BLOCK = {"co2": 24, "sunspots": 11}
ORIGINS = 4  # training ends 3, 2, 1 and 0 blocks before the lesson's split
LSTM = "LSTM, 2 layers (32, 16)"
SOURCES = ["bench/forecast_10_rolling.py", *sweep.SOURCES]


def origin_split(name, back):
    """The Split whose training part ends `back` blocks before the lesson's, with the next block as its test."""
    spec, (_, values) = lf.SERIES[name], lf.load_series(name)
    n_train, n_val, _ = fc.split_sizes(len(values), 0.7, 0.15)
    train_end = n_train - back * BLOCK[name]
    return lf.Split(values[:train_end + n_val + BLOCK[name]], spec["season"], spec["timesteps"], spec["season"], train_end, n_val)


def train(name, back, seed, rate, epochs=None):
    """The stacked LSTM at one origin, seed and rate: {"one_step", "val_loss", "epochs"}."""
    one, _, history = lf.one_step_lstm(origin_split(name, back), sweep.MAIN, seed, learning_rate=rate, **({"epochs": epochs} if epochs else {}))
    return {"one_step": sweep._r(one), "val_loss": round(sweep.best_val_loss(history), 6), "epochs": len(history["loss"])}


def _job(args):
    return args, train(*args)


def rolling(name, done, seeds, rates):
    """[{train_end, test_steps, forecasts: {model: [per seed]}, lstm_rates}] for each origin, oldest first."""
    spec, out = lf.SERIES[name], []
    for back in range(ORIGINS - 1, -1, -1):
        s = origin_split(name, back)
        forecasts = {"seasonal naive + drift": [sweep._r(lf.naive_baselines(s)["seasonal naive + drift"][0])],
                     "linear AR on scaled changes": [sweep._r(lf.autoregression(s)[0])]}
        for kind, label in (("sarima", "SARIMA"), ("holt-winters", "Holt-Winters")):
            forecasts[label] = [sweep._r(lf.state_space(s, kind, spec["order"], spec["seasonal_order"])[0])]
        val = {rate: [done[name, back, seed, rate]["val_loss"] for seed in seeds] for rate in rates}
        chosen = min(rates, key=lambda rate: np.mean(val[rate]))
        forecasts[LSTM] = [done[name, back, seed, chosen]["one_step"] for seed in seeds]
        out.append({"train_end": int(s.n_train), "test_steps": s.test_steps.tolist(), "forecasts": forecasts,
                    "lstm_rates": {"chosen": chosen, "val_loss": {str(r): v for r, v in val.items()},
                                   "epochs": {str(r): [done[name, back, seed, r]["epochs"] for seed in seeds] for r in rates}}})
    return out


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--out", type=Path, default=provenance.RESULTS)
    args = parser.parse_args(argv)
    seeds, rates, epochs = (sweep.SEEDS[:2], sweep.RATES[1:3], 3) if args.smoke else (sweep.SEEDS, sweep.RATES, None)
    jobs = [(name, back, seed, rate, epochs) for name in lf.SERIES for back in range(ORIGINS) for rate in rates for seed in seeds]
    start = time.time()
    done = sweep.run_all(_job, jobs, args.workers, lambda line: print(line, flush=True))
    results = {name: rolling(name, done, seeds, rates) for name in lf.SERIES}
    print(f"sweep: {time.time() - start:.0f} s", flush=True)
    config = {"blocks": BLOCK, "origins": ORIGINS, "model": list(sweep.MAIN), "rates": rates, "split": [0.7, 0.15], "series": lf.SERIES,
              "chosen_by": f"at each origin, the rate with the lowest mean best val_loss over seeds {seeds}"}
    args.out.mkdir(parents=True, exist_ok=True)
    print("wrote", provenance.save("forecast_10_rolling", config=config, seeds=seeds, results=results, sources=SOURCES, folder=args.out))


if __name__ == "__main__":
    main(sys.argv[1:])
