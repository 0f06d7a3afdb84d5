"""How much of the learner-facing prose of each Chinese twin is Chinese (issue 26: target at least 95% in all).

Usage: .venv/bin/python bench/zh_share.py [--top 25] [--calibrate] [NOTEBOOK ...]
Reads every notebooks/zh/*.ipynb and exercises/zh/*.ipynb (or the notebooks named) and measures three kinds of
text a learner reads: Markdown cells, the comments in code cells, and the text outputs (stream, text/html with
its tags removed, text/markdown, else text/plain; images are not read, nor a text/plain beside an image or a
widget, which is only its repr; Keras's progress lines are library output and are dropped).

The rule. First remove what is not prose in any language: fenced code, `code spans`, $math$, URLs and link
targets, HTML tags and entities, identifiers (a word with `_`, a dot or a digit inside, camelCase, a name followed
by `(` or `=`) and numbers. Then count Chinese as its CJK ideographs (U+3400-9FFF, U+F900-FAFF) and English as
Latin words of two letters or more that stand in a run of at least three such words with no CJK character
between them on one line (so "LSTM", "cell", "return_sequences", "Keras 3" inside a Chinese sentence are terms
and not English prose, while "the forecast beats the naive baseline" is English). A Latin word is worth
WORD_IN_CJK ideographs, the ratio of the course's own translation (`--calibrate` measures it again: CJK
ideographs of the Chinese feedback catalogue over Latin words of the English one). A notebook's share is
CJK / (CJK + WORD_IN_CJK * English words); "in all" sums the counts over every twin. Keras's and TensorFlow's own
messages that a lesson quotes verbatim (its warnings and errors, found by the phrases in KERAS) are not lstmlab's
prose to translate: their words are counted apart (column Keras) and the share counting them too is printed last.
It then lists the English runs still shown, the most ideograph-equivalents first, with where they occur.
"""
import argparse
import io
import json
import re
import sys
import tokenize
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORD_IN_CJK = 1.6  # `--calibrate`: 1.6 (the feedback catalogue, en.py vs zh.py, December 2026)
MIN_RUN = 3

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
STRIP = [
    re.compile(r"```.*?```", re.S),  # fenced code
    re.compile(r"`[^`\n]*`"),  # code spans
    re.compile(r"\$\$.*?\$\$", re.S),  # display math
    re.compile(r"\$[^$\n]*\$"),  # inline math
    re.compile(r"\]\([^)\s]*\)"),  # link targets
    re.compile(r"(?:https?|file)://\S+|www\.\S+"),  # URLs
    re.compile(r"<[^>\n]*>"),  # HTML tags
    re.compile(r"&[a-z]+;|&#\d+;"),  # entities
    re.compile(r"[A-Za-z_][\w.]*\s*[(=]"),  # calls and keyword arguments
    re.compile(r"\b\w*(?:_|\d|[a-z][A-Z])\w*\b"),  # identifiers with _, digits or camelCase
    re.compile(r"\b\w+(?:\.\w+)+\b"),  # dotted names, file names, versions
    re.compile(r"\((?:\s*[\w.]+\s*,)+\s*[\w.]*\s*\)"),  # tuples of names or numbers: (batch, timesteps, features)
]
# Keras's and TensorFlow's own messages, which a lesson quotes verbatim (a learner meets them in English in their own
# Keras and searches for them as they are), Keras 2's included: from the phrase to the next CJK character or the end of
# its line. Counted apart, not in the share.
KERAS = re.compile("|".join([
    r"Do not pass an `input_shape`", r"When using Sequential models, prefer", r"Input \d+ with name '",
    r"Input with name '", r"Full shape received", r"Unrecognized keyword arguments passed to",
    r"Invalid input shape for input", r"Incompatible shapes: \[", r"expected to have \d+ dimensions",
    r"If an RNN is stateful, the batch size", r"Expected batch size:", r"object has no attribute '",
    r"You tried to call `\w+` on layer", r"You can build it manually", r"expected \w+ to have \d+ dimensions",
]))
LATIN_WORD = re.compile(r"[A-Za-z]{2,}(?:'[a-z]+)?")
RUN = re.compile(r"[A-Za-z][A-Za-z' ,;:!?()\-/\"]*[A-Za-z]")  # Latin words and ASCII punctuation, no CJK
PROGRESS = re.compile(r"━|\d+/\d+ .*step|^Epoch \d+/\d+")


def prose(text):
    """`text` without code, math, URLs, tags, identifiers and numbers."""
    for pattern in STRIP:
        text = pattern.sub(" ", text)
    return text


def split_keras(text):
    """(text without Keras's verbatim messages, those messages): each from its phrase to the next CJK character or the
    end of its line."""
    kept, quoted = [], []
    for line in text.splitlines():
        found = KERAS.search(line)
        if not found:
            kept.append(line)
            continue
        after = CJK.search(line, found.end())
        end = after.start() if after else len(line)
        kept.append(line[: found.start()] + " " + line[end:])
        quoted.append(line[found.start(): end])
    return "\n".join(kept), "\n".join(quoted)


