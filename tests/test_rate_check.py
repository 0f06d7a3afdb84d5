"""Lesson 10's learning-rate check: rows, table and the agreement with the stored sweep, on a small hand-made record."""
import numpy as np
import pytest

from lstmlab.lessons import rate_check as rc


def _record():
    one = {"0.003": {"val_loss": [0.4, 0.6], "epochs": [60, 60], "one_step": [[1.0, 1.0], [2.0, 2.0]]},
           "0.01": {"val_loss": [0.3, 0.5], "epochs": [20, 30], "one_step": [[0.5, 0.5], [1.5, 0.5]]},
           "0.03": {"val_loss": [0.2, 0.4], "epochs": [11, 12], "one_step": [[0.0, 1.0], [3.0, 3.0]]}}
    paths = {"0.01": {"val_loss": [0.1, 0.1], "epochs": [15, 16], "paths": [[[1.0, 2.0]], [[2.0, 2.0]]]},
             "0.03": {"val_loss": [0.2, 0.2], "epochs": [14, 13], "paths": [[[0.0, 0.0]], [[0.0, 0.0]]]}}
    return {"seeds": [0, 1], "config": {"done": [["a", "net"], ["a", "direct"]]},
            "results": {"a": {"net": {"rates": one, "chosen": 0.03}, "direct": {"rates": paths, "chosen": 0.01}}}}


TRUTHS = {"a": {"one_step": np.zeros(2), "paths": np.ones((1, 2))}}


def test_summary_scores_the_base_and_the_chosen_rate_on_the_test():
    net, direct = rc.summary(_record(), TRUTHS)
    assert net["kind"] == "one step" and net["chosen"] == 0.03 and net["epochs"] == [11, 12]
    assert net["val"] == pytest.approx({0.003: 0.5, 0.01: 0.4, 0.03: 0.3})
    np.testing.assert_allclose(net["base"], [0.5, 1.0])  # |0.5|, |0.5| -> 0.5; |1.5|, |0.5| -> 1.0
    np.testing.assert_allclose(net["at_chosen"], [0.5, 3.0])
    assert direct["kind"] == "paths" and direct["chosen"] == 0.01
    np.testing.assert_allclose(direct["base"], [0.5, 1.0])  # paths against ones: (0 + 1) / 2, (1 + 1) / 2


def test_table_has_a_column_per_rate_and_says_same_when_the_base_was_chosen():
    lines = rc.table(rc.summary(_record(), TRUTHS)).splitlines()
    assert lines[0].split()[:5] == ["series", "configuration", "val", "0.003", "val"]
    assert "net (one step)" in lines[1] and lines[1].split()[-7:] == ["0.03", "11", "12", "0.500", "1.000", "0.500", "3.000"]
    assert lines[2].split()[-6:] == ["0.01", "15", "16", "0.500", "1.000", "same"] and "0.1000" in lines[2] and lines[2].split()[3] == "-"


def test_the_base_rate_must_be_among_those_tried():
    record = _record()
    del record["results"]["a"]["net"]["rates"]["0.01"]
    with pytest.raises(ValueError, match="expected the base rate 0.01 among the rates tried"):
        rc.summary(record, TRUTHS)


def test_largest_gap_to_stored_pairs_seeds_by_value():
    stored = {"seeds": [1, 0], "results": {"a": {"one_step": {"net": [[1.5, 0.5], [0.5, 0.75]]},
                                                 "paths": {"direct": [[[2.0, 2.0]], [[1.0, 2.0]]]}}}}
    assert rc.largest_gap_to_stored(_record(), stored) == pytest.approx(0.25)  # seed 0's second one-step value


def test_find_names_the_configurations_checked_when_one_is_missing():
    rows = rc.summary(_record(), TRUTHS)
    assert rc.find(rows, "a", "direct")["kind"] == "paths"
    with pytest.raises(ValueError, match=r"expected 'b' 'net' among the configurations checked, got \[\('a', 'net'\)"):
        rc.find(rows, "b", "net")
