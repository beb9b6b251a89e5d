"""The meeting screen's Footer: the keys that fit whole, most needed first; help and the
palette at its right end at every width (Textual's Footer cuts off whatever passes the edge).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer, Static

from samtui.ui.keys import ALWAYS_IN_FOOTER, FOOTER_PRIORITY, MEETING

KEY_GAP = 1
"""A compact Footer's margin after each key (Textual's Footer CSS)."""


class KeyFooter(Footer):
    """Textual's compact Footer, keeping only the keys that fit: `always` first, then
    `priority` in its order; they are shown in the key table's order (a remapped binding
    moves to the end of Textual's list), the `always` ones at the right end."""

    DEFAULT_CSS = """
    KeyFooter > .-spacer { width: 1fr; height: 1; background: $footer-background; }
    """

    def __init__(
        self,
        *,
        always: Sequence[str] = ALWAYS_IN_FOOTER,
        priority: Sequence[str] = FOOTER_PRIORITY,
    ) -> None:
        super().__init__(compact=True, show_command_palette=True)
        self._always = tuple(always)
        self._priority = tuple(priority)
        self._composed_width = 0

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        width = self.size.width or self.app.size.width
        self._composed_width = width
        order = {action: rank for rank, action in enumerate(self._always + self._priority)}
        by_need = sorted(range(len(keys)), key=lambda i: order.get(_action(keys[i]), len(order)))
        kept: set[int] = set()
        used = 0
        for index in by_need:
            needed = _width(keys[index])
            if used + needed <= width:
                kept.add(index)
                used += needed
            elif _action(keys[index]) in self._always:
                kept.add(index)  # never dropped; a terminal this narrow hides the Footer
                used += needed
        table = [key.id for key in MEETING]
        shown = sorted(
            (keys[index] for index in kept),
            key=lambda key: (
                _action(key) in self._always,
                self._always.index(_action(key)) if _action(key) in self._always else 0,
                table.index(_action(key)) if _action(key) in table else len(table),
            ),
        )
        spacer_done = False
        for key in shown:
            if not spacer_done and _action(key) in self._always:
                spacer_done = True
                yield Static(classes="-spacer")  # pushes help and the palette right
            yield key

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._composed_width:
            self.call_after_refresh(self.recompose)


def _action(key: Widget) -> str:
    action: str = getattr(key, "action", "")
    return action.removeprefix("app.").removeprefix("screen.")


def _width(key: Widget) -> int:
    """Cells a compact key takes: "f5" + " " + "Start/Pause", and the gap after it."""
    display = str(getattr(key, "key_display", ""))
    description = str(getattr(key, "description", ""))
    border = 1 if key.has_class("-command-palette") else 0  # its rule on the left
    return border + cell_len(display) + (1 + cell_len(description) if description else 0) + KEY_GAP
