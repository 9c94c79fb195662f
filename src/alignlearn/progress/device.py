"""This device's name, the sync folder, and what a device's file there says about it.

Each device writes only ``DEVICE.progress.toml`` in the sync folder (SPEC section 6), so
the name must be safe as a file name everywhere a folder may be synced to: lower case
ASCII letters, digits, ``.``, ``_`` and ``-``, not starting with a dot (a hidden file
is skipped by some sync tools), at most 64 characters. Lower case because some file
systems (macOS, Windows, Dropbox) do not tell ``Laptop`` from ``laptop``.

The file's first line is a comment naming the device and when it last synced, so that
every other device can say so (``progress show``), while the file stays a plain progress
file that ``progress import`` reads.
"""

from __future__ import annotations

import os
import re
import socket
import unicodedata
from datetime import datetime, timezone
from pathlib import Path

__all__ = [
    "SUFFIX", "device_name", "safe_name", "sync_folder", "device_file_name",
    "header", "read_header", "is_conflict_copy",
]

SUFFIX = ".progress.toml"
MAX_NAME = 64

_UNSAFE = re.compile(r"[^a-z0-9._-]+")
_HEADER = re.compile(r'^# alignlearn progress of device "([a-z0-9._-]{1,64})", synced (\S+?)[.;]? ')
# Syncthing's ".sync-conflict-...", Dropbox's and Nextcloud's "(... conflicted copy ...)",
# Resilio's ".Conflict", and the like: a second copy of a device's file.
_CONFLICT = re.compile(r"conflict", re.IGNORECASE)


def safe_name(text: str) -> str:
    """``text`` as a device name: ``"Ana's MacBook Pro"`` -> ``"ana-s-macbook-pro"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    name = _UNSAFE.sub("-", ascii_text.lower()).strip(".-_")
    name = re.sub(r"-{2,}", "-", name)[:MAX_NAME].rstrip(".-_")
    return name or "device"


def device_name(configured: str | None = None) -> str:
    """``$ALIGNLEARN_DEVICE``, else ``device`` in config.toml, else the host name; made safe."""
    for candidate in (os.environ.get("ALIGNLEARN_DEVICE"), configured):
        if candidate and candidate.strip():
            return safe_name(candidate.strip())
    try:
        host = socket.gethostname()
    except OSError:
        host = ""
    return safe_name(host)


def sync_folder(configured: str | None = None) -> Path | None:
    """``$ALIGNLEARN_SYNC_DIR``, else ``sync_dir`` in config.toml, else None (no sync)."""
    for candidate in (os.environ.get("ALIGNLEARN_SYNC_DIR"), configured):
        if candidate and candidate.strip():
            return Path(candidate.strip()).expanduser()
    return None


def device_file_name(device: str) -> str:
    return device + SUFFIX


def header(device: str, synced: datetime) -> str:
    """The first line of a device's file."""
    when = synced.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    return (f'# alignlearn progress of device "{device}", synced {when}. '
            "Each device writes only its own file here; alignlearn progress sync merges them.\n")


def read_header(text: str) -> tuple[str, datetime] | None:
    """(device, when it last synced) from a device file's first line, if it says so."""
    match = _HEADER.match(text)
    if match is None:
        return None
    try:
        when = datetime.fromisoformat(match.group(2).replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        return None
    return match.group(1), when.astimezone(timezone.utc)


def is_conflict_copy(file_name: str) -> bool:
    """Whether a ``*.progress.toml`` is a sync tool's copy of another (two devices
    wrote one name: they share a device name)."""
    return bool(_CONFLICT.search(file_name[: -len(SUFFIX)] if file_name.endswith(SUFFIX) else file_name))
