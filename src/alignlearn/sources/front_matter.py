"""Front matter of Markdown files that are not native lessons: YAML between ``---``
lines (TOML between ``+++`` lines is a native lesson, read by ``course.lesson``).

YAML is read with PyYAML's safe loader, which builds only plain data (never
objects), with aliases refused so that a few lines cannot expand into millions.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from alignlearn.course.lesson import LessonInfo, _info_from
from alignlearn.course.problems import LessonError, Problems

FENCE = "---"
MAX_LINES = 2000
MAX_CHARS = 256 * 1024
_KEY = re.compile(r"([A-Za-z_][\w-]*)\s*:")


class YamlKeys:
    """Where each top-level (and ``terms:``) key of the YAML is, for messages."""

    def __init__(self, text: str, first_line: int):
        self.first_line = first_line
        self.keys: dict[tuple[str, str], tuple[int, int]] = {}
        table = ""
        for number, line in enumerate(text.split("\n")):
            match = _KEY.match(line.lstrip())
            if not match:
                continue
            indent = len(line) - len(line.lstrip())
            where = (number + first_line, indent + 1)
            if indent == 0:
                table = match.group(1)
                self.keys.setdefault(("", match.group(1)), where)
            else:
                self.keys.setdefault((table, match.group(1)), where)

    def find(self, key: str | None = None, table: str = "", index: int = 0) -> tuple[int, int]:
        return self.keys.get((table, key or ""), (self.first_line, 1))

    def locate(self, pattern, line: int, col: int = 1):
        return None  # YAML escapes are not looked for: the key's place is close enough


def split_yaml(text: str) -> tuple[str | None, str, int]:
    """(YAML, body, line of the body's first line); YAML None when there is none."""
    lines = text.split("\n", MAX_LINES + 1)
    if not lines or lines[0].rstrip() != FENCE:
        return None, text, 1
    for number in range(1, min(len(lines), MAX_LINES + 1)):
        if lines[number].rstrip() in (FENCE, "..."):
            return "\n".join(lines[1:number]), "\n".join(lines[number + 1 :]), number + 2
    return None, text, 1  # no closing line: a thematic break, not front matter


def _loader():
    import yaml

    class Loader(yaml.SafeLoader):
        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed here",
                                                  event.start_mark)
            return super().compose_node(parent, index)

    return Loader


def parse_yaml(front: str, problems: Problems, first_line: int = 2) -> dict | None:
    """The YAML as a dict, or None after reporting why it is not one."""
    import yaml

    if len(front) > MAX_CHARS:
        problems.error(first_line, 1, "front matter is too long", "keep front matter to a few keys")
        return None
    try:
        data = yaml.load(front, Loader=_loader())  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line, col = (mark.line + first_line, mark.column + 1) if mark is not None else (first_line, 1)
        reason = getattr(error, "problem", None) or str(error).split("\n", 1)[0]
        problems.error(line, col, f"invalid YAML front matter: {reason}",
                       "front matter is key: value lines between two '---' lines")
        return None
    except (RecursionError, ValueError, MemoryError) as error:
        problems.error(first_line, 1, f"invalid YAML front matter: {type(error).__name__}",
                       "front matter is key: value lines between two '---' lines")
        return None
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.error(first_line, 1, "front matter must be key: value lines",
                       "for example: title: My lesson, then minutes: 20")
        return None
    return {str(key): value for key, value in data.items()}


def info_from_yaml(front: str, file: Path, lesson_id: str, title: str, problems: Problems,
                   first_line: int = 2) -> LessonInfo:
    """The lesson's info from YAML front matter: ``title`` and the keys of SPEC section 2
    under the same names; ``lesson_id`` and ``title`` stand when it does not give them.
    Bad values are reported and left out; never raises."""
    data = parse_yaml(front, problems, first_line)
    if not data:
        return LessonInfo(id=lesson_id, title=title, file=file)
    data = dict(data)
    data.setdefault("title", title)
    data["id"] = lesson_id  # a book's or folder's id comes from the file's place, not the author
    if isinstance(data.get("terms"), dict):
        data["terms"] = {str(k): v for k, v in data["terms"].items()}
    checking = Problems(file)
    checking.characters = problems.characters
    try:
        info = _info_from(data, YamlKeys(front, first_line), file, checking)
    except LessonError:
        info = None
    # _info_from found an error in some key: take the keys again without the bad ones.
    for problem in checking:
        message = problem.message.replace('a table of term = "definition"', 'a mapping of term: "definition"')
        problems.append(replace(problem, message=message, hint=yaml_hint(problem.hint)))
    if info is None:
        info = _lenient(data, file, lesson_id, title)
    info.title = info.title.strip() or title
    return info


_TOML_KEY = re.compile(r"(?<![\w-])([A-Za-z_][\w-]*) = ")


def yaml_hint(hint: str) -> str:
    """A hint of the native lesson's, in YAML: "minutes = 20" followed was a line YAML
    cannot read, under ``---``."""
    if hint.startswith("put [terms]"):
        return 'write terms: on its own line, then one indented Term: "definition" line per term'
    return _TOML_KEY.sub(r"\1: ", hint).replace("between the +++ lines", "between the --- lines")


def _lenient(data: dict, file: Path, lesson_id: str, title: str) -> LessonInfo:
    """The good keys of ``data`` (the bad ones were reported already)."""
    from alignlearn.course.lesson import LIST_KEYS, STRING_KEYS
    from alignlearn.course.source import sanitise

    def text(key: str, default: str = "") -> str:
        value = data.get(key)
        return sanitise(value) if isinstance(value, str) else default

    fields = {key: text(key) for key in STRING_KEYS}
    for key in LIST_KEYS:
        value = data.get(key)
        fields[key] = [sanitise(v) for v in value] if isinstance(value, list) and all(
            isinstance(v, str) for v in value) else []
    minutes = data.get("minutes")
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 0:
        minutes = None
    terms = data.get("terms")
    terms = {sanitise(k): sanitise(v) for k, v in terms.items() if isinstance(v, str)} if isinstance(terms, dict) else {}
    return LessonInfo(id=lesson_id, title=text("title", title) or title, file=file, minutes=minutes, terms=terms,
                      **fields)