def english_runs(text):
    """The runs of at least MIN_RUN Latin words on one line with no CJK between them: [(run, words)]."""
    runs = []
    for line in text.splitlines():
        for match in RUN.finditer(line):
            words = LATIN_WORD.findall(match.group())
            if len(words) >= MIN_RUN:
                runs.append((" ".join(match.group().split()), len(words)))
    return runs


def comments(source):
    """The comments of a code cell (IPython magics and shell lines blanked first)."""
    lines = ["" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()]
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO("\n".join(lines) + "\n").readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return "\n".join(line.split("#", 1)[1] for line in lines if "#" in line)
    return "\n".join(tok.string.lstrip("#") for tok in tokens if tok.type == tokenize.COMMENT)


def output_text(output):
    """The text a learner reads in one output ('' for images and widgets)."""
    if output["output_type"] == "stream":
        text = "".join(output.get("text", ""))
        return "\n".join(line for line in text.splitlines() if not PROGRESS.search(line))
    if output["output_type"] == "error":
        return str(output.get("evalue", ""))
    data = output.get("data", {})
    for mime in ("text/html", "text/markdown"):
        if mime in data:
            return "".join(data[mime])
    if any(m.startswith("image/") or "widget" in m for m in data):
        return ""
    return "".join(data.get("text/plain", ""))


def texts(path):
    """Every piece of learner-facing text of a notebook: [(kind, text)]."""
    found = []
    for cell in json.loads(Path(path).read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            found.append(("markdown", source))
        elif cell["cell_type"] == "code":
            found.append(("comment", comments(source)))
            found += [("output", output_text(o)) for o in cell.get("outputs", [])]
    return found


def measure(path):
    """{kind: [cjk, english words]} for one notebook (kind "keras": Keras's quoted messages), and its English runs."""
    counts, runs = defaultdict(lambda: [0, 0]), []
    for kind, text in texts(path):
        text, quoted = split_keras(text)
        counts["keras"][1] += sum(n for _, n in english_runs(prose(quoted)))
        clean = prose(text)
        found = english_runs(clean)
        counts[kind][0] += len(CJK.findall(clean))
        counts[kind][1] += sum(n for _, n in found)
        runs += found
    return counts, runs


def share(cjk, words):
    total = cjk + WORD_IN_CJK * words
    return 1.0 if total == 0 else cjk / total


def calibrate():
    """CJK ideographs of the Chinese feedback catalogue over Latin words of the English one (same keys)."""
    sys.path.insert(0, str(ROOT))
    from lstmlab.messages.en import MESSAGES as EN
    from lstmlab.messages.zh import MESSAGES as ZH
    keys = [k for k in EN if k in ZH]
    cjk = sum(len(CJK.findall(prose(ZH[k]))) for k in keys)
    words = sum(len(LATIN_WORD.findall(prose(EN[k]))) for k in keys)
    print(f"{len(keys)} messages: {cjk} CJK ideographs / {words} English words = {cjk / words:.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--top", type=int, default=25, help="how many English runs to list")
    parser.add_argument("--calibrate", action="store_true", help="measure WORD_IN_CJK again and stop")
    args = parser.parse_args()
    if args.calibrate:
        return calibrate()
    paths = args.notebooks or sorted((ROOT / "notebooks/zh").glob("*.ipynb")) + sorted((ROOT / "exercises/zh").glob("*.ipynb"))
    kinds = ("markdown", "comment", "output")
    total = defaultdict(lambda: [0, 0])  # kind -> [cjk, words], "keras" included (only its words)
    where, weight = defaultdict(set), Counter()
    print(f"{'notebook':40} " + " ".join(f"{k:>8}" for k in kinds) + f" {'in all':>7} {'CJK':>6} {'en words':>8} {'Keras':>5}")
    for path in paths:
        counts, runs = measure(path)
        name = "/".join(Path(path).resolve().parts[-3:])  # notebooks/zh/NN.ipynb, wherever the twins are
        cjk, words = sum(counts[k][0] for k in kinds), sum(counts[k][1] for k in kinds)
        cells = " ".join(f"{share(*counts[k]):>8.1%}" for k in kinds)
        print(f"{name:40} {cells} {share(cjk, words):>7.1%} {cjk:>6} {words:>8} {counts['keras'][1]:>5}")
        for kind in (*kinds, "keras"):
            total[kind][0] += counts[kind][0]
            total[kind][1] += counts[kind][1]
        for run, n in runs:
            weight[run] += n
            where[run].add(Path(path).stem if "exercises" not in name else "ex/" + Path(path).stem)
    cjk, words = sum(total[k][0] for k in kinds), sum(total[k][1] for k in kinds)
    cells = " ".join(f"{share(*total[k]):>8.1%}" for k in kinds)
    print(f"{'in all':40} {cells} {share(cjk, words):>7.1%} {cjk:>6} {words:>8} {total['keras'][1]:>5}")
    keras = total["keras"][1]
    print(f"(Keras's own messages quoted verbatim: {keras} words; counted as English, the share in all would be "
          f"{share(cjk, words + keras):.1%})")
    print(f"\nEnglish still shown, the most first (words x times; where):")
    for run, n in weight.most_common(args.top):
        print(f"{n:5}  {run[:110]}  [{', '.join(sorted(where[run]))}]")


if __name__ == "__main__":
    main()
