"""Mutation testing of the grader and the comparison at the heart of check(): mutmut (PyPI, in the `dev` extra) plants
one small bug at a time in a module and runs the tests that hold it; prints the share of mutants the tests kill,
per module and in all. Every survivor is a missing test or dead code.

Usage: .venv/bin/python bench/mutation.py [MODULE ...] [--jobs 2] [--survivors] [--keep] [--in-place ...]
MODULE: a path such as lstmlab/grade/results.py (default: every module in TESTS). Each module runs in its own copy
of the repository under /tmp (mutmut writes a mutants/ folder beside its sources), with only its fast tests,
selected per module below (the sandbox tests take seconds each; mutmut runs only the tests that reach the mutated
function). mutmut sees only code the tests run in their own process: what runs in a subprocess (the `lstmlab`
command, runner.py inside the sandbox) shows as "no tests" unless a test also calls it directly.
--survivors prints each surviving mutant's diff (about a second each: one `mutmut show`); --keep keeps the copies.
Target (issue 19): at least 90% killed in lstmlab/grade/ and lstmlab/checks/compare.py.
Measured (December 2026, mutmut 3.8, --jobs 1; killed of mutants): checks/compare.py 750 of 758 (99%);
grade/results.py 270 of 270 (100%), grade/report.py 253 of 255 (99%), grade/course.py 123 of 123 (100%),
grade/authoring.py 35 of 35 (100%), grade/collect.py 515 of 563 (91%), grade/cli.py 792 of 798 (99%), grade/batch.py
512 of 541 (94%), grade/runtime.py 295 of 298 (98%), grade/gradescope.py 368 of 371 (99%), grade/lms/names.py 96 of
96 (100%), grade/lms/sheet.py 202 of 206 (98%), grade/lms/canvas.py 411 of 413 (99%), grade/lms/moodle.py 286 of 291
(98%), grade/lms/cli.py 385 of 390 (98%), grade/lms/summary.py 443 of 447 (99%), grade/lms/feedback.py 546 of 551
(99%). In all, over these grade/ modules: 5532 of 5648 (98%).
--in-place [--sample 40] [--seed 19] [--mutant NAME ...]: for the modules whose tests start a sandbox (IN_PLACE:
run.py, sandbox.py, runner.py, core.py, plan.py). Such a test fails inside mutmut's forked mutant process, so every
mutant reads as killed (all 578 of run.py, in 0.2 s each): mutmut sets that process's hard RLIMIT_CPU a second above
the mutant's CPU budget, and the sandbox's `prlimit --cpu=N` may not raise it ("Operation not permitted": the
grader refuses to grade). The earlier 100% of core.py and plan.py came from this. --in-place writes one of mutmut's
own mutants at a time into the module in a copy of the repository and runs the module's tests there as a
subprocess, sandbox included; a uniform sample per module (fixed seed), killed of sampled with a 95% Wilson interval
(statsmodels). --mutant runs the named mutants, printing each diff and its tests' output.
Measured (December 2026, --seed 19; before -> after the tests written for the survivors: the same sample where
the module did not change, drawn again where it did (run.py, runner.py), each old survivor also re-run):
grade/run.py 24 of 40 (60%, 95% interval 45-74%) -> 39 of 40 (98%, 87-100%); grade/sandbox.py 16 of 20 (80%,
58-92%) -> 19 of 20 (95%, 76-99%); grade/runner.py 5 of 20 (25%, 11-47%) -> 18 of 20 (90%, 70-97%); grade/plan.py
8 of 15 (53%, 30-75%) -> 15 of 15 (100%, 80-100%: its tests of input limits, added cells and hostile notebooks were
missing from the list); grade/core.py 6 of 15 (40%, 20-64%) -> 14 of 15 (93%, 70-99%). About 15 s a mutant on the
2 shared cores (-x: a kill stops at the first failing test). Left: run.py's frame() packing "<q" for "<Q" and
core.py's default "MISSING" for "missing" (equivalent: no length reaches 2**63, the default is only compared with
other words), sandbox.py's default "XXXX" for a status without a Uid line (equivalent: every /proc/PID/status has
one), and in runner.py a start event without its unit (the grader then blames the first unit not done, the same
one) and `np` missing from the answers' namespace (matters only when the setup cell is dropped; no test yet).
"""
import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_SLOW = "not grader and not sandbox"  # -k: leave out the tests that start a sandbox

