"""The commands: one module each, with ``add_parser(subparsers, common)`` and ``run(args)``."""

__all__: list[str] = []
