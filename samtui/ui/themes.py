"""The themes samtui ships: readable from the back of a room.

`samtui` (the default) is Textual's dark theme with every colour that carries text raised
to at least 4.5:1 against the backgrounds it is drawn on (WCAG AA); `projector` is pure
black and bright colours, at least 7:1, for projectors that wash colours out. The contrast
test (tests/ui/test_contrast.py) measures both from the screens themselves.
"""

from __future__ import annotations

from typing import Final

from textual.theme import Theme

DEFAULT: Final = "samtui"

SAMTUI = Theme(
    name="samtui",
    primary="#4aa3f0",
    secondary="#7cc4ff",
    accent="#ffb347",
    warning="#ffb347",
    error="#ff6b81",
    success="#5fd38a",
    foreground="#e8e8e8",
    background="#121212",
    surface="#1c1c1c",
    panel="#262b31",
    dark=True,
    variables={
        "text-muted": "#b0b0b0",
        "foreground-muted": "#b0b0b0",
        "text-disabled": "#9a9a9a",
        "block-cursor-background": "#1f5f99",
        "block-cursor-foreground": "#ffffff",
        "block-cursor-blurred-background": "#2e4a66",
        "block-cursor-blurred-foreground": "#ffffff",
        "border": "#4aa3f0",
        "border-blurred": "#3a4a5a",
        "input-selection-background": "#1f5f99",
        "footer-key-foreground": "#ffb347",
        "footer-description-foreground": "#e8e8e8",
        "scrollbar": "#3a4a5a",
    },
)

PROJECTOR = Theme(
    name="projector",
    primary="#FFFFFF",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFA500",
    error="#FF7777",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    dark=True,
    variables={
        "text-muted": "#D0D0D0",
        "foreground-muted": "#D0D0D0",
        "text-disabled": "#C0C0C0",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "block-cursor-blurred-background": "#404040",
        "block-cursor-blurred-foreground": "#FFFFFF",
        "border": "#FFFFFF",
        "border-blurred": "#808080",
        "input-selection-background": "#404040",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
    },
)

THEMES = [SAMTUI, PROJECTOR]
SHIPPED: Final = tuple(theme.name for theme in THEMES)
"""The themes samtui ships and promises contrast for (Textual's own are offered too)."""


def theme_names() -> list[str]:
    """Every theme `--theme` accepts: Textual's own and ours."""
    from textual.theme import BUILTIN_THEMES

    return sorted({*BUILTIN_THEMES, *(theme.name for theme in THEMES)})
