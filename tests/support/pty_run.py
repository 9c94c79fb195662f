"""Running a command in a real pseudo-terminal of a given size, and typing keys into it."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import termios
import time


def run_in_pty(args: list[str], env: dict, ready: tuple[bytes, ...], keys: list[bytes],
               size: tuple[int, int] = (80, 24), gap: float = 1.0, first_after: float = 0.0) -> tuple[bytes, int]:
    """Run ``args`` in a ``size`` (columns, lines) pseudo-terminal. Once every mark in ``ready``
    has been drawn, wait ``first_after`` seconds and send ``keys``, ``gap`` seconds apart.
    Returns all it wrote and its exit code (killed after a minute)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    process = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
                               start_new_session=True)
    os.close(slave)
    chunks: list[bytes] = []
    pending = list(keys)
    sent_at = None
    ends = time.monotonic() + 60
    try:
        while time.monotonic() < ends:
            readable, _, _ = select.select([master], [], [], 0.2)
            if readable:
                try:
                    data = os.read(master, 65536)
                except OSError:
                    break
                if not data:
                    break
                chunks.append(data)
            if pending and (sent_at is not None or all(mark in b"".join(chunks) for mark in ready)):
                if sent_at is None:
                    time.sleep(first_after)
                if sent_at is None or time.monotonic() - sent_at > gap:
                    os.write(master, pending.pop(0))
                    sent_at = time.monotonic()
        else:
            process.kill()
    finally:
        code = process.wait(timeout=20)
        os.close(master)
    return b"".join(chunks), code
