"""``alignlearn preview FILE``: the reader on one lesson file, reloaded on every save."""

from __future__ import annotations


def add_parser(subparsers, common) -> None:
    preview = subparsers.add_parser("preview", parents=[common],
                                    help="the reader on one lesson file, reloading on save")
    preview.add_argument("file")
    preview.set_defaults(func=run)


def run(args) -> int:
    from alignlearn.ui.preview_app import run_preview

    return run_preview(args.file)
