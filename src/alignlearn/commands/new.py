"""``alignlearn new ID``: a lesson skeleton and an example quiz that already pass ``check``."""

from __future__ import annotations

from pathlib import Path

from alignlearn.commands.common import EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, fail, named_course


def add_parser(subparsers, common) -> None:
    new = subparsers.add_parser("new", parents=[common], help="write a lesson skeleton and an example quiz",
                                description="Write ID.md and ID.quiz.toml in the course folder (--course, "
                                            "or the current folder); never overwrites a file. In an mdBook, "
                                            "whose chapters are the files its SUMMARY.md lists, or in a folder "
                                            "of plain Markdown (no '+++' lessons), writes nothing and says "
                                            "what to write instead.")
    new.add_argument("id", help="the new lesson's id: lowercase letters, digits and '-'")
    new.set_defaults(func=run)


def run(args) -> int:
    from alignlearn.authoring import skeleton
    from alignlearn.untrusted import printable

    # A folder with no lessons yet is where a course begins; a file that is no course is refused.
    root = named_course(args.course) if getattr(args, "course", None) else Path.cwd()
    try:
        created = skeleton.create_lesson(root, args.id)
    except skeleton.NewLessonError as error:
        return fail(str(error), EXIT_USAGE if error.usage else EXIT_BAD_INPUT)
    lesson, quiz, manifest = (printable(str(p), one_line=True) for p in (created.lesson, created.quiz,
                                                                          root / "course.toml"))
    print(f"wrote {lesson}\nwrote {quiz}")
    if created.order == skeleton.ADDED:
        print(f"added '{args.id}' to the end of 'order' in {manifest}")
    elif created.order == skeleton.BY_HAND:
        print(f"add \"{args.id}\" to 'order' in {manifest} to place it in the reading order")
    print(f"next: edit them, then run: alignlearn check {lesson}")
    return EXIT_OK
