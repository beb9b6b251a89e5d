"""`samtui history`: an account's reviews read together, on a screen of its own.

Red flags first (what to act on), then commitments per owner, stakeholders over time,
participation, the funnel as a chart, and the files read. Every cell is a rich `Text` built
from the text as stored, never parsed as markup; a table sizes its columns from them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Static, TabbedContent, TabPane

from samtui.core import history as story
from samtui.core.formatting import plural
from samtui.core.history import History, Skipped
from samtui.core.history_report import (
    NONE,
    carried_text,
    last_listed_text,
    noted_text,
    presence_text,
    unexplained_text,
)
from samtui.ui.themes import THEMES
from samtui.ui.widgets.funnel_chart import FunnelChart

WIDEST = 60
"""Cells of the widest text column; longer text is cut (the Markdown has it whole)."""
PANES = ("flags", "commitments", "stakeholders", "participation", "funnel", "reviews")
TITLES = {
    "flags": "Red flags",
    "commitments": "Commitments",
    "stakeholders": "Stakeholders",
    "participation": "Participation",
    "funnel": "Funnel",
    "reviews": "Reviews",
}
"""Each pane's name, on its tab (after its key) and as its key's tooltip."""
PANE_KEYS = Binding.Group("Go to part")


def _tab(pane: str) -> str:
    """A pane's tab: its key, then its name (`2 Commitments`)."""
    return f"{PANES.index(pane) + 1} {TITLES[pane]}"


_FUNNEL_KEY = Content.assemble(
    "Review by review: ",
    ("█", "$primary"),
    " the funnel value, ",
    ("░", "$warning"),
    " the gap to the target",
)
Column = tuple[str | Text, int | None]
"""A column's label and the most cells it may take (None: as wide as its widest cell)."""


def cell(text: str, style: str = "") -> Text:
    """User text as a table shows it: literally, on one line."""
    return Text(text, style=style, no_wrap=True, end="")


def fill(table: DataTable[Text], columns: Sequence[Column], rows: Iterable[Sequence[Text]]) -> None:
    """Replace the table's columns and rows; each column as wide as its widest cell, capped."""
    table.clear(columns=True)
    kept = [list(row) for row in rows]
    for index, (label, cap) in enumerate(columns):
        shown = label.plain if isinstance(label, Text) else label
        widest = max([cell_len(shown), *(row[index].cell_len for row in kept)])
        table.add_column(label, width=min(widest, cap) if cap else widest)
    table.add_rows(kept)


