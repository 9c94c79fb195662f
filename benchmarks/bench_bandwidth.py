"""Bytes sent to the terminal per page down: the reader against ``less -R``, in one run.

    python benchmarks/bench_bandwidth.py [--pages N] [--lines N]

Over SSH on a slow link what costs is bytes, not CPU. Both programs run in a
pseudo-terminal of 80x24 with TERM=xterm-256color on the same long lesson (made by
make_long_lesson.py): the reader on the lesson file, and ``less -R`` on the lesson as
``alignlearn cat --width 80`` prints it to a terminal (in colour). After the first
screen (and once the reader has finished rendering the lesson in the background,
i.e. once the output has been quiet for a while) the page-down key (ESC [6~) is sent
N times, and the bytes written after each press are counted until the terminal is
quiet again. Target: the reader sends at most twice the bytes ``less -R`` does.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

SIZE = (80, 24)
PAGE_DOWN = b"\x1b[6~"
TARGET = 2.0


class Terminal:
    """A program in a pseudo-terminal of SIZE, and every byte it writes."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
        self.process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                        close_fds=True, start_new_session=True)
        os.close(slave)

    def read_until_quiet(self, quiet: float, limit: float = 60.0) -> bytes:
        """Everything written until nothing more comes for ``quiet`` seconds."""
        chunks, ends = [], time.monotonic() + limit
        while time.monotonic() < ends:
            ready, _, _ = select.select([self.master], [], [], quiet)
            if not ready:
                break
            try:
                data = os.read(self.master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        return b"".join(chunks)

    def wait_for(self, text: bytes, limit: float = 60.0) -> bytes:
        seen, ends = b"", time.monotonic() + limit
        while text not in seen and time.monotonic() < ends:
            seen += self.read_until_quiet(0.2, 1.0)
        if text not in seen:
            raise SystemExit(f"never saw {text!r}; got {seen[-300:]!r}")
        return seen

    def press(self, key: bytes, quiet: float) -> int:
        os.write(self.master, key)
        return len(self.read_until_quiet(quiet))

    def close(self, quit_key: bytes) -> None:
        try:
            os.write(self.master, quit_key)
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        os.close(self.master)


def environment(base: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("NO_COLOR", "COLORTERM", "FORCE_COLOR", "LESS", "TEXTUAL_COLOR_SYSTEM")}
    env.update(TERM="xterm-256color", COLUMNS=str(SIZE[0]), LINES=str(SIZE[1]), LESSHISTFILE="-",
               ALIGNLEARN_CACHE_DIR=str(base / "cache"), ALIGNLEARN_CONFIG_DIR=str(base / "config"),
               ALIGNLEARN_DATA_DIR=str(base / "data"))
    return env


def rendered(lesson: Path, env: dict[str, str]) -> bytes:
    """``alignlearn cat --width 80`` as a terminal receives it (colour on: it is a tty)."""
    term = Terminal([sys.executable, "-m", "alignlearn", "cat", str(lesson), "--width", "80"], env)
    out = b""
    while True:
        chunk = term.read_until_quiet(0.3)
        out += chunk
        if not chunk and term.process.poll() is not None:
            break
    term.process.wait()
    os.close(term.master)
    return out.replace(b"\r\n", b"\n")


def measure(argv: list[str], env: dict[str, str], first: bytes, pages: int, settle: float,
            quit_key: bytes) -> list[int]:
    term = Terminal(argv, env)
    try:
        term.wait_for(first)
        term.read_until_quiet(settle)  # the first screen, and any rendering still going on
        return [term.press(PAGE_DOWN, 0.5) for _ in range(pages)]
    finally:
        term.close(quit_key)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--lines", type=int, default=10_000)
    args = parser.parse_args(argv)

    from make_long_lesson import write_course

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        lesson = write_course(base / "long", args.lines)
        env = environment(base)
        text = base / "long-lesson.ansi"
        text.write_bytes(rendered(lesson, env))
        assert b"\x1b[" in text.read_bytes(), "cat wrote no colour: less -R would have nothing to show"

        reader = measure([sys.executable, "-m", "alignlearn", str(lesson)], env, b"A Very Long Lesson",
                         args.pages, settle=3.0, quit_key=b"q")
        pager = measure(["less", "-R", str(text)], env, b"A Very Long Lesson", args.pages, settle=1.0,
                        quit_key=b"q")

    def line(name: str, sizes: list[int]) -> str:
        return (f"  {name:<10} median {statistics.median(sizes):8.0f} B   mean {statistics.mean(sizes):8.0f} B   "
                f"min {min(sizes):7d}   max {max(sizes):7d}")

    print(f"Bytes per page down, {args.pages} presses, {SIZE[0]}x{SIZE[1]}, TERM=xterm-256color, "
          f"a {args.lines:,}-line lesson")
    print(line("reader", reader))
    print(line("less -R", pager))
    if not all(pager):
        print("  less sent nothing for some presses: it did not page")
        return 1
    ratio = statistics.mean(reader) / statistics.mean(pager)
    verdict = "ok" if ratio <= TARGET else f"OVER {TARGET}x"
    print(f"  ratio (means) {ratio:5.2f}x  target <= {TARGET}x  {verdict}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
