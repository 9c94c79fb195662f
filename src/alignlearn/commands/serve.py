"""``alignlearn serve [PATH] [--host H] [--port P] [--token T | --token-file F] [--max-sessions N]``.

The reader in a web browser (SPEC section 5). Each browser session runs
``python -m alignlearn`` with the same course and lesson arguments, in its own
process; ``alignlearn.web.server`` does the guarding. 127.0.0.1 is the default, with no token;
another machine is best let in through ``ssh -L 8000:127.0.0.1:8000 HOST``. On a host
that other machines can reach a token is needed: given (``--token``, ``--token-file``
or ``$ALIGNLEARN_SERVE_TOKEN``, the last two kept out of ``ps``), at least
``MIN_TOKEN`` characters, or else made up and printed once, in the address to open.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from alignlearn.commands.common import EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, fail

__all__ = ["TOKEN_VARIABLE", "add_arguments", "reader_command", "run", "token_for"]

TOKEN_VARIABLE = "ALIGNLEARN_SERVE_TOKEN"
TOKEN = re.compile(r"[A-Za-z0-9._~-]+")  # what a URL and a cookie carry as they are


def add_parser(subparsers, common) -> None:
    serve = subparsers.add_parser("serve", parents=[common], help="the reader in a web browser",
                                  description="Serve the reader over HTTP, so that a browser can open it: each "
                                              "browser session runs the reader in a process of its own, with the "
                                              "same progress as the terminal reader. Prints the address to open.")
    serve.add_argument("--host", default="127.0.0.1",
                       help="the address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="the port (default: 8000)")
    serve.add_argument("--token", help="the secret a browser needs, 16 characters or more (made up when "
                                       "--host is not loopback and none is given)")
    add_arguments(serve)
    serve.set_defaults(func=run)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", help="a course folder, course.toml or lesson file")
    parser.add_argument("--lesson", metavar="ID", default=argparse.SUPPRESS, help="open the reader at this lesson")
    parser.add_argument("--max-sessions", type=int, default=4, metavar="N",
                        help="the most browser sessions (each a process) open at once (default: 4)")
    parser.add_argument("--token-file", metavar="FILE",
                        help=f"read the token from FILE (its first line), so that ps does not show it; "
                             f"${TOKEN_VARIABLE} is read too")


def _fail(message: str, code: int) -> int:
    return fail(message, code, one_line=True)


def reader_command(path: str | None, course: str | None, lesson: str | None) -> str:
    """The shell command textual-serve runs for each session: this Python, this course."""
    words = [sys.executable, "-m", "alignlearn"]
    if course:
        words += ["--course", str(Path(course).resolve())]
    if lesson:
        words += ["--lesson", lesson]
    if path:
        words.append(str(Path(path).resolve()))
    import shlex  # here: every command builds the parser, and only serve needs it

    return shlex.join(words)


class TokenError(Exception):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def token_for(args: argparse.Namespace, environ=os.environ) -> str | None:
    """The token: ``--token``, ``--token-file``, ``$ALIGNLEARN_SERVE_TOKEN``, or made up.

    Made up only for a host other machines can reach; a loopback one needs none.
    """
    from alignlearn.web.guard import MIN_TOKEN, is_loopback

    given, source = getattr(args, "token", None), "--token"
    if given is None and getattr(args, "token_file", None):
        source = "--token-file"
        try:
            with open(args.token_file, encoding="utf-8") as file:
                given = file.readline(4096).strip()
        except (OSError, UnicodeError) as error:
            raise TokenError(f"cannot read the token file {args.token_file}: "
                             f"{getattr(error, 'strerror', None) or error}", EXIT_BAD_INPUT) from None
    if given is None and environ.get(TOKEN_VARIABLE):
        given, source = environ[TOKEN_VARIABLE], f"${TOKEN_VARIABLE}"
    if given is None:
        import secrets

        return None if is_loopback(args.host) else secrets.token_urlsafe(24)
    if len(given) < MIN_TOKEN or not TOKEN.fullmatch(given):
        raise TokenError(f"the token ({source}) must be at least {MIN_TOKEN} characters, each a letter, "
                         "a digit or one of - . _ ~ (leave it out to have one made up)", EXIT_USAGE)
    return given


def run(args: argparse.Namespace) -> int:
    try:
        token = token_for(args)
    except TokenError as error:
        return _fail(str(error), error.code)
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

    from alignlearn.web.server import ReaderServer

    server = ReaderServer(reader_command(args.path, course, lesson), host=args.host, port=args.port,
                          token=token, max_sessions=args.max_sessions, title=f"alignlearn: {title}")
    try:
        server.serve()
    except OSError as error:
        return _fail(f"cannot serve on {args.host}:{args.port}: {why_not_served(error)}", EXIT_BAD_INPUT)
    return EXIT_OK


def why_not_served(error: OSError) -> str:
    """The reason in the operator's words: asyncio's own repeats the address and the port."""
    import errno
    import socket

    if isinstance(error, socket.gaierror):
        return f"cannot look up the host ({error.strerror or error})"
    if error.errno == errno.EADDRINUSE:
        return "the port is already in use (by another server?); choose another with --port"
    if error.errno == errno.EADDRNOTAVAIL:
        return "this machine has no such address; leave out --host, or give one of its own addresses"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied (ports below 1024 need special rights); choose another with --port"
    return (os.strerror(error.errno) if error.errno else None) or str(error)
