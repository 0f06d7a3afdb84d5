"""The interpreter cache (grade/runtime.py), finding 1 of issue 19: any CPython's tree is copied whole, links
resolved, nothing followed out of the cache, no mode changed outside it, complete or not there at all."""
import os
import stat
import subprocess
import sys
import sysconfig

import pytest

from lstmlab.grade import runtime


def _mode(path):
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture
def debian_like(tmp_path):
    """A stdlib shaped like Debian's: a relative link out of the tree (config-3.11/libpython3.11.so), an absolute
    link to a private file in /etc (sitecustomize.py), a dangling link, linked folders in and out, a private file."""
    outside = tmp_path / "usr" / "lib" / "x86_64-linux-gnu"
    outside.mkdir(parents=True)
    (outside / "libpython3.11.so.1").write_bytes(b"ELF")
    etc = tmp_path / "etc"
    etc.mkdir()
    (etc / "sitecustomize.py").write_text("# Debian's\n")
    os.chmod(etc / "sitecustomize.py", 0o600)
    (etc / "secret").mkdir()
    (etc / "secret" / "key").write_text("k")
    stdlib = tmp_path / "usr" / "lib" / "python3.11"
    (stdlib / "config-3.11-x86_64-linux-gnu").mkdir(parents=True)
    (stdlib / "os.py").write_text("# os\n")
    (stdlib / "private.py").write_text("# 0600\n")
    os.chmod(stdlib / "private.py", 0o600)
    (stdlib / "config-3.11-x86_64-linux-gnu" / "libpython3.11.so").symlink_to("../../x86_64-linux-gnu/libpython3.11.so.1")
    (stdlib / "sitecustomize.py").symlink_to(etc / "sitecustomize.py")
    (stdlib / "gone.py").symlink_to(tmp_path / "nowhere.py")
    (stdlib / "json").mkdir()
    (stdlib / "json" / "__init__.py").write_text("# json\n")
    (stdlib / "json2").symlink_to("json")
    (stdlib / "etc").symlink_to(etc / "secret")
    (stdlib / "site-packages").mkdir()
    (stdlib / "site-packages" / "lstmlab.py").write_text("# reference answers\n")
    return stdlib, etc


def test_a_debian_like_stdlib_is_copied_with_its_links_resolved_and_nothing_outside_changes(tmp_path, debian_like):
    stdlib, etc = debian_like
    before = {p: (_mode(p), p.read_bytes()) for p in (etc / "sitecustomize.py", stdlib / "private.py")}
    copy = tmp_path / "copy"
    runtime.copy_tree(stdlib, copy)
    lib = copy / "config-3.11-x86_64-linux-gnu" / "libpython3.11.so"
    assert not lib.is_symlink() and lib.read_bytes() == b"ELF"  # the target's content, not a dangling link
    assert (copy / "sitecustomize.py").read_text() == "# Debian's\n" and _mode(copy / "sitecustomize.py") == 0o644
    assert _mode(copy / "private.py") == 0o644 and not os.path.samefile(copy / "private.py", stdlib / "private.py")
    assert not os.path.lexists(copy / "gone.py")  # a dangling link is left out
    assert os.readlink(copy / "json2") == "json" and (copy / "json2" / "__init__.py").is_file()  # inside: kept
    assert not os.path.lexists(copy / "etc")  # a linked folder out of the tree: not followed
    assert not (copy / "site-packages").exists()
    for path, (mode, data) in before.items():
        assert (_mode(path), path.read_bytes()) == (mode, data), f"{path} changed"
    for root, dirs, files in os.walk(copy):
        for name in dirs + files:
            path = os.path.join(root, name)
            if os.path.islink(path):
                assert os.path.realpath(path).startswith(str(copy) + os.sep), path
            else:
                assert _mode(path) & 0o444 == 0o444, path


