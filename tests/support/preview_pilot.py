"""Watching a preview reload in Pilot tests: the reloads the app gets, and a wait for one."""

from __future__ import annotations

import time

import pytest

from alignlearn.ui.preview_app import PreviewApp
from pilot import settle


@pytest.fixture
def reloads(monkeypatch) -> list:
    """The ``PreviewScreen.Reloaded`` messages the app gets, in order."""
    seen: list = []
    monkeypatch.setattr(PreviewApp, "on_preview_screen_reloaded", lambda app, message: seen.append(message),
                        raising=False)
    return seen


async def reloaded(pilot, reloads: list, count: int, timeout: float = 5.0) -> None:
    """Wait for the ``count``-th reload to be shown and its rendering complete."""
    end = time.monotonic() + timeout
    while len(reloads) < count:
        assert time.monotonic() < end, "the preview never reloaded"
        await pilot.pause(0.01)
    await settle(pilot)
