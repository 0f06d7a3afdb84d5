"""The hand-written Chinese 90 (it quotes the seeds verbatim) stays in step with the English 90 (issue #26): the same
question ids, the same link targets (each answer's, and the Chinese twin where one exists), the same decimal numbers in
each answer, and the same code (up to comments and the words of its strings), after a first cell that sets the language."""
import ast
import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
ENGLISH, CHINESE = ROOT / "notebooks" / "90_seed_questions.ipynb", ROOT / "notebooks" / "zh" / "90_seed_questions.ipynb"
ANCHOR = re.compile(r'<a id="([\w-]+)"></a>')
LINK = re.compile(r"\]\(([^)\s]+?)(#[\w-]+)?\)")
SET_LANGUAGE = re.compile(r'^import lstmlab\nlstmlab\.set_language\("zh"\);?\s*(#.*)?$')


def cells(path, kind):
    return [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == kind]


def targets(path, texts=None):
    """Every link target (of texts, else of the whole notebook) as a repository path (+ anchor); a Chinese twin counts
    as its English original."""
    found = set()
    for text in cells(path, "markdown") if texts is None else texts:
        for target, anchor in LINK.findall(text):
            if "://" in target or target.startswith("#"):
                found.add(target + anchor)
                continue
            where = (path.parent / target).resolve().relative_to(ROOT).as_posix()
            found.add(re.sub(r"^(notebooks|exercises)/zh/(?!glossary)", r"\1/", where) + anchor)
    return found


def shape(source):
    """A code cell's syntax tree with comments dropped and every string's words blanked (translated labels may differ)."""
    source = "\n".join("pass" if line.lstrip().startswith(("%", "!")) else line for line in source.split("\n"))
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            node.value = ""
        elif isinstance(node, ast.JoinedStr):
            node.values = [v for v in node.values if not isinstance(v, ast.Constant)]
    return ast.dump(tree, annotate_fields=False)


def test_the_chinese_90_sets_the_language_first():
    first = cells(CHINESE, "code")[0]
    assert SET_LANGUAGE.match(first.strip()), first


def test_the_same_question_ids_in_the_same_order():
    english, chinese = (ANCHOR.findall("\n".join(cells(p, "markdown"))) for p in (ENGLISH, CHINESE))
    assert chinese == english


def test_every_english_link_is_in_the_chinese_90():
    missing = sorted(targets(ENGLISH) - targets(CHINESE))
    assert not missing, f"the Chinese 90 lacks links to {missing}"


def test_the_same_code_cells():
    english, chinese = cells(ENGLISH, "code"), cells(CHINESE, "code")[1:]
    assert len(chinese) == len(english), (len(chinese), len(english))
    for k, (a, b) in enumerate(zip(english, chinese)):
        assert shape(a) == shape(b), f"code cell {k + 1} differs:\n--- English\n{a}\n--- Chinese\n{b}"


DECIMAL = re.compile(r"(?<![\w.])\d+\.\d+(?![\w.])")   # 0.16, 1e-3 no, Q2.14 no, 2.15.0 no
QUOTE = re.compile(r"「[^」]*」")                        # a verbatim seed quote: its numbers are the seed's
NUMBERS_ONLY_IN_ENGLISH = {}                           # id -> numbers the Chinese may leave out (none so far)
NUMBERS_ONLY_IN_CHINESE = {}                           # id -> numbers the Chinese may add outside seed quotes


def answers(path):
    """Each question id's Markdown (from its anchor up to the next anchor)."""
    found, current = {}, "top"
    for text in cells(path, "markdown"):
        pieces = ANCHOR.split(text)
        found[current] = found.get(current, "") + pieces[0]
        for anchor, body in zip(pieces[1::2], pieces[2::2]):
            current = anchor
            found[current] = found.get(current, "") + body
    return found


def test_every_number_of_an_english_answer_is_in_the_chinese_answer():
    english, chinese = answers(ENGLISH), answers(CHINESE)
    drift = {}
    for anchor, text in english.items():
        missing = set(DECIMAL.findall(text)) - set(DECIMAL.findall(chinese.get(anchor, "")))
        missing -= set(NUMBERS_ONLY_IN_ENGLISH.get(anchor, ()))
        if missing:
            drift[anchor] = sorted(missing)
    assert not drift, f"the Chinese 90 lacks the English numbers {drift}"


def test_the_chinese_answers_quote_no_number_the_english_does_not():
    english, chinese = answers(ENGLISH), answers(CHINESE)
    drift = {}
    for anchor, text in chinese.items():
        extra = set(DECIMAL.findall(QUOTE.sub("", text))) - set(DECIMAL.findall(english.get(anchor, "")))
        extra -= set(NUMBERS_ONLY_IN_CHINESE.get(anchor, ()))
        if extra:
            drift[anchor] = sorted(extra)
    assert not drift, f"the Chinese 90 quotes numbers the English does not: {drift}"


def test_links_to_lessons_with_a_chinese_twin_go_to_the_twin():
    english_targets = []
    for text in cells(CHINESE, "markdown"):
        for target, _ in LINK.findall(text):
            if "://" in target or target.startswith("#"):
                continue
            where = (CHINESE.parent / target).resolve().relative_to(ROOT)
            twin = ROOT / where.parent / "zh" / where.name
            if where.parent.name != "zh" and where != ENGLISH.relative_to(ROOT) and twin.exists():
                english_targets.append(target)
    assert not english_targets, f"the Chinese 90 links English lessons that have a Chinese twin: {english_targets}"


def test_every_chinese_answer_has_the_links_of_the_english_answer():
    english, chinese = answers(ENGLISH), answers(CHINESE)
    missing = {anchor: sorted(targets(ENGLISH, [text]) - targets(CHINESE, [chinese.get(anchor, "")]))
               for anchor, text in english.items()}
    missing = {anchor: links for anchor, links in missing.items() if links}
    assert not missing, f"these Chinese answers lack the English answer's links: {missing}"
