"""Contrast of every piece of text in an SVG screenshot (Textual's `export_screenshot`).

Each `<text>` run has a fill (its CSS class) and stands on the background rectangles of its
line; the ratio is WCAG 2's, (L1 + 0.05) / (L2 + 0.05) of relative luminances. Box-drawing
characters (panel borders) are decoration, not text; block characters are the big clock's
digits and count.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_CLASS = re.compile(r"\.(terminal-(?:\d+-)?r\d+) \{ fill: (#[0-9a-fA-F]{6})")
_RECT = re.compile(
    r'<rect fill="(#[0-9a-fA-F]{6})" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" '
    r'height="([\d.]+)" shape-rendering="crispEdges"/>'
)
_TEXT = re.compile(
    r'<text class="(terminal-(?:\d+-)?r\d+)" x="([\d.]+)" y="([\d.]+)" textLength="([\d.]+)"[^>]*>'
    r"(.*?)</text>",
    flags=re.S,
)
_LINE = 24.4
_CELL = 12.2
"""Rich's SVG export: 20 px characters, 0.61 as wide as high, lines 1.22 as high."""
_DECORATION = re.compile(r"[\s\u2500-\u257f▁▔▏▕▎▊▌▐▍▋▉]")
"""Spaces, box drawing and the eighth blocks panels, inputs and the footer are framed with:
a run made only of these is a border. The clock's █ ▀ ▄ (and a bar of █) are text."""


@dataclass(frozen=True)
class Run:
    """A run of text on the screen, its colour and its background."""

    text: str
    line: int
    fg: str
    bg: str
    column: int = 0
    """The cell the run starts in."""

    @property
    def ratio(self) -> float:
        return contrast(self.fg, self.bg)


def _scrollbar(text: str) -> bool:
    """A scrollbar's thumb: one or two block characters (the clock's digits are wider)."""
    shown = text.strip()
    return 0 < len(shown) <= 2 and all("\u2580" <= char <= "\u259f" for char in shown)


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def runs(svg: str) -> list[Run]:
    """Every run of real text (not only spaces or borders), with its background."""
    fills = dict(_CLASS.findall(svg))
    backgrounds: dict[int, list[tuple[float, float, str]]] = {}
    for fill, x, y, width, _height in _RECT.findall(svg):
        line = round((float(y) - 1.5) / _LINE)
        backgrounds.setdefault(line, []).append((float(x), float(x) + float(width), fill))
    found = []
    for css, x, y, width, raw in _TEXT.findall(svg):
        text = html.unescape(raw).replace("\xa0", " ")
        if not _DECORATION.sub("", text) or css not in fills or _scrollbar(text):
            continue
        line = round((float(y) - 20) / _LINE)
        middle = float(x) + float(width) / 2
        under = [fill for left, right, fill in backgrounds.get(line, []) if left <= middle < right]
        if under:
            leading = len(text) - len(text.lstrip())
            column = round(float(x) / _CELL) + leading
            found.append(Run(text.strip(), line, fills[css], under[0], column))
    return found


def lowest(svg: str) -> Run | None:
    """The run with the least contrast on the screen."""
    shown = runs(svg)
    return min(shown, key=lambda run: run.ratio) if shown else None
