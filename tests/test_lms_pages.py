"""The feedback pages and the class summary (grade/lms/feedback.py, summary.py) called in this process on a small
hand-made results JSON: file names the LMS files to the right learner, the verdict rebuilt as the notebook showed it,
learners' text escaped, mistakes ranked and histograms drawn. The round trip through `lstmlab grade` is
tests/test_gradebook_lms.py; these are fast enough for bench/mutation.py."""
import html
import re
import zipfile
from collections import Counter

import pytest

from lstmlab.grade.lms import feedback, summary
from lstmlab.messages import catalogue, msg, speaking

MISTAKE = {"key": "if_swapped", "name": "gates swapped", "fix": "swap them"}
SWAPPED = catalogue("en")["mistake.if_swapped"]  # the summary names a known mistake as the catalogue does


def ex(id_, status, points, max_points, text=None, mistake=None, assignment="w1"):
    """One exercise of the JSON, its feedback written as the grader writes it (Verdict.message)."""
    if text is None:
        head = msg("inline.head", item=id_, headline=msg(f"headline.{status}", points=points, max_points=max_points))
        parts = [head] + ([msg("inline.mistake", name=mistake["name"]), msg("inline.fix", fix=mistake["fix"])]
                          if mistake else [])
        text = msg("inline.join").join(parts + ["h differs at [0]"])
    return {"id": id_, "assignment": assignment, "status": status, "points": points, "max_points": max_points,
            "feedback": text, "mistake": mistake}


def sub(name, *exercises, path=None, notes=(), late=()):
    return {"learner": name, "notebooks": {"w1": path} if path else {}, "exercises": list(exercises),
            "score": sum(e["points"] for e in exercises), "max_score": sum(e["max_points"] for e in exercises),
            "notes": list(notes), "late": list(late)}


# feedback.py: names

@pytest.mark.parametrize("name, safe", [("../a/b:c", "_a_b_c"), ("", "_"), ("...", "_"), (" a\tb ", "a_b"),
                                        ("x" * 130, "x" * 120), ('a*?"<>|\\\x7f', "a________")])
def test_a_learner_text_becomes_a_safe_file_name(name, safe):
    assert feedback._safe(name) == safe


def test_a_page_is_named_for_the_lms_that_gave_the_download():
    moodle = sub("m", path="dl/Jane_Doe_77_assignsubmission_file_/w1.ipynb")
    assert feedback.page_name(moodle) == ("Jane Doe_77_assignsubmission_file_", "feedback")
    canvas = sub("c", path="dl/doe.jane_LATE_12_34_w1.ipynb")
    assert feedback.page_name(canvas) == (None, "doe.jane_12_34_feedback")
    two = {**canvas, "notes": ["also (doejane_13_35_w1.ipynb)"]}
    assert feedback.page_name(two) == ("c", "feedback")
    both = {**sub("b/x"), "notebooks": {"w1": "X_1_assignsubmission_file_/a.ipynb",
                                        "w2": "Y_2_assignsubmission_file_/b.ipynb"}}
    assert feedback.page_name(both) == ("b_x", "feedback")  # two participants: neither LMS's name fits
    one_canvas = {**both, "notebooks": {"w1": "X_1_assignsubmission_file_/a.ipynb",
                                        "w2": "X_2_assignsubmission_file_/doejane_5_6_b.ipynb"}}
    assert feedback.page_name(one_canvas) == (None, "doejane_5_6_feedback")  # two participants, one Canvas user


def test_the_display_name_is_the_lms_name_with_the_id_graded_under():
    assert feedback.display_name(sub("77", path="dl/Jane Doe_77_assignsubmission_file_/w1.ipynb")) == "Jane Doe (77)"
    assert feedback.display_name(sub("9", path="dl/doejane_9_1_w1.ipynb")) == "doejane (9)"
    assert feedback.display_name(sub("doejane", path="dl/doejane_9_1_w1.ipynb")) == "doejane"
    assert feedback.display_name(sub(5)) == "5"


# feedback.py: the verdict

def test_the_verdict_is_rebuilt_without_repeating_its_headline_mistake_or_fix():
    v = feedback.verdict(ex("step", "failed", 1, 3, mistake=MISTAKE), "en")
    assert (v.item_id, v.status, v.points, v.max_points) == ("step", "failed", 1, 3)
    assert (v.mistake, v.fix, v.problem) == ("gates swapped", "swap them", "h differs at [0]")
    v = feedback.verdict(ex("step", "passed", 3, 3, text=msg("inline.head", item="step", headline=msg(
        "headline.passed", points=3, max_points=3))), "en")
    assert (v.mistake, v.fix, v.problem) == (None, None, None)
    assert feedback.verdict(ex("step", "error", 0, 3, text="step: boom"), "en").problem == "boom"
    assert feedback.verdict(ex("step", "odd", 0, 3, text="step: boom"), "en").problem == "step: boom"


