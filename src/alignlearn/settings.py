"""The learner's settings: ``config.toml`` in the user config folder (``paths.config_file``).

```toml
format_version = 1
theme = "textual-light"     # any theme the command palette's "Theme" offers
animations = false          # true: smooth scrolling and other animations (more bytes over SSH)
sync_dir = "~/Sync/alignlearn"  # optional: progress synced through this folder (SPEC section 6)
device = "laptop"           # optional: this device's name there (default: the host name)

[tutor]                     # optional: a local model for the tutor (SPEC section 8)
endpoint = "http://127.0.0.1:11434/v1"   # an OpenAI-compatible server (Ollama, llama.cpp, ...)
model = "llama3.2"
```

``$ALIGNLEARN_TUTOR_ENDPOINT`` and ``$ALIGNLEARN_TUTOR_MODEL`` override the file's
``[tutor]`` keys. With no endpoint, the tutor never opens a connection.

A setting only changes how the reader looks, so a file that cannot be read never
stops it: ``load`` gives the defaults and a warning to show, and leaves the file as
it is. Saving writes atomically and keeps keys it does not know. Plain Python, no
Textual: the theme's name is checked by the app, which knows the themes.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from alignlearn import paths
from alignlearn.plain_file import open_plain

__all__ = ["FORMAT_VERSION", "Settings", "load", "save", "tutor_model"]

FORMAT_VERSION = 1
SIZE_CAP = 64 * 1024  # a settings file is a few lines; anything larger is not one


@dataclass(frozen=True)
class Settings:
    theme: str | None = None  # None: Textual's default theme
    animations: bool = False  # off: a page down sends one frame, not a dozen (issue 7)
    tutor_endpoint: str | None = None  # an OpenAI-compatible API's base URL, ".../v1"
    tutor_model: str | None = None
    device: str | None = None  # this device's name in the sync folder (progress/device.py)
    sync_dir: str | None = None  # the folder progress is synced through, if any


def _read(path: Path) -> dict[str, Any]:
    """The file's table, or {} when there is none; ValueError says why it cannot be read."""
    try:
        with open_plain(path) as file:  # a named pipe there must not hang the start
            data = file.read(SIZE_CAP + 1)
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise ValueError(error.strerror or str(error)) from None
    if len(data) > SIZE_CAP:
        raise ValueError(f"larger than {SIZE_CAP // 1024} KiB")
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"not valid TOML ({error})") from None


def load(path: Path | None = None) -> tuple[Settings, list[str]]:
    """The settings, and a warning for each thing in the file that was not used."""
    path = path or paths.config_file()
    try:
        table = _read(path)
    except ValueError as reason:
        return Settings(), [f"{path}: {reason}; using the default settings"]
    warnings, settings = [], Settings()
    version = table.get("format_version", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        return settings, [f"{path}: format_version {version!r} is not one this alignlearn reads; "
                          "using the default settings"]
    theme = table.get("theme")
    if theme is not None:
        if isinstance(theme, str) and theme.strip():
            settings = replace(settings, theme=theme.strip())
        else:
            warnings.append(f"{path}: 'theme' should be a theme's name, not {theme!r}")
    animations = table.get("animations")
    if animations is not None:
        if isinstance(animations, bool):
            settings = replace(settings, animations=animations)
        else:
            warnings.append(f"{path}: 'animations' should be true or false, not {animations!r}")
    for key in ("device", "sync_dir"):
        value = table.get(key)
        if value is None:
            continue
        if isinstance(value, str) and value.strip():
            settings = replace(settings, **{key: value.strip()})
        else:
            warnings.append(f"{path}: '{key}' should be a string, not {value!r}")
    tutor = table.get("tutor")
    if tutor is not None:
        if isinstance(tutor, dict):
            for key in ("endpoint", "model"):
                value = tutor.get(key)
                if value is None:
                    continue
                if isinstance(value, str) and value.strip():
                    settings = replace(settings, **{f"tutor_{key}": value.strip()})
                else:
                    warnings.append(f"{path}: 'tutor.{key}' should be a string, not {value!r}")
        else:
            warnings.append(f"{path}: 'tutor' should be a table ([tutor]), not {tutor!r}")
    return settings, warnings


def tutor_model(settings: Settings | None = None) -> tuple[str, str] | None:
    """(endpoint, model) for the tutor's model mode, or None: then nothing is ever sent.

    The environment (``ALIGNLEARN_TUTOR_ENDPOINT``, ``ALIGNLEARN_TUTOR_MODEL``) wins
    over ``config.toml``; both are needed."""
    if settings is None:
        settings, _ = load()
    endpoint = os.environ.get("ALIGNLEARN_TUTOR_ENDPOINT", "").strip() or settings.tutor_endpoint
    model = os.environ.get("ALIGNLEARN_TUTOR_MODEL", "").strip() or settings.tutor_model
    if not endpoint or not model:
        return None
    return endpoint, model


def save(settings: Settings, path: Path | None = None) -> None:
    """Write ``settings``, keeping the file's other keys; a file that cannot be read is
    left as it is (OSError). Raises OSError when the folder cannot be written."""
    import tomli_w

    from alignlearn.progress.files import atomic_write

    path = path or paths.config_file()
    try:
        table = _read(path)
    except ValueError as reason:
        raise OSError(f"{path} was not changed: {reason}") from None
    table = {"format_version": FORMAT_VERSION, **{k: v for k, v in table.items() if k != "format_version"}}
    if settings.theme is not None:
        table["theme"] = settings.theme
    table["animations"] = settings.animations
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, tomli_w.dumps(table).encode("utf-8"))
