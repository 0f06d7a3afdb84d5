"""`lstmlab gradescope`: an autograder.zip that grades one learner's upload on Gradescope with `lstmlab grade`.

The zip holds, at its top: setup.sh (installs the lstmlab wheel carried in the zip, pinned to this version; tries
to install bubblewrap; makes lstmlab and the zip's files private to root), run_autograder (grades
$AUTOGRADER_ROOT/submission, default /autograder, in bubblewrap, else only in the uid isolation when the teacher chose
it with --isolation uid, and writes results/results.json), the wheel, config (the assignments and the isolation),
course/ (their pristine notebooks, so the autograder grades against exactly these) and items/ (the teacher's --items
files).
"""
import json
import sys
import tempfile
import zipfile
from pathlib import Path

from ..exercises.contract import REPO
from ..exercises.wheel import WHEEL_SOURCES, build_wheel, check_wheel, wheel_name  # noqa: F401  (one wheel builder, shared with release)

EPOCH = (1980, 1, 1, 0, 0, 0)  # fixed zip timestamps: the same inputs give the same zip

SETUP_SH = r"""#!/usr/bin/env bash
# Gradescope runs this once, as root, in /autograder/source when it builds the autograder's image.
# Written by `lstmlab gradescope` (lstmlab @VERSION@): installs that very lstmlab from the wheel in this zip.
set -euo pipefail
cd "$(dirname "$0")"
export DEBIAN_FRONTEND=noninteractive
# bubblewrap: run_autograder grades in its sandbox wherever the container allows it. Where it cannot run, it grades
# only if the teacher built this zip with --isolation uid (an unprivileged uid of its own), else it says why and stops.
if ! command -v bwrap >/dev/null 2>&1; then
  (apt-get update -qq && apt-get install -y -qq bubblewrap >/dev/null) \
    || echo "setup.sh: could not install bubblewrap (run_autograder: see config's isolation=)"
fi
if ! python3 -m pip --version >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq python3 python3-pip >/dev/null
fi
# lstmlab and what grading needs (lstmlab[grade]: NumPy, nbformat, IPython), pinned to the wheel's version.
python3 -m pip install --quiet "./@WHEEL@[grade]" \
  || python3 -m pip install --quiet --break-system-packages "./@WHEEL@[grade]"  # Ubuntu 24.04's externally managed Python
lstmlab info
# In the uid isolation the student's code runs as an unprivileged uid: lstmlab (its reference answers), this folder
# (the wheel, course/, items/) and the results are private to root, which runs lstmlab grade.
chmod -R go-rwx "$(python3 -c 'import importlib.util, os; print(os.path.dirname(importlib.util.find_spec("lstmlab").origin))')"
chmod -R go-rwx "$PWD"
"""

