"""``alignlearn serve [PATH] [--host H] [--port P] [--token T] [--max-sessions N]``.

The reader in a web browser (SPEC section 5). Each browser session runs
``python -m alignlearn`` with the same course and lesson arguments, in its own
process; ``alignlearn.web`` does the guarding. 127.0.0.1 is the default; another
machine is best let in through ``ssh -L 8000:127.0.0.1:8000 HOST``. A host that other
machines can reach is refused unless a token is given (exit 2).
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

__all__ = ["add_arguments", "reader_command", "run"]

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", help="a course folder, course.toml or lesson file")
    parser.add_argument("--lesson", metavar="ID", default=argparse.SUPPRESS, help="open the reader at this lesson")
    parser.add_argument("--max-sessions", type=int, default=4, metavar="N",
                        help="the most browser sessions (each a process) open at once (default: 4)")


def _fail(message: str, code: int) -> int:
    from alignlearn.untrusted import printable

    print(f"alignlearn: error: {printable(message)}", file=sys.stderr)
    return code


def reader_command(path: str | None, course: str | None, lesson: str | None) -> str:
    """The shell command textual-serve runs for each session: this Python, this course."""
    words = [sys.executable, "-m", "alignlearn"]
    if course:
        words += ["--course", str(Path(course).resolve())]
    if lesson:
        words += ["--lesson", lesson]
    if path:
        words.append(str(Path(path).resolve()))
    return shlex.join(words)


def run(args: argparse.Namespace) -> int:
    from alignlearn.web import is_loopback

    if not is_loopback(args.host) and not args.token:
        return _fail(f"--host {args.host} lets other machines in: give --token too "
                     "(or keep 127.0.0.1 and use ssh -L 8000:127.0.0.1:8000 HOST)", EXIT_USAGE)
    if args.max_sessions < 1:
        return _fail("--max-sessions must be at least 1", EXIT_USAGE)
    if not 0 < args.port < 65536:
        return _fail(f"--port must be between 1 and 65535, not {args.port}", EXIT_USAGE)
    course, lesson = getattr(args, "course", None), getattr(args, "lesson", None)

    from alignlearn.ui.app import ReaderError, build_app

    try:  # the course is checked here, once, not in a browser tab per session
        title = build_app(args.path, course, lesson).course.title
    except ReaderError as error:
        return _fail(str(error), EXIT_BAD_INPUT)

    from alignlearn.web import ReaderServer

    server = ReaderServer(reader_command(args.path, course, lesson), host=args.host, port=args.port,
                          token=args.token, max_sessions=args.max_sessions, title=f"alignlearn: {title}")
    try:
        server.serve()
    except OSError as error:
        return _fail(f"cannot serve on {args.host}:{args.port}: {error.strerror or error}", EXIT_BAD_INPUT)
    return EXIT_OK
