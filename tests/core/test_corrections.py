"""`s/old/new/`, the correction of the last note (README, "Note syntax").

A correction works on the note as written: for an action, its text then `@owner` (the
owner's id) and `due:YYYY-MM-DD`, so `s/li/marco/` gives an action another owner and
`s/12-05/12-08/` moves its due date. A plain `old` is first looked for as a whole word,
so "li" is the owner `@li`, not the "li" inside "client". A line that is not a whole
`s/old/new/` is an ordinary note: "s/w licence renewal" is a point.
"""

from __future__ import annotations

from datetime import date

import pytest

from samtui.core.meeting import Meeting
from samtui.core.notes import NoteError
from samtui.core.state import MeetingState, Note

ACTION = "todo: call the client @li due:2026-12-05"


def amended(meeting: Meeting, line: str) -> Note:
    result = meeting.add_note(line)
    assert isinstance(result, Note), result
    return result


def test_a_correction_gives_an_action_another_owner(meeting: Meeting) -> None:
    meeting.add_note(ACTION)
    note = amended(meeting, "s/li/marco/")
    assert (note.text, note.owner, note.due) == ("call the client", "marco", date(2026, 12, 5))
    note = amended(meeting, "s/@marco/@renee/")
    assert note.owner == "renee"
    replayed = MeetingState.replay(meeting.agenda, meeting.sink.events())
    assert replayed.notes[note.id].owner == "renee"


def test_a_correction_moves_an_actions_due_date(meeting: Meeting) -> None:
    meeting.add_note(ACTION)
    note = amended(meeting, "s/12-05/12-08/")
    assert (note.text, note.owner, note.due) == ("call the client", "li", date(2026, 12, 8))
    assert meeting.add_note("s/2026-12-08/2026-13-01/") == NoteError(
        'bad due date "2026-13-01": no such day'
    )


def test_a_correction_can_name_an_owner_the_action_did_not_have(meeting: Meeting) -> None:
    meeting.add_note("todo: send the deck")
    note = amended(meeting, "s/deck/deck @dana/")
    assert (note.text, note.owner) == ("send the deck", "dana")


def test_an_owner_or_due_date_is_not_taken_off_by_a_correction(meeting: Meeting) -> None:
    meeting.add_note(ACTION)
    assert meeting.add_note("s/ @li//") == NoteError(
        "a correction cannot take an action's owner off: name another (@who), "
        "or remove the note and type it again"
    )
    assert meeting.add_note("s/ due:2026-12-05//") == NoteError(
        "a correction cannot take an action's due date off: give another (due:YYYY-MM-DD), "
        "or remove the note and type it again"
    )
    assert meeting.state.notes[1].owner == "li"


def test_a_whole_word_is_found_before_part_of_one(meeting: Meeting) -> None:
    meeting.add_note("the client asked li")
    assert amended(meeting, "s/li/Li Wei/").text == "the client asked Li Wei"
    assert amended(meeting, "s/ent/ENT/").text == "the cliENT asked Li Wei"  # part of a word
    assert amended(meeting, "s/i/I/g").text == "the clIENT asked LI WeI"  # g: every one


@pytest.mark.parametrize(
    "line", ["s/w licence renewal", "s/x", "s/a/", "s/", "s//x/", "s/old/new/ and more"]
)
def test_a_line_that_is_not_a_whole_correction_is_an_ordinary_note(
    meeting: Meeting, line: str
) -> None:
    meeting.add_note("before")
    note = meeting.add_note(line)
    assert isinstance(note, Note) and (note.kind, note.text) == ("point", line)
    assert meeting.state.notes[1].text == "before"
