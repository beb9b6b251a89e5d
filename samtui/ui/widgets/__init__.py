"""Panels of the meeting screen; each renders a `Moment` of the meeting."""
