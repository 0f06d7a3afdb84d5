"""Lesson 10's learning rates (bench/forecast_10.py): per configuration, each rate's validation loss, the rate chosen, and its test error.

The sweep trains every neural configuration at every rate from the same seeds and keeps, per configuration, the rate
with the lowest mean best validation loss. The test error of each rate is stored beside it only to show what the
choice changed; it never takes part in it.
"""
import numpy as np

from ..messages import columns, msg
from . import forecast_tables as ft


def summary(record, base=0.01):
    """One row per series and neural configuration: {series, label, kind, val {rate: mean best val loss}, chosen,
    epochs at the chosen rate (per seed), base MAE (seeds,), chosen MAE (seeds,)}."""
    rows = []
    for series, found in record["results"].items():
        for label, rates in found["rates"].items():
            if str(base) not in rates["val_loss"]:
                raise ValueError(f"expected the base rate {base} among the rates tried, got {sorted(rates['val_loss'])}")
            chosen = str(rates["chosen"])
            rows.append({"series": series, "label": label, "kind": "one step" if label in found["one_step"] else "paths",
                         "val": {float(r): float(np.mean(v)) for r, v in rates["val_loss"].items()}, "chosen": float(chosen),
                         "epochs": list(rates["epochs"][chosen]), "base": np.asarray(rates["test_mae"][str(base)], dtype=float),
                         "at_chosen": np.asarray(rates["test_mae"][chosen], dtype=float)})
    return rows


def find(rows, series, label):
    """The row of one series and configuration; ValueError names the ones checked when it is not among them."""
    for row in rows:
        if (row["series"], row["label"]) == (series, label):
            return row
    raise ValueError(f"expected {series!r} {label!r} among the configurations checked, got {[(r['series'], r['label']) for r in rows]}")


def table(rows, base=0.01):
    """Text table: series, configuration, mean best validation loss per rate ("-": not tried), the rate chosen, the epochs
    trained at it (fewest-most over seeds), the median test MAE at the base rate and at the chosen one ("same" when the
    base was chosen), and on how many seeds the chosen rate's test MAE was lower."""
    rates = sorted({r for row in rows for r in row["val"]})
    head = [msg("lesson.rates.series"), msg("lesson.rates.configuration"), *(msg("lesson.rates.val", rate=f"{r:g}") for r in rates),
            msg("lesson.rates.chosen"), msg("lesson.rates.epochs"), msg("lesson.rates.mae_at", rate=f"{base:g}"), msg("lesson.rates.at_chosen"),
            msg("lesson.rates.lower")]
    body = []
    for row in rows:
        same = row["chosen"] == base
        body.append([row["series"], f"{row['label']} ({msg('lesson.rates.kind_one_step') if row['kind'] == 'one step' else msg('lesson.rates.kind_paths')})",
                     *(f"{row['val'][r]:.4f}" if r in row["val"] else "-" for r in rates), f"{row['chosen']:g}",
                     f"{min(row['epochs'])}-{max(row['epochs'])}", f"{np.median(row['base']):.3f}",
                     msg("lesson.rates.same") if same else f"{np.median(row['at_chosen']):.3f}",
                     "-" if same else f"{int((row['at_chosen'] < row['base']).sum())}/{len(row['base'])}"])
    return "\n".join(columns([head, *body], right=range(2, len(head))))


def recomputed_gap(record, truths):
    """Largest |stored test MAE at the chosen rate - the MAE recomputed from the stored forecasts| over every series,
    configuration and seed: near 0 says the table's test errors are those of the forecasts the lesson's tables use.

    truths: {series: {"one_step": (n_test,), "paths": (origins, H)}}, the test steps the sweep scored.
    """
    gap = 0.0
    for row in summary(record):
        found = record["results"][row["series"]]
        key = "one_step" if row["kind"] == "one step" else "paths"
        runs = found[key][row["label"]]
        mae = ft.abs_errors(truths[row["series"]][key], runs).reshape(len(runs), -1).mean(axis=1)  # (seeds,)
        gap = max(gap, float(np.abs(mae - row["at_chosen"]).max()))
    return gap
