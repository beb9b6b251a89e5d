"""The `samtui` command: one function and one `add_parser` block per subcommand.

Textual is imported only by the subcommands that open the app, so `samtui validate`
starts fast (a test checks that importing this module leaves textual unloaded).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shlex
import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TextIO, cast

from samtui import __version__
from samtui.core import durable, tomlfile
from samtui.core.agenda import Agenda
from samtui.core.errors import MinutesError, NoSession, SamtuiError
from samtui.core.formatting import plural
from samtui.core.minutes import Minutes, last_review
from samtui.core.vocabulary import VIEW_ROLES

if TYPE_CHECKING:
    from samtui.config import Settings
    from samtui.core.presence import ViewSlot
    from samtui.core.session import Session
    from samtui.core.vocabulary import ViewRole

DEFAULT_AGENDA = "agenda.toml"
WHERE_VARIABLE = "SAMTUI_WHERE"
"""Set by `samtui serve` and `samtui host` for the views they start: how the view joined
(the remote address), for the journal's record of who took part from where."""
REJOIN_VARIABLE = "SAMTUI_REJOIN"
"""Set by `samtui host` for its views: how their user comes back (not `samtui join`, which
is a command on the host's machine)."""
DEFAULT_MAX_VIEWS = 20
"""`samtui serve --max-views`: about 60 MB a view, a little over a gigabyte in all."""
ROLES_TO_JOIN_AS = list(VIEW_ROLES)


# -- validate ------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    """Check every file, not just up to the first bad one, so one run lists all fixes."""
    ok = True
    for path in args.files:
        try:
            if looks_like_minutes(Path(path)):
                print(minutes_summary_line(path, Minutes.load(path)))
                continue
            agenda = Agenda.load(path)
            last_review(agenda)  # as `run` reads them, so what passes here runs there
        except SamtuiError as err:
            print(err, file=sys.stderr)
            ok = False
            continue
        warnings = agenda.warnings()
        print(summary_line(path, agenda, len(warnings)))
        for warning in warnings:
            print(f"  warning: {warning}")
    return 0 if ok else 2


def looks_like_minutes(path: Path) -> bool:
    """Anything that does not look like minutes is checked as an agenda."""
    return tomlfile.document_kind(path) == "minutes"


def _looks_like_agenda(path: Path) -> bool:
    """An agenda given where minutes belong: worth saying so rather than a missing key."""
    return tomlfile.document_kind(path) == "agenda"


def minutes_summary_line(path: str | Path, minutes: Minutes) -> str:
    """One line that tells what a minutes file holds."""
    open_actions = sum(action.status == "open" for action in minutes.actions)
    return (
        f"{path}: OK minutes of {json.dumps(minutes.meeting.title, ensure_ascii=False)}: "
        f"{plural(len(minutes.items), 'item')}, "
        f"{plural(len(minutes.actions), 'action')} ({open_actions} open), "
        f"{plural(len(minutes.attendees), 'attendee')}"
    )


def summary_line(path: str | Path, agenda: Agenda, warnings: int) -> str:
    """One line that tells whether the agenda is what its author meant."""
    return (
        f"{path}: OK {json.dumps(agenda.meeting.title, ensure_ascii=False)}: "
        f"{plural(len(agenda.items), 'item')}, "
        f"{agenda.planned_minutes} of {agenda.meeting.duration} minutes planned, "
        f"{plural(len(agenda.attendees), 'attendee')}, "
        f"{plural(warnings, 'warning') if warnings else 'no warnings'}"
    )


# -- new -----------------------------------------------------------------------------


def starter_agenda() -> str:
    """The commented starter agenda shipped with the package."""
    return (resources.files("samtui") / "templates" / "starter.toml").read_text(encoding="utf-8")


