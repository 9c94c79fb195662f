"""One browser session of ``alignlearn serve``: its reader process, and what the browser may say.

textual-serve's ``AppService`` starts the reader through a shell, waits for it without
end when told to stop, and leaves it running when the server is killed. ``Session``
starts it directly, in a process group of its own, with a parent-death signal on Linux
(so a ``kill -9`` of the server takes the readers with it), and stops it within
``GRACE`` seconds: asked to quit, then killed with its group.

The browser's messages are read by ``read_message``: sizes clamped to ``MAX_SIZE``,
anything malformed is None, and the session is then closed without a traceback.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import shlex
import signal
import sys
from dataclasses import dataclass

from textual_serve.app_service import AppService

__all__ = ["GRACE", "MAX_SIZE", "MIN_SIZE", "Message", "Session", "clamp_size", "read_message"]

log = logging.getLogger("alignlearn.web.server")

GRACE = 0.8  # seconds a reader has to quit (and save) before its group is killed
MAX_SIZE = (500, 200)  # columns, rows: a screen buffer past this is memory for nothing
MIN_SIZE = (20, 5)
STDERR_KEPT = 64 * 1024


def clamp_size(width: object, height: object) -> tuple[int, int] | None:
    """Width and height brought within bounds, or None when they are not integers."""
    if type(width) is not int or type(height) is not int:  # bool is an int, and no size
        return None
    return (min(max(width, MIN_SIZE[0]), MAX_SIZE[0]), min(max(height, MIN_SIZE[1]), MAX_SIZE[1]))


def size_from_query(width: str | None, height: str | None) -> tuple[int, int]:
    def number(text: str | None, default: int) -> int:
        text = (text or "").strip()
        return int(text) if text.isdecimal() and len(text) < 7 else default

    return clamp_size(number(width, 80), number(height, 24)) or (80, 24)


@dataclass(frozen=True)
class Message:
    kind: str  # stdin, resize, ping, blur, focus, or other (ignored, as textual-serve does)
    data: object = None


def read_message(text: str) -> Message | None:
    """A browser message (``["kind", data]`` in JSON), or None when it is malformed."""
    try:
        envelope = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
        return None
    kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
    if kind == "stdin":
        return Message(kind, data) if isinstance(data, str) else None
    if kind == "resize":
        size = clamp_size(data.get("width"), data.get("height")) if isinstance(data, dict) else None
        return Message(kind, size) if size else None
    if kind == "ping":
        return Message(kind, data) if isinstance(data, str) and len(data) <= 64 else None
    return Message(kind)


def _parent_death_signal():
    """A function for the child, between fork and exec: die with the server (Linux only).

    libc is looked up here, in the server, so that the child does nothing but one call:
    between fork and exec no lock taken by another thread can be waited for.
    """
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    server, set_pdeathsig = os.getpid(), 1

    def die_with_server() -> None:
        prctl(set_pdeathsig, int(signal.SIGKILL))
        if os.getppid() != server:  # it died before the call: the signal will never come
            os.kill(os.getpid(), signal.SIGKILL)

    return die_with_server


class Session(AppService):
    """textual-serve's app service, with a reader that cannot outlive the server."""

    async def _open_app_process(self, width: int = 80, height: int = 24) -> asyncio.subprocess.Process:
        self._process = process = await asyncio.create_subprocess_exec(
            *shlex.split(self.command),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height),
            start_new_session=True, preexec_fn=_parent_death_signal())
        self._stdin = process.stdin
        return process

    async def set_terminal_size(self, width: int, height: int) -> None:
        size = clamp_size(width, height)
        if size is not None:
            await super().set_terminal_size(*size)

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        environment.pop("ALIGNLEARN_SERVE_TOKEN", None)  # the reader has no use for it
        return environment

    def kill(self) -> None:
        """Kill the reader and anything it started (its process group)."""
        if self._process is not None and self._process.returncode is None:
            try:
                if hasattr(os, "killpg"):
                    os.killpg(self._process.pid, signal.SIGKILL)
                else:
                    self._process.kill()
            except (ProcessLookupError, PermissionError):
                pass

    def stopping(self) -> asyncio.Future:
        """Stop the session (once, however often asked); the future is done when it has.

        It goes on when whoever asked is cancelled (aiohttp cancels a handler whose
        connection is lost), so that no reader is left running.
        """
        if getattr(self, "_stopping", None) is None:
            self._stopping = asyncio.ensure_future(self._stop())
        return self._stopping

    async def stop(self) -> None:
        await asyncio.shield(self.stopping())

    async def _stop(self) -> None:
        """Ask the reader to quit; past ``GRACE`` seconds, kill it. Then reap it."""
        if self._task is None:
            return
        task, self._task = self._task, None
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        await self.send_meta({"type": "quit"})
        process = self._process
        try:
            await asyncio.wait_for(asyncio.shield(process.wait()), GRACE)
        except asyncio.TimeoutError:
            self.kill()
        for waited in (task, process.wait()):
            try:
                await asyncio.wait_for(waited, GRACE)
            except asyncio.TimeoutError:  # a process that even SIGKILL does not end: let it be
                pass

    async def run(self) -> None:
        """Carry the reader's packets to the browser until its output ends.

        What the reader writes to its standard error is logged (made printable by the
        log's filter) once it has ended: textual-serve writes it raw to the terminal.
        """
        process = self._process
        stderr = bytearray()

        async def read_stderr() -> None:
            while data := await process.stderr.read(4096):
                stderr[:] = (stderr + data)[-STDERR_KEPT:]

        stderr_task = asyncio.create_task(read_stderr())
        try:
            for _ in range(10):  # the prelude that says it is a Textual app
                line = await process.stdout.readline()
                if not line or line == b"__GANGLION__\n":
                    break
            while True:
                head = await process.stdout.readexactly(5)
                payload = await process.stdout.readexactly(int.from_bytes(head[1:], "big"))
                handler = {b"D": self.on_data, b"M": self.on_meta, b"P": self.on_packed}.get(head[:1])
                if handler is not None:
                    await handler(payload)
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        except (ValueError, KeyError, TypeError, io.UnsupportedOperation) as error:
            log.warning("a reader sent what could not be read (%s): its session ends", type(error).__name__)
        finally:
            try:  # its standard error ends with it (or with a child it left behind)
                await asyncio.wait_for(stderr_task, GRACE)
            except (asyncio.TimeoutError, asyncio.CancelledError):
                stderr_task.cancel()
        if stderr:
            log.warning("a reader said on its standard error:\n%s", stderr.decode("utf-8", "replace").rstrip(),
                        extra={"lines": True})
        try:  # the browser shows "Session ended", and the session's place is free again
            await self.remote_close()
        except (ConnectionError, RuntimeError):
            pass
