"""What ``check`` found: the problems, and how many lessons and questions it read."""

from __future__ import annotations

from dataclasses import dataclass, field

from alignlearn.course.problems import Problem


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    lessons: int = 0
    questions: int = 0

    @property
    def errors(self) -> int:
        return sum(p.is_error for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    def as_dict(self) -> dict:
        return {
            "problems": [p.as_dict() for p in self.problems],
            "lessons": self.lessons,
            "questions": self.questions,
            "errors": self.errors,
            "warnings": self.warnings,
        }


def unique_sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.col, p.message))
