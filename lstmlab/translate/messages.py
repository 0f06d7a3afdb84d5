"""The feedback catalogue as gettext: locale/<lang>/messages.po (English text as msgid, message key as msgctxt) is the
source of lstmlab/messages/<lang>.py, which `lstmlab translate build` generates so the runtime needs no Babel."""
import ast
import json
import re
from pathlib import Path

from .catalog import EPOCH, HEADER, read, write

ENGLISH = "lstmlab/messages/en.py"
PO = "locale/{language}/messages.po"
MODULE = "lstmlab/messages/{language}.py"
BRACES = re.compile(r"\{[A-Za-z_][^{}]*\}")  # a str.format placeholder: {name}, {shape!r}, {n:,}
COMMENT = ("# The messages of lstmlab (check(), the grader, the explorers, the explainer): msgid is the English text,\n"
           "# msgctxt the message's key. Placeholders in braces ({{name}}, {{shape!r}}) and `code` stay exactly as they are.\n"
           "# Refresh with `lstmlab translate update`; write lstmlab/messages/{language}.py with `lstmlab translate build`.")
NOTES = {"zh": (
    "# 术语（与 d2l-zh 和术语表一致）：unit = 隐藏单元（`units` = 隐藏单元数，简称单元数 = 隐状态 h 的长度），cell 不翻译\n"
    "# （Keras 里一个时间步的计算），不单用“单元”，不写“细胞”；隐状态 h、记忆元 c；权重的四块说成“三个门（输入门 i、\n"
    "# 遗忘门 f、输出门 o）加候选记忆元 c̃”（GRU 的候选是候选隐状态），不说“四个门”或“门块”；种子文档写 seed 001；\n"
    "# 时间步 t 从 1 数起，数组下标写“下标”；notebook 一律写“笔记本”。占位符前后与汉字之间留一个\n"
    "# 空格（“实际是 {received}”）；并列项、分句、标签与内容之间的标点来自 join.* 这几个键（顿号、分号、全角冒号）。")}
SAYS = {"zh": "Simplified Chinese"}
EMPTY = "empty-translation"  # gettext has no empty translation: this flag says msgstr "" is meant (zh: no space after 。)


def paths(root, language):
    """(the English module, the catalogue, the generated module) of one clone."""
    root = Path(root)
    return root / ENGLISH, root / PO.format(language=language), root / MODULE.format(language=language)


def table(path):
    """The MESSAGES dict of a messages module, read from its source (never imported: any clone's file will do)."""
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "MESSAGES" for t in node.targets):
            return ast.literal_eval(node.value)
    raise ValueError(f"expected `MESSAGES = {{...}}` in {path}, received a module without it")


def notes(path):
    """{key: the comments around its line in the English module} (the group it is in, what it is for): for translators."""
    import io
    import tokenize
    source = Path(path).read_text(encoding="utf-8")
    comments = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            comments[token.start[0]] = token.string.lstrip("#").strip(" -")
    node = next(n.value for n in ast.parse(source).body if isinstance(n, ast.Assign) and isinstance(n.value, ast.Dict))
    found, after = {}, node.lineno
    for key, value in zip(node.keys, node.values):
        lines = range(after + 1, value.end_lineno + 1)
        found[ast.literal_eval(key)] = [comments[n] for n in lines if comments.get(n)]
        after = value.end_lineno
    return found


def _entry(catalog, key, english, string="", fuzzy=False, previous=(), flags=(), comments=(), notes=()):
    """Add one message: the key as context, brace placeholders flagged for the translator's tool."""
    flags = {f for f in flags if f not in ("python-format", "fuzzy", "python-brace-format", EMPTY)} | (
        {EMPTY} if EMPTY in flags and not string else set())
    flags |= {"python-brace-format"} if BRACES.search(english) else set()
    flags |= {"fuzzy"} if fuzzy else set()
    catalog.add(english, string, context=key, flags=flags, previous_id=list(previous) if fuzzy else [],
                user_comments=list(comments), auto_comments=list(notes))
    catalog.get(english, context=key).flags.discard("python-format")  # Babel guesses it from "50% of": no %-format here


def empty(language, name="messages"):
    """A catalogue with the course's header and no entries."""
    from babel.messages.catalog import Catalog
    return Catalog(locale=language, project=HEADER, domain=name, fuzzy=False,
                   header_comment=COMMENT.format(language=language) + ("\n" + NOTES[language] if language in NOTES else ""),
                   msgid_bugs_address="the lstmlab issue tracker", last_translator="the lstmlab course",
                   language_team=language, creation_date=EPOCH, revision_date=EPOCH)


