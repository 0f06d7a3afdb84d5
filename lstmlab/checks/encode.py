"""Answers to plain arrays and back. Standalone (NumPy only): it also runs in the grader's learner kernel."""
import json

import numpy as np

MAX_ELEMENTS = 5_000_000  # a result larger than this is refused, not saved
MAX_NODES = 10_000


class NotNumbers(TypeError):
    """An answer (or part of it) that is not numbers."""


def flatten(value, arrays, path="r", budget=None):
    """Turn an answer into a JSON tree; each leaf names a plain float/int array stored in `arrays`."""
    budget = [MAX_NODES, MAX_ELEMENTS] if budget is None else budget
    budget[0] -= 1
    if budget[0] < 0:
        raise NotNumbers(f"the answer is too deeply nested or too long (more than {MAX_NODES} parts)")
    if value is None:
        return None
    if isinstance(value, dict):
        return {"d": {str(k): flatten(v, arrays, f"{path}_{n}", budget) for n, (k, v) in enumerate(value.items())}}
    if isinstance(value, (list, tuple)) and not all(isinstance(v, (bool, int, float, np.number)) for v in value):
        return [flatten(v, arrays, f"{path}_{n}", budget) for n, v in enumerate(value)]
    try:
        arr = np.array(value, copy=True, subok=False)  # a plain ndarray copy: subclasses and rigged __eq__ are gone
    except Exception as exc:
        raise NotNumbers(f"could not be read as an array ({type(exc).__name__}: {exc})") from None
    arr = arr.view(np.ndarray)
    if arr.dtype.kind not in "biuf":
        raise NotNumbers(f"is not numbers (dtype {arr.dtype}, from a {type(value).__name__})")
    budget[1] -= arr.size
    if budget[1] < 0:
        raise NotNumbers(f"is too large (more than {MAX_ELEMENTS} numbers in all)")
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
            raise NotNumbers("a stored result is not a plain array of numbers")
        return arr
    raise NotNumbers("the stored result is malformed")


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


def call_answer(fn, args):
    """Call a learner's function; return (status, tree, arrays, detail) and never raise."""
    arrays = {}
    try:
        result = fn(*args)
    except NotImplementedError:
        return "not_attempted", None, arrays, ""
    except BaseException as exc:  # SystemExit, KeyboardInterrupt from inside the answer included
        return "error", None, arrays, f"{type(exc).__name__}: {str(exc)[:300]}"
    try:
        tree = flatten(result, arrays)
    except BaseException as exc:
        return "error", None, {}, f"the returned value {str(exc)[:300]}"
    return "ok", tree, arrays, ""
