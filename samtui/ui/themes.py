"""A high-contrast theme for projectors: pure black, bright colours, nothing mid-grey."""

from __future__ import annotations

from textual.theme import Theme

PROJECTOR = Theme(
    name="projector",
    primary="#FFFFFF",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFA500",
    error="#FF3030",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    dark=True,
    variables={"text-muted": "#D0D0D0", "foreground-muted": "#D0D0D0"},
)

THEMES = [PROJECTOR]


def theme_names() -> list[str]:
    """Every theme `--theme` accepts: Textual's own and ours."""
    from textual.theme import BUILTIN_THEMES

    return sorted({*BUILTIN_THEMES, *(theme.name for theme in THEMES)})
