"""The adversarial corpus (tests/corpus/cases.toml): each case, made ready to run.

Shared by test_corpus.py (in-process) and test_corpus_pty.py (a real terminal). A case
is copied into a fresh folder named ``course``, so cases never see each other; the
ones with ``make`` (symbolic links, FIFOs, a file over the size cap) are made there.
"""

from __future__ import annotations

import os
import re
import shutil
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from alignlearn.untrusted import UNSAFE

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
HOST = '+++\nid = "{id}"\ntitle = "Host"\n+++\n\n## One\n\nText.\n'
SECRET = '+++\nid = "secret"\ntitle = "Secret"\n+++\n\nPrivate text.\n'


def load_cases() -> list[dict]:
    with open(CORPUS / "cases.toml", "rb") as handle:
        return tomllib.load(handle)["case"]


CASES = load_cases()


def case_id(case: dict) -> str:
    return case["path"]


def kind(case: dict) -> str:
    if case["path"].startswith("progress-"):
        return "progress"
    if case["path"].startswith("course-"):
        return "course"
    return "lesson"


@dataclass
class Ready:
    """A case laid out on disk: what to check and what to ``cat``."""

    root: Path  # the course folder
    target: Path  # the lesson to cat (or, for progress, the progress file)
    outside: str = ""  # the real path a link out of the course points to
    cat_args: list[str] = field(default_factory=list)

    def expected(self, case: dict) -> list[str]:
        return sorted(p.replace("{outside}", self.outside) for p in case.get("problems", []))


def materialise(case: dict, base: Path) -> Ready:
    root = base / "course"
    if kind(case) == "progress":
        root.mkdir(parents=True)
        target = root / "progress.toml"
        shutil.copyfile(CORPUS / case["path"], target)
        return Ready(root, target)
    if "make" in case:
        ready = _make(case["make"], case["path"], base, root)
    elif kind(case) == "course":
        shutil.copytree(CORPUS / case["path"], root)
        ready = Ready(root, _first_lesson(root))
    else:
        root.mkdir(parents=True)
        name = case["path"]
        shutil.copyfile(CORPUS / name, root / name)
        if name.endswith(".quiz.toml"):
            stem = name.removesuffix(".quiz.toml")
            (root / f"{stem}.md").write_text(HOST.format(id=stem), encoding="utf-8")
            name = f"{stem}.md"
        ready = Ready(root, root / name)
    ready.cat_args = ["cat", str(ready.target), "--width", "80"]
    if kind(case) == "course":
        ready.cat_args[1:1] = ["--course", str(root)]
    return ready


def _first_lesson(root: Path) -> Path:
    return sorted(p for p in root.glob("*.md") if p.is_file())[0]


def _outside(base: Path, name: str = "secret.md", text: str = SECRET) -> Path:
    outside = base / "outside"
    outside.mkdir(exist_ok=True)
    (outside / name).write_text(text, encoding="utf-8")
    return outside / name


def _make(how: str, name: str, base: Path, root: Path) -> Ready:
    root.mkdir(parents=True)
    target = root / name
    outside = ""
    if how == "link-outside":
        outside = str(_outside(base).resolve())
        target.symlink_to(outside)
    elif how == "link-chain":
        outside = str(_outside(base).resolve())
        (root / "hop").symlink_to(outside)
        target.symlink_to("hop")
    elif how == "link-dev-zero":
        target.symlink_to("/dev/zero")
    elif how == "fifo":
        os.mkfifo(target)
    elif how == "link-to-fifo":
        os.mkfifo(root / ".pipe")
        target.symlink_to(".pipe")
    elif how == "quiz-fifo":
        target.write_text(HOST.format(id="host"), encoding="utf-8")
        os.mkfifo(root / "host.quiz.toml")
    elif how == "too-large":
        head = '+++\nid = "big"\ntitle = "Big"\n+++\n\n'
        target.write_text(head + "x" * (1_100_000 - len(head) - 1) + "\n", encoding="utf-8")
    elif how == "block-flood":  # 80 KB: made here rather than kept in git
        target.write_text('+++\nid = "flood"\ntitle = "Flood"\n+++\n\n' + "# a\n" * 20_000, encoding="utf-8")
    elif how == "lines-flood":  # one paragraph of 40,000 lines
        target.write_text('+++\nid = "lines"\ntitle = "Lines"\n+++\n\n' + "a\n" * 40_000, encoding="utf-8")
    elif how == "markup-flood":
        paragraph = "[*" * 950 + "\n\n"
        target.write_text('+++\nid = "markup"\ntitle = "Markup"\n+++\n\n' + paragraph * 30 + "The end.\n",
                          encoding="utf-8")
    elif how == "manifest-link-outside":
        outside = str(_outside(base, "course.toml", 'format_version = 1\nid = "stolen"\ntitle = "Stolen"\n').resolve())
        (root / "course.toml").symlink_to(outside)
        (root / "one.md").write_text(HOST.format(id="one").replace("Host", "One"), encoding="utf-8")
        target = root / "one.md"
    elif how == "folder-named-md":
        (root / "dir.md").mkdir()
        (root / "one.md").write_text(HOST.format(id="one").replace("Host", "One"), encoding="utf-8")
        target = root / "one.md"
    else:
        raise ValueError(f"unknown make {how!r}")
    return Ready(root, target, outside)


def unsafe_in(text: str) -> list[str]:
    """Every character of ``text`` that must never reach a terminal (newline and tab aside)."""
    return [f"U+{ord(c):04X}" for c in UNSAFE.findall(text)]


_SGR = re.compile(rb"\x1b\[[0-9;]*m")


def only_sgr(data: bytes) -> bool:
    """Whether every ESC in ``data`` starts a colour or style sequence (SGR)."""
    return b"\x1b" not in _SGR.sub(b"", data)
