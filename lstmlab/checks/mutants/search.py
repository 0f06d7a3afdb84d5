"""Name the likely mistake: a search over the item's mutants (its reference with one mistake, then two) on the probes.

The error model (after Singh, Gulwani and Solar-Lezama, PLDI 2013): an item's mistakes are atomic changes of its
reference's steps. A mutant whose outputs match the learner's on every probe names the mistake; two at once are
named as two. A name is given only when one explanation fits: mutants that tie are told apart on a second probe set
(with the learner's answers on it, where check() can ask for them), else the simpler explanation is taken only when
the tied mutants agree there too (the same function); otherwise no name, never a guess. Mutants' outputs are cached
per probe, so a failed check answers fast; a passing check never comes here.
"""
import hashlib
import re
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from . import answer, generic
from ..compare import differences, wrong_numbers
from ..encode import flatten, unflatten
from ...messages import msg

SECOND_SEED = 7919  # the second probe set's seed, for ties
_CACHE = {}  # (item id, mutant key, probe fingerprint) -> (ok, tree or error text)
_CACHE_LIMIT = 50_000


@dataclass(frozen=True)
class Pair:
    """Two mistakes at once, on different steps: named as two, each with its fix."""

    first: object
    second: object
    compute: object

    @property
    def key(self):
        return f"{self.first.key}+{self.second.key}"

    @property
    def name(self):
        return msg("mistake.two", first=self.first.name, second=self.second.name)

    @property
    def fix(self):
        return msg("fix.two", first=self.first.fix, second=self.second.fix)


_GENERIC = {}  # item id -> the generic mistakes of its declared steps


def _generic(item):
    if item.steps is None:
        return ()
    if item.id not in _GENERIC:
        _GENERIC[item.id] = generic.mistakes(item)
    return _GENERIC[item.id]


_ANSWER = {}  # item id -> the mutations of its answer (outputs swapped, an array transposed, ...)


def _answer(item):
    if item.id not in _ANSWER:
        _ANSWER[item.id] = answer.mistakes(item)
    return _ANSWER[item.id]


def singles(item):
    """The item's single mistakes that can be computed, in the item's order (hand-written first), then the generic
    mutations of its declared steps, then those of its answer."""
    return [m for m in (*item.mistakes, *_generic(item), *_answer(item)) if m.compute is not None or m.fits is not None]


def pairs(item):
    """Every two composable mistakes on different steps, as Pair mutants: two of the item's own (with `compose`), or
    two generic mutations of its declared steps."""
    own = [m for m in item.mistakes if m.variant is not None and not m.alone] if item.compose else []
    found = []
    for group, run in ((own, lambda v, case: item.compose(v, **case)), (_generic(item), lambda v, case: generic.run(item, v, case))):
        found += [Pair(a, b, _composed(run, (a.variant, b.variant))) for a, b in combinations(group, 2)
                  if a.variant != b.variant and (a.step is None or a.step != b.step)]
    return found


def _composed(run, variants):
    return lambda **case: run(variants, case)


def fingerprint(case):
    """A short digest of a probe's inputs (arrays by bytes and shape, the rest by repr): the cache's key."""
    digest = hashlib.blake2b(digest_size=12)
    for name in sorted(case):
        digest.update(name.encode())
        _feed(digest, case[name])
    return digest.hexdigest()


def _feed(digest, value):
    if isinstance(value, np.ndarray):
        digest.update(str((value.dtype, value.shape)).encode())
        digest.update(np.ascontiguousarray(value).tobytes())
    elif isinstance(value, (list, tuple)):
        digest.update(b"[")
        for part in value:
            _feed(digest, part)
        digest.update(b"]")
    else:
        digest.update(repr(value).encode())


def _tree(value):
    """A value as the learner's answer arrives: lists, dicts, None and plain arrays (through the encoder)."""
    arrays = {}
    return unflatten(flatten(value, arrays), arrays)


def mutant_output(item, mutant, case, probe=None):
    """(True, the mutant's answer tree) or (False, its error as `Type: message`), cached per probe."""
    who = (id(mutant.first), id(mutant.second)) if isinstance(mutant, Pair) else id(mutant)  # items live as long as we do
    key = (item.id, who, probe or fingerprint(case))
    if key not in _CACHE:
        if len(_CACHE) > _CACHE_LIMIT:
            _CACHE.clear()
        try:
            with np.errstate(all="ignore"):
                _CACHE[key] = (True, _tree(mutant.compute(**case)))
        except Exception as exc:  # a mutant may crash where the learner's answer crashes too
            _CACHE[key] = (False, f"{type(exc).__name__}: {exc}")
    return _CACHE[key]


def same_tree(item, a, b):
    """True if two answer trees have the same structure and (close) numbers."""
    if isinstance(a, list) or isinstance(b, list):
        return isinstance(a, list) and isinstance(b, list) and len(a) == len(b) and all(
            same_tree(item, x, y) for x, y in zip(a, b))
    if isinstance(a, dict) or isinstance(b, dict):
        return isinstance(a, dict) and isinstance(b, dict) and set(a) == set(b) and all(
            same_tree(item, a[k], b[k]) for k in a)
    if a is None or b is None:
        return a is None and b is None
    if a.shape != b.shape:
        return False
    return not np.any(wrong_numbers(item, b.astype(np.float64), a.astype(np.float64)))  # check()'s own comparison


def _matches(item, mine, tree, case):
    """True if a mutant's tree gives the learner's tree (for items with `normalize`: after normalizing)."""
    if item.normalize is None:
        return same_tree(item, mine, tree)
    try:
        got = item.normalize(tree, case)
    except Exception:
        return False
    return differences(item, [np.asarray(mine, dtype=np.float64)], got, item.output_names(case)) is None