def test_a_verdict_graded_in_chinese_is_rebuilt_in_chinese():
    with speaking("zh"):
        e = ex("step", "failed", 1, 3, mistake=MISTAKE)
    assert e["feedback"].startswith("step：")
    v = feedback.verdict(e, "zh")
    assert (v.mistake, v.problem) == ("gates swapped", "h differs at [0]")
    assert feedback.verdict(e, "en").problem != "h differs at [0]"  # read as English, its pieces are not found


def test_exercises_are_grouped_by_assignment_in_the_json_order():
    s = sub("a", ex("x", "passed", 1, 1, assignment="w3"), ex("y", "passed", 1, 1, assignment="w1"),
            ex("z", "passed", 1, 1, assignment="w9"), ex("u", "passed", 1, 1, assignment="w1"))
    groups = feedback._assignments(s, {"assignments": ["w1", "w2", "w3"]})
    assert [(a, [e["id"] for e in es]) for a, es in groups] == [("w1", ["y", "u"]), ("w3", ["x"]), ("w9", ["z"])]
    assert [a for a, _ in feedback._assignments(s, {})] == ["w3", "w1", "w9"]


# feedback.py: pages

DATA = {"assignments": ["w1"], "language": "en", "lstmlab_version": "9.9", "graded_at": "2026-12-06T10:00"}


def test_the_html_page_shows_each_verdict_and_escapes_the_learner():
    s = sub("<b>x</b>", ex("step", "failed", 1, 3, mistake=MISTAKE), ex("count", "passed", 1, 1), late=["w1"],
            notes=["a <note>"])
    page = feedback.page_html(s, {**DATA, "submissions": [s]})
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')
    assert "<b>x</b>" not in page and "<script" not in page
    title = msg("feedback.title", learner="&lt;b&gt;x&lt;/b&gt;")
    assert f"<title>{title}</title>" in page and f"<h1>{title}</h1>" in page
    assert f'<p class="lstmlab-score"><strong>{msg("feedback.score", score=2, max_score=4)}</strong></p>' in page
    assert f'<p class="lstmlab-late">{msg("feedback.late", assignments="w1")}</p>' in page
    assert f"<p>{msg('feedback.intro')}</p>" in page and "<h2>w1</h2>" in page
    assert page.count('class="lstmlab-verdict') == 2 and msg("line.mistake", name="gates swapped") in page
    assert f"<h2>{msg('feedback.notes')}</h2><ul><li>a &lt;note&gt;</li></ul>" in page
    assert f"<footer><p>{msg('feedback.footer', version='9.9', date='2026-12-06T10:00')}</p></footer>" in page
    plain = feedback.page_html(sub("a"), {"submissions": []})
    assert msg("feedback.footer", version="?", date="?") in plain and "lstmlab-late" not in plain
    assert msg("feedback.notes") not in plain


def test_the_page_speaks_the_language_asked_and_the_verdict_the_language_graded_in():
    s = sub("a", ex("step", "failed", 1, 3, mistake=MISTAKE))
    page = feedback.page_html(s, {**DATA, "submissions": [s]}, "zh")
    assert '<html lang="zh">' in page and catalogue("zh")["feedback.intro"] in page
    assert msg("headline.failed", points=1, max_points=3) in page  # graded in English: the notebook said so
    md = feedback.page_markdown(s, {**DATA, "submissions": [s]}, "zh")
    assert md.startswith("# " + catalogue("zh")["feedback.title"].format(learner="a"))
    assert "- **step**: " + msg("headline.failed", points=1, max_points=3).replace("(", "(") in md


def test_markdown_escapes_learner_text_on_one_line():
    assert feedback._md("a_b *c*\n<x> `y` [z](w) #1 | !") == r"a\_b \*c\* &lt;x&gt; \`y\` \[z\](w) \#1 \| \!"