def update(old, english, language, said=None):
    """The catalogue for the English table: a new key empty, an entry whose English changed fuzzy (its old English kept
    as the previous msgid), every other translation kept; a key English no longer has is dropped (git keeps it)."""
    said = said or {}  # key -> notes for the translator (notes() of the English module)
    have = {m.context: m for m in (old or []) if m.id}
    new = empty(language)
    if old is not None:
        new.header_comment = old.header_comment
    for key, text in english.items():
        before = have.get(key)
        if before is None:
            _entry(new, key, text, notes=said.get(key, ()))
        elif before.id == text:
            _entry(new, key, text, before.string, before.fuzzy, before.previous_id, before.flags, before.user_comments,
                   said.get(key, ()))
        else:
            previous = before.previous_id if before.fuzzy and before.previous_id else [before.id]  # the English translated
            _entry(new, key, text, before.string, bool(before.string), previous, before.flags, before.user_comments,
                   said.get(key, ()))
    return new


def merge_module(catalog, english, translated, language, said=None):
    """One-time migration (and its repeat after merging branches): a hand-written messages/<lang>.py brought into the
    catalogue. A key the module translates takes the module's text (a hand edit wins); every other entry is kept as
    update() leaves it. Running it again changes nothing."""
    catalog = update(catalog, english, language, said)
    for key, text in english.items():
        said = translated.get(key)
        entry = catalog.get(text, context=key)
        if said is not None and (said != entry.string or entry.fuzzy or (not said and EMPTY not in entry.flags)):
            entry.string = said
            entry.flags.discard("fuzzy")
            entry.flags |= set() if said else {EMPTY}
            entry.previous_id = []
    return catalog


def translation(entry):
    """An entry's translation, or None (missing or fuzzy: the English shows)."""
    if entry is None or entry.fuzzy or not (entry.string or EMPTY in entry.flags):
        return None
    return entry.string


def problems(catalog, english):
    """What the catalogue lacks for the English table: ['fuzzy: key', 'missing: key'], empty when all is translated."""
    found = []
    for key, text in english.items():
        entry = catalog.get(text, context=key)
        if entry is None or not (entry.string or EMPTY in entry.flags):
            found.append(f"missing: {key}")
        elif entry.fuzzy:
            found.append(f"fuzzy: {key}")
    return found


def module_source(catalog, english, language):
    """The generated lstmlab/messages/<lang>.py: every translated, non-fuzzy entry, in the English table's order (a key
    left out falls back to English at run time)."""
    lines = [f'"""The {SAYS.get(language, language)} messages of lstmlab ({language}): GENERATED by `lstmlab translate '
             f'build` from {PO.format(language=language)}.', "",
             f"Do not edit this file: translate in {PO.format(language=language)} (Poedit or any PO editor; msgid is the",
             "English text, msgctxt the key), then run `lstmlab translate build`; `lstmlab translate check` fails while",
             "this file is stale. An untranslated or fuzzy entry is left out here, so its English shows.", '"""', "",
             "MESSAGES = {"]
    for key, text in english.items():
        said = translation(catalog.get(text, context=key))
        if said is not None:
            lines.append(f"    {json.dumps(key)}: {json.dumps(said, ensure_ascii=False)},")
    return "\n".join(lines + ["}", ""])


def refresh(root, language, from_module=False):
    """`translate update` for the feedback catalogue (from_module: `translate messages-from-py`); True if it changed."""
    english_path, po, module = paths(root, language)
    english = table(english_path)
    old = read(po, language) if po.exists() else None
    said = notes(english_path)
    new = merge_module(old, english, table(module), language, said) if from_module else update(old, english, language, said)
    before = po.read_bytes() if po.exists() else None
    write(new, po)
    return po.read_bytes() != before


def build(root, language):
    """`translate build`: write the generated module from the catalogue; True if it changed."""
    english_path, po, module = paths(root, language)
    text = module_source(read(po, language), table(english_path), language)
    if module.exists() and module.read_text(encoding="utf-8") == text:
        return False
    module.write_text(text, encoding="utf-8")
    return True


def check(root, language):
    """`translate check`: ['<po>: fuzzy: key', '<module>: stale', ...], empty when the catalogue and module are current."""
    english_path, po, module = paths(root, language)
    english, catalog = table(english_path), read(po, language)
    found = [f"{po.relative_to(root)}: {line}" for line in problems(catalog, english)]
    if not module.exists() or module.read_text(encoding="utf-8") != module_source(catalog, english, language):
        found.append(f"{module.relative_to(root)}: stale (run `lstmlab translate build`)")
    return found
