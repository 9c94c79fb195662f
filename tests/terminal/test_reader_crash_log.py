"""A bug in the running reader (issue 14): the learner sees a few plain lines, their
progress is saved, and the traceback goes to a log file in the cache folder."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
import tomllib
from pathlib import Path

from pilot import copy_course

SCRIPT = """
import sys
from alignlearn.ui.app import build_app, run_app
from alignlearn.ui.screens.lesson import LessonScreen

def broken(self):
    raise RuntimeError("a bug in the reader")

LessonScreen.action_about = broken  # `i`: the lesson's details
sys.exit(run_app(build_app(sys.argv[1])))
"""


def run_in_pty(args: list[str], env: dict, ready_mark: bytes, keys: list[bytes]) -> tuple[bytes, int]:
    """Run ``args`` in an 80x24 pseudo-terminal; once ``ready_mark`` is drawn, send ``keys``
    a second apart."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
                               start_new_session=True)
    os.close(slave)
    chunks: list[bytes] = []
    pending = list(keys)
    sent_at = None
    ends = time.monotonic() + 60
    try:
        while time.monotonic() < ends:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:
                    break
                if not data:
                    break
                chunks.append(data)
            if pending and (sent_at is not None or ready_mark in b"".join(chunks)):
                if sent_at is None or time.monotonic() - sent_at > 1.0:
                    os.write(master, pending.pop(0))
                    sent_at = time.monotonic()
        else:
            process.kill()
    finally:
        code = process.wait(timeout=20)
        os.close(master)
    return b"".join(chunks), code


def test_a_bug_prints_a_short_message_saves_progress_and_logs_the_traceback(tmp_path):
    course = copy_course(tmp_path, quizzes=False)
    cache, data = tmp_path / "cache", tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TEXTUAL_DRIVER")}
    env.update(TERM="xterm-256color", ALIGNLEARN_CACHE_DIR=str(cache), ALIGNLEARN_DATA_DIR=str(data))
    # `n` twice (to section 2: a place to keep), then `i` fails
    output, code = run_in_pty([sys.executable, "-c", SCRIPT, str(course)], env,
                              b"Technical Problem", [b"n", b"n", b"i"])
    text = output.decode("utf-8", "replace")
    assert code == 1, text[-800:]
    assert "alignlearn stopped" in text and "Your progress was saved." in text
    assert "Traceback" not in text and "a bug in the reader" not in text
    logs = list(cache.glob("crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in text
    log = logs[0].read_text(encoding="utf-8")
    assert "Traceback" in log and "RuntimeError: a bug in the reader" in log
    progress = tomllib.loads((data / "progress.toml").read_text(encoding="utf-8"))
    assert "alignment-technical-problem" in str(progress), progress