# module -> (test files, -k expression or None): the tests that hold that module, fast ones first
TESTS = {
    "lstmlab/checks/compare.py": (["tests/test_check_wording.py", "tests/test_nan_answers.py",
                                   "tests/test_checks_mistakes.py", "tests/test_bad_inputs.py",
                                   "tests/test_check_display.py"], NOT_SLOW),
    "lstmlab/grade/results.py": (["tests/test_grader_limits.py", "tests/test_grader_untrusted.py"], None),
    "lstmlab/grade/report.py": (["tests/test_grader_report.py"], None),
    "lstmlab/grade/course.py": (["tests/test_grader_course.py"], None),
    "lstmlab/grade/authoring.py": (["tests/test_grader_authoring.py"], None),
    "lstmlab/grade/collect.py": (["tests/test_grader_links.py", "tests/test_lms_patterns.py",
                                  "tests/test_grader_classroom.py"], None),
    "lstmlab/grade/runtime.py": (["tests/test_grader_runtime.py"], None),
    # grade/lms/: test_gradebook_lms.py runs `lstmlab grade` and `lstmlab gradebook` in a subprocess, unseen by mutmut
    **{f"lstmlab/grade/lms/{name}.py": (["tests/test_lms_units.py", "tests/test_lms_pages.py"], None)
       for name in ("names", "sheet", "canvas", "moodle", "feedback", "summary")},
    "lstmlab/grade/lms/cli.py": (["tests/test_lms_units.py", "tests/test_lms_pages.py", "tests/test_cli_options.py"],
                                 None),
    # batch.py: the in-process tests of its bookkeeping, and a class graded by a stand-in task in forked workers (the
    # classroom tests grade in sandboxes, minutes per mutant). Its pool's forked workers are no trouble inside a
    # mutant's process, but a worker killed during mutmut's first (stats) run stays an unreaped child of mutmut's main
    # process, which its os.wait() then takes for a mutant's (KeyError): REAP below collects them at session end.
    # _init_worker and _grade_task run in the workers only, unseen by mutmut's stats: "no tests".
    "lstmlab/grade/batch.py": (["tests/test_grader_batch_units.py"], None),
    # run.py, sandbox.py, runner.py, core.py and plan.py: see IN_PLACE (their tests start a sandbox)
    # gradescope.py: test_gradescope.py runs the command and the autograder in a subprocess; these call it in-process
    "lstmlab/grade/gradescope.py": (["tests/test_gradescope_units.py", "tests/test_cli_options.py"], None),
    # cli.py: test_grader.py and test_grader_zh.py run `lstmlab grade` in a subprocess; these call run() with a stand-in
    # for the class's grading
    "lstmlab/grade/cli.py": (["tests/test_grader_cli_units.py", "tests/test_cli_options.py"], None),
}
COPIED = ("lstmlab", "tests", "solutions", "exercises", "notebooks", "conftest.py", "pyproject.toml", "setup.py",
          "MANIFEST.in", "README.md", "LICENSE")
REAP = '''

def pytest_sessionfinish(session):
    """Added by bench/mutation.py: reap this process's finished children (a broken process pool's workers), so that
    mutmut's os.wait() never takes one for a mutant's."""
    import multiprocessing
    import os
    import time
    multiprocessing.active_children()
    deadline = time.monotonic() + 5
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            if time.monotonic() > deadline:
                return
            time.sleep(0.05)
'''
KILLED = {1, 3}  # mutmut's exit codes: the tests failed (3: pytest's internal error, also a kill)
TIMEOUT = {36, 24, -24, 152, 255}  # the mutant hung: the tests' time limit caught it, a kill too
SURVIVED = {0}


def toml_list(values):
    return "[" + ", ".join(json.dumps(v) for v in values) + "]"


def prepare(module, tests, keyword):
    """A copy of the repository with mutmut told to mutate only `module` and to run `tests`."""
    work = Path(tempfile.mkdtemp(prefix="lstmlab-mutation-"))
    for name in COPIED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, work / name, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
        elif src.exists():
            shutil.copy2(src, work / name)
    missing = [t for t in tests if not (work / t.split("::")[0]).exists()]  # a file, or one test of it
    tests = [t for t in tests if t not in missing]
    args = ["-p", "no:cacheprovider", "-q", "-x"] + (["-k", keyword] if keyword else [])
    with open(work / "conftest.py", "a", encoding="utf-8") as f:
        f.write(REAP)
    with open(work / "pyproject.toml", "a", encoding="utf-8") as f:
        f.write("\n[tool.mutmut]\n"
                f'source_paths = ["lstmlab"]\nonly_mutate = {toml_list([module])}\n'
                f"also_copy = {toml_list(['conftest.py', 'solutions', 'exercises', 'notebooks', 'setup.py', 'README.md'])}\n"
                f"pytest_add_cli_args = {toml_list(args)}\n"
                f"pytest_add_cli_args_test_selection = {toml_list(tests)}\n"
                "use_git_change_detection = false\n")
    return work, missing


