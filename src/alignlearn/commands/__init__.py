"""Sub-commands that live outside ``cli.py``; each module offers ``add_parser``."""

__all__: list[str] = []
