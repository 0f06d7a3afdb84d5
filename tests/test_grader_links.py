"""Symbolic links are never followed, wherever they are: each is found as a link (with where it points), scored 0
with the grader's own sentence, and never read. The OS's "Too many levels of symbolic links" would also contain
"symbolic link", so these tests ask for the grader's sentence and the link's target, and that no file was read."""
import errno
import os
import shutil

import pytest

from lstmlab.checks import all_items
from lstmlab.grade import batch, collect
from lstmlab.grade.course import Course
from lstmlab.messages import msg
from grading_helpers import ROOT

WEEK = "01_one_cell"
SOLVED = ROOT / "solutions" / f"{WEEK}.ipynb"  # a link to a full-marks notebook: following it would pay


@pytest.fixture
def course():
    return Course.find().select([WEEK])


def only_links(learner, links):
    assert learner.files == [] and learner.links == links, (learner.files, learner.links)


def scored_zero(learner, course, link, target):
    """The learner's report: every exercise of the week an error with the grader's sentence naming the target."""
    matched = collect.match(learner, course)
    assert matched.files == {} and matched.links == {WEEK: (link, target)}
    entry = batch.learner_report(learner, matched, {}, course, all_items())
    assert entry["score"] == 0 and entry["notebooks"] == {WEEK: str(link)}
    scored = msg("grade.link_scored", file=link.name, target=target)
    assert [e["status"] for e in entry["exercises"]] == ["error"] * 3
    assert all(scored in e["feedback"] for e in entry["exercises"]), entry["exercises"]
    assert entry["notes"] == [msg("grade.link_note", file=link.name, target=target)]


def test_a_link_in_a_learners_folder_is_a_link(tmp_path, course):
    (tmp_path / "class" / "eve").mkdir(parents=True)
    (tmp_path / "class" / "ann").mkdir()
    shutil.copy(SOLVED, tmp_path / "class" / "ann")
    link = tmp_path / "class" / "eve" / f"{WEEK}.ipynb"
    os.symlink(SOLVED, link)
    ann, eve = collect.learners([tmp_path / "class"])
    assert ann.files == [tmp_path / "class" / "ann" / f"{WEEK}.ipynb"] and ann.links == []
    only_links(eve, [(link, str(SOLVED))])
    scored_zero(eve, course, link, str(SOLVED))


def test_a_link_two_folders_down_is_a_link(tmp_path, course):
    (tmp_path / "eve" / "week1" / "final").mkdir(parents=True)
    link = tmp_path / "eve" / "week1" / "final" / f"{WEEK}.ipynb"
    os.symlink(SOLVED, link)
    only_links(collect._folder("eve", tmp_path / "eve"), [(link, str(SOLVED))])


def test_a_learners_folder_that_is_a_link_is_a_link(tmp_path):
    (tmp_path / "real").mkdir()
    shutil.copy(SOLVED, tmp_path / "real")
    (tmp_path / "class").mkdir()
    os.symlink(tmp_path / "real", tmp_path / "class" / "eve")
    eve, = collect.learners([tmp_path / "class"])
    only_links(eve, [(tmp_path / "class" / "eve", str(tmp_path / "real"))])
    only_links(collect._folder("eve", tmp_path / "class" / "eve"), [(tmp_path / "class" / "eve", str(tmp_path / "real"))])


def test_a_link_to_a_folder_inside_a_learners_folder_is_a_link(tmp_path):
    (tmp_path / "real").mkdir()
    shutil.copy(SOLVED, tmp_path / "real")
    (tmp_path / "eve").mkdir()
    os.symlink(tmp_path / "real", tmp_path / "eve" / "work")
    os.symlink(tmp_path / "real" / f"{WEEK}.ipynb", tmp_path / "eve" / "notes.txt")  # not a notebook: ignored
    files, links, notes = collect._walk(tmp_path / "eve")
    assert (files, links, notes) == ([], [(tmp_path / "eve" / "work", str(tmp_path / "real"))], [])


def test_a_notebook_named_on_the_command_line_that_is_a_link_is_a_link(tmp_path, course):
    link = tmp_path / "eve" / f"{WEEK}.ipynb"
    link.parent.mkdir()
    os.symlink(SOLVED, link)
    eve, = collect.learners([link])
    only_links(eve, [(link, str(SOLVED))])
    scored_zero(eve, course, link, str(SOLVED))


def test_a_link_in_a_flat_download_is_a_link(tmp_path):
    os.symlink(SOLVED, tmp_path / f"eve_1_{WEEK}.ipynb")
    shutil.copy(SOLVED, tmp_path / f"ann_2_{WEEK}.ipynb")
    ann, eve = collect.learners([tmp_path], learner_pattern=r"^(?P<learner>[a-z]+)_")
    assert ann.files == [tmp_path / f"ann_2_{WEEK}.ipynb"]
    only_links(eve, [(tmp_path / f"eve_1_{WEEK}.ipynb", str(SOLVED))])


def test_a_link_in_a_loop_is_a_link_with_its_target(tmp_path):
    (tmp_path / "eve").mkdir()
    loop = tmp_path / "eve" / f"{WEEK}.ipynb"
    os.symlink(loop.name, loop)
    only_links(collect._folder("eve", tmp_path / "eve"), [(loop, loop.name)])


def test_reading_a_notebook_never_goes_through_a_link(tmp_path):
    link = tmp_path / f"{WEEK}.ipynb"
    os.symlink(SOLVED, link)
    assert collect.read_notebook(SOLVED).cells  # the file itself is read
    with pytest.raises(ValueError) as info:
        collect.read_notebook(link)
    assert str(info.value) == msg("grade.unreadable", why=os.strerror(errno.ELOOP))
