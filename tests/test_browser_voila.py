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
            assert page.title() == "lstmlab explorers: LSTM shapes, cells and state"  # issue 22: not the file's name
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


CODE_FONTS = """root => Array.from(root.querySelectorAll('pre, code')).map(e => getComputedStyle(e).fontFamily)"""
IMAGES = "root => Array.from(root.querySelectorAll('img')).map(i => [i.naturalWidth, i.naturalHeight, i.clientWidth, i.clientHeight])"


def test_voila_explorers_look_right(voila):
    """Monospace code, figures never stretched, bad input greyed and marked, Enter checks the quiz, answers on request."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.set_default_timeout(90_000)
            page.goto(voila["url"])
            page.locator(".lstmlab-stack-explorer").first.wait_for()
            fonts, images = [], {}
            for title, cls in (("Stack", ".lstmlab-stack-explorer"), ("Stateful", ".lstmlab-stateful-explorer"),
                               ("Cell", ".lstmlab-cell-explorer"), ("Predict the shape", ".lstmlab-shape-quiz")):
                page.get_by_role("tab", name=title).click()
                explorer = page.locator(cls).first
                explorer.wait_for()
                if cls != ".lstmlab-shape-quiz":
                    explorer.locator("img").first.evaluate("img => img.decode()")
                    images[title] = explorer.evaluate(IMAGES)
                fonts += [(title, family) for family in explorer.evaluate(CODE_FONTS)]
            assert {title for title, _ in fonts} == {"Stack", "Stateful", "Predict the shape"}  # table, report, quiz
            assert all("mono" in family.lower() for _, family in fonts), fonts
            for title, imgs in images.items():
                for natural_w, natural_h, shown_w, shown_h in imgs:
                    assert 0 < shown_w <= natural_w and shown_h <= natural_h + 1, f"{title}: stretched {imgs}"
                    assert abs(shown_h / shown_w - natural_h / natural_w) < 0.01, f"{title}: aspect ratio lost {imgs}"
            # a size that cannot be read: explained, its box marked, the last stack greyed (the CSS reaches the page)
            page.get_by_role("tab", name="Stack").click()
            stack = page.locator(".lstmlab-stack-explorer").first
            units1 = stack.get_by_label("units 1", exact=True)
            units1.fill("abc")
            units1.press("Tab")
            expect_text(lambda: "units 1 must be a whole number" in stack.locator(".lstmlab-error").inner_text(), True)
            opacity = "e => parseFloat(getComputedStyle(e).opacity)"
            expect_text(lambda: stack.locator("img").first.evaluate(opacity) < 0.5, True)
            assert units1.evaluate("e => getComputedStyle(e).borderTopColor") == "rgb(229, 62, 62)"
            assert total_of(stack) == "Total params: 29,568"  # the last stack that could be read
            units1.fill("10")
            units1.press("Tab")
            expect_text(lambda: total_of(stack), "Total params: 6,024")
            assert stack.locator("img").first.evaluate(opacity) == 1
            page.get_by_role("tab", name="Cell").click()
            cell = page.locator(".lstmlab-cell-explorer").first
            values = cell.get_by_label("x values", exact=True)
            values.fill("1, zero")
            values.press("Tab")
            expect_text(lambda: cell.locator("img").first.evaluate(opacity) < 0.5, True)  # old heatmaps greyed
            page.get_by_role("tab", name="Predict the shape").click()
            # the quiz: type the answers, press Enter, get hints (not the answers); the answers come on request
            quiz = page.locator(".lstmlab-shape-quiz").first
            for label, typed in (("output shape 1", "(5, 64)"), ("params 1", "17152"), ("output shape 2", "(None, 32)"),
                                 ("params 2", "12288")):
                quiz.get_by_label(label, exact=True).fill(typed)
            quiz.get_by_label("params 2", exact=True).press("Enter")
            score = quiz.locator(".lstmlab-quiz-score")
            expect_text(lambda: score.count() and score.inner_text().strip(), "2 of 4 right")
            feedback = quiz.locator(".lstmlab-quiz-score").locator("xpath=..").inner_text()
            assert "Missing batch dimension?" in feedback and "Missing bias?" in feedback and "12,416" not in feedback
            quiz.get_by_role("button", name="Show the answers").click()
            expect_text(lambda: quiz.locator(".lstmlab-answer").count(), 2)
            assert "Answer: 12,416" in quiz.locator(".lstmlab-answer").nth(1).inner_text()
            out = ROOT / "artifacts"
            out.mkdir(exist_ok=True)
            page.screenshot(path=str(out / "voila_quiz.png"), full_page=True)
            page.get_by_role("tab", name="Stateful").click()
            page.screenshot(path=str(out / "voila_stateful.png"), full_page=True)
        finally:
            browser.close()
