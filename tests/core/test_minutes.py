from __future__ import annotations

from pathlib import Path

import pytest

from samtui.core.clock import FakeClock
from samtui.core.errors import MinutesError
from samtui.core.meeting import Meeting
from samtui.core.minutes import Minutes


def _simulated(meeting: Meeting, clock: FakeClock) -> Minutes:
    meeting.toggle_clock()
    for who in ("dana", "li", "marco"):
        meeting.give_floor(who)
        clock.advance(90)
    meeting.add_note("! we lead with the platform")
    meeting.go_to_item(1, force=True)
    meeting.give_floor("renee")
    meeting.add_note("todo: validate the CFO's stance @dana due:2026-12-15")
    meeting.add_note("todo+: pitch analytics to ops")
    clock.advance(1200)
    meeting.add_note("park: the late invoice")
    meeting.release_floor()
    meeting.add_note("todo: book the venue")
    meeting.end()
    return Minutes.from_state(meeting.state, meeting.offset, agenda_path="acme.toml")


def test_minutes_of_a_simulated_meeting(meeting: Meeting, clock: FakeClock) -> None:
    minutes = _simulated(meeting, clock)
    assert minutes.meeting.actual_seconds == 270 + 1200
    assert minutes.meeting.planned_minutes == 60
    assert [i.actual_seconds for i in minutes.items] == [270, 1200, 0]
    assert minutes.items[0].unheard == ["renee"]
    assert minutes.items[0].notes[0].kind == "decision"
    assert [(a.id, a.owner, a.growth) for a in minutes.actions] == [
        (1, "dana", False),
        (2, "renee", True),
        (3, None, False),
    ]
    assert minutes.actions[0].item == "Stakeholder map"
    assert minutes.unheard == []
    assert [p.text for p in minutes.parking_lot] == ["the late invoice"]
    talk = {a.id: a.talk_seconds for a in minutes.attendees}
    assert talk == {"dana": 90, "li": 90, "marco": 90, "renee": 1200}
    dana = minutes.attendees[0]
    assert dana.roles == ["moderator"]


def test_minutes_round_trip_through_toml(
    meeting: Meeting, clock: FakeClock, tmp_path: Path
) -> None:
    minutes = _simulated(meeting, clock)
    path = minutes.write(tmp_path / "minutes" / "acme.toml")
    assert Minutes.load(path) == minutes
    text = path.read_text(encoding="utf-8")
    assert "null" not in text and "owner" in text
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe", "m.toml: not UTF-8 text (byte 0xff at offset 0)"),
        (
            b"[meeting",
            "m.toml:1:9: expected ']' at the end of a table declaration",
        ),
        (
            b"[meeting]\ntitle = 'x'\nagenda = 'a'\nplanned_minutes = 1\nactual_seconds = 0\n",
            "m.toml: meeting.account: is required",
        ),
        (
            b"[meeting]\ntitle = 'x'\naccount = 'y'\nagenda = 'a'\nplanned_minuts = 1\n"
            b"actual_seconds = 0\n",
            'm.toml: meeting: unknown key "planned_minuts" (did you mean "planned_minutes"?)\n'
            "{tmp}/m.toml: meeting.planned_minutes: is required",
        ),
    ],
)
def test_bad_minutes_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "m.toml"
    path.write_bytes(content)
    with pytest.raises(MinutesError) as caught:
        Minutes.load(path)
    assert str(caught.value) == f"{tmp_path}/{message}".replace("{tmp}", str(tmp_path))


def test_missing_minutes_file(tmp_path: Path) -> None:
    with pytest.raises(MinutesError, match="no such file"):
        Minutes.load(tmp_path / "nope.toml")


def test_minutes_name_attendees_that_exist(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_bytes(
        b"[meeting]\ntitle = 'x'\naccount = 'y'\nagenda = 'a'\nplanned_minutes = 1\n"
        b"actual_seconds = 0\n[[attendees]]\nid = 'ann'\nname = 'Ann'\n"
        b"[[actions]]\nid = 1\ntext = 'do'\nitem = 'i'\nowner = 'zed'\nstatus = 'opne'\n"
    )
    with pytest.raises(MinutesError) as caught:
        Minutes.load(path)
    assert str(caught.value) == (
        f'{path}: actions[0].status: must be one of open, done, carried, dropped (got "opne")'
    )
    path.write_bytes(path.read_bytes().replace(b"opne", b"open"))
    with pytest.raises(MinutesError) as caught:
        Minutes.load(path)
    assert (
        str(caught.value) == f'{path}: actions[0].owner: "zed" is not an attendee id (known: ann)'
    )
