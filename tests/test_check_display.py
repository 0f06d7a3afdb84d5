"""check(...) on a notebook cell's last line shows its message once, not the message and a repr."""
from lstmlab import check


def _not_written(x, h, c, kernel, recurrent_kernel, bias):
    raise NotImplementedError


def test_check_prints_once_and_the_verdict_does_not_repeat_it(capsys):
    verdict = check("lstm_step", _not_written)
    printed = capsys.readouterr().out
    assert "Not attempted" in printed and verdict.status == "not_attempted"
    verdict._ipython_display_()  # what IPython calls for a cell's last value
    assert capsys.readouterr().out == ""


def test_a_quiet_verdict_displays_its_message(capsys):
    verdict = check("lstm_step", _not_written, quiet=True)
    assert capsys.readouterr().out == ""
    verdict._ipython_display_()
    assert capsys.readouterr().out.strip() == verdict.message
