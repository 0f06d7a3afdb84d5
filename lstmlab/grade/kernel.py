"""Run a rebuilt notebook cell by cell in locked-down kernels: timeouts and dead kernels cost one cell, not the rest."""
import json
import os
import site
import subprocess
import sys
import time
from pathlib import Path

from ..exercises.contract import REPO

PACKAGE = Path(__file__).resolve().parent.parent  # lstmlab/


def kernel_spec(workdir, memory_mb, file_mb=200):
    """Write a kernelspec (python -S -E launcher.py config) into workdir; return its kernels folder."""
    config = {"workdir": str(workdir), "site": [p for p in site.getsitepackages() if os.path.isdir(p)], "memory_mb": memory_mb, "file_mb": file_mb,
              "blocked": [str(p) for p in (PACKAGE, REPO / "solutions", REPO / ".git", REPO / "build") if p.exists()]}
    (workdir / "grade_config.json").write_text(json.dumps(config))
    launcher = workdir / "grade_launcher.py"
    launcher.write_text((Path(__file__).parent / "launcher.py").read_text())
    spec_dir = workdir / "kernels" / "lstmlab-grade"
    spec_dir.mkdir(parents=True, exist_ok=True)
    env = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "PYTHONHASHSEED": "0",
           "IPYTHONDIR": str(workdir / "ipython"), "HOME": str(workdir), "MPLBACKEND": "Agg"}
    argv = [sys.executable, "-S", "-E", str(launcher), str(workdir / "grade_config.json"), "-f", "{connection_file}",
            "--HistoryManager.enabled=False"]
    (spec_dir / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "lstmlab grading", "language": "python",
                                                      "env": env}))
    return workdir / "kernels"


MAX_OUTPUTS = 20  # outputs kept per cell: a printing loop must not fill the grader's memory


def _client(nb, workdir, kernels, timeout):
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient

    class CappedClient(NotebookClient):
        """Keeps at most MAX_OUTPUTS outputs per cell, each cut to 2000 characters."""

        def output(self, outs, msg, display_id, cell_index):
            if len(outs) >= MAX_OUTPUTS:
                return None
            content = msg.get("content", {})
            for key in ("text", "evalue"):
                if isinstance(content.get(key), str):
                    content[key] = content[key][:2000]
            if msg.get("msg_type") == "error":
                content["traceback"] = []
            if msg.get("msg_type") in ("display_data", "execute_result", "update_display_data"):
                return None
            return super().output(outs, msg, display_id, cell_index)

    km = AsyncKernelManager(kernel_name="lstmlab-grade", kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernels)]))
    return CappedClient(nb, km=km, timeout=timeout, startup_timeout=60, allow_errors=True, interrupt_on_timeout=False, shutdown_kernel="immediate",
                          resources={"metadata": {"path": str(workdir)}}, kernel_name="lstmlab-grade")


def _error(cell):
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            return f"{out.get('ename')}: {str(out.get('evalue'))[:200]}"
    return None


def execute(nb, workdir, first_harness, timeout, total_timeout, memory_mb):
    """Run every cell; return {cell index: ("ok" | "error" | "timeout" | "dead" | "skipped", detail)}."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    kernels = kernel_spec(Path(workdir), memory_mb)
    deadline = time.monotonic() + total_timeout
    outcome, skip, pos = {}, set(), 0
    while pos < len(nb.cells):
        if time.monotonic() > deadline:
            break
        client = _client(nb, workdir, kernels, timeout)
        index = None
        try:
            started = False
            with client.setup_kernel(cleanup_kc=True, stderr=subprocess.DEVNULL):
                started = True
                for index in [i for i in range(min(pos, first_harness)) if i not in skip] + list(range(pos, len(nb.cells))):
                    if time.monotonic() > deadline:
                        break
                    client.timeout = max(1, min(timeout, int(deadline - time.monotonic()) + 1))
                    nb.cells[index].outputs = []
                    client.execute_cell(nb.cells[index], index)
                    if index >= pos:
                        err = _error(nb.cells[index])
                        outcome[index] = ("error", err) if err else ("ok", None)
                        pos = index + 1
                else:
                    pos = len(nb.cells)
        except CellTimeoutError:
            outcome[index] = ("timeout", f"did not finish within {client.timeout} s")
            skip.add(index)
            pos = max(pos, index + 1)
        except DeadKernelError:
            outcome[index] = ("dead", "the kernel died (os._exit, a crash, or the memory limit)")
            skip.add(index)
            pos = max(pos, index + 1)
        except Exception as exc:  # a kernel that would not answer: count it against this cell
            if not started or index is None:
                raise RuntimeError(f"the grader could not start its kernel: {type(exc).__name__}: {exc}") from exc
            outcome[index if index is not None else pos] = ("dead", f"{type(exc).__name__}: {exc}")
            skip.add(index if index is not None else pos)
            pos = max(pos, (index if index is not None else pos) + 1)
    for index in range(len(nb.cells)):
        outcome.setdefault(index, ("timeout", f"the submission's total time limit ({total_timeout} s) ran out"))
    return outcome
