"""``alignlearn progress show / export FILE / import FILE / reset`` (SPEC sections 5, 6).

Export plus import is how a learner carries progress to another machine, so import
merges and never replaces. Every handler returns an exit code (0 done, 1 bad input,
2 bad usage) and reports bad input as one ``alignlearn: error:`` line, never a
traceback. Rich is imported inside ``show`` only: ``cli.py`` imports this module
for every command.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["add_parser", "cmd_show", "cmd_export", "cmd_import", "cmd_reset"]

from alignlearn.commands.common import EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, fail as _fail


def add_parser(subparsers: argparse._SubParsersAction, common=None) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "progress", help="show, export, import, reset or sync the learner's progress",
        description="The learner's progress: sections read, reading positions and quiz attempts.",
    )
    parser.set_defaults(func=_needs_subcommand(parser))
    actions = parser.add_subparsers(dest="progress_command", metavar="ACTION")

    show = actions.add_parser("show", help="a table of the progress per lesson",
                              parents=[common] if common is not None else [])
    show.add_argument("--json", action="store_true", help="print one JSON document")
    show.set_defaults(func=cmd_show)

    export = actions.add_parser("export", help="write the progress to FILE ('-' for standard output)")
    export.add_argument("file", metavar="FILE", help="the file to write, in progress.toml's format ('-': standard output)")
    export.set_defaults(func=cmd_export)

    imp = actions.add_parser("import", help="merge the progress in FILE into this machine's")
    imp.add_argument("file", metavar="FILE", help="a file written by progress export ('-': standard input)")
    imp.set_defaults(func=cmd_import)

    reset = actions.add_parser("reset", help="forget all progress (asks first)")
    reset.add_argument("--yes", action="store_true", help="do not ask (for scripts)")
    reset.set_defaults(func=cmd_reset)

    from .progress_sync import add_sync_parser  # progress sync [DIR]: its own module

    add_sync_parser(actions)
    return parser


def _needs_subcommand(parser: argparse.ArgumentParser):
    def run(args: argparse.Namespace) -> int:
        parser.print_usage(sys.stderr)
        return _fail("progress needs an action: show, export, import, reset or sync", EXIT_USAGE)
    return run


def _printable(text: str) -> str:
    """A line that names a file the user gave, never with raw ESC in it."""
    from alignlearn.untrusted import printable

    return printable(text)


def _open_store():
    """The store, loaded, with anything it had to say printed to standard error."""
    from alignlearn.progress import ProgressStore

    from alignlearn.untrusted import printable

    store = ProgressStore()
    store.load()
    for notice in store.take_notices():
        print(f"alignlearn: {printable(notice.message)}", file=sys.stderr)
    return store


# ------------------------------------------------------------------------- show


def cmd_show(args: argparse.Namespace) -> int:
    from .progress_show import write_json, write_table

    given = getattr(args, "course", None)
    course = _named_course(given) if given else None  # bad input first: it is what the learner must fix
    store = _open_store()
    if store.read_only is not None:
        return _fail("cannot show progress written by a newer alignlearn")
    progress = store.progress
    if args.json:
        write_json(progress, store.path)
        return EXIT_OK
    # A terminal whose encoding cannot show an id gets a replacement character, not a
    # traceback (the JSON is UTF-8 bytes whatever the encoding).
    try:
        sys.stdout.reconfigure(errors="replace")  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        pass
    if not any(course.lessons for course in progress.courses.values()):
        from rich.console import Console
        from rich.text import Text

        Console(highlight=False, emoji=False, markup=False).print(
            Text(_printable(f"No progress yet ({store.path}).")))
        _print_syncs()
        return EXIT_OK
    write_table(progress, store.path, *_course_facts(course, progress))
    _print_syncs()
    return EXIT_OK


def _named_course(given: str):
    """The course ``--course`` names, opened; ``NotFound`` when there is none to show the
    progress of: a path that is not there, a file that is no course, a folder without lessons.
    (Before, the table quietly fell back to lesson ids, as if the course were fine.)"""
    from alignlearn.commands.common import NotFound, named_course
    from alignlearn.course import open_course

    root = named_course(given)
    if not root.exists():
        raise NotFound(f"no course at {given}")
    try:
        course = open_course(root)
    except OSError as error:  # a folder it may not read
        raise NotFound(f"cannot read the course at {given}: {error.strerror or error}") from None
    if course.lessons:
        return course
    if any(problem.is_error for problem in course.problems):
        raise NotFound(f"no course at {given}: none of its lessons can be read (run: alignlearn check {given})")
    from alignlearn.authoring.check import no_lessons

    raise NotFound(f"no course at {given}: {no_lessons(course).message}")


def _course_facts(course, progress) -> tuple[dict, dict, set]:
    """The lessons' titles of the course at hand (``course``, --course's, else the one in
    the current folder, else the bundled one), when the progress has that course (ids
    otherwise), the number of questions of each of its quizzes left half way, and which of
    the lessons whose introduction alone is read have no sections (then that is the lesson read)."""
    from alignlearn import paths
    from alignlearn.commands.common import course_here
    from alignlearn.course import open_course
    from alignlearn.progress.model import INTRODUCTION

    if course is None:
        try:
            course = open_course(course_here() or paths.bundled_course())
        except Exception:  # an unreadable course only costs the titles: the ids stay
            return {}, {}, set()
    if course.id not in progress.courses:
        return {}, {}, set()
    titles = {(course.id, info.id): info.title for info in course.lessons}
    quizzes: dict[tuple[str, str], int] = {}
    whole: set[tuple[str, str]] = set()
    for lesson_id, lesson in progress.courses[course.id].lessons.items():
        if lesson.sections_read == {INTRODUCTION} and course.info(lesson_id) is not None:
            try:  # only lessons whose introduction alone is read: a few
                if not course.lesson(lesson_id, with_quiz=False).sections:
                    whole.add((course.id, lesson_id))
            except Exception:  # a lesson that cannot be read now: counted as the file says
                pass
        if lesson.draft is not None and course.info(lesson_id) is not None:
            try:  # only the lessons with a quiz in progress are read: a few
                quiz = course.lesson(lesson_id).quiz
            except Exception:  # a lesson that cannot be read now: its draft said without a total
                continue
            if quiz is not None:
                quizzes[(course.id, lesson_id)] = len(quiz.questions)
    return titles, quizzes, whole


def _print_syncs() -> None:
    from .progress_sync import sync_lines

    for line in sync_lines():
        print(_printable(line))


# ------------------------------------------------------------------ export/import


def cmd_export(args: argparse.Namespace) -> int:
    from alignlearn.progress import dumps
    from alignlearn.progress.files import atomic_write

    store = _open_store()
    if store.read_only is not None:
        return _fail("cannot export progress written by a newer alignlearn; copy the file instead: "
                     f"{store.path}")
    text = dumps(store.progress, header="# alignlearn progress export; "
                 "bring it in with: alignlearn progress import FILE\n")
    if args.file == "-":
        sys.stdout.write(text)
        return EXIT_OK
    target = Path(args.file)
    if target.is_dir():
        return _fail(f"{target} is a folder; name a file to export to")
    try:
        atomic_write(target, text.encode("utf-8"))
    except OSError as error:
        return _fail(f"cannot write {target}: {error.strerror or error}")
    lessons = sum(len(course.lessons) for course in store.progress.courses.values())
    print(_printable(f"Exported progress for {lessons} lesson{'s' if lessons != 1 else ''} to {target}."))
    return EXIT_OK


BIG_IMPORT = 256 * 1024  # bytes of progress from which importing shows a bar at once


def cmd_import(args: argparse.Namespace) -> int:
    from alignlearn.progress import SIZE_CAP, NewerFormatError, ProgressFileError, loads
    from alignlearn.progress.files import TooLargeError, read_capped

    from alignlearn.commands.work_bar import progress_bar

    source = Path(args.file)
    try:
        data = sys.stdin.buffer.read(SIZE_CAP + 1) if args.file == "-" else \
            read_capped(source, SIZE_CAP)[0]
        if len(data) > SIZE_CAP:
            raise TooLargeError(len(data), SIZE_CAP)
    except TooLargeError as error:
        return _fail(f"cannot import {source}: {error}")
    except IsADirectoryError:
        return _fail(f"cannot import {source}: it is a folder")
    except OSError as error:
        return _fail(f"cannot import {source}: {error.strerror or error}")
    # Reading the file, then ours, then merging and saving: seconds each for the
    # progress of thousands of lessons, so a bar from the start (on a terminal).
    with progress_bar("Importing progress", delay=0 if len(data) >= BIG_IMPORT else 0.3, ticking=True) as step:
        step(0, 3)
        try:
            other = loads(data)
        except NewerFormatError as error:
            return _fail(f"cannot import {source}: it was exported by a newer alignlearn ({error})")
        except ProgressFileError as error:
            line = getattr(error, "line", None)
            return _fail(f"cannot import {source}{'' if line is None else f':{line}'}: {error}")
        step(1, 3)
        store = _open_store()
        if store.read_only is not None:
            return _fail(f"cannot import into progress written by a newer alignlearn ({store.path})")
        step(2, 3)
        store.import_progress(other)
        step(3, 3)
    if store.saving_failed is not None:
        return _fail(store.saving_failed)
    lessons = sum(len(course.lessons) for course in other.courses.values())
    print(_printable(f"Merged progress for {lessons} lesson{'s' if lessons != 1 else ''} "
                     f"from {source} into {store.path}."))
    return EXIT_OK


# ------------------------------------------------------------------------ reset


def cmd_reset(args: argparse.Namespace) -> int:
    if not args.yes:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            return _fail("reset asks first; not on a terminal, pass --yes to reset", EXIT_USAGE)
        try:
            answer = input("Reset all progress? [y/N] ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing was reset.")
            return EXIT_BAD_INPUT
    store = _open_store()
    if store.read_only is not None:
        return _fail(f"will not reset progress written by a newer alignlearn ({store.path})")
    if not store.reset():
        return _fail(store.saving_failed or "progress could not be reset")
    print(_printable(f"All progress was reset ({store.path})."))
    return EXIT_OK
