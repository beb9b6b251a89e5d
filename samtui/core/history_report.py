"""The account's history (samtui.core.history) as Markdown and as CSV, for the people who
read it elsewhere; the screen shows the same words (the `*_text` functions).

User text is escaped as `report.md_escape` escapes it, and the CSV goes through
`report.csv_table` (spreadsheet formulas neutralised unless `raw`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

from samtui.core.formatting import money, plural
from samtui.core.history import (
    CARRIED_OFTEN,
    QUIET_TIMES,
    QUIET_WINDOW,
    Commitment,
    History,
    Presence,
    Skipped,
    UnexplainedChange,
)
from samtui.core.report import csv_table, md_escape

NONE: Final = "—"


# -- Markdown -----------------------------------------------------------------------------


def markdown(histories: Sequence[History], skipped: Sequence[Skipped] = ()) -> str:
    """Each account's history as a Markdown document (one after the other)."""
    parts = ["\n\n".join("\n".join(lines) for lines in _md_sections(h)) for h in histories]
    if skipped:
        parts.append(
            "\n".join(["## Files skipped", "", *(f"- {md_escape(str(s))}" for s in skipped)])
        )
    return "\n\n".join(parts) + "\n"


def _md_sections(history: History) -> list[list[str]]:
    return [
        _md_heading(history),
        _md_flags(history),
        _md_commitments(history),
        _md_stakeholders(history),
        _md_participation(history),
        _md_funnel(history),
    ]


def _span(history: History) -> str:
    first, last = history.reviews[0].day, history.reviews[-1].day
    count = plural(len(history.reviews), "review")
    return f"{count}, {first.isoformat()}" + (f" to {last.isoformat()}" if last != first else "")


def _md_heading(history: History) -> list[str]:
    lines = [
        f"# History of {md_escape(history.account)}",
        "",
        f"{_span(history)}.",
        "",
        "| # | Date | Review | Minutes |",
        "|--:|---|---|---|",
    ]
    lines += [
        f"| {r.number} | {r.day.isoformat()} | {md_escape(r.title)} | {md_escape(r.file)} |"
        for r in history.reviews
    ]
    return lines


def _numbers(history: History, indexes: Iterable[int]) -> str:
    shown = [str(history.reviews[i].number) for i in indexes]
    return ", ".join(shown) if shown else NONE


def _md_flags(history: History) -> list[str]:
    lines = [
        "## Red flags",
        "",
        "| Rule | Fired in reviews | In the last review |",
        "|---|---|---|",
    ]
    for story in history.rules:
        now = NONE if story.now is None else (md_escape(story.now.said) or "fires")
        lines.append(f"| {story.rule.title} | {_numbers(history, story.fired_in)} | {now} |")
    return lines


