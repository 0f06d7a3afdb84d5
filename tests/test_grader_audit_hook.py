"""The runner's audit hook (a tripwire, not the boundary) event by event: every denied event, and only those, is
refused with its own message. One subprocess runs the runner's guard() and raises each event with sys.audit, fast
enough for bench/mutation.py --in-place; the sandbox tests show the same refusals from a graded answer."""
import json
import subprocess
import sys

DENIED = ["subprocess.Popen", "os.exec", "os.spawn", "os.posix_spawn", "os.fork", "os.forkpty", "os.system", "os.kill",
          "os.killpg", "ctypes.dlopen", "socket.__new__", "os.chdir", "os.fchdir", "os.chroot", "os.symlink",
          "os.link", "sys.addaudithook", "_posixsubprocess.fork_exec", "pty.spawn", "resource.setrlimit", "os.putenv",
          "os.unsetenv", "gc.get_objects", "gc.get_referrers", "gc.get_referents", "sys._getframe",
          "sys._current_frames", "sys.setprofile", "sys.settrace"]
ALLOWED = ["time.sleep", "os.getcwd", "socket_", "os.chmodx", "array.__new__"]

PROGRAM = """
import json, os, sys
from lstmlab.grade.run import runner_source, runner_text
source = runner_source()
assert source.endswith("\\nmain()\\n")
namespace = {"__name__": "lstmlab_runner"}
exec(compile(source[:-len("main()\\n")], "<runner>", "exec"), namespace)  # all but the call of main()
namespace["TEXT"].update(runner_text())
namespace["guard"]({"refused_imports": ["keras"], "read_roots": ["/nonexistent"], "write_roots": [os.getcwd()]})
said = {}
for event, args in json.loads(sys.argv[1]):
    try:
        sys.audit(event, *args)
        said[event + repr(args)] = None
    except PermissionError as exc:
        said[event + repr(args)] = str(exc)
print(json.dumps(said))
"""


def test_each_denied_event_alone_is_refused_with_its_message_and_the_rest_pass():
    events = [(e, ["x"]) for e in DENIED + ALLOWED]
    events += [("object.__setattr__", ["f", name, 1]) for name in ("__code__", "__defaults__", "__kwdefaults__",
                                                                   "__doc__")]
    done = subprocess.run([sys.executable, "-c", PROGRAM, json.dumps(events)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    said = json.loads(done.stdout)
    expected = {f"{e}['x']": f"grading: {e} is not allowed" for e in DENIED}
    expected |= {f"{e}['x']": None for e in ALLOWED}
    expected |= {f"object.__setattr__['f', '{name}', 1]": "grading: object.__setattr__ is not allowed"
                 for name in ("__code__", "__defaults__", "__kwdefaults__")}
    expected["object.__setattr__['f', '__doc__', 1]"] = None
    assert said == expected


def test_a_relative_name_that_climbs_is_refused_even_inside_the_working_folder(tmp_path):
    """'..' as a part (with / or \\ between parts) or a leading '~' is refused as such; other names there are not."""
    names = ["notes.txt", "sub/../notes.txt", "..\\notes.txt", "../notes.txt", "~/notes.txt", "a..b.txt"]
    done = subprocess.run([sys.executable, "-c", PROGRAM, json.dumps([("open", [n, "w", 0]) for n in names])],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {f"open{[n, 'w', 0]!r}": None if n in ("notes.txt", "a..b.txt") else
                                       f"grading: {n!r} may not be opened here" for n in names}