def statuses(work, module):
    """{mutant name: mutmut's exit code} from the module's .meta file."""
    meta = work / "mutants" / (module + ".meta")
    if not meta.exists():
        return {}
    return json.loads(meta.read_text())["exit_code_by_key"]


def kind(code):
    if code in KILLED or code in TIMEOUT:
        return "killed"
    if code in SURVIVED:
        return "survived"
    return {None: "not checked", 33: "no tests", 5: "no tests", 34: "skipped"}.get(code, "suspicious")


def run(module, jobs, show, keep):
    """Mutate one module; return a Counter of outcomes (killed, survived, no tests, ...) and the survivors' names."""
    tests, keyword = TESTS[module]
    work, missing = prepare(module, tests, keyword)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # mutmut puts mutants/ first on sys.path
    env.update(TF_CPP_MIN_LOG_LEVEL="3", TF_ENABLE_ONEDNN_OPTS="0", PYTHONDONTWRITEBYTECODE="1")
    start = time.monotonic()
    log = work / "mutmut.log"
    with open(log, "w") as out:
        proc = subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", str(jobs)], cwd=work,
                              env=env, stdout=out, stderr=subprocess.STDOUT)
    seconds = time.monotonic() - start
    codes = statuses(work, module)
    counts = Counter(kind(c) for c in codes.values())
    survivors = sorted(name for name, c in codes.items() if kind(c) in ("survived", "no tests"))
    if proc.returncode or not codes:
        print(f"{module}: mutmut exited {proc.returncode}; its log: {log}", file=sys.stderr)
        print(log.read_text()[-3000:], file=sys.stderr)
        keep = True
    if missing:
        print(f"{module}: test files not found (renamed?): {', '.join(missing)}", file=sys.stderr)
    for name in survivors if show else ():
        shown = subprocess.run([sys.executable, "-m", "mutmut", "show", name], cwd=work, env=env,
                               capture_output=True, text=True)
        print(shown.stdout.strip() or name)
    if keep:
        print(f"{module}: kept {work}", file=sys.stderr)
    else:
        shutil.rmtree(work, ignore_errors=True)
    return counts, survivors, seconds


# --in-place: the modules whose tests start a sandbox (which fails inside mutmut's forked mutant process: mutmut caps
# that process's hard RLIMIT_CPU a second above its own budget, and the sandbox's `prlimit --cpu=N` may not raise it,
# "Operation not permitted"). Each sampled mutant is written into the module's file in a copy of the repository
# and its tests run as a subprocess there, sandbox included. module -> (tests, -k expression or None), fast ones.
IN_PLACE = {
    # run.py: its reading and restarts with stand-in runners, the frames read from the sandbox, its limits, and
    # untrusted notebooks graded in it
    "lstmlab/grade/run.py": (["tests/test_grader_run_units.py", "tests/test_grader_limits.py",
                              "tests/test_grader_untrusted.py"], "not an_18_mb"),
    # sandbox.py: its tests of a second or less, both isolation modes (left out: the refusal without bubblewrap, the
    # classes of attackers, the fork bomb, the daemons, threads and children that wait out a run: 4-18 s each)
    "lstmlab/grade/sandbox.py": (["tests/test_grader_sandbox.py", "tests/test_grader_isolation.py"],
                                 "not without_bubblewrap and not class_with_attackers and not fork_bomb and "
                                 "not a_daemon and not threads_and_children"),
    # runner.py runs inside the sandbox only: its audit hook event by event (in a subprocess of its own), untrusted
    # notebooks, the hostile answers (the growing allocation, which waits for the memory limit, left out) and the
    # audit hook's refusals in a graded answer, each with its message
    "lstmlab/grade/runner.py": (["tests/test_grader_audit_hook.py", "tests/test_grader_untrusted.py",
                                 "tests/test_grader_hostile.py",
                                 "tests/test_grader_sandbox.py::test_the_audit_hook_alone_closes_the_known_gaps"],
                                "not an_18_mb and not growing_allocation"),
    # core.py and plan.py: the grader end to end (`lstmlab grade` run as a subprocess too; its exit codes, 9 s, left
    # out: cli.py's); plan.py: also its limits on answer cells, the cells a learner added and the hostile notebooks
    # (duplicated, deleted and added answer cells; the loops and growing allocation left out)
    "lstmlab/grade/core.py": (["tests/test_grader_judge_units.py", "tests/test_grader.py"], "not cli_exit_codes"),
    "lstmlab/grade/plan.py": (["tests/test_grader_input_limits.py", "tests/test_grader_untrusted.py",
                               "tests/test_grader_added_cells.py", "tests/test_grader_hostile.py",
                               "tests/test_grader.py"],
                              "not an_18_mb and not cli_exit_codes and not infinite_loop and not growing_allocation"),
}


