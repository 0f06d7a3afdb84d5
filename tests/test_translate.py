"""`lstmlab translate` (issue #26): one gettext catalogue per notebook, the Chinese notebooks generated from the English
ones, and a check that fails when an English sentence changed and its translation did not, or a generated notebook is
stale. The Chinese exercise has the English answer cells and grades like the English one."""
import ast
import re
import shutil
import subprocess
import sys

import nbformat
import pytest

from lstmlab.translate import catalog
from lstmlab.translate.build import pairs
from lstmlab.translate.units import comment_units, markdown_units, translate_code, translate_markdown
from grading_helpers import ROOT, by_id, grade

PAIR = ("notebooks/02_through_time.ipynb", "locale/zh/notebooks/02_through_time.po", "notebooks/zh/02_through_time.ipynb")
EXERCISE = ("exercises/02_through_time.ipynb", "locale/zh/exercises/02_through_time.po", "exercises/zh/02_through_time.ipynb")


def translate(*args, root=ROOT):
    return subprocess.run([sys.executable, "-m", "lstmlab", "translate", *args, "--root", str(root)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


def code_tree(source):
    """A code cell's syntax tree: comments are not in it (IPython magics made `pass`)."""
    lines = ["pass" if line.lstrip().startswith(("%", "!")) else line for line in source.split("\n")]
    return ast.dump(ast.parse("\n".join(lines)))


@pytest.fixture
def clone(tmp_path):
    """A copy of the translated pilot (lesson 02 and its exercise, English, catalogues, Chinese) to break."""
    for path in PAIR + EXERCISE:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / path, tmp_path / path)
    return tmp_path


def test_the_catalogues_and_the_chinese_notebooks_are_up_to_date():
    assert {(p.folder, p.stem) for p in pairs("zh")} >= {("notebooks", "02_through_time"), ("exercises", "02_through_time")}
    done = translate("check")
    assert done.returncode == 0, done.stderr


def test_changing_one_english_sentence_fails_until_its_translation_is_updated(clone):
    english = nbformat.read(clone / PAIR[0], as_version=4)
    cell = next(c for c in english.cells if c.cell_type == "markdown" and "Parameters: flat." in c.source)
    cell.source = cell.source.replace("Parameters: flat.", "Parameters: constant.")
    nbformat.write(english, str(clone / PAIR[0]))
    done = translate("check", root=clone)
    assert done.returncode == 1 and "missing: 'Parameters: constant." in done.stderr, done.stderr
    assert "notebooks/zh/02_through_time.ipynb: stale" in done.stderr  # its English text is in the Chinese now

    assert translate("update", root=clone).returncode == 0  # the old translation is kept, marked fuzzy
    done = translate("check", root=clone)
    assert done.returncode == 1 and "fuzzy: 'Parameters: constant." in done.stderr, done.stderr
    po = catalog.read(clone / PAIR[1], "zh")
    entry = next(m for m in po if m.id.startswith("Parameters: constant."))
    assert entry.fuzzy and entry.string.startswith("参数量是一条水平线")
    assert '#| msgid "Parameters: flat.' in (clone / PAIR[1]).read_text(encoding="utf-8")  # what it was, for the translator

    entry.flags.discard("fuzzy")
    entry.string = entry.string.replace("参数量是一条水平线", "参数量保持不变")
    catalog.write(po, clone / PAIR[1])
    assert translate("check", root=clone).returncode == 1  # translated, but the notebook is not rebuilt yet
    assert translate("build", "--no-execute", root=clone).returncode == 0
    done = translate("check", root=clone)
    assert done.returncode == 0, done.stderr
    assert "参数量保持不变" in (clone / PAIR[2]).read_text(encoding="utf-8")


def test_changing_english_code_makes_the_chinese_notebook_stale(clone):
    english = nbformat.read(clone / EXERCISE[0], as_version=4)
    cell = next(c for c in english.cells if c.cell_type == "code" and c.source.startswith("import numpy"))
    cell.source += "\nimport math"
    nbformat.write(english, str(clone / EXERCISE[0]))
    done = translate("check", root=clone)
    assert done.returncode == 1 and "exercises/zh/02_through_time.ipynb: stale" in done.stderr, done.stderr
    assert "missing:" not in done.stderr and "fuzzy:" not in done.stderr


def test_build_never_overwrites_an_edited_chinese_notebook(clone):
    target = clone / EXERCISE[2]
    nb = nbformat.read(target, as_version=4)
    nb.cells[-1].source += "\n# 我的笔记"
    nbformat.write(nb, str(target))
    done = translate("build", "--no-execute", root=clone)
    assert done.returncode == 1 and "NOT overwritten" in done.stderr
    assert "# 我的笔记" in target.read_text(encoding="utf-8")


LESSONS = [tuple(f"{where}{name}" for where in ("notebooks/", "locale/zh/notebooks/", "notebooks/zh/"))
           for name in ("00_start_here.ipynb", "01_one_cell.ipynb", "03_shaping_data.ipynb")]


EXERCISES = [(f"exercises/{p.name}", f"locale/zh/exercises/{p.stem}.po", f"exercises/zh/{p.name}")
             for p in sorted((ROOT / "exercises" / "zh").glob("*.ipynb"))]  # every Chinese exercise there is


def han(text):
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.parametrize("pair", [PAIR, EXERCISE] + LESSONS + [e for e in EXERCISES if e != EXERCISE],
                         ids=["lesson", "exercise", "00", "01", "03"] + [f"exercise {e[0][10:12]}" for e in EXERCISES
                                                                        if e != EXERCISE])
def test_the_chinese_notebook_is_the_english_one_translated(pair):
    english, chinese = (nbformat.read(ROOT / p, as_version=4) for p in (pair[0], pair[2]))
    first, rest = chinese.cells[0], chinese.cells[1:]
    assert first.cell_type == "code" and 'lstmlab.set_language("zh")' in first.source
    assert [c.get("id") for c in rest] == [c.get("id") for c in english.cells]
    for e, z in zip(english.cells, rest):
        assert z.cell_type == e.cell_type
        e_meta, z_meta = e.metadata.get("lstmlab"), z.metadata.get("lstmlab")
        release = catalog.release_text(e)
        if release:  # what a release shows instead of the cell: translated too, the rest of the metadata kept
            said = z_meta["release"]
            assert han(said) > 0.2 * len(said) and said.count("{install}") == release.count("{install}"), said
            assert {k: v for k, v in z_meta.items() if k != "release"} == {k: v for k, v in e_meta.items() if k != "release"}
        else:
            assert z_meta == e_meta  # the answer-cell contract
        assert z.metadata.get("tags") == e.metadata.get("tags")
        if e.cell_type == "code":
            assert code_tree(z.source) == code_tree(e.source)  # the same code; only comments differ
            assert len(comment_units(z.source)) == len(comment_units(e.source))
        else:
            assert len(markdown_units(z.source)) >= 1 or not markdown_units(e.source)
    prose = re.sub(r"```.*?```", "", "".join(c.source for c in rest if c.cell_type == "markdown"), flags=re.S)  # no code
    assert han(prose) > 0.3 * len(prose), "the Chinese notebook's text is mostly not Chinese"
    assert "四个门" not in prose


def test_a_release_text_is_a_unit_of_its_cell_and_is_translated_with_it():
    """A cell that a release replaces ({"lstmlab": {"release": TEXT}}) has TEXT's units in the catalogue, and the
    generated notebook carries TEXT translated (placeholders and code blocks kept), so a Chinese release is Chinese."""
    from lstmlab.translate.build import translated
    english = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_markdown_cell("Run `make lab`.")
    cell.metadata["lstmlab"] = {"release": "Install it:\n\n```\n{install}\n```\n\nthen restart."}
    gone = nbformat.v4.new_markdown_cell("Teachers: `lstmlab grade`.")
    gone.metadata["lstmlab"] = {"release": ""}
    english.cells = [cell, gone]
    po = catalog.template(english, "x", "zh")
    assert [m.id for m in po if m.id] == ["Run `make lab`.", "Install it:", "then restart.", "Teachers: `lstmlab grade`."]
    for m, said in zip([m for m in po if m.id], ["运行 `make lab`。", "安装：", "然后重启。", "教师：`lstmlab grade`。"]):
        m.string = said
    chinese = translated(english, po, "zh", "notebooks/x")
    assert chinese.cells[1].source == "运行 `make lab`。"
    assert chinese.cells[1].metadata["lstmlab"] == {"release": "安装：\n\n```\n{install}\n```\n\n然后重启。"}
    assert chinese.cells[2].metadata["lstmlab"] == {"release": ""}  # still left out of a release
    assert english.cells[0].metadata["lstmlab"]["release"].startswith("Install it:")  # the English is not touched


def test_no_unit_is_lost_or_changed_when_nothing_is_translated():
    """Cutting into units and putting back with no translation gives every course notebook back unchanged."""
    for path in sorted(ROOT.glob("notebooks/*.ipynb")) + sorted(ROOT.glob("solutions/*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            again = (translate_markdown if cell.cell_type == "markdown" else translate_code)(cell.source, lambda m: None)
            assert again == cell.source, (path.name, cell.source[:80])


def test_units_are_paragraphs_items_rows_headings_and_comments():
    text = ("## A heading\n\nOne paragraph\nwrapped.\n\n- item one\n- item two\n  continued\n\n| a | b |\n|---|---|\n"
            "| 1 | 2 |\n\n> quoted\n> lines\n\n```python\nx = 1  # not prose\n```\n\n$$x^2$$")
    assert markdown_units(text) == ["A heading", "One paragraph wrapped.", "item one", "item two continued",
                                    "| a | b |", "| 1 | 2 |", "quoted lines"]
    said = translate_markdown(text, {"item two continued": "第二项", "quoted lines": "引文\n两行"}.get)
    assert "- 第二项\n" in said and "> 引文\n> 两行" in said and "x = 1  # not prose" in said
    code = 'x = "# not a comment"   # a comment\n%matplotlib inline\ny = 2'
    assert comment_units(code) == ["a comment"]
    assert translate_code(code, {"a comment": "注释"}.get) == 'x = "# not a comment"   # 注释\n%matplotlib inline\ny = 2'


def test_extract_refuses_a_notebook_outside_the_course(tmp_path):
    stray = tmp_path / "mine.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), str(stray))
    done = translate("extract", str(stray))
    assert done.returncode == 2 and "expected an English notebook in notebooks/ or exercises/" in done.stderr


@pytest.mark.parametrize("pair", EXERCISES, ids=lambda e: e[0][10:12])
def test_the_chinese_exercise_grades_like_the_english_one(pair, tmp_path):
    """Answers pasted into each Chinese exercise score exactly what they score in the English one: a wrong one (the
    first answer returns 0), solved ones, and with three answers or more a blank one (the last: not attempted)."""
    name = pair[0].split("/")[-1]
    solved = {c.metadata["lstmlab"]["exercise"]: c.source for c in nbformat.read(ROOT / "solutions" / name,
                                                                                 as_version=4).cells
              if "exercise" in c.metadata.get("lstmlab", {})}
    items = list(solved)
    assert len(items) >= 2, name
    wrong, blank = items[0], (items[-1] if len(items) >= 3 else None)
    results = {}
    for language, path in (("en", pair[0]), ("zh", pair[2])):
        nb = nbformat.read(ROOT / path, as_version=4)
        for cell in nb.cells:
            item = cell.metadata.get("lstmlab", {}).get("exercise")
            if item == wrong:
                assert "raise NotImplementedError" in cell.source, (path, item)
                cell.source = re.sub(r"raise NotImplementedError\(.*\)", "return 0", cell.source)
            elif item in solved and item != blank:
                cell.source = solved[item]
        target = tmp_path / language / name
        target.parent.mkdir()
        nbformat.write(nb, str(target))
        results[language] = {k: (e["status"], e["points"]) for k, e in by_id(grade(target, seed=11)).items()}
    assert results["zh"] == results["en"]
    assert set(results["en"]) == set(items)
    assert results["en"][wrong][0] in ("failed", "error") and results["en"][wrong][1] == 0
    assert blank is None or results["en"][blank][0] == "not_attempted"
    for item in [i for i in items[1:] if i != blank]:
        assert results["en"][item][0] == "passed" and results["en"][item][1] > 0, (item, results["en"][item])