def test_the_markdown_page_lists_each_verdict():
    s = sub("a_b", ex("step", "failed", 1, 3, mistake=MISTAKE), ex("count", "passed", 1, 1), late=["w1"],
            notes=["see *this*"])
    md = feedback.page_markdown(s, {**DATA, "submissions": [s]})
    assert md.split("\n") == [
        "# " + feedback._md(msg("feedback.title", learner="a_b")), "",
        "**" + msg("feedback.score", score=2, max_score=4) + "**", "",
        msg("feedback.late", assignments="w1"), "",
        "## w1", "",
        "- **step**: " + msg("headline.failed", points=1, max_points=3),
        "  - **" + msg("line.mistake", name="gates swapped") + "**",
        "  - " + msg("line.fix", fix="swap them"),
        "  - h differs at \\[0\\]",
        "- **count**: " + msg("headline.passed", points=1, max_points=1),
        "  - h differs at \\[0\\]",
        "",
        "## " + msg("feedback.notes"), "", r"- see \*this\*", ""]
    assert feedback.page_markdown(sub("a"), {}).split("\n") == [
        "# " + msg("feedback.title", learner="a"), "", "**" + msg("feedback.score", score=0, max_score=0) + "**", ""]


def test_pages_of_learners_with_one_name_never_overwrite_each_other(tmp_path):
    subs = [sub("x", ex("s", "passed", 1, 1)), sub("x", ex("s", "failed", 0, 1)), sub("x", ex("s", "error", 0, 1)),
            sub("c", ex("s", "passed", 1, 1), path="dl/doejane_9_1_w1.ipynb"),
            sub("d", ex("s", "failed", 0, 1), path="dl/doejane_9_1_w1.ipynb")]
    pages = feedback.write_pages({**DATA, "submissions": subs}, tmp_path / "out")
    assert [p.relative_to(tmp_path / "out").as_posix() for p in pages] == [
        "x/feedback.html", "x-2/feedback.html", "x-3/feedback.html", "doejane_9_1_feedback.html",
        "doejane_9_1_feedback-2.html"]
    assert all(p.with_suffix(".md").is_file() for p in pages)
    assert "lstmlab-failed" in pages[1].read_text() and "lstmlab-error" in pages[2].read_text()
    feedback.write_zip(pages, tmp_path / "out", tmp_path / "fb.zip")
    with zipfile.ZipFile(tmp_path / "fb.zip") as z:
        assert sorted(z.namelist()) == sorted(f"{p.relative_to(tmp_path / 'out').as_posix()[:-5]}.{s}"
                                              for p in pages for s in ("html", "md"))
        assert z.read("x-2/feedback.md").decode() == pages[1].with_suffix(".md").read_text()
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in z.infolist())


# summary.py

CLASS = {"assignments": ["w1", "w2"], "max_score": 4, "graded_at": "today", "language": "en", "submissions": [
    sub("a", ex("step", "failed", 1, 3, mistake=MISTAKE), ex("count", "passed", 1, 1, assignment="w2")),
    sub("b", ex("step", "failed", 0, 3, mistake=MISTAKE), ex("count", "failed", 0, 1, assignment="w2")),
    sub("c", ex("step", "passed", 3, 3), ex("count", "not_attempted", 0, 1, assignment="w2")),
    sub("d", ex("step", "failed", 2, 3, mistake={"key": "k_new", "name": "x <y>", "fix": "f"}),
        ex("step", "failed", 2, 3, mistake=MISTAKE), ex("count", "failed", 0, 1, assignment="w2"),
        ex("count", "failed", 0, 1, assignment="w2")),
]}


def test_exercise_stats_count_passes_attempts_and_scores():
    stats = summary.exercise_stats(CLASS)
    assert [(s["id"], s["assignment"], s["max_points"], s["passed"], s["attempted"]) for s in stats] == [
        ("step", "w1", 3, 1, 5), ("count", "w2", 1, 1, 4)]
    assert stats[0]["scores"] == Counter({1: 1, 0: 1, 3: 1, 2: 2}) and stats[1]["scores"] == Counter({1: 1, 0: 4})


def test_mistakes_are_ranked_counting_each_learner_once():
    assert summary.ranked_mistakes(CLASS) == [(3, "step", SWAPPED), (2, "count", msg("summary.unnamed")),
                                              (1, "step", "x <y>")]
    zh = summary.ranked_mistakes(CLASS, "zh")
    assert zh[0] == (3, "step", catalogue("zh")["mistake.if_swapped"])
    assert zh[1][2] == catalogue("zh")["summary.unnamed"]
    assert zh[2] == (1, "step", "x <y>")  # no catalogue entry: the JSON's name
    tie = {"submissions": [sub("a", ex("b", "failed", 0, 1), ex("a", "failed", 0, 1, mistake=MISTAKE),
                                ex("a", "failed", 0, 1, mistake={"key": "z", "name": "a", "fix": ""}))]}
    assert summary.ranked_mistakes(tie) == [(1, "a", "a"), (1, "a", SWAPPED), (1, "b", msg("summary.unnamed"))]


