"""Building the search index, and opening it: from the cache where lessons have not changed.

The index is kept in the cache (``index_file.py``) and built again only for lessons
whose file changed; many lessons to parse go to processes of their own.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Callable, Iterator

from alignlearn.cache import course_listing, disk as cache
from alignlearn.course.catalog import Course, open_course
from alignlearn.course.problems import LessonError
from alignlearn.parallel import in_processes
from alignlearn.search import index_file
from alignlearn.search.index_file import DamagedIndex, Stored
from alignlearn.search.places import Place, lesson_places, stored_weights
from alignlearn.search.query import Index

Progress = Callable[[int, int], None]

_building = threading.Lock()
# Lessons to parse from which a process that cannot fork has another process index the
# course: below this, starting Python there (0.3-0.5 s) costs more than it saves.
ELSEWHERE_FROM = 200


def build_index(course: Course, progress: Progress | None = None, elsewhere: bool = True) -> Index:
    """The course's index, from the cache where its lessons have not changed; kept on the course.

    ``progress(number, total)`` is called for each lesson that has to be parsed.
    With ``elsewhere``, many lessons to parse in a process that cannot fork (the
    reader) are parsed by another process (``elsewhere.py``).
    """
    with _building:
        index = course.__dict__.get("search_index")
        if index is None:
            stored = _build(course, progress, elsewhere=elsewhere)
            index = Index(stored, lambda: _build(course, None, trust_cache=False), _errors(course))
            course.__dict__["search_index"] = index
    return index


def open_index(root: Path | str, progress: Progress | None = None) -> Index:
    """The index of the course at ``root``, without opening the course when the cache is current."""
    root = Path(root)
    from alignlearn.sources.detect import kind_of

    if kind_of(root) != "native":  # a book's index is built in memory: includes and quizzes are not stamped
        return build_index(open_course(root, progress=progress), progress)
    found, _ = course_listing.scan(root)
    recent = time.time_ns() - cache.RACY_NS
    if all(stamp is not None and stamp[1] < recent for stamp in found.values()):
        stored = index_file.load(cache.cache_file(root, index_file.KIND), root)
        if stored is not None and stored.built_from(found):
            # A lesson file it holds no lesson of could not be read: the course's listing (cached) says why.
            problems = _errors(open_course(root)) if stored.lesson_count < len(found) else []
            return Index(stored, lambda: _build(open_course(root), None, trust_cache=False), problems)
    return build_index(open_course(root, progress=progress), progress)


def _errors(course: Course) -> list:
    return [problem for problem in course.problems if problem.is_error]


def _build(course: Course, progress: Progress | None, trust_cache: bool = True, elsewhere: bool = False) -> Stored:
    use_cache = bool(course.stamps)  # a course opened with cache=False leaves no stamps
    path = cache.cache_file(course.root, index_file.KIND)
    infos = sorted(course.lessons, key=lambda info: info.file.name)
    lessons = [(info.file.name, info.id, info.title) for info in infos]
    old = index_file.load(path, course.root) if use_cache and trust_cache else None
    try:
        if old is not None and old.built_from(course.stamps) and not course.racy and old.lessons == lessons:
            return old
        reusable = _reusable(old, course) if old is not None else {}
    except DamagedIndex:
        reusable = {}
    if course.source is not None:  # a book's chapters are read as the reader reads them
        for info in infos:
            try:
                course.lesson(info.id, with_quiz=False)
            except (LessonError, OSError):
                pass
    # The lessons not in the index are parsed, in processes when there are many (the
    # first search of a large course); those the reader holds are taken as they are.
    held = {number: lesson for number, info in enumerate(infos)
            if info.file.name not in reusable and (lesson := course._loaded.get(info.id)) is not None}
    parse = [(number, info.file) for number, info in enumerate(infos)
             if info.file.name not in reusable and number not in held]
    if elsewhere and use_cache and trust_cache and len(parse) >= ELSEWHERE_FROM and threading.active_count() > 1:
        from alignlearn.search.elsewhere import index_elsewhere

        if index_elsewhere(course.root, progress):  # then take what it wrote, and index here what changed since
            return _build(course, progress)

    def places() -> Iterator[Place]:  # in order, as save() packs them
        parsed = in_processes(_places_of, parse)  # in the order of parse: by number too
        done = 0
        try:
            for number, info in enumerate(infos):
                kept = reusable.get(info.file.name)
                if kept is not None:
                    for section, text in kept:
                        yield Place.from_text(number, None if section < 0 else section, text,
                                              "" if section < 0 else info.title)
                elif number in held:
                    yield from lesson_places(held[number], number)
                else:
                    yield from next(parsed)
                    done += 1
                    if progress is not None:
                        progress(done, len(parse))
        finally:
            parsed.close()  # the processes, if any, are done with

    return index_file.save(path if use_cache else None, course.root, dict(course.stamps), lessons, places())


def _places_of(job: tuple[int, Path]) -> list[Place]:
    """The places of lesson ``number`` of the index, with their weights worked out,
    read from its file (none if it cannot be read: changed since the course was
    opened, and the next open reports it)."""
    from alignlearn.course.lesson import load_lesson

    number, file = job
    try:
        places = lesson_places(load_lesson(file, with_quiz=False), number)
    except LessonError:
        return []
    for place in places:
        place.weights = stored_weights(place)
    return places


def _reusable(old: Stored, course: Course) -> dict[str, list[tuple[int, str]]]:
    """Per file name, the stored (section, text) of each place of lessons that have not changed."""
    texts = old.texts.all()
    kept = {}
    for number, (name, _, _) in enumerate(old.lessons):
        stamp = course.stamps.get(name)
        if stamp is None or name in course.racy or old.stamps.get(name) != stamp:
            continue
        span = range(old.lesson_places[number], old.lesson_places[number + 1])
        if any(texts[place] is None for place in span):
            continue
        kept[name] = [(old.place_sections[place], texts[place]) for place in span]
    return kept
