"""Everything from the learner is untrusted, in the grading process too: a huge answer cell or one full of IPython
commands, a result stream nested too deeply or cut at a limit, a forged refusal. Each costs that exercise, with a
reason the learner can read, and never the notebook or the batch."""
import json
import struct
import subprocess
import sys
import time

import nbformat
import numpy as np
import pytest

from lstmlab.checks import all_items
from lstmlab.checks.encode import REFUSED
from lstmlab.checks.judge import judge
from lstmlab.grade import plan, results
from lstmlab.grade.course import Course
from lstmlab.messages import catalogue
from grading_helpers import ROOT, answer_source, by_id, grade, submission

NB = "01_one_cell.ipynb"
STEP = answer_source(NB, "lstm_step")
COUNT = answer_source(NB, "lstm_param_count")
FAULT = catalogue("en")["grade.fault"]


def others_pass(result, but):
    """The notebook's other answers (the solution's) are graded and pass."""
    for item_id, entry in result.items():
        if item_id != but:
            assert (entry["status"], entry["points"]) == ("passed", entry["max_points"]), entry


def build(answers):
    """plan.build for the solution of 01_one_cell with some answer cells replaced: (plan, notes, answer_unit, refused)."""
    nb = nbformat.read(ROOT / "solutions" / NB, as_version=4)
    for cell in nb.cells:
        item_id = cell.metadata.get("lstmlab", {}).get("exercise")
        if item_id in answers:
            cell.source = answers[item_id]
    items, pristine = all_items(), Course.find().assignments["01_one_cell"].notebook
    built, _, notes, answer_unit, refused = plan.build(nb, pristine, items, plan.item_cases(items, pristine, 1))
    return built, notes, answer_unit, refused


# --- answer cells: size and IPython commands are capped before IPython's transformer runs --------------------


def test_a_200_kb_answer_cell_is_not_run_and_the_others_are_graded(tmp_path):
    cell = STEP + "x = 1\n" * 34_000
    start = time.monotonic()
    built, _, answer_unit, refused = build({"lstm_step": cell})
    assert time.monotonic() - start < 3
    assert "lstm_step" in refused and "lstm_step" not in answer_unit
    assert [i["id"] for i in built["items"]] == ["lstm_param_count", "split_gates"]  # it is not called either
    result = by_id(grade(submission(tmp_path, NB, {"lstm_step": cell})))
    entry = result["lstm_step"]
    assert (entry["status"], entry["points"]) == ("error", 0)
    assert f"your answer cell is {len(cell):,} characters; the grader runs answer cells of up to 65,536" in \
        entry["feedback"], entry["feedback"]
    assert FAULT not in entry["feedback"]
    others_pass(result, "lstm_step")


def test_200_shell_commands_are_not_run_and_the_others_are_graded(tmp_path):
    cell = "!ls\n" * 200 + COUNT
    start = time.monotonic()
    _, _, _, refused = build({"lstm_param_count": cell})
    assert time.monotonic() - start < 3
    assert "has 200 IPython command lines" in refused["lstm_param_count"]
    result = by_id(grade(submission(tmp_path, NB, {"lstm_param_count": cell})))
    entry = result["lstm_param_count"]
    assert (entry["status"], entry["points"]) == ("error", 0)
    assert "your answer cell has 200 IPython command lines (!, % or ?); the grader runs answer cells with up to 20" \
        in entry["feedback"], entry["feedback"]
    others_pass(result, "lstm_param_count")


@pytest.mark.parametrize("commands", [
    "!ls\n", "%time x = 1\n", "  %env\n", "x?\n", "np.zeros??\n", "a = !pwd\n", "b = %who\n", "/print 1\n", ",print a\n",
    ">>> !ls\n",  # a doctest prompt IPython strips first
])
def test_every_kind_of_ipython_command_is_counted(commands):
    _, _, _, refused = build({"split_gates": commands * (plan.MAX_COMMAND_LINES + 1)})
    assert f"has {plan.MAX_COMMAND_LINES + 1} IPython command lines" in refused["split_gates"]
    _, _, answer_unit, refused = build({"split_gates": commands * plan.MAX_COMMAND_LINES
                                        + answer_source(NB, "split_gates")})
    assert not refused and "split_gates" in answer_unit


def test_commands_hidden_in_a_string_are_counted():
    """`!echo '''` opens a string IPython closes only once it has rewritten that line: what it hid is counted."""
    cell = "!echo '''\n" + "!ls\n" * plan.MAX_COMMAND_LINES + "'''\n"
    _, _, _, refused = build({"split_gates": cell})
    assert f"has {plan.MAX_COMMAND_LINES + 1} IPython command lines" in refused["split_gates"]


