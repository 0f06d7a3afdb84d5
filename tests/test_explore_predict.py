"""StackExplorer(predict=True): a change hides the new shapes and counts until a guess is revealed; misses are tallied
per classic mistake, each with the lesson that covers it (issue 22)."""
import lstmlab
from lstmlab import LSTM, Stack


def test_predict_hides_until_revealed_then_tallies_misses_by_mistake():
    e = lstmlab.StackExplorer(predict=True, figure=False)
    assert all(v.layout.visibility == "hidden" for v in (e.table, e.total)) and not e.revealed
    (s1, p1), (s2, p2) = e.guess_boxes
    s1.value, p1.value = "(None, 5, 64)", "17152"
    s2.value, p2.value = "(None, 5, 32)", "12288"  # return_sequences mixed up, bias left out
    e.reveal()
    assert e.revealed and e.table.layout.visibility is None and "2 of 4 right" in e.guess_verdict.value
    assert "lstmlab-invalid" in s2._dom_classes and "lstmlab-invalid" not in s1._dom_classes
    assert e.tally.misses == {"sequences_mixed": 1, "missing_bias": 1}
    tally = e.guess.children[-1].value
    assert "return_sequences mixed up: 1 (covered in lesson 04_stacking)" in tally
    assert "missing bias: 1 (covered in lesson 01_one_cell)" in tally
    e.control("units 2").value = "16"  # a change: hidden again, new boxes
    assert e.table.layout.visibility == "hidden" and not e.revealed and e.guess_boxes[1][0].value == ""
    stack = Stack((5, 2), [LSTM(64, return_sequences=True), LSTM(16)])
    for (s, p), row in zip(e.guess_boxes, stack.summary()):
        s.value, p.value = str(row.output_shape), str(row.params)
    e.reveal()
    assert "4 of 4 right" in e.guess_verdict.value and e.tally.guesses == 2 and sum(e.tally.misses.values()) == 2


def test_without_predict_nothing_is_hidden():
    e = lstmlab.StackExplorer(figure=False)
    assert e.revealed and e.guess.children == () and e.table.layout.visibility is None
