"""``alignlearn cat LESSON [--width N]``: a lesson rendered as the reader shows it, to standard output."""

from __future__ import annotations

from alignlearn.commands.common import EXIT_BAD_INPUT, EXIT_OK, columns, find_lesson, listed_lesson, \
    note_lesson_errors, open_course_for, output_console, print_problems, print_rendered


def add_parser(subparsers, common) -> None:
    cat = subparsers.add_parser("cat", parents=[common], help="print a lesson, rendered",
                                description="Print a lesson as the reader shows it (sections, tables, key terms), "
                                            "to the terminal or a pipe; NO_COLOR and a pipe print it without colour.")
    cat.add_argument("lesson", help="a lesson id, or the path of a lesson file")
    cat.add_argument("--width", type=columns, help="the width to render at (default: the terminal's)")
    cat.set_defaults(func=run)


def run(args) -> int:
    from rich.console import Group

    from alignlearn.course import LessonError, load_lesson
    from alignlearn.render import parts

    course, lesson_file = open_course_for(args, args.lesson)
    try:
        if lesson_file is not None and course.source is None:
            lesson = load_lesson(lesson_file, with_quiz=False)
        else:
            # A book's or folder's file by its record (LessonError when it could not be listed).
            info = listed_lesson(course, lesson_file) if lesson_file is not None else find_lesson(course, args.lesson)
            # From the lesson cache the reader keeps: no markdown-it to import and run,
            # most of cat's own time; parsed, and kept, when the file changed.
            from alignlearn.cache import parsed_lessons

            lesson = parsed_lessons.read(course, info.id)
    except LessonError as error:
        print_problems(error.problems)
        return EXIT_BAD_INPUT
    note_lesson_errors(course, lesson)
    console = output_console(args.width)
    shown = parts(lesson, course, console.width, keys=False)  # no quiz or tutor card: their keys are the reader's
    print_rendered(console, Group(*(renderable for _, renderable in shown)))
    return EXIT_OK
