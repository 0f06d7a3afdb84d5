"""Runs inside the learner's kernel (with encode.py's functions): call one answer on saved inputs, save results.

Standalone text: the grader sends this file's source, after lstmlab/checks/encode.py's, as the
first cell. Results go to out_<item>_<k>.json (status, tree) and .npz (arrays, no pickles).
"""


def _lstmlab_run(item_id, fn_name, n_cases, namespace):
    """Call namespace[fn_name] on each saved case of item_id; write each result next to its inputs."""
    for k in range(n_cases):
        with open(f"in_{item_id}_{k}.json") as f:
            spec_text = f.read()
        with np.load(f"in_{item_id}_{k}.npz", allow_pickle=False) as saved:
            arrays = {key: saved[key] for key in saved.files}
        case = decode_inputs(spec_text, arrays)
        fn = namespace.get(fn_name)
        if fn is None or not callable(fn):
            status, tree, out, detail = "error", None, {}, f"NameError: no function named {fn_name} is defined"
        else:
            status, tree, out, detail = call_answer(fn, [case[name] for name in case["__args__"]])
        with open(f"out_{item_id}_{k}.npz", "wb") as f:
            np.savez(f, **out)
        with open(f"out_{item_id}_{k}.json", "w") as f:
            f.write(json.dumps({"status": status, "tree": tree, "detail": detail}))
        if status != "ok":
            break
    return None