def bars(svg):
    """[(x, y, height, colour, count, value)] of a histogram, read back from its SVG."""
    rects = re.findall(r'<rect x="(\d+)" y="(\d+)" width="22" height="(\d+)" fill="(#\w+)"/>', svg)
    counts = re.findall(r'y="\d+" font-size="10" text-anchor="middle">([^<]*)</text>', svg)
    return [(int(x), int(y), int(h), c, counts[2 * k], counts[2 * k + 1]) for k, (x, y, h, c) in enumerate(rects)]


def test_a_histogram_has_a_bar_per_possible_score_scaled_to_the_tallest():
    svg = summary.histogram_svg(Counter({0: 1, 2: 4}), 3, 'scores "<x>"')
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" width="118" height="94" role="img" '
                          'aria-label="scores &quot;&lt;x&gt;&quot;">') and svg.endswith("</svg>")
    assert bars(svg) == [(6, 59, 15, "#d32f2f", "1", "0"), (34, 74, 0, "#e65100", "0", "1"),
                         (62, 14, 60, "#e65100", "4", "2"), (90, 74, 0, "#2e7d32", "0", "3")]
    assert re.search(r'<text x="17\.0" y="56" ', svg) and re.search(r'<text x="17\.0" y="87" ', svg)
    halves = summary.histogram_svg(Counter({0.5: 2, 2: 1}), 2.5, "h")
    assert [b[5] for b in bars(halves)] == ["0.5", "2"]
    many = summary.histogram_svg(Counter({41: 1}), 41, "h")
    assert [b[5] for b in bars(many)] == ["41"] and bars(summary.histogram_svg(Counter(), 1, "h"))[0][2] == 0
    assert len(bars(summary.histogram_svg(Counter({40: 1}), 40, "h"))) == 41


def test_percentages_are_rounded_and_zero_of_nobody():
    assert [summary._percent(1, 3), summary._percent(2, 3), summary._percent(0, 0), summary._percent(3, 3)] == \
        [33, 67, 0, 100]


def test_the_summary_page_shows_the_class_mistakes_and_each_exercise():
    page = summary.summary_html(CLASS)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>'
                           + msg("summary.title") + "</title>")
    overview = msg("summary.overview", learners=4, assignments="w1, w2", mean=f"{9 / 4:.1f}", max_score=4, date="today")
    assert f"<p>{overview}</p>" in page
    assert f'<li>{msg("summary.mistake", count=3, learners=4, name=SWAPPED)} (<code>step</code>)</li>' in page
    assert msg("summary.mistake", count=1, learners=4, name="x &lt;y&gt;") in page
    assert msg("summary.no_mistakes") not in page
    rate = msg("summary.rate", count=1, learners=4, percent=25)
    assert f"<td>{rate}</td><td>{msg('summary.rate', count=4, learners=4, percent=100)}</td>" in page
    assert f"<td><code>count</code><br><small>w2</small></td>" in page
    assert page.count("<svg") == 3 and page.count("<tr>") == 3
    for key in ("summary.mistakes_heading", "summary.exercises_heading", "summary.col_scores",
                "summary.total_histogram"):
        assert html.escape(msg(key)) in page
    empty = summary.summary_html({"submissions": [], "assignments": []}, "zh")
    assert '<html lang="zh">' in empty and catalogue("zh")["summary.no_mistakes"] in empty
    assert catalogue("zh")["summary.overview"].format(learners=0, assignments="", mean="0.0", max_score=0,
                                                       date="?") in empty


def test_an_exercise_the_catalogue_knows_shows_its_title(tmp_path):
    known = next(k[len("title."):] for k in catalogue("en") if k.startswith("title."))
    data = {"submissions": [sub("a", ex(known, "passed", 1, 1))], "assignments": ["w1"], "max_score": 1}
    page = summary.summary_html(data)
    assert f"<code>{known}</code><br><small>{msg('title.' + known)}</small>" in page
    summary.write_summary(data, tmp_path / "s.html")
    assert (tmp_path / "s.html").read_text(encoding="utf-8") == page


def test_a_single_learner_per_score_fills_the_bar_and_absent_scores_are_empty():
    assert [(b[2], b[4]) for b in bars(summary.histogram_svg(Counter({1: 1}), 2, "h"))] == [(0, "0"), (60, "1"),
                                                                                         (0, "0")]


def test_a_passed_exercise_never_counts_and_every_failure_after_a_skipped_one_does():
    odd = {"submissions": [sub("a", ex("s", "passed", 1, 1, mistake=MISTAKE), ex("t", "not_attempted", 0, 1),
                                ex("u", "failed", 0, 1, mistake=MISTAKE), ex("u", "failed", 0, 1, mistake=MISTAKE),
                                ex("v", "failed", 0, 1))]}
    assert summary.ranked_mistakes(odd) == [(1, "u", SWAPPED), (1, "v", msg("summary.unnamed"))]


