"""Where alignlearn's files live: the one module that knows.

Nothing happens on import; every function reads the environment when called, so
tests point the program elsewhere with ``ALIGNLEARN_DATA_DIR`` (progress),
``ALIGNLEARN_CONFIG_DIR`` (settings) and ``ALIGNLEARN_CACHE_DIR`` (catalog cache).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "alignlearn"


def _override(variable: str) -> Path | None:
    value = os.environ.get(variable)
    return Path(value).expanduser() if value else None


def _folder(variable: str, kind: str) -> Path:
    """``$variable`` if set, else the platform's folder of that kind (platformdirs)."""
    override = _override(variable)
    if override is not None:
        return override
    import platformdirs

    return getattr(platformdirs, f"user_{kind}_path")(APP_NAME)


def data_dir() -> Path:
    """The folder holding ``progress.toml`` (SPEC section 6)."""
    return _folder("ALIGNLEARN_DATA_DIR", "data")


def progress_file() -> Path:
    return data_dir() / "progress.toml"


def config_dir() -> Path:
    return _folder("ALIGNLEARN_CONFIG_DIR", "config")


def config_file() -> Path:
    return config_dir() / "config.toml"


def cache_dir() -> Path:
    return _folder("ALIGNLEARN_CACHE_DIR", "cache")


def bundled_course() -> Path:
    """The course shipped with alignlearn.

    An installed wheel carries it as ``alignlearn/lessons``; a source checkout (and an
    editable install) reads the repository's ``lessons/`` folder directly.
    """
    packaged = Path(__file__).resolve().parent / "lessons"
    if (packaged / "course.toml").is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "lessons"