def in_place_mutants(work, module):
    """{mutant name: the module's source with that one mutant written in}, from mutmut's own mutations."""
    import libcst as cst
    from mutmut.mutation.diff_apply import find_top_level_function_or_method
    from mutmut.mutation.file_mutation import mutate_file_contents
    from mutmut.utils.format_utils import orig_function_and_class_names_from_key

    source = (work / module).read_text(encoding="utf-8")
    here = os.getcwd()
    os.chdir(work)  # mutmut reads its configuration (pyproject.toml) from the working directory
    try:
        generated = mutate_file_contents(module, source)
    finally:
        os.chdir(here)
    original, mutated = cst.parse_module(source), cst.parse_module(generated.code)
    out = {}
    for name in generated.mutant_names:
        function, cls = orig_function_and_class_names_from_key(name)
        function = function.rpartition(".")[-1]
        holder = original
        if cls:  # a method: look for it in its own class only (two classes may share a method's name)
            holder = next(c for c in original.body if isinstance(c, cst.ClassDef) and c.name.value == cls)
        target = next(f for f in (holder.body if holder is original else holder.body.body)
                      if isinstance(f, cst.FunctionDef) and f.name.value == function)
        replacement = find_top_level_function_or_method(mutated, name).with_changes(name=cst.Name(function))
        out[name] = original.deep_replace(target, replacement).code
    return source, out


def wilson(killed, n):
    """95% Wilson interval of the killed share, in percent."""
    from statsmodels.stats.proportion import proportion_confint
    low, high = proportion_confint(killed, n, alpha=0.05, method="wilson")
    return 100 * low, 100 * high


def run_in_place(module, sample, seed, names, show, keep):
    """Write each sampled mutant of `module` into a copy of the repository and run its tests there."""
    import difflib
    import random
    tests, keyword = IN_PLACE[module]
    work, missing = prepare(module, tests, keyword)
    if missing:
        shutil.rmtree(work, ignore_errors=True)
        sys.exit(f"{module}: test files not found (renamed?): {', '.join(missing)}")
    source, mutants = in_place_mutants(work, module)
    chosen = names or sorted(random.Random(seed).sample(sorted(mutants), min(sample, len(mutants))))
    env = {**os.environ, "PYTHONPATH": str(work), "TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0",
           "PYTHONDONTWRITEBYTECODE": "1"}
    argv = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-x", *tests,
            *(["-k", keyword] if keyword else [])]
    start = time.monotonic()
    base = subprocess.run(argv, cwd=work, env=env, capture_output=True, text=True)
    base_s = time.monotonic() - start
    if base.returncode:
        sys.exit(f"{module}: its tests fail unmutated in {work}:\n{base.stdout[-3000:]}")
    counts, survivors = Counter(), []
    for name in chosen:
        (work / module).write_text(mutants[name], encoding="utf-8")
        try:
            done = subprocess.run(argv, cwd=work, env=env, capture_output=True, text=True,
                                  timeout=3 * base_s + 30)
            outcome = {0: "survived", 1: "killed"}.get(done.returncode, f"exit {done.returncode}")
            tail = done.stdout[-1500:]
        except subprocess.TimeoutExpired:
            outcome, tail = "killed", "(timed out: a hang is a kill)"
        finally:
            (work / module).write_text(source, encoding="utf-8")
        counts[outcome] += 1
        print(f"  {sum(counts.values())}/{len(chosen)} {name}: {outcome}", file=sys.stderr, flush=True)
        if outcome != "killed":
            survivors.append(name)
        if names or show and outcome != "killed":
            diff = difflib.unified_diff(source.splitlines(), mutants[name].splitlines(), module, module, lineterm="")
            print(f"# {name}: {outcome}\n" + "\n".join(diff) + ("\n" + tail if names else ""), flush=True)
    if keep:
        print(f"{module}: kept {work}", file=sys.stderr)
    else:
        shutil.rmtree(work, ignore_errors=True)
    return counts, survivors, len(mutants), time.monotonic() - start, base_s


