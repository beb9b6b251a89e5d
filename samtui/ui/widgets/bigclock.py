"""A clock readable from the back of the room: digits drawn as large as their place allows.

The digits are a font of our own, 3 x 5 "pixels" a glyph, drawn in block and half-block
characters (a terminal cell is about twice as tall as wide, so a half-block pixel is about
square). The font is scaled to the largest whole size that fits the widget, width and
height each (the digits may be condensed up to 2:1, never stretched further), as termdown
and peaclock fit their digits to the terminal. Where no size fits, Textual's own Digits
style (three rows) is tried, then plain text: a clock is always shown.

Colour phases come from CSS classes the panel sets: normal, `-warning` (70 % of the budget),
`-over` (100 %, the overtime counting up), `-flash` (a moment when 100 % is crossed) and
`-paused` (the word PAUSED drawn large, the time under it).
"""

from __future__ import annotations

import math
from typing import Final

from rich.segment import Segment
from rich.style import Style
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

GLYPH_WIDTH: Final = 3
GLYPH_HEIGHT: Final = 5
MAX_CONDENSED: Final = 2
"""A pixel may be at most twice as tall as wide (narrow panels), never wider than tall x2."""

# Each glyph: five rows of three pixels ("#" on). Letters are those PAUSED needs.
_FONT: Final[dict[str, tuple[str, ...]]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", ".##", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", ".#.", ".#.", ".#."),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    "+": ("...", ".#.", "###", ".#.", "..."),
    "-": ("...", "...", "###", "...", "..."),
    " ": ("..",) * 5,
    "P": ("###", "#.#", "###", "#..", "#.."),
    "A": ("###", "#.#", "###", "#.#", "#.#"),
    "U": ("#.#", "#.#", "#.#", "#.#", "###"),
    "S": ("###", "#..", "###", "..#", "###"),
    "E": ("###", "#..", "##.", "#..", "###"),
    "D": ("##.", "#.#", "#.#", "#.#", "##."),
}
_HALVES: Final = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
# Textual's Digits style, for panels too small for the pixel font: three rows a glyph.
_SMALL: Final[dict[str, tuple[str, str, str]]] = {
    "0": ("╭─╮", "│ │", "╰─╯"),
    "1": ("╶┐ ", " │ ", "╶┴╴"),
    "2": ("╶─╮", "╭─╯", "╰─╴"),
    "3": ("╶─╮", " ─┤", "╶─╯"),
    "4": ("╷ ╷", "╰─┤", "  ╵"),
    "5": ("╭─╴", "╰─╮", "╶─╯"),
    "6": ("╭─╴", "├─╮", "╰─╯"),
    "7": ("╶─┐", "  │", "  ╵"),
    "8": ("╭─╮", "├─┤", "╰─╯"),
    "9": ("╭─╮", "╰─┤", "╶─╯"),
    ":": (" ", ":", " "),
    "+": ("   ", "╶┼╴", "   "),
    "-": ("   ", "╶─╴", "   "),
    " ": ("  ", "  ", "  "),
}


def pixel_width(text: str) -> int:
    """Pixels across `text` in the font, one pixel between glyphs."""
    glyphs = [_FONT.get(char, _FONT[" "]) for char in text]
    return sum(len(glyph[0]) for glyph in glyphs) + max(0, len(glyphs) - 1)


def fit(text: str, width: int, height: int) -> tuple[int, int] | None:
    """The largest (horizontal, vertical) pixel size, in cells and half-rows, at which
    `text` fits `width` x `height` cells; None below five rows (two half-rows a pixel)."""
    across = pixel_width(text)
    if across == 0:
        return None
    scale_x = width // across
    scale_y = (2 * height) // GLYPH_HEIGHT
    if scale_x < 1 or scale_y < 2:
        return None  # three rows: Textual's Digits style reads better than single pixels
    scale_y = min(scale_y, MAX_CONDENSED * scale_x)
    scale_x = min(scale_x, scale_y)  # never wider than tall: digits, not a banner
    return scale_x, scale_y


