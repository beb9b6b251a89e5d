"""Updating a label on every clock tick without paying for a layout pass each time."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


def show(label: Static, text: Content | str) -> None:
    """Set `text` if it changed; lay out again only if its length changed (it could wrap)."""
    before = label.content
    if before == text:
        return
    same_length = isinstance(before, Content | str) and len(before) == len(text)
    label.update(text, layout=not same_length)
