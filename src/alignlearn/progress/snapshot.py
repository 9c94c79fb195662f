"""A parsed copy of a big progress file, so the next start does not parse it again.

``tomllib`` is slow on megabytes of TOML: the progress of a learner who has been through
thousands of lessons took seconds to load, and the reader jumped to the last lesson
that much later (figures: README, "Performance"). The snapshot is the same progress as
plain ``marshal`` data in the cache folder, tagged with the :class:`~.files.Stamp` of the
file it was made from (inode, size, mtime and the per-write token of its first line).
It is used only when the file still has exactly that stamp, and it goes through the
same checks as the file (``from_document``), so a stale, torn or foreign snapshot is
never trusted: it is ignored and the file is parsed as before.

Only files of :data:`WORTH_IT` bytes or more get one; small files parse in
milliseconds.
"""

from __future__ import annotations

import hashlib
import marshal
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from .. import paths
from .codec import from_document, to_document
from .files import Stamp, atomic_write, open_file
from .model import Progress

__all__ = ["WORTH_IT", "load_snapshot", "save_snapshot", "snapshot_path"]

WORTH_IT = 256 * 1024
VERSION = 1
_TIME = "\0time"  # tags a datetime (TOML keys and strings we write never hold NUL)


def snapshot_path(progress_file: Path) -> Path:
    """Where the snapshot of ``progress_file`` lives (one per progress file)."""
    name = hashlib.sha256(str(Path(progress_file).absolute()).encode()).hexdigest()[:16]
    return paths.cache_dir() / f"progress-{name}.marshal"


def _key(stamp: Stamp) -> tuple:
    return (stamp.inode, stamp.size, stamp.mtime_ns, stamp.first_line)


def save_snapshot(progress_file: Path, stamp: Stamp, progress: Progress) -> bool:
    """Keep ``progress`` as the parsed form of the file version ``stamp``; best effort."""
    if stamp.size < WORTH_IT:
        return False
    try:
        data = marshal.dumps((VERSION, _key(stamp), _plain(to_document(progress))))
        target = snapshot_path(progress_file)
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write(target, data)
    except (OSError, ValueError, TypeError):
        return False
    return True


def load_snapshot(progress_file: Path, stamp: Stamp) -> Progress | None:
    """The progress of the file version ``stamp``, if a snapshot of exactly it is kept."""
    if stamp.size < WORTH_IT:
        return None
    try:
        with open_file(snapshot_path(progress_file)) as file:
            version, key, document = marshal.load(file)
        if version != VERSION or key != _key(stamp):
            return None
        return from_document(_timed(document))
    except Exception:  # missing, torn, foreign or not ours: the file is parsed instead
        return None


def _mapped(value: Any, leaf: Callable[[Any], Any]) -> Any:
    """``value`` with ``leaf`` applied to everything in it that is not a table or a list."""
    if isinstance(value, dict):
        return {key: _mapped(item, leaf) for key, item in value.items()}
    if isinstance(value, list):
        return [_mapped(item, leaf) for item in value]
    return leaf(value)


def _time_out(value: Any) -> Any:
    return (_TIME, value.isoformat()) if isinstance(value, datetime) else value


def _time_in(value: Any) -> Any:
    if isinstance(value, tuple):
        if len(value) == 2 and value[0] == _TIME and isinstance(value[1], str):
            return datetime.fromisoformat(value[1])
        raise ValueError("not a snapshot")
    return value


def _plain(value: Any) -> Any:
    return _mapped(value, _time_out)


def _timed(value: Any) -> Any:
    return _mapped(value, _time_in)

