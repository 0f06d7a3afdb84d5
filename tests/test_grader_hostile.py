"""The grader cannot be fooled: each hostile answer earns nothing, is reported with a reason, and the rest is graded."""
import json

import nbformat
import pytest

from grading_helpers import answer_source, by_id, submission
from grading_helpers import grade as grade_one

NB = "01_one_cell.ipynb"
STEP = answer_source(NB, "lstm_step")
SIG = "def lstm_step(x, h, c, kernel, recurrent_kernel, bias):\n"


def grade(path, **kw):
    return by_id(grade_one(path, **kw))


def assert_others_graded(result):
    """The two other answers of the notebook are still graded (and pass)."""
    assert result["lstm_param_count"]["status"] == "passed"
    assert result["split_gates"]["status"] == "passed"


def test_edited_outputs_earn_nothing(tmp_path):
    def fake_outputs(nb):
        for cell in nb.cells:
            if cell.cell_type == "code" and "check(" in cell.source:
                cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="lstm_step: Passed (3/3).\n")]
    path = submission(tmp_path, NB, edit=fake_outputs, source="exercises")
    result = grade_one(path, seed=1)
    assert result["score"] == 0
    assert {e["status"] for e in result["exercises"]} == {"not_attempted"}


def test_redefined_checkers_and_harness_earn_nothing(tmp_path):
    hostile = ("def check(*args, **kwargs):\n    print('Passed')\n"
               "def judge(*args, **kwargs):\n    return 'passed'\n"
               "def call_answer(fn, args):\n    return 'ok', {'a': 'r'}, {'r': np.zeros(1)}, ''\n"
               + SIG + "    return 0\n")
    result = grade(submission(tmp_path, NB, {"lstm_step": hostile}))
    assert result["lstm_step"]["points"] == 0
    assert result["lstm_step"]["status"] == "failed"
    assert "Wrong type: expected a tuple (h, c) of 2 arrays, received " in result["lstm_step"]["feedback"]


def test_monkeypatched_numpy_earns_nothing(tmp_path):
    hostile = ("np.allclose = lambda *a, **k: True\nnp.isclose = lambda a, b, **k: np.ones(np.shape(b), bool)\n"
               "np.array_equal = lambda *a, **k: True\n"
               + SIG + "    return np.zeros((x.shape[0], h.shape[1])), np.zeros_like(c)\n")
    result = grade(submission(tmp_path, NB, {"lstm_step": hostile}))
    assert (result["lstm_step"]["status"], result["lstm_step"]["points"]) == ("failed", 0)
    assert "Wrong values for h" in result["lstm_step"]["feedback"]
    assert_others_graded(result)


def test_monkeypatching_lstmlab_is_refused(tmp_path):
    hostile = "import lstmlab\nlstmlab.check = lambda *a: None\n" + STEP
    result = grade(submission(tmp_path, NB, {"lstm_step": hostile}))
    assert (result["lstm_step"]["status"], result["lstm_step"]["points"]) == ("error", 0)
    assert "lstmlab is not available while grading" in result["lstm_step"]["feedback"]
    assert_others_graded(result)


def test_rigged_eq_earns_nothing(tmp_path):
    hostile = ("class Always(np.ndarray):\n    def __eq__(self, other):\n        return True\n"
               "    __ne__ = lambda self, other: False\n"
               + SIG + "    z = np.zeros((x.shape[0], h.shape[1])).view(Always)\n    return z, z\n")
    result = grade(submission(tmp_path, NB, {"lstm_step": hostile}))
    assert (result["lstm_step"]["status"], result["lstm_step"]["points"]) == ("failed", 0)
    assert "Wrong values" in result["lstm_step"]["feedback"]


def test_object_with_rigged_eq_is_not_numbers(tmp_path):
    hostile = ("class Yes:\n    def __eq__(self, other):\n        return True\n"
               + SIG + "    return Yes(), Yes()\n")
    result = grade(submission(tmp_path, NB, {"lstm_step": hostile}))
    assert (result["lstm_step"]["status"], result["lstm_step"]["points"]) == ("failed", 0)
    assert "is not numbers" in result["lstm_step"]["feedback"]


