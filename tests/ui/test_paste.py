"""Pastes: the splitter that takes them out of terminal input, and the note line's rule.

The splitter is pure (samtui/ui/paste.py), so hypothesis cuts the input at every place a
read could end. The note line's rule (README, "Note syntax") is checked through the app:
each line a paste ends becomes a note in order, the last unfinished line stays, a refused
line comes back with the lines after it waiting, and all of it survives in the draft.
"""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st
from textual import events
from textual.widgets import Input, Label
from waiting import until

from samtui.core.clock import FakeClock
from samtui.core.session import Session
from samtui.ui.app import SamApp
from samtui.ui.paste import (
    END,
    HOLD_SECONDS,
    SETTLE_SECONDS,
    STALL_SECONDS,
    START,
    Pasted,
    PasteSplitter,
    Piece,
    Typed,
)
from samtui.ui.screens.meeting import MeetingScreen
from samtui.ui.widgets.scribe import ScribePanel

LATER = 10.0
"""Past every wait of the splitter."""

pasted_text = st.text(alphabet=st.sampled_from("ab \n\r\t\x1b[]~;0129\x07\\"), max_size=40)
typed_text = st.text(alphabet=st.sampled_from("xyz \r\t\x7f"), max_size=20)


def split(data: str, cuts: list[int]) -> list[Piece]:
    """Feed `data` in reads cut at `cuts`, all in one burst, then let the splitter idle."""
    splitter = PasteSplitter()
    pieces: list[Piece] = []
    start = 0
    for cut in [*sorted(set(cuts)), len(data)]:
        if cut > start:
            pieces += splitter.feed(data[start:cut], 0.0)
            start = cut
    pieces += splitter.idle(LATER)
    assert splitter.deadline() is None
    return merged(pieces)


def merged(pieces: list[Piece]) -> list[Piece]:
    """Typed runs next to each other are one run (how reads cut them does not matter)."""
    out: list[Piece] = []
    for piece in pieces:
        if out and isinstance(piece, Typed) and isinstance(out[-1], Typed):
            out[-1] = Typed(out[-1].text + piece.text)
        elif not (isinstance(piece, Typed) and not piece.text):
            out.append(piece)
    return out


@given(before=typed_text, text=pasted_text, after=typed_text, cuts=st.lists(st.integers(0, 120)))
def test_a_paste_comes_out_whole_between_what_was_typed(
    before: str, text: str, after: str, cuts: list[int]
) -> None:
    assume(START not in text and END not in text)
    data = before + START + text + END + after
    expected: list[Piece] = [Typed(before)] if before else []
    expected.append(Pasted(text))
    if after:
        expected.append(Typed(after))
    assert split(data, cuts) == expected


@given(first=pasted_text, second=pasted_text, cuts=st.lists(st.integers(0, 120)))
def test_a_pasted_end_marker_is_part_of_the_paste(first: str, second: str, cuts: list[int]) -> None:
    """The paste ends at the last end marker of its burst (a start marker after one is a
    new paste)."""
    assume(START not in first + END + second)
    data = START + first + END + second + END
    assert split(data, cuts) == [Pasted(first + END + second)]


@given(first=pasted_text, second=pasted_text)
def test_two_pastes_in_one_burst_stay_two(first: str, second: str) -> None:
    assume(START not in first and START not in second)
    data = START + first + END + START + second + END
    assert split(data, []) == [Pasted(first), Pasted(second)]


def test_a_lone_escape_waits_for_the_rest_of_a_marker_then_goes_on_as_a_key() -> None:
    splitter = PasteSplitter()
    assert splitter.feed("x\x1b", 0.0) == [Typed("x")]
    assert splitter.deadline() == HOLD_SECONDS
    assert splitter.idle(HOLD_SECONDS / 2) == []
    assert splitter.idle(HOLD_SECONDS) == [Typed("\x1b")]


def test_escape_sequences_that_are_not_markers_go_on_as_keys_at_once() -> None:
    splitter = PasteSplitter()
    assert splitter.feed("\x1b[21~\x1b[A", 0.0) == [Typed("\x1b[21~\x1b[A")]
    assert splitter.deadline() is None


def test_a_paste_ended_by_the_last_read_waits_a_moment_for_more_of_its_burst() -> None:
    splitter = PasteSplitter()
    assert splitter.feed(START + "one" + END, 0.0) == []
    assert splitter.deadline() == SETTLE_SECONDS
    assert splitter.feed(" two" + END + "typed", SETTLE_SECONDS / 2) == []  # the burst
    assert splitter.idle(SETTLE_SECONDS) == []
    assert splitter.idle(SETTLE_SECONDS * 1.5) == [Pasted("one" + END + " two"), Typed("typed")]


