"""config.toml in the app: remapped keys work and are named everywhere, a bad file is a
notice over the defaults, and a theme picked in the palette is remembered."""

from __future__ import annotations

from pathlib import Path

import pytest
from notices import Notices
from textual.command import Command, CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Footer
from waiting import until

from samtui.config import ConfigError, Settings
from samtui.core.clock import FakeClock
from samtui.core.session import Session
from samtui.ui.app import SamApp
from samtui.ui.screens.help import HelpScreen, KeyTable


def _app(session: Session, clock: FakeClock, **options: object) -> SamApp:
    return SamApp(session, clock=clock, ring_bell=False, checkin=False, **options)  # type: ignore[arg-type]


async def test_a_remapped_key_does_the_action_and_the_old_one_does_not(
    session: Session, clock: FakeClock, tmp_path: Path, notices: Notices
) -> None:
    settings = Settings(tmp_path / "config.toml", keys={"next_item": "f11"}, exists=True)
    app = _app(session, clock, settings=settings)
    state = session.meeting.state
    async with app.run_test(size=(160, 48), message_hook=notices.hook) as pilot:
        await pilot.press("ctrl+n")
        assert state.current_item == 0
        await pilot.press("ctrl+t", "f11")  # a round with people not heard: it warns...
        assert state.current_item == 0
        assert notices.messages[-1].endswith("F11 again moves on anyway"), notices.messages
        await pilot.press("f11")  # ...and the remapped key moves on
        assert state.current_item == 1
        footer = app.screen.query_one(Footer)

        def shown() -> dict[str, str]:
            return {
                str(getattr(key, "action", "")): str(getattr(key, "key_display", ""))
                for key in footer.query("FooterKey")
            }

        await until(pilot, lambda: "next_item" in shown(), "the Footer's keys")
        assert shown()["next_item"] == "f11"
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one(KeyTable).text()  # the keys, as the help lists them
        assert "F11" in text and "ctrl+n" not in text
        await pilot.press("escape")


async def test_a_remapped_help_key_opens_and_closes_the_help(
    session: Session, clock: FakeClock, tmp_path: Path
) -> None:
    settings = Settings(tmp_path / "config.toml", keys={"help": "f11"}, exists=True)
    app = _app(session, clock, settings=settings)
    async with app.run_test() as pilot:
        await pilot.press("f1")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f11")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f11")
        assert not isinstance(app.screen, HelpScreen)


async def test_the_palette_names_the_remapped_key(
    session: Session, clock: FakeClock, tmp_path: Path
) -> None:
    settings = Settings(tmp_path / "config.toml", keys={"next_item": "alt+f12"}, exists=True)
    app = _app(session, clock, settings=settings)
    async with app.run_test():
        helps = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert helps["Next agenda item"].startswith("alt+F12: next agenda item")


async def test_a_bad_config_is_a_notice_and_the_defaults_work(
    session: Session, clock: FakeClock, tmp_path: Path, notices: Notices
) -> None:
    path = tmp_path / "config.toml"
    problem = ConfigError('unknown binding id "nxt_item"', file=path, place="keys.nxt_item")
    app = _app(session, clock, settings=Settings(path), config_problem=problem)
    async with app.run_test(message_hook=notices.hook) as pilot:
        await until(pilot, lambda: notices.told("keys.nxt_item"), "the config's problem shown")
        assert notices.told(f'{path}: keys.nxt_item: unknown binding id "nxt_item"')
        await pilot.press("f6")  # the default keys are in force
        assert session.meeting.state.items[0].added_seconds > 0


@pytest.mark.parametrize("checkin", [False, True], ids=["resumed", "by the check-in"])
async def test_a_bad_config_is_said_in_the_notice_bar_not_over_the_note_line(
    session: Session, clock: FakeClock, tmp_path: Path, checkin: bool
) -> None:
    """The trial: at 80x24 the "Config not used" toast, raised before the meeting screen
    was up, covered half the note line for 30 s; the README says no notice covers it."""
    from textual.widgets._toast import Toast

    from samtui.ui.screens.meeting import MeetingScreen
    from samtui.ui.widgets.notice import NoticeBar

    path = tmp_path / "config.toml"
    problem = ConfigError('unknown binding id "nxt_item"', file=path, place="keys.nxt_item")
    app = SamApp(
        session,
        clock=clock,
        ring_bell=False,
        checkin=checkin,
        config_problem=problem,
        settings=Settings(path),
    )
    async with app.run_test(size=(80, 24)) as pilot:
        if checkin:
            await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting")
        bar = app.screen.query_one(NoticeBar)
        await until(pilot, lambda: "keys.nxt_item" in str(bar.render()), "in the bar")
        await pilot.pause()
        assert not app.screen.query(Toast), "a toast over the meeting screen"


async def _choose(app: SamApp, pilot: Pilot[None], query: str, first: str) -> None:
    """In the open palette: type `query`, wait until `first` heads the list, Enter."""
    await until(pilot, lambda: isinstance(app.screen, CommandPalette), "a palette")
    results = app.screen.query_one(CommandList)
    await pilot.press(*query)

    def heads() -> bool:
        option = results.get_option_at_index(0) if results.option_count else None
        return isinstance(option, Command) and option.hit.text == first

    await until(pilot, heads, f"{first!r} first for {query!r}")
    await pilot.press("enter")


async def _pick_theme(app: SamApp, pilot: Pilot[None], name: str) -> None:
    """ctrl+p, "theme", Enter, then the theme's name and Enter: as a user picks one."""
    await pilot.press("ctrl+p")
    await _choose(app, pilot, "theme", "Theme")
    await _choose(app, pilot, name, name)
    await until(pilot, lambda: app.theme == name, f"the theme is {name}")


async def test_a_theme_picked_in_the_palette_is_remembered(
    session: Session, clock: FakeClock, tmp_path: Path
) -> None:
    path = tmp_path / "samtui" / "config.toml"
    path.parent.mkdir()
    path.write_text('# mine\n[keys]\nnext_item = "f11"  # far right\n', encoding="utf-8")
    app = _app(session, clock, settings=Settings(path, keys={"next_item": "f11"}, exists=True))
    async with app.run_test() as pilot:
        await _pick_theme(app, pilot, "projector")
        await app.workers.wait_for_complete()
    assert path.read_text(encoding="utf-8") == (
        '# mine\ntheme = "projector"\n\n[keys]\nnext_item = "f11"  # far right\n'
    )


async def test_the_theme_from_the_config_is_used_and_not_written_again(
    session: Session, clock: FakeClock, tmp_path: Path
) -> None:
    path = tmp_path / "config.toml"
    app = _app(session, clock, settings=Settings(path, theme="projector"))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "projector"
        await app.workers.wait_for_complete()
    assert not path.exists()
    chosen = _app(session, clock, theme="nord", settings=Settings(path, theme="projector"))
    async with chosen.run_test():
        assert chosen.theme == "nord"  # --theme wins over the config


async def test_a_viewer_remembers_no_theme(
    session: Session, clock: FakeClock, tmp_path: Path
) -> None:
    path = tmp_path / "config.toml"
    viewer = Session.resume(session.path, clock=clock, readonly=True)
    app = SamApp(
        viewer, clock=clock, ring_bell=False, checkin=False, role="viewer", settings=Settings(path)
    )
    async with app.run_test() as pilot:
        await _pick_theme(app, pilot, "projector")
        await app.workers.wait_for_complete()
    assert not path.exists()
    viewer.close()