RUN_AUTOGRADER = r"""#!/usr/bin/env bash
# Gradescope runs this for every submission: grade $AUTOGRADER_ROOT/submission (default /autograder/submission)
# with `lstmlab grade`, which writes $AUTOGRADER_ROOT/results/results.json. Written by `lstmlab gradescope`
# (lstmlab @VERSION@); the assignments graded are listed in source/config.
set -uo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
SOURCE="$ROOT/source"
RESULTS="$ROOT/results/results.json"
ERR="${TMPDIR:-/tmp}/lstmlab-grade-stderr.$$"
mkdir -p "$ROOT/results"
rm -f "$RESULTS"
# Private to root, which grades: in the uid isolation the student's code reads none of them.
chmod -R go-rwx "$SOURCE" "$ROOT/results" "$ROOT/submission" "$ROOT/submission_metadata.json" 2>/dev/null

args=()
names=()
isolation=bubblewrap
while IFS='=' read -r key value; do
  case "$key" in
    isolation) isolation="$value" ;;
    assignment) args+=(--assignment "$value"); names+=("$value") ;;
    course) args+=(--course "$SOURCE/$value") ;;
    items) args+=(--items "$SOURCE/$value") ;;
    language) export LSTMLAB_LANG="$value" ;;
  esac
done < "$SOURCE/config"

grade() {
  lstmlab grade "$ROOT/submission" "${args[@]}" --gradescope-results "$RESULTS" --quiet "$@" 2>"$ERR"
  status=$?
  cat "$ERR" >&2
}

# Put a sentence at the top of results.json's "output" (what the student sees above the tests).
note() {
  if command -v python3 >/dev/null 2>&1 && [ -f "$RESULTS" ]; then
    python3 - "$RESULTS" "$1" <<'PY'
import json, sys
path, note = sys.argv[1], sys.argv[2]
with open(path) as f:
    data = json.load(f)
data["output"] = note + ("\n\n" + data["output"] if data.get("output") else "")
with open(path, "w") as f:
    json.dump(data, f, indent=1)
PY
  fi
  echo "run_autograder: $1"
}

grade --isolation bubblewrap
# First choice: the bubblewrap sandbox. Where it cannot run (containers that forbid user namespaces), `lstmlab grade`
# exits 2 saying "isolation is unavailable" and grades nothing. Only the teacher's choice when building this zip
# (config: isolation=uid) lets it grade then, as an unprivileged uid; never without isolation. The results say which.
if [ "$status" -eq 2 ] && [ "$isolation" = uid ] && [[ "$(<"$ERR")" == *"isolation is unavailable"* ]]; then
  grade --isolation uid
fi
if [ "$status" -eq 1 ]; then
  note "@NO_MATCH@"
fi
if [ ! -s "$RESULTS" ]; then
  # lstmlab grade could not run at all: say so to the student instead of leaving Gradescope without results.
  lines=()
  [ -f "$ERR" ] && mapfile -t lines < "$ERR"
  start=$(( ${#lines[@]} > 3 ? ${#lines[@]} - 3 : 0 ))
  reason="${lines[*]:start}"
  if command -v python3 >/dev/null 2>&1; then
    python3 - "$RESULTS" "$status" "$reason" <<'PY'
import json, sys
path, status, reason = sys.argv[1], sys.argv[2], sys.argv[3]
output = @FAILED@.format(status=status, reason=reason) + "\n" + @NOT_YOUR_FAULT@
with open(path, "w") as f:
    json.dump({"score": 0, "output": output, "tests": [], "visibility": "visible"}, f, indent=1)
PY
  else
    echo '@FAILED_SHORT_JSON@' > "$RESULTS"
  fi
fi
rm -f "$ERR"
exit 0
"""


def _bash_double_quoted(text):
    """text inside a bash "..." string: its own $, `, \\ and " escaped."""
    return "".join("\\" + c if c in '$`\\"' else c for c in text)


STUDENT_KEYS = ("no_match", "failed", "not_your_fault", "failed_short")  # grade.gradescope.<key>


def learner_sentences(language):
    """run_autograder with the sentences a student reads in `language` (bash strings, Python literals, JSON)."""
    from ..messages import template
    say = lambda key: template(f"grade.gradescope.{key}", language)  # key: one of STUDENT_KEYS
    no_match = _bash_double_quoted(say("no_match")).replace("{names}", "${names[*]}").replace("{first}", "${names[0]}")
    short = json.dumps({"score": 0, "output": say("failed_short"), "tests": []}).replace("'", "'\\''")
    return {"@NO_MATCH@": no_match,
            "@FAILED@": json.dumps(say("failed")), "@NOT_YOUR_FAULT@": json.dumps(say("not_your_fault")),
            "@FAILED_SHORT_JSON@": short}


def run_autograder(version, language):
    """The run_autograder script of this version, its student-facing sentences in `language`."""
    script = RUN_AUTOGRADER.replace("@VERSION@", version)
    for mark, value in learner_sentences(language).items():
        script = script.replace(mark, value)
    return script


def add_arguments(parser):
    from ..messages import CATALOGUES
    parser.add_argument("--language", choices=sorted(CATALOGUES), default=None, help="the language of students' "
                        "feedback on Gradescope (default: LSTMLAB_LANG, else English)")
    parser.add_argument("--assignment", action="append", required=True, metavar="NAME",
                        help="an exercise notebook this Gradescope assignment grades (its stem, e.g. 01_one_cell); "
                             "repeatable")
    parser.add_argument("--out", default="autograder.zip", metavar="ZIP", help="where to write the zip "
                        "(default: autograder.zip)")
    parser.add_argument("--items", action="append", default=[], metavar="FILE",
                        help="a Python file defining ITEMS (your own graded items), carried in the zip; repeatable")
    parser.add_argument("--course", metavar="DIR", help="your own course's exercise notebooks (as for lstmlab grade); "
                        "default: this clone's, else the installed ones")
    parser.add_argument("--isolation", choices=("bubblewrap", "uid"), default="bubblewrap", help="where bubblewrap "
                        "cannot run in Gradescope's container: bubblewrap (default) grades nothing and says why; uid "
                        "grades as an unprivileged uid that can read none of the autograder's files")
    parser.add_argument("--wheel", metavar="PATH", help=f"the lstmlab wheel to install on Gradescope "
                        "(default: build it from this clone)")


