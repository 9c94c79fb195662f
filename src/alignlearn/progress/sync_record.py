"""When each device last synced, as this device last saw it: ``sync.toml`` in the data
folder, so ``progress show`` can say it without the sync folder at hand (a laptop away
from its network share).

```toml
format_version = 1
folder = "/home/ana/Sync/alignlearn"   # the folder of the last sync

[devices]
laptop = 2026-12-05T14:03:11Z
server = 2026-12-05T09:40:00Z
```

Each sync adds what it read (a device's file says when it last synced, in its first
line) and keeps the newest time per device. Best effort: a record that cannot be read
or written costs only what ``progress show`` says, never a sync.
"""

from __future__ import annotations

import tomllib
from datetime import datetime, timezone
from pathlib import Path

import tomli_w

from .files import TooLargeError, atomic_write, read_capped

__all__ = ["RECORD_NAME", "remember_syncs", "last_syncs"]

RECORD_NAME = "sync.toml"
FORMAT_VERSION = 1
CAP = 1024 * 1024


def last_syncs(data_dir: Path) -> tuple[str | None, dict[str, datetime]]:
    """(the folder of the last sync, {device: when it last synced}); empty if unknown."""
    try:
        data, _ = read_capped(Path(data_dir) / RECORD_NAME, CAP)
        table = tomllib.loads(data.decode("utf-8"))
    except (OSError, TooLargeError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None, {}
    if table.get("format_version") != FORMAT_VERSION:
        return None, {}
    folder = table.get("folder")
    devices = table.get("devices")
    found = {}
    if isinstance(devices, dict):
        for name, when in devices.items():
            if isinstance(name, str) and isinstance(when, datetime) and when.tzinfo is not None:
                found[name] = when.astimezone(timezone.utc)
    return (folder if isinstance(folder, str) else None), found


def remember_syncs(data_dir: Path, folder: Path, devices: dict[str, datetime]) -> bool:
    """Add ``devices``' sync times to the record (the newest per device wins)."""
    _, known = last_syncs(data_dir)
    for name, when in devices.items():
        if name not in known or known[name] < when:
            known[name] = when
    table = {"format_version": FORMAT_VERSION, "folder": str(folder),
             "devices": dict(sorted(known.items()))}
    try:
        atomic_write(Path(data_dir) / RECORD_NAME, tomli_w.dumps(table).encode("utf-8"))
    except (OSError, ValueError):
        return False
    return True
