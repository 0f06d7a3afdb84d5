"""Answers to plain arrays and back. Standalone (NumPy only): it also runs in the grader's learner kernel.

So it writes no sentences: a refused answer is reported as REFUSED + [message key, fields] (judged and worded
outside, from the message catalogue), and a crash as Python's own error text + LINE + [line, code, function],
the line of the learner's code where it happened.
"""
import json

import numpy as np

MAX_ELEMENTS = 5_000_000  # a result larger than this is refused, not saved
MAX_NODES = 10_000
REFUSED = "@@refused "  # detail of an answer refused by flatten: REFUSED + json [key, fields]
LINE = "\n@@line "  # after an error's text: LINE + json [line in the cell, source line, function name]


class NotNumbers(TypeError):
    """An answer (or part of it) that is not numbers: `key` names the message (refused.<key>), `fields` fill it."""

    def __init__(self, key, **fields):
        super().__init__(key, fields)
        self.key, self.fields = key, fields


def flatten(value, arrays, path="r", budget=None):
    """Turn an answer into a JSON tree; each leaf names a plain float/int array stored in `arrays`."""
    budget = [MAX_NODES, MAX_ELEMENTS] if budget is None else budget
    budget[0] -= 1
    if budget[0] < 0:
        raise NotNumbers("too_many_parts", limit=MAX_NODES)
    if value is None:
        return None
    if isinstance(value, dict):
        return {"d": {str(k): flatten(v, arrays, f"{path}_{n}", budget) for n, (k, v) in enumerate(value.items())}}
    if isinstance(value, (list, tuple)) and not all(isinstance(v, (bool, int, float, np.number)) for v in value):
        return [flatten(v, arrays, f"{path}_{n}", budget) for n, v in enumerate(value)]
    try:
        arr = np.array(value, copy=True, subok=False)  # a plain ndarray copy: subclasses and rigged __eq__ are gone
    except Exception as exc:
        raise NotNumbers("unreadable", kind=type(value).__name__, error=f"{type(exc).__name__}: {str(exc)[:200]}") from None
    arr = arr.view(np.ndarray)
    if arr.dtype.kind not in "biuf":
        raise NotNumbers("not_numbers", dtype=str(arr.dtype), kind=type(value).__name__)
    budget[1] -= arr.size
    if budget[1] < 0:
        raise NotNumbers("too_large", limit=MAX_ELEMENTS)
    arrays[path] = arr.astype(np.float64) if arr.dtype.kind == "b" else arr
    return {"a": path}


def unflatten(tree, arrays):
    """Rebuild the answer from a JSON tree and its arrays: lists, dicts, None and plain ndarrays."""
    if tree is None:
        return None
    if isinstance(tree, list):
        return [unflatten(t, arrays) for t in tree]
    if isinstance(tree, dict) and set(tree) == {"d"} and isinstance(tree["d"], dict):
        return {str(k): unflatten(v, arrays) for k, v in tree["d"].items()}
    if isinstance(tree, dict) and set(tree) == {"a"} and isinstance(tree["a"], str) and tree["a"] in arrays:
        arr = np.asarray(arrays[tree["a"]])
        if type(arr) is not np.ndarray or arr.dtype.kind not in "biuf":
            raise NotNumbers("stored_not_numbers")
        return arr
    raise NotNumbers("malformed")


def _has_array(value):
    return isinstance(value, np.ndarray) or (isinstance(value, (list, tuple)) and any(map(_has_array, value)))


def encode_inputs(case):
    """Split one case's inputs into JSON text and a dict of arrays (arrays, and lists holding arrays, by tree)."""
    arrays, spec = {}, {}
    for name, value in case.items():
        spec[name] = {"t": flatten(value, arrays, f"in_{name}")} if _has_array(value) else {"v": value}
    return json.dumps(spec), arrays


def decode_inputs(spec_text, arrays):
    """Inverse of encode_inputs: {name: value}, arrays as fresh copies."""
    spec = json.loads(spec_text)
    return {name: (unflatten(s["t"], arrays) if "t" in s else s["v"]) for name, s in spec.items()}


def _where(fn, exc):
    """LINE + [line, source, function] of the last frame of the learner's own code in the traceback, or ""."""
    try:
        import traceback
        filename = fn.__code__.co_filename
        frames = [f for f in traceback.StackSummary.extract(traceback.walk_tb(exc.__traceback__), lookup_lines=False)
                  if f.filename == filename]
        if not frames:
            return ""
        frame = frames[-1]
        return LINE + json.dumps([frame.lineno, (frame.line or "").strip()[:160], frame.name])
    except Exception:
        return ""


def call_answer(fn, args):
    """Call a learner's function; return (status, tree, arrays, detail) and never raise."""
    arrays = {}
    try:
        result = fn(*args)
    except NotImplementedError:
        return "not_attempted", None, arrays, ""
    except BaseException as exc:  # SystemExit, KeyboardInterrupt from inside the answer included
        return "error", None, arrays, f"{type(exc).__name__}: {str(exc)[:300]}" + _where(fn, exc)
    try:
        tree = flatten(result, arrays)
    except NotNumbers as exc:
        return "error", None, {}, REFUSED + json.dumps([exc.key, exc.fields])
    except BaseException as exc:
        return "error", None, {}, REFUSED + json.dumps(["unreadable", {"kind": type(result).__name__,
                                                                        "error": f"{type(exc).__name__}: {str(exc)[:200]}"}])
    return "ok", tree, arrays, ""


def split_detail(detail):
    """(error text, [line, source, function] or None, [key, fields] or None) from call_answer's detail."""
    if detail.startswith(REFUSED):
        try:
            key, fields = json.loads(detail[len(REFUSED):])
            return "", None, (str(key), dict(fields))
        except Exception:
            return detail, None, None
    text, _, where = detail.partition(LINE)
    try:
        line, end = json.JSONDecoder().raw_decode(where) if where else (None, 0)
        line = [int(line[0]), str(line[1]), str(line[2])] if line else None
        text += where[end:]  # anything added after the line (the grader's note on the answer cell)
    except Exception:
        line = None
    return text, line, None
