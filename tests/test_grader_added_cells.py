"""What the grader runs is what the learner ran: cells the learner added run (in the sandbox, like answers), the
course's own cells are restored as they were, and a helper from an added cell scores in the grader as it passed
check() in a fresh kernel."""
import nbformat
from nbclient import NotebookClient

from grading_helpers import answer_source, by_id, grade, submission
from lstmlab.grade.plan import added_cells

NB = "01_one_cell.ipynb"
STEP = answer_source(NB, "lstm_step")
HELPER = STEP.replace("def lstm_step(", "def my_step(", 1)  # the learner's own helper, in a cell of their own
USES_HELPER = ("def lstm_step(x, h, c, kernel, recurrent_kernel, bias):\n"
               "    return my_step(x, h, c, kernel, recurrent_kernel, bias)\n")


def _answer_index(nb, item_id):
    return next(k for k, c in enumerate(nb.cells) if c.metadata.get("lstmlab", {}).get("exercise") == item_id)


def _with_helper(source=HELPER):
    def edit(nb):
        nb.cells.insert(_answer_index(nb, "lstm_step"), nbformat.v4.new_code_cell(source))
    return edit


def test_a_helper_in_an_added_cell_passes_check_in_a_fresh_kernel_and_in_the_grader(tmp_path):
    path = submission(tmp_path, NB, {"lstm_step": USES_HELPER}, edit=_with_helper(), source="exercises")
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    check_cell = nb.cells[_answer_index(nb, "lstm_step") + 1]
    shown = "".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for o in check_cell.outputs)
    assert "Passed" in shown, shown
    graded = by_id(grade(path))["lstm_step"]
    assert (graded["status"], graded["points"]) == ("passed", 3), graded["feedback"]


def test_an_added_cell_that_imports_lstmlab_and_calls_check_still_defines_its_helper(tmp_path):
    source = ("from lstmlab import check, use_items\nuse_items('../items/x.py')\ncheck('lstm_step', lambda *a: None)\n"
              + HELPER)
    path = submission(tmp_path, NB, {"lstm_step": USES_HELPER}, edit=_with_helper(source), source="exercises")
    assert by_id(grade(path))["lstm_step"]["status"] == "passed"


def test_the_course_cells_are_restored_and_a_missing_helper_is_not_blamed_on_the_body(tmp_path):
    def sabotage(nb):  # the learner edits the course's own sigmoid cell: the grader runs the pristine one
        next(c for c in nb.cells if c.source.startswith("def sigmoid")).source = "def sigmoid(x):\n    return 0 * x\n"
    path = submission(tmp_path, NB, edit=sabotage)
    assert by_id(grade(path))["lstm_step"]["status"] == "passed"
    path = submission(tmp_path / "b", NB, {"lstm_step": USES_HELPER}, source="exercises")  # no helper cell at all
    entry = by_id(grade(path))["lstm_step"]
    assert entry["status"] == "error" and "my_step" in entry["feedback"]


def test_added_cells_are_found_by_cell_id_or_by_source_and_keep_their_place():
    pristine = nbformat.read(submission.__globals__["ROOT"] / "exercises" / NB, as_version=4)
    learner = nbformat.from_dict(dict(pristine))
    learner.cells = [nbformat.from_dict(dict(c)) for c in pristine.cells]
    learner.cells.insert(2, nbformat.v4.new_code_cell("A = 1"))
    learner.cells.append(nbformat.v4.new_code_cell("B = 2"))
    for cell in learner.cells[:2]:
        cell.pop("id", None)  # an older Jupyter: no cell ids; the course's cells are known by their source
    assert added_cells(learner, pristine) == {("cell", pristine.cells[1].get("id")): ["A = 1"],
                                              ("cell", pristine.cells[-1].get("id")): ["B = 2"]}


def test_large_scratch_cells_never_crowd_out_an_answer(tmp_path):
    from lstmlab.grade.plan import MAX_ANSWER_CHARS, MAX_CELL_CHARS
    first = "x = 1\n" * ((MAX_CELL_CHARS - 200) // 6)  # under the limit of one cell
    second = "y = 2\n" * ((MAX_ANSWER_CHARS - len(HELPER) - len(first) - 20) // 6)  # all of them: just under the total

    def edit(nb):  # the added cells leave less room than the answer needs, were it one budget
        at = _answer_index(nb, "lstm_step")
        nb.cells[at:at] = [nbformat.v4.new_code_cell(s) for s in (HELPER, first, second)]
    path = submission(tmp_path, NB, {"lstm_step": USES_HELPER}, edit=edit, source="exercises")
    assert by_id(grade(path))["lstm_step"]["status"] == "passed"


def test_a_given_helper_is_carried_as_given_and_an_answer_may_call_it(tmp_path):
    """Exercise 02 gives lstm_step in a given cell: the solutions' lstm_layer calls it and scores full marks in the
    grader, also when the learner has broken the given cell (the grader restores it as given)."""
    def sabotage(nb):
        given = next(c for c in nb.cells if c.metadata.get("lstmlab", {}).get("given"))
        given.source = given.source.replace("h = o * np.tanh(c)", "h = o * c")
    path = submission(tmp_path, "02_through_time.ipynb", edit=sabotage)
    graded = by_id(grade(path))
    assert [(graded[i]["status"], graded[i]["points"]) for i in ("lstm_layer", "lstm_layer_initial_state")] == [
        ("passed", 3), ("passed", 2)], graded
