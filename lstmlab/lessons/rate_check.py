"""Lesson 10's learning-rate check (bench/forecast_10_rates.py): per configuration, the rate validation chose, and its test error.

A record holds, per series and configuration, each rate's best validation losses, epochs and test forecasts over a few
seeds, and the rate with the lowest mean validation loss. The test error is only read afterwards, to see what the
choice changes; it never takes part in it.
"""
import numpy as np

from ..messages import columns, msg
from . import forecast_tables as ft


def test_mae(entry, truth):
    """Per-seed test MAE of one rate's entry: one-step forecasts when it has them, else the paths (mean over origins and steps): (seeds,)."""
    key = "one_step" if "one_step" in entry else "paths"
    runs = entry[key]
    return ft.abs_errors(truth[key], runs).reshape(len(runs), -1).mean(axis=1)  # (seeds,)


def summary(record, truths, base=0.01):
    """One row per configuration checked: {series, label, kind, val {rate: mean best val loss}, chosen, epochs at the chosen rate
    (per seed), base MAE (seeds,), chosen MAE (seeds,)}.

    truths: {series: {"one_step": (n_test,), "paths": (origins, H)}}, the same test steps the sweep scored.
    """
    rows = []
    for series, label in record["config"]["done"]:
        found = record["results"][series][label]
        rates = found["rates"]
        if str(base) not in rates:
            raise ValueError(f"expected the base rate {base} among the rates tried, got {sorted(rates)}")
        rows.append({"series": series, "label": label, "kind": "one step" if "one_step" in rates[str(base)] else "paths",
                     "val": {float(r): float(np.mean(e["val_loss"])) for r, e in rates.items()}, "chosen": float(found["chosen"]),
                     "epochs": list(rates[str(found["chosen"])]["epochs"]), "base": test_mae(rates[str(base)], truths[series]), "at_chosen": test_mae(rates[str(found["chosen"])], truths[series])})
    return rows


def find(rows, series, label):
    """The row of one series and configuration; ValueError names the ones checked when it is not among them."""
    for row in rows:
        if (row["series"], row["label"]) == (series, label):
            return row
    raise ValueError(f"expected {series!r} {label!r} among the configurations checked, got {[(r['series'], r['label']) for r in rows]}")


def table(rows, base=0.01):
    """Text table: series, configuration, mean best validation loss per rate ("-": not tried), the rate chosen, the epochs
    trained at it per seed, test MAE per seed at the base rate and at the chosen one ("same" when the base was chosen)."""
    rates = sorted({r for row in rows for r in row["val"]})
    head = [msg("lesson.rates.series"), msg("lesson.rates.configuration"), *(msg("lesson.rates.val", rate=f"{r:g}") for r in rates),
            msg("lesson.rates.chosen"), msg("lesson.rates.epochs"), msg("lesson.rates.mae_at", rate=f"{base:g}"), msg("lesson.rates.at_chosen")]
    body = [[row["series"], f"{row['label']} ({row['kind']})", *(f"{row['val'][r]:.4f}" if r in row["val"] else "-" for r in rates),
             f"{row['chosen']:g}", " ".join(map(str, row["epochs"])),
             " ".join(f"{v:.3f}" for v in row["base"]), " ".join(f"{v:.3f}" for v in row["at_chosen"]) if row["chosen"] != base else msg("lesson.rates.same")]
            for row in rows]
    return "\n".join(columns([head, *body]))


def largest_gap_to_stored(record, stored_record, base=0.01):
    """Largest |forecast at the base rate - the same seed's forecast in stored_record| over every configuration, seed and step: float.

    stored_record: forecast_10's record, whose every model trained at the base rate; a gap near 0 says the two sweeps agree.
    """
    gap = 0.0
    for series, label in record["config"]["done"]:
        entry = record["results"][series][label]["rates"][str(base)]
        for key in ("one_step", "paths"):
            for seed, run in zip(record["seeds"], entry.get(key, [])):
                kept = stored_record["results"][series][key][label][stored_record["seeds"].index(seed)]
                gap = max(gap, float(np.abs(np.asarray(run) - np.asarray(kept)).max()))
    return gap
