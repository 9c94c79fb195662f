"""The links of the current section (``o``): choose one, confirm, and only then open it."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from alignlearn.course import Course
from alignlearn.course.links import Link, target
from alignlearn.ui.screens.confirm import ConfirmScreen
from alignlearn.ui.screens.dialog import Dialog
from alignlearn.ui.widgets.key_bar import key_hints


class LinksScreen(Dialog[tuple[str, str] | None]):
    """Dismisses with ("url", URL) after the learner confirms, or ("lesson", "ID[#anchor]")."""

    def __init__(self, links: list[Link], course: Course | None, where: str, current: str | None = None) -> None:
        super().__init__()
        self.links = links
        self.course = course
        self.where = where
        self.current = current
        self.targets = [target(link.href, course, current) for link in links]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(f"Links in {self.where}", style="bold"), classes="dialog-title")
            options = []
            for number, (link, (kind, value)) in enumerate(zip(self.links, self.targets)):
                prompt = Text(end="")
                prompt.append(link.text, style="bold")
                prompt.append("\n  ")
                if kind == "url":
                    prompt.append("web page: " + value, style="underline")
                elif kind == "lesson":
                    info = self.course.info(value.partition("#")[0]) if self.course else None
                    prompt.append("lesson: " + (info.title if info else value))
                else:
                    prompt.append(link.href + " \u2014 " + value, style="dim")
                options.append(Option(prompt, id=str(number)))
            yield OptionList(*options, id="links")
            yield Static(key_hints(("enter", "choose"), ("escape", "back")), classes="dialog-hint")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        kind, value = self.targets[int(event.option.id or 0)]
        if kind == "lesson":
            self.dismiss((kind, value))
        elif kind == "url":
            def answered(yes: bool | None) -> None:
                if yes:
                    self.dismiss((kind, value))

            self.app.push_screen(ConfirmScreen("Open this web page in your browser?", value), answered)
        else:
            self.notify(value, severity="warning", markup=False)
