"""Runs inside the sandbox, after checks/encode.py's source: run the answer cells, call the answers, stream results.

Standalone (NumPy and the standard library only). The grader sends this program, the plan (cells, items,
limits) and the grade-time inputs on stdin, and reads framed events and arrays on a private copy of stdout;
the learner's own prints go nowhere. Everything it sends back is judged as untrusted data by the grader.
"""
import io
import os
import signal
import struct
import sys

MAGIC = b"LSTM"


def _read_exact(stream, n):
    data = stream.read(n)
    if len(data) != n:
        raise SystemExit("runner: the plan was cut short")  # not learner-facing: the grader reads it on stderr
    return data


def read_frames(stream):
    """[(kind, payload)] from the grader's stdin: MAGIC, 4-byte kind, 8-byte length, payload."""
    frames = []
    while True:
        head = stream.read(16)
        if not head:
            return frames
        if len(head) != 16 or head[:4] != MAGIC:
            raise SystemExit("runner: malformed plan")  # not learner-facing: the grader reads it on stderr
        kind, size = head[4:8].decode(), struct.unpack("<Q", head[8:])[0]
        frames.append((kind, _read_exact(stream, size)))


class Channel:
    """Framed output on a private file descriptor (the learner's stdout and stderr go to /dev/null)."""

    def __init__(self, fd):
        self.fd, self.pid = fd, os.getpid()

    def send(self, kind, payload):
        if os.getpid() != self.pid:  # a process the learner's code forked: only the runner itself reports
            os._exit(0)
        data = MAGIC + kind.encode() + struct.pack("<Q", len(payload)) + payload
        while data:
            data = data[os.write(self.fd, data):]

    def event(self, **fields):
        self.send("JSON", json.dumps(fields).encode())

    def array(self, arr):
        buf = io.BytesIO()
        np.save(buf, arr, allow_pickle=False)
        self.send("NPY ", buf.getvalue())


class _Shell:
    """What IPython's transformer calls for %magics and !commands: cell magics run their body, the rest do nothing."""

    def __init__(self, namespace):
        self.namespace = namespace

    def run_cell_magic(self, name, line, cell):
        exec(compile(cell, f"<%%{name}>", "exec"), self.namespace)

    def run_line_magic(self, name, line, *args, **kwargs):
        return None

    def system(self, *args, **kwargs):
        return None

    getoutput = system


class CellTimeout(BaseException):
    """Raised by the alarm when a cell or an answer runs past its time limit."""


def _on_alarm(signum, frame):
    raise CellTimeout()


TEXT = {}  # the runner's sentences in the grader's language: plan["text"] (grade/run.py's runner_text)


def say(key, **fields):
    """One of the runner's sentences, its placeholders filled."""
    return TEXT[key].format(**fields)


def guard(plan):
    """A tripwire behind the OS's isolation: an audit hook that turns what an answer must not do into clear feedback.

    Not a protection: code in the same process can undo it (the runner's globals are reachable from the answer).
    """
    refused = tuple(plan["refused_imports"])
    read_roots = tuple(r.rstrip("/") + "/" for r in plan["read_roots"])
    write_roots = tuple(r.rstrip("/") + "/" for r in plan["write_roots"])
    realpath, fspath, isabs, join, getcwd, isdir = (os.path.realpath, os.fspath, os.path.isabs, os.path.join,
                                                   os.getcwd, os.path.isdir)
    # os.fork and os.kill also match os.forkpty and os.killpg
    deny_prefixes = ("subprocess.", "os.exec", "os.spawn", "os.posix_spawn", "os.fork", "os.system",
                     "os.kill", "ctypes.", "socket.", "os.chdir", "os.fchdir", "os.chroot", "os.symlink",
                     "os.link", "sys.addaudithook", "_posixsubprocess", "pty.", "resource.setrlimit", "os.putenv",
                     "os.unsetenv", "gc.get_objects", "gc.get_referrers", "gc.get_referents", "sys._getframe",
                     "sys._current_frames", "sys.setprofile", "sys.settrace")  # reaching this hook's own objects
    path_events = {"os.remove": True, "os.rename": True, "os.rmdir": True, "os.chmod": True, "os.chown": True,
                   "os.truncate": True, "os.utime": True, "os.mkdir": True, "shutil.rmtree": True, "shutil.copyfile": True}
    listing = ("os.listdir", "os.scandir", "glob.glob")

    def resolved(path):
        """The absolute real path a name refers to from the working folder, or None when it is refused as such."""
        try:
            text = fspath(path)
            text = text.decode() if isinstance(text, bytes) else text
        except Exception:
            return None
        if not isabs(text) and (".." in text.replace("\\", "/").split("/") or text.startswith("~")):
            return None  # relative climbing could start from any directory descriptor
        return realpath(join(getcwd(), text))

    def in_roots(full, write):
        roots = write_roots if write else read_roots + write_roots
        return full is not None and any((full + "/").startswith(root) for root in roots)

    def allowed(path, write):
        if isinstance(path, int) or path is None:
            return not write or path is None  # an open file descriptor: reading it is the file's own business
        full = resolved(path)
        if full is not None and isdir(full):
            return False  # a folder's descriptor would let a relative name (dir_fd=) reach past these checks
        return in_roots(full, write)

    def hook(event, args):
        if event == "import":
            name = args[0] if args and isinstance(args[0], str) else ""
            top = name.split(".")[0]
            if top in refused:
                raise ImportError(say("refused_lstmlab" if top == "lstmlab" else "refused_import", module=top))
            if top in ("_posixsubprocess", "ctypes", "_ctypes"):
                raise PermissionError(say("import_not_allowed", module=top))
            return
        if event == "open":
            path, mode = args[0], args[1]
            flags = args[2] if len(args) > 2 and isinstance(args[2], int) else 0
            write = (isinstance(mode, str) and any(c in mode for c in "wax+")) or bool(flags & (os.O_WRONLY | os.O_RDWR))
            if not allowed(path, write):
                raise PermissionError(say("open_not_allowed", path=repr(path)))
            return
        if event in path_events:
            for arg in args:
                if isinstance(arg, (str, bytes, os.PathLike)) and not allowed(arg, path_events[event]):
                    raise PermissionError(say("event_on_not_allowed", event=event, path=repr(arg)))
            return
        if event in listing:
            path = args[0] if args else "."
            if isinstance(path, (str, bytes, os.PathLike)) and not in_roots(resolved(path), False):
                raise PermissionError(say("listing_not_allowed", path=repr(path)))
            return
        if event.startswith(deny_prefixes) or (event == "object.__setattr__" and len(args) > 1 and args[1] in (
                "__code__", "__defaults__", "__kwdefaults__")):  # rewriting a function's code in place
            raise PermissionError(say("event_not_allowed", event=event))

    sys.addaudithook(hook)


