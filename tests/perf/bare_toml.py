"""The baseline of `samtui validate`: Python, tomllib, and the file loaded; nothing else.

python tests/perf/bare_toml.py AGENDA
"""

from __future__ import annotations

import sys
import tomllib

with open(sys.argv[1], "rb") as file:
    tomllib.load(file)
