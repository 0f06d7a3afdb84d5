"""A cell's text cut into translator-sized units (paragraphs, list items, table rows, headings, code comments), and put back."""
import io
import re
import tokenize

ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)])(\s+)")  # a list item's marker
HEADING = re.compile(r"^(#{1,6}\s+)")
FENCE = re.compile(r"^\s*(```|~~~)")
QUOTE = re.compile(r"^>\s?")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")  # |---|---| between a table's header and body


def normal(text):
    """A unit's msgid: its words with runs of white space (line wraps) made one space."""
    return " ".join(text.split())


def _blocks(source):
    """Markdown as [(kind, lines)]: 'fence', 'blank', 'math' stay as they are; 'text' blocks hold prose."""
    blocks, lines, fenced = [], source.split("\n"), None
    for line in lines:
        if fenced is not None:
            fenced.append(line)
            if FENCE.match(line):
                blocks.append(("fence", fenced))
                fenced = None
        elif FENCE.match(line):
            fenced = [line]
        elif not line.strip():
            blocks.append(("blank", [line]))
        elif blocks and blocks[-1][0] == "text" and not _starts_unit(line, blocks[-1][1]):
            blocks[-1][1].append(line)
        else:
            blocks.append(("text", [line]))
    if fenced is not None:
        blocks.append(("fence", fenced))
    return [("math" if kind == "text" and lines[0].lstrip().startswith("$$") else kind, lines) for kind, lines in blocks]


def _starts_unit(line, previous):
    """Does this line open a new unit after the lines of the current text block?"""
    first = previous[0]
    return bool(HEADING.match(line) or HEADING.match(first) or ITEM.match(line) or line.lstrip().startswith("|")
                or first.lstrip().startswith("|") or bool(QUOTE.match(line)) != bool(QUOTE.match(first))
                or line.lstrip().startswith("$$"))


def _prefix(lines):
    """(prefix of the first line, prefix of the others, text): a heading's #, a list item's marker, a quote's >."""
    first = lines[0]
    if first.lstrip().startswith("|"):
        return "", "", "\n".join(lines)
    if QUOTE.match(first):
        return "> ", "> ", "\n".join(QUOTE.sub("", line, count=1) for line in lines)
    for pattern in (HEADING, ITEM):
        found = pattern.match(first)
        if found:
            head = found.group(0)
            return head, " " * len(head), "\n".join([first[len(head):]] + [line.strip() for line in lines[1:]])
    return "", "", "\n".join(lines)


def markdown_units(source):
    """The msgids of one Markdown cell, in order (table rule lines, code blocks and display math are not text)."""
    return [normal(text) for kind, prefix, rest, text in _parts(source) if kind == "text" and normal(text)]


def _parts(source):
    parts = []
    for kind, lines in _blocks(source):
        if kind == "text" and not TABLE_RULE.match(lines[0]):
            parts.append(("text", *_prefix(lines)))
        else:
            parts.append(("keep", "", "", "\n".join(lines)))
    return parts


def translate_markdown(source, lookup):
    """One Markdown cell with each unit replaced by lookup(msgid) (None keeps the English); the layout kept."""
    out = []
    for kind, prefix, rest, text in _parts(source):
        said = lookup(normal(text)) if kind == "text" and normal(text) else None
        if said is None:
            said, prefix, rest = text, prefix, rest
        out.append(prefix + ("\n" + rest).join(said.split("\n")) if kind == "text" else text)
    return "\n".join(out)


def _comments(source):
    """[(row, col, comment text)] of a code cell; IPython's %magic and !shell lines are skipped."""
    masked = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.split("\n"))
    found = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(masked).readline):
            if token.type == tokenize.COMMENT and not token.string.startswith("#!"):
                found.append((token.start[0] - 1, token.start[1], token.string))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass  # a cell that is not Python: its comments stay as they are
    return found


def comment_units(source):
    """The msgids of one code cell: each comment's words after the '#'."""
    return [normal(text.lstrip("#")) for _, _, text in _comments(source) if normal(text.lstrip("#"))]


def translate_code(source, lookup):
    """One code cell with each comment's words replaced by lookup(msgid) (None keeps the English); code untouched."""
    lines = source.split("\n")
    for row, col, text in reversed(_comments(source)):
        words = normal(text.lstrip("#"))
        said = lookup(words) if words else None
        if said is not None:
            lines[row] = lines[row][:col] + "# " + " ".join(said.split()) + lines[row][col + len(text):]
    return "\n".join(lines)
