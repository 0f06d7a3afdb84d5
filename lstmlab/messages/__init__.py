"""Every sentence a learner reads (checks, the grader's feedback, the explorers), one catalogue per language.
May import: nothing of lstmlab.
"""
# `msg(key, **fields)` gives a message in the language in use. The English catalogue is `messages/en.py`: a dict of message keys to format strings with named
# placeholders (`{name}`, `{shape}`, `{code}`); numbers, shapes and code are placeholders and are
# never translated. Code in checks/, grade/ and explore/ never writes a learner-facing sentence itself: it calls
# `msg("headline.failed", points=0, max_points=3)` and the like (tests/test_messages.py holds it to that).
#
# Language (issue #14): `set_language("zh")` (exported as `lstmlab.set_language`) or the environment
# variable LSTMLAB_LANG (read once, at the first message) picks the catalogue. English is the default;
# Simplified Chinese is `messages/zh.py`, generated from the gettext catalogue locale/zh/messages.po by
# `lstmlab translate build` (issue #26; edit the PO, never zh.py). A translation is a module `messages/<lang>.py`
# with the same keys and placeholders, registered in CATALOGUES below (tests/test_messages_zh.py holds zh to that).
# set_language() refuses an unknown language with a ValueError naming the available ones; an unknown
# LSTMLAB_LANG falls back to English. A key missing from a translation falls back to English at run time,
# so a partial catalogue never breaks a check.
import contextlib
import importlib
import os
import unicodedata

from .en import MESSAGES as ENGLISH

DEFAULT = "en"
CATALOGUES = {"en": "lstmlab.messages.en", "zh": "lstmlab.messages.zh"}
_LOADED = {"en": ENGLISH}
_STATE = {"lang": None}


def language():
    """The language in use: set_language()'s, else LSTMLAB_LANG's if a catalogue exists for it, else English."""
    if _STATE["lang"] is None:
        wanted = os.environ.get("LSTMLAB_LANG", DEFAULT).strip().lower() or DEFAULT
        _STATE["lang"] = wanted if wanted in CATALOGUES else DEFAULT
    return _STATE["lang"]


def set_language(lang):
    """Show checks' messages in `lang` (a key of CATALOGUES: "en" or "zh"). Returns it."""
    lang = str(lang).strip().lower()
    if lang not in CATALOGUES:
        raise ValueError(msg("language.unknown", lang=lang, known=", ".join(sorted(CATALOGUES))))
    _STATE["lang"] = lang
    return lang


@contextlib.contextmanager
def speaking(lang):
    """Messages in `lang` inside the with-block (None: no change), e.g. "en" for a figure whose labels are English."""
    previous = _STATE["lang"]
    if lang is not None:
        _STATE["lang"] = lang if lang in CATALOGUES else DEFAULT
    try:
        yield
    finally:
        _STATE["lang"] = previous


def catalogue(lang=None):
    """{key: format string} for a language (English for a missing one)."""
    lang = lang or language()
    if lang not in _LOADED:
        _LOADED[lang] = importlib.import_module(CATALOGUES[lang]).MESSAGES
    return _LOADED[lang]


def template(key, lang=None):
    """The format string of `key` in `lang` (default: the language in use), else the English one."""
    found = catalogue(lang).get(key)
    return ENGLISH[key] if found is None else found  # a KeyError here is a bug: tests/test_messages.py finds it first


def msg(key, **fields):
    """The message `key` in the current language, its placeholders filled from `fields`."""
    return template(key).format(**fields)


def width(text):
    """The columns `text` takes in a fixed-width font: 2 for a wide (East Asian) character, else 1."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def ljust(text, columns):
    """`text` padded on the right with spaces to `columns` display columns (str.ljust counts wide characters as 1)."""
    return str(text) + " " * max(0, columns - width(text))


def rjust(text, columns):
    """`text` padded on the left with spaces to `columns` display columns."""
    return " " * max(0, columns - width(text)) + str(text)


def columns(rows, right=(), least=()):
    """Rows of cells as lines of a fixed-width table: each column as wide as its widest cell in display columns (and at
    least `least[j]`), two spaces apart, the columns in `right` right-aligned, trailing spaces dropped: [str]."""
    widths = [max(least[j] if j < len(least) else 0, *(width(row[j]) for row in rows)) for j in range(len(rows[0]))]
    return ["  ".join(rjust(cell, w) if j in right else ljust(cell, w) for j, (cell, w) in enumerate(zip(row, widths))).rstrip()
            for row in rows]