def test_ordinary_code_counts_no_commands():
    code = "x = 1  # why?\n# what is this?\ny = x != 2\nz = x % 3\nw = {'a': 1}\nprint('50%')\nq = x >= 1\n"
    assert plan.command_lines(code.splitlines(keepends=True)) == 1  # only the trailing "# why?": an upper bound
    for item_id in ("lstm_step", "lstm_param_count", "split_gates"):
        source = answer_source(NB, item_id)
        assert plan.command_lines(source.splitlines()) == 0


@pytest.mark.parametrize("source", ["x = 1", "!ls\n%time x = 1\nx?\ny = !pwd\n", ">>> x = 1\n>>> !ls\n",
                                    "In [1]: !ls\n", "%%bash\necho hi\n", "    x = 1\n    !ls\n", "a?b?\n"])
def test_answer_python_is_ipythons_own_transform(source):
    """answer_python runs TransformerManager.transform_cell in two steps: the same Python comes out."""
    assert plan.answer_python(source) == (plan.to_python(source), None)


def test_the_notebooks_answers_together_are_capped():
    pad = "\n" + "#" * 99 + "\n"  # 101 characters
    big = {item_id: answer_source(NB, item_id) + pad * 600 for item_id in ("lstm_step", "lstm_param_count", "split_gates")}
    assert all(len(s) < plan.MAX_CELL_CHARS for s in big.values())
    _, _, answer_unit, refused = build(big)
    assert list(answer_unit) == ["lstm_step", "lstm_param_count"]  # the first two fit, the third does not
    total = len(big["lstm_step"]) + len(big["lstm_param_count"]) + len(big["split_gates"])
    assert refused["split_gates"].startswith(f"with this one your answer cells come to {total:,} characters; "
                                             f"the grader runs up to {plan.MAX_ANSWER_CHARS:,} in one notebook")


def test_a_cell_ipython_cannot_transform_is_the_learners_not_a_fault(tmp_path, monkeypatch):
    """IPython's RuntimeError (too many transforms), a SyntaxError...: that exercise's error, the rest graded."""
    real = plan._manager

    def failing():
        manager = real()
        original = manager.do_token_transforms

        def transforms(lines):
            if any("TRANSFORM_FAILS" in line for line in lines):
                raise RuntimeError("Input transformation still changing after 500 iterations. Aborting.")
            return original(lines)
        manager.do_token_transforms = transforms
        return manager
    monkeypatch.setattr(plan, "_manager", failing)
    cell = "# TRANSFORM_FAILS\n" + STEP
    result = by_id(grade(submission(tmp_path, NB, {"lstm_step": cell})))
    entry = result["lstm_step"]
    assert (entry["status"], entry["points"]) == ("error", 0)
    assert "your answer cell could not be turned into Python (RuntimeError: Input transformation still changing" \
        in entry["feedback"], entry["feedback"]
    assert FAULT not in entry["feedback"]
    others_pass(result, "lstm_step")


def test_an_18_mb_answer_cell_costs_little_time_and_memory():
    """Before the caps, IPython's transformer took 3.4 GB and minutes on it; now it is refused on its length."""
    program = (
        "import resource, sys, time\nsys.path.insert(0, 'tests')\n"
        "import test_grader_untrusted as t\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "start = time.monotonic()\n"
        "_, _, _, refused = t.build({'lstm_step': t.STEP + 'x = 1\\n' * 3_000_000, 'split_gates': '!x\\n' * 20_000})\n"
        "print(time.monotonic() - start, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024,"
        " sorted(refused))\n")
    run = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr
    seconds, grown_mb, refused = run.stdout.split(" ", 2)
    assert refused.strip() == "['lstm_step', 'split_gates']"
    assert float(seconds) < 5 and float(grown_mb) < 300, run.stdout


# --- the result stream: frames and events from the sandbox -------------------------------------------------------


def frame(kind, payload):
    return results.MAGIC + kind.encode() + struct.pack("<Q", len(payload)) + payload


def test_deeply_nested_json_is_untrusted_not_a_crash():
    for payload in (b"[" * 200_000 + b"]" * 200_000, b'{"kind": "end", "detail": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
                    b"{" * 250_000):
        with pytest.raises(results.Untrusted, match="not valid JSON"):
            results.parse_event(payload)


def test_lone_surrogates_in_an_event_become_question_marks():
    event = results.parse_event(b'{"kind": "end", "detail": "boom \\ud800 \\ud83d\\ude00", "x": ["\\udfff"]}')
    assert event == {"kind": "end", "detail": "boom ? \U0001F600", "x": ["?"]}
    json.dumps(event, ensure_ascii=False).encode("utf-8")  # the report can be written


