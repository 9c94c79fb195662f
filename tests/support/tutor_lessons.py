"""Lessons written for the tutor's tests, and a guard that no test reaches the network."""

from __future__ import annotations

import socket
import textwrap
from pathlib import Path


def write_lesson(folder: Path, body: str, front: str = "", name: str = "lesson.md") -> Path:
    front = front or 'id = "sample"\ntitle = "A sample lesson"'
    path = folder / name
    path.write_text(f"+++\n{textwrap.dedent(front).strip()}\n+++\n{textwrap.dedent(body).lstrip()}", encoding="utf-8")
    return path


KITES = """
    Kites have been flown for thousands of years, first in China.

    ## Wind

    A kite needs a steady wind of ten to twenty kilometres an hour. Gusty wind near
    buildings makes a kite dive into the ground.

    ## Launching

    To launch a kite, stand with your back to the wind and let the line out slowly. A
    helper can hold the kite up and let go when the wind catches it.

    ## Safety

    Never fly a kite near power lines or in a thunderstorm: the wet line carries current.
"""
FRONT = 'id = "kites"\ntitle = "Flying kites"'
LAUNCH = "How do I launch a kite?"


class NoNetwork:
    """Fails a test that opens a connection anywhere (socket pairs inside the process are fine)."""

    def __init__(self, monkeypatch):
        self.attempts: list = []

        def refuse(sock, address, *args):
            self.attempts.append(address)
            raise OSError("no network in this test")

        monkeypatch.setattr(socket.socket, "connect", refuse)
        monkeypatch.setattr(socket.socket, "connect_ex", refuse)
        monkeypatch.setattr(socket, "create_connection", lambda address, *a, **k: refuse(None, address))
