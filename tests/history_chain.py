"""Four quarterly reviews of one account, held through the engine, for the history's tests.

Each review is a `Session` on a `FakeClock` set to its day; the next agenda is drafted from
the last minutes by `next_review.next_agenda` (as `samtui new --from` does) and the minutes
are written by `Session.finish`. What each review does, and so what the history must find,
is written out below (SCRIPT); the tests assert those values, never the code's.

Stakeholders (map order): Jane Ortiz (advocate, high), Tom Reed (CFO, final authority,
neutral, high), Ana Silva (opponent, medium, never validated).

1. 2026-03-02: actions A "send the map" (Dana, due 2026-04-01), B "book the QBR" (Li, due
   2026-05-01), C "fix pricing" (Marco). Tom goes neutral -> opponent; a note names him.
   Talk: Dana 300 s, Li 100, Marco 100; Renée present, never heard.
2. 2026-06-01: Marco absent. A carried, B done, C dropped; new D "call Tom Reed about
   budget" (Li, due 2026-07-01). Ana opponent -> neutral, no note names her. Tom
   validated (owner Li). Talk: Li 200, Dana 200; Renée not heard.
3. 2026-09-01: A and D carried. Everyone speaks 100 s.
4. 2026-12-01: the agenda's funnel is edited to 1,400,000 (gap 600,000). A carried (a third
   time), D done. Tom opponent -> advocate, a note names him. Talk: Dana 200, Li 100,
   Marco 100; Renée not heard.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from samtui.core.clock import FakeClock
from samtui.core.meeting import Meeting
from samtui.core.minutes import Minutes
from samtui.core.next_review import next_agenda
from samtui.core.session import Session

FIRST_AGENDA = """\
[meeting]
title = "Acme quarterly review"
account = "Acme Corp"
duration = 60

[roles]
moderator = "dana"
timekeeper = "li"
scribe = "marco"

[[attendees]]
id = "dana"
name = "Dana Whitfield"

[[attendees]]
id = "li"
name = "Li Wei"

[[attendees]]
id = "marco"
name = "Marco Rossi"

[[attendees]]
id = "renee"
name = "Renée Dubois"

[funnel]
currency = "USD"
current = 1000000
target = 2000000

[[stakeholders]]
name = "Jane Ortiz"
title = "VP Sales"
stance = "advocate"
influence = "high"
owner = "dana"
last_validated = 2026-01-05

[[stakeholders]]
name = "Tom Reed"
title = "CFO"
stance = "neutral"
influence = "high"
final_authority = true
owner = "li"
last_validated = 2025-06-01

[[stakeholders]]
name = "Ana Silva"
title = "Buyer"
stance = "opponent"
influence = "medium"

[[items]]
title = "Check-in"
minutes = 10

[[items]]
title = "Stakeholder map"
minutes = 30

[[items]]
title = "Growth"
minutes = 20
"""

DAYS = [datetime(2026, 3, 2, 14, 0, tzinfo=UTC), datetime(2026, 6, 1, 14, 0, tzinfo=UTC)]
DAYS += [datetime(2026, 9, 1, 14, 0, tzinfo=UTC), datetime(2026, 12, 1, 14, 0, tzinfo=UTC)]
JANE, TOM, ANA = 0, 1, 2

Script = Callable[[Meeting, FakeClock], None]


def speak(meeting: Meeting, clock: FakeClock, who: str, seconds: float) -> None:
    assert meeting.give_floor(who) is None
    clock.advance(seconds)


def first(meeting: Meeting, clock: FakeClock) -> None:
    meeting.toggle_clock()
    speak(meeting, clock, "dana", 300)
    meeting.add_note("todo: send the map @dana due:2026-04-01")
    speak(meeting, clock, "li", 100)
    meeting.add_note("todo: book the QBR @li due:2026-05-01")
    meeting.add_note("todo: fix pricing @marco")
    speak(meeting, clock, "marco", 100)
    meeting.go_to_item(1)
    meeting.add_note("Tom pushes back on price")
    assert meeting.change_stakeholder(TOM, "stance", "opponent") is None


def second(meeting: Meeting, clock: FakeClock) -> None:
    meeting.set_present("marco", False)
    meeting.toggle_clock()
    assert [c.text for c in meeting.state.carried] == [
        "send the map",
        "book the QBR",
        "fix pricing",
    ]
    assert meeting.decide_carried(1, "done") is None
    assert meeting.decide_carried(2, "dropped") is None
    speak(meeting, clock, "li", 200)
    meeting.add_note("todo: call Tom Reed about budget @li due:2026-07-01")
    speak(meeting, clock, "dana", 200)
    meeting.go_to_item(2)
    assert meeting.change_stakeholder(ANA, "stance", "neutral") is None
    assert meeting.validate_stakeholder(TOM) is None


def third(meeting: Meeting, clock: FakeClock) -> None:
    meeting.toggle_clock()
    assert [c.text for c in meeting.state.carried] == ["send the map", "call Tom Reed about budget"]
    for who in ("dana", "li", "marco", "renee"):
        speak(meeting, clock, who, 100)


def fourth(meeting: Meeting, clock: FakeClock) -> None:
    meeting.toggle_clock()
    assert meeting.decide_carried(1, "done") is None
    speak(meeting, clock, "dana", 200)
    speak(meeting, clock, "li", 100)
    speak(meeting, clock, "marco", 100)
    meeting.add_note("Tom Reed signed off the budget")
    assert meeting.change_stakeholder(TOM, "stance", "advocate") is None


SCRIPT: list[Script] = [first, second, third, fourth]
FUNNEL_EDIT = {3: ("current = 1000000", "current = 1400000")}
"""Before review 4 (index 3), the funnel is edited in its agenda."""


def hold(agenda: Path, day: datetime, script: Script) -> Path:
    """Hold one review on `agenda` on `day`; the path of the minutes it wrote."""
    clock = FakeClock(day)
    session = Session.start(agenda, clock=clock)
    try:
        script(session.meeting, clock)
        return session.finish()
    finally:
        session.close()


def draft_next(minutes: Path, agenda: Path, edit: tuple[str, str] | None = None) -> Path:
    """The next review's agenda from `minutes`, written at `agenda` (as `samtui new --from`)."""
    text = next_agenda(Minutes.load(minutes), minutes, agenda)
    if edit is not None:
        assert edit[0] in text
        text = text.replace(*edit)
    agenda.write_text(text, encoding="utf-8")
    return agenda


def four_reviews(folder: Path, first_agenda: str = FIRST_AGENDA) -> list[Path]:
    """Hold the four reviews in `folder` (agendas acme-1..4.toml, minutes in minutes/);
    the minutes files, oldest first."""
    agenda = folder / "acme-1.toml"
    agenda.write_text(first_agenda, encoding="utf-8")
    written: list[Path] = []
    for index, (day, script) in enumerate(zip(DAYS, SCRIPT, strict=True)):
        if index:
            agenda = draft_next(
                written[-1], folder / f"acme-{index + 1}.toml", FUNNEL_EDIT.get(index)
            )
        written.append(hold(agenda, day, script))
    return written
