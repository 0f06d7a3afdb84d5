"""`lstmlab gradescope` (grade/gradescope.py) called in this process: the zip's members, modes and fixed times, the
config run_autograder reads, the students' sentences quoted for bash and JSON, and the wheel it carries. The zip run
as Gradescope runs it is tests/test_gradescope.py; these are fast enough for bench/mutation.py."""
import argparse
import json
import re
import zipfile
from pathlib import Path

import pytest

import lstmlab
from lstmlab.grade import gradescope
from lstmlab.messages import template

VERSION = lstmlab.__version__
WEEK = "01_one_cell"


def stand_in_wheel(folder, version=VERSION):
    path = Path(folder) / f"lstmlab-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("lstmlab/__init__.py", "")
    return path


def parse(*argv):
    parser = argparse.ArgumentParser()
    gradescope.add_arguments(parser)
    return parser.parse_args([str(a) for a in argv])


def test_bash_double_quoted_text_escapes_its_own_specials():
    assert gradescope._bash_double_quoted('a$b`c\\d"e\'fX') == 'a\\$b\\`c\\\\d\\"e\'fX'


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_students_sentences_are_quoted_for_bash_and_json(language):
    said = gradescope.learner_sentences(language)
    no_match = template("grade.gradescope.no_match", language)
    assert said["@NO_MATCH@"] == gradescope._bash_double_quoted(no_match).replace("{names}", "${names[*]}").replace(
        "{first}", "${names[0]}")
    assert "${names[*]}" in said["@NO_MATCH@"] and "${names[0]}" in said["@NO_MATCH@"]
    assert json.loads(said["@FAILED@"]) == template("grade.gradescope.failed", language)
    assert json.loads(said["@NOT_YOUR_FAULT@"]) == template("grade.gradescope.not_your_fault", language)
    assert json.loads(said["@FAILED_SHORT_JSON@"].replace("'\\''", "'")) == {
        "score": 0, "output": template("grade.gradescope.failed_short", language), "tests": []}
    script = gradescope.run_autograder("9.8.7", language)
    assert "(lstmlab 9.8.7)" in script and re.search("@[A-Z_]+@", script) is None
    assert said["@NO_MATCH@"] in script and said["@FAILED_SHORT_JSON@"] in script


def test_a_sentence_with_a_quote_survives_bash_single_quotes(monkeypatch):
    from lstmlab.grade import gradescope as g
    monkeypatch.setattr("lstmlab.messages.template", lambda key, lang=None: "it's $x")
    said = g.learner_sentences("en")
    assert said["@FAILED_SHORT_JSON@"] == '{"score": 0, "output": "it\'\\\'\'s $x", "tests": []}'
    assert said["@NO_MATCH@"] == "it's \\$x"


def test_the_config_lists_what_run_autograder_passes_to_lstmlab_grade():
    assert gradescope.config_text("1.2", ["w1", "w2"], ["mine.py"], "zh", "uid") == (
        "# lstmlab's autograder, written by `lstmlab gradescope` (lstmlab 1.2); read by run_autograder\n"
        "version=1.2\nwheel=lstmlab-1.2-py3-none-any.whl\ncourse=course\nlanguage=zh\nisolation=uid\n"
        "assignment=w1\nassignment=w2\nitems=items/mine.py\n")
    assert gradescope.config_text("1.2", ["w1"], []).endswith("language=en\nisolation=bubblewrap\nassignment=w1\n")


def test_a_zip_is_written_whole_with_fixed_times_and_modes(tmp_path):
    out = tmp_path / "a" / "b" / "c.zip"
    members = [("run", b"#!/bin/sh\n", True), ("data/x.txt", b"x" * 1000, False)]
    gradescope.write_zip(out, members)
    first = out.read_bytes()
    gradescope.write_zip(out, members)
    assert out.read_bytes() == first and sorted(p.name for p in out.parent.iterdir()) == ["c.zip"]
    with zipfile.ZipFile(out) as zf:
        infos = zf.infolist()
        assert [(i.filename, i.date_time, i.external_attr >> 16, i.compress_type) for i in infos] == [
            ("run", (1980, 1, 1, 0, 0, 0), 0o100755, zipfile.ZIP_DEFLATED),
            ("data/x.txt", (1980, 1, 1, 0, 0, 0), 0o100644, zipfile.ZIP_DEFLATED)]
        assert zf.read("data/x.txt") == b"x" * 1000 and infos[1].compress_size < 100


def test_items_files_go_under_items_and_two_of_one_name_are_refused(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "mine.py").write_bytes(b"ITEMS = []\n")
    (tmp_path / "b" / "mine.py").write_bytes(b"")
    (tmp_path / "b" / "other.py").write_bytes(b"#")
    assert gradescope._items_members([tmp_path / "a" / "mine.py", tmp_path / "b" / "other.py"]) == [
        ("items/mine.py", b"ITEMS = []\n"), ("items/other.py", b"#")]
    with pytest.raises(ValueError) as twice:
        gradescope._items_members([tmp_path / "a" / "mine.py", tmp_path / "b" / "mine.py"])
    assert str(twice.value) == (f"--items {tmp_path / 'b' / 'mine.py'} and {tmp_path / 'a' / 'mine.py'} share the "
                                "file name 'mine.py': rename one")


