"""Who is learning, as far as the order of a quiz's choices goes: a random name made
once per data folder, so two learners see a quiz's choices in different orders and a
learner who comes back to a sitting sees them where they were.

It says nothing about the person and is not part of progress (an export does not
carry it). Where the folder cannot be written, the name lasts for the session.
"""

from __future__ import annotations

import secrets

from alignlearn import paths
from alignlearn.progress.files import TooLargeError, atomic_write, read_capped

FILE = "learner"
_known: dict[str, str] = {}  # data folder -> name: read once a session


def learner_name() -> str:
    folder = str(paths.data_dir())
    if folder not in _known:
        _known[folder] = _read_or_make(paths.data_dir() / FILE)
    return _known[folder]


def _read_or_make(path) -> str:
    try:
        data, _ = read_capped(path, 256)
    except FileNotFoundError:
        data = None
    except (OSError, TooLargeError):  # something else is there: leave it be
        data = b""
    name = data.decode("ascii", "replace").strip() if data else ""
    if name.isalnum():
        return name
    name = secrets.token_hex(8)
    if data is None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, (name + "\n").encode("ascii"))
        except OSError:
            pass  # kept for this session only (in _known)
    return name