def config_text(version, assignments, items, language="en", isolation="bubblewrap"):
    """source/config: key=value lines that run_autograder turns into `lstmlab grade` options (and LSTMLAB_LANG)."""
    lines = [f"# lstmlab's autograder, written by `lstmlab gradescope` (lstmlab {version}); read by run_autograder",
             f"version={version}", f"wheel={wheel_name(version)}", "course=course", f"language={language}",
             f"isolation={isolation}"]
    lines += [f"assignment={name}" for name in assignments] + [f"items=items/{name}" for name in items]
    return "\n".join(lines) + "\n"


def write_zip(path, members):
    """Write members [(name in the zip, bytes, executable?)] to path, whole (a temporary file, then a rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with zipfile.ZipFile(tmp, "w") as zf:  # each member deflated: its ZipInfo says so
        for name, data, executable in members:
            info = zipfile.ZipInfo(name, date_time=EPOCH)
            info.external_attr = (0o100755 if executable else 0o100644) << 16  # regular file, rwxr-xr-x / rw-r--r--
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    tmp.replace(path)


def _items_members(files):
    """[(items/<name>, bytes)] of the teacher's items files; ValueError when two share a name."""
    members, seen = [], {}
    for file in files:
        name = Path(file).name
        if name in seen:
            raise ValueError(f"--items {file} and {seen[name]} share the file name {name!r}: rename one")
        seen[name] = file
        members.append((f"items/{name}", Path(file).read_bytes()))
    return members


def run(args):
    from .. import __version__
    from ..checks.registry import all_items, contract_problems
    from .course import Course
    from ..messages import language as current, set_language
    language = set_language(args.language) if args.language else current()
    items = all_items(args.items)  # a broken items file fails here, not on Gradescope
    course = Course.find(args.course).select(args.assignment)
    for assignment in course.assignments.values():
        for problem in contract_problems(assignment.notebook, items, assignment.name):
            print(f"lstmlab gradescope: warning: {problem}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="lstmlab-gradescope-") as tmp:
        if args.wheel:
            wheel = check_wheel(args.wheel, __version__)
        elif (REPO / "pyproject.toml").is_file():
            print(f"building lstmlab's wheel from {REPO} ...", file=sys.stderr)
            wheel = check_wheel(build_wheel(REPO, tmp), __version__)
        else:
            raise ValueError(f"no wheel to put in the autograder: this lstmlab is installed, not a clone; give --wheel "
                             f"PATH, this version's {wheel_name(__version__)} (`pip wheel --no-deps` in a clone of "
                             f"lstmlab {__version__} writes it; so does `pip download lstmlab=={__version__} --no-deps` "
                             "where it is published)")
        members = [("setup.sh", SETUP_SH.replace("@VERSION@", __version__).replace("@WHEEL@", wheel.name).encode(), True),
                   ("run_autograder", run_autograder(__version__, language).encode(), True),
                   (wheel.name, wheel.read_bytes(), False),
                   ("config", config_text(__version__, list(course.assignments), [Path(f).name for f in args.items],
                                          language, args.isolation).encode(), False)]
        members += [(f"course/{a.path.name}", a.path.read_bytes(), False) for a in course.assignments.values()]
        members += [(name, data, False) for name, data in _items_members(args.items)]
        write_zip(args.out, members)
    print(f"{args.out}: " + ", ".join(name for name, _, _ in members))
    print(f"Upload it as the Gradescope assignment's autograder (Configure Autograder, zip file upload); learners "
          f"submit {', '.join(a + '.ipynb' for a in course.assignments)}.")
    return 0
