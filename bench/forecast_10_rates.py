"""Lesson 10's learning-rate check: was Adam at 0.01 fair to each neural configuration of bench/forecast_10.py?

For each series and neural configuration, in a fixed order (the lesson's main models first), seeds 0 and 1 train at
every rate of RATES with forecast_10.py's set-up, the rate being the only change. The rate with the lowest mean best
validation loss is the one chosen (the test part is never looked at to choose). Stored per configuration and rate:
each seed's best validation loss, epochs trained and test forecasts (one step ahead and/or the paths), so the lesson
can score the chosen rate against 0.01 on the same seeds. The record is rewritten after every configuration: a run cut
short stores the configurations it finished (config["done"]).

One command: `python bench/forecast_10_rates.py` (about 70 minutes on 2 heavily loaded CPU cores).
"""
import time

import numpy as np

from lstmlab.lessons import forecasting as lf
from lstmlab.lessons import provenance

SEEDS = [0, 1]
RATES = [0.003, 0.01, 0.03]  # Adam learning rates tried; 0.01 is forecast_10.py's
MAIN = (32, 16)
DEPTHS = {"LSTM, 1 layer (42)": (42,), "LSTM, 2 layers (32, 16)": MAIN, "LSTM, 3 layers (19, 19, 19)": (19, 19, 19)}
ORDER = [("co2", "LSTM, 2 layers (32, 16)"), ("sunspots", "LSTM, 2 layers (32, 16)"), ("co2", "MLP (48)"), ("sunspots", "MLP (48)"),
         ("co2", "LSTM, 1 layer (42)"), ("co2", "LSTM, 3 layers (19, 19, 19)"), ("sunspots", "LSTM, 1 layer (42)"),
         ("sunspots", "LSTM, 3 layers (19, 19, 19)"), ("co2", "LSTM (32, 16), direct"), ("sunspots", "LSTM (32, 16), direct"),
         ("co2", "LSTM (32, 16), stateful"), ("sunspots", "LSTM (32, 16), stateful"),
         ("co2", "level LSTM, train-only scaler"), ("co2", "level LSTM, whole-series scaler (leaky)")]
SOURCES = ["bench/forecast_10_rates.py", "lstmlab/lessons/forecasting.py", "lstmlab/data/forecast.py", "lstmlab/data/windows.py",
           "lstmlab/data/stateful.py", "lstmlab/lessons/experiments.py::reset_states_each_epoch", "lstmlab/reference/cell.py"]


def _r(values):
    return np.round(np.asarray(values, dtype=float), 5).tolist()


def run(s, label, seed):
    """One configuration of forecast_10.py trained from one seed: {"one_step": (n_test,), "paths": (origins, H)} (what it has)."""
    if label in DEPTHS:
        one, paths, _ = lf.one_step_lstm(s, DEPTHS[label], seed)
        return {"one_step": one, "paths": paths}
    if label == "MLP (48)":
        one, paths, _ = lf.one_step_mlp(s, seed)
        return {"one_step": one, "paths": paths}
    if label.endswith("direct"):
        return {"paths": lf.direct_lstm(s, MAIN, seed)[0]}
    if label.endswith("stateful"):
        return {"paths": lf.stateful_lstm(s, MAIN, seed)[0]}
    return {"one_step": lf.level_lstm(s, MAIN, seed, leaky=label.endswith("(leaky)"))}


def at_rate(rate, call):
    """call() with every lf.fit inside it training at Adam `rate`: (its result, (epochs, best val loss) of its one fit)."""
    original, fits = lf.fit, []

    def fit(*args, **kwargs):
        model, history = original(*args, **{**kwargs, "learning_rate": rate})
        fits.append((len(history["loss"]), float(min(history["val_loss"]))))
        return model, history

    lf.fit = fit
    try:
        result = call()
    finally:
        lf.fit = original
    if len(fits) != 1:
        raise RuntimeError(f"expected one training run per call, got {len(fits)}")
    return result, fits[0]


def check_configuration(s, label):
    """Seeds x RATES of one configuration: {"rates": {rate: {"val_loss", "epochs", "one_step"/"paths" per seed}}, "chosen"}."""
    rates = {}
    for rate in RATES:
        entry = {"val_loss": [], "epochs": []}
        for seed in SEEDS:
            forecasts, (epochs, val_loss) = at_rate(rate, lambda: run(s, label, seed))
            entry["val_loss"].append(round(val_loss, 6))
            entry["epochs"].append(epochs)
            for key, value in forecasts.items():
                entry.setdefault(key, []).append(_r(value))
        rates[str(rate)] = entry
    chosen = min(RATES, key=lambda rate: np.mean(rates[str(rate)]["val_loss"]))
    return {"rates": rates, "chosen": chosen}


def main():
    start, splits, results, done = time.time(), {}, {}, []
    for name, label in ORDER:
        began = time.time()
        s = splits.setdefault(name, lf.split(name))
        results.setdefault(name, {})[label] = check_configuration(s, label)
        done.append([name, label])
        val = {rate: np.mean(v["val_loss"]) for rate, v in results[name][label]["rates"].items()}
        print(f"{name} {label}: mean best val loss " + ", ".join(f"{r}: {v:.4f}" for r, v in val.items())
              + f" -> {results[name][label]['chosen']} ({time.time() - began:.0f} s, {time.time() - start:.0f} s in all)", flush=True)
        config = {"rates": RATES, "chosen_by": f"lowest mean best val_loss over seeds {SEEDS}", "order": ORDER, "done": done,
                  "set_up": "bench/forecast_10.py's: Adam, MSE, batch 32 (stateful: 1), at most 60 epochs, "
                            "early stopping patience 10 on val_loss, best weights restored; only the rate changes"}
        provenance.save("forecast_10_rates", config=config, seeds=SEEDS, results=results, sources=SOURCES)
    print(f"sweep: {time.time() - start:.0f} s", flush=True)


if __name__ == "__main__":
    main()