class HistoryScreen(Screen[None]):
    """One account at a time (`a` moves to the next); a tab per part of the story."""

    DEFAULT_CSS = """
    HistoryScreen #history-title { padding: 0 1; text-style: bold; color: $accent; }
    HistoryScreen #history-skipped { padding: 0 1; color: $warning; }
    HistoryScreen TabbedContent { height: 1fr; }
    HistoryScreen ContentSwitcher { height: 1fr; }
    HistoryScreen TabPane { padding: 0 1; height: 1fr; }
    HistoryScreen DataTable { height: 1fr; }
    HistoryScreen DataTable.-short { height: auto; max-height: 12; margin-bottom: 1; }
    HistoryScreen .note { height: auto; margin-bottom: 1; }
    HistoryScreen #funnel-scroll { height: 1fr; }
    """
    BINDINGS = [
        *(
            Binding(
                str(number),
                f"show('{pane}')",
                TITLES[pane],
                tooltip=f"Show {TITLES[pane].lower()}",
                group=PANE_KEYS,
                id=f"history.{pane}",
            )
            for number, pane in enumerate(PANES, start=1)
        ),
        Binding("a", "next_account", "Next account", id="history.next_account"),
        Binding("q,escape", "app.quit", "Quit", id="history.quit"),
    ]
    """Every key in the footer: 1-6 as one group (the tabs name each part), `a` when there
    is another account, q (or Esc) to quit."""

    def __init__(self, histories: Sequence[History], skipped: Sequence[Skipped] = ()) -> None:
        super().__init__()
        if not histories:
            raise ValueError("a history screen needs at least one account's reviews")
        self.histories = list(histories)
        self.skipped = list(skipped)
        self.shown = 0
        self._drawn: set[str] = set()
        """The panes filled for the account shown (each is filled when first shown)."""

    @property
    def history(self) -> History:
        return self.histories[self.shown]

    def compose(self) -> ComposeResult:
        yield Label("", id="history-title")
        if self.skipped:
            files = plural(len(self.skipped), "file")
            yield Label(f"{files} skipped (6: Reviews says why)", id="history-skipped")
        with TabbedContent(initial="flags"):
            with TabPane(_tab("flags"), id="flags"):
                yield DataTable[Text](id="flags-table", cursor_type="row")
            with TabPane(_tab("commitments"), id="commitments"):
                yield DataTable[Text](id="owners", cursor_type="row", classes="-short")
                yield Static("", id="carried-often", classes="note")
                yield DataTable[Text](id="open-actions", cursor_type="row")
            with TabPane(_tab("stakeholders"), id="stakeholders"):
                yield DataTable[Text](id="stakeholder-now", cursor_type="row", classes="-short")
                yield DataTable[Text](id="stakeholder-reviews", cursor_type="row")
            with TabPane(_tab("participation"), id="participation"):
                yield Static("", id="quiet", classes="note")
                yield DataTable[Text](id="participation-table", cursor_type="row")
            with TabPane(_tab("funnel"), id="funnel"), VerticalScroll(id="funnel-scroll"):
                yield Static(_FUNNEL_KEY, id="funnel-key", classes="note")
                yield FunnelChart(id="funnel-chart")
            with TabPane(_tab("reviews"), id="reviews"):
                yield DataTable[Text](id="reviews-table", cursor_type="row", classes="-short")
                yield Static("", id="skipped-list", classes="note")
        yield Footer()

    def on_mount(self) -> None:
        self.redraw()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`a` is offered only when there is another account to move to."""
        return action != "next_account" or len(self.histories) > 1

    def action_next_account(self) -> None:
        self.shown = (self.shown + 1) % len(self.histories)
        self.redraw()

    def action_show(self, pane: str) -> None:
        self._draw(pane)
        self.query_one(TabbedContent).active = pane

    @on(TabbedContent.TabActivated)
    def _pane_shown(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id is not None:
            self._draw(event.pane.id)

    def _draw(self, pane: str) -> None:
        """Fill a pane the first time it is shown: a hundred reviews' tables, all filled
        at once, would cost the first frame a tenth of a second."""
        if pane in self._drawn:
            return
        self._drawn.add(pane)
        fills = {
            "flags": self._flags,
            "commitments": self._commitments,
            "stakeholders": self._stakeholders,
            "participation": self._participation,
            "funnel": self._funnel,
            "reviews": self._reviews,
        }
        fills[pane](self.history)

    def redraw(self) -> None:
        history = self.history
        which = f" · account {self.shown + 1} of {len(self.histories)} (a: next)"
        self.query_one("#history-title", Label).update(
            Content.assemble(
                "History of ",
                history.account,
                f" · {plural(len(history.reviews), 'review')}",
                f", {history.reviews[0].day.isoformat()} to {history.last_day.isoformat()}",
                which if len(self.histories) > 1 else "",
            )
        )
        self._drawn.clear()
        self._draw(self.query_one(TabbedContent).active or PANES[0])

    def _table(self, selector: str) -> DataTable[Text]:
        return self.query_one(selector, DataTable)

    def _flags(self, history: History) -> None:
        rows = [
            (
                cell(s.rule.title, "bold" if s.now else ""),
                cell(_numbers(history, s.fired_in)),
                cell(s.now.said or "fires", "bold") if s.now else cell(NONE),
            )
            for s in history.rules
        ]
        columns = [("Rule", None), ("Fired in reviews", 30), ("In the last review", WIDEST)]
        fill(self._table("#flags-table"), columns, rows)

    def _commitments(self, history: History) -> None:
        rows = [
            (
                cell(t.name, "" if t.owner else "italic"),
                *(cell(str(n)) for n in (t.done, t.dropped, t.open, t.carried, t.overdue)),
            )
            for t in history.owners
        ]
        columns: list[Column] = [("Owner", 30)]
        columns += [(name, None) for name in ("Done", "Dropped", "Open", "Carried", "Overdue")]
        fill(self._table("#owners"), columns, rows)
        often = history.carried_often
        lines = [Content.styled(f"Carried {story.CARRIED_OFTEN} times or more", "bold")]
        lines += [
            Content.assemble(
                "• ",
                c.text,
                f" ({c.owner_name}): ",
                (f"carried ×{c.times_carried}", "$warning"),
                f", {c.status}",
            )
            for c in often
        ]
        self.query_one("#carried-often", Static).update(
            Content("\n").join(lines) if often else Content("No action carried three times.")
        )
        open_rows = [
            (
                cell(c.text),
                cell(c.owner_name, "" if c.owner else "italic"),
                cell(c.due.isoformat() if c.due else NONE),
                cell(str(c.days_past_due) if c.days_past_due else NONE),
                cell(carried_text(c), "bold" if c.times_carried >= 3 else ""),
                cell(noted_text(history, c)),
                cell(last_listed_text(history, c)),
            )
            for c in history.still_open
        ]
        open_columns: list[Column] = [
            (f"Open action (as of {history.last_day.isoformat()})", WIDEST),
            ("Owner", 24),
            ("Due", None),
            ("Days past due", None),
            ("Carried", None),
            ("Noted in", None),
            ("Last listed in", None),
        ]
        fill(self._table("#open-actions"), open_columns, open_rows)

    def _stakeholders(self, history: History) -> None:
        now_rows = []
        for s in history.stakeholders:
            last = s.last
            validated = last.last_validated.isoformat() if last.last_validated else "never"
            now_rows.append(
                (
                    cell(s.name),
                    cell(s.title or ""),
                    cell(last.stance),
                    cell(validated),
                    cell(s.validated_by or NONE),
                    cell(str(len(s.unexplained)) if s.unexplained else NONE),
                )
            )
        now_columns: list[Column] = [
            ("Stakeholder", 30),
            ("Title", 24),
            ("Stance now", None),
            ("Last validated", None),
            ("By", 24),
            ("Unexplained changes", None),
        ]
        fill(self._table("#stakeholder-now"), now_columns, now_rows)
        rows = []
        for s in history.stakeholders:
            for index, at in enumerate(s.at):
                if at is None:
                    continue
                changes = [c for c in s.unexplained if c.review == index]
                rows.append(
                    (
                        cell(s.name),
                        cell(str(history.reviews[index].number)),
                        cell(at.stance),
                        cell(at.influence),
                        cell("yes" if at.final_authority else ""),
                        cell(at.last_validated.isoformat() if at.last_validated else "never"),
                        cell(at.owner or NONE),
                        cell(
                            "; ".join(unexplained_text(history, c) for c in changes),
                            "bold",
                        ),
                    )
                )
        columns: list[Column] = [
            ("Stakeholder", 30),
            ("Review", None),
            ("Stance", None),
            ("Influence", None),
            ("Final say", None),
            ("Validated", None),
            ("Owner", 24),
            ("Change with no recorded reason", WIDEST),
        ]
        fill(self._table("#stakeholder-reviews"), columns, rows)

    def _participation(self, history: History) -> None:
        quiet = history.quiet
        heading = (
            f"Not heard in {story.QUIET_TIMES} or more of the last {story.QUIET_WINDOW} reviews: "
        )
        names = Content(", ").join(Content(a.name) for a in quiet) if quiet else "nobody"
        self.query_one("#quiet", Static).update(Content.assemble((heading, "bold"), names))
        people = history.attendees
        rows = [
            (
                cell(str(review.number)),
                cell(review.day.isoformat()),
                *(_presence(a.at[index]) for a in people),
            )
            for index, review in enumerate(history.reviews)
        ]
        columns: list[Column] = [("Review", None), ("Date", None)]
        columns += [(cell(a.name, "bold" if a.quiet else ""), 24) for a in people]
        fill(self._table("#participation-table"), columns, rows)

    def _funnel(self, history: History) -> None:
        self.query_one(FunnelChart).show(
            [
                (review.number, review.day, funnel)
                for review, funnel in zip(history.reviews, history.funnel, strict=True)
                if funnel is not None
            ]
        )

    def _reviews(self, history: History) -> None:
        rows = [
            (cell(str(r.number)), cell(r.day.isoformat()), cell(r.title), cell(r.file))
            for r in history.reviews
        ]
        columns: list[Column] = [("#", None), ("Date", None), ("Review", 40), ("Minutes", None)]
        fill(self._table("#reviews-table"), columns, rows)
        lines = [Content.styled("Files skipped", "bold")]
        lines += [Content.assemble("• ", str(skip)) for skip in self.skipped]
        self.query_one("#skipped-list", Static).update(
            Content("\n").join(lines) if self.skipped else Content("Every file was read.")
        )


def _numbers(history: History, indexes: Sequence[int]) -> str:
    return ", ".join(str(history.reviews[i].number) for i in indexes) or NONE


def _presence(presence: story.Presence | None) -> Text:
    text = presence_text(presence)
    if presence is not None and presence.heard == "not heard":
        return cell(text, "bold")
    return cell(text, "dim" if presence is None or presence.heard == "absent" else "")


class HistoryApp(App[None]):
    """`samtui history` without --format: the history screen and nothing else."""

    def __init__(
        self,
        histories: Sequence[History],
        skipped: Sequence[Skipped] = (),
        *,
        theme: str | None = None,
    ) -> None:
        super().__init__()
        self.histories = list(histories)
        self.skipped = list(skipped)
        self._theme_name = theme
        self.title = "samtui history"

    def on_mount(self) -> None:
        for theme in THEMES:
            self.register_theme(theme)
        if self._theme_name:
            self.theme = self._theme_name
        self.push_screen(HistoryScreen(self.histories, self.skipped))
