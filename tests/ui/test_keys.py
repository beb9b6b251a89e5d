"""Every meeting key, pressed as a user would; the engine's state is what is asserted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from notices import Notices
from waiting import until

from samtui.core.clock import FakeClock
from samtui.core.minutes import Minutes
from samtui.core.session import Session
from samtui.ui.app import SamApp
from samtui.ui.screens.closing import ClosingScreen
from samtui.ui.screens.floor_picker import FloorPicker
from samtui.ui.screens.help import HelpScreen
from samtui.ui.screens.meeting import MeetingScreen
from samtui.ui.widgets.scribe import ScribePanel


def _notes(app: SamApp) -> list[str]:
    return [n.text for n in app.session.meeting.state.notes.values()]


async def test_f5_starts_pauses_and_resumes(app: SamApp, clock: FakeClock) -> None:
    state = app.session.meeting.state
    async with app.run_test() as pilot:
        await pilot.press("f5")
        assert state.started and state.running
        clock.advance(30)
        await pilot.press("f5")
        assert not state.running
        clock.advance(600)
        await pilot.press("f5")
        clock.advance(5)
        assert state.meeting_elapsed(app.session.meeting.offset) == 35


async def test_ctrl_n_warns_on_a_round_with_people_not_heard(app: SamApp, notices: Notices) -> None:
    meeting = app.session.meeting
    async with app.run_test(message_hook=notices.hook) as pilot:
        await pilot.press("ctrl+t")  # dana has the floor; li, marco, renee are not heard
        await pilot.press("ctrl+n")
        assert meeting.state.current_item == 0
        warning = notices.posted[-1]
        assert warning.title == "Not heard"
        assert "not heard" in warning.message
        assert "Li Wei, Marco Rossi, Renée Dubois" in warning.message
        await pilot.press("ctrl+n")
        assert meeting.state.current_item == 1
        await pilot.press("ctrl+n")  # a discussion item moves on at once
        assert meeting.state.current_item == 2


async def test_ctrl_b_and_f7_go_back(app: SamApp) -> None:
    meeting = app.session.meeting
    meeting.go_to_item(2, force=True)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+b")
        assert meeting.state.current_item == 1
        await pilot.press("f7")
        assert meeting.state.current_item == 0


async def test_ctrl_t_gives_the_floor_to_the_engines_pick(app: SamApp) -> None:
    state = app.session.meeting.state
    async with app.run_test() as pilot:
        await pilot.press("ctrl+t")
        assert state.floor == "dana"
        await pilot.press("ctrl+t")
        assert state.floor == "li"
        assert state.attendees["dana"].turns == 1


async def test_ctrl_g_picker_chooses_by_part_of_a_name(app: SamApp) -> None:
    state = app.session.meeting.state
    async with app.run_test() as pilot:
        await pilot.press("ctrl+g")
        assert isinstance(app.screen, FloorPicker)
        await pilot.press(*"ren", "enter")
        assert state.floor == "renee"
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("ctrl+g", "escape")
        assert state.floor == "renee"


async def test_ctrl_o_releases_the_floor(app: SamApp) -> None:
    meeting = app.session.meeting
    meeting.give_floor("li")
    async with app.run_test() as pilot:
        await pilot.press("ctrl+o")
        assert meeting.state.floor is None


async def test_f6_adds_five_minutes_to_the_current_item(app: SamApp) -> None:
    state = app.session.meeting.state
    async with app.run_test() as pilot:
        await pilot.press("f6")
        assert state.items[0].added_seconds == 300
        assert state.items[1].added_seconds == 0


async def test_enter_adds_a_note_and_a_bad_line_stays(app: SamApp) -> None:
    async with app.run_test() as pilot:
        scribe = app.screen.query_one(ScribePanel)
        scribe.set_draft("! we lead with the platform")
        await pilot.press("enter")
        assert _notes(app) == ["we lead with the platform"]
        note_line = scribe.query_one("#note")
        scribe.set_draft("todo: call @nobody")
        await pilot.press("enter")
        assert _notes(app) == ["we lead with the platform"]
        assert note_line.value == "todo: call @nobody"  # type: ignore[attr-defined]
        error = scribe.query_one("#note-error")
        assert error.has_class("-shown")
        assert 'no attendee matches "@nobody"' in str(error.render())


async def test_typing_goes_to_the_note_line_from_the_start(app: SamApp) -> None:
    async with app.run_test() as pilot:
        await pilot.press(*"? who signs", "enter")
        note = app.session.meeting.state.last_note()
        assert note is not None and (note.kind, note.text) == ("question", "who signs")


async def test_f1_shows_help_and_escape_closes_it(app: SamApp) -> None:
    async with app.run_test() as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, MeetingScreen)


async def test_f10_closing_screen_escape_goes_back(app: SamApp) -> None:
    async with app.run_test() as pilot:
        await pilot.press("f10")
        assert isinstance(app.screen, ClosingScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, MeetingScreen)
        assert not app.session.meeting.state.ended


async def test_f10_enter_writes_the_minutes_and_ends_the_meeting(
    app: SamApp, session: Session, clock: FakeClock
) -> None:
    meeting = session.meeting
    meeting.toggle_clock()
    meeting.give_floor("marco")
    clock.advance(125)
    meeting.add_note("todo: send the deck due:2026-12-10")
    async with app.run_test() as pilot:
        await pilot.press("f10", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        closing = app.screen
        assert isinstance(closing, ClosingScreen) and closing.written is not None
        assert meeting.state.ended
        info = session.journal.info()
        assert info.state == "finished" and info.minutes_path is not None
        minutes = Minutes.load(info.minutes_path)
        assert minutes.actions[0].owner == "marco"
        assert minutes.meeting.actual_seconds == 125
        await pilot.press("enter")
    assert app.return_code == 0


async def test_ctrl_q_quits_with_the_draft_saved_and_the_clock_paused(
    app: SamApp, session: Session, clock: FakeClock
) -> None:
    session.meeting.toggle_clock()
    async with app.run_test() as pilot:
        await pilot.press(*"half a thought")
        await pilot.press("ctrl+q")
    assert session.draft() == "half a thought"
    assert not session.meeting.state.ended and not session.meeting.state.running
    clock.advance(16 * 3600)  # resumed the next morning: the night is not meeting time
    resumed = Session.resume(session.path, clock=clock)
    assert resumed.meeting.state.meeting_elapsed(resumed.meeting.offset) == 0
    resumed.close()


async def test_draft_comes_back_on_resume(session: Session, clock: FakeClock) -> None:
    session.save_draft("todo: unfinished")
    app = SamApp(session, clock=clock, checkin=False)
    async with app.run_test():
        assert app.screen.query_one("#note").value == "todo: unfinished"  # type: ignore[attr-defined]


async def test_ctrl_p_palette_runs_meeting_commands(app: SamApp) -> None:
    async with app.run_test() as pilot:
        await pilot.press("ctrl+p", *"end the meeting")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ClosingScreen)


async def test_palette_has_every_action(app: SamApp) -> None:
    async with app.run_test():
        titles = {command.title for command in app.get_system_commands(app.screen)}
        for title in (
            "Start / pause the meeting clock",
            "Next agenda item",
            "Previous agenda item",
            "Next turn",
            "Give the floor",
            "Release the floor",
            "Give this item 5 more minutes",
            "End the meeting",
            "Export a snapshot now",
            "Help",
        ):
            assert title in titles


async def test_palette_people_and_items(app: SamApp, screen_text: Callable[[SamApp], str]) -> None:
    from samtui.ui.commands import SamtuiCommands

    meeting = app.session.meeting
    async with app.run_test():
        provider = SamtuiCommands(app.screen)
        hits = {hit.text: hit.command async for hit in provider.search("mark renée absent")}
        hits["Mark Renée Dubois absent"]()
        assert not meeting.state.attendees["renee"].present
        jumps = {hit.text: hit.command async for hit in provider.search("jump to item 3")}
        jumps["Jump to item 3: Actions"]()
        assert meeting.state.current_item == 2
        floor = {hit.text: hit.command async for hit in provider.search("floor to li")}
        floor["Give the floor to Li Wei"]()
        assert meeting.state.floor == "li"


async def test_type_ahead_keeps_notes_apart(app: SamApp) -> None:
    """Keys that arrive in a burst (a fast typist, a paste) still make one note per line."""
    from textual import events

    from samtui.ui.widgets.scribe import NoteLine

    async with app.run_test() as pilot:
        line = app.screen.query_one(NoteLine)
        for word in ("alpha", "beta", "gamma"):
            for character in word:
                line.post_message(events.Key(character, character))
            line.post_message(events.Key("enter", "\r"))
        await pilot.pause()
        assert _notes(app) == ["alpha", "beta", "gamma"]
        assert line.value == ""


async def test_minutes_exported_mid_meeting_do_not_replace_the_final_ones(
    app: SamApp, session: Session, tmp_path: Path
) -> None:
    session.meeting.add_note("! early")
    session.export(tmp_path / "early.toml")  # e.g. `samtui export` from another terminal
    assert session.journal.info().state == "running"
    session.meeting.add_note("todo: late @li")
    async with app.run_test() as pilot:
        await pilot.press("f10")
        closing = app.screen
        assert isinstance(closing, ClosingScreen) and closing.written is None
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    final = session.journal.info().minutes_path
    assert final is not None and final != tmp_path / "early.toml"
    assert [a.text for a in Minutes.load(final).actions] == ["late"]


async def test_f10_with_a_line_still_typed_asks_before_ending(
    app: SamApp, session: Session
) -> None:
    async with app.run_test() as pilot:
        await pilot.press(*"todo: book the follow-up @li", "f10", "enter")
        assert not session.meeting.state.ended  # the first Enter only warned
        await pilot.press("escape", "enter")  # back, and the line becomes a note
        assert [n.text for n in session.meeting.state.notes.values()] == ["book the follow-up"]
        await pilot.press("f10", "enter")  # nothing left unsent: one Enter ends it
        await app.workers.wait_for_complete()
        assert session.meeting.state.ended


async def test_ctrl_n_override_is_disarmed_by_anything_else_and_its_warning_goes(
    app: SamApp, notices: Notices
) -> None:
    """Issue 13: the floor given to one of the unheard, then ctrl+n must warn again about
    the others, not move on; leaving the item takes the warning off the screen."""
    meeting = app.session.meeting
    async with app.run_test(size=(120, 36), message_hook=notices.hook) as pilot:
        await pilot.press("ctrl+t")  # dana speaks; li, marco, renee are not heard
        await pilot.press("ctrl+n")  # warned: a second ctrl+n would move on
        assert meeting.state.current_item == 0
        await pilot.press("ctrl+t")  # li gets the floor: anything else disarms it
        await pilot.pause()
        await pilot.press("ctrl+n")  # warns again, about marco and renee
        assert meeting.state.current_item == 0
        assert "Marco Rossi, Renée Dubois" in notices.posted[-1].message
        assert "Li Wei" not in notices.posted[-1].message
        notice = app.screen.query_one("#notice")
        assert notice.has_class("-shown")
        await pilot.press("ctrl+n")  # now, right after the warning, it moves on
        await pilot.pause()
        assert meeting.state.current_item == 1
        assert not notice.has_class("-shown")  # the warning went with its item


async def test_ctrl_n_override_is_disarmed_by_a_change_a_redraw_already_drew(
    app: SamApp, notices: Notices
) -> None:
    """A redraw (after a resize, say) that runs between another view's change and its
    message marks the change drawn; the override must still see that the meeting moved."""
    meeting = app.session.meeting
    async with app.run_test(size=(120, 36), message_hook=notices.hook) as pilot:
        await pilot.press("ctrl+t")  # dana speaks; li, marco, renee are not heard
        await pilot.press("ctrl+n")  # warned: a second ctrl+n would move on
        assert meeting.state.current_item == 0
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        meeting.next_turn()  # another view gives li the floor
        screen.redraw()  # a pending redraw runs before that change's message
        await pilot.pause()
        await pilot.press("ctrl+n")  # warns again, about marco and renee
        assert meeting.state.current_item == 0
        assert "Marco Rossi, Renée Dubois" in notices.posted[-1].message


async def test_the_warning_goes_when_another_view_leaves_the_item_under_a_redraw(
    app: SamApp, notices: Notices
) -> None:
    meeting = app.session.meeting
    async with app.run_test(size=(120, 36), message_hook=notices.hook) as pilot:
        await pilot.press("ctrl+t", "ctrl+n")  # warned about li, marco and renee
        notice = app.screen.query_one("#notice")
        assert notice.has_class("-shown")
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        meeting.next_item(force=True)  # another view moves on anyway
        screen.redraw()
        await pilot.pause()  # the change's message is handled: the warning went with it
        assert not notice.has_class("-shown")


async def test_a_meeting_ended_elsewhere_shows_the_closing_screen_under_a_redraw(
    app: SamApp,
) -> None:
    meeting = app.session.meeting
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        meeting.end()  # the room ends the meeting, seen by this view
        screen.redraw()  # a redraw pending from a resize runs before the Ended message
        await until(pilot, lambda: isinstance(app.screen, ClosingScreen), "the closing screen")
