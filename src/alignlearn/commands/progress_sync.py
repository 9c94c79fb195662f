"""``alignlearn progress sync [DIR]``, and the lines ``progress show`` adds about syncing
(SPEC sections 5 and 6).

Exit codes: 0 synced (files it skipped are warnings on standard error), 1 the folder
cannot be used or this device's file not written, 2 no DIR given and none configured.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

__all__ = ["add_sync_parser", "cmd_sync", "sync_lines"]

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2


def add_sync_parser(actions: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = actions.add_parser(
        "sync", help="merge with the other devices' progress in DIR, then write this device's file there",
        description="Merge every *.progress.toml in DIR (a folder Syncthing, Dropbox, git or a network "
                    "share keeps in sync) into this device's progress, then write this device's own "
                    "DEVICE.progress.toml there. No other file is written, moved or deleted.",
    )
    parser.add_argument("dir", metavar="DIR", nargs="?",
                        help="the sync folder (default: sync_dir in config.toml or $ALIGNLEARN_SYNC_DIR)")
    parser.set_defaults(func=cmd_sync)
    return parser


def _say(line: str, stream=None) -> None:
    from alignlearn.untrusted import printable

    print(printable(line), file=stream or sys.stdout)


def cmd_sync(args: argparse.Namespace) -> int:
    from alignlearn import settings
    from alignlearn.progress.device import device_name, sync_folder
    from alignlearn.progress.store import ProgressStore
    from alignlearn.progress.sync import sync

    config, warnings = settings.load()
    for warning in warnings:
        _say(f"alignlearn: warning: {warning}", sys.stderr)
    folder = Path(args.dir).expanduser() if args.dir else sync_folder(config.sync_dir)
    if folder is None:
        _say("alignlearn: error: progress sync needs a folder: give DIR, or set sync_dir in "
             f"{settings.paths.config_file()} (or $ALIGNLEARN_SYNC_DIR)", sys.stderr)
        return EXIT_USAGE
    device = device_name(config.device)
    store = ProgressStore()
    report = sync(folder, device, store)
    store.checkpoint()  # the next command loads a big file from its parsed snapshot
    for notice in store.take_notices():
        _say(f"alignlearn: {notice.message}", sys.stderr)
    for warning in report.warnings:
        _say(warning, sys.stderr)
    if report.error is not None:
        _say(f"alignlearn: error: {report.error}", sys.stderr)
        return EXIT_BAD_INPUT
    others = len([name for name in report.read if name != report.own_file.name])
    changed = len(report.lessons)
    _say(f"Synced {device} with {others} other device file{'s' if others != 1 else ''} in {folder}: "
         f"{changed} lesson{'s' if changed != 1 else ''} brought in; wrote {report.own_file.name}.")
    return EXIT_OK


def sync_lines() -> list[str]:
    """What ``progress show`` says about syncing: the folder and when each device last
    synced, from this device's record; nothing when it never synced."""
    from alignlearn import paths, settings
    from alignlearn.progress.device import device_name
    from alignlearn.progress.sync_record import last_syncs

    folder, devices = last_syncs(paths.data_dir())
    if not devices:
        return []
    config, _ = settings.load()
    me = device_name(config.device)
    lines = [f"Synced through {folder}:" if folder else "Synced:"]
    for name, when in sorted(devices.items(), key=lambda item: item[1], reverse=True):
        mark = " (this device)" if name == me else ""
        lines.append(f"  {name}{mark}: last synced {_local(when)}")
    return lines


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")
