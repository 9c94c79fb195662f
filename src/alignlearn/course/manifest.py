"""``course.toml``: a course's id, title, description and reading order (SPEC section 1)."""

from __future__ import annotations

import re
from pathlib import Path

from alignlearn.course.lesson import ID_PATTERN
from alignlearn.course.problems import LessonError, Problem, Problems
from alignlearn.course.source import KeyLines, parse_toml, read_text, sanitise, sanitise_value

MANIFEST = "course.toml"
FORMAT_VERSION = 1
MANIFEST_KEYS = {"format_version", "id", "title", "description", "order"}


def _folder_id(root: Path) -> str:
    return re.sub(r"[^a-z0-9]+", "-", root.resolve().name.lower()).strip("-") or "course"


def read_manifest(root: Path, problems: list[Problem]) -> tuple[str, str, str, list[str], int]:
    """Return id, title, description, order and the order key's line."""
    manifest = root / MANIFEST
    default = (_folder_id(root), sanitise(root.resolve().name) or "Course", "", [], 1)
    if not manifest.exists():
        return default
    found = Problems(manifest)
    try:
        text = sanitise(read_text(manifest, found), found)
        data = parse_toml(text, found)
    except LessonError as error:
        problems.extend(error.problems)
        return default
    keys = KeyLines(text)
    for key in data:
        if key not in MANIFEST_KEYS:
            found.warning(*keys.find(key), f"unknown key '{key}' in course.toml",
                          "known keys: " + ", ".join(sorted(MANIFEST_KEYS)))
    version = data.get("format_version", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        found.error(*keys.find("format_version"), f"format_version {version!r} is not supported (this alignlearn reads {FORMAT_VERSION})")
    course_id = data.get("id", default[0])
    if not isinstance(course_id, str) or not ID_PATTERN.match(course_id):
        found.error(*keys.find("id"), f"bad course id {course_id!r}: use lowercase letters, digits and '-'")
        course_id = default[0]
    title = data.get("title", default[1])
    if not isinstance(title, str):
        found.error(*keys.find("title"), "'title' must be a string")
        title = default[1]
    description = data.get("description", "")
    if not isinstance(description, str):
        found.error(*keys.find("description"), "'description' must be a string")
        description = ""
    order = data.get("order", [])
    if not isinstance(order, list) or not all(isinstance(item, str) for item in order):
        found.error(*keys.find("order"), "'order' must be a list of lesson ids")
        order = []
    title = sanitise_value(title, found, keys, keys.find("title"))
    description = sanitise_value(description, found, keys, keys.find("description"))
    problems.extend(found)
    return course_id, title, description, order, keys.find("order")[0]