def test_printing_passed_earns_nothing(tmp_path):
    hostile = SIG + "    print('lstm_step: Passed (3/3).')\n    return x, x\n"
    result = grade(submission(tmp_path, NB, {"lstm_step": hostile}))
    assert result["lstm_step"]["points"] == 0 and result["lstm_step"]["status"] in ("failed", "error")


@pytest.mark.parametrize("how, reason", [
    ("from lstmlab.reference.cell import lstm_step as ref\n", "lstmlab is not available while grading"),
    ("import sys\nsys.path.insert(0, {root!r})\nsys.modules.pop('lstmlab', None)\nfrom lstmlab import lstm_step as ref\n",
     "lstmlab is not available while grading"),
    ("ns = {{}}\nexec(open({root!r} + '/lstmlab/reference/cell.py').read(), ns)\nref = ns['lstm_step']\n", "out of sight"),
    ("import subprocess\nsubprocess.run(['python', '-c', 'import lstmlab'])\nref = None\n", "PermissionError"),
    ("import json\nref = json.load(open({root!r} + '/solutions/01_one_cell.ipynb'))\n", "out of sight"),
])
def test_calling_the_reference_is_refused(tmp_path, how, reason):
    from grading_helpers import ROOT
    hostile = how.format(root=str(ROOT)) + SIG + "    return ref(x, h, c, kernel, recurrent_kernel, bias)\n"
    result = grade(submission(tmp_path, NB, {"lstm_step": hostile}))
    assert (result["lstm_step"]["status"], result["lstm_step"]["points"]) == ("error", 0)
    if reason == "out of sight":  # refused by the audit hook, or simply not in the sandbox (a clone under /tmp, say,
        # where the hook lets the sandbox's own /tmp through): either way the file cannot be read
        assert any(e in result["lstm_step"]["feedback"] for e in ("PermissionError", "FileNotFoundError"))
    else:
        assert reason in result["lstm_step"]["feedback"]
    assert_others_graded(result)


def test_reference_inside_the_function_is_refused(tmp_path):
    hostile = SIG + "    from lstmlab import lstm_step as ref\n    return ref(x, h, c, kernel, recurrent_kernel, bias)\n"
    result = grade(submission(tmp_path, NB, {"lstm_step": hostile}))
    assert (result["lstm_step"]["status"], result["lstm_step"]["points"]) == ("error", 0)
    assert "lstmlab is not available while grading" in result["lstm_step"]["feedback"]


def test_an_answer_runs_as_in_a_notebook_and_may_use_its_own_files_in_its_working_folder(tmp_path):
    """__name__ is '__main__', IPython's magics and shell lines run (or do nothing), and the audit hook refuses what is
    outside the working folder, never the learner's own files inside it."""
    own = ("import os\nassert __name__ == '__main__'\n%time t = 1\n!ls\n"
           "with open('notes.txt', 'w') as f:\n    f.write('4')\n"
           "assert os.listdir('.') == ['notes.txt'] and open(os.path.abspath('notes.txt')).read() == '4'\n")
    result = grade(submission(tmp_path, NB, {"lstm_step": own + STEP}))
    assert (result["lstm_step"]["status"], result["lstm_step"]["points"]) == ("passed", 3), result["lstm_step"]
    assert_others_graded(result)


def test_infinite_loop_times_out_only_that_item(tmp_path):
    hostile = SIG + "    while True:\n        try:\n            pass\n        except BaseException:\n            pass\n"
    result = grade(submission(tmp_path, NB, {"lstm_step": hostile}), timeout=3)
    assert (result["lstm_step"]["status"], result["lstm_step"]["points"]) == ("timeout", 0)
    assert "infinite loop" in result["lstm_step"]["feedback"]
    assert_others_graded(result)


def test_infinite_loop_in_the_answer_cell_itself(tmp_path):
    hostile = "while True:\n    pass\n" + STEP
    result = grade(submission(tmp_path, NB, {"lstm_step": hostile}), timeout=3)
    assert (result["lstm_step"]["status"], result["lstm_step"]["points"]) == ("timeout", 0)
    assert "ran longer than 3 s" in result["lstm_step"]["feedback"], result["lstm_step"]["feedback"]
    assert_others_graded(result)


