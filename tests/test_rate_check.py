"""Lesson 10's learning rates: rows, table and the stored test errors against the stored forecasts, on a small hand-made record."""
import numpy as np
import pytest

from lstmlab.lessons import rate_check as rc


def _record():
    net = {"chosen": 0.03, "val_loss": {"0.003": [0.4, 0.6], "0.01": [0.3, 0.5], "0.03": [0.2, 0.4]},
           "epochs": {"0.003": [100, 100], "0.01": [20, 30], "0.03": [11, 14]},
           "test_mae": {"0.003": [1.0, 2.0], "0.01": [0.5, 1.0], "0.03": [0.5, 3.0]}}
    direct = {"chosen": 0.01, "val_loss": {"0.01": [0.1, 0.1], "0.03": [0.2, 0.2]}, "epochs": {"0.01": [15, 16], "0.03": [14, 13]},
              "test_mae": {"0.01": [0.5, 1.0], "0.03": [1.0, 1.0]}}
    return {"seeds": [0, 1], "results": {"a": {"one_step": {"net": [[0.0, 1.0], [3.0, 3.0]]}, "paths": {"direct": [[[1.0, 2.0]], [[2.0, 2.0]]]},
                                               "rates": {"net": net, "direct": direct}}}}


TRUTHS = {"a": {"one_step": np.zeros(2), "paths": np.ones((1, 2))}}


def test_summary_reads_each_rates_validation_loss_and_test_error():
    net, direct = rc.summary(_record())
    assert net["kind"] == "one step" and net["chosen"] == 0.03 and net["epochs"] == [11, 14]
    assert net["val"] == pytest.approx({0.003: 0.5, 0.01: 0.4, 0.03: 0.3})
    np.testing.assert_allclose(net["base"], [0.5, 1.0])
    np.testing.assert_allclose(net["at_chosen"], [0.5, 3.0])
    assert direct["kind"] == "paths" and direct["chosen"] == 0.01


def test_table_has_a_column_per_rate_counts_seeds_and_says_same_when_the_base_was_chosen():
    lines = rc.table(rc.summary(_record())).splitlines()
    assert lines[0].split()[:5] == ["series", "configuration", "val", "0.003", "val"] and lines[0].split()[-2:] == ["lower", "on"]
    assert "net (one step)" in lines[1] and lines[1].split()[-5:] == ["0.03", "11-14", "0.750", "1.750", "0/2"]  # medians; 0.5 < 0.5 is not lower
    assert lines[2].split()[-5:] == ["0.01", "15-16", "0.750", "same", "-"] and "0.1000" in lines[2] and lines[2].split()[3] == "-"


def test_the_base_rate_must_be_among_those_tried():
    record = _record()
    for field in ("val_loss", "epochs", "test_mae"):
        del record["results"]["a"]["rates"]["net"][field]["0.01"]
    with pytest.raises(ValueError, match="expected the base rate 0.01 among the rates tried"):
        rc.summary(record)


def test_recomputed_gap_compares_the_stored_test_error_with_the_stored_forecasts():
    # net's forecasts against zeros: MAE 0.5 and 3.0, as stored; direct's paths against ones: 0.5 and 1.0, as stored
    assert rc.recomputed_gap(_record(), TRUTHS) == pytest.approx(0.0)
    record = _record()
    record["results"]["a"]["one_step"]["net"][1] = [3.0, 2.0]  # MAE 2.5, stored 3.0
    assert rc.recomputed_gap(record, TRUTHS) == pytest.approx(0.5)


def test_find_names_the_configurations_checked_when_one_is_missing():
    rows = rc.summary(_record())
    assert rc.find(rows, "a", "direct")["kind"] == "paths"
    with pytest.raises(ValueError, match=r"expected 'b' 'net' among the configurations checked, got \[\('a', 'net'\)"):
        rc.find(rows, "b", "net")