def test_the_command_writes_the_autograder_zip(tmp_path, capsys):
    from lstmlab.grade.course import Course
    wheel = stand_in_wheel(tmp_path)
    (tmp_path / "mine.py").write_text("ITEMS = []\n")
    out = tmp_path / "ag.zip"
    assert gradescope.run(parse("--assignment", WEEK, "--out", out, "--wheel", wheel, "--items",
                                tmp_path / "mine.py", "--isolation", "uid")) == 0
    names = ["setup.sh", "run_autograder", wheel.name, "config", f"course/{WEEK}.ipynb", "items/mine.py"]
    with zipfile.ZipFile(out) as zf:
        assert zf.namelist() == names
        setup = zf.read("setup.sh").decode()
        assert f"(lstmlab {VERSION})" in setup and f'"./{wheel.name}[grade]"' in setup
        assert re.search("@[A-Z_]+@", setup) is None
        assert zf.read("run_autograder").decode() == gradescope.run_autograder(VERSION, "en")
        assert zf.read("config").decode() == gradescope.config_text(VERSION, [WEEK], ["mine.py"], "en", "uid")
        assert zf.read(wheel.name) == wheel.read_bytes()
        assert zf.read(f"course/{WEEK}.ipynb") == Course.find().assignments[WEEK].path.read_bytes()
        assert [i.external_attr >> 16 & 0o111 != 0 for i in zf.infolist()] == [True, True] + [False] * 4
    said = capsys.readouterr().out.splitlines()
    assert said == [f"{out}: " + ", ".join(names),
                    "Upload it as the Gradescope assignment's autograder (Configure Autograder, zip file upload); "
                    f"learners submit {WEEK}.ipynb."]


def test_the_command_in_chinese_writes_chinese_sentences(tmp_path):
    from lstmlab.messages import language, set_language
    before = language()
    try:
        assert gradescope.run(parse("--assignment", WEEK, "--out", tmp_path / "z.zip", "--wheel",
                                    stand_in_wheel(tmp_path), "--language", "zh")) == 0
    finally:
        set_language(before)
    with zipfile.ZipFile(tmp_path / "z.zip") as zf:
        assert zf.read("run_autograder").decode() == gradescope.run_autograder(VERSION, "zh")
        assert "language=zh" in zf.read("config").decode()


def test_without_a_wheel_a_clone_builds_one_and_an_install_says_what_to_give(tmp_path, monkeypatch, capsys):
    built = []

    def build(repo, folder):
        built.append((repo, folder))
        return stand_in_wheel(folder)

    monkeypatch.setattr(gradescope, "build_wheel", build)
    assert gradescope.run(parse("--assignment", WEEK, "--out", tmp_path / "z.zip")) == 0
    assert Path(built[0][1]).name.startswith("lstmlab-gradescope-")
    assert built[0][0] == gradescope.REPO and f"building lstmlab's wheel from {gradescope.REPO} ..." in \
        capsys.readouterr().err
    monkeypatch.setattr(gradescope, "REPO", tmp_path / "installed")
    with pytest.raises(ValueError, match=rf"this lstmlab is installed, not a clone; give --wheel PATH, this "
                                         rf"version's lstmlab-{VERSION}-py3-none-any.whl .* where it is published\)$"):
        gradescope.run(parse("--assignment", WEEK, "--out", tmp_path / "y.zip"))
    assert not (tmp_path / "y.zip").exists()



def test_a_course_of_ones_own_with_its_warnings_and_every_notebook_named(tmp_path, monkeypatch, capsys):
    import json as json_
    from grading_helpers import ROOT
    course = tmp_path / "course"
    course.mkdir()
    for name in (WEEK, "02_through_time"):
        nb = json_.loads((ROOT / "exercises" / f"{name}.ipynb").read_text())
        nb["metadata"]["mine"] = True
        (course / f"{name}.ipynb").write_text(json_.dumps(nb))
    seen = []
    monkeypatch.setattr("lstmlab.checks.registry.contract_problems",
                        lambda notebook, items, name: seen.append(name) or [f"{name} lacks x"])
    out = tmp_path / "z.zip"
    assert gradescope.run(parse("--assignment", WEEK, "--assignment", "02_through_time", "--course", course, "--out",
                                out, "--wheel", stand_in_wheel(tmp_path))) == 0
    said = capsys.readouterr()
    assert seen == [WEEK, "02_through_time"]
    assert said.err.splitlines() == [f"lstmlab gradescope: warning: {WEEK} lacks x",
                                     "lstmlab gradescope: warning: 02_through_time lacks x"]
    assert said.out.splitlines()[1].endswith(f"learners submit {WEEK}.ipynb, 02_through_time.ipynb.")
    with zipfile.ZipFile(out) as zf:
        assert zf.read(f"course/{WEEK}.ipynb") == (course / f"{WEEK}.ipynb").read_bytes()