def cmd_new(args: argparse.Namespace) -> int:
    """Write the starter agenda, or the next review's from minutes; never overwrite."""
    if args.from_minutes is None:
        if args.keep_roles:
            raise SamtuiError("only goes with --from MINUTES", place="--keep-roles")
        path = write_new_agenda(Path(args.path), starter_agenda())
        shown = shlex.quote(str(path))
        print(f"Wrote {path}: a commented starter agenda for a strategic account review.")
        print(f"Edit it, then check it with:  samtui validate {shown}")
        print(f"and run the review with:      samtui run {shown}")
        return 0
    from samtui.core.next_review import next_agenda

    minutes_path = Path(args.from_minutes)
    try:
        minutes = Minutes.load(minutes_path)
    except MinutesError:
        if _looks_like_agenda(minutes_path):
            raise MinutesError(
                "is an agenda, not minutes (--from takes the minutes a review wrote)",
                file=minutes_path,
            ) from None
        raise
    path = _agenda_path(Path(args.path))
    text = next_agenda(minutes, minutes_path, path, keep_roles=args.keep_roles)
    write_new_agenda(path, text)
    agenda = Agenda.loads(text, source=path)
    roles = agenda.roles
    how = "kept" if args.keep_roles else "rotated; --keep-roles keeps them"
    shown = shlex.quote(str(path))
    print(f"Wrote {path}: the next review of {agenda.meeting.account}, from {minutes_path}.")
    print(
        f"Roles ({how}): moderator {roles.moderator}, time keeper {roles.timekeeper}, "
        f"scribe {roles.scribe}."
    )
    print(f"Edit the items, then check it with:  samtui validate {shown}")
    print(f"and run the review with:             samtui run {shown}")
    return 0


def _agenda_path(path: Path) -> Path:
    """A folder given as PATH means the default agenda name inside it."""
    return path / DEFAULT_AGENDA if path.is_dir() else path


def write_new_agenda(path: Path, text: str) -> Path:
    """Create the agenda file whole or not at all: an agenda is someone's work, never
    overwritten, and a failed write (a full disk) leaves nothing in the next one's way."""
    return durable.write_atomic(
        _agenda_path(path),
        text,
        make_folders=False,
        taken="already exists; not overwriting it (pick another name or move it away)",
    )


# -- schema --------------------------------------------------------------------------


