"""Every test runs with its own cache, data and config folders, never the user's real ones."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The tests' shared helpers (pilot.py, quiz_pilot.py, ...) are imported by name from any tier.
sys.path.insert(0, str(Path(__file__).resolve().parent / "support"))


@pytest.fixture(autouse=True)
def private_folders(tmp_path_factory, monkeypatch):
    """Point paths.py at fresh folders, so no test reads or writes the user's cache, progress or settings."""
    base = tmp_path_factory.mktemp("alignlearn-home")
    for variable, name in (("ALIGNLEARN_CACHE_DIR", "cache"), ("ALIGNLEARN_DATA_DIR", "data"),
                           ("ALIGNLEARN_CONFIG_DIR", "config")):
        monkeypatch.setenv(variable, str(base / name))
    # The same learner in every test, so a quiz's shuffled choices come in the same order
    # each run (progress/learner.py); a test that wants another learner points elsewhere.
    (base / "data").mkdir(parents=True, exist_ok=True)
    (base / "data" / "learner").write_text("testlearner\n", encoding="ascii")


@pytest.fixture(autouse=True)
def no_tutor_model(monkeypatch):
    """A developer's own model settings never reach a test: each test sets its own."""
    monkeypatch.delenv("ALIGNLEARN_TUTOR_ENDPOINT", raising=False)
    monkeypatch.delenv("ALIGNLEARN_TUTOR_MODEL", raising=False)


@pytest.fixture(autouse=True)
def no_sync_folder(monkeypatch):
    """A developer's own sync folder never gets a test's progress: each test sets its own."""
    monkeypatch.delenv("ALIGNLEARN_SYNC_DIR", raising=False)
    monkeypatch.delenv("ALIGNLEARN_DEVICE", raising=False)
