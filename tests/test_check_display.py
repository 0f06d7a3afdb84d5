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
    assert capsys.readouterr().out.strip() == str(verdict)
    assert str(verdict).splitlines()[0] == "lstm_step: Not attempted (0/3)"


def _wrong_last(sequence):
    return sequence[:, 0, :]  # the first step: a named mistake


def test_html_failed_verdict_is_red_and_leads_with_the_mistake_and_its_fix():
    verdict = check("last_output", _wrong_last, quiet=True)
    page = verdict._repr_html_()
    assert 'data-status="failed"' in page and "--jp-error-color1" in page
    order = [page.index(f'class="lstmlab-{part}"') for part in ("headline", "mistake", "fix", "problem", "where", "case")]
    assert order == sorted(order), order  # headline, the mistake, its fix, then what differs, where, the inputs
    assert "<details" in page and "<summary" in page and "<script" not in page.lower()
    assert "Likely mistake: the first time step instead of the last" in page
    assert "sequence = np.array(" in page  # the probe case's values, folded away


def test_html_passed_is_green_and_not_attempted_grey():
    passed = check("last_output", lambda sequence: sequence[:, -1, :], quiet=True)._repr_html_()
    todo = check("lstm_step", _not_written, quiet=True)._repr_html_()
    assert 'data-status="passed"' in passed and "--jp-success-color1" in passed and "lstmlab-mistake" not in passed
    assert 'data-status="not_attempted"' in todo and "--jp-ui-font-color2" in todo


def test_html_escapes_everything():
    from lstmlab.checks import Verdict
    page = Verdict("x<y>", "error", problem="<script>alert(1)</script>", error="a & b", case="<b>").\
        _repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page and "a &amp; b" in page and "x&lt;y&gt;" in page


def test_plain_text_leads_with_the_mistake_on_its_own_line():
    verdict = check("last_output", _wrong_last, quiet=True)
    lines = str(verdict).splitlines()
    assert lines[0] == "last_output: Failed (0/1)"
    assert lines[1] == "Likely mistake: the first time step instead of the last"
    assert lines[2] == "Fix: the last step is sequence[:, -1, :]."
    assert verdict.message.startswith("last_output: Failed (0/1). Likely mistake: the first time step instead of the "
                                      "last. Fix: the last step is sequence[:, -1, :]. Wrong values for last: ")


def test_a_crash_opens_with_the_named_mistake_not_numpy():
    def transposed(x, h, c, kernel, recurrent_kernel, bias):
        z = x @ kernel.T + h @ recurrent_kernel + bias
        return z, z
    verdict = check("lstm_step", transposed, quiet=True)
    assert verdict.status == "error" and verdict.mistake == "transposed kernel"
    lines = str(verdict).splitlines()
    assert lines[1] == "Likely mistake: transposed kernel" and lines[-1].startswith("Python's error: ValueError: matmul")
    assert "z = x @ kernel.T + h @ recurrent_kernel + bias" in verdict.where  # the learner's own line
