"""A journal that cannot be written (locked by another program, a full or read-only disk)
is a message on screen, never a crash that takes the meeting screen down."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from textual.dom import DOMNode

from samtui.core.errors import SamtuiError

P = ParamSpec("P")
R = TypeVar("R")
N = TypeVar("N", bound=DOMNode)


def guarded(action: Callable[Concatenate[N, P], R]) -> Callable[Concatenate[N, P], R | None]:
    """Run a screen action; a SamtuiError becomes an error notice and nothing else."""

    @functools.wraps(action)
    def run(node: N, /, *args: P.args, **kwargs: P.kwargs) -> R | None:
        try:
            return action(node, *args, **kwargs)
        except SamtuiError as err:
            node.app.notify(str(err), title="Not saved", severity="error", markup=False)
            return None

    return run
