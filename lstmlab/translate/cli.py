"""`lstmlab translate extract|update|build|check|messages-from-py`: gettext catalogues per notebook and one for the
feedback messages (locale/<lang>/messages.po), and the notebooks and messages/<lang>.py built from them."""
import sys
from pathlib import Path

from ..exercises.contract import REPO
from . import build, catalog
from . import messages as feedback

ACTIONS = {
    "extract": "start (or refresh) the catalogues of the English notebooks named",
    "update": "refresh every existing catalogue from its English notebook, and locale/<lang>/messages.po from "
              "lstmlab/messages/en.py: new units empty, changed ones fuzzy",
    "build": "write <folder>/<lang>/<name>.ipynb from each English notebook and its catalogue, then execute it; write "
             "lstmlab/messages/<lang>.py from locale/<lang>/messages.po",
    "check": "exit 1 if a catalogue has a fuzzy or missing unit, or a generated notebook or messages/<lang>.py is stale; "
             "change nothing",
    "messages-from-py": "bring a hand-edited lstmlab/messages/<lang>.py into locale/<lang>/messages.po (its translations "
                        "win; other entries kept; idempotent), e.g. after merging a branch that added messages",
}


def add_arguments(parser):
    parser.add_argument("action", choices=list(ACTIONS), help="; ".join(f"{k}: {v}" for k, v in ACTIONS.items()))
    parser.add_argument("notebooks", nargs="*", help="extract: English notebooks (notebooks/NN_x.ipynb, exercises/...)")
    parser.add_argument("--language", default="zh", help="the catalogues' language (default: zh)")
    parser.add_argument("--root", default=str(REPO), help="the course's folder (default: this clone)")
    parser.add_argument("--no-execute", action="store_true", help="build: write the sources only, no outputs")
    parser.add_argument("--force", action="store_true", help="build: overwrite a generated notebook someone edited")


def _refresh(po, source, language):
    """Update (or create) one catalogue from its English notebook; True when the file changed."""
    import nbformat
    fresh = catalog.template(nbformat.read(str(source), as_version=4), source.stem, language)
    old = catalog.update(catalog.read(po, language), fresh) if po.exists() else fresh
    before = po.read_bytes() if po.exists() else None
    catalog.write(old, po)
    return po.read_bytes() != before


def run(args):
    root, language = Path(args.root).resolve(), args.language
    if args.action == "extract":
        if not args.notebooks:
            raise ValueError("expected English notebooks to extract, e.g. `lstmlab translate extract "
                             "notebooks/02_through_time.ipynb`; received none (`update` refreshes every catalogue)")
        targets = [(build.catalogue_path(n, language, root), Path(n).resolve()) for n in args.notebooks]
    else:
        targets = [(p.po, p.source) for p in build.pairs(language, root)]
    po = feedback.paths(root, language)[1]
    if args.action == "messages-from-py":
        changed = feedback.refresh(root, language, from_module=True)
        print(f"{po.relative_to(root)}: {'updated' if changed else 'up to date'}")
        return 0
    if args.action in ("extract", "update"):
        for po_file, source in targets:
            changed = _refresh(po_file, source, language)
            print(f"{po_file.relative_to(root)}: {'updated' if changed else 'up to date'}")
        if args.action == "update" and po.exists():
            print(f"{po.relative_to(root)}: {'updated' if feedback.refresh(root, language) else 'up to date'}")
        return 0
    return _check(root, language) if args.action == "check" else _build(root, language, args)


def _build(root, language, args):
    import nbformat

    refused = []
    if feedback.paths(root, language)[1].exists():
        module = feedback.paths(root, language)[2]
        print(f"{module.relative_to(root)}: {'written' if feedback.build(root, language) else 'up to date'}")
    for pair in build.pairs(language, root):
        new, target = build.fresh(pair), pair.target
        now = build.state(target, new)
        if now == "current" and (args.no_execute or not build.unexecuted(target)):
            print(f"{target.relative_to(root)}: up to date")
            continue
        if now == "edited" and not args.force:
            refused.append(target)
            print(f"{target}: NOT overwritten: its cells differ from the hash stored when it was generated. Save "
                  f"your work elsewhere, or run `lstmlab translate build --force`.", file=sys.stderr)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(new if args.no_execute else build.execute(new, target.parent), str(target))
        done = {"missing": "written", "current": "executed"}.get(now, "regenerated")
        print(f"{target.relative_to(root)}: {done}{' (not executed)' if args.no_execute else ''}")
    return 1 if refused else 0


def _check(root, language):
    import nbformat
    problems = feedback.check(root, language) if feedback.paths(root, language)[1].exists() else []
    for pair in build.pairs(language, root):
        if not pair.source.exists():
            problems.append(f"{pair.po.relative_to(root)}: its English notebook {pair.source.relative_to(root)} is gone")
            continue
        english = nbformat.read(str(pair.source), as_version=4)
        lacks = catalog.problems(catalog.read(pair.po, language), catalog.template(english, pair.stem, language))
        problems += [f"{pair.po.relative_to(root)}: {line}" for line in lacks]
        now = build.state(pair.target, build.fresh(pair))
        if now != "current":
            problems.append(f"{pair.target.relative_to(root)}: {now}")
    for line in problems:
        print(f"out of date: {line}", file=sys.stderr)
    if problems:
        print("run `lstmlab translate update`, translate the fuzzy and missing entries, then `lstmlab translate build`",
              file=sys.stderr)
    return 1 if problems else 0