def render_big(text: str, scale_x: int, scale_y: int) -> list[str]:
    """`text` drawn in the pixel font at the given size, as lines of block characters."""
    rows: list[list[bool]] = [[] for _ in range(GLYPH_HEIGHT * scale_y)]
    for position, char in enumerate(text):
        glyph = _FONT.get(char, _FONT[" "])
        for pixel_row in range(GLYPH_HEIGHT):
            bits = [bit == "#" for bit in glyph[pixel_row]]
            if position:
                bits = [False, *bits]  # the pixel between glyphs
            cells = [bit for bit in bits for _ in range(scale_x)]
            for repeat in range(scale_y):
                rows[pixel_row * scale_y + repeat].extend(cells)
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    return [
        "".join(_HALVES[top, bottom] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(rows[0::2], rows[1::2], strict=True)
    ]


def render_small(text: str) -> list[str]:
    """`text` in three rows, Textual's Digits style."""
    glyphs = [_SMALL.get(char, _SMALL[" "]) for char in text]
    return ["".join(glyph[row] for glyph in glyphs) for row in range(3)]


def rows_for(text: str, width: int, height: int) -> list[str]:
    """The clock at the largest form that fits: pixel font, then three rows, then text."""
    size = fit(text, width, height)
    if size is not None:
        return render_big(text, *size)
    small = render_small(text)
    if height >= 3 and len(small[0]) <= width and all(c in _SMALL for c in text):
        return small
    return [text[:width]] if width else []


class BigClock(Widget):
    """Shows `time` (or PAUSED over it) as large as the widget's size allows, centred."""

    DEFAULT_CSS = """
    BigClock { width: 1fr; height: 1fr; min-height: 1; color: $success; }
    BigClock.-warning { color: $warning; }
    BigClock.-over { color: $error; }
    BigClock.-flash { background: $error; color: $background; }
    BigClock.-paused { color: $warning; }
    """

    time: reactive[str] = reactive("00:00")
    paused: reactive[bool] = reactive(False)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, classes=classes)
        self._lines: list[str] = []
        self._for: tuple[str, bool, int, int] | None = None
        self._strips_for: tuple[int, int, int, Style] | None = None
        self._drawn: list[Strip] = []

    def watch_time(self) -> None:
        self.refresh()

    def watch_paused(self) -> None:
        self.set_class(self.paused, "-paused")
        self.refresh()

    @property
    def rows_tall(self) -> int:
        """How many rows the digits take at the current size (for tests and the bench)."""
        return len(self._layout())

    def _layout(self) -> list[str]:
        width, height = self.content_size.width, self.content_size.height
        key = (self.time, self.paused, width, height)
        if key != self._for:
            self._for = key
            if self.paused and height >= 4:
                # The word large, the time in the rows left under it.
                word = rows_for("PAUSED", width, max(1, math.ceil(height * 0.6)))
                under = rows_for(self.time, width, height - len(word))
                self._lines = [*word, *under]
            else:
                self._lines = rows_for(self.time, width, height)
        return self._lines

    def render_line(self, y: int) -> Strip:
        strips = self._strips()
        if 0 <= y < len(strips):
            return strips[y]
        return Strip.blank(self.content_size.width, self.visual_style.rich_style)

    def _strips(self) -> list[Strip]:
        """Every row of the widget, made once for each time, size and style (a tick draws
        the rows one by one: the style, found through every ancestor, is looked up once)."""
        lines = self._layout()
        width, height = self.content_size.width, self.content_size.height
        style = self.visual_style.rich_style
        key = (id(lines), width, height, style)
        if key == self._strips_for:
            return self._drawn
        top = max(0, (height - len(lines)) // 2)
        blank = Strip([Segment(" " * width, style)], width)
        drawn = [blank] * height
        for row, line in enumerate(lines[: max(0, height - top)]):
            left = max(0, (width - len(line)) // 2)
            text = (" " * left + line).ljust(width)[:width]
            drawn[top + row] = Strip([Segment(text, style + Style())], width)
        self._strips_for, self._drawn = key, drawn
        return drawn
