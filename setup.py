"""Ship the bundled course (the repository's ``lessons/`` folder) inside the wheel.

The course lives at the top of the repository so authors find it, but an installed
``alignlearn`` must open it from any folder, so the build copies it into the package
as ``alignlearn/lessons``.
"""

from pathlib import Path
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithLessons(build_py):
    def run(self):
        super().run()
        source = Path(__file__).parent / "lessons"
        if source.is_dir():
            target = Path(self.build_lib) / "alignlearn" / "lessons"
            target.mkdir(parents=True, exist_ok=True)
            for item in source.iterdir():
                if item.is_file() and item.suffix in {".md", ".toml"}:
                    shutil.copy2(item, target / item.name)


setup(cmdclass={"build_py": BuildWithLessons})
