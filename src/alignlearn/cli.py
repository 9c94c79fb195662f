"""The command line (SPEC section 5): argument parsing and one function per command.

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
    pass


def fail(message: str, code: int = EXIT_BAD_INPUT) -> int:
    from alignlearn.untrusted import printable

    # Messages quote what the user typed, a file name or a lesson: never raw ESC.
    print(f"alignlearn: error: {printable(message)}", file=sys.stderr)
    return code


class Parser(argparse.ArgumentParser):
    """argparse quotes a bad argument back in its usage errors: shown made printable."""

    def _print_message(self, message: str, file=None) -> None:
        from alignlearn.untrusted import printable

        super()._print_message(printable(message) if message else message, file)


def wants_plain(stream=None) -> bool:
    stream = stream or sys.stdout
    return bool(os.environ.get("NO_COLOR")) or not stream.isatty()


def course_root(args) -> Path:
    from alignlearn import paths

    if getattr(args, "course", None):
        return Path(args.course)
    return paths.bundled_course()


def open_course_for(args, target: str | None = None):
    """The course a command works on, and the lesson file PATH named, if any."""
    from alignlearn.course import open_course, resolve

    root, lesson_file = course_root(args), None
    if target is not None and not getattr(args, "course", None):
        if Path(target).exists():
            root, lesson_file = resolve(target)
    if not root.exists():
        raise UsageError(f"no course at {root}")
    return open_course(root), lesson_file


def print_problems(problems, stream=None) -> None:
    stream = stream or sys.stderr
    for problem in problems:
        print(problem, file=stream)


def find_lesson(course, name: str):
    info = course.find(name)
    if info is None:
        raise UsageError(f"no lesson '{name}' in course '{course.id}' ({course.root})")
    return info


# --- commands -----------------------------------------------------------------


def cmd_read(args) -> int:
    from alignlearn.ui.app import run_reader

    target = args.path
    return run_reader(target, course=args.course, lesson=args.lesson)


def cmd_check(args) -> int:
    from alignlearn.course.catalog import open_course, resolve
    from alignlearn.course.check import check_course, check_lesson_file

    target = Path(args.path) if args.path else course_root(args)
    if not target.exists():
        return fail(f"{target}: no such file or folder")
    root, lesson_file = resolve(target)
    if lesson_file is not None:
        report = check_lesson_file(lesson_file)
    else:
        from alignlearn.progress_bar import progress_bar

        with progress_bar("Reading lessons") as step:
            course = open_course(root, progress=step)
        with progress_bar("Checking lessons") as step:
            report = check_course(course, progress=step)
    if args.format == "json":
        import json

        print(json.dumps(report.as_dict(), indent=2))
    else:
        for problem in report.problems:
            print(problem)
        print(f"{report.lessons} lessons, {report.questions} questions: "
              f"{report.errors} errors, {report.warnings} warnings")
    return EXIT_BAD_INPUT if report.errors else EXIT_OK


def cmd_cat(args) -> int:
    from rich.console import Console

    from alignlearn.course import LessonError, Problem, load_lesson
    from alignlearn.render import parts

    course, lesson_file = open_course_for(args, args.lesson)
    try:
        if lesson_file is not None and course.source is None:
            lesson = load_lesson(lesson_file, with_quiz=False)
        elif lesson_file is not None and course.find(str(lesson_file)) is None:  # a book or folder could not list it
            raise LessonError([p for p in course.problems if Path(p.file) == lesson_file]
                              or [Problem(str(lesson_file), 1, 1, "error", "not a lesson of this course")])
        else:
            # From the lesson cache the reader keeps (no markdown-it to import and run:
            # two thirds of cat's own time); parsed, and kept, when the file changed.
            from alignlearn.course import lesson_cache

            lesson = lesson_cache.read(course, find_lesson(course, args.lesson).id)
    except LessonError as error:
        print_problems(error.problems)
        return EXIT_BAD_INPUT
    plain = wants_plain()
    width = args.width or (None if not plain else 80)
    if plain:
        console = Console(width=width, color_system=None, force_terminal=False, highlight=False,
                          emoji=False, markup=False, no_color=True)
    else:
        console = Console(width=width, highlight=False, emoji=False, markup=False)
    from rich.console import Group

    console.print(Group(*(renderable for _, renderable in parts(lesson, course, console.width))),
                  markup=False, highlight=False, emoji=False)
    return EXIT_OK


def cmd_search(args) -> int:
    from alignlearn.course.catalog import resolve
    from alignlearn.course.search import open_index
    from alignlearn.progress_bar import progress_bar

    root = course_root(args)
    if not root.exists():
        raise UsageError(f"no course at {root}")
    root = resolve(root)[0]
    with progress_bar("Indexing lessons") as step:  # only the first search of a course, or after edits
        results = open_index(root, progress=step).search(args.query, limit=args.limit)
    if args.json:
        import json

        print(json.dumps({"query": args.query, "results": [r.as_dict() for r in results]}, indent=2))
        return EXIT_OK
    from alignlearn.untrusted import printable

    if not results:
        print(f"No lesson matches '{printable(args.query, one_line=True)}'.")
        return EXIT_OK
    for result in results:
        where = result.lesson if result.section is None else f"{result.lesson} \u00a7{result.section}"
        print(f"{where}  {result.title}\n    {result.snippet}")
    return EXIT_OK


def cmd_ask(args) -> int:
    from alignlearn.commands.ask import run

    return run(args)


def cmd_new(args) -> int:
    from alignlearn.course import skeleton

    root = Path(args.course) if getattr(args, "course", None) else Path.cwd()
    try:
        created = skeleton.create_lesson(root, args.id)
    except skeleton.NewLessonError as error:
        return fail(str(error), EXIT_USAGE if error.usage else EXIT_BAD_INPUT)
    from alignlearn.untrusted import printable

    lesson, quiz, manifest = (printable(str(p), one_line=True) for p in (created.lesson, created.quiz,
                                                                          root / "course.toml"))
    print(f"wrote {lesson}\nwrote {quiz}")
    if created.order == skeleton.ADDED:
        print(f"added '{args.id}' to the end of 'order' in {manifest}")
    elif created.order == skeleton.BY_HAND:
        print(f"add \"{args.id}\" to 'order' in {manifest} to place it in the reading order")
    print(f"next: edit them, then run: alignlearn check {lesson}")
    return EXIT_OK


def cmd_preview(args) -> int:
    from alignlearn.ui.app import run_preview

    return run_preview(args.file)


def cmd_serve(args) -> int:
    from alignlearn.commands.serve import run

    return run(args)


# --- parsing ------------------------------------------------------------------


def columns(text: str) -> int:
    """A width in columns: a whole number from 1 on (0 or less printed nothing)."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"the width must be at least 1 column, not {value}")
    return value


