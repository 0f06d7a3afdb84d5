"""Run one notebook's plan in the sandbox: send it in, read events back within limits, and restart past a
cell or an answer that hangs or kills the process, so that it costs only that exercise."""
import io
import json
import os
import selectors
import signal
import struct
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..checks.encode import NotNumbers, unflatten
from ..messages import msg, template
from .sandbox import command, end_run
from .results import MAGIC, MAX_ITEM_BYTES, FrameReader, Untrusted, parse_event, parse_npy

HERE = Path(__file__).resolve().parent
GRACE = 2.0  # seconds the grader waits past the runner's own alarm before it kills the process
STDERR_LIMIT = 16 * 2**10
RUNNER_KEYS = ("refused_import", "refused_lstmlab", "import_not_allowed", "open_not_allowed", "event_on_not_allowed",
               "listing_not_allowed", "event_not_allowed", "ran_longer", "infinite_loop", "no_function")


def runner_text():
    """The runner's own sentences in the language in use (it runs without lstmlab, so they travel in the plan)."""
    return {key: template(f"grade.sandbox.{key}") for key in RUNNER_KEYS}


def runner_source():
    """The program the sandbox runs: checks/encode.py (answers to arrays) then grade/runner.py."""
    encode = (HERE.parent / "checks" / "encode.py").read_text()
    return encode + "\n" + (HERE / "runner.py").read_text()


def frame(kind, payload):
    return MAGIC + kind.encode() + struct.pack("<Q", len(payload)) + payload


@dataclass
class Outcome:
    """What a notebook's runs produced: each unit's status, each item's per-case results, or a grader fault."""

    units: dict = field(default_factory=dict)  # "cell 3" / "item lstm_step" -> (status, detail)
    results: dict = field(default_factory=dict)  # item id -> [(status, answer, detail)] per case
    fault: str = None  # the sandbox never started: the grader's fault, not the learner's
    restarts: int = 0


@dataclass
class RunState:
    """One process's progress as the grader saw it: started at all, the unit running and since when, finished."""

    started: bool = False
    unit: str = None
    since: float = None
    finished: bool = False
    why: str = None  # why the grader stopped reading: "timeout", or "untrusted: ..."
    stderr: bytes = b""


def _read_run(proc, stdin_bytes, timeout, deadline, outcome):
    """Feed stdin, then read the runner's frames until the process ends or overruns; return its RunState."""
    writer = threading.Thread(target=_write_all, args=(proc.stdin, stdin_bytes), daemon=True)
    writer.start()
    state, reader, pending, stderr = RunState(), FrameReader(), None, bytearray()
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ, "out")
    sel.register(proc.stderr, selectors.EVENT_READ, "err")
    open_streams = 2
    while open_streams:
        now = time.monotonic()
        limit = deadline if state.since is None else min(deadline, state.since + timeout + GRACE)
        if now >= limit:
            state.why = "timeout"
            break
        for key, _ in sel.select(timeout=min(0.5, limit - now)):
            data = os.read(key.fileobj.fileno(), 65536)
            if not data:
                sel.unregister(key.fileobj)
                open_streams -= 1
                continue
            if key.data == "err":
                stderr += data[:max(0, STDERR_LIMIT - len(stderr))]
                continue
            try:
                for kind, payload in reader.feed(data):
                    pending, event = _take(kind, payload, pending, outcome)
                    if event is None:
                        continue
                    if event["kind"] == "start":
                        state.unit, state.since = str(event.get("unit"))[:100], time.monotonic()
                    elif event["kind"] == "end" and state.unit is not None:
                        outcome.units[state.unit] = (str(event.get("status")), str(event.get("detail", ""))[:800])
                        state.unit, state.since = None, None
                    elif event["kind"] == "started":
                        state.started = True
                    elif event["kind"] == "finished":
                        state.finished = True
                if reader.error is not None:  # refused after the frames before it were applied: at once, not at EOF
                    raise reader.error
            except Untrusted as exc:
                state.why = f"untrusted: {exc}"
                break
        if state.why or state.finished:
            break  # finished: a learner's process still holding the pipe open must not make the grader wait
    sel.close()
    state.stderr = bytes(stderr)
    return state


def _write_all(stream, data):
    try:
        stream.write(data)
        stream.close()
    except (BrokenPipeError, OSError, ValueError):
        pass


