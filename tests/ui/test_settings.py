"""Settings: config.toml read and written by ``alignlearn.settings``, applied by the reader.

A broken file gives the defaults and a warning, never a traceback, and is left as it
is; a theme chosen in the reader is saved and comes back at the next start.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from alignlearn import paths, settings
from alignlearn.settings import Settings
from alignlearn.ui.app import build_app
from alignlearn.ui.palette import ThemeCommands
from alignlearn.ui.themes import HIGH_CONTRAST

SEED = "alignment-technical-problem"


@pytest.fixture(autouse=True)
def private_folders(tmp_path, monkeypatch):
    for variable in ("ALIGNLEARN_DATA_DIR", "ALIGNLEARN_CONFIG_DIR", "ALIGNLEARN_CACHE_DIR"):
        monkeypatch.setenv(variable, str(tmp_path / variable.lower()))


@pytest.fixture
def config() -> Path:
    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def course(tmp_path) -> str:
    folder = tmp_path / "course"
    folder.mkdir()
    shutil.copy(paths.bundled_course() / f"{SEED}.md", folder)
    (folder / "course.toml").write_text(f'id = "c"\ntitle = "C"\norder = ["{SEED}"]\n', encoding="utf-8")
    return str(folder)


# --- the file ----------------------------------------------------------------------


def test_no_file_means_the_defaults():
    assert settings.load() == (Settings(theme=None, animations=False), [])


def test_settings_are_read(config):
    config.write_text('format_version = 1\ntheme = "textual-light"\nanimations = true\n', encoding="utf-8")
    assert settings.load() == (Settings(theme="textual-light", animations=True), [])


@pytest.mark.parametrize("content, says", [
    (b'theme = "unclosed\n', "not valid TOML"),
    (b"\xff\xfe\x00junk", "not UTF-8"),
    (b"format_version = 7\ntheme = 'nord'\n", "format_version 7"),
    (b"x = " + b"1" * 70_000, "larger than"),
])
def test_a_file_that_cannot_be_used_gives_the_defaults_and_a_warning(config, content, says):
    config.write_bytes(content)
    loaded, warnings = settings.load()
    assert loaded == Settings()
    assert len(warnings) == 1 and says in warnings[0] and str(config) in warnings[0]
    assert config.read_bytes() == content  # kept as it was


@pytest.mark.parametrize("content, says", [
    ("theme = 3\nanimations = true\n", "'theme'"),
    ("theme = ''\nanimations = true\n", "'theme'"),
    ("theme = 'nord'\nanimations = 'yes'\n", "'animations'"),
])
def test_a_value_of_the_wrong_kind_is_skipped_with_a_warning(config, content, says):
    config.write_text(content, encoding="utf-8")
    loaded, warnings = settings.load()
    assert len(warnings) == 1 and says in warnings[0]
    assert loaded.theme in (None, "nord") and (loaded.animations is True or loaded.theme == "nord")


def test_a_folder_in_place_of_the_file_is_a_warning(config):
    config.mkdir()
    assert settings.load()[0] == Settings() and settings.load()[1]


def test_save_keeps_other_keys_and_writes_a_version(config):
    config.write_text('animations = true\n[editor]\nname = "vim"\n', encoding="utf-8")
    settings.save(Settings(theme="nord", animations=True))
    table = tomllib.loads(config.read_text(encoding="utf-8"))
    assert table == {"format_version": 1, "theme": "nord", "animations": True, "editor": {"name": "vim"}}
    assert config.read_text(encoding="utf-8").startswith("format_version = 1\n")
    assert settings.load() == (Settings(theme="nord", animations=True), [])


def test_save_leaves_a_broken_file_alone(config):
    config.write_text("theme = [\n", encoding="utf-8")
    with pytest.raises(OSError):
        settings.save(Settings(theme="nord"))
    assert config.read_text(encoding="utf-8") == "theme = [\n"


def test_save_makes_the_folder():
    settings.save(Settings(theme="nord"))
    assert settings.load()[0].theme == "nord"


def test_settings_do_not_import_textual():
    code = "import sys, alignlearn.settings; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def record_notes(app) -> list:
    notes: list = []
    app.notify = lambda message, **options: notes.append((message, options))
    return notes


# --- the reader ---------------------------------------------------------------------


async def test_defaults_no_animation_and_the_themes_on_offer(course):
    app = build_app(course)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.animation_level == "none"
        assert HIGH_CONTRAST.name in app.available_themes and "textual-light" in app.available_themes
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Theme" not in titles and ThemeCommands in app.COMMANDS  # each theme a command of ours


@pytest.mark.parametrize("theme", ["textual-light", "alignlearn-high-contrast"])
async def test_the_saved_theme_and_animations_are_used(config, course, theme):
    config.write_text(f'theme = "{theme}"\nanimations = true\n', encoding="utf-8")
    app = build_app(course)
    notes = record_notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == theme and app.animation_level == "full"
        assert not notes


async def test_a_chosen_theme_is_saved_and_comes_back(config, course):
    app = build_app(course)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.theme = "alignlearn-high-contrast"
        await pilot.pause()
        await app.workers.wait_for_complete()
    assert settings.load()[0].theme == "alignlearn-high-contrast"
    again = build_app(course)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "alignlearn-high-contrast"


@pytest.mark.parametrize("content, says", [("theme = [\n", "not valid TOML"),
                                           ('theme = "no-such-theme"\n', "no theme 'no-such-theme'")])
async def test_a_bad_setting_is_a_warning_in_the_reader(config, course, content, says):
    config.write_text(content, encoding="utf-8")
    app = build_app(course)
    default = app.theme
    notes = record_notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == default
        assert any(says in message and options["severity"] == "warning" for message, options in notes)
        assert isinstance(app.screen, type(app.lesson_screen))  # the reader is up
    assert config.read_text(encoding="utf-8") == content


def _unblock_after(path: Path, seconds: float):
    """A writer that frees whoever opens the named pipe ``path`` to read, after a while:
    a test of code that would block fails on the time taken instead of hanging."""
    import os
    import threading

    done = threading.Event()

    def free() -> None:
        if done.wait(seconds):
            return
        while not done.wait(0.01):
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass

    threading.Thread(target=free, daemon=True).start()
    return done


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_in_place_of_the_file_is_a_warning_not_a_hang(config):
    import os
    import time

    os.mkfifo(config)
    done = _unblock_after(config, 5)
    started = time.monotonic()
    try:
        loaded, warnings = settings.load()
    finally:
        done.set()
    assert time.monotonic() - started < 3, "settings waited on a named pipe"
    assert loaded == Settings() and "not a plain file" in warnings[0]
