"""The command palette, as a user types in it: the same hits in the same order every time."""

from __future__ import annotations

from pathlib import Path

from textual.command import Command, CommandList, CommandPalette
from waiting import until

from samtui.core.clock import FakeClock
from samtui.core.session import Session
from samtui.ui.app import SamApp

RUNS = 4


async def _palette_hits(session: Session, clock: FakeClock, query: str) -> list[str]:
    """Open the palette, type `query`, and read its list once every provider has answered."""
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette opens")
        await pilot.press(*query)
        palette = app.screen
        results = palette.query_one(CommandList)

        def answered() -> bool:
            gathering = [w for w in app.workers if w.node is palette and not w.is_finished]
            return not gathering and results.option_count > 0

        await until(pilot, answered, f"the palette answers {query!r}")
        hits = []
        for index in range(results.option_count):
            option = results.get_option_at_index(index)
            assert isinstance(option, Command)
            hits.append(str(option.hit.text))
        return hits


QUERIES = ("stakeholder", "map", "floor", "the", "jump")


async def test_the_palettes_hits_come_in_the_same_order_on_every_run(
    agenda_file: Path, clock: FakeClock
) -> None:
    """Issue 13.11: "stakeholder" then Enter opened the map in some runs and jumped the
    meeting to item 2 "Stakeholder map" in others."""
    seen: dict[str, list[list[str]]] = {}
    for _ in range(RUNS):
        session = Session.start(agenda_file, clock=clock, new=True)
        for query in QUERIES:
            seen.setdefault(query, []).append(await _palette_hits(session, clock, query))
        session.close()
    for query, runs in seen.items():
        assert all(run == runs[0] for run in runs), (query, runs)
    first = {query: runs[0] for query, runs in seen.items()}
    # the title the query spells, then the jump whose item has that title
    assert first["stakeholder"] == ["Stakeholder map", "Jump to item 2: Stakeholder map"]
    assert first["map"][:2] == ["Stakeholder map", "Jump to item 2: Stakeholder map"]
    # a word that starts the title ("Theme") before titles that only contain it
    assert first["the"][0] == "Theme"
    assert first["floor"][:2] == ["Give the floor", "Release the floor"]
    assert first["jump"] == [
        "Jump to item 1: Check-in round",
        "Jump to item 2: Stakeholder map",
        "Jump to item 3: Actions",
    ]


async def _enter_on(session: Session, clock: FakeClock, query: str, hits: int) -> type:
    """Type `query` in the palette, wait for its `hits`, press Enter: the screen then."""
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        results = app.screen.query_one(CommandList)
        await pilot.press(*query)
        await until(pilot, lambda: results.option_count == hits, f"{hits} hits listed")
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, CommandPalette), "it closes")
        await pilot.pause()
        return type(app.screen)


async def test_enter_on_stakeholder_opens_the_map_and_leaves_the_item(
    agenda_file: Path, clock: FakeClock
) -> None:
    from samtui.ui.screens.stakeholders import StakeholderScreen

    for _ in range(RUNS):
        session = Session.start(agenda_file, clock=clock, new=True)
        assert await _enter_on(session, clock, "stakeholder", hits=2) is StakeholderScreen
        assert session.meeting.state.current_item == 0
        session.close()
