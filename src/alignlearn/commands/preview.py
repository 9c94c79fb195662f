"""``alignlearn preview FILE``: the reader on one lesson file, reloaded on every save."""

from __future__ import annotations

from alignlearn.commands.common import NotFound, named_course, needs_terminal, refuse_whole_course


def add_parser(subparsers, common) -> None:
    preview = subparsers.add_parser("preview", parents=[common],
                                    help="the reader on one lesson file, reloading on save",
                                    description="Show FILE as a learner will see it, and show it again, at the "
                                                "same place, each time it or its quiz is saved.")
    preview.add_argument("file")
    preview.set_defaults(func=run)


def run(args) -> int:
    from pathlib import Path

    if getattr(args, "course", None) and not named_course(args.course).exists():
        raise NotFound(f"no course at {args.course}")
    # Bad input first, as the reader does: it is what the author must fix, terminal or not.
    named = Path(args.file)
    lesson = (named.with_name(named.name.removesuffix(".quiz.toml") + ".md") if named.name.endswith(".quiz.toml")
              else named)
    if not lesson.exists():
        raise NotFound(f"{lesson}: no such file" + (f" (the lesson of {named})" if lesson != named else ""))
    refuse_whole_course(str(lesson))  # a folder, a course.toml, a book.toml, a book's SUMMARY.md
    if lesson.suffix.lower() != ".md":  # /etc/passwd
        raise NotFound(f"{args.file}: preview needs a lesson file (.md)")
    needs_terminal()
    from alignlearn.ui.preview_app import run_preview

    return run_preview(args.file)
