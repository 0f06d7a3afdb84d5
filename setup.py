"""Build glue only (pyproject.toml holds the configuration): a wheel carries the course's notebooks.

A non-editable build copies the clone's exercises/*.ipynb and notebooks/*.ipynb (and notebooks/zh/ when present)
into lstmlab/exercises/course/{exercises,lessons}/ of the build, so an installed lstmlab can grade and release
without a clone. The clone's folders stay the single source of truth: nothing is copied into the source tree.
"""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
COURSE = {"exercises": ROOT / "exercises", "lessons": ROOT / "notebooks"}  # packaged name: the clone's folder
SUBFOLDERS = ("zh",)  # translated lessons, copied when the clone has them


def course_files():
    """[(source file, path inside lstmlab/exercises/course)] of the notebooks a wheel carries."""
    files = []
    for name, folder in COURSE.items():
        notebooks = sorted(folder.glob("*.ipynb"))
        if not notebooks:
            raise SystemExit(f"setup.py: no notebooks in {folder}: a wheel must carry the course's {name} "
                             "(build from a clone or from an sdist, which holds exercises/ and notebooks/)")
        files += [(path, Path(name) / path.name) for path in notebooks]
        for sub in SUBFOLDERS:
            files += [(path, Path(name) / sub / path.name) for path in sorted((folder / sub).glob("*.ipynb"))]
    return files


class BuildPyWithCourse(build_py):
    """build_py, then (not for editable installs, which read the clone) the course's notebooks into the build."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "lstmlab" / "exercises" / "course"
        shutil.rmtree(target, ignore_errors=True)  # a notebook removed from the clone leaves no stale copy
        for source, relative in course_files():
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target / relative)

    def get_outputs(self, include_bytecode=1):
        outputs = super().get_outputs(include_bytecode)
        if getattr(self, "editable_mode", False):
            return outputs
        target = Path(self.build_lib) / "lstmlab" / "exercises" / "course"
        return outputs + [str(target / relative) for _, relative in course_files()]


setup(cmdclass={"build_py": BuildPyWithCourse})
