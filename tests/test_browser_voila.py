"""`lstmlab explore` in a real browser: the Voila page serves the explorers, and moving a control updates them."""
import os
import secrets
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from test_browser_explore import (ARGS, CHROMIUM, expect_text, free_port, require_browser, row_of, total_of,
                                  wait_until_serving)

from lstmlab import LSTM, Stack

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    """`lstmlab explore --no-browser` on 127.0.0.1 with a random port and token; stopped (with Voila) afterwards."""
    require_browser()
    port, token = free_port(), secrets.token_hex(16)
    log = open(tmp_path_factory.mktemp("voila") / "voila.log", "w")
    proc = subprocess.Popen([str(Path(sys.executable).with_name("lstmlab")), "explore", f"--port={port}",
                             f"--token={token}", "--no-browser"], stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        wait_until_serving(lambda: socket.create_connection(("127.0.0.1", port), timeout=1).close(), proc, log.name,
                           "lstmlab explore")
        yield dict(url=f"http://127.0.0.1:{port}/?token={token}", log=log.name)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)  # the group of the process this fixture started: lstmlab + voila
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        log.close()


def test_lstmlab_explore_serves_working_explorers(voila):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 1000})
            page.set_default_timeout(90_000)
            page.goto(voila["url"])
            explorer = page.locator(".lstmlab-stack-explorer").first
            explorer.wait_for()
            expect_text(lambda: total_of(explorer), "Total params: 29,568")
            units1 = explorer.get_by_label("units 1", exact=True)
            units1.click()
            units1.fill("10")
            units1.press("Tab")  # leaving the box commits the value too
            engine = Stack((5, 2), [LSTM(10, return_sequences=True), LSTM(32)])
            expect_text(lambda: total_of(explorer), f"Total params: {engine.count_params():,}")
            row = engine.summary()[1]
            expect_text(lambda: row_of(explorer, 2), ("(None, 32)", f"{row.params:,}"))
            for title in ("Cell", "Stateful", "Predict the shape"):  # the other tabs render too
                page.get_by_role("tab", name=title).click()
            page.locator(".lstmlab-shape-quiz").first.wait_for()
            out = ROOT / "artifacts"
            out.mkdir(exist_ok=True)
            page.get_by_role("tab", name="Stack").click()
            page.screenshot(path=str(out / "voila_explorers.png"), full_page=True)
        finally:
            browser.close()
