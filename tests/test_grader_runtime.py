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
