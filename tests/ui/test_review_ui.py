"""Check-in, stakeholder map, questions, carry-over, parking and growth plays on screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.content import Content
from textual.widgets import Label

from samtui.core.clock import FakeClock
from samtui.core.session import Session
from samtui.ui.app import SamApp
from samtui.ui.screens.carry_over import CarryOverScreen
from samtui.ui.screens.checkin import CheckinScreen
from samtui.ui.screens.meeting import MeetingScreen
from samtui.ui.screens.stakeholders import StakeholderScreen


async def test_check_in_then_f5_starts_the_meeting(review: Session, clock: FakeClock) -> None:
    app = SamApp(review, clock=clock, ring_bell=False)
    state = review.meeting.state
    async with app.run_test(size=(120, 36)) as pilot:
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("down", "p")  # li came prepared after all
        await pilot.press("down", "a")  # marco is not here
        assert state.prepared["li"] and not state.attendees["marco"].present
        assert not state.started
        await pilot.press("f5")
        assert state.running
        assert isinstance(app.screen, MeetingScreen)


async def test_check_in_start_button(review: Session, clock: FakeClock) -> None:
    app = SamApp(review, clock=clock, ring_bell=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.click("#start")
        await pilot.pause()
        assert review.meeting.state.started
        assert isinstance(app.screen, MeetingScreen)


async def test_check_in_shows_people_and_questions_literally(
    tmp_path: Path, review_file: Path, clock: FakeClock, screen_text: Callable[[SamApp], str]
) -> None:
    path = tmp_path / "x.toml"
    path.write_text(
        review_file.read_text(encoding="utf-8")
        .replace('"Li Wei"', '"[bold]Li"')
        .replace("What about APAC?", "[b APAC?"),
        encoding="utf-8",
    )
    app = SamApp(Session.start(path, clock=clock), clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "[bold]Li" in text and "[b APAC?" in text
        assert "Who replaces the CFO?" in text


async def test_f2_stakeholder_map_changes_are_recorded(review: Session, clock: FakeClock) -> None:
    app = SamApp(review, clock=clock, ring_bell=False, checkin=False)
    state = review.meeting.state
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f2")
        assert isinstance(app.screen, StakeholderScreen)
        await pilot.press("down", "s", "f", "v")  # Tom Reed: neutral -> opponent, PFA, validated
        tom = state.stakeholders[1]
        assert (tom.stance, tom.final_authority, tom.last_validated) == (
            "opponent",
            True,
            clock.now().date(),
        )
        await pilot.press("up", "i")  # Jane: high -> medium
        assert state.stakeholders[0].influence == "medium"
        assert len(state.stakeholder_changes) == 4
        await pilot.press("f2")
        assert isinstance(app.screen, MeetingScreen)


async def test_f3_asks_the_next_question_and_f8_parks(review: Session, clock: FakeClock) -> None:
    app = SamApp(review, clock=clock, ring_bell=False, checkin=False)
    meeting = review.meeting
    async with app.run_test() as pilot:
        await pilot.press("f3")
        note = meeting.state.last_note()
        assert note is not None and (note.kind, note.text) == ("question", "Who replaces the CFO?")
        await pilot.press("f8")  # the last note goes to the parking lot
        assert note.kind == "parked"
        await pilot.press(*"park the shipping delays")
        await pilot.press("f8")  # the typed line is parked, the line is cleared
        assert meeting.state.parking_lot()[-1].text == "park the shipping delays"
        assert app.screen.query_one("#note").value == ""  # type: ignore[attr-defined]


async def test_an_asked_question_names_who_brought_it(
    tmp_path: Path, review_file: Path, clock: FakeClock, screen_text: Callable[[SamApp], str]
) -> None:
    """In the scribe's notes and on the moderator's panel, the name shown as typed."""
    path = tmp_path / "x.toml"
    path.write_text(
        review_file.read_text(encoding="utf-8").replace('"Dana Whitfield"', '"[b]Dana W."'),
        encoding="utf-8",
    )
    session = Session.start(path, clock=clock)
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        assert "QUESTION Who replaces the CFO? · brought by [b]Dana W." in screen_text(app)
        asked = app.screen.query_one("#asked", Label)
        assert isinstance(asked.content, Content)
        assert (
            asked.content.plain == "Asked on this item (1) · from [b]Dana W.: Who replaces the CFO?"
        )
        await pilot.press("f3")  # the next one is Dana's too; the panel shows the latest
        await pilot.pause()
        assert asked.content.plain == "Asked on this item (2) · from [b]Dana W.: Is EMEA in scope?"
    session.close()


async def test_f9_marks_the_last_action_a_growth_play(review: Session, clock: FakeClock) -> None:
    app = SamApp(review, clock=clock, ring_bell=False, checkin=False)
    review.meeting.add_note("todo: pitch analytics @li")
    async with app.run_test() as pilot:
        await pilot.press("f9")
        assert review.meeting.state.actions()[0].growth


async def test_f4_marks_last_reviews_actions(
    review_file: Path, clock: FakeClock, tmp_path: Path
) -> None:
    first = Session.start(review_file, clock=clock)
    first.meeting.add_note("todo: send the map @dana")
    first.meeting.add_note("todo: call Tom @li")
    old = first.finish()
    first.close()
    second = review_file.with_name("next.toml")
    second.write_text(
        review_file.read_text(encoding="utf-8").replace(
            "duration = 60", f'duration = 60\nprevious_minutes = "{old.relative_to(tmp_path)}"'
        ),
        encoding="utf-8",
    )
    session = Session.start(second, clock=clock)
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f4")
        assert isinstance(app.screen, CarryOverScreen)
        await pilot.press("d", "x")  # first done, cursor moves on, second dropped
        assert [c.decision for c in session.meeting.state.carried] == ["done", "dropped"]
        await pilot.press("escape")
        assert isinstance(app.screen, MeetingScreen)


async def test_the_open_actions_item_shows_the_last_reviews_actions(
    review: Session, clock: FakeClock, screen_text: Callable[[SamApp], str]
) -> None:
    """Issue 13: on the item that goes through them, the actions themselves are on the
    screen, with owner, due date and their decision so far (F4 still decides)."""
    from datetime import date

    from samtui.core.events import CarriedActionData

    review.meeting.load_carry_over(
        "last.toml",
        [
            CarriedActionData(
                id=1, text="send the renewal deck", owner="dana", due=date(2026, 10, 1)
            ),
            CarriedActionData(id=2, text="map the CFO's team"),
        ],
    )
    review.meeting.decide_carried(0, "done")
    app = SamApp(review, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        carried = app.screen.query_one("#carried", Label)  # it wraps: read the label itself
        shown = str(carried.content).splitlines()
        assert "• send the renewal deck · Dana Whitfield · due 2026-10-01 · done" in shown
        assert "• map the CFO's team · no owner · carried" in shown
        assert "send the renewal" in screen_text(app)  # and it is on the screen
        await pilot.press("ctrl+n")  # on to the stakeholder map: a one-line summary only
        await pilot.pause()
        assert "send the renewal deck" not in screen_text(app)
        assert str(carried.content) == "Last review's actions 2: 1 done, 0 dropped · F4 decides"


async def test_ctrl_r_recaps_the_meeting_and_follows_it(
    review: Session, clock: FakeClock, screen_text: Callable[[SamApp], str]
) -> None:
    """Issue 13: decisions and actions of the whole meeting in one place, during it."""
    from samtui.ui.screens.recap import RecapScreen

    meeting = review.meeting
    meeting.toggle_clock()
    meeting.add_note("! we keep the three-year term")
    meeting.go_to_item(1)
    meeting.add_note("goal: double the EMEA seats")
    meeting.add_note("todo: send the pricing sheet @dana due:2026-12-15")
    meeting.change_stakeholder(1, "stance", "opponent")
    app = SamApp(review, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("ctrl+r")
        assert isinstance(app.screen, RecapScreen)
        shown = screen_text(app)
        assert "Decisions (1)" in shown and "we keep the three-year term  (Open actions)" in shown
        assert "double the EMEA seats  (Stakeholder map)" in shown
        assert "send the pricing sheet → Dana Whitfield by 2026-12-15" in shown
        assert "Tom Reed: stance neutral → opponent" in shown
        meeting.add_note("! a second decision")  # the recap follows the meeting
        await pilot.pause()
        assert "Decisions (2)" in screen_text(app)
        await pilot.press("escape")
        assert not isinstance(app.screen, RecapScreen)
