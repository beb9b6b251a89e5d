"""The Textual front end: screens render the core's state and send it intents."""
