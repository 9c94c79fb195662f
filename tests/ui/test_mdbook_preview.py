"""``alignlearn preview`` of a book's chapter (issue 17 item 9): shown as the book shows it,
includes and quizzes resolved, reloading when the chapter, an included file or its quiz changes."""

from __future__ import annotations

import time

from alignlearn.sources.book_watch import BookWatch
from alignlearn.ui.preview_app import PreviewApp, build_preview
from mdbook_support import make_book, quiz_reader  # noqa: F401 - a fixture
from pilot import settle

FAST = 0.02


def book(tmp_path):
    root = make_book(tmp_path / "book")
    (root / "src" / "quizzes.md").write_text(
        "# Quizzes\n\n## First\n\n```\n{{#include part.txt}}\n```\n\n{{#quiz ../quizzes/one.toml}}\n", encoding="utf-8")
    (root / "src" / "part.txt").write_text("included-old\n", encoding="utf-8")
    return root


def painted(app) -> str:
    view = app.lesson_screen.view
    if view.page is None:
        return ""
    return "\n".join("".join(segment.text for segment in line) for line in view.page.lines)


async def wait_for(pilot, check, timeout: float = 5.0) -> None:
    end = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < end, "the preview never reloaded"
        await pilot.pause(0.02)
    await settle(pilot)


async def test_preview_of_a_chapter_reloads_on_include_and_quiz_changes(tmp_path, quiz_reader):
    root = book(tmp_path)
    app = build_preview(str(root / "src" / "quizzes.md"), poll=FAST)
    assert isinstance(app, PreviewApp) and isinstance(app.file_watch, BookWatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.lesson_screen
        assert screen.lesson_id == "quizzes" and "{{#" not in painted(app)
        assert "included-old" in painted(app) and len(screen.lesson.quiz.questions) == 2
        (root / "src" / "part.txt").write_text("included-new\n", encoding="utf-8")
        await wait_for(pilot, lambda: screen.lesson is not None and "included-new" in painted(app))
        (root / "quizzes" / "one.toml").write_text("9+9 = 18\n", encoding="utf-8")
        await wait_for(pilot, lambda: screen.lesson is not None and screen.lesson.quiz is not None
                       and len(screen.lesson.quiz.questions) == 1)
        (root / "src" / "quizzes.md").write_text("# Quizzes\n\n## Renamed\n\nChanged text.\n", encoding="utf-8")
        await wait_for(pilot, lambda: screen.lesson is not None and screen.lesson.sections[-1].title == "Renamed")


def test_book_watch_follows_the_files_a_chapter_read(tmp_path):
    root = book(tmp_path)
    chapter, part = root / "src" / "quizzes.md", root / "src" / "part.txt"
    watch = BookWatch(chapter)
    assert not watch.changed()
    part.write_text("x\n", encoding="utf-8")
    assert not watch.changed()  # not followed yet
    watch.follow({part})
    part.write_text("yy\n", encoding="utf-8")
    assert watch.changed()
