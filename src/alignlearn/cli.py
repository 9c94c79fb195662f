"""The command line (SPEC section 5): builds the parser and runs the command named.

Each command is a module of ``alignlearn.commands`` with ``add_parser`` and ``run``;
what they share (exit codes, errors, finding the course) is ``commands/common.py``.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from importlib import import_module
from pathlib import Path

from alignlearn.commands.common import EXIT_OK, EXIT_USAGE, Parser, UsageError, fail

# The sub-commands, in the order ``--help`` lists them; each is alignlearn.commands.NAME.
COMMANDS = ("lessons", "check", "cat", "search", "ask", "quiz", "new", "preview", "serve", "progress")
# A PATH that is a bare word (no folder, no extension) and names nothing is a mistyped command.
UNKNOWN_COMMAND = re.compile(r"[A-Za-z][A-Za-z_-]*")


def build_parser() -> argparse.ArgumentParser:
    course_help = "the course to use (a folder or its course.toml)"
    # On sub-commands the option is suppressed by default, so that a --course given
    # before the command is not overwritten by the sub-command's own default.
    common = Parser(add_help=False)
    common.add_argument("--course", metavar="PATH", default=argparse.SUPPRESS, help=course_help)

    parser = Parser(
        prog="alignlearn",
        usage="alignlearn [-h] [--course PATH] [--lesson ID] [PATH | COMMAND ...]",
        description="A course reader for the terminal. With no command, opens the reader on PATH (a course "
                    "folder, an mdBook, a folder of Markdown or one lesson file), or on the bundled course.",
    )
    parser.add_argument("--course", metavar="PATH", help=course_help)
    parser.add_argument("--lesson", metavar="ID", help="open the reader at this lesson")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", prog="alignlearn")
    for name in COMMANDS:
        import_module(f"alignlearn.commands.{name}").add_parser(sub, common)
    return parser


def split_reader_path(argv: list[str]) -> tuple[list[str], str | None, str | None]:
    """``alignlearn [PATH]``: pull a PATH that is not a command out before parsing.

    Returns the arguments left to parse, the PATH, and the command named, if any.
    """
    rest, path, skip = [], None, False
    for word in argv:
        if skip:
            rest.append(word)
            skip = False
        elif word in ("--course", "--lesson"):
            rest.append(word)
            skip = True
        elif word.startswith("-") or path is not None:
            rest.append(word)
        elif word in COMMANDS and not looks_like_path(word):
            return argv, None, word
        else:
            path = word
    return rest, path, None


def looks_like_path(word: str) -> bool:
    """``./lessons``, ``lessons/``, ``../book``: a folder, even one named as a command."""
    return "/" in word or word.startswith(".") or (os.sep != "/" and os.sep in word)


def _folder_hint(command: str) -> None:
    """A folder here named as the command run: say how to open it instead. Called only
    for the command word alone, which may have meant the folder; with anything after
    it (a PATH, ``--course``, ``--json``) the command was meant, and the hint is noise."""
    try:
        here = Path(command).is_dir()
    except OSError:
        return
    if here:
        print(f"alignlearn: to open the folder ./{command}, run: alignlearn ./{command}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    rest, path, command = split_reader_path(argv)
    if command is not None and argv == [command]:
        _folder_hint(command)
    if path is not None and UNKNOWN_COMMAND.fullmatch(path) and not Path(path).exists():
        from difflib import get_close_matches

        guess = get_close_matches(path, COMMANDS, n=1)
        return fail(f"unknown command '{path}'" + (f"; did you mean '{guess[0]}'?" if guess else
                                                   f" (commands: {', '.join(COMMANDS)}; or a course's PATH)"),
                    EXIT_USAGE, one_line=True)
    parser = build_parser()
    try:
        args = parser.parse_args(rest)
    except SystemExit as exit:
        return int(exit.code or 0)
    args.path = getattr(args, "path", None) if args.command else path
    if not args.command:
        from alignlearn.commands import read

        args.func = read.run
    try:
        return args.func(args)
    except UsageError as error:
        return fail(str(error), error.code)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
