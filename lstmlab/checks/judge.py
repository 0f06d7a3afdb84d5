"""The Verdict of one answer (a status, points and a message in plain words), and judge(): an answer's results on
several cases turned into one Verdict."""
from dataclasses import dataclass, field

from .compare import Mismatch, as_outputs, diagnose, differences, matches, reference_outputs

STATUSES = ("passed", "failed", "error", "timeout", "not_attempted")


@dataclass
class Verdict:
    """status is one of STATUSES; message explains it; mistake names the likely mistake, if any."""

    item_id: str
    status: str
    message: str
    points: int = 0
    max_points: int = 0
    mistake: str = None
    printed: bool = field(default=False, repr=False, compare=False)  # check() already printed the message

    @property
    def passed(self):
        return self.status == "passed"

    def __str__(self):
        return self.message

    def _ipython_display_(self):
        """In a notebook, `check(...)` on a cell's last line shows its message once, not a repr beside it."""
        if not self.printed:
            print(self.message)

    def __repr__(self):
        return f"Verdict({self.item_id!r}, {self.status!r}, {self.points}/{self.max_points})"


def _shape_hint(detail):
    """A hint when the answer crashed on a matrix product: the usual cause is a kernel's layout."""
    if any(word in detail for word in ("matmul", "not aligned", "mismatch in its core dimension", "could not be broadcast")):
        return (" This looks like a shape error inside a matrix product: kernel is (features, 4*units) and "
                "recurrent_kernel is (units, 4*units), so z = x @ kernel + h @ recurrent_kernel + bias. "
                "A transposed kernel (the (4*units, features) layout of other libraries) gives exactly this error.")
    return ""


def _diagnose_before_error(item, cases, results, k):
    """A mistake that reproduces the answers before case k and, like the answer, fails on case k."""
    received = []
    for case, (status, tree, _) in zip(cases[:k], results[:k]):
        try:
            received.append(as_outputs(item, tree, case))
        except Mismatch:
            return None
    if not received:
        return None
    for mistake in item.mistakes:
        try:
            mistake.compute(**cases[k])
        except Exception:
            if matches(item, mistake.compute, received, cases[:k]):
                return mistake
    return None


def judge(item, cases, results, reveal=True):
    """results[k] = (status, tree, detail) for cases[k], status in ok / not_attempted / error / timeout."""
    head, total = f"{item.id}:", item.points
    verdict = lambda status, message, points=0, mistake=None: Verdict(item.id, status, f"{head} {message}", points, total, mistake)
    statuses = [r[0] for r in results]
    if not results or "not_attempted" in statuses:
        return verdict("not_attempted", f"Not attempted: `{item.function}` still raises NotImplementedError. "
                                        "Write its body, then run this cell again.")
    for k, (status, _, detail) in enumerate(results):
        if status == "timeout":
            return verdict("timeout", f"Timed out on case {k + 1}: {detail}")
        if status == "error":
            message = f"Error on case {k + 1} of {len(cases)} ({item.describe_case(cases[k])}): {detail}."
            mistake = _diagnose_before_error(item, cases, results, k)
            if mistake is not None:
                message += f" Likely mistake: {mistake.name}. {mistake.explain}"
            else:
                message += item.hint_on_error(detail) if item.hint_on_error else _shape_hint(detail)
            return verdict("error", message, 0, mistake.name if mistake else None)
    received, problem = [], None
    for k, (case, (_, tree, _)) in enumerate(zip(cases, results)):
        names = item.output_names(case)
        try:
            got = as_outputs(item, tree, case)
        except Mismatch as exc:
            problem = problem or (k, f"Wrong structure: {exc}.", "structure")
            received.append(None)
            continue
        received.append(got)
        expected = reference_outputs(item, case)
        found = differences(item, expected, got, names, reveal)
        if found and item.explain is not None:
            found = (item.explain(expected, got, case, reveal) or found[0], found[1])
        if found and problem is None:
            problem = (k, *found)
    if problem is None:
        return verdict("passed", f"Passed ({total}/{total}). {item.meaning} (checked on {len(cases)} random inputs)", total)
    k, sentence, _ = problem
    message = f"{sentence} In case {k + 1} of {len(cases)} ({item.describe_case(cases[k])})."
    mistake = diagnose(item, received, cases) if all(r is not None for r in received) else None
    if mistake is not None:
        message += f" Likely mistake: {mistake.name}. {mistake.explain}"
    return verdict("failed", message, 0, mistake.name if mistake else None)