def test_world_readable_files_are_hard_linked_and_keep_their_mode(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.py").write_text("a")
    os.chmod(src / "a.py", 0o444)
    runtime.copy_tree(src, tmp_path / "copy")
    assert os.path.samefile(src / "a.py", tmp_path / "copy" / "a.py") and _mode(src / "a.py") == 0o444


def _layout(home):
    return sorted(str(p.relative_to(home)) for p in home.rglob("*"))


def test_a_failed_build_leaves_nothing_and_a_complete_one_is_reused(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    calls = []
    real = runtime.copy_tree

    def broken(src, dst):
        calls.append(src)
        real(src, dst)
        raise OSError("disk full")

    monkeypatch.setattr(runtime, "copy_tree", broken)
    with pytest.raises(OSError, match="disk full"):
        runtime.cached(cache)
    assert calls and list(cache.iterdir()) == []  # no half-built folder, no partial cache
    monkeypatch.setattr(runtime, "copy_tree", real)
    built = runtime.cached(cache)
    assert [p.name for p in cache.iterdir()] == [built.home.name] and _mode(cache) == 0o755
    inode = os.stat(built.home).st_ino
    assert runtime.cached(cache) == built and os.stat(built.home).st_ino == inode  # one cache per interpreter
    stdlib = sysconfig.get_paths()["stdlib"]
    assert (built.lib / os.path.basename(stdlib) / "os.py").is_file()
    assert not (built.lib / os.path.basename(stdlib) / "site-packages").exists()
    assert (built.site / "numpy" / "__init__.py").is_file()


def test_the_copy_runs_by_itself_with_numpy(tmp_path):
    """The copy is a relocatable interpreter: its own stdlib found from its binary, NumPy from its site."""
    built = runtime.cached(tmp_path / "cache")
    code = f"import sys; sys.path.insert(0, {str(built.site)!r}); import numpy, os; print(os.__file__, numpy.__file__)"
    ran = subprocess.run([str(built.python), "-I", "-S", "-B", "-c", code], capture_output=True, text=True,
                         env={"LD_LIBRARY_PATH": str(built.lib)}, timeout=60)
    assert ran.returncode == 0, ran.stderr
    assert all(path.startswith(str(built.home)) for path in ran.stdout.split()), ran.stdout


def test_a_stale_half_build_is_removed_and_a_linked_cache_refused(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = cache / f".build-0123456789abcdef-{dead.pid}-x1"
    stale.mkdir()
    runtime.cached(cache)
    assert not stale.exists()
    link = tmp_path / "link"
    link.symlink_to(cache)
    with pytest.raises(RuntimeError, match="must be a folder of this user's own"):
        runtime.cached(link)


@pytest.fixture
def umask():
    """Set the process umask for one test; the old one back after."""
    old = os.umask(0o022)
    yield os.umask
    os.umask(old)


@pytest.mark.parametrize("mode, linked, copied_mode", [(0o755, True, 0o755), (0o444, True, 0o444),
                                                       (0o700, False, 0o755), (0o601, False, 0o755),
                                                       (0o600, False, 0o644), (0o666, False, 0o644),
                                                       (0o447, False, 0o755)])
def test_a_file_is_linked_only_when_that_gives_no_one_new_rights(tmp_path, mode, linked, copied_mode):
    src = tmp_path / "src.py"
    src.write_text("x")
    os.utime(src, ns=(1_000_000_000, 2_000_000_123))
    os.chmod(src, mode)
    runtime._copy_file(src, tmp_path / "dst.py")
    dst = tmp_path / "dst.py"
    assert os.path.samefile(src, dst) is linked and _mode(dst) == copied_mode and dst.read_text() == "x"
    assert os.stat(dst).st_mtime_ns == 2_000_000_123  # a copy keeps its source's time (compiled caches check it)
    assert _mode(src) == mode


def test_every_folder_of_a_copy_is_0755_whatever_the_umask(tmp_path, umask):
    src = tmp_path / "src"
    (src / "a" / "b").mkdir(parents=True)
    for folder in (src, src / "a", src / "a" / "b"):
        os.chmod(folder, 0o700)
    (src / "a" / "b" / "f.py").write_text("f")
    umask(0o077)
    runtime.copy_tree(src, tmp_path / "copy")
    assert {str(p.relative_to(tmp_path)): _mode(p) for p in [tmp_path / "copy", *(tmp_path / "copy").rglob("*")]} == {
        "copy": 0o755, "copy/a": 0o755, "copy/a/b": 0o755, "copy/a/b/f.py": 0o644}


def test_libpython_is_found_next_to_libdir_links_resolved(tmp_path, monkeypatch):
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "libpython3.11.so.1.0").write_bytes(b"ELF")
    (lib / "libpython3.11.so").symlink_to("libpython3.11.so.1.0")
    (lib / "libpython3.so.9").symlink_to("gone")
    (lib / "libfoo.so").write_bytes(b"ELF")
    config = {"LIBDIR": str(lib)}
    monkeypatch.setattr(sysconfig, "get_config_var", config.get)
    real = (lib / "libpython3.11.so.1.0").resolve()
    assert runtime._libraries() == [("libpython3.11.so", real), ("libpython3.11.so.1.0", real)]
    config["LIBDIR"] = str(tmp_path / "missing")
    assert runtime._libraries() == []
    del config["LIBDIR"]
    assert runtime._libraries() == []


def test_the_interpreter_is_the_base_one_behind_a_venv(tmp_path, monkeypatch):
    base = tmp_path / "python3.11"
    base.write_bytes(b"ELF")
    monkeypatch.setattr(sys, "_base_executable", str(base), raising=False)
    assert runtime.interpreter()[0] == base.resolve()
    monkeypatch.delattr(sys, "_base_executable")
    assert runtime.interpreter()[0] == __import__("pathlib").Path(sys.executable).resolve()


def test_the_cache_key_changes_with_the_interpreter_and_numpy(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for p in (a, b):
        p.mkdir()
        os.utime(p, ns=(1, 5))
    key = runtime._key(a, [a])
    assert len(key) == 16 and int(key, 16) >= 0
    assert len({key, runtime._key(b, [a]), runtime._key(a, [b]), runtime._key(a, [a, b])}) == 4
    os.utime(a, ns=(1, 6))
    assert runtime._key(a, [a]) != key


def test_a_stale_build_goes_but_a_live_one_and_odd_names_stay(tmp_path):
    class Listed:  # the cache's entries in a fixed order: an odd name first, then a dead build
        def __init__(self, paths):
            self.paths = paths

        def glob(self, pattern):
            assert pattern == ".build-*"
            return iter(self.paths)

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        odd, stale, running = (tmp_path / ".build-x-notapid-y", tmp_path / f".build-x-{dead.pid}-y",
                               tmp_path / f".build-x-{live.pid}-y")
        for path in (odd, stale, running):
            path.mkdir()
        stale_file = tmp_path / f".build-y-{dead.pid}-z"
        stale_file.write_text("")  # a stale entry that is not a folder: rmtree fails on it, and must not stop us
        runtime._clean_stale(Listed([odd, tmp_path / ".build-short", stale_file, stale, running]))
        assert odd.exists() and running.exists() and not stale.exists() and stale_file.exists()
        with pytest.raises(subprocess.TimeoutExpired):  # only asked whether it lives: no signal sent
            live.wait(timeout=0.5)
    finally:
        live.kill()
        live.wait()


def _fake_interpreter(tmp_path, monkeypatch):
    """interpreter() and numpy_dirs() of small fake trees, so a build takes no time."""
    python = tmp_path / "py" / "python3"
    stdlib = tmp_path / "py" / "lib" / "python3.11"
    numpy = tmp_path / "py" / "numpy"
    for folder in (stdlib, numpy):
        folder.mkdir(parents=True)
    python.write_bytes(b"ELF")
    (stdlib / "os.py").write_text("# os")
    (numpy / "__init__.py").write_text("# numpy")
    monkeypatch.setattr(runtime, "interpreter", lambda: (python, stdlib, []))
    monkeypatch.setattr(runtime, "numpy_dirs", lambda: [numpy])
    return python, numpy


def _fake_cache(tmp_path, monkeypatch):
    """A fake interpreter (_fake_interpreter), the cache folder and the home its build takes there: (cache, home)."""
    python, numpy = _fake_interpreter(tmp_path, monkeypatch)
    cache = tmp_path / "cache"
    return cache, cache / f"python-{runtime._key(python, [numpy])}"


def test_the_build_happens_beside_the_cache_under_a_named_folder(tmp_path, monkeypatch, umask):
    python, numpy = _fake_interpreter(tmp_path, monkeypatch)
    umask(0o022)
    cache, seen = tmp_path / "a" / "b" / "cache", []
    real = runtime.copy_tree

    def watched(src, dst):
        seen.append(dst.parent.parent)
        real(src, dst)

    monkeypatch.setattr(runtime, "copy_tree", watched)
    built = runtime.cached(cache)
    key = runtime._key(python, [numpy])
    assert built.home == cache / f"python-{key}" and built.python == built.home / "bin" / "python3"
    assert seen[0].parent == cache and seen[0].name.startswith(f".build-{key}-{os.getpid()}-")
    assert {p: _mode(built.home / p) for p in ("", "bin", "lib", "site")} == dict.fromkeys(("", "bin", "lib", "site"),
                                                                                          0o755)
    assert (built.site / "numpy" / "__init__.py").read_text() == "# numpy"


def test_a_build_another_grader_finished_first_is_used(tmp_path, monkeypatch):
    cache, home = _fake_cache(tmp_path, monkeypatch)
    real = runtime.copy_tree

    def racing(src, dst):
        real(src, dst)
        home.mkdir(mode=0o755, exist_ok=True)
        (home / "theirs").write_text("")

    monkeypatch.setattr(runtime, "copy_tree", racing)
    assert runtime.cached(cache).home == home
    assert sorted(p.name for p in cache.iterdir()) == [home.name] and (home / "theirs").exists()


def test_a_build_whose_folder_vanished_is_still_used_when_another_finished(tmp_path, monkeypatch):
    cache, home = _fake_cache(tmp_path, monkeypatch)

    def vanished(src, dst):
        import shutil
        shutil.rmtree(dst.parent.parent, ignore_errors=True)  # ours removed (as if stale) while another built home
        home.mkdir(mode=0o755, exist_ok=True)

    monkeypatch.setattr(runtime, "copy_tree", vanished)
    assert runtime.cached(cache).home == home and [p.name for p in cache.iterdir()] == [home.name]


def test_a_failed_build_reports_its_own_error_even_when_its_folder_is_gone(tmp_path, monkeypatch):
    _fake_interpreter(tmp_path, monkeypatch)

    def failing(src, dst):
        import shutil
        shutil.rmtree(dst.parent.parent)
        raise OSError("disk full")

    monkeypatch.setattr(runtime, "copy_tree", failing)
    with pytest.raises(OSError, match="disk full"):
        runtime.cached(tmp_path / "cache")
    assert list((tmp_path / "cache").iterdir()) == []


def test_a_build_that_cannot_take_its_place_fails_and_leaves_nothing(tmp_path, monkeypatch):
    cache, home = _fake_cache(tmp_path, monkeypatch)
    real = runtime.copy_tree

    def blocked(src, dst):
        real(src, dst)
        home.write_text("")  # a file where the folder goes

    monkeypatch.setattr(runtime, "copy_tree", blocked)
    with pytest.raises(OSError):
        runtime.cached(cache)
    assert [p.name for p in cache.iterdir()] == [home.name]


@pytest.mark.parametrize("make", ["file", "open folder"])
def test_a_cache_entry_not_built_by_this_user_is_refused(tmp_path, monkeypatch, make):
    cache, home = _fake_cache(tmp_path, monkeypatch)
    cache.mkdir()
    if make == "file":
        home.write_text("")
        os.chmod(home, 0o644)
    else:
        home.mkdir()
        os.chmod(home, 0o777)
    with pytest.raises(RuntimeError, match=f"{home} is not a folder this user built"):
        runtime.cached(cache)


def test_the_cache_folder_is_made_0755_with_its_parents_whatever_the_umask(tmp_path, umask):
    umask(0)
    made = runtime.owned_folder(tmp_path / "a" / "b" / "cache")
    assert made == tmp_path / "a" / "b" / "cache" and _mode(made) == 0o755
    os.chmod(made, 0o777)
    with pytest.raises(RuntimeError, match=rf"must be a folder .* \(it is 0o40777, owner uid {os.geteuid()}\)"):
        runtime.owned_folder(made)
    os.chmod(made, 0o755)
    (tmp_path / "link").symlink_to(made)
    with pytest.raises(RuntimeError, match=rf"\(it is a link, owner uid {os.geteuid()}\)"):
        runtime.owned_folder(tmp_path / "link")
