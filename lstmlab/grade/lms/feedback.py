"""One feedback page per learner, read from the results JSON: HTML (each verdict as the notebook's check() box shows
it) and Markdown (for an LMS's comment box), named so the LMS files them to the right learner.

Each exercise shows what the learner saw in the notebook: the headline, the likely mistake and its fix, then what
differs and where; only the JSON's feedback is used, which the grader writes without a probe's expected values.
Names (from lstmlab.grade.lms.names):
- Moodle download (`Jane Doe_12345_assignsubmission_file_/...`): `Jane Doe_12345_assignsubmission_file_/feedback.html`;
  zip the folder's contents for "Upload multiple feedback files in a zip" (its importer reads the participant id
  after the first `_` of a path part: mod/assign/feedback/file/importziplib.php, so `_` in a name becomes a space);
- Canvas download (`doejane_LATE_12345_67890_01_one_cell.ipynb`): `doejane_12345_67890_feedback.html`; zip them for
  the assignment's "Re-Upload Submissions", which attaches each file as a comment to the submission whose user id
  and attachment id are the first two numbers of its name (instructure/canvas-lms, Assignment#generate_comments_from_files);
- otherwise `<learner>/feedback.html`.
Learners' text (names, file names, messages) is escaped in HTML and Markdown.
"""
import html
import re
import zipfile
from pathlib import Path

from ...checks.verdict import STATUSES, Verdict
from ...messages import msg, speaking
from .names import identity
from ..report import _atomic_write

UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")
MARKDOWN = re.compile(r"([\\`*_{}\[\]<>#|!])")


def _safe(name, limit=120):
    """A file or folder name from learner text: no separators, controls or leading dots; at most `limit` chars."""
    cleaned = UNSAFE.sub("_", str(name)).strip().lstrip(".") or "_"
    return cleaned[:limit]


def page_name(sub):
    """(folder or None, file stem) of a learner's feedback files: named for Moodle's or Canvas's upload, else plain."""
    who = identity(sub)
    if who["moodle"] is not None and len(who["moodle_participants"]) == 1:
        full_name = _safe(who["moodle"]["full_name"]).replace("_", " ")
        return f"{full_name}_{who['moodle']['participant']}_assignsubmission_file_", "feedback"
    if who["canvas"] is not None and len(who["canvas_user_ids"]) == 1:
        c = who["canvas"]
        return None, f"{_safe(c['name']).replace('_', '')}_{c['user_id']}_{c['attachment_id']}_feedback"
    return _safe(sub["learner"]), "feedback"


def display_name(sub):
    """The learner as the LMS names them: Moodle's full name or Canvas's login, with the id graded under."""
    who = identity(sub)
    name = (who["moodle"] or {}).get("full_name") or (who["canvas"] or {}).get("name")
    return f"{name} ({sub['learner']})" if name and name != sub["learner"] else str(sub["learner"])


def _rest(e, mistake):
    """The verdict's text after its headline, likely mistake and fix (all shown on their own)."""
    text = e["feedback"]
    head = msg("inline.head", item=e["id"], headline=msg(f"headline.{e['status']}", points=e["points"],
                                                          max_points=e["max_points"]))
    join = msg("inline.join")
    pieces = [head] + ([msg("inline.mistake", name=mistake["name"]), msg("inline.fix", fix=mistake["fix"])]
                       if mistake else [])
    for piece in pieces:
        if text.startswith(piece):
            text = text[len(piece):]
            text = text[len(join):] if join and text.startswith(join) else text
    return re.sub(rf"^{re.escape(e['id'])}\s*[:：]\s*", "", text).strip()


def verdict(e, language):
    """The Verdict the learner saw in the notebook, rebuilt from one exercise of the JSON."""
    mistake = e.get("mistake")
    with speaking(language):
        rest = _rest(e, mistake) if e.get("status") in STATUSES else e["feedback"]
    return Verdict(e["id"], e["status"], e["points"], e["max_points"], mistake=mistake and mistake["name"],
                   fix=mistake and mistake["fix"], problem=rest or None)


def _assignments(sub, data):
    """[(assignment, [exercises])] in the JSON's order."""
    order = list(data.get("assignments", []))
    groups = {}
    for e in sub["exercises"]:
        groups.setdefault(e.get("assignment"), []).append(e)
    return sorted(groups.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))


