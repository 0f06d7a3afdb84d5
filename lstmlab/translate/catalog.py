"""The gettext catalogue (PO) of one notebook, read and written with Babel: a template from the English, and its update."""
import datetime
from pathlib import Path

from .units import comment_units, markdown_units

HEADER = "lstmlab course"
COMMENT = ("# The text of {name}.ipynb, one unit (paragraph, list item, table row, heading, code comment) an entry.\n"
           "# Refresh with `lstmlab translate update`; build the notebook with `lstmlab translate build`.")
EPOCH = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)  # no dates: diffs stay clean


def release_text(cell):
    """The Markdown a release shows in this cell's place ({"lstmlab": {"release": TEXT}}, see exercises/release.py),
    or "" when it has none (or leaves the cell out)."""
    meta = cell.get("metadata", {}).get("lstmlab", {})
    text = meta.get("release") if isinstance(meta, dict) else None
    return text if isinstance(text, str) else ""


def cell_units(cell):
    """The msgids of one cell: Markdown units (with those of its release text), or a code cell's comments (outputs
    are never text to translate)."""
    if cell.cell_type == "markdown":
        return markdown_units(cell.source) + markdown_units(release_text(cell))
    if cell.cell_type == "code":
        return comment_units(cell.source)
    return []


def template(nb, name, language):
    """A Babel Catalog holding every unit of an English notebook, located by cell id (`#: <stem>:<cell id>`)."""
    from babel.messages.catalog import Catalog
    catalog = Catalog(locale=language, project=HEADER, domain=name, fuzzy=False, header_comment=COMMENT.format(name=name),
                      msgid_bugs_address="the lstmlab issue tracker", last_translator="the lstmlab course",
                      language_team=language, creation_date=EPOCH, revision_date=EPOCH)
    for k, cell in enumerate(nb.cells):
        for msgid in cell_units(cell):
            where = (f"{name}.ipynb", k + 1)  # the cell's number, from 1
            if msgid in catalog:
                catalog[msgid].locations.append(where)
            else:
                catalog.add(msgid, locations=[where], auto_comments=[f"cell {cell.get('id', k)} ({cell.cell_type})"])
    return catalog


def read(path, language):
    """A catalogue from its PO file."""
    from babel.messages.pofile import read_po
    with open(path, "rb") as f:
        return read_po(f, locale=language)


def write(catalog, path):
    """A catalogue to its PO file (previous msgids kept on fuzzy entries, for the translator; no line wrapping; no
    "python-format" flag: Babel guesses it from a "%" in the text, and no catalogue here holds %-format strings)."""
    from babel.messages.pofile import write_po
    for entry in catalog:
        entry.flags.discard("python-format")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        write_po(f, catalog, width=0, include_previous=True, omit_header=False, sort_output=False)


def update(catalog, fresh):
    """Bring a catalogue up to the English (`fresh`, a template): new units empty, changed ones fuzzy, translations kept."""
    catalog.update(fresh, no_fuzzy_matching=False, update_header_comment=False, keep_user_comments=True,
                   update_creation_date=False)
    catalog.obsolete.clear()  # a unit the English no longer has: its translation goes (git keeps it)
    return catalog


def problems(catalog, fresh):
    """What a catalogue lacks for the English: ['fuzzy: ...', 'missing: ...'], empty when every unit is translated."""
    found = []
    for message in fresh:
        if not message.id:
            continue
        have = catalog.get(message.id)
        short = message.id if len(message.id) <= 70 else message.id[:67] + "..."
        if have is None or not have.string:
            found.append(f"missing: {short!r}")
        elif have.fuzzy:
            found.append(f"fuzzy: {short!r}")
    return found


def lookup(catalog):
    """msgid -> its translation, or None (untranslated or fuzzy: the English stays)."""
    def said(msgid):
        message = catalog.get(msgid)
        return message.string if message is not None and message.string and not message.fuzzy else None
    return said