def test_frames_before_an_over_limit_frame_come_first():
    """The frames finished in the same feed() are returned, and the refusal comes at the next one: so the event
    that started the offending unit is applied and that unit (not the one before) is blamed."""
    end = frame("JSON", b'{"kind": "end", "unit": "cell 2", "status": "ok"}')
    start = frame("JSON", b'{"kind": "start", "unit": "item lstm_step"}')
    bomb = results.MAGIC + b"JSON" + struct.pack("<Q", results.MAX_JSON_BYTES + 1)
    reader = results.FrameReader()
    assert [p for _, p in reader.feed(end + start + bomb)] == [end[16:], start[16:]]
    with pytest.raises(results.Untrusted, match="too large"):
        reader.feed(b"")
    with pytest.raises(results.Untrusted, match="too large"):
        reader.feed(b"more")  # and at every later one
    with pytest.raises(results.Untrusted, match="malformed"):  # nothing complete before it: refused at once
        results.FrameReader().feed(b"junk" * 10)


def test_frames_within_the_stream_limit_come_first():
    good = frame("JSON", b'{"kind": "started"}')
    reader = results.FrameReader(limit=len(good) + 10)
    assert reader.feed(good + b"x" * 100) == [("JSON", good[16:])]
    with pytest.raises(results.Untrusted, match="more than"):
        reader.feed(b"")
    reader = results.FrameReader(limit=len(good) + 10)
    assert reader.feed(good) == [("JSON", good[16:])]
    with pytest.raises(results.Untrusted, match="more than"):
        reader.feed(b"x" * 100)


def test_a_deeply_nested_frame_from_the_sandbox_costs_only_that_exercise(tmp_path):
    cell = ("import os, struct\n" + STEP.replace("def lstm_step(", "def _step(") + "\n" +
            "def lstm_step(x, h, c, kernel, recurrent_kernel, bias):\n"
            "    event = b'[' * 120000 + b']' * 120000\n"
            "    for fd in range(3, 12):\n"
            "        try:\n"
            "            os.write(fd, b'LSTMJSON' + struct.pack('<Q', len(event)) + event)\n"
            "        except OSError:\n            pass\n"
            "    return _step(x, h, c, kernel, recurrent_kernel, bias)\n")
    result = by_id(grade(submission(tmp_path, NB, {"lstm_step": cell})))
    entry = result["lstm_step"]
    assert (entry["status"], entry["points"]) == ("error", 0)
    assert "an event is not valid JSON (RecursionError)" in entry["feedback"], entry["feedback"]
    assert FAULT not in entry["feedback"]
    others_pass(result, "lstm_step")


# --- refusals: [key, fields] from the sandbox name a catalogue message ------------------------------------------


FORGED = [
    (["no_such_key", {"x": 1}], "a malformed stored result"),
    (["__class__", {}], "a malformed stored result"),
    (["not_numbers", {}], "a ? (dtype ?), which is not numbers"),
    (["not_numbers", {"kind": {"a": 1}, "dtype": ["x"]}], "a ? (dtype ?), which is not numbers"),
    (["unreadable", {"kind": "K" * 10_000, "error": 7}], "a " + "K" * 200 + " that could not be read as numbers (7)"),
    (["too_large", "not a dict"], None),  # split_detail reads it as an error text, not a refusal
]


@pytest.mark.parametrize("forged, received", FORGED)
def test_a_forged_refusal_gives_a_clean_verdict(forged, received):
    item = all_items()["lstm_param_count"]
    cases = item.make_cases(np.random.default_rng(0))
    verdict = judge(item, cases, [("error", None, REFUSED + json.dumps(forged))], reveal=False)
    assert verdict.points == 0 and verdict.status in ("failed", "error")
    if received is not None:
        assert verdict.status == "failed" and received in verdict.message, verdict.message


def test_a_forged_refusal_from_the_sandbox_costs_only_that_exercise(tmp_path):
    """The answer swaps the runner's flatten (reached through get_ipython's globals) for one that refuses its int
    with a key the catalogue does not have."""
    cell = ("_g = get_ipython.__globals__\n_real = _g['flatten']\n"
            "def _forge(value, arrays, path='r', budget=None):\n"
            "    if type(value) is int and path == 'r':\n"
            "        raise _g['NotNumbers']('no_such_key', junk={'a': 1})\n"
            "    return _real(value, arrays, path, budget)\n"
            "_g['flatten'] = _forge\n" + COUNT)
    result = by_id(grade(submission(tmp_path, NB, {"lstm_param_count": cell})))
    entry = result["lstm_param_count"]
    assert (entry["status"], entry["points"]) == ("failed", 0)
    assert "a malformed stored result" in entry["feedback"], entry["feedback"]
    others_pass(result, "lstm_param_count")
