"""``alignlearn check [PATH]``: every problem of a course or a lesson file, as a compiler prints them."""

from __future__ import annotations

import sys
from pathlib import Path

from alignlearn.commands.common import (EXIT_BAD_INPUT, EXIT_OK, checked_here, counted, course_root, fail,
                                       refuse_other_file)
from alignlearn.untrusted import printable


def add_parser(subparsers, common) -> None:
    check = subparsers.add_parser("check", parents=[common], help="validate a course or a lesson file",
                                  description="Report every error and warning of a course or a lesson file, as FILE:LINE:COL. With no PATH: the current folder when it holds something to read (a course, an mdBook, lessons or Markdown files; in an mdBook's src folder, its book), else the bundled course (saying so, and how to give a PATH).")
    check.add_argument("path", nargs="?", help="a course folder, course.toml or lesson file")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.set_defaults(func=run)


def run(args) -> int:
    from alignlearn.authoring.check import check_course, check_lesson_file
    from alignlearn.course.catalog import open_course, resolve

    if args.path or getattr(args, "course", None):
        target = Path(args.path) if args.path else course_root(args)
    else:  # what `alignlearn .` would open here, if anything, else the bundled course: say which
        here = checked_here()
        if here is not None:
            target, what = here
            said = f"alignlearn: checking {what} ({target.resolve()})"
        else:  # an author who meant their course is told what was looked for, and how to name it
            target = course_root(args)
            said = (f"alignlearn: {Path.cwd()} holds no course (no course.toml, book.toml or Markdown lessons): "
                    f"checking the bundled course ({target.resolve()}); to check yours, give a PATH: "
                    "alignlearn check PATH")
        print(printable(said, one_line=True), file=sys.stderr)
    if not target.exists():
        return fail(f"{target}: no such file or folder")
    if args.path:
        refuse_other_file(args.path)
    root, lesson_file = resolve(target)
    if lesson_file is not None:
        report = check_lesson_file(lesson_file, table_width)
    else:
        from alignlearn.commands.work_bar import progress_bar

        with progress_bar("Reading lessons") as step:
            course = open_course(root, progress=step)
        with progress_bar("Checking lessons") as step:
            report = check_course(course, progress=step, table_width=table_width)
    if args.format == "json":
        import json

        print(json.dumps(report.as_dict(), indent=2))
    else:
        for problem in report.problems:
            print(problem)
        print(", ".join([counted(report.lessons, "lesson"), counted(report.questions, "question")]) + ": "
              + ", ".join([counted(report.errors, "error"), counted(report.warnings, "warning")]))
    return EXIT_BAD_INPUT if report.errors else EXIT_OK


def table_width(table) -> int:
    """``render.measure.table_width``, imported only for a table that may be too wide: drawing
    one needs Rich's console and the reader's renderers, a third of a small course's check."""
    from alignlearn.render.measure import table_width as measured

    return measured(table)