def _take(kind, payload, pending, outcome):
    """Apply one frame: (pending result still waiting for arrays, the event if this frame was one)."""
    if kind == "NPY ":
        if pending is None or len(pending["got"]) >= len(pending["names"]):
            raise Untrusted(msg("grade.untrusted.array_without_result"))
        pending["got"].append(parse_npy(payload))
        pending["bytes"] += len(payload)
        if pending["bytes"] > MAX_ITEM_BYTES:
            raise Untrusted(msg("grade.untrusted.arrays_too_large", mb=MAX_ITEM_BYTES // 2**20))
        if len(pending["got"]) == len(pending["names"]):
            _store(pending, outcome)
            return None, None
        return pending, None
    event = parse_event(payload)
    if pending is not None:
        raise Untrusted(msg("grade.untrusted.arrays_missing"))
    if event["kind"] == "result":
        names = event.get("arrays")
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names) or len(names) > 10_000:
            raise Untrusted(msg("grade.untrusted.bad_array_names"))
        pending = {"event": event, "names": names, "got": [], "bytes": 0}
        if not names:
            _store(pending, outcome)
            return None, event
        return pending, event
    return None, event


def _store(pending, outcome):
    """Turn a complete result (event + arrays) into (status, answer, detail) for its item."""
    event = pending["event"]
    item, status, detail = str(event.get("item")), event.get("status"), str(event.get("detail", ""))[:800]
    if status not in ("ok", "error", "not_attempted", "timeout"):
        status, detail = "error", msg("grade.unknown_status", status=repr(str(status)[:40]))
    answer = None
    if status == "ok":
        try:
            answer = unflatten(event.get("tree"), dict(zip(pending["names"], pending["got"])))
        except (NotNumbers, RecursionError, TypeError) as exc:
            status, detail = "error", msg("grade.unreadable_result", error=exc)
    outcome.results.setdefault(item, []).append((status, answer, detail))


def _kill_group(proc):
    """Kill the run's process and its process group (started as a session of its own), if not reaped yet."""
    if proc.returncode is not None:
        return  # reaped: its pid may be another's now; end_run (uid) or the PID namespace ends the rest
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if proc.poll() is None:
        proc.kill()


def _key(unit):
    """The runner's skip key of a unit: a cell's index, or an item's id."""
    kind, name = unit.split(" ", 1)
    return int(name) if kind == "cell" else name


def execute(plan, inputs, isolation, limits, timeout, total_timeout, max_starts=2):
    """Run plan (a JSON-able dict) on inputs ({name: array}); return an Outcome. Never raises for learner faults."""
    outcome = Outcome()
    code = runner_source().encode()
    buf = io.BytesIO()
    np.savez(buf, **inputs)
    deadline = time.monotonic() + total_timeout
    skip, starts_failed, text = [], 0, runner_text()
    units = [f"cell {k}" for k in range(len(plan["cells"]))] + [f"item {i['id']}" for i in plan["items"]]
    while True:
        for item in plan["items"]:
            if item["id"] not in skip:
                outcome.results.pop(item["id"], None)  # this run computes them again, from the start
        with tempfile.TemporaryDirectory(prefix="lstmlab-work-") as workdir:
            os.chmod(workdir, 0o700)
            if isolation.uid is not None and not isolation.sandboxed:
                os.chown(workdir, isolation.uid, isolation.uid)  # the uid mode: the learner's uid works here
            cmd = command(isolation, len(code), limits, workdir)
            run_plan = {**plan, "skip": skip, "timeout": timeout, "workdir": cmd.workdir, "text": text,
                        "read_roots": cmd.read_roots, "write_roots": cmd.write_roots}
            stdin = code + frame("JSON", json.dumps(run_plan).encode()) + frame("NPZ ", buf.getvalue())
            try:
                proc = subprocess.Popen(cmd.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        **cmd.popen)
            except OSError as exc:
                outcome.fault = msg("grade.sandbox_not_started", error=f"{type(exc).__name__}: {exc}", fault=msg("grade.fault"))
                return outcome
            state = None
            try:
                state = _read_run(proc, stdin, timeout, deadline, outcome)
            finally:
                if state is not None and state.finished:
                    try:  # it is exiting: let bwrap reap its own child, rather than orphan it as a zombie
                        proc.wait(timeout=2)
                    except subprocess.TimeoutExpired:
                        pass
                _kill_group(proc)  # the wall-clock kill: the whole process group, threads and children included
                exit_code = proc.wait()
                end_run(isolation, keep=(workdir,))  # the learner's uid's forks, daemons and litter, gone before the next run
                for stream in (proc.stdout, proc.stderr):
                    stream.close()
        if state.finished:
            return outcome
        if not state.started:
            starts_failed += 1
            if starts_failed >= max_starts or time.monotonic() >= deadline:
                said = [line for line in state.stderr.decode(errors="replace").splitlines() if line.strip()]
                why = said[-1][:200] if said else msg("grade.exit_code", code=exit_code)
                outcome.fault = msg("grade.sandbox_failed", why=why, fault=msg("grade.fault"))
                return outcome
            continue
        unit = state.unit if state.unit in units else next(
            (u for u in units if u not in outcome.units and _key(u) not in skip), None)
        if unit is None:
            return outcome
        if state.why == "timeout":
            outcome.units[unit] = ("timeout", msg("grade.unit_timeout", seconds=f"{timeout:g}"))
        elif state.why:
            outcome.units[unit] = ("error", msg("grade.unit_refused", why=state.why.split(": ", 1)[1]))
        else:
            outcome.units[unit] = ("dead", msg("grade.unit_dead", code=exit_code))
        skip.append(_key(unit))
        outcome.restarts += 1
        if time.monotonic() >= deadline:
            for u in units:
                outcome.units.setdefault(u, ("timeout", msg("grade.total_time")))
            return outcome
