"""check()'s verdicts in a real browser: JupyterLab, headless Chromium, a temporary copy of an exercise notebook.

A wrong lstm_step (a transposed kernel) shows a red box whose first line after the headline is the named mistake,
then its fix; a right lstm_param_count shows a green box; the untouched split_gates a grey one. The inputs and
Python's error are folded away in <details>; the text wraps inside the box; the status colours stay readable in
JupyterLab's dark theme. Skips without Chromium unless LSTMLAB_REQUIRE_BROWSER=1 (CI), as the explorer tests do.
"""
import shutil

import nbformat
import pytest
from test_browser_explore import ROOT, open_and_run_all, page, serve_lab  # noqa: F401  (page: the shared Chromium page fixture)

pytestmark = pytest.mark.browser

NOTEBOOK = "01_one_cell.ipynb"
WRONG_STEP = '''def lstm_step(x, h, c, kernel, recurrent_kernel, bias):
    """One LSTM step, with the kernel transposed (a learner's mistake)."""
    z = x @ kernel.T + h @ recurrent_kernel + bias
    i, f, c_tilde, o = np.split(z, 4, axis=1)
    i, f, o = sigmoid(i), sigmoid(f), sigmoid(o)
    c = f * c + i * np.tanh(c_tilde)
    return o * np.tanh(c), c
'''


def _answer(nb, item_id):
    return next(c for c in nb.cells if c.metadata.get("lstmlab", {}).get("exercise") == item_id)


def exercise_copy(folder):
    """exercises/01_one_cell.ipynb with lstm_step answered wrongly and lstm_param_count rightly; split_gates untouched."""
    target = folder / NOTEBOOK
    shutil.copy(ROOT / "exercises" / NOTEBOOK, target)
    nb = nbformat.read(target, as_version=4)
    solved = nbformat.read(ROOT / "solutions" / NOTEBOOK, as_version=4)
    _answer(nb, "lstm_step").source = WRONG_STEP
    _answer(nb, "lstm_param_count").source = _answer(solved, "lstm_param_count").source
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(nb, str(target))
    return target.name


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    yield from serve_lab(tmp_path_factory, exercise_copy)


def verdict(page, item_id):
    box = page.locator(".lstmlab-verdict", has=page.locator(".lstmlab-headline", has_text=item_id)).first
    box.scroll_into_view_if_needed()
    return box


def rgb(text):
    """(r, g, b) from a computed CSS colour `rgb(r, g, b)` or `rgba(r, g, b, a)`."""
    return tuple(float(v) for v in text[text.index("(") + 1:text.index(")")].split(",")[:3])


def contrast(a, b):
    """WCAG contrast ratio of two (r, g, b) colours."""
    def luminance(colour):
        channels = [c / 255 for c in colour]
        channels = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def style(locator, prop):
    return locator.evaluate(f"el => getComputedStyle(el).{prop}")


def page_background(page):
    return rgb(page.evaluate("() => getComputedStyle(document.querySelector('.jp-Notebook')).backgroundColor"))


def test_verdicts_in_jupyterlab_red_green_grey_with_the_mistake_first(page, lab):  # noqa: F811
    open_and_run_all(page, lab, wait_for=".lstmlab-verdict >> nth=2")  # the three verdicts

    failed = verdict(page, "lstm_step")
    assert failed.get_attribute("data-status") == "error"  # it crashed, like a transposed kernel does
    rows = failed.locator(":scope > div, :scope > details")
    roles = [c.split("lstmlab-")[1] for c in rows.evaluate_all("els => els.map(e => e.className)")]
    assert roles[:4] == ["headline", "mistake", "fix", "problem"], roles  # the mistake first, on its own line
    assert failed.locator(".lstmlab-mistake").inner_text().strip() == "Likely mistake: transposed kernel"
    assert "x @ kernel, not x @ kernel.T" in failed.locator(".lstmlab-fix").inner_text()
    red = rgb(style(failed.locator(".lstmlab-headline"), "color"))
    assert red[0] > 150 and red[0] > 2 * red[1], red
    tops = [failed.locator(f".lstmlab-{role}").bounding_box()["y"] for role in ("headline", "mistake", "fix", "problem")]
    assert tops == sorted(tops) and len(set(tops)) == 4, tops  # one line each, in that order
    case = failed.locator("details.lstmlab-case")
    assert case.evaluate("el => el.open") is False and not case.locator("pre").is_visible()  # folded away
    case.locator("summary").click()
    assert case.locator("pre").is_visible() and "x = np.array(" in case.locator("pre").inner_text()
    error = failed.locator("details.lstmlab-error")
    assert error.evaluate("el => el.open") is False and "matmul" not in failed.locator(".lstmlab-problem").inner_text()
    assert failed.evaluate("el => el.scrollWidth <= el.clientWidth + 1")  # text wraps inside the box

    passed = verdict(page, "lstm_param_count")
    assert passed.get_attribute("data-status") == "passed" and passed.locator(".lstmlab-mistake").count() == 0
    green = rgb(style(passed.locator(".lstmlab-headline"), "color"))
    assert green[1] > green[0] and green[1] > green[2], green

    todo = verdict(page, "split_gates")
    assert todo.get_attribute("data-status") == "not_attempted"
    grey = rgb(style(todo.locator(".lstmlab-headline"), "color"))
    assert max(grey) - min(grey) < 40, grey
    assert "Not attempted" in todo.inner_text()

    background = page_background(page)
    for box, minimum in ((failed, 3.0), (passed, 3.0), (todo, 3.0)):
        assert contrast(rgb(style(box.locator(".lstmlab-headline"), "color")), background) >= minimum
    out = ROOT / "artifacts"
    out.mkdir(exist_ok=True)
    failed.screenshot(path=str(out / "check_failed_light.png"))
    passed.screenshot(path=str(out / "check_passed_light.png"))

    # the same boxes in JupyterLab's dark theme: the status colours and the text stay readable
    page.locator("li.lm-MenuBar-item", has_text="Settings").first.click()
    page.locator("li.lm-Menu-item", has_text="Theme").first.hover()
    page.get_by_role("menuitem", name="JupyterLab Dark", exact=True).click()
    page.wait_for_function("() => document.body.getAttribute('data-jp-theme-light') === 'false'", timeout=30_000)
    page.wait_for_timeout(500)
    background = page_background(page)
    assert sum(background) < 3 * 100, background  # dark
    for item_id in ("lstm_step", "lstm_param_count", "split_gates"):
        box = verdict(page, item_id)
        assert contrast(rgb(style(box.locator(".lstmlab-headline"), "color")), background) >= 3.0, item_id
        assert contrast(rgb(style(box.locator(":scope > div").nth(1), "color")), background) >= 4.5, item_id
    verdict(page, "lstm_step").screenshot(path=str(out / "check_failed_dark.png"))
