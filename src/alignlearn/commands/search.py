"""``alignlearn search QUERY [--json] [--limit N]``: lessons and sections that match, best first."""

from __future__ import annotations

import shlex

from alignlearn.commands.common import EXIT_BAD_INPUT, EXIT_OK, NotFound, bundled_course_note, course_root, fail, print_problems


def add_parser(subparsers, common) -> None:
    search = subparsers.add_parser("search", parents=[common], help="search the course",
                                   description="The lessons and sections that match QUERY, best first; "
                                               "the last word may be the start of a word.")
    search.add_argument("query")
    search.add_argument("--json", action="store_true", help="print one JSON document")
    search.add_argument("--limit", type=_results, default=20, metavar="N",
                        help="the most results to print (default: 20)")
    search.set_defaults(func=run)


def _results(text: str) -> int:
    """A number of results: a whole number from 1 on (0 printed "No lesson matches", -1 one fewer)."""
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"the limit must be a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"the limit must be at least 1 result, not {value}")
    return value


def run(args) -> int:
    from alignlearn.commands.work_bar import progress_bar
    from alignlearn.course.catalog import resolve
    from alignlearn.search.building import open_index
    from alignlearn.search.places import words
    from alignlearn.untrusted import printable

    if not words(args.query):  # "", "   ", "?!": it matches nothing, and "No lesson matches ''" exited 0
        what = ("the query is empty" if not args.query.strip() else
                f"the query '{printable(args.query, one_line=True)}' has no word to search for")
        return fail(f'{what}: give a word or two, for example: alignlearn search "reward hacking"')  # as ask does
    bundled_course_note(args, "searching", f"search {shlex.quote(args.query)}")
    root = course_root(args)
    if not root.exists():
        raise NotFound(f"no course at {root}")
    root = resolve(root)[0]
    with progress_bar("Indexing lessons") as step:  # only the first search of a course, or after edits
        index = open_index(root, progress=step)
        results = index.search(args.query, limit=args.limit)
    print_problems(index.problems)  # the lessons it could not search, as every command that reads them says
    if args.json:
        import json

        print(json.dumps({"query": args.query, "results": [r.as_dict() for r in results]}, indent=2))
        return EXIT_BAD_INPUT if index.problems else EXIT_OK
    if not results:
        print(f"No lesson matches '{printable(args.query, one_line=True)}'.")
        return EXIT_BAD_INPUT if index.problems else EXIT_OK
    for result in results:
        where = (result.lesson if result.section is None else f"{result.lesson} introduction" if result.section == 0
                 else f"{result.lesson} \u00a7{result.section}")
        print(f"{where}  {result.title}\n    {result.snippet}")
    return EXIT_BAD_INPUT if index.problems else EXIT_OK  # as "lessons" does
