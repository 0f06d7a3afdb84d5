"""`lstmlab explore`: serve the explorers as a standalone page with Voila (or print how, with --dry-run).

The page speaks the language in use (LSTMLAB_LANG reaches Voila's kernel too); the command's own help and messages,
read in a terminal, stay in English like the rest of the `lstmlab` command.
"""
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from ..messages import msg
from .widget_state import KERNELSPEC

PAGE = "lstmlab_explorers.ipynb"
CODE = {
    "all": "import lstmlab.explore.tabs\nlstmlab.explore.tabs.explorer_tabs()",
    "stack": "import lstmlab\nlstmlab.StackExplorer()",
    "cell": "import lstmlab\nlstmlab.CellExplorer()",
    "stateful": "import lstmlab\nlstmlab.StatefulExplorer()",
    "quiz": "import lstmlab\nlstmlab.ShapeQuiz()",
}


def add_arguments(parser):
    parser.add_argument("which", nargs="?", default="all", choices=sorted(CODE),
                        help="which explorer (default: all, in tabs)")  # not learner-facing: terminal help, English
    parser.add_argument("--port", type=int, default=8866, help="port to serve on (default 8866)")  # not learner-facing
    parser.add_argument("--ip", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1)")  # not learner-facing
    parser.add_argument("--token", default=None,
                        help="require this token in the URL (default: none on 127.0.0.1)")  # not learner-facing
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")  # not learner-facing
    parser.add_argument("--dry-run", action="store_true",
                        help="write the page and print the Voila command, do not serve")  # not learner-facing


def write_page(folder, which="all"):
    """Write the explorers' page notebook into `folder` (a fresh folder: never a learner's notebook)."""
    import nbformat
    intro = msg("explore.page.intro", button=msg("explore.stack.check_keras")) + "\n\n" + msg("explore.page.lessons")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(intro), nbformat.v4.new_code_cell(CODE[which])])
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["title"] = msg("explore.page.title")  # the browser tab's title in Voila (not the file's name)
    path = Path(folder) / PAGE
    if path.exists():
        raise FileExistsError(f"{path} exists; lstmlab explore writes only into a fresh folder")  # not learner-facing
    nbformat.write(nb, path)
    return path


def voila_command(path, args):
    """The Voila command line that serves `path`."""
    command = [sys.executable, "-m", "voila", str(path), f"--port={args.port}", f"--Voila.ip={args.ip}",
               "--Voila.port_retries=0", "--show_tracebacks=False", "--theme=light"]
    if args.token:
        command.append(f"--token={args.token}")
    if args.no_browser:
        command.append("--no-browser")
    return command


def _stop(signum, frame):
    raise KeyboardInterrupt


def run(args):
    """Serve the page until Ctrl-C (or SIGTERM); the page lives in a temporary folder removed afterwards."""
    import importlib.util
    if importlib.util.find_spec("voila") is None:
        raise ImportError("lstmlab explore needs Voila: pip install 'voila>=0.5' "  # not learner-facing: terminal
                          "(or use the explorers in JupyterLab)")
    if args.dry_run:
        print(" ".join(voila_command(Path(tempfile.gettempdir()) / "lstmlab-explore-XXXX" / PAGE, args)))
        print(f"# {PAGE} (written to that fresh temporary folder when serving):\n"  # not learner-facing: terminal
              f"{CODE[args.which]}")
        return 0
    folder = tempfile.mkdtemp(prefix="lstmlab-explore-")
    proc = None
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        command = voila_command(write_page(folder, args.which), args)
        query = f"?token={args.token}" if args.token else ""
        print(f"lstmlab explore: serving on http://{args.ip}:{args.port}/{query} (Ctrl-C stops)",  # not learner-facing
              flush=True)
        proc = subprocess.Popen(command, cwd=folder)
        return proc.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        signal.signal(signal.SIGTERM, previous)
        shutil.rmtree(folder, ignore_errors=True)
