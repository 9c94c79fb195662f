"""A lesson: front matter, introduction and numbered sections (SPEC section 2)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

from alignlearn.course.body import Block, Heading, spans_text
from alignlearn.course.problems import LessonError, Problem, Problems
from alignlearn.course.source import (
    KeyLines, has_unsafe, parse_toml, read_text, sanitise, sanitise_value, warn_unknown_keys,
)
from alignlearn.untrusted import UNSAFE

if TYPE_CHECKING:
    from alignlearn.course.quiz import Quiz

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,127}\Z")
FENCE = "+++"
MAX_FRONT_MATTER_LINES = 2000

STRING_KEYS = ("subtitle", "audience", "big_idea")
LIST_KEYS = ("path", "concepts", "related")
KNOWN_KEYS = {"id", "title", "minutes", "terms", *STRING_KEYS, *LIST_KEYS}
_LIST_HINTS = {
    "path": 'for example: path = ["First section", "Second section"] (the main moves, in order)',
    "concepts": 'for example: concepts = ["alignment", "reward hacking"] (terms the body uses)',
    "related": 'for example: related = ["another-lesson-id"] (ids of lessons to read next)',
}


def slug(title: str) -> str:
    """A section's key in progress files: stable while its title is."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "section"


@dataclass(eq=False)
class Subsection:
    title: str
    line: int


@dataclass(eq=False)
class Section:
    number: int
    title: str
    line: int
    blocks: list[Block]
    key: str = ""
    subsections: list[Subsection] = field(default_factory=list)

    def plain(self) -> str:
        return "\n".join(block.plain() for block in self.blocks)


@dataclass(eq=False)
class LessonInfo:
    """What the course needs to know of a lesson without reading its body."""

    id: str
    title: str
    file: Path
    subtitle: str = ""
    audience: str = ""
    minutes: int | None = None
    path: list[str] = field(default_factory=list)
    concepts: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    big_idea: str = ""
    terms: dict[str, str] = field(default_factory=dict)
    part: str = ""  # the book part the lesson is in (an mdBook "# Part" title)
    depth: int = 0  # how deeply it is nested in the book's table of contents


@dataclass(eq=False)
class Lesson:
    info: LessonInfo
    intro: list[Block]
    sections: list[Section]
    quiz: "Quiz | None" = None
    problems: list[Problem] = field(default_factory=list)
    quiz_checked: bool = False  # whether the quiz file was looked for

    # The front-matter fields, read through ``info`` so there is one copy of each.
    id = property(lambda self: self.info.id)
    title = property(lambda self: self.info.title)
    subtitle = property(lambda self: self.info.subtitle)
    audience = property(lambda self: self.info.audience)
    minutes = property(lambda self: self.info.minutes)
    path = property(lambda self: self.info.path)
    concepts = property(lambda self: self.info.concepts)
    related = property(lambda self: self.info.related)
    big_idea = property(lambda self: self.info.big_idea)
    terms = property(lambda self: self.info.terms)
    file = property(lambda self: self.info.file)

    def section(self, name: str) -> Section | None:
        """The section titled ``name`` (case-insensitive), or with that key."""
        wanted = name.strip().casefold()
        for section in self.sections:
            if section.title.casefold() == wanted or section.key == wanted:
                return section
        return None

    def section_at_line(self, line: int) -> Section | None:
        found = None
        for section in self.sections:
            if section.line <= line:
                found = section
        return found


def split_front_matter(text: str, problems: Problems) -> tuple[str, str, int]:
    """Return (front matter, body, line of the body's first line)."""
    lines = text.split("\n", MAX_FRONT_MATTER_LINES + 1)  # the body past them stays in one piece
    if lines and lines[0].rstrip() == "---" and any(line.rstrip() == "---" for line in lines[1:-1]):
        # YAML, as a book's chapter or a plain folder's file may have: there, but not what is read here
        raise problems.fail(
            1, 1, "front matter in YAML ('---'): a lesson of a course of '+++' lessons has TOML front matter",
            "write the keys as TOML between two lines that are exactly '+++' (title: Intro becomes title = \"Intro\")",
        )
    if not lines or lines[0].rstrip() != FENCE:
        raise problems.fail(
            1, 1, "missing front matter: the file must start with a line '+++'",
            "put the lesson's TOML keys between two lines that are exactly '+++'",
        )
    for number in range(1, min(len(lines), MAX_FRONT_MATTER_LINES + 1)):
        if lines[number].rstrip() == FENCE:
            return "\n".join(lines[1:number]), "\n".join(lines[number + 1 :]), number + 2
    raise problems.fail(
        1, 1, "unterminated front matter: no closing '+++' line",
        "end the front matter with a line that is exactly '+++'",
    )


def read_info(path: Path, problems: Problems, text: str | None = None) -> tuple[LessonInfo, str, int]:
    """Read and validate the front matter; return the info, the body and its first line."""
    if text is None:
        text = read_text(path, problems)
    front, body, body_line = split_front_matter(text, problems)
    data = parse_toml(front, problems, first_line=2)
    keys = KeyLines(front, first_line=2)
    # Without a backslash, TOML has no escapes: every string in ``data`` is text of
    # ``front``, so when that holds no unsafe character neither does any value.
    info = _info_from(data, keys, path, problems, clean="\\" not in front and not has_unsafe(front))
    return info, body, body_line


def read_lesson_info(file: Path) -> tuple[LessonInfo | None, list[Problem]]:
    """One lesson's front matter and the problems reading it found (None when it cannot be read)."""
    found = Problems(file)
    try:
        info, _, _ = read_info(file, found, sanitise(read_text(file, found)))
    except LessonError as error:
        return None, list(error.problems)
    return info, list(found)