def test_os_exit_kills_only_that_item(tmp_path):
    hostile = "import os\n" + SIG + "    os._exit(0)\n"
    result = grade(submission(tmp_path, NB, {"lstm_step": hostile}))
    assert (result["lstm_step"]["status"], result["lstm_step"]["points"]) == ("error", 0)
    assert "stopped the grading process" in result["lstm_step"]["feedback"]
    assert_others_graded(result)


def test_os_exit_at_the_top_of_an_answer_cell(tmp_path):
    hostile = "import os\nos._exit(1)\n" + STEP
    result = grade(submission(tmp_path, NB, {"lstm_step": hostile}))
    assert (result["lstm_step"]["status"], result["lstm_step"]["points"]) == ("error", 0)
    assert "stopped the grading process" in result["lstm_step"]["feedback"]
    assert_others_graded(result)


def test_huge_allocation_hits_the_memory_limit(tmp_path):
    hostile = SIG + "    big = np.ones((200_000, 200_000))\n    return big, big\n"
    result = grade(submission(tmp_path, NB, {"lstm_step": hostile}))
    assert (result["lstm_step"]["status"], result["lstm_step"]["points"]) == ("error", 0)
    assert "MemoryError" in result["lstm_step"]["feedback"]
    assert_others_graded(result)


def test_growing_allocation_hits_the_memory_limit(tmp_path):
    hostile = SIG + "    hoard = []\n    while True:\n        hoard.append(np.ones(10_000_000))\n"
    result = grade(submission(tmp_path, NB, {"lstm_step": hostile}), timeout=10)
    assert result["lstm_step"]["points"] == 0
    assert result["lstm_step"]["status"] in ("error", "timeout")
    assert_others_graded(result)


def test_deleted_answer_cell_is_not_attempted(tmp_path):
    def delete(nb):
        nb.cells = [c for c in nb.cells if c.metadata.get("lstmlab", {}).get("exercise") != "split_gates"]
    result = grade(submission(tmp_path, NB, edit=delete))
    assert (result["split_gates"]["status"], result["split_gates"]["points"]) == ("not_attempted", 0)
    assert "not found" in result["split_gates"]["feedback"]
    assert result["lstm_step"]["status"] == "passed"


def test_duplicated_answer_cells_count_once(tmp_path):
    def duplicate(nb):
        k = next(i for i, c in enumerate(nb.cells) if c.metadata.get("lstmlab", {}).get("exercise") == "lstm_step")
        nb.cells.insert(k, nbformat.from_dict(json.loads(json.dumps(nb.cells[k]))))
    out = grade_one(submission(tmp_path, NB, edit=duplicate), seed=2)
    assert out["score"] == 5 and out["max_score"] == 5
    assert [e["id"] for e in out["exercises"]].count("lstm_step") == 1
    assert "2 answer cells carry this id" in by_id(out)["lstm_step"]["feedback"]


def test_an_added_cell_cannot_replace_an_answer(tmp_path):
    def add_cell(nb):  # added cells run (helpers), but the answer graded is the one its answer cell defined
        nb.cells.append(nbformat.v4.new_code_cell(STEP))  # a correct answer, but not in an answer cell
    path = submission(tmp_path, NB, {"lstm_step": SIG + "    raise NotImplementedError\n"}, edit=add_cell)
    assert grade(path)["lstm_step"]["status"] == "not_attempted"


def test_changed_points_metadata_is_ignored(tmp_path):
    def inflate(nb):
        for c in nb.cells:
            if "exercise" in c.metadata.get("lstmlab", {}):
                c.metadata["lstmlab"]["points"] = 100
    out = grade_one(submission(tmp_path, NB, edit=inflate), seed=3)
    assert (out["score"], out["max_score"]) == (5, 5)


def test_unreadable_notebook_is_reported_not_fatal(tmp_path):
    path = tmp_path / "learner" / NB
    path.parent.mkdir()
    path.write_text("{ this is not json")
    out = grade_one(path, timeout=3)
    assert out["score"] == 0 and out["max_score"] == 5
    assert all(e["status"] == "error" and "could not read the notebook" in e["feedback"] for e in out["exercises"])
