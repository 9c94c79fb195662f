"""Which section a link's ``#anchor`` means: mdBook makes a heading's anchor from its
text (lowercase, spaces to ``-``, other punctuation dropped), as we make a section's key."""

from __future__ import annotations


from alignlearn.course.lesson import Lesson, Section, slug


def mdbook_id(title: str) -> str:
    """mdBook's anchor of a heading (its ``normalize_id``)."""
    kept = "".join(c for c in title.strip().lower() if c.isalnum() or c in "-_ ")
    return kept.replace(" ", "-")


def section_for_anchor(lesson: Lesson, anchor: str) -> Section | None:
    """The section an anchor names, or holds the subsection it names; None if none does."""
    wanted = anchor.strip().lower()
    if not wanted:
        return None
    folded = slug(wanted)
    for section in lesson.sections:
        if wanted in (mdbook_id(section.title), section.key) or slug(section.title) == folded:
            return section
    for section in lesson.sections:
        for sub in section.subsections:
            if wanted == mdbook_id(sub.title) or slug(sub.title) == folded:
                return section
    return lesson.section(anchor)
