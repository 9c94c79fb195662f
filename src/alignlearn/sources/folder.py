"""A plain folder of Markdown (SPEC section 1a): every ``*.md``, in file-name order.

A file with TOML front matter (``+++``) is a native lesson; one with YAML (``---``) or
none is a lesson whose id is its file name without ``.md`` and whose title is the
YAML's ``title``, else its first heading, else its file name. Where most files are
``+++`` lessons, each file without front matter gets a warning: an author's lesson that
forgot it (a folder of ``+++`` files only is a native course, ``sources/detect.py``).
"""

from __future__ import annotations

import re
from pathlib import Path

from alignlearn.course.lesson import Lesson, LessonInfo, load_lesson, read_info
from alignlearn.course.problems import LessonError, Problem, Problems
from alignlearn.course.source import read_text, sanitise

_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_FENCE = re.compile(r"^[ ]{0,3}(```|~~~)", re.MULTILINE)


def markdown_files(root: Path) -> list[Path]:
    return sorted(p for p in root.glob("*.md") if not p.name.startswith(".") and p.is_file())


def first_heading(body: str) -> str:
    """The text of the body's first ATX heading outside code, or ''."""
    fence = _FENCE.search(body)
    match = _HEADING.search(body, 0, fence.start() if fence else len(body))
    if not match:
        return ""
    return " ".join(re.sub(r"[`*_]", "", match.group(1)).split())


class FolderSource:
    format = "folder"

    def __init__(self, root: Path):
        self.root = root
        self.native: set[str] = set()  # ids of the lessons with TOML front matter
        self.unreadable: list[Path] = []  # Markdown files that could not be read: left out, their problems said

    def load(self, info: LessonInfo, with_quiz: bool = True) -> Lesson:
        """The file as a lesson: from the lesson caches when it is unchanged, as a
        course's lesson or a book's chapter is, else parsed (and then kept)."""
        from alignlearn.sources import book_cache

        if info.id in self.native:
            if not with_quiz:
                return load_lesson(info.file, with_quiz=False)
            from alignlearn.cache.parsed_lessons import read_lesson

            return read_lesson(info)
        lesson = book_cache.load(info)
        if lesson is None:
            from alignlearn.sources.chapter import chapter_lesson
            from alignlearn.sources.front_matter import split_yaml

            written = book_cache.now()  # before reading: a change meanwhile shows next time
            problems = Problems(info.file)
            text = sanitise(read_text(info.file, problems), problems)
            _, body, body_line = split_yaml(text)
            lesson = chapter_lesson(info, body, body_line, self.root, problems, False, directives=False)
            book_cache.save(lesson, written)
        if with_quiz:
            _own_quiz(lesson)
        lesson.quiz_checked = with_quiz
        return lesson

    def kept(self, info: LessonInfo) -> Lesson | None:
        """The file as the lesson caches hold it (without its quiz), or None: no parsing."""
        from alignlearn.cache.parsed_lessons import load
        from alignlearn.sources import book_cache

        if info.id in self.native:
            found = load(info.file)
            return found if found is not None and found.id == info.id else None
        return book_cache.load(info)

    def lesson_for_link(self, path: str, current: LessonInfo | None) -> str | None:
        return Path(path).name.removesuffix(".md").removesuffix(".html")


def _own_quiz(lesson: Lesson) -> None:
    """A ``NAME.quiz.toml`` beside the file, as for native lessons."""
    from alignlearn.course.quiz import load_quiz, quiz_path

    quiz_file = quiz_path(lesson.file)
    if quiz_file.exists() or quiz_file.is_symlink():
        lesson.quiz, found = load_quiz(quiz_file, lesson)
        lesson.problems.extend(found)


def read_folder(root: Path) -> tuple[list[LessonInfo], list[Problem], FolderSource]:
    from alignlearn.sources.front_matter import info_from_yaml, split_yaml

    source = FolderSource(root)
    infos: list[LessonInfo] = []
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    for file in markdown_files(root):
        found = Problems(file)
        try:
            text = sanitise(read_text(file, found), found)
            if text.startswith("+++"):
                info, _, _ = read_info(file, found, text)
                source.native.add(info.id)
            else:
                stem = sanitise(file.name.removesuffix(".md"))
                front, body, body_line = split_yaml(text)
                title = first_heading(body) or stem
                if front is None:
                    info = LessonInfo(id=stem, title=title, file=file)
                else:
                    info = info_from_yaml(front, file, stem, title, found)
        except LessonError as error:
            problems.extend(error.problems)
            source.unreadable.append(file)
            continue
        problems.extend(found)
        if info.id in seen:
            problems.append(Problem(str(file), 1, 1, "error",
                                    f"duplicate lesson id '{info.id}' (also {seen[info.id].name})"))
            continue
        seen[info.id] = file
        infos.append(info)
    plain = [info for info in infos if info.id not in source.native]
    if len(source.native) > len(plain):  # an author's lessons, and a file that forgot its front matter?
        problems.extend(Problem(str(info.file), 1, 1, "warning", _PLAIN_AMONG_LESSONS.format(id=info.id))
                        for info in plain)
    return infos, problems, source


_PLAIN_AMONG_LESSONS = ("no front matter, unlike most files here: read as plain Markdown (id '{id}' from the file "
                        "name, title from its first heading); if it is one of the course's lessons, begin it "
                        "with '+++' front matter as they do")
