"""Lessons as Rich renderables, shared by the reader and ``alignlearn cat``."""

from alignlearn.render.lesson import Anchor, Rendered, header, parts, place

__all__ = ["Anchor", "Rendered", "header", "parts", "place"]
