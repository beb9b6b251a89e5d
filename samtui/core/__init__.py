"""The pure core: agenda, events, clock, turns, notes, journal, minutes. No Textual here."""
