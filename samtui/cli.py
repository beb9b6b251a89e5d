"""The `samtui` command: one function and one `add_parser` block per subcommand.

Textual is imported only by the subcommands that open the app, so `samtui validate`
starts fast (a test checks that importing this module leaves textual unloaded).
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from importlib import resources
from pathlib import Path

from samtui import __version__
from samtui.core.agenda import Agenda
from samtui.core.errors import AgendaError, SamtuiError

DEFAULT_AGENDA = "agenda.toml"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


# -- validate ------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    """Check every file, not just up to the first bad one, so one run lists all fixes."""
    ok = True
    for path in args.files:
        try:
            agenda = Agenda.load(path)
        except AgendaError as err:
            print(err, file=sys.stderr)
            ok = False
            continue
        warnings = agenda.warnings()
        print(summary_line(path, agenda, len(warnings)))
        for warning in warnings:
            print(f"  warning: {warning}")
    return 0 if ok else 2


def summary_line(path: str | Path, agenda: Agenda, warnings: int) -> str:
    """One line that tells whether the agenda is what its author meant."""
    return (
        f"{path}: OK {json.dumps(agenda.meeting.title, ensure_ascii=False)}: "
        f"{_plural(len(agenda.items), 'item')}, "
        f"{agenda.planned_minutes} of {agenda.meeting.duration} minutes planned, "
        f"{_plural(len(agenda.attendees), 'attendee')}, "
        f"{_plural(warnings, 'warning') if warnings else 'no warnings'}"
    )


# -- new -----------------------------------------------------------------------------


def starter_agenda() -> str:
    """The commented starter agenda shipped with the package."""
    return (resources.files("samtui") / "templates" / "starter.toml").read_text(encoding="utf-8")


def cmd_new(args: argparse.Namespace) -> int:
    """Write the starter agenda; never overwrite, since an agenda is someone's work."""
    path = Path(args.path)
    if path.is_dir():
        path = path / DEFAULT_AGENDA
    try:
        with path.open("x", encoding="utf-8", newline="\n") as file:
            file.write(starter_agenda())
    except FileExistsError:
        raise SamtuiError(
            "already exists; not overwriting it (pick another name or move it away)", file=path
        ) from None
    except FileNotFoundError:
        folder = json.dumps(str(path.parent), ensure_ascii=False)
        raise SamtuiError(f"cannot write: folder {folder} does not exist", file=path) from None
    except PermissionError:
        raise SamtuiError("cannot write: permission denied", file=path) from None
    except OSError as err:
        raise SamtuiError(f"cannot write: {err.strerror or err}", file=path) from None
    shown = shlex.quote(str(path))
    print(f"Wrote {path}: a commented starter agenda for a strategic account review.")
    print(f"Edit it, then check it with:  samtui validate {shown}")
    print(f"and run the review with:      samtui run {shown}")
    return 0


# -- schema --------------------------------------------------------------------------


def cmd_schema(args: argparse.Namespace) -> int:
    """Print a JSON Schema, for editors that check TOML files against one (`#:schema`)."""
    schema = Agenda.json_schema()
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return 0


# -- wiring --------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; each subcommand sets `handler` to its cmd_ function."""
    parser = argparse.ArgumentParser(
        prog="samtui",
        description="Run strategic account reviews from the terminal: "
        "timed agenda, turns, live notes, minutes.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check agenda files and summarise them",
        description="Check agenda files; print a summary and warnings for each good one. "
        "Exit status 2 if any file has errors.",
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="agenda TOML file")
    validate.set_defaults(handler=cmd_validate)

    new = commands.add_parser(
        "new",
        help="write a commented starter agenda",
        description="Write a commented starter agenda that validates as written. "
        "Never overwrites an existing file.",
    )
    new.add_argument(
        "path",
        nargs="?",
        default=DEFAULT_AGENDA,
        metavar="PATH",
        help=f"file to create, or a folder to create {DEFAULT_AGENDA} in "
        f"(default: {DEFAULT_AGENDA})",
    )
    new.set_defaults(handler=cmd_new)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of a file format",
        description="Print the JSON Schema of a samtui file format, for editor checking.",
    )
    # "minutes" joins the choices once samtui.core.minutes exists.
    schema.add_argument("format", choices=["agenda"], help="which format")
    schema.set_defaults(handler=cmd_schema)

    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point: returns the exit status; errors a user can act on print as one line."""
    parser = build_parser()
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments:
        parser.print_help()
        return 2
    try:
        args = parser.parse_args(arguments)
    except SystemExit as exit_:  # argparse's usage errors (2), --help and --version (0)
        return exit_.code if isinstance(exit_.code, int) else 2
    if not hasattr(args, "handler"):
        parser.print_help()
        return 2
    try:
        status: int = args.handler(args)
    except SamtuiError as err:
        print(err, file=sys.stderr)
        return 2
    return status
