"""``alignlearn cat`` of every corpus case through a real pseudo-terminal (issue 9).

With ``NO_COLOR=1`` and ``TERM=xterm-256color`` not one ESC byte may come out of
``cat``: it emits none for our styling then, so any ESC would be the lesson's. With
colour, every ESC must start a colour or style sequence (SGR), which is all Rich
writes for us. The progress cases go through ``alignlearn progress show``, whose
table keeps bold and italic under NO_COLOR: there too, SGR only.

The commands run as subprocesses, a few at a time, once per module.
"""

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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from corpus_cases import CASES, case_id, kind, materialise, only_sgr

TIMEOUT = 30.0


def run_in_pty(argv: list[str], env: dict[str, str]) -> tuple[bytes, int | None]:
    """Everything the command writes to its terminal, and its exit code (None: killed)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    chunks: list[bytes] = []
    ends = time.monotonic() + TIMEOUT
    try:
        while (left := ends - time.monotonic()) > 0:
            ready, _, _ = select.select([master], [], [], left)
            if not ready:
                continue
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the command has closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        else:
            process.kill()
    finally:
        code = process.wait(timeout=10)
        os.close(master)
    return b"".join(chunks), (None if code < 0 else code)


def command(case: dict, base: Path) -> tuple[list[str], dict[str, str]]:
    ready = materialise(case, base)
    env = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(TERM="xterm-256color", COLUMNS="80", LINES="24",
               ALIGNLEARN_CACHE_DIR=str(base / "cache"), ALIGNLEARN_CONFIG_DIR=str(base / "config"),
               ALIGNLEARN_DATA_DIR=str(base / "data"))
    if kind(case) == "progress":
        env["ALIGNLEARN_DATA_DIR"] = str(ready.root)
        return [sys.executable, "-m", "alignlearn", "progress", "show"], env
    return [sys.executable, "-m", "alignlearn", *ready.cat_args], env


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[tuple[str, bool], tuple[bytes, int | None]]:
    """(case, with colour) -> what the terminal received, for every case."""
    jobs = []
    for case in CASES:
        for colour in (False, True):
            argv, env = command(case, tmp_path_factory.mktemp("pty"))
            if not colour:
                env["NO_COLOR"] = "1"
            jobs.append(((case_id(case), colour), argv, env))
    with ThreadPoolExecutor(max_workers=4) as pool:
        done = pool.map(lambda job: (job[0], run_in_pty(job[1], job[2])), jobs)
        return dict(done)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_no_escape_byte_reaches_the_terminal_without_colour(case, outputs):
    data, code = outputs[(case_id(case), False)]
    assert code is not None, "killed: it never finished"
    if kind(case) == "progress":  # Rich keeps bold and italic under NO_COLOR (no-color.org asks no more)
        assert only_sgr(data), data[:2000]
    else:
        assert b"\x1b" not in data, data[:2000]
    assert b"Traceback" not in data
    text = data.decode("utf-8").replace("\r\n", "\n")
    assert code == (case.get("cat_exit", 0) if kind(case) != "progress" else (1 if "newer" in case.get("error", "") else 0))
    lines = [line.rstrip() for line in text.splitlines()]
    for wanted in case.get("shown", []):
        assert wanted in lines, text


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_with_colour_every_escape_is_our_own_styling(case, outputs):
    data, code = outputs[(case_id(case), True)]
    assert code is not None, "killed: it never finished"
    assert b"Traceback" not in data
    assert only_sgr(data), data[:2000]


def test_the_terminal_test_can_see_an_escape():
    """The harness itself: an ESC written to the terminal is seen, so a pass means something."""
    env = dict(os.environ, NO_COLOR="1")
    data, code = run_in_pty([sys.executable, "-c", "print('a\\x1b[31mb')"], env)
    assert code == 0 and b"\x1b[31m" in data
    assert not only_sgr(b"\x1b]52;c;eA==\x07")