def _md_commitments(history: History) -> list[str]:
    lines = [
        "## Commitments",
        "",
        f"Actions by owner, as of the last review ({history.last_day.isoformat()}).",
        "",
        "| Owner | Done | Dropped | Open | Carried | Overdue |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for tally in history.owners:
        owner = md_escape(tally.name) if tally.owner is not None else "**no owner**"
        lines.append(
            f"| {owner} | {tally.done} | {tally.dropped} | {tally.open} | {tally.carried} "
            f"| {tally.overdue} |"
        )
    if not history.owners:
        lines = [*lines[:3], "No actions."]
    often = history.carried_often
    if often:
        lines += ["", f"**Carried {CARRIED_OFTEN} times or more:**", ""]
        lines += [
            f"- {md_escape(c.text)} ({_md_owner(c)}): carried ×{c.times_carried}, {c.status}"
            for c in often
        ]
    still_open = history.still_open
    lines += ["", "### Open actions", ""]
    if not still_open:
        return [*lines, "None."]
    lines += [
        "| Action | Owner | Due | Days past due | Carried | Noted in review | Last listed in |",
        "|---|---|---|--:|--:|--:|--:|",
    ]
    for c in still_open:
        lines.append(
            f"| {md_escape(c.text)} | {_md_owner(c)} "
            f"| {c.due.isoformat() if c.due else NONE} | {c.days_past_due or NONE} "
            f"| {carried_text(c)} | {noted_text(history, c)} | {last_listed_text(history, c)} |"
        )
    return lines


def carried_text(commitment: Commitment) -> str:
    return f"×{commitment.times_carried}" if commitment.times_carried else NONE


def noted_text(history: History, commitment: Commitment) -> str:
    """The review an action was noted in, or "earlier" (before the reviews read)."""
    if commitment.noted_in is None:
        return "earlier"
    return str(history.reviews[commitment.noted_in].number)


def last_listed_text(history: History, commitment: Commitment) -> str:
    """The last review whose minutes list the action open (not the last review: it was
    never taken up again)."""
    if not commitment.open_in:
        return NONE
    return str(history.reviews[commitment.open_in[-1]].number)


def _md_owner(commitment: Commitment) -> str:
    return md_escape(commitment.owner_name) if commitment.owner else "**no owner**"


def _md_stakeholders(history: History) -> list[str]:
    lines = ["## Stakeholders"]
    if not history.stakeholders:
        return [*lines, "", "None on any review's map."]
    for story in history.stakeholders:
        title = f" ({md_escape(story.title)})" if story.title else ""
        last = story.last
        if last.last_validated is None:
            validated = "Never validated."
        else:
            by = f" by {md_escape(story.validated_by)}" if story.validated_by else ""
            validated = f"Last validated {last.last_validated.isoformat()}{by}."
        lines += [
            "",
            f"### {md_escape(story.name)}{title}",
            "",
            validated,
            "",
            "| Review | Stance | Influence | Final authority | Last validated | Owner |",
            "|--:|---|---|---|---|---|",
        ]
        for index, at in enumerate(story.at):
            if at is None:
                continue
            lines.append(
                f"| {history.reviews[index].number} | {at.stance} | {at.influence} "
                f"| {'yes' if at.final_authority else 'no'} "
                f"| {at.last_validated.isoformat() if at.last_validated else NONE} "
                f"| {md_escape(at.owner) if at.owner else NONE} |"
            )
        if story.unexplained:
            lines += ["", "**Stance changes with no recorded reason:**", ""]
            lines += [f"- {unexplained_text(history, c)}" for c in story.unexplained]
    return lines


def unexplained_text(history: History, change: UnexplainedChange) -> str:
    """A stance change with no recorded reason, in words (no user text in it)."""
    number = history.reviews[change.review].number
    if change.between:
        return (
            f"{change.before} → {change.after} between reviews {number - 1} and {number} "
            "(not changed in a review)"
        )
    return f"{change.before} → {change.after} in review {number}, whose notes never name them"


def presence_text(presence: Presence | None) -> str:
    if presence is None:
        return NONE
    if presence.heard == "heard":
        return f"{presence.percent}%"
    return presence.heard


def _md_participation(history: History) -> list[str]:
    lines = ["## Participation", ""]
    people = history.attendees
    if not people:
        return [*lines, "No attendees."]
    lines += [
        "Share of each review's talk time; not heard: present, never had the floor.",
        "",
        "| Review | " + " | ".join(md_escape(a.name) for a in people) + " |",
        "|--:|" + "--:|" * len(people),
    ]
    for index, review in enumerate(history.reviews):
        cells = [presence_text(a.at[index]) for a in people]
        lines.append(f"| {review.number} | " + " | ".join(cells) + " |")
    quiet = history.quiet
    lines += [
        "",
        f"**Not heard in {QUIET_TIMES} or more of the last {QUIET_WINDOW} reviews:** "
        + (", ".join(md_escape(a.name) for a in quiet) if quiet else "nobody"),
    ]
    return lines


def _md_funnel(history: History) -> list[str]:
    lines = ["## Funnel", ""]
    rows = [(r, f) for r, f in zip(history.reviews, history.funnel, strict=True) if f]
    if not rows:
        return [*lines, "No review recorded a funnel."]
    lines += ["| Review | Date | Current | Target | Gap |", "|--:|---|--:|--:|--:|"]
    for review, funnel in rows:
        lines.append(
            f"| {review.number} | {review.day.isoformat()} "
            f"| {money(funnel.current, funnel.currency)} "
            f"| {money(funnel.target, funnel.currency)} | {money(funnel.gap, funnel.currency)} |"
        )
    return lines


# -- CSV ------------------------------------------------------------------------------------


CSV_COLUMNS: Final = ("account", "review", "date", "section", "subject", "measure", "value")
"""One row per fact, for a spreadsheet's pivot table: `review` is its number (1 for the
oldest), empty for a total as of the last review."""


def csv(histories: Sequence[History], *, raw: bool = False) -> str:
    """Every history as one CSV (see CSV_COLUMNS); formulas neutralised unless `raw`."""
    return csv_table(CSV_COLUMNS, (row for h in histories for row in _csv_rows(h)), raw=raw)


Row = tuple[str | int, ...]


def _csv_rows(history: History) -> Iterable[Row]:
    account = history.account
    reviews = history.reviews

    def at(index: int, section: str, subject: str, measure: str, value: str | int) -> Row:
        review = reviews[index]
        return (account, review.number, review.day.isoformat(), section, subject, measure, value)

    for index, review in enumerate(reviews):
        yield at(index, "review", review.title, "minutes", review.file)
        funnel = history.funnel[index]
        if funnel is not None:
            for measure in ("current", "target", "gap"):
                yield at(index, "funnel", funnel.currency, measure, getattr(funnel, measure))
        for person in history.attendees:
            presence = person.at[index]
            if presence is not None:
                yield at(index, "participation", person.name, "heard", presence.heard)
                yield at(index, "participation", person.name, "talk_seconds", presence.talk_seconds)
                yield at(index, "participation", person.name, "talk_percent", presence.percent)
        for story in history.stakeholders:
            now = story.at[index]
            if now is None:
                continue
            yield at(index, "stakeholder", story.name, "stance", now.stance)
            yield at(index, "stakeholder", story.name, "influence", now.influence)
            authority = "yes" if now.final_authority else "no"
            yield at(index, "stakeholder", story.name, "final_authority", authority)
            validated = now.last_validated.isoformat() if now.last_validated else ""
            yield at(index, "stakeholder", story.name, "last_validated", validated)
            yield at(index, "stakeholder", story.name, "owner", now.owner or "")
            for change in story.unexplained:
                if change.review == index:
                    measure = "stance_changed_between" if change.between else "stance_unexplained"
                    yield at(
                        index,
                        "stakeholder",
                        story.name,
                        measure,
                        f"{change.before} → {change.after}",
                    )
        for flag in history.flags[index]:
            yield at(index, "red_flag", flag.rule.key, "fired", flag.said)
    for commitment in history.commitments:
        last = commitment.closed_in if commitment.closed_in is not None else commitment.open_in[-1]
        subject = commitment.text
        yield at(
            last, "action", subject, "owner", commitment.owner_name if commitment.owner else ""
        )
        yield at(last, "action", subject, "status", commitment.status)
        yield at(
            last, "action", subject, "due", commitment.due.isoformat() if commitment.due else ""
        )
        yield at(last, "action", subject, "times_carried", commitment.times_carried)
        if commitment.days_past_due is not None:
            yield at(last, "action", subject, "days_past_due", commitment.days_past_due)
    for tally in history.owners:
        name = tally.name if tally.owner is not None else ""
        for measure in ("done", "dropped", "open", "carried", "overdue"):
            yield (
                account,
                "",
                history.last_day.isoformat(),
                "owner",
                name,
                measure,
                getattr(tally, measure),
            )