def page_html(sub, data, language=None):
    """One learner's feedback as a standalone HTML page (UTF-8, inline CSS, no script)."""
    graded_in = data.get("language", "en")
    lang = language or graded_in
    e_ = html.escape
    with speaking(lang):
        title = msg("feedback.title", learner=display_name(sub))
        score = msg("feedback.score", score=sub["score"], max_score=sub["max_score"])
        body = [f"<h1>{e_(title)}</h1>", f"<p class=\"lstmlab-score\"><strong>{e_(score)}</strong></p>"]
        if sub.get("late"):
            late = msg("feedback.late", assignments=", ".join(sub["late"]))
            body.append(f"<p class=\"lstmlab-late\">{e_(late)}</p>")
        body.append(f"<p>{e_(msg('feedback.intro'))}</p>")
        for assignment, exercises in _assignments(sub, data):
            body.append(f"<h2>{e_(str(assignment))}</h2>")
            with speaking(graded_in):  # the verdict in the words it was graded in, as the notebook showed it
                body += [verdict(e, graded_in)._repr_html_() for e in exercises]
        if sub.get("notes"):
            body.append(f"<h2>{e_(msg('feedback.notes'))}</h2><ul>"
                        + "".join(f"<li>{e_(n)}</li>" for n in sub["notes"]) + "</ul>")
        footer = msg("feedback.footer", version=data.get("lstmlab_version", "?"), date=data.get("graded_at", "?"))
    style = ("body { font-family: system-ui, sans-serif; max-width: 52em; margin: 2em auto; padding: 0 1em; "  # not learner-facing: CSS
             "line-height: 1.5; } code { font-family: ui-monospace, monospace; } footer { color: #666; }")
    return (f"<!DOCTYPE html>\n<html lang=\"{e_(lang)}\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{e_(title)}</title>\n"
            f"<style>{style}</style>\n</head>\n<body>\n" + "\n".join(body)
            + f"\n<footer><p>{e_(footer)}</p></footer>\n</body>\n</html>\n")


def _md(text):
    """Learner text for Markdown: HTML escaped, Markdown's own characters backslashed, one line."""
    return MARKDOWN.sub(r"\\\1", html.escape(" ".join(str(text).split()), quote=False))


def page_markdown(sub, data, language=None):
    """One learner's feedback as Markdown, for an LMS's comment box."""
    graded_in = data.get("language", "en")
    with speaking(language or graded_in):
        lines = [f"# {_md(msg('feedback.title', learner=display_name(sub)))}", "",
                 f"**{_md(msg('feedback.score', score=sub['score'], max_score=sub['max_score']))}**", ""]
        if sub.get("late"):
            lines += [_md(msg("feedback.late", assignments=", ".join(sub["late"]))), ""]
        for assignment, exercises in _assignments(sub, data):
            lines += [f"## {_md(assignment)}", ""]
            for e in exercises:
                v = verdict(e, graded_in)
                with speaking(graded_in):
                    lines.append(f"- **{_md(e['id'])}**: {_md(v.headline)}")
                    if v.mistake:
                        lines.append(f"  - **{_md(msg('line.mistake', name=v.mistake))}**")
                        lines.append(f"  - {_md(msg('line.fix', fix=v.fix))}")
                if v.problem:
                    lines.append(f"  - {_md(v.problem)}")
            lines.append("")
        if sub.get("notes"):
            lines += [f"## {_md(msg('feedback.notes'))}", ""] + [f"- {_md(n)}" for n in sub["notes"]] + [""]
    return "\n".join(lines)


def write_pages(data, folder, language=None):
    """Every learner's feedback.html and feedback.md under folder; [paths of the HTML pages]."""
    folder = Path(folder)
    written, seen = [], set()
    for sub in data["submissions"]:
        sub_folder, first = page_name(sub)
        base, stem, n = folder / sub_folder if sub_folder else folder, first, 1
        while (base, stem) in seen:  # two learners of one name: never one page for both
            n += 1
            base, stem = (folder / f"{sub_folder}-{n}", first) if sub_folder else (folder, f"{first}-{n}")
        seen.add((base, stem))
        base.mkdir(parents=True, exist_ok=True)
        _atomic_write(base / f"{stem}.html", page_html(sub, data, language))
        _atomic_write(base / f"{stem}.md", page_markdown(sub, data, language))
        written.append(base / f"{stem}.html")
    return written


def write_zip(pages, folder, path):
    """The pages (HTML and their Markdown) in one zip, named relative to folder: what the LMS's upload takes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for page in pages:
            for f in (page, page.with_suffix(".md")):
                z.write(f, f.relative_to(folder).as_posix())
