"""`samtui host`: the live meeting over SSH, each connection a `samtui join` view in its own
pseudo-terminal.

The parts that the room's screen reads (the join code, the notice beside the journal) import
neither asyncssh nor Textual, so showing who may connect costs the room nothing.
"""
