"""The reader's progress sync (SPEC section 6): with ``sync_dir`` in config.toml or
``$ALIGNLEARN_SYNC_DIR``, sync at start, after each quiz attempt and at quit.

Each sync runs in a thread worker, one at a time, after the reader's queued changes are
written; the lessons it brings in reach the lists and the map as a save does. A folder
that is missing or cannot be written is a notice: reading goes on, and the next sync
tries again. At quit the sync gets ``QUIT_WAIT`` seconds: a folder on a share that has
gone away must not hold the terminal (what it did not write is written at the next
start, and the device's file is the old one or the new one, never torn).
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alignlearn.ui.app import AlignlearnApp

QUIT_WAIT = 3.0  # seconds the quit waits for its sync
LOCK_WAIT = 10.0  # seconds a sync waits for another one of this device (another reader)


class ReaderSync:
    def __init__(self, app: "AlignlearnApp") -> None:
        self.app = app
        self.folder = None
        self.device: str | None = None
        self._reader = None  # a ChunkReader, kept across syncs: files met before cost less
        self._one_at_a_time = threading.Lock()
        self._closing = False

    def start(self) -> None:
        self.app.run_worker(self._first, thread=True, group="sync", description="sync progress",
                            exit_on_error=False)

    def after_attempt(self) -> None:
        if self.folder is not None and not self._closing:
            self.app.run_worker(self._sync, thread=True, group="sync", description="sync progress",
                                exit_on_error=False)

    def at_quit(self) -> None:
        """Sync once more, waiting at most ``QUIT_WAIT`` seconds (a thread of its own:
        the app's workers are being cancelled by now)."""
        self._closing = True
        if self.folder is None:
            return
        thread = threading.Thread(target=self._sync, kwargs={"wait": QUIT_WAIT, "quitting": True},
                                  daemon=True, name="alignlearn-quit-sync")
        thread.start()
        thread.join(QUIT_WAIT)

    def _first(self) -> None:
        from alignlearn import settings
        from alignlearn.progress.device import device_name, sync_folder

        config, _ = settings.load()  # its warnings are the app's to show, once
        self.folder = sync_folder(config.sync_dir)
        self.device = device_name(config.device)
        if self.folder is None:
            return
        # After progress is read: the reader's store is made by then (one store, one
        # writer), and the sync starts from what this device has.
        deadline = time.monotonic() + 60
        while not self.app.progress.loaded and not self._closing and time.monotonic() < deadline:
            time.sleep(0.02)
        if not self._closing:
            self._sync()

    def _sync(self, wait: float = LOCK_WAIT, quitting: bool = False) -> None:
        from alignlearn.progress.chunks import ChunkReader
        from alignlearn.progress.sync import sync

        if not self._one_at_a_time.acquire(timeout=wait):
            return
        try:
            progress = self.app.progress
            if not quitting:
                progress.write_now()  # what is queued (the attempt) goes into this sync
            self._reader = self._reader or ChunkReader()
            report = sync(self.folder, self.device, progress.store, reader=self._reader, lock_timeout=wait)
        except Exception as error:  # a bug, not a folder problem: say it, keep reading
            self._tell(f"Progress was not synced: {error}", "error")
            return
        finally:
            self._one_at_a_time.release()
        if quitting:
            return
        if report.error is not None:
            self._tell(f"Progress was not synced: {report.error}. Reading goes on.", "warning")
        elif report.warnings:
            more = len(report.warnings) - 1
            self._tell(report.warnings[0] + (f" (and {more} more)" if more else ""), "warning")
        changed = [lesson for course, lesson in report.lessons if course == progress.course_id]
        if changed:
            progress.brought_in(changed)

    def _tell(self, message: str, severity: str) -> None:
        try:
            self.app.call_from_thread(self.app.notify, message, title="Sync", severity=severity,
                                      timeout=10, markup=False)
        except Exception:  # the app is closing
            pass
