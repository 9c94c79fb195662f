"""``alignlearn progress sync [DIR]`` and what ``progress show`` says about syncing."""

from __future__ import annotations

import argparse
from datetime import datetime, timezone

import pytest

from alignlearn import paths
from alignlearn.commands import progress as command
from alignlearn.progress import Attempt, ProgressStore, loads
from alignlearn.progress.sync import sync


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="alignlearn")
    command.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["progress", *argv])
    return args.func(args)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.delenv("ALIGNLEARN_SYNC_DIR", raising=False)
    monkeypatch.setenv("ALIGNLEARN_DEVICE", "server")
    folder = tmp_path / "Sync"
    folder.mkdir()
    laptop = ProgressStore(tmp_path / "laptop" / "progress.toml")
    laptop.add_attempt("ai", "rlhf", Attempt(datetime(2026, 12, 1, tzinfo=timezone.utc), 4, 4))
    sync(folder, "laptop", laptop)
    return folder


def test_no_folder_given_or_configured_is_bad_usage(folder, capsys):
    assert run("sync") == 2
    err = capsys.readouterr().err
    assert "progress sync needs a folder" in err and "sync_dir" in err and "Traceback" not in err


def test_sync_into_a_folder(folder, capsys):
    assert run("sync", str(folder)) == 0
    out = capsys.readouterr().out
    assert "Synced server with 1 other device file" in out and "1 lesson brought in" in out
    mine = ProgressStore().load()
    assert mine.find("ai", "rlhf").best_attempt().score == 4
    assert loads((folder / "server.progress.toml").read_bytes()) == mine


def test_the_configured_folder_and_device(folder, monkeypatch, capsys):
    monkeypatch.delenv("ALIGNLEARN_DEVICE")
    paths.config_dir().mkdir(parents=True, exist_ok=True)
    paths.config_file().write_text(f'sync_dir = "{folder}"\ndevice = "Work Desk"\n')
    assert run("sync") == 0
    assert (folder / "work-desk.progress.toml").exists()
    monkeypatch.setenv("ALIGNLEARN_SYNC_DIR", str(folder / "nowhere"))  # the environment wins
    assert run("sync") == 1
    assert "cannot use the sync folder" in capsys.readouterr().err


def test_skipped_files_are_warnings_with_their_name(folder, capsys):
    (folder / "torn.progress.toml").write_text("format_version = 1\n[courses.ai.lessons.x\n")
    assert run("sync", str(folder)) == 0
    err = capsys.readouterr().err
    assert f"{folder / 'torn.progress.toml'}" in err and ": warning: cannot be read" in err


def test_show_says_when_each_device_last_synced(folder, capsys):
    assert run("sync", str(folder)) == 0
    capsys.readouterr()
    assert run("show") == 0
    out = capsys.readouterr().out
    assert f"Synced through {folder}:" in out
    assert "server (this device): last synced" in out and "laptop: last synced" in out


def test_a_device_file_can_be_imported(folder, capsys):
    assert run("import", str(folder / "laptop.progress.toml")) == 0
    assert ProgressStore().load().find("ai", "rlhf") is not None
