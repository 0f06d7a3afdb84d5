"""Grade one notebook: rebuild, write grade-time inputs, run in a locked kernel, read arrays, judge outside.

The arrays are read without pickles and judged here with lstmlab.checks. The grader's modules: rebuild
(the graded notebook), launcher + harness (run inside the learner's kernel), kernel (cell-by-cell
execution that survives timeouts and dead kernels), core (one notebook), batch (many, in parallel),
report (table, JSON, CSV), cli (`lstmlab grade`).
"""
import json
import secrets
import tempfile
from pathlib import Path

import nbformat
import numpy as np

from ..checks.encode import encode_inputs, unflatten
from ..checks.judge import judge
from ..checks.registry import all_items
from ..exercises.contract import answer_cells
from .kernel import execute
from .rebuild import pristine_by_ids, pristine_path, rebuild

MAX_RESULT_BYTES = 100 * 2**20


def _entry(item, status, feedback, points=0):
    return {"id": item.id, "points": points, "max_points": item.points, "status": status, "feedback": feedback}


def _read_results(workdir, item, n_cases):
    """[(status, answer tree, detail)] from the kernel's files, read without pickles; stops at the first non-ok."""
    results = []
    for k in range(n_cases):
        meta, data = workdir / f"out_{item.id}_{k}.json", workdir / f"out_{item.id}_{k}.npz"
        if not meta.is_file():
            break
        try:
            if meta.stat().st_size + data.stat().st_size > MAX_RESULT_BYTES:
                raise ValueError("the result is too large")
            saved = json.loads(meta.read_text())
            status, detail = saved["status"], str(saved.get("detail", ""))[:800]
            if status not in ("ok", "error", "not_attempted"):
                raise ValueError(f"unknown status {status!r}")
            with np.load(data, allow_pickle=False) as npz:
                arrays = {key: npz[key] for key in npz.files}
            tree = unflatten(saved["tree"], arrays) if status == "ok" else None
        except Exception as exc:
            results.append(("error", None, f"could not read the saved result ({type(exc).__name__}: {str(exc)[:200]})"))
            break
        results.append((status, tree, detail))
        if status != "ok":
            break
    return results


def load_notebook(path):
    """The notebook at path, or raise ValueError saying why it cannot be read."""
    try:
        return nbformat.read(str(path), as_version=4)
    except Exception as exc:
        raise ValueError(f"could not read the notebook: {type(exc).__name__}: {str(exc)[:200]}") from None


def grade_notebook(path, timeout=10, total_timeout=None, memory_mb=1024, seed=None):
    """{"path", "score", "max_score", "exercises": [...], "notes"} for one submitted notebook."""
    path = Path(path)
    try:
        submission, problem = load_notebook(path), None
    except ValueError as exc:
        submission, problem = None, str(exc)
    pristine_file = pristine_path(path) or (pristine_by_ids(answer_cells(submission)) if submission is not None else None)
    if pristine_file is None:
        return {"path": str(path), "score": 0, "max_score": 0, "exercises": [],
                "notes": [problem or "no exercise notebook matches this file (by name or by exercise ids)"]}
    pristine = nbformat.read(pristine_file, as_version=4)
    seed = secrets.randbits(63) if seed is None else seed
    registry = all_items()
    cases = {item_id: registry[item_id].make_cases(np.random.default_rng([seed, n]))
             for n, item_id in enumerate(answer_cells(pristine)) if item_id in registry}
    nb, notes, answer_index, harness_index, items = rebuild(submission, pristine, {k: len(v) for k, v in cases.items()})
    entries = []
    with tempfile.TemporaryDirectory(prefix="lstmlab-grade-") as tmp:
        workdir = Path(tmp)
        for item in items:
            for k, case in enumerate(cases[item.id]):
                text, arrays = encode_inputs({**case, "__args__": list(item.args)})
                (workdir / f"in_{item.id}_{k}.json").write_text(text)
                np.savez(workdir / f"in_{item.id}_{k}.npz", **arrays)
        outcome = {}
        if submission is not None and items:
            first = min(harness_index.values())
            total = total_timeout or timeout * (len(items) + 4)
            outcome = execute(nb, workdir, first, timeout, total, memory_mb)
        for item in items:
            entries.append(_judge_item(item, cases[item.id], workdir, outcome, answer_index, harness_index, notes, problem))
    score = sum(e["points"] for e in entries)
    return {"path": str(path), "score": score, "max_score": sum(e["max_points"] for e in entries), "exercises": entries,
            "notes": [problem] if problem else []}


def _judge_item(item, cases, workdir, outcome, answer_index, harness_index, notes, problem):
    """One exercise's entry: from the answer cell's and the harness cell's outcomes, and the saved arrays."""
    note = notes.get(item.id)
    suffix = f" (note: {note})" if note and item.id in answer_index else ""
    if problem:
        return _entry(item, "error", problem)
    if item.id not in answer_index:
        return _entry(item, "not_attempted", f"{item.id}: not attempted: {note}")
    kind, detail = outcome.get(answer_index[item.id], ("ok", None))
    if kind == "timeout":
        return _entry(item, "timeout", f"{item.id}: the answer cell {detail}; the other exercises were graded")
    if kind == "dead":
        return _entry(item, "error", f"{item.id}: the answer cell stopped the kernel: {detail}")
    hkind, hdetail = outcome.get(harness_index[item.id], ("ok", None))
    if hkind == "timeout":
        return _entry(item, "timeout", f"{item.id}: your function {hdetail} (infinite loop?); the other exercises were graded")
    if hkind == "dead":
        return _entry(item, "error", f"{item.id}: calling your function stopped the kernel: {hdetail}")
    results = _read_results(workdir, item, len(cases))
    if not results:
        return _entry(item, "error", f"{item.id}: no result was saved ({hdetail or 'the harness did not run'})")
    if results[-1][0] == "ok" and len(results) < len(cases):
        return _entry(item, "error", f"{item.id}: results are missing for some inputs (were files deleted?)")
    if results[-1][0] == "error" and kind == "error" and "NameError" in results[-1][2]:
        results[-1] = ("error", None, f"{results[-1][2]} (your answer cell raised {detail})")
    verdict = judge(item, cases, results, reveal=False)
    return _entry(item, verdict.status, verdict.message + suffix, verdict.points)
