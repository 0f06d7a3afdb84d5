"""The grader speaks the learner's language (issue #14): `lstmlab grade --language zh` writes every feedback line a
learner reads in Chinese (named mistakes, a refused import inside the sandbox, a notebook not submitted), in the
grading workers too; English stays the default and the report records the language."""
import json
import re
import subprocess
import sys

import pytest

from grading_helpers import ROOT, answer_source, submission

HAN = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = ("not attempted", "Likely mistake", "is not available while grading", "was not submitted", "Fix:",
           "Python's error", "your answer cell raised", "no function named")
WEEKS = ("01_one_cell", "02_through_time")


@pytest.fixture(scope="module")
def klass(tmp_path_factory):
    """wu: a wrong parameter count and an answer that imports lstmlab, week 02 missing; li: week 01 solved."""
    root = tmp_path_factory.mktemp("class_zh")
    wrong_count = answer_source("01_one_cell.ipynb", "lstm_param_count").replace("4 * (", "(")
    submission(root, "01_one_cell.ipynb", {"lstm_param_count": wrong_count,
                                            "lstm_step": "from lstmlab import lstm_step\n"}, folder="wu")
    submission(root, "01_one_cell.ipynb", folder="li")
    return root


def _grade(root, out, *options):
    args = [sys.executable, "-m", "lstmlab", "grade", str(root), "--json", str(out), "--seed", "3", "--quiet",
            *[a for w in WEEKS for a in ("--assignment", w)], *options]
    done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text())
    return data, {s["learner"]: {e["id"]: e for e in s["exercises"]} for s in data["submissions"]}


def _chinese(text):
    assert HAN.search(text), text
    for words in ENGLISH:
        assert words not in text, (words, text)


def test_feedback_in_chinese_with_language_zh_in_every_worker(klass, tmp_path):
    data, feedback = _grade(klass, tmp_path / "zh.json", "--language", "zh", "--jobs", "2")
    assert data["language"] == "zh"
    wu, li = feedback["wu"], feedback["li"]
    assert wu["lstm_param_count"]["status"] == "failed" and wu["lstm_step"]["status"] == "error"
    _chinese(wu["lstm_param_count"]["feedback"])  # a named mistake and its fix
    _chinese(wu["lstm_step"]["feedback"])  # the sandbox's refusal, said inside it
    assert "lstmlab" in wu["lstm_step"]["feedback"]  # names stay as they are
    missing = [e for e in wu.values() if e["assignment"] == "02_through_time"]
    assert missing and all(e["status"] == "not_attempted" for e in missing)
    for entry in missing:
        _chinese(entry["feedback"])
        assert "02_through_time.ipynb" in entry["feedback"]
    assert li["lstm_step"]["status"] == "passed"


def test_english_stays_the_default_and_says_the_same_things(klass, tmp_path):
    data, feedback = _grade(klass, tmp_path / "en.json")
    assert data["language"] == "en"
    wu = feedback["wu"]
    assert "Likely mistake" in wu["lstm_param_count"]["feedback"]
    assert "is not available while grading" in wu["lstm_step"]["feedback"]
    assert "02_through_time.ipynb was not submitted" in feedback["wu"]["lstm_layer"]["feedback"]
    assert not HAN.search(json.dumps(data["submissions"], ensure_ascii=False))


def test_lstmlab_lang_picks_the_language_when_no_option_is_given(klass, tmp_path, monkeypatch):
    monkeypatch.setenv("LSTMLAB_LANG", "zh")
    data, feedback = _grade(klass, tmp_path / "env.json")
    assert data["language"] == "zh"
    _chinese(feedback["wu"]["lstm_param_count"]["feedback"])