def run_cell(source, name, timeout, namespace):
    """(status, detail) of one cell: ok, error (with the exception's first line) or timeout."""
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        exec(compile(source, name, "exec"), namespace)
        return "ok", ""
    except CellTimeout:
        return "timeout", say("ran_longer", seconds=f"{timeout:g}")
    except BaseException as exc:  # SystemExit and KeyboardInterrupt from learner code included
        return "error", f"{type(exc).__name__}: {str(exc)[:300]}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def call_item(item, cases, timeout, namespace, channel):
    """Call the learner's function on each case; send each result (status, tree, arrays)."""
    fn = namespace.get(item["function"])
    for k, case in enumerate(cases):
        if fn is None or not callable(fn):
            status, tree, arrays, detail = "error", None, {}, say("no_function", function=item["function"])
        else:
            signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                status, tree, arrays, detail = call_answer(fn, [case[name] for name in case["__args__"]])
            except CellTimeout:
                detail = "CellTimeout"
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            if detail.startswith("CellTimeout"):
                status, tree, arrays, detail = "timeout", None, {}, say("infinite_loop", seconds=f"{timeout:g}")
        names = sorted(arrays)
        channel.event(kind="result", item=item["id"], case=k, status=status, tree=tree, detail=detail[:800],
                      arrays=names)
        for name in names:
            channel.array(arrays[name])
        if status != "ok":
            return


def main():
    frames = read_frames(sys.stdin.buffer)
    plan = json.loads(frames[0][1])
    TEXT.update(plan["text"])
    with np.load(io.BytesIO(frames[1][1]), allow_pickle=False) as saved:
        stored = {key: saved[key] for key in saved.files}
    cases = {item["id"]: [decode_inputs(text, {name: stored[key] for name, key in names.items()})
                          for text, names in item["cases"]] for item in plan["items"]}
    channel = Channel(os.dup(1))
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.chdir(plan["workdir"])
    signal.signal(signal.SIGALRM, _on_alarm)
    np.random.default_rng  # loaded before the guard: numpy.random's first import calls sys._getframe (namedtuple)
    if plan.get("guard", True):  # the tests turn it off to show that the sandbox alone holds
        guard(plan)
    namespace = {"__name__": "__main__", "np": np, "get_ipython": lambda: _Shell(namespace)}  # NumPy is there as np
    channel.event(kind="started")
    skip = set(plan["skip"])
    for index, cell in enumerate(plan["cells"]):
        if index in skip:
            continue
        channel.event(kind="start", unit=f"cell {index}")
        status, detail = run_cell(cell["source"], f"<cell {index}>", plan["timeout"], namespace)
        channel.event(kind="end", unit=f"cell {index}", status=status, detail=detail)
    for item in plan["items"]:
        if item["id"] in skip:
            continue
        channel.event(kind="start", unit=f"item {item['id']}")
        call_item(item, cases[item["id"]], plan["timeout"], namespace, channel)
        channel.event(kind="end", unit=f"item {item['id']}", status="ok", detail="")
    channel.event(kind="finished")
    os._exit(0)  # skip interpreter shutdown: learner objects' finalizers must not run after the last event


main()