def _size(case):
    """How many numbers a probe's inputs hold (the search tries the smallest probe first: cheapest to reject)."""
    return sum(np.size(v) if isinstance(v, np.ndarray) else _size(dict(enumerate(v))) if isinstance(v, (list, tuple))
               else 1 for v in case.values())


def reproduces(item, mutant, trees, cases, probes=None):
    """True if the mutant gives each learner answer tree, smallest probe first (stops at the first that differs)."""
    if getattr(mutant, "fits", None) is not None:  # a mistake known by a property of the answer, not by its numbers
        return all(_holds(mutant.fits, tree, case) for tree, case in zip(trees, cases))
    order = sorted(range(len(trees)), key=lambda k: _size(cases[k]))
    for k in order:
        case, tree = cases[k], trees[k]
        ok, mine = mutant_output(item, mutant, case, probes[k] if probes else None)
        if not ok or not _matches(item, mine, tree, case):
            return False
    return True


def _holds(fits, tree, case):
    try:
        return bool(fits(tree, case))
    except Exception:
        return False


def signature(tree):
    """An answer tree's structure and shapes, without its numbers."""
    if isinstance(tree, (list, tuple)):
        return ("list", tuple(signature(part) for part in tree))
    if isinstance(tree, dict):
        return ("dict", tuple((key, signature(tree[key])) for key in sorted(tree)))
    return None if tree is None else np.shape(tree)


def _fits(item, trees, cases):
    """The single mutants that reproduce every answer, else the pairs that do. Mistakes that keep the answer's shape
    keep it together: when the answer's shape is not the reference's, only pairs with a shape-changing member are
    tried."""
    probes = [fingerprint(case) for case in cases]
    found = [m for m in singles(item) if reproduces(item, m, trees, cases, probes)]
    if found or not trees:
        return found
    k = min(range(len(trees)), key=lambda j: _size(cases[j]))
    wanted = signature(trees[k])
    if wanted == signature(_tree(item.reference(**cases[k]))):
        candidates = pairs(item)
    else:
        shaped = {id(m) for m in singles(item) if m.compute is not None and _changes_shape(item, m, cases[k], probes[k])}
        candidates = [p for p in pairs(item) if id(p.first) in shaped or id(p.second) in shaped]
    return [p for p in candidates if reproduces(item, p, trees, cases, probes)]


def _changes_shape(item, mutant, case, probe):
    ok, tree = mutant_output(item, mutant, case, probe)
    return not ok or signature(tree) != signature(_tree(item.reference(**case)))


def _one(item, fits, more):
    """The one explanation among tied mutants, told apart on a second probe set; or None."""
    if len(fits) <= 1:
        return fits[0] if fits else None
    cases = item.make_cases(SECOND_SEED)
    if more is not None:  # the learner's answers on the second probe set: keep the mutants that give them
        trees = more(cases)
        if trees is not None:
            fits = [m for m in fits if reproduces(item, m, trees, cases)] or fits
    computed = [m for m in fits if getattr(m, "fits", None) is None]
    if len(computed) < len(fits):  # a mutant that gives the very numbers says more than a property of them
        return _one(item, computed, more) if computed else None
    first = fits[0]
    outputs = [mutant_output(item, first, case) for case in cases]
    same = all(all(ok == ok2 and (not ok or _matches(item, out2, out, case))
                   for (ok, out), (ok2, out2), case in zip(outputs, [mutant_output(item, m, c) for c in cases], cases))
               for m in fits[1:])
    return first if same else None  # the simpler explanation (first in the item's order) only if all are one function


def diagnose(item, trees, cases, more=None):
    """The one mistake (or Pair of mistakes) whose mutant reproduces every answer, or None.

    more: optional function cases -> the learner's answer trees on those cases (None if it cannot say), for ties."""
    return _one(item, _fits(item, trees, cases), more)


_SIZES = (  # NumPy's own words, matched in its errors
    re.compile(r"size (\d+) is different from (\d+)"),  # matmul  # not learner-facing
    re.compile(r"not aligned: (\d+) \(dim \d+\) != (\d+) \(dim \d+\)"),  # np.dot
    re.compile(r"cannot reshape array of size (\d+)"),  # reshape  # not learner-facing
)
_SHAPES = re.compile(r"\(([\d,\s]*)\)")


def error_signature(text):
    """What identifies an error across ways of writing the same mistake: the exception's type and the sizes that
    clash (`x @ kernel.T` and `np.dot(x, kernel.T)` word it differently, with the same two sizes)."""
    kind, _, message = text.partition(":")
    for pattern in _SIZES:
        found = pattern.search(message)
        if found:
            return kind, frozenset(int(v) for v in found.groups())
    if "broadcast" in message:
        return kind, frozenset(tuple(int(v) for v in s.replace(" ", "").split(",") if v) for s in _SHAPES.findall(message))
    return kind, message.strip()


def diagnose_error(item, cases, trees, k, error_text):
    """A single mistake that reproduces the answers before case k and crashes on case k with the answer's error;
    else the one mistake that reproduces them, already wrong numbers among them, and crashes on case k at all."""
    wanted = error_signature(error_text)
    probes = [fingerprint(case) for case in cases[:k + 1]]
    crashing = []
    for mistake in singles(item):
        if mistake.compute is None:
            continue
        ok, text = mutant_output(item, mistake, cases[k], probes[k])
        if ok or (trees and not reproduces(item, mistake, trees, cases[:k], probes)):
            continue
        if error_signature(text) == wanted:
            return mistake
        crashing.append(mistake)
    wrong_before = any(not _matches(item, _tree(item.reference(**case)), tree, case) for case, tree in zip(cases, trees))
    return crashing[0] if len(crashing) == 1 and wrong_before else None