def build_parser(command: str | None = "progress") -> argparse.ArgumentParser:
    """The parser; ``command`` is the one being run, so only its module is imported."""
    course_help = "the course to use (a folder or its course.toml)"
    # On sub-commands the option is suppressed by default, so that a --course given
    # before the command is not overwritten by the sub-command's own default.
    common = Parser(add_help=False)
    common.add_argument("--course", metavar="PATH", default=argparse.SUPPRESS, help=course_help)

    parser = Parser(
        prog="alignlearn",
        description="A course reader for the terminal. With no command, opens the reader.",
    )
    parser.add_argument("--course", metavar="PATH", help=course_help)
    parser.add_argument("--lesson", metavar="ID", help="open the reader at this lesson")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", parents=[common], help="validate a course or a lesson file")
    check.add_argument("path", nargs="?", help="a course folder, course.toml or lesson file")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.set_defaults(func=cmd_check)

    cat = sub.add_parser("cat", parents=[common], help="print a lesson, rendered")
    cat.add_argument("lesson", help="a lesson id, or the path of a lesson file")
    cat.add_argument("--width", type=columns, help="the width to render at (default: the terminal's)")
    cat.set_defaults(func=cmd_cat)

    search = sub.add_parser("search", parents=[common], help="search the course")
    search.add_argument("query")
    search.add_argument("--json", action="store_true", help="print one JSON document")
    search.add_argument("--limit", type=int, default=20)
    search.set_defaults(func=cmd_search)

    ask = sub.add_parser("ask", parents=[common], help="ask the tutor about a lesson")
    ask.add_argument("lesson", help="a lesson id, or the path of a lesson file")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print one JSON document")
    ask.set_defaults(func=cmd_ask)

    new = sub.add_parser("new", parents=[common], help="write a lesson skeleton and an example quiz",
                         description="Write ID.md and ID.quiz.toml in the course folder (--course, "
                                     "or the current folder); never overwrites a file.")
    new.add_argument("id", help="the new lesson's id: lowercase letters, digits and '-'")
    new.set_defaults(func=cmd_new)

    preview = sub.add_parser("preview", parents=[common], help="the reader on one lesson file, reloading on save")
    preview.add_argument("file")
    preview.set_defaults(func=cmd_preview)

    serve = sub.add_parser("serve", parents=[common], help="the reader in a web browser")
    serve.add_argument("--host", default="127.0.0.1",
                       help="the address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="the port (default: 8000)")
    serve.add_argument("--token", help="the secret a browser needs, 16 characters or more (made up when "
                                       "--host is not loopback and none is given)")
    from alignlearn.commands.serve import add_arguments as add_serve_arguments

    add_serve_arguments(serve)
    serve.set_defaults(func=cmd_serve)

    if command in (None, "progress"):
        from alignlearn.commands import progress

        progress.add_parser(sub)
    return parser


COMMANDS = ("check", "cat", "search", "ask", "new", "preview", "serve", "progress")


def split_reader_path(argv: list[str]) -> tuple[list[str], str | None, str | None]:
    """``alignlearn [PATH]``: pull a PATH that is not a command out before parsing.

    Returns the arguments left to parse, the PATH, and the command named, if any.
    """
    rest, path, skip = [], None, False
    for number, word in enumerate(argv):
        if skip:
            rest.append(word)
            skip = False
        elif word in ("--course", "--lesson"):
            rest.append(word)
            skip = True
        elif word.startswith("-") or path is not None:
            rest.append(word)
        elif word in COMMANDS:
            return argv, None, word
        else:
            path = word
    return rest, path, None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    rest, path, command = split_reader_path(argv)
    parser = build_parser(command)
    try:
        args = parser.parse_args(rest)
    except SystemExit as exit:
        return int(exit.code or 0)
    args.path = getattr(args, "path", None) if args.command else path
    func = getattr(args, "func", cmd_read)
    try:
        return func(args)
    except UsageError as error:
        return fail(str(error), EXIT_USAGE if "no lesson" not in str(error) else EXIT_BAD_INPUT)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
