"""Lessons that show an explorer are saved with their widget state, so that a notebook viewed without a kernel
(nbviewer, a static HTML export, JupyterLab before Run) shows the explorer as it was left, not a text repr.

JupyterLab drops the state when it saves a notebook (unless "Save Widget State Automatically" is on), so a lesson
edited by hand loses it; re-executing the lesson with nbclient stores it again. From the repository root:

    make widget-state                                        # re-execute every lesson that shows an explorer
    python -m lstmlab.explore.widget_state --check           # which lessons lack the state, or carry an old one
    python -m lstmlab.explore.widget_state notebooks/04_stacking.ipynb
    python -m lstmlab.explore.widget_state --jupyterlab-metadata notebooks/*.ipynb   # kernelspec only, no run

Lessons are executed the way they are saved (fresh python3 kernel, cwd notebooks/, streams coalesced).
"""
import argparse
import re
import sys
from pathlib import Path

# the kernelspec JupyterLab writes into a notebook when its kernel (ipykernel 6 or later) connects: a notebook stored
# with another one ("Python 3") shows as modified the moment it opens
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
STATE = "application/vnd.jupyter.widget-state+json"
VIEW = "application/vnd.jupyter.widget-view+json"
EXPLORERS = ("StackExplorer", "CellExplorer", "StatefulExplorer", "ShapeQuiz", "explorer_tabs")
_SHOWS = re.compile(r"\b(?:%s)\s*\(" % "|".join(EXPLORERS))


def _read(notebook):
    import nbformat
    return nbformat.read(notebook, as_version=4) if isinstance(notebook, (str, Path)) else notebook


def shows_explorer(notebook):
    """True when a code cell of the notebook (a path or a NotebookNode) builds an explorer."""
    return any(cell.cell_type == "code" and _SHOWS.search(cell.source) for cell in _read(notebook).cells)


def lessons_with_explorers(folder="notebooks"):
    """The notebooks in `folder` that show an explorer, sorted."""
    return [path for path in sorted(Path(folder).glob("*.ipynb")) if shows_explorer(path)]


def widget_views(notebook):
    """The model ids of every widget view in the notebook's stored outputs."""
    return [output["data"][VIEW]["model_id"] for cell in _read(notebook).cells if cell.cell_type == "code"
            for output in cell.get("outputs", []) if VIEW in output.get("data", {})]


def state_problems(notebook):
    """What keeps a viewer without a kernel from drawing the notebook's explorers ([] when nothing does)."""
    nb = _read(notebook)
    views = widget_views(nb)
    if shows_explorer(nb) and not views:
        return ["no widget in the stored outputs: the lesson was saved without running it"]
    state = nb.metadata.get("widgets", {}).get(STATE, {}).get("state", {})
    if views and not state:
        return [f"no widget state in metadata.widgets['{STATE}']"]
    missing = set(views) - set(state)
    referenced = set(re.findall(r"IPY_MODEL_([0-9a-f]+)", repr(state))) - set(state)
    problems = [f"the state lacks {len(missing)} of the {len(views)} widgets shown"] if missing else []
    if referenced:
        problems.append(f"the state lacks {len(referenced)} widgets its widgets contain")
    if views and state and _older(state):
        problems.append("the state is from an older lstmlab (explorers without their style sheet, figures as PNG): "
                        "re-execute the lesson")
    return problems


def _older(state):
    """True when the saved explorers predate the current ones (no shell.style_sheet widget, or PNG figures)."""
    from .shell import STALE
    models = [s.get("model_name") for s in state.values()]
    states = [s.get("state", {}) for s in state.values()]
    png = any(m == "ImageModel" and s.get("format") == "png" for m, s in zip(models, states))
    styled = any(m == "HTMLModel" and STALE in str(s.get("value", "")) for m, s in zip(models, states))
    return png or not styled


def as_jupyterlab_saves(nb):
    """The notebook's metadata as JupyterLab would save it (its kernelspec), so that opening it changes nothing."""
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    return nb


def save_as_jupyterlab(paths):
    """Rewrite the notebooks at `paths` whose metadata JupyterLab would change on open; return the ones rewritten."""
    import nbformat
    changed = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if nb.metadata.get("kernelspec") != KERNELSPEC:
            nbformat.write(as_jupyterlab_saves(nb), path)
            changed.append(path)
    return changed


def execute_with_widget_state(path, *, timeout=600, kernel_name="python3"):
    """Re-execute the notebook at `path` in a fresh kernel (cwd: its folder) and save it with its widget state."""
    import nbformat
    from nbclient import NotebookClient
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name=kernel_name, resources={"metadata": {"path": str(path.parent)}},
                   store_widget_state=True, coalesce_streams=True).execute()
    nbformat.write(as_jupyterlab_saves(nb), path)
    return nb


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m lstmlab.explore.widget_state", description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to re-execute (default: every lesson in notebooks/ that shows an explorer)")
    parser.add_argument("--check", action="store_true", help="only report; exit 1 when a lesson lacks its widget state")
    parser.add_argument("--jupyterlab-metadata", action="store_true",
                        help="only rewrite the notebooks' metadata as JupyterLab saves it (no execution)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell (default 600)")
    args = parser.parse_args(argv)
    paths = args.notebooks or lessons_with_explorers("notebooks")
    if not paths:
        print("no lesson shows an explorer (run from the repository root, or name the notebooks)")
        return 0
    if args.jupyterlab_metadata:
        for path in save_as_jupyterlab(paths):
            print(f"{path}: kernelspec set to {KERNELSPEC['display_name']!r}")
        return 0
    failed = 0
    for path in paths:
        if not args.check:
            print(f"{path}: executing ...", flush=True)
            execute_with_widget_state(path, timeout=args.timeout)
        problems = state_problems(path)
        failed += bool(problems)
        print(f"{path}: " + ("; ".join(problems) if problems else
                             f"widget state saved for its {len(widget_views(path))} explorer view(s)"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