def test_a_paste_whose_end_marker_never_comes_is_taken_as_it_stands() -> None:
    splitter = PasteSplitter()
    assert splitter.feed(START + "lost its end", 0.0) == []
    assert splitter.idle(STALL_SECONDS / 2) == []
    assert splitter.idle(STALL_SECONDS) == [Pasted("lost its end")]
    assert splitter.feed("typed", STALL_SECONDS + 1) == [Typed("typed")]


# -- the note line -------------------------------------------------------------------------


async def paste_into(app: SamApp, text: str) -> None:
    app.screen.query_one("#note", Input).post_message(events.Paste(text))


def note_texts(session: Session) -> list[str]:
    return [note.text for note in sorted(session.meeting.state.notes.values(), key=lambda n: n.id)]


async def test_each_line_ended_becomes_a_note_and_the_rest_stays_where_the_cursor_was(
    app: SamApp, session: Session
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        note_line = app.screen.query_one("#note", Input)
        note_line.value = "typed [after]"
        note_line.cursor_position = len("typed ")
        await paste_into(app, "one\r\ntwo\n\nthree")
        await pilot.pause()
        assert note_texts(session) == ["typed one", "two"]
        assert note_line.value == "three[after]"
        assert note_line.cursor_position == len("three")


async def test_control_characters_in_a_paste_show_as_pictures(
    app: SamApp, session: Session
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await paste_into(app, "a\x1b[2Jb\tc\x00d")
        await pilot.pause()
        assert app.screen.query_one("#note", Input).value == "a␛[2Jb c␀d"


async def test_a_refused_line_keeps_the_lines_after_it_and_the_draft_keeps_them_all(
    app: SamApp,
    session: Session,
    clock: FakeClock,
) -> None:
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("f5")
        await paste_into(app, "one\ntodo: call @nobody\nthree\nfour\nfive, unfinished")
        await pilot.pause()
        note_line = app.screen.query_one("#note", Input)
        assert note_texts(session) == ["one"]
        assert note_line.value == "todo: call @nobody"
        error = str(app.screen.query_one("#note-error", Label).render())
        assert error.startswith('no attendee matches "@nobody"')
        assert error.endswith(
            "fix it and press Enter: 2 more lines follow, then the unfinished line comes back"
        )
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        screen.flush_draft()
        assert session.draft() == "todo: call @nobody\nthree\nfour\nfive, unfinished"
        assert app.screen.query_one(ScribePanel).draft_summary() == (
            "todo: call @nobody / three / four / five, unfinished"
        )
        note_line.value = "todo: call @dana"
        await pilot.press("enter")
        await pilot.pause()
        assert note_texts(session) == ["one", "call", "three", "four"]
        assert note_line.value == "five, unfinished"
        screen.flush_draft()
        assert session.draft() == "five, unfinished"


async def test_a_draft_with_waiting_lines_comes_back_as_it_was_left(
    session: Session, clock: FakeClock
) -> None:
    session.meeting.toggle_clock()
    session.save_draft("todo: call @nobody\nthree\nfive, unfinished")
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test(size=(120, 40)) as pilot:
        note_line = app.screen.query_one("#note", Input)
        assert note_line.value == "todo: call @nobody"
        note_line.value = "fixed"
        await pilot.press("enter")
        await pilot.pause()
        assert note_texts(session) == ["fixed", "three"]
        assert note_line.value == "five, unfinished"


async def test_lines_kept_from_before_say_that_enter_sends_them_on(
    session: Session, clock: FakeClock
) -> None:
    """The trial: a paste whose second line was refused, then ctrl+q and resume: the lines
    came back, but not the hint that Enter sends them on; a paste kept on the check-in
    came back the same way, with nothing said."""
    session.meeting.toggle_clock()
    session.save_draft("first kept\nsecond kept\nhalf a line")
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting")
        scribe = app.screen.query_one(ScribePanel)
        assert scribe.query_one("#note", Input).value == "first kept"
        hint = scribe.query_one("#note-error", Label)
        assert hint.has_class("-shown")
        assert str(hint.render()).endswith(
            "press Enter to send this line: 1 more line follows, then the unfinished line "
            "comes back"
        ), str(hint.render())
        await pilot.press("enter")
        await until(pilot, lambda: len(session.meeting.state.notes) == 2, "both lines sent")
        texts = [n.text for n in sorted(session.meeting.state.notes.values(), key=lambda n: n.id)]
        assert texts == ["first kept", "second kept"]
        await until(pilot, lambda: not hint.has_class("-shown"), "the hint gone")
        assert scribe.query_one("#note", Input).value == "half a line"
