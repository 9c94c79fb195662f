"""A lesson whose table is too wide for 80 columns without breaking a word: cards."""

from __future__ import annotations

from pathlib import Path

HEADER = ["Technique", "Feedback", "Scalability", "Auditability", "Robustness", "Maturity"]
ROWS = [
    ["Reinforcement-learning", "Human-preferences", "Labour-intensive", "Opaque-rewards", "Gameable-proxies",
     "Deployed-widely"],
    ["Constitutional-training", "Written-principles", "Automatable-loop", "Inspectable-rules", "Principle-gaps",
     "Deployed-partly"],
]


def write_wide_table_lesson(folder: Path) -> Path:
    """A course of one lesson (with its course.toml), the table in its only section."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(row) + " |" for row in ROWS]
    (folder / "course.toml").write_text(
        'format_version = 1\nid = "wide"\ntitle = "Wide"\norder = ["wide-table"]\n', encoding="utf-8")
    path = folder / "wide-table.md"
    path.write_text('+++\nid = "wide-table"\ntitle = "A wide table"\n+++\n\n## Methods compared\n\n'
                    "Some words before the table.\n\n" + "\n".join(lines) + "\n\nSome words after it.\n",
                    encoding="utf-8")
    return path
