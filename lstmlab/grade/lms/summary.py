"""The class at a glance, read from the results JSON: per exercise the pass rate and a histogram of scores, and the
named mistakes ranked by how many learners made them ("14 of 40: input and forget gates swapped"), as one HTML
page with inline SVG (no script, nothing fetched)."""
import html
from collections import Counter

from ...messages import catalogue, msg, speaking
from ..report import _atomic_write


def exercise_stats(data):
    """[{"id", "assignment", "max_points", "passed", "attempted", "scores": Counter}] in the JSON's exercise order."""
    stats = {}
    for sub in data["submissions"]:
        for e in sub["exercises"]:
            s = stats.setdefault(e["id"], {"id": e["id"], "assignment": e.get("assignment"),
                                           "max_points": e["max_points"], "passed": 0, "attempted": 0,
                                           "scores": Counter()})
            s["passed"] += e["status"] == "passed"
            s["attempted"] += e["status"] != "not_attempted"
            s["scores"][e["points"]] += 1
    return list(stats.values())


def ranked_mistakes(data, language=None):
    """[(count, exercise id, mistake name)], most learners first: each learner counted once per mistake."""
    counts, names = Counter(), {}
    for sub in data["submissions"]:
        seen = set()
        for e in sub["exercises"]:
            if e["status"] == "passed":
                continue
            m = e.get("mistake")
            key = (e["id"], m["key"] if m else None) if m or e["status"] == "failed" else None
            if key is None or key in seen:
                continue
            seen.add(key)
            counts[key] += 1
            if m:
                names[key] = catalogue(language).get(f"mistake.{m['key']}") or m["name"]
    with speaking(language):
        return sorted(((n, k[0], names.get(k) or msg("summary.unnamed")) for k, n in counts.items()),
                      key=lambda t: (-t[0], t[1], t[2]))


def histogram_svg(scores, max_points, label):
    """A bar per possible score (0..max_points) with its count above it, as inline SVG."""
    values = list(range(int(max_points) + 1)) if max_points == int(max_points) and max_points <= 40 else sorted(scores)
    top = max([scores.get(v, 0) for v in values] + [1])
    bar, gap, height = 22, 6, 60
    width = len(values) * (bar + gap) + gap
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 34}" role="img" '
             f'aria-label="{html.escape(label)}">']
    for k, v in enumerate(values):
        n = scores.get(v, 0)
        h = round(height * n / top)
        x = gap + k * (bar + gap)
        colour = "#2e7d32" if v == max_points else "#d32f2f" if v == 0 else "#e65100"  # not learner-facing: colours
        parts.append(f'<rect x="{x}" y="{height - h + 14}" width="{bar}" height="{h}" fill="{colour}"/>')
        parts.append(f'<text x="{x + bar / 2}" y="{height - h + 11}" font-size="10" text-anchor="middle">{n}</text>')
        parts.append(f'<text x="{x + bar / 2}" y="{height + 27}" font-size="10" text-anchor="middle">{v}</text>')
    return "".join(parts) + "</svg>"


def _percent(part, whole):
    return round(100 * part / whole) if whole else 0


def summary_html(data, language=None):
    """The class summary page."""
    lang = language or data.get("language", "en")
    e_ = html.escape
    learners = len(data["submissions"])
    with speaking(lang):
        title = msg("summary.title")
        totals = Counter(s["score"] for s in data["submissions"])
        mean = sum(s["score"] for s in data["submissions"]) / learners if learners else 0
        overview = msg("summary.overview", learners=learners, assignments=", ".join(data.get("assignments", [])),
                       mean=f"{mean:.1f}", max_score=data.get("max_score", 0), date=data.get("graded_at", "?"))
        body = [f"<h1>{e_(title)}</h1>", f"<p>{e_(overview)}</p>",
                histogram_svg(totals, data.get("max_score", 0), msg("summary.total_histogram")),
                f"<h2>{e_(msg('summary.mistakes_heading'))}</h2>"]
        mistakes = ranked_mistakes(data, lang)
        if mistakes:
            body.append("<ol class=\"lstmlab-mistakes\">" + "".join(
                f"<li>{e_(msg('summary.mistake', count=n, learners=learners, name=name))} "
                f"(<code>{e_(item)}</code>)</li>" for n, item, name in mistakes) + "</ol>")
        else:
            body.append(f"<p>{e_(msg('summary.no_mistakes'))}</p>")
        body.append(f"<h2>{e_(msg('summary.exercises_heading'))}</h2>")
        head = "".join(f"<th>{e_(text)}</th>" for text in (msg("summary.col_exercise"), msg("summary.col_passed"),
                                                             msg("summary.col_attempted"), msg("summary.col_scores")))
        rows = []
        for s in exercise_stats(data):
            name = catalogue(lang).get(f"title.{s['id']}")
            label = f"<code>{e_(s['id'])}</code>" + (f"<br><small>{e_(name)}</small>" if name else "")
            passed, attempted = (msg("summary.rate", count=s[k], learners=learners, percent=_percent(s[k], learners))
                                 for k in ("passed", "attempted"))
            svg = histogram_svg(s["scores"], s["max_points"], msg("summary.histogram", id=s["id"]))
            rows.append(f"<tr><td>{label}<br><small>{e_(str(s['assignment']))}</small></td>"
                        f"<td>{e_(passed)}</td><td>{e_(attempted)}</td><td>{svg}</td></tr>")
        body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    style = ("body { font-family: system-ui, sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; "  # not learner-facing: CSS
             "line-height: 1.5; } table { border-collapse: collapse; } td, th { border-bottom: 1px solid #ddd; "
             "padding: 4px 10px; text-align: left; vertical-align: middle; } svg text { fill: #333; }")
    return (f"<!DOCTYPE html>\n<html lang=\"{e_(lang)}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{e_(title)}</title>\n"
            f"<style>{style}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")


def write_summary(data, path, language=None):
    _atomic_write(path, summary_html(data, language))
