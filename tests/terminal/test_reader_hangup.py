"""The terminal going away under the reader (a dropped SSH link, a closed window): the
reader ends, with the place the learner reached in its last second saved, and never
spins on a terminal that is gone."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
import tomllib

import pytest

from pilot import copy_course


def reader_then_hang_up(tmp_path, send_signal: bool) -> tuple[int | None, dict]:
    """Open the reader in a pseudo-terminal, move two sections down, and close the
    terminal at once (before the move's save is due); with ``send_signal`` a SIGHUP
    follows, as sshd's hang-up does. Its exit code (None: still running after 10 s) and
    the progress file."""
    course = copy_course(tmp_path, quizzes=False)
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TEXTUAL_DRIVER")}
    env.update(TERM="xterm-256color", ALIGNLEARN_CACHE_DIR=str(tmp_path / "cache"), ALIGNLEARN_DATA_DIR=str(data),
               ALIGNLEARN_CONFIG_DIR=str(tmp_path / "config"))
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen([sys.executable, "-m", "alignlearn", str(course)], stdin=slave, stdout=slave,
                               stderr=slave, env=env, close_fds=True, start_new_session=True)
    os.close(slave)
    shown, ends = b"", time.monotonic() + 30
    while b"Technical Problem" not in shown and time.monotonic() < ends:
        if select.select([master], [], [], 0.2)[0]:
            shown += os.read(master, 65536)
    time.sleep(1.0)
    os.write(master, b"n")
    time.sleep(0.2)
    os.write(master, b"n")
    time.sleep(0.2)
    os.close(master)
    if send_signal:
        process.send_signal(signal.SIGHUP)
    try:
        code = process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        code = None
    with (data / "progress.toml").open("rb") as handle:
        return code, tomllib.load(handle)


def position(progress: dict) -> dict:
    lessons = progress["courses"]["ai-alignment"].get("lessons", {})
    return lessons.get("alignment-technical-problem", {}).get("position", {})


@pytest.mark.parametrize("send_signal", [True, False], ids=["sighup", "terminal closed without a signal"])
def test_a_hang_up_ends_the_reader_with_the_last_place_saved(tmp_path, send_signal):
    code, progress = reader_then_hang_up(tmp_path, send_signal)
    assert code == 0, "the reader did not end when its terminal went" if code is None else code
    assert position(progress).get("section") == "why-you-cannot-simply-write-down-the-goal", progress