def test_the_summary_speaks_the_results_language_and_reads_what_they_lack():
    page = summary.summary_html({**CLASS, "language": "zh"})
    zh = catalogue("zh")
    assert '<html lang="zh">' in page and zh["mistake.if_swapped"] in page and zh["summary.title"] in page
    known = next(k[len("title."):] for k in zh if k.startswith("title."))
    page = summary.summary_html({"submissions": [sub("a", ex(known, "passed", 1, 1))], "assignments": ["w1"],
                                 "max_score": 1}, "zh")
    assert f"<small>{zh['title.' + known]}</small>" in page
    bare = summary.summary_html({"submissions": [sub("a", ex("s", "failed", 0, 2))]})
    assert msg("summary.overview", learners=1, assignments="", mean="0.0", max_score=0, date="?") in bare
    total = bare[bare.index("<svg"):bare.index("</svg>")]
    assert [b[5] for b in bars(total)] == ["0"]  # no max_score: one bar, at 0


def test_quotes_stay_as_written_in_markdown_and_names_keep_their_letters():
    assert feedback._md('say "hi", it\'s') == 'say "hi", it\'s'
    assert feedback._safe("Xavier.X") == "Xavier.X"
    assert feedback.page_name(sub("c", path="dl/doe:jane_12_34_w1.ipynb")) == (None, "doejane_12_34_feedback")


def test_a_verdict_without_a_space_after_its_headline_keeps_its_first_letter():
    head = msg("inline.head", item="step", headline=msg("headline.failed", points=0, max_points=1))
    assert feedback._rest(ex("step", "failed", 0, 1, text=head + "h differs"), None) == "h differs"


def test_pages_of_a_report_graded_in_chinese(tmp_path):
    with speaking("zh"):
        s = sub("a", ex("step", "failed", 1, 3, mistake=MISTAKE), late=["w1", "w2"], notes=["n1", "n2"])
    data = {"assignments": ["w1"], "language": "zh", "submissions": [s]}
    page = feedback.page_html(s, data)
    assert '<html lang="zh">' in page and "<li>n1</li><li>n2</li>" in page
    assert catalogue("zh")["feedback.late"].format(assignments="w1, w2") in page
    assert ">h differs at [0]</div>" in page  # the verdict read in the language it was graded in
    md = feedback.page_markdown(s, data).split("\n")
    assert md[0] == "# " + catalogue("zh")["feedback.title"].format(learner="a")
    assert "  - h differs at \\[0\\]" in md and feedback._md(catalogue("zh")["feedback.late"].format(
        assignments="w1, w2")) in md
    assert feedback.page_html(s, {"submissions": [s]}).startswith('<!DOCTYPE html>\n<html lang="en">')
    with speaking("zh"):
        plain = feedback.page_markdown(sub("b"), {})
    assert plain.startswith("# " + msg("feedback.title", learner="b"))  # no language recorded: English
    pages = feedback.write_pages({"submissions": [sub("b")]}, tmp_path, "zh")
    assert pages[0].with_suffix(".md").read_text().startswith("# " + catalogue("zh")["feedback.title"].format(
        learner="b"))


def reviewed_pages():
    """{file name: text} of the pages as generated now, for the reviewed copies in tests/lms_reviewed/."""
    s = {**CLASS["submissions"][3], "late": ["w1"], "notes": ["see <this> *now*"],
         "notebooks": {"w1": "dl/Jane Doe_77_assignsubmission_file_/w1.ipynb"}}
    data = {**DATA, "submissions": [s]}
    return {"summary.html": summary.summary_html(CLASS), "feedback.html": feedback.page_html(s, data),
            "feedback.md": feedback.page_markdown(s, data)}


REVIEWED = __import__("pathlib").Path(__file__).resolve().parent / "lms_reviewed"


@pytest.mark.parametrize("name", ["summary.html", "feedback.html", "feedback.md"])
def test_the_pages_are_the_reviewed_ones(name):
    assert reviewed_pages()[name] == (REVIEWED / name).read_text(encoding="utf-8"), (
        f"{name} changed: if that was meant, run python tests/test_lms_pages.py and review the diff")


if __name__ == "__main__":
    REVIEWED.mkdir(exist_ok=True)
    for name, text in reviewed_pages().items():
        (REVIEWED / name).write_text(text, encoding="utf-8")
    print(f"wrote {REVIEWED}")
