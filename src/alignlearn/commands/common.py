"""What every command shares: exit codes, errors, finding the course and the lesson.

Imports are lazy: ``alignlearn check`` and ``cat`` must start about as fast as
Python with Rich, so nothing heavy (Textual above all) loads unless it is used.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """The command line asked for something that cannot be: exit 2."""

    code = EXIT_USAGE


class NotFound(UsageError):
    """A course or lesson named on the command line does not exist: exit 1 (SPEC section 5)."""

    code = EXIT_BAD_INPUT


def fail(message: str, code: int = EXIT_BAD_INPUT, one_line: bool = False) -> int:
    from alignlearn.untrusted import printable

    # Messages quote what the user typed, a file name or a lesson: never raw ESC.
    print(f"alignlearn: error: {printable(message, one_line=one_line)}", file=sys.stderr)
    return code


class Parser(argparse.ArgumentParser):
    """argparse quotes a bad argument back in its usage errors: shown made printable."""

    def _print_message(self, message: str, file=None) -> None:
        from alignlearn.untrusted import printable

        super()._print_message(printable(message) if message else message, file)


def wants_plain(stream=None) -> bool:
    stream = stream or sys.stdout
    return bool(os.environ.get("NO_COLOR")) or not stream.isatty()


def output_console(width: int | None = None):
    """The console ``cat`` and ``quiz`` print rendered Markdown to: plain text, 80 columns
    unless told, when standard output is not a terminal or NO_COLOR is set; else styled,
    at the terminal's width. Never markup: what it prints is content."""
    from rich.console import Console

    if wants_plain():
        return Console(width=width or 80, color_system=None, force_terminal=False, highlight=False,
                       emoji=False, markup=False, no_color=True)
    return Console(width=width, highlight=False, emoji=False, markup=False)


def print_rendered(console, renderable) -> None:
    """Print what ``cat`` and ``quiz`` render: styled on a terminal; else as plain text
    without the spaces Rich pads every line with to the console's width (a script
    reading a pipe or a file gets no trailing whitespace), every line otherwise as is."""
    if console.is_terminal:
        console.print(renderable)
        return
    with console.capture() as captured:
        console.print(renderable)
    text = captured.get()
    if text:
        emit(without_trailing_spaces(text).removesuffix("\n"))


def emit(text: str, stream=None) -> None:
    """Print even where the terminal's encoding cannot show every character of a lesson."""
    stream = stream or sys.stdout
    try:
        print(text, file=stream)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        print(text.encode(encoding, "replace").decode(encoding), file=stream)


def without_trailing_spaces(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.split("\n"))


def course_root(args) -> Path:
    """The folder of the course ``--course`` names, else the bundled course's."""
    from alignlearn import paths

    if getattr(args, "course", None):
        return named_course(args.course)
    return paths.bundled_course()


def named_course(named: str) -> Path:
    """The folder of the course at ``named``: a folder, its course.toml or book.toml, or a
    lesson file (its course or book). A path that is not there is returned as it is, for the
    command to say "no course at"; any other file is no course: ``NotFound``."""
    path = Path(named)
    if path.is_dir() or not path.exists():
        return path
    refuse_other_file(named)
    from alignlearn.course.catalog import resolve

    return resolve(path)[0]


def refuse_other_file(named: str) -> None:
    """``NotFound`` when the PATH ``named`` is a file that cannot be a course, a lesson or a
    book (``/etc/passwd``): opened, it was a lesson of its folder that could not be read."""
    from alignlearn.course.catalog import not_a_course

    why = not_a_course(named)
    if why is not None:
        raise NotFound(why)


def course_here() -> Path | None:
    """The current folder, when it holds a course (an author at work in it)."""
    here = Path.cwd()
    return here if any((here / name).is_file() for name in ("course.toml", "book.toml")) else None


LOOKED_AT = 200  # lesson files looked at for front matter, at most, before deciding a folder holds none


def lessons_here() -> Path | None:
    """The current folder, when it holds a course or lessons being written (Markdown files
    that open with front matter, as ``alignlearn new`` writes them)."""
    here = course_here()
    if here is not None:
        return here
    for at, path in enumerate(sorted(Path.cwd().glob("*.md"))):
        if at == LOOKED_AT:
            break
        try:
            with path.open("rb") as handle:
                if handle.readline().strip() == b"+++":
                    return Path.cwd()
        except OSError:
            continue
    return None


def checked_here() -> tuple[Path, str] | None:
    """What ``check`` with no PATH checks, and the words that say so: what the reader
    would open in the current folder (its course or book, the book whose src folder it
    is in, its lessons or plain Markdown files), or None when it holds nothing to check."""
    from alignlearn.cache.disk import is_lesson_name
    from alignlearn.sources import BOOK
    from alignlearn.sources.detect import book_holding

    if (Path.cwd() / BOOK).is_file():  # a book's folder: the book, whatever else is here (as the reader opens it)
        from alignlearn.sources.mdbook import book_title

        title = book_title(Path.cwd())
        return Path.cwd(), f'the book "{title}"' if title else "the mdBook in ."
    if lessons_here() is not None:
        return Path.cwd(), "the lessons in the current folder"
    book = book_holding(Path.cwd())
    if book is not None:
        return book, "the book the current folder is in"
    if any(is_lesson_name(path.name) and path.is_file() for path in Path.cwd().glob("*.md")):
        return Path.cwd(), "the Markdown files in the current folder"
    return None


