"""The Textual reader. Import from here: ``build_app`` is the one way to make the app."""

from alignlearn.ui.app import AlignlearnApp, ReaderError, build_app, run_reader

__all__ = ["AlignlearnApp", "ReaderError", "build_app", "run_preview", "run_reader"]