def main_in_place(args):
    print(f"{'module':<20} {'mutants':>7} {'sampled':>7} {'killed':>6} {'share':>6} {'95% Wilson':>12} "
          f"{'tests':>6} {'time':>6}")
    total = Counter()
    for module in args.modules:
        counts, survivors, n_all, seconds, base_s = run_in_place(module, args.sample, args.seed, args.mutant,
                                                                 args.survivors, args.keep)
        n, killed = sum(counts.values()), counts["killed"]
        total.update(n=n, killed=killed)
        low, high = wilson(killed, n)
        print(f"{module.removeprefix('lstmlab/'):<20} {n_all:>7} {n:>7} {killed:>6} {100 * killed / n:>5.0f}% "
              f"{low:>5.0f}-{high:.0f}% {base_s:>5.0f}s {seconds:>5.0f}s", flush=True)
        if survivors:
            print("    not killed: " + " ".join(survivors)
                  + ("" if set(counts) <= {"killed", "survived"} else f"  (outcomes: {dict(counts)})"))
    if len(args.modules) > 1:
        low, high = wilson(total["killed"], total["n"])
        print(f"{'all':<20} {'':>7} {total['n']:>7} {total['killed']:>6} {100 * total['killed'] / total['n']:>5.0f}% "
              f"{low:>5.0f}-{high:.0f}%")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", default=list(TESTS))
    parser.add_argument("--jobs", type=int, default=2, help="mutmut's worker processes (default 2)")
    parser.add_argument("--survivors", action="store_true", help="print each surviving mutant's diff")
    parser.add_argument("--keep", action="store_true", help="keep each module's copy of the repository")
    parser.add_argument("--in-place", action="store_true",
                        help="write sampled mutants into a copy of the module and run its tests as a subprocess "
                             f"(for {', '.join(m.removeprefix('lstmlab/') for m in IN_PLACE)})")
    parser.add_argument("--sample", type=int, default=40, help="--in-place: mutants per module (default 40)")
    parser.add_argument("--seed", type=int, default=19, help="--in-place: seed of the uniform sample (default 19)")
    parser.add_argument("--mutant", nargs="+", default=[], help="--in-place: run these mutants (of one module), "
                                                                "printing each one's diff and its tests' output")
    args = parser.parse_args()
    if importlib.util.find_spec("mutmut") is None:
        sys.exit("bench/mutation.py needs mutmut (pip install -e '.[dev]', or pip install 'mutmut>=3.8')")
    if args.in_place:
        args.modules = list(IN_PLACE) if args.modules == list(TESTS) else args.modules
        if set(args.modules) - set(IN_PLACE) or args.mutant and len(args.modules) != 1:
            sys.exit(f"--in-place measures {', '.join(IN_PLACE)} (--mutant: name its one module)")
        return main_in_place(args)
    unknown = [m for m in args.modules if m not in TESTS]
    if unknown:
        sys.exit(f"no tests are listed for {', '.join(unknown)}; the modules are: {', '.join(TESTS)} (and, with "
                 f"--in-place, {', '.join(IN_PLACE)})")
    total = Counter()
    print(f"{'module':<30} {'mutants':>7} {'killed':>7} {'survived':>8} {'no tests':>8} {'other':>5} {'share':>6} {'time':>6}")
    for module in args.modules:
        counts, survivors, seconds = run(module, args.jobs, args.survivors, args.keep)
        total += counts
        n = sum(counts.values())
        other = n - counts["killed"] - counts["survived"] - counts["no tests"]
        share = f"{100 * counts['killed'] / n:.0f}%" if n else "-"
        print(f"{module.removeprefix('lstmlab/'):<30} {n:>7} {counts['killed']:>7} {counts['survived']:>8} "
              f"{counts['no tests']:>8} {other:>5} {share:>6} {seconds:>5.0f}s", flush=True)
        if survivors and not args.survivors:
            print("    survivors: " + " ".join(s.split("__mutmut_")[0].rsplit(".", 1)[-1] + "_" + s.split("__mutmut_")[1]
                                           for s in survivors))
    n = sum(total.values())
    if n:
        print(f"{'all':<30} {n:>7} {total['killed']:>7} {total['survived']:>8} {total['no tests']:>8} "
              f"{n - total['killed'] - total['survived'] - total['no tests']:>5} {100 * total['killed'] / n:>5.0f}%")


if __name__ == "__main__":
    main()