def bundled_course_note(args, doing: str, command: str) -> None:
    """With no ``--course``, ``lessons`` and ``search`` use the bundled course (SPEC section 5),
    even in a folder ``check`` would check: say so on standard error (never on standard
    output, where ``--json`` goes), and how to name this folder's lessons instead."""
    from alignlearn import paths
    from alignlearn.untrusted import printable

    if getattr(args, "course", None):
        return
    here = checked_here()
    if here is None or here[0].resolve() == paths.bundled_course().resolve():
        return
    root, what = here
    note = (f"alignlearn: {doing} the bundled course; for {what}: "
            f"alignlearn {command} --course {os.path.relpath(root, Path.cwd())}")
    print(printable(note, one_line=True), file=sys.stderr)


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def needs_terminal() -> None:
    """The reader draws on a terminal: on a pipe or a file it would write escape codes there."""
    if not sys.stdout.isatty() and not os.environ.get("TEXTUAL_DRIVER"):  # serve sets its own driver
        raise NotFound("the reader needs a terminal, and standard output is not one; "
                       "to print a lesson, use: alignlearn cat LESSON")


def open_course_for(args, target: str | None = None):
    """The course a command works on, and the lesson file PATH named, if any."""
    from alignlearn.course import open_course, resolve

    root, lesson_file = course_root(args), None
    if target is not None and not getattr(args, "course", None):
        if Path(target).exists():
            refuse_other_file(target)
            root, lesson_file = resolve(target)
    if not root.exists():
        raise NotFound(f"no course at {root}")
    course = open_course(root)
    if target is not None and lesson_file is None and not getattr(args, "course", None) and course.find(target) is None:
        # An author in their lessons' folder, or a learner in their book or folder of Markdown:
        # "cat my-lesson" means theirs, what "check" there checks.
        checked = checked_here()
        here = checked[0] if checked is not None else None
        if here is not None and here.resolve() != root.resolve():
            theirs = open_course(here)
            if theirs.find(target) is not None or any(p.is_error for p in problems_about(theirs, _files_named(theirs, target))):
                return theirs, None  # theirs, or theirs it could not read: its problems, not "no lesson"
    return course, lesson_file


def lesson_for(args, name: str):
    """The course and the lesson ``name`` (an id, or a lesson file's path) with its quiz;
    the lesson is None when it cannot be read, and its problems are printed."""
    from alignlearn.course import LessonError

    course, lesson_file = open_course_for(args, name)
    try:
        if lesson_file is not None:
            return course, lesson_from_file(course, lesson_file)
        return course, course.lesson(find_lesson(course, name).id)
    except LessonError as error:
        print_problems(error.problems)
        return course, None


def lesson_from_file(course, lesson_file: Path, with_quiz: bool = True):
    """The lesson in ``lesson_file``, read the way its course reads it (as the reader does).

    A native course's file is read as a lesson file (a file without front matter there
    is an error to report). A book's chapter or a plain folder's Markdown file has no
    front matter of ours: its course lists it, and reads it, by its id.
    """
    from alignlearn.course import load_lesson

    if course.source is None:
        return load_lesson(lesson_file, with_quiz=with_quiz)
    return course.lesson(listed_lesson(course, lesson_file).id, with_quiz=with_quiz)


def listed_lesson(course, lesson_file: Path):
    """The course's record of ``lesson_file``; ``LessonError`` with the course's problems
    about that file (or "not a lesson of this course") when the course could not list it."""
    from alignlearn.course import LessonError, Problem

    info = course.find(str(lesson_file))
    if info is not None:
        return info
    raise LessonError(problems_about(course, [lesson_file])
                      or [Problem(str(lesson_file), 1, 1, "error", "not a lesson of this course")])


def problems_about(course, files) -> list:
    """The course's problems about any of ``files``, matched by their real paths."""
    wanted = {os.path.realpath(file) for file in files}
    return [p for p in course.problems if os.path.realpath(p.file) in wanted]


def print_problems(problems, stream=None) -> None:
    stream = stream or sys.stderr
    for problem in problems:
        print(problem, file=stream)


def note_lesson_errors(course, lesson, stream=None) -> None:
    """The errors in the file of a lesson that still loaded (an include not found, YAML front
    matter a chapter is read without), one line each on standard error: ``cat`` and ``ask``
    show the lesson as it loads, and its author learns why part of it is missing or plain.
    The exit code is unchanged; ``check`` gives the hints, and ``quiz`` the quiz's errors."""
    import dataclasses

    found = [p for p in lesson.problems if p.file == str(lesson.info.file)]
    found += [p for p in problems_about(course, [lesson.info.file]) if p not in found]  # a listing's, once
    print_problems([dataclasses.replace(p, hint="") for p in found if p.is_error], stream)


def find_lesson(course, name: str):
    """The course's record of lesson ``name`` (an id or a file); ``LessonError`` with its
    problems when it is a lesson file the course could not read (bad front matter: "no
    lesson" would send the author looking for a file that is there); else ``NotFound``."""
    from alignlearn.course import LessonError

    info = course.find(name)
    if info is None:
        refuse_whole_course(name)
        problems = [p for p in problems_about(course, _files_named(course, name)) if p.is_error]
        if problems:
            raise LessonError(problems)
        raise NotFound(f"no lesson '{name}' in course '{course.id}' ({course.root})")
    return info


def _files_named(course, name: str) -> tuple[Path, ...]:
    """The files a lesson ``name`` (an id or a path) may be in the course."""
    return Path(name), course.root / name, course.root / f"{name}.md"


def refuse_whole_course(named: str) -> None:
    """``NotFound`` naming what ``named`` is, when a command that shows one lesson (cat, ask,
    quiz, preview) is given a whole course: "no lesson 'lessons/course.toml'" sent the
    author looking for a lesson of that name."""
    from alignlearn.course.catalog import not_a_lesson

    why = not_a_lesson(named)
    if why is not None:
        raise NotFound(why)


def columns(text: str) -> int:
    """A width in columns: a whole number from 1 on (0 or less printed nothing)."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"the width must be at least 1 column, not {value}")
    return value
