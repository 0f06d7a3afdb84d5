"""The README's first command, `make lab`, as written: start it, wait for JupyterLab to answer, open the start
notebook, stop it. It must start as root too (Docker, cloud machines) and print no deprecation warning.

The test runs `make lab` against the venv running the tests (VENV=sys.prefix) and tells make not to remake that
venv's install stamp (`-o STAMP`), so it never re-creates or reinstalls anything; LAB_ARGS keeps the browser closed
and pins a free port and a token.
"""
import os
import secrets
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from test_browser_explore import api, free_port, wait_until_serving

ROOT = Path(__file__).resolve().parents[1]
VENV = Path(sys.prefix)
STAMP = VENV / ".lstmlab-installed"
START = "notebooks/00_start_here.ipynb"


def make_lab_command(port, token):
    lab_args = (f"--no-browser --ip=127.0.0.1 --port={port} --IdentityProvider.token={token} "
                "--ServerApp.port_retries=0 --LabApp.news_url= "
                "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate")
    return ["make", "--no-print-directory", "-o", str(STAMP), "lab", f"VENV={VENV}", f"LAB_ARGS={lab_args}"]


@pytest.fixture
def needs_make_and_jupyter():
    """`make lab` is the README's first command: without make (or a jupyter beside this Python) the test fails."""
    if shutil.which("make") is None:
        pytest.fail("make is not installed (apt-get install make): `make lab` is the README's first command")
    if not (VENV / "bin" / "jupyter").exists():
        pytest.fail(f"no jupyter in {VENV}/bin: the test runs `make lab` with VENV={VENV}")


def get(url, token=None):
    """(status, body) of a GET, with the token in the header when given."""
    req = urllib.request.Request(url, headers={"Authorization": f"token {token}"} if token else {})
    try:
        with urllib.request.urlopen(req, timeout=20) as resp:
            return resp.status, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def test_make_lab_runs_only_jupyter_lab_with_the_right_options(needs_make_and_jupyter):
    """Dry run: with the stamp kept, make lab only starts JupyterLab (no venv, no pip), --allow-root when root."""
    out = subprocess.run(make_lab_command(8888, "abc") + ["-n"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{VENV}/bin/jupyter lab "), lines
    assert ("--allow-root" in lines[0]) == (os.geteuid() == 0)
    assert lines[0].endswith(START)


def test_make_lab_serves_the_start_notebook(needs_make_and_jupyter, tmp_path):
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(tmp_path / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"), JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    log_path = tmp_path / "make-lab.log"
    base = f"http://127.0.0.1:{port}"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(make_lab_command(port, token), cwd=ROOT, env=env, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_until_serving(lambda: api(base, token, "/api/status"), proc, log_path, "make lab", seconds=90)
            status, page = get(f"{base}/lab?token={token}")
            assert status == 200 and "JupyterLab" in page
            status, _ = get(f"{base}/lab/tree/{START}?token={token}")  # the page `make lab` opens
            assert status == 200
            status, body = get(f"{base}/api/contents/{START}", token)
            assert status == 200 and '"type": "notebook"' in body
            assert api(base, token, "/api/contents/exercises")["type"] == "directory"  # the whole course is browsable
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)  # the group this test started: make and its jupyter lab
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
    output = log_path.read_text()
    assert "Running as root is not recommended" not in output
    assert "token config is deprecated" not in output, output[-3000:]
    assert "DeprecationWarning" not in output, output[-3000:]
