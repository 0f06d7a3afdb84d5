"""grade/run.py's reading of one run, in-process and without a sandbox: a stand-in process (`cat`, which echoes the
frames it is fed; `sleep` after it to hold the pipe open) plays the runner, so bench/mutation.py --in-place can
check _read_run's bookkeeping, its limits and when it stops, in a second per test."""
import json
import subprocess
import sys
import time
from types import SimpleNamespace

import numpy as np
import pytest

from lstmlab.grade.run import GRACE, STDERR_LIMIT, Outcome, _read_run, _take, frame


def events(*items):
    """The runner's JSON frames for these events, as bytes on its stdout."""
    return b"".join(frame("JSON", json.dumps(e).encode()) for e in items)


def read(stdin, then="", timeout=5.0, total=20.0):
    """(RunState, Outcome, seconds taken) of _read_run over a process that echoes stdin, then runs `then`."""
    proc = subprocess.Popen(["sh", "-c", "cat" + (f"; {then}" if then else "")], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    outcome, start = Outcome(), time.monotonic()
    try:
        state = _read_run(proc, stdin, timeout, start + total, outcome)
        return state, outcome, time.monotonic() - start
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def test_each_units_start_and_end_are_recorded_with_its_status_and_detail():
    state, outcome, _ = read(events({"kind": "started"}, {"kind": "start", "unit": "cell 0"},
                                    {"kind": "end", "status": "error", "detail": "NameError: x"},
                                    {"kind": "start", "unit": "item lstm_step"}, {"kind": "end", "status": "ok"},
                                    {"kind": "end", "status": "ignored: no unit started"},
                                    {"kind": "finished"}))
    assert outcome.units == {"cell 0": ("error", "NameError: x"), "item lstm_step": ("ok", "")}
    assert (state.started, state.finished, state.why, state.unit, state.since) == (True, True, None, None, None)
    assert state.stderr == b""


def test_a_unit_name_is_cut_at_100_characters_and_a_detail_at_800():
    state, outcome, _ = read(events({"kind": "start", "unit": "u" * 150},
                                    {"kind": "end", "status": "error", "detail": "d" * 1000}, {"kind": "finished"}))
    assert outcome.units == {"u" * 100: ("error", "d" * 800)}
    assert not state.started  # no "started" event came


def test_a_finished_run_is_not_waited_for_while_a_process_holds_the_pipe_open():
    state, outcome, seconds = read(events({"kind": "started"}, {"kind": "finished"}), then="sleep 30")
    assert (state.finished, state.why) == (True, None)
    assert seconds < 5


def test_a_unit_that_overruns_is_stopped_after_its_timeout_and_the_grace():
    assert GRACE == 2.0
    state, outcome, seconds = read(events({"kind": "started"}, {"kind": "start", "unit": "cell 1"}),
                                   then="sleep 30", timeout=0.5)
    assert (state.why, state.unit, state.finished) == ("timeout", "cell 1", False)
    assert 0.5 + GRACE - 0.1 < seconds < 0.5 + GRACE + 3
    assert outcome.units == {}


def test_the_total_deadline_is_kept_to_within_a_fraction_of_a_second():
    state, _, seconds = read(events({"kind": "started"}), then="sleep 30", total=0.05)
    assert (state.why, state.started, state.finished) == ("timeout", True, False)
    assert 0.04 < seconds < 0.45  # select waits for the time left (0.05 s), not a fixed half second: 0.4 s of slack for a loaded machine


def test_stderr_is_kept_up_to_its_limit_and_the_rest_dropped():
    assert STDERR_LIMIT == 16 * 2**10
    state, _, _ = read(events({"kind": "finished"}), then=f"head -c {STDERR_LIMIT + 5000} /dev/zero | tr '\\0' e >&2")
    assert state.finished
    # the finished frame may be read before the whole of stderr: what was kept is e's, never more than the limit
    assert set(state.stderr) <= {ord("e")} and len(state.stderr) <= STDERR_LIMIT


def test_all_of_stderr_is_kept_when_the_process_ends_without_finishing():
    state, _, _ = read(b"", then=f"head -c {STDERR_LIMIT + 5000} /dev/zero | tr '\\0' e >&2")
    assert state.stderr == b"e" * STDERR_LIMIT
    assert (state.started, state.finished, state.why) == (False, False, None)


@pytest.mark.parametrize("stream, why", [
    (frame("JSON", b"{not json"), "untrusted: an event is not valid JSON (JSONDecodeError)"),
    (b"garbage!" * 4, "untrusted: its result stream is malformed"),
], ids=["bad JSON", "bad header"])
def test_an_untrusted_stream_stops_the_reading_and_says_why(stream, why):
    state, _, seconds = read(events({"kind": "started"}) + stream, then="sleep 30")
    assert state.why == why
    assert state.started and not state.finished and seconds < 5


def test_a_results_unknown_status_is_named_by_its_first_40_characters_and_its_detail_cut_at_800():
    outcome = Outcome()
    for status, detail in (("s" * 50, ""), ("error", "d" * 1000)):
        event = {"kind": "result", "item": "lstm_step", "status": status, "detail": detail, "arrays": [], "tree": []}
        assert _take("JSON", json.dumps(event).encode(), None, outcome) == (None, event)
    assert outcome.results == {"lstm_step": [("error", None, f"the saved result has an unknown status '{'s' * 40}'"),
                                             ("error", None, "d" * 800)]}


# --- execute(): restarts past a unit that dies, hangs or is refused, with a stand-in runner and no sandbox -------

STAND_IN = r'''
import json, os, struct, sys, time
data = sys.stdin.buffer.read()
at = data.index(b"LSTMJSON")
plan = json.loads(data[at + 16:at + 16 + struct.unpack("<Q", data[at + 8:at + 16])[0]])
def send(**event):
    payload = json.dumps(event).encode()
    sys.stdout.buffer.write(b"LSTMJSON" + struct.pack("<Q", len(payload)) + payload)
    sys.stdout.flush()
send(kind="started")
for k, cell in enumerate(plan["cells"]):
    if k in plan["skip"]:
        continue
    if cell == "silent":
        os._exit(7)  # before its start event: the grader blames the first unit not done
    send(kind="start", unit=f"cell {k}")
    if cell == "die":
        os._exit(9)
    if cell == "hang":
        time.sleep(30)
    if cell in ("garbage", "odd frame"):
        sys.stdout.buffer.write(b"garbage!" * 4 if cell == "garbage" else b"LSTMa: b" + struct.pack("<Q", 0))
        sys.stdout.flush()
        time.sleep(30)
    send(kind="end", status="ok")
for item in plan["items"]:
    if item["id"] not in plan["skip"]:
        send(kind="result", item=item["id"], status="ok", arrays=[], tree=[],
             detail=f"skip {plan['skip']}, {os.environ.get('MARK')}, leader {os.getsid(0) == os.getpid()}")
send(kind="finished")
'''


def stand_in(monkeypatch, argv, read_run=None):
    """execute() runs argv (fed the runner, plan and inputs on stdin) in place of the sandbox."""
    from lstmlab.grade import run
    from lstmlab.grade.sandbox import Command
    monkeypatch.setattr(run, "command", lambda isolation, size, limits, workdir: Command(
        argv, {"start_new_session": True, "env": {"MARK": "its own environment"}}, workdir, [], []))
    monkeypatch.setattr(run, "end_run", lambda isolation, keep=(): None)
    if read_run:
        monkeypatch.setattr(run, "_read_run", read_run)
    return lambda cells, items=(), timeout=1.0, total=20.0: run.execute(
        {"cells": list(cells), "items": [{"id": i} for i in items]}, {"x": np.zeros(2)},
        SimpleNamespace(uid=None, sandboxed=True), None, timeout, total)


FAULT = "this is the grader's fault, not yours; please re-run the grading"


def test_a_sandbox_that_cannot_be_started_is_the_graders_fault(monkeypatch):
    outcome = stand_in(monkeypatch, ["/nonexistent/bwrap"])(["x = 1"])
    assert outcome.fault == ("the grader could not start the sandbox (FileNotFoundError: [Errno 2] No such file or "
                             f"directory: '/nonexistent/bwrap'): {FAULT}")


def test_an_error_of_the_grader_while_reading_is_raised_and_the_process_killed(monkeypatch):
    started = []

    def broken(proc, *args):
        started.append(proc)
        raise RuntimeError("the grader's own bug")
    with pytest.raises(RuntimeError, match="the grader's own bug"):
        stand_in(monkeypatch, ["sleep", "30"], broken)(["x = 1"])
    assert started[0].returncode == -9


@pytest.mark.parametrize("script, why", [("echo 'bwrap: setting up uid map: Permission denied' >&2; exit 1",
                                          "bwrap: setting up uid map: Permission denied"),
                                         ("echo '  ' >&2; exit 3", "exit code 3")])
def test_a_sandbox_that_never_starts_is_tried_twice_then_the_graders_fault(monkeypatch, tmp_path, script, why):
    tries = tmp_path / "tries"
    outcome = stand_in(monkeypatch, ["sh", "-c", f"cat > /dev/null; echo >> {tries}; {script}"])(["x = 1"])
    assert outcome.fault == f"the grading sandbox did not start ({why}): {FAULT}"
    assert tries.read_text() == "\n\n" and outcome.restarts == 0


def test_a_cell_that_dies_hangs_or_is_refused_costs_only_that_cell(monkeypatch):
    outcome = stand_in(monkeypatch, [sys.executable, "-c", STAND_IN])(
        ["x = 1", "die", "hang", "garbage", "silent", "odd frame", "y = 2"], items=["lstm_step"], timeout=0.2)
    assert outcome.units == {"cell 0": ("ok", ""), "cell 1": ("dead", "stopped the grading process (exit code 9)"),
                             "cell 2": ("timeout", "ran longer than 0.2 s"),
                             "cell 3": ("error", "its results were refused: its result stream is malformed"),
                             "cell 4": ("dead", "stopped the grading process (exit code 7)"),
                             "cell 5": ("error", "its results were refused: its result stream holds an unknown frame "
                                                 "'a: b'"),  # the reason is what follows the first ': ', whole
                             "cell 6": ("ok", "")}
    assert outcome.restarts == 5 and outcome.fault is None
    # computed once, in the last run, by a process started as the command says (its environment, a session of its own)
    assert outcome.results == {"lstm_step": [("ok", [], "skip [1, 2, 3, 4, 5], its own environment, leader True")]}


def test_when_the_total_time_runs_out_every_unit_left_is_timed_out(monkeypatch):
    outcome = stand_in(monkeypatch, [sys.executable, "-c", STAND_IN])(
        ["x = 1", "hang", "y = 2"], items=["lstm_step"], timeout=5.0, total=0.5)
    assert outcome.units == {"cell 0": ("ok", ""), "cell 1": ("timeout", "ran longer than 5 s"),
                             "cell 2": ("timeout", "the notebook's total time limit ran out first"),
                             "item lstm_step": ("timeout", "the notebook's total time limit ran out first")}
    assert outcome.restarts == 1 and outcome.results == {}
