"""DIR/README.md of a Chinese release (`lstmlab release --language zh`): the English README's content, in Chinese."""
from .release import ITEMS


def readme_zh(version, lessons, exercises, lines, first, colab=False, items=(), english=()):
    """How a learner installs, starts, checks and submits; the notebooks still in English are marked as such."""
    example = exercises[0].name
    text = [
        "# LSTM 课程：课程笔记本与练习", "",
        f"本课程用 lstmlab {version} 制作。课程笔记本从一个 LSTM cell 讲起，一直讲到 Keras 3 里的堆叠模型和有状态模型；"
        "每个练习笔记本请你用 NumPy 写几个小函数，并在每个单元格下告诉你哪里对、哪里错。", "",
        "## 开始", "",
        "在这个文件夹里打开终端（需要 Python 3.10 或更高版本，最好先建一个虚拟环境：`python -m venv .venv`，再激活它）：", "",
        "```bash",
        f"{lines['lab']}   # 课程用到的一切，包括 Keras",
        "jupyter lab",
        "```", "",
        f"只做练习的话，`{lines['exercises']}` 就够了。用 conda 的话："
        "`conda env create -f environment.yml && conda activate lstmlab && jupyter lab`。", "",
        "如果连默认的软件包索引很慢，可以让 pip 和 conda 改用你选择的镜像：`pip config set global.index-url "
        "<镜像地址>`，或只在一条命令里加 `-i <镜像地址>`；conda 用 `conda config --add channels <镜像地址>`。"
        "lstmlab 本身就在本文件夹的 wheels/ 里，不需要下载。", "",
        f"然后在 JupyterLab 里打开 [{first}]({first})。如果老师给了你 JupyterHub 的链接，点开它就会直接打开。",
    ]
    if colab:
        text += ["", f"在 Colab 里，每个笔记本的第一个单元格负责安装 lstmlab（`!{lines['colab']}`），请先运行它。"]
    if items:
        text += ["", f"有些练习是老师自己出的：它们的检查在 [{ITEMS}/]({ITEMS}/) 里，每个练习笔记本会在第一个单元格"
                 "（`use_items(...)`）里载入它们，请在运行任何 `check` 之前先运行这个单元格。"]
    text += [
        "", "## 练习和 `check`", "",
        f"[exercises/](exercises/) 里的每个笔记本（例如 [{exercises[0]}]({exercises[0]})）都要你写几个函数。写好函数体，"
        "再运行它下面的 `check(\"<练习名>\", 你的函数)` 单元格。它会用几组随机输入调用你的函数，用平常的话告诉你是否"
        "通过；没通过时告诉你哪个输出的形状或数值不对（在哪里、差多少），以及最可能的错误（门的顺序弄错、kernel 转置了"
        "等等）。它从不抛出异常，所以笔记本总能一路运行到底。", "",
        "## 提交", "",
        f"按老师的要求提交练习笔记本文件本身（例如 `{example}`）。评分器从你的笔记本里取出答案单元格和你添加的单元格，"
        "把笔记本里其余的单元格恢复成发给你时的样子，在一个没有 lstmlab 的全新 Python 里运行，再用新的随机输入调用"
        "你的函数。所以：", "",
        "- 可以直接用 NumPy（`np`）；自己写的辅助函数可以放在你添加的单元格里，答案的上面或下面都行；",
        "- 不要删除答案单元格，也不要改它的元数据。评分的是答案单元格定义的那个函数（也就是它的 `check` 看到的那个），"
        "对笔记本自带单元格的修改会被撤销；",
        "- 提交前先运行 `check`。评分器用同样的检查、换一组随机输入，只碰巧适合 `check` 那几组输入的答案是不会通过的。", "",
        "## 目录", "",
    ]
    if english:
        text += ["标有「英文」的笔记本还没有中文版，暂时用英文原版。", ""]
    mark = lambda p: "（英文）" if p in english else ""
    text += [f"- 课程 [{p.stem}]({p}){mark(p)}" for p in lessons]
    text += [f"- 练习 [{p.stem}]({p}){mark(p)}" for p in exercises]
    return "\n".join(text) + "\n"
