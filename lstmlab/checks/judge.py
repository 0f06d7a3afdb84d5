"""Turn an answer's results on several cases into one Verdict: the likely mistake first, then what differs and where.

Top to bottom, one call each: compare.py finds the first difference (type, shape, values); mutants/search.py names
the mistake (a mutant, or two, reproducing the answers, or crashing with the answer's very error), else a type mistake
(a dict for a tuple, a float for an int, ...); describe.py says what differs, where and what kind of wrong, and probes
that switch a term off say which term (check() only), or the line of the answer that raised.
"""
import string
from functools import partial

from .compare import Mismatch, as_outputs, differences, expected_value, reference_outputs
from .describe import describe
from .mutants.search import diagnose, diagnose_error
from .encode import split_detail
from ..messages import catalogue, msg
from .verdict import Verdict

_SHAPE_WORDS = ("matmul", "not aligned", "mismatch in its core dimension", "could not be broadcast",  # not learner-facing
                "cannot reshape", "split does not result", "out of bounds")  # not learner-facing: NumPy's words, matched


def _named(mistake):
    """Verdict fields of a named Mistake (or of none)."""
    if mistake is None:
        return {}
    return dict(mistake=mistake.name, fix=mistake.fix, mistake_key=mistake.key)


def _type_mistake(key, fields):
    """Verdict fields of a type mistake (`dict_for_tuple`, `float_for_int`, ...)."""
    if key is None:
        return {}
    return dict(mistake=msg(f"mistake.{key}"), fix=msg(f"fix.{key}", **fields), mistake_key=key)


def _case(item, cases, k, reveal=False):
    """Verdict fields of the probe case k: which case, its inputs' shapes, and (in the notebook) their values."""
    which = msg("case.which", k=k + 1, n=len(cases), inputs=item.describe_case(cases[k]))
    return dict(case=which, inputs=item.show_inputs(cases[k]) if reveal else None)


def _refused(key, fields):
    """What a refused answer was, from the sandbox's [key, fields] (untrusted): a key the catalogue does not have,
    or fields that would not fill it, read as a malformed result; each field a string of at most 200 characters."""
    template = catalogue("en").get(f"refused.{key}")
    if not isinstance(fields, dict) or template is None:
        return msg("refused.malformed")
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    clean = {name: str(fields.get(name, "?")) if isinstance(fields.get(name), (str, int, float)) else "?"
             for name in names}
    try:
        return msg(f"refused.{key}", **{name: value[:200] for name, value in clean.items()})
    except (KeyError, IndexError, ValueError, AttributeError):  # a template the fields cannot fill after all
        return msg("refused.malformed")


def _error(item, cases, results, k, detail, verdict, reveal):
    """The verdict for an answer that raised (or returned something that is not numbers) on case k."""
    text, line, refused = split_detail(detail)
    if refused is not None:
        key, fields = refused
        received = _refused(key, fields)
        problem = msg("type.wrong_type", expected=expected_value(item, cases[k]), received=received)
        return verdict("failed", problem=problem, **_case(item, cases, k, reveal),
                       **_type_mistake("not_numbers" if key == "not_numbers" else None, {}))
    trees = [tree for _, tree, _ in results[:k]]
    mistake = diagnose_error(item, cases, trees, k, text)
    kind = text.partition(":")[0] or msg("value.an_error")
    where = msg("where.line", line=line[0], code=line[1], function=line[2]) if line and line[1] else (
        msg("where.line_only", line=line[0], function=line[2]) if line else None)
    hint = None
    if mistake is None and any(word in text for word in _SHAPE_WORDS):
        hint = msg("hint.lstm_shapes" if "kernel" in item.args else "hint.shapes")
    return verdict("error", problem=msg("problem.raised", error=kind, k=k + 1, n=len(cases)), where=where, hint=hint,
                   **_case(item, cases, k, reveal), error=text, **_named(mistake))


def _isolated(item, cases, more):
    """Where the answer goes wrong, from probes that switch one term off: `right once the bias is zero`, or None."""
    for step, zero in item.isolate if more is not None else ():
        changed = [zero(case) for case in cases]
        trees = more(changed)
        if trees is not None and all(differences(item, reference_outputs(item, case), as_outputs(item, tree, case),
                                                 item.output_names(case)) is None for case, tree in zip(changed, trees)):
            return msg("where.isolated", step=msg(step))
    return None


def judge(item, cases, results, reveal=True, more=None):
    """results[k] = (status, tree, detail) for cases[k], status in ok / not_attempted / error / timeout.

    more: optional cases -> the answer's trees on them (None if it raised), to tell tied mistakes apart (check()
    has the function; the grader has only the results, and names a tie only when the tied mutants are one function)."""
    verdict = partial(Verdict, item.id, max_points=item.points)
    statuses = [r[0] for r in results]
    if not results or "not_attempted" in statuses:
        # in the notebook its def cell may simply not have been run again; the grader ran every cell
        return verdict("not_attempted", note=msg("note.not_attempted" if reveal else "note.not_attempted_graded",
                                                 function=item.function))
    for k, (status, _, detail) in enumerate(results):
        if status == "timeout":
            return verdict("timeout", problem=msg("problem.timeout", k=k + 1, n=len(cases), detail=detail),
                           **_case(item, cases, k, reveal))
        if status == "error":
            return _error(item, cases, results, k, detail, verdict, reveal)
    trees = [tree for _, tree, _ in results]
    first = None  # (case index, Mismatch or Difference)
    for k, (case, tree) in enumerate(zip(cases, trees)):
        try:
            got = as_outputs(item, tree, case)
        except Mismatch as exc:
            first = (k, exc)
            break
        found = differences(item, reference_outputs(item, case), got, item.output_names(case))
        if found is not None:
            first = (k, found)
            break
    if first is None:
        return verdict("passed", points=item.points, note=msg("note.passed", meaning=item.meaning, n=len(cases)))
    k, found = first
    named = _named(diagnose(item, trees, cases, more))
    if isinstance(found, Mismatch):
        named = named or _type_mistake(found.mistake, found.fields)
        where = msg("where.output", name=found.fields["name"]) if "name" in found.fields else (
            msg("where.layer_only", layer=found.fields["layer"]) if "layer" in found.fields
            else msg("where.returned"))
        return verdict("failed", problem=str(found), where=where, **_case(item, cases, k, reveal), **named)
    explained = None
    if item.explain is not None:  # an item whose answer is not arrays says itself what differs and where
        explained = item.explain(reference_outputs(item, cases[k]), as_outputs(item, trees[k], cases[k]), cases[k], reveal)
    if explained is None:
        explained = describe(item, cases[k], found, reference_outputs(item, cases[k]),
                             as_outputs(item, trees[k], cases[k]), reveal)
    if not named:
        isolated = _isolated(item, cases, more)
        explained = explained[0], msg("join.clauses").join(p for p in (explained[1], isolated) if p)
    problem, where = explained
    return verdict("failed", problem=problem, where=where, **_case(item, cases, k, reveal), **named)