def _info_from(data: dict, keys: KeyLines, path: Path, problems: Problems, clean: bool = False) -> LessonInfo:
    def where(key: str, table: str = "") -> tuple[int, int]:
        return keys.find(key, table)

    warn_unknown_keys(data, KNOWN_KEYS, where, problems, "front matter")

    def text_value(key: str, required: bool = False) -> str:
        value = data.get(key)
        if value is None:
            if required:
                problems.error(1, 1, f"missing required key '{key}' in front matter",
                               f'add a line such as {key} = "..." between the +++ lines')
            return ""
        if not isinstance(value, str):
            problems.error(*where(key), f"'{key}' must be a string, not {_kind(value)}",
                           f'put the text in double quotes: {key} = "..."')
            return ""
        return value if clean or not UNSAFE.search(value) else sanitise_value(value, problems, keys, where(key))

    lesson_id = text_value("id", required=True)
    if lesson_id and not ID_PATTERN.match(lesson_id):
        problems.error(*where("id"), f"bad id '{lesson_id}': use lowercase letters, digits and '-'",
                       "for example: id = \"" + slug(lesson_id) + '"')
        lesson_id = ""
    title = text_value("title", required=True)
    if "title" in data and isinstance(data["title"], str) and not title.strip():
        problems.error(*where("title"), "'title' must not be empty",
                       "the title is what the learner sees in the lesson list and at the top")
    strings = {key: text_value(key) for key in STRING_KEYS}

    minutes = data.get("minutes")
    if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 0):
        problems.error(*where("minutes"), f"'minutes' must be a whole number of minutes, not {_kind(minutes)}",
                       "for example: minutes = 20 (no quotes), or leave the key out")
        minutes = None

    lists: dict[str, list[str]] = {}
    for key in LIST_KEYS:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.error(*where(key), f"'{key}' must be a list of strings", _LIST_HINTS[key])
            value = []
        lists[key] = value if clean else [v if not UNSAFE.search(v) else sanitise_value(v, problems, keys, where(key))
                                          for v in value]

    terms_value = data.get("terms", {})
    terms: dict[str, str] = {}
    if not isinstance(terms_value, dict):
        problems.error(*where("terms"), "'terms' must be a table of term = \"definition\"",
                       'put [terms] on its own line at the end of the front matter, then one Term = "definition" per line')
    else:
        for term, definition in terms_value.items():
            if not isinstance(definition, str):
                problems.error(*keys.find(term, "terms"), f"the definition of term '{term}' must be a string",
                               f'put the definition in double quotes: {term} = "what it means"')
                continue
            if clean or not UNSAFE.search(term) and not UNSAFE.search(definition):
                terms[term] = definition  # as sanitise_value gives it, without finding the key's line
                continue
            at = keys.find(term, "terms")
            terms[sanitise_value(term, problems, keys, at)] = sanitise_value(definition, problems, keys, at)

    if problems.has_errors:
        raise LessonError(list(problems))
    return LessonInfo(id=lesson_id, title=title, file=path, minutes=minutes, terms=terms,
                      **strings, **lists)


def _kind(value) -> str:
    return {bool: "true/false", int: "a number", float: "a number", str: "a string",
            list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


def section_key_of(title: str, seen: dict[str, int]) -> str:
    """The section's key: its title's slug, numbered from the second section of that title."""
    key = slug(title)
    seen[key] = seen.get(key, 0) + 1
    return key if seen[key] == 1 else f"{key}-{seen[key]}"


def parse_sections(body: str, first_line: int,
                   problems: Problems | None = None) -> tuple[list[Block], list[Section]]:
    """Split the body into the introduction and the numbered ``##`` sections."""
    intro: list[Block] = []
    sections: list[Section] = []
    seen: dict[str, int] = {}
    # Imported here: markdown-it is much of a start-up, and a lesson from the cache needs none of it.
    from alignlearn.course.markdown import parse_blocks

    for block in parse_blocks(body, first_line, problems):
        if isinstance(block, Heading) and block.level == 2:
            title = spans_text(block.spans).strip() or f"Section {len(sections) + 1}"
            sections.append(Section(len(sections) + 1, title, block.line, [], section_key_of(title, seen)))
        elif sections:
            sections[-1].blocks.append(block)
            if isinstance(block, Heading) and block.level == 3:
                sections[-1].subsections.append(Subsection(spans_text(block.spans).strip(), block.line))
        else:
            intro.append(block)
    return intro, sections


def load_lesson(path: Path | str, with_quiz: bool = True) -> Lesson:
    """Load a lesson file (and its quiz), or raise ``LessonError`` when it cannot be read.

    Problems that leave the lesson readable (an unknown key, a bad quiz question) are
    kept in ``lesson.problems`` rather than raised.
    """
    path = Path(path)
    problems = Problems(path)
    text = read_text(path, problems)
    text = sanitise(text, problems)
    info, body, body_line = read_info(path, problems, text)
    intro, sections = parse_sections(body, body_line, problems)
    lesson = Lesson(info, intro, sections, problems=problems)
    if with_quiz:
        from alignlearn.course.quiz import load_quiz, quiz_path

        lesson.quiz_checked = True
        quiz_file = quiz_path(path)
        if quiz_file.exists() or quiz_file.is_symlink():
            quiz, quiz_problems = load_quiz(quiz_file, lesson)
            lesson.quiz = quiz
            lesson.problems = list(problems) + quiz_problems
    return lesson