def cmd_schema(args: argparse.Namespace) -> int:
    """Print a JSON Schema, for editors that check TOML files against one (`#:schema`)."""
    schema = Agenda.json_schema() if args.format == "agenda" else Minutes.json_schema()
    _write_stdout(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", "schema")
    return 0


# -- run, resume ---------------------------------------------------------------------


def _quiet_collector() -> None:
    """No garbage collection while a session loads and its first screen is drawn: nothing
    made then is garbage, and a meeting of 50,000 notes spent as long collecting as
    replaying. The app turns it back on (frozen) after its first frame."""
    import gc

    gc.disable()


def cmd_run(args: argparse.Namespace) -> int:
    """Open a new meeting on an agenda, on the shared screen."""
    _quiet_collector()
    from samtui.core.clock import SystemClock
    from samtui.core.presence import ViewSlot
    from samtui.core.session import Session

    theme = _check_theme(args.theme)
    clock = SystemClock()
    session = Session.start(
        Path(args.agenda), clock=clock, out=args.out, force=args.force, new=args.new
    )
    with ViewSlot.room(session.path, since=clock.now()) as slot:
        return _run_app(session, args, theme, slot=slot)


def cmd_resume(args: argparse.Namespace) -> int:
    """Reopen a journaled meeting with every note, turn and clock as they were."""
    _quiet_collector()
    from samtui.core.clock import SystemClock
    from samtui.core.journal import resolve_session
    from samtui.core.presence import ViewSlot
    from samtui.core.session import Session

    theme = _check_theme(args.theme)
    clock = SystemClock()
    path = resolve_session(args.session)
    # One room view per session: a second would load the same unsent line and pause the
    # clock for the first; it is told to join instead.
    with ViewSlot.room(path, since=clock.now()) as slot:
        session = Session.resume(path, clock=clock)
        if session.meeting.state.ended and session.journal.info().state == "finished":
            session.close()
            raise SamtuiError(
                "this meeting is finished; `samtui export` writes its minutes again",
                file=session.path.stem,
            )
        return _run_app(session, args, theme, slot=slot)


def cmd_join(args: argparse.Namespace) -> int:
    """Another view of a live meeting: same journal, a layout for the role."""
    _quiet_collector()
    from samtui.core.clock import SystemClock
    from samtui.core.journal import resolve_session
    from samtui.core.presence import ViewSlot
    from samtui.core.session import Session
    from samtui.core.vocabulary import READ_ONLY_VIEWS

    theme = _check_theme(args.theme)
    clock = SystemClock()
    path = resolve_session(args.session)
    where = os.environ.get(WHERE_VARIABLE) or "this machine"
    with ViewSlot.join(path, args.role, since=clock.now(), where=where) as slot:
        readonly = args.role in READ_ONLY_VIEWS
        session = Session.resume(path, clock=clock, readonly=readonly)
        if session.meeting.state.ended:
            session.close()
            raise SamtuiError(
                "this meeting has ended; `samtui export` writes its minutes",
                file=session.path.stem,
            )
        return _run_app(session, args, theme, role=args.role, slot=slot, where=where)


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve a live meeting to web browsers: each tab runs a `join` view of it."""
    from samtui import serve
    from samtui.core.journal import resolve_session

    if args.max_views < 1:
        raise SamtuiError(f"must be at least 1 (got {args.max_views})", place="--max-views")
    try:
        allowed = frozenset(serve.host_name(name) for name in args.allow_host)
    except ValueError as err:
        raise SamtuiError(str(err), place="--allow-host") from None
    path = resolve_session(args.session).absolute()
    # exec: the view is the shell's process itself, so stopping one stops the other
    command = "exec " + shlex.join(
        [sys.executable, "-m", "samtui", "join", str(path), "--as", args.role, "--no-bell"]
    )
    if not serve.is_loopback(args.host):
        print(
            f"samtui serve: {args.host} is reachable from other machines. Every view needs "
            "the link's token, but HTTP is not encrypted: anyone on the way can read the "
            "meeting and the token"
            + ("" if args.role == "viewer" else f", and then type into it as {args.role}")
            + ". Use an SSH tunnel, or a TLS reverse proxy (--allow-host NAME).",
            file=sys.stderr,
        )
    code = _serve_code(path) if args.code else None
    server = serve.MeetingServer(
        command,
        title=path.stem,
        secret=serve.Secret.generate(code=code),
        hosts=serve.HostNames(args.host, allowed),
        max_views=args.max_views,
    )

    def announce(link: str) -> None:
        print(f"Serving {path.stem} at {link} (ctrl+c stops)")
        print(
            "Give the whole link, token included, to those who may follow the meeting; "
            f"at most {plural(args.max_views, 'view')} at once.",
            flush=True,
        )
        if code is not None:
            bare = link.split("?", 1)[0]
            print(f"Or open {bare} and type the join code {code}", flush=True)
        if args.host in serve.WILDCARDS:
            print("From other machines, use this machine's address in the link.", flush=True)

    try:
        serve.run(server, host=args.host, port=args.port, announce=announce)
    except OSError as err:  # the port is taken, the address is not this machine's
        shown = f"[{args.host}]" if ":" in args.host else args.host
        raise SamtuiError(
            f"cannot serve on {shown}:{args.port} ({err.strerror or err})", place="serve"
        ) from None
    return 0


def _serve_code(journal: Path) -> str:
    """The join code of the `samtui host` serving this meeting (one code to read out for
    both), or a new one."""
    from samtui.host.code import new_code
    from samtui.host.notice import read_notice

    notice = read_notice(journal)
    return notice.code if notice is not None else new_code()


# -- host ----------------------------------------------------------------------------


def cmd_host(args: argparse.Namespace) -> int:
    """Serve a live meeting over SSH: each connection is a `join` view in its own terminal."""
    from samtui.host import run

    if args.max_views < 1:
        raise SamtuiError(f"must be at least 1 (got {args.max_views})", place="--max-views")
    if not 0 <= args.port <= 65535:
        raise SamtuiError(f"must be a port from 0 to 65535 (got {args.port})", place="--port")
    return run.host(
        args.session,
        listen=args.listen,
        port=args.port,
        max_views=args.max_views,
        viewers_open=args.viewers_open,
    )


def _check_theme(name: str | None) -> str | None:
    if name is None:
        return None
    from samtui.ui.themes import theme_names

    known = theme_names()
    if name not in known:
        raise SamtuiError(f'no theme "{name}" (known: {", ".join(known)})', place="--theme")
    return name


def _run_app(
    session: Session,
    args: argparse.Namespace,
    theme: str | None,
    *,
    role: ViewRole | None = None,
    slot: ViewSlot | None = None,
    where: str = "this machine",
) -> int:
    from samtui.core.vocabulary import READ_ONLY_VIEWS
    from samtui.ui.app import SamApp

    settings, problem = _settings()
    # Who changed the meeting from where: the journal records writing views coming and going.
    recorded = role is not None and role not in READ_ONLY_VIEWS and slot is not None
    if recorded and slot is not None and role is not None:
        session.meeting.view_joined(slot.slot, role, where)
    try:
        app = SamApp(
            session,
            ring_bell=not args.no_bell,
            theme=theme,
            checkin=role is None,
            role=role,
            slot=slot.slot if slot is not None else None,
            where=where,
            settings=settings,
            config_problem=problem,
        )
        app.run()
    finally:
        if recorded and slot is not None:
            with contextlib.suppress(SamtuiError):  # leaving must not fail on a locked file
                session.meeting.view_left(slot.slot)
        info = session.journal.info()
        session.close()
    name = shlex.quote(info.path.stem)
    lost = session.meeting.journal_lost
    if lost is not None:
        print(f"{info.path}: {lost.message}; the meeting was not saved in it")
        if app.rescued is not None:
            print(f"Its minutes, from memory, are in {app.rescued}")
        return 2
    if info.state == "finished" and info.minutes_path is not None:
        print(f"Minutes written to {info.minutes_path}")
    elif role is not None and os.environ.get(REJOIN_VARIABLE):
        print("You left this view; the meeting goes on.")
        print(f"Back with {os.environ[REJOIN_VARIABLE]}.")
    elif role is not None:
        print(f"You left this view; the meeting goes on in {info.path}")
        print(f"Back with:  samtui join {name} --as {role}")
    else:
        print(f"The meeting is saved in {info.path}")
        print(f"Carry on with:  samtui resume {name}")
    return app.return_code or 0


# -- config --------------------------------------------------------------------------


def _settings() -> tuple[Settings, SamtuiError | None]:
    """config.toml as the app uses it: the settings, or the defaults and why."""
    from samtui import config
    from samtui.locations import config_path
    from samtui.ui.keys import DEFAULT_KEYS, RESERVED_KEYS
    from samtui.ui.themes import theme_names

    path = config_path()
    try:
        settings = config.load(
            path, defaults=DEFAULT_KEYS, themes=theme_names(), reserved=RESERVED_KEYS
        )
    except SamtuiError as err:
        return config.Settings(path), err
    return settings, None


def cmd_config(args: argparse.Namespace) -> int:
    """Where config.toml is and what is in force, written as TOML a user can copy."""
    import tomli_w

    from samtui.ui.keys import MEETING, KeyChart

    settings, problem = _settings()
    if problem is not None:
        raise problem
    chart = KeyChart(settings.keys)
    there = "" if settings.exists else "  (no such file yet: every default is in force)"
    print(f"# {settings.path}{there}")
    if settings.theme is not None:
        print(tomli_w.dumps({"theme": settings.theme}), end="")
    else:
        from samtui.ui.themes import DEFAULT as DEFAULT_THEME  # Textual only for `config`

        print(
            f"# theme: {DEFAULT_THEME}, the default (or --theme); a theme picked in the palette "
            "is remembered here"
        )
    print("\n[keys]  # binding id = key; the help (F1) and the README say what each does")
    lines = [
        (tomli_w.dumps({key.id: ",".join(chart.keys(key.id))}).rstrip("\n"), key) for key in MEETING
    ]
    width = max(len(line) for line, _ in lines)
    for line, key in lines:
        if key.id in settings.keys:
            print(f"{line.ljust(width)}  # remapped; the default is {key.keys}")
        else:
            print(line)
    return 0


# -- sessions, export -----------------------------------------------------------------


def cmd_sessions(args: argparse.Namespace) -> int:
    """List journaled sessions, newest first."""
    from samtui.core.journal import list_sessions

    sessions = list_sessions()
    if not sessions:
        print("No sessions yet: `samtui run AGENDA` starts one.")
        return 0
    for info in sessions:
        if info.state in ("damaged", "locked"):
            print(f"{info.path.stem}  {info.state}: {info.problem}")
            continue
        title = json.dumps(info.title, ensure_ascii=False)
        print(f"{info.path.stem}  {info.created_at:%Y-%m-%d %H:%M}  {info.state:<8}  {title}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the minutes of a session after the fact (the latest one by default)."""
    from samtui.core.clock import SystemClock
    from samtui.core.journal import latest_session
    from samtui.core.session import Session

    name = args.session
    if name is None:
        latest = latest_session(unfinished_only=False)
        if latest is None:
            raise SamtuiError("no session yet (`samtui run AGENDA` starts one)")
        name = str(latest.path)
    session = Session.resume(name, clock=SystemClock(), tolerate_damage=True)
    try:
        path = session.export(args.out, at_last_event=True)
        ended = session.meeting.state.ended
        damage = session.damage
    finally:
        session.close()
    print(f"Minutes written to {path}")
    if damage is not None:
        print(
            f"{damage}: the minutes hold the meeting up to event {damage.seq - 1}",
            file=sys.stderr,
        )
        return 2
    if not ended:
        print(
            "The meeting has not ended, so these minutes are a snapshot: "
            f"`samtui resume {shlex.quote(session.path.stem)}` carries on, F10 ends it."
        )
    return 0


# -- report --------------------------------------------------------------------------


CSV_FORMATS: Final = ("csv", "salesforce", "hubspot")
"""The report formats that are spreadsheets: `--raw` goes with these."""


def cmd_report(args: argparse.Namespace) -> int:
    """Render minutes for e-mail, wikis (Markdown), calendars (iCalendar) or a CRM import."""
    from samtui.core import crm, ics, report

    if args.raw and args.format not in CSV_FORMATS:
        raise SamtuiError(
            f"only goes with a CSV format ({', '.join(CSV_FORMATS)}), not {args.format}",
            place="--raw",
        )
    try:
        minutes = Minutes.load(args.minutes)
    except MinutesError:
        if _looks_like_agenda(Path(args.minutes)):
            raise MinutesError(
                "is an agenda, not minutes (report takes the minutes a review wrote)",
                file=args.minutes,
            ) from None
        raise
    source = Path(args.minutes)
    warnings: list[str] = []
    if args.format == "md":
        text = report.markdown(minutes)
    elif args.format == "csv":
        text = report.actions_csv(minutes, raw=args.raw)
    elif args.format == "ics":
        text, warnings = ics.calendar(minutes, source=source)
    else:
        profile = crm.PROFILES[args.format]
        text, warnings = crm.crm_csv(minutes, profile, raw=args.raw, source=source)
    for warning in warnings:
        print(f"{args.minutes}: {warning}", file=sys.stderr)
    if args.out is not None:
        path = durable.write_atomic(args.out, text)
        print(f"Report written to {path}")
        return 0
    _write_stdout(text, "report")
    return 0


# -- history -------------------------------------------------------------------------


def cmd_history(args: argparse.Namespace) -> int:
    """An account's reviews read together: commitments, stakeholders, participation, the
    funnel and red flags; on a screen, or as Markdown or CSV."""
    from samtui.core import history, history_report

    if args.raw and args.format != "csv":
        raise SamtuiError("only goes with --format csv", place="--raw")
    if args.out is not None and args.format is None:
        raise SamtuiError("only goes with --format md or --format csv", place="--out")
    if args.theme is not None and args.format is not None:
        raise SamtuiError("only goes with the screen (without --format)", place="--theme")
    theme = _check_theme(args.theme)
    reading = history.read(args.paths, account=args.account)
    if args.format is not None or not reading.accounts:
        _tell_skipped(reading.skipped)
    if not reading.accounts:
        if args.account is not None and reading.seen_accounts:
            seen = ", ".join(json.dumps(name, ensure_ascii=False) for name in reading.seen_accounts)
            raise SamtuiError(
                f"no review of this account (the minutes are of {seen})", place="--account"
            )
        raise SamtuiError("no minutes of a held review to read", file=" ".join(args.paths))
    found = history.histories(reading)
    status = 2 if reading.bad else 0
    if args.format is None:
        from samtui.ui.screens.history import HistoryApp

        HistoryApp(found, reading.skipped, theme=theme).run()
        _tell_skipped(reading.skipped)  # after the screen, so they stay on the terminal
        return status
    if args.format == "md":
        text = history_report.markdown(found, reading.skipped)
    else:
        text = history_report.csv(found, raw=args.raw)
    if args.out is not None:
        path = durable.write_atomic(args.out, text)
        print(f"History written to {path}")
    else:
        _write_stdout(text, "history")
    return status


def _tell_skipped(skipped: list[Any]) -> None:
    for line in skipped:
        print(line, file=sys.stderr)


def _write_stdout(text: str, what: str) -> None:
    """UTF-8 bytes as rendered (CSV keeps its CRLF), whatever the terminal's encoding.

    `what` names the output for the error when standard output is closed (`>&-`).
    """
    if sys.stdout is None:
        raise OutputError(f"is closed, so the {what} has nowhere to go", place=STDOUT)
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    try:
        if buffer is None:
            sys.stdout.write(text)
            return
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as err:
        raise OutputError(durable.reason(err), place=STDOUT) from None


STDOUT: Final = "standard output"


class OutputError(SamtuiError):
    """Standard output cannot take what a command prints: closed, or on a full disk."""


class _CheckedStdout:
    """sys.stdout while a command runs: a write that fails (a full disk, an I/O error) is
    an OutputError, told in one line, not a traceback. A reader that left (BrokenPipeError,
    `samtui schema agenda | head`) stays what it is."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as err:
            raise OutputError(durable.reason(err), place=STDOUT) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as err:
            raise OutputError(durable.reason(err), place=STDOUT) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


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
    validate.add_argument("files", nargs="+", metavar="FILE", help="agenda or minutes TOML file")
    validate.set_defaults(handler=cmd_validate)

    new = commands.add_parser(
        "new",
        help="write a commented starter agenda",
        description="Write a commented starter agenda that validates as written, or, with "
        "--from, the next review's agenda drafted from the last review's minutes. "
        "Never overwrites an existing file.",
        usage="%(prog)s [-h] [PATH] [--from MINUTES [--keep-roles]]",
    )
    new.add_argument(
        "path",
        nargs="?",
        default=DEFAULT_AGENDA,
        metavar="PATH",
        help=f"file to create, or a folder to create {DEFAULT_AGENDA} in "
        f"(default: {DEFAULT_AGENDA})",
    )
    new.add_argument(
        "--from",
        dest="from_minutes",
        metavar="MINUTES",
        help="draft the next review's agenda from the last review's minutes: same team, "
        "stakeholders and funnel, the last items to edit, roles passed to the next attendees",
    )
    new.add_argument(
        "--keep-roles",
        action="store_true",
        help="with --from: keep the moderator, time keeper and scribe instead of rotating",
    )
    new.set_defaults(handler=cmd_new)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of a file format",
        description="Print the JSON Schema of a samtui file format, for editor checking.",
    )
    schema.add_argument("format", choices=["agenda", "minutes"], help="which format")
    schema.set_defaults(handler=cmd_schema)

    run = commands.add_parser(
        "run",
        help="run a review on the shared screen",
        description="Open the meeting screen on an agenda. Every change is journaled at "
        "once; ctrl+q quits and `samtui resume` brings the meeting back.",
    )
    run.add_argument("agenda", metavar="AGENDA", help="agenda TOML file")
    run.add_argument(
        "--out",
        type=Path,
        metavar="PATH",
        help="where to write the minutes (default: minutes/<agenda>-<date>.toml beside it)",
    )
    run.add_argument(
        "--force",
        action="store_true",
        help="let the minutes replace an existing --out PATH (the one exception to "
        "never overwriting)",
    )
    run.add_argument(
        "--new",
        action="store_true",
        help="start a new session even if this agenda has an unfinished one",
    )
    _add_screen_options(run)
    run.set_defaults(handler=cmd_run)

    resume = commands.add_parser(
        "resume",
        help="reopen an unfinished meeting",
        description="Reopen a journaled meeting (the latest unfinished one by default) "
        "with every note, turn and clock as they were.",
    )
    _add_session_argument(resume)
    _add_screen_options(resume)
    resume.set_defaults(handler=cmd_resume)

    join = commands.add_parser(
        "join",
        help="open another view of a live meeting",
        description="Open another terminal on a running session (the latest by default). "
        "Every view reads and writes the same journal and shows what the others wrote.",
    )
    _add_session_argument(join)
    _add_role_option(
        join,
        "layout: the moderator's, the scribe's puts the notes first, the timekeeper's the "
        "clocks; a viewer only follows (the default); the stage is the item's big clock for "
        "a second screen or the wall, and follows too",
    )
    _add_screen_options(join)
    join.set_defaults(handler=cmd_join)

    serve = commands.add_parser(
        "serve",
        help="serve a live meeting to web browsers",
        description="Serve a running session to web browsers (textual-serve): each browser "
        "tab runs a `samtui join` view. Only the printed link (it carries a token made "
        "for this run) opens it, and only at this server's own host names. Binds to "
        "loopback unless --host says otherwise.",
    )
    _add_session_argument(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback)")
    serve.add_argument(
        "--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)"
    )
    serve.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="also answer to this host name, e.g. a TLS reverse proxy's (repeatable)",
    )
    serve.add_argument(
        "--max-views",
        type=int,
        default=DEFAULT_MAX_VIEWS,
        metavar="N",
        help=f"browser views at once; each is a process (default: {DEFAULT_MAX_VIEWS})",
    )
    _add_role_option(serve, "what the browser views may do (default: viewer, read-only)")
    serve.add_argument(
        "--code",
        action="store_true",
        help="also let in whoever types the join code at the bare address: the running "
        "`samtui host`'s for this meeting (one code for both), or a new one, printed",
    )
    serve.set_defaults(handler=cmd_serve)

    host = commands.add_parser(
        "host",
        help="serve a live meeting over SSH",
        description="Serve a running session (the latest by default) over SSH: anyone with "
        "an ssh client joins as a role (ssh -p 2222 scribe@HOST), each connection a "
        "`samtui join` view in its own terminal. The join code printed (new for each run) "
        "is the password for every role; keys in authorized_keys in samtui's config folder "
        "also get in. Listens on loopback unless --listen says otherwise.",
    )
    _add_session_argument(host)
    host.add_argument(
        "--listen",
        default="127.0.0.1",
        metavar="ADDRESS",
        help="address to listen on (default: 127.0.0.1, this machine only; 0.0.0.0 for all)",
    )
    host.add_argument(
        "--port", type=int, default=2222, help="port (default: 2222; 0 picks a free one)"
    )
    host.add_argument(
        "--max-views",
        type=int,
        default=50,
        metavar="N",
        help="views at once; each is a process (default: 50)",
    )
    host.add_argument(
        "--viewers-open",
        action="store_true",
        help="let viewers in without the join code (they cannot change anything)",
    )
    host.set_defaults(handler=cmd_host)
    settings = commands.add_parser(
        "config",
        help="show where config.toml is and the settings in force",
        description="Print the path of config.toml (keys remapped, the theme last picked) "
        "and the settings in force, as TOML. Exit status 2 if the file is bad.",
    )
    settings.set_defaults(handler=cmd_config)

    sessions = commands.add_parser(
        "sessions", help="list meeting sessions", description="List journaled sessions."
    )
    sessions.set_defaults(handler=cmd_sessions)

    export = commands.add_parser(
        "export",
        help="write the minutes of a session",
        description="Write the minutes of a session, finished or not (the latest by "
        "default). Never overwrites: the default name moves on to -2, -3 when taken; "
        "an existing --out PATH is refused.",
    )
    _add_session_argument(export)
    export.add_argument("--out", type=Path, metavar="PATH", help="minutes file to write")
    export.set_defaults(handler=cmd_export)

    report = commands.add_parser(
        "report",
        help="render minutes as Markdown, a calendar, or the actions for a CRM",
        description="Render a minutes file as Markdown for e-mail and wikis, its actions "
        "(open and carried) as CSV, as an iCalendar file of to-dos (and the next review), "
        "or as a task import for Salesforce or HubSpot. Writes to stdout unless --out; "
        "--out never overwrites.",
    )
    report.add_argument("minutes", metavar="MINUTES", help="minutes TOML file")
    report.add_argument(
        "--format",
        choices=["md", "csv", "ics", "salesforce", "hubspot"],
        default="md",
        help="md: the whole minutes in Markdown (default); csv: one row per action; "
        "ics: a to-do per action and an event for the next review; salesforce, hubspot: "
        "a task import for that CRM",
    )
    report.add_argument(
        "--raw",
        action="store_true",
        help="CSV formats only (csv, salesforce, hubspot): every cell exactly as typed; by "
        "default a cell that starts with = + - @ or a tab gets a leading ' so no "
        "spreadsheet runs it as a formula",
    )
    report.add_argument(
        "--out", type=Path, metavar="PATH", help="file to write (never overwritten)"
    )
    report.set_defaults(handler=cmd_report)

    history = commands.add_parser(
        "history",
        help="read an account's reviews together",
        description="Read minutes files (or folders of them) together: each account's "
        "commitments per owner, stakeholders over time, participation, the funnel and red "
        "flags. Opens a screen, or writes --format md or csv to stdout or --out (never "
        "overwritten). A file that is not minutes, or of another account than --account, "
        "is named on stderr and skipped; exit status 2 if a file could not be read.",
    )
    history.add_argument(
        "paths", nargs="+", metavar="PATH", help="minutes TOML file, or a folder of them"
    )
    history.add_argument(
        "--account", metavar="NAME", help="only this account (case and spacing ignored)"
    )
    history.add_argument(
        "--format",
        choices=["md", "csv"],
        help="md: Markdown; csv: one row per fact; without it, the history opens on a screen",
    )
    history.add_argument(
        "--raw",
        action="store_true",
        help="csv only: every cell exactly as typed (by default a cell that starts with "
        "= + - @ or a tab gets a leading ')",
    )
    history.add_argument(
        "--out", type=Path, metavar="PATH", help="file to write (never overwritten)"
    )
    history.add_argument(
        "--theme", metavar="NAME", help='colour theme of the screen, e.g. "projector"'
    )
    history.set_defaults(handler=cmd_history)

    return parser


def _add_session_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument("session", nargs="?", metavar="SESSION", help="session name or file")


def _add_role_option(command: argparse.ArgumentParser, what: str) -> None:
    command.add_argument("--as", dest="role", choices=ROLES_TO_JOIN_AS, default="viewer", help=what)


def _add_screen_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--no-bell", action="store_true", help="no terminal bell when an item runs over"
    )
    command.add_argument(
        "--theme", metavar="NAME", help='colour theme, e.g. "projector" (high contrast)'
    )


def explain(err: SamtuiError) -> str:
    """The error's line, with what to type next where the core left that to the CLI."""
    from samtui.core.presence import RoomTaken
    from samtui.core.session import JournalDamage, OutExists, UnfinishedSession

    if isinstance(err, UnfinishedSession):
        agenda = shlex.quote(str(err.file))
        return (
            f'{err}: resume it with "samtui resume {err.session}", or start another with '
            f'"samtui run {agenda} --new"'
        )
    if isinstance(err, RoomTaken):
        name = shlex.quote(err.journal.stem)
        return f"{err}: another view opens with  samtui join {name} --as moderator"
    if isinstance(err, OutExists):
        return f"{err}: pass --force to overwrite it"
    if isinstance(err, NoSession):
        return f"{err} (see `samtui sessions`)"
    if isinstance(err, JournalDamage):
        return f"{err}; `samtui export` writes the minutes of the meeting before it"
    return str(err)


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
    stdout = sys.stdout
    if stdout is not None:
        sys.stdout = cast(TextIO, _CheckedStdout(stdout))
    try:
        status: int = args.handler(args)
        if sys.stdout is not None:  # None when started with stdout closed (`>&-`)
            sys.stdout.flush()
    except OutputError as err:
        _complain(err)
        _silence(stdout)
        return 2
    except SamtuiError as err:
        _complain(err)
        return 2
    except BrokenPipeError:  # `samtui schema agenda | head`: the reader had enough
        _silence(stdout)
        return 0
    finally:
        sys.stdout = stdout
    return status


def _complain(err: SamtuiError) -> None:
    """The one line on stderr; with stderr closed or failing there is nobody to tell."""
    if sys.stderr is None:
        return
    with contextlib.suppress(OSError):
        print(explain(err), file=sys.stderr)


def _silence(stdout: TextIO | None) -> None:
    """Point the process's stdout at /dev/null, so the flush at exit of what could not be
    written does not fail again (a second error, exit status 120). Only the real one:
    a stream put in its place (a test capturing output) is left alone."""
    if stdout is not sys.__stdout__ or stdout is None:
        return
    try:
        descriptor = stdout.fileno()
    except (OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)
