"""Text that can be read from the back of the room (issue 13): every piece of text on every
screen, in every theme samtui ships, contrasts with its own background at least 4.5:1
(WCAG AA); the projector theme 7:1. Measured from the SVG screenshots: each text run's
fill against the background of the cells it stands on. A failure names the text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from contrast import Run, runs
from meetings import review_in_progress
from textual.screen import ModalScreen

from samtui.core.clock import FakeClock
from samtui.ui.app import SamApp
from samtui.ui.themes import SHIPPED

WANTED = {"samtui": 4.5, "projector": 7.0}
"""The least contrast each shipped theme promises."""
SCREENS = {
    "meeting": (),
    "check-in": None,  # the app opens on it
    "stakeholder map": ("f2",),
    "carry-over": ("f4",),
    "recap": ("ctrl+r",),
    "help": ("f1",),
    "stage": ("f12",),
    "floor picker": ("ctrl+g",),
    "closing": ("f10",),
}


def dialog_runs(app: SamApp) -> list[Run]:
    """The text a screen gives to be read: on a dialog, the dialog's own (the meeting
    behind it is shown dimmed, on purpose: not to be read, only to keep one's bearings)."""
    shown = runs(app.export_screenshot())
    if not isinstance(app.screen, ModalScreen):
        return shown
    regions = [child.region for child in app.screen.children if child.display]
    kept = [run for run in shown if any(r.contains(run.column, run.line) for r in regions)]
    assert kept, f"no text measured on {type(app.screen).__name__}"
    return kept


@pytest.mark.parametrize("theme", SHIPPED)
@pytest.mark.parametrize("size", [(160, 48), (80, 24)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_text_contrasts_with_its_background(
    theme: str, size: tuple[int, int], review_file: Path, clock: FakeClock
) -> None:
    session = review_in_progress(review_file, clock)
    failures: list[str] = []
    seen: set[tuple[str, str, str]] = set()
    least: Run | None = None
    try:
        for screen, keys in SCREENS.items():
            app = SamApp(session, clock=clock, ring_bell=False, theme=theme, checkin=keys is None)
            async with app.run_test(size=size) as pilot:
                await pilot.pause()
                if keys is None:  # the check-in: the meeting has started, show it anyway
                    from samtui.ui.screens.checkin import CheckinScreen

                    await app.push_screen(CheckinScreen())
                for key in keys or ():
                    await pilot.press(key)
                await pilot.pause()
                await pilot.pause()
                for run in dialog_runs(app):
                    if least is None or run.ratio < least.ratio:
                        least = run
                    if run.ratio < WANTED[theme] and (screen, run.fg, run.bg) not in seen:
                        seen.add((screen, run.fg, run.bg))
                        failures.append(
                            f"{screen}: {run.text[:40]!r} {run.fg} on {run.bg}: {run.ratio:.2f}:1"
                        )
    finally:
        session.close()
    assert least is not None
    print(f"{theme} {size}: lowest {least.ratio:.2f}:1 ({least.text[:30]!r})")
    assert not failures, f"below {WANTED[theme]}:1 in {theme}:\n" + "\n".join(failures)
