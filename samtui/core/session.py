"""A meeting session: the agenda, its journal, the live meeting and where minutes go.

The CLI and the app both go through here, so `run`, `resume` and `export` agree on every
rule: one unfinished session per agenda, minutes never overwrite, a failed export loses
nothing because the meeting stays in the journal.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from samtui import locations
from samtui.core.agenda import Agenda
from samtui.core.clock import Clock
from samtui.core.errors import ExportError, JournalError, SamtuiError
from samtui.core.events import CarriedActionData, EventError
from samtui.core.journal import Journal, latest_session, resolve_session
from samtui.core.meeting import Meeting
from samtui.core.minutes import Minutes, last_review
from samtui.core.presence import ROOM
from samtui.core.state import DamagedEvent, MeetingState


class UnfinishedSession(SamtuiError):
    """A new session was asked for an agenda whose last session was never finished."""

    def __init__(self, agenda_path: Path, session: str, started: datetime) -> None:
        super().__init__(
            f"an unfinished review of this agenda is in the journal (session {session}, "
            f"started {started:%Y-%m-%d %H:%M})",
            file=agenda_path,
        )
        self.session = session
        self.started = started


class OutExists(ExportError):
    """The minutes file asked for is already there (and replacing it was not asked)."""


class JournalDamage(JournalError):
    """The journal holds an event that cannot be read or cannot have happened; the events
    before it are a meeting that can still be exported."""

    def __init__(self, path: Path, seq: int, reason: str) -> None:
        super().__init__(f"the journal is damaged ({reason})", file=path, place=f"event {seq}")
        self.seq = seq


class Session:
    """One meeting and its journal; `start` a new one or `resume` a journaled one."""

    def __init__(
        self,
        journal: Journal,
        agenda: Agenda,
        clock: Clock,
        *,
        readonly: bool = False,
        tolerate_damage: bool = False,
    ) -> None:
        self.journal = journal
        self.agenda = agenda
        self.clock = clock
        self.readonly = readonly
        """A view that only follows: it writes nothing, anywhere (no minutes, no drafts)."""
        events, unreadable = journal.read_events()
        state, impossible = MeetingState.replay_until_damage(agenda, events)
        damage: EventError | DamagedEvent | None = impossible or unreadable
        self.damage = (
            JournalDamage(journal.path, damage.seq, damage.reason) if damage is not None else None
        )
        """Where the journal stops making sense; the meeting holds the events before it."""
        if self.damage is not None and not tolerate_damage:
            raise self.damage
        self.meeting = Meeting(
            agenda, journal, clock, state=state, readonly=readonly or self.damage is not None
        )
        self.agenda_path = journal.info().agenda_path
        self.overwrite = False

    @property
    def path(self) -> Path:
        return self.journal.path

    @classmethod
    def start(
        cls,
        agenda_path: Path,
        *,
        clock: Clock,
        out: Path | None = None,
        force: bool = False,
        new: bool = False,
    ) -> Session:
        """Open a new session on an agenda file, after checking what could go wrong later."""
        agenda = Agenda.load(agenda_path)
        if out is not None:
            out = out.expanduser().absolute()
            if out.is_dir():
                raise ExportError("is a folder: give a file name for the minutes", file=out)
            if out.exists() and not force:
                raise OutExists("already exists", file=out)
        if not new:
            unfinished = latest_session(agenda_path=agenda_path)
            if unfinished is not None:
                raise UnfinishedSession(agenda_path, unfinished.path.stem, unfinished.created_at)
        carried = open_actions_of_last_review(agenda)  # a bad file stops us before a journal
        now = clock.now()
        journal = Journal.create(
            locations.new_session_path(agenda_path.stem, now.astimezone()),
            agenda_text=agenda.text,
            agenda_path=agenda_path.absolute(),
            title=agenda.meeting.title,
            account=agenda.meeting.account,
            export_path=out,
            created_at=now,
        )
        session = cls(journal, agenda, clock)
        session.overwrite = force
        if carried is not None:
            session.meeting.load_carry_over(*carried)
        return session

    @classmethod
    def resume(
        cls,
        name: str | Path | None,
        *,
        clock: Clock,
        readonly: bool = False,
        tolerate_damage: bool = False,
    ) -> Session:
        """Reopen a journaled session (the latest unfinished one by default).

        A damaged journal is JournalDamage, unless `tolerate_damage`: then the session
        holds the meeting up to the damage, read-only, so it can be exported.
        """
        path = resolve_session(None if name is None else str(name))
        journal = Journal.open(path, readonly=readonly)
        try:
            info = journal.info()
            agenda = Agenda.loads(journal.agenda_text, source=info.agenda_path)
            return cls(journal, agenda, clock, readonly=readonly, tolerate_damage=tolerate_damage)
        except BaseException:
            journal.close()
            raise

    # -- minutes -------------------------------------------------------------------------

    def minutes(self, *, at_last_event: bool = False) -> Minutes:
        """The minutes now; or as of the last journaled event, for a meeting left running
        (a crashed meeting's clock should not count the hours until someone exported it)."""
        state = self.meeting.state
        return Minutes.from_state(
            state,
            state.last_offset if at_last_event else self.meeting.offset,
            agenda_path=str(self.agenda_path),
            session=self.path.stem,
        )

    def default_minutes_path(self, *, snapshot: bool = False) -> Path:
        started = self.meeting.state.started_at or self.clock.now()
        path = locations.default_minutes_path(self.agenda_path, started.date())
        if snapshot:
            path = locations.next_free_path(path.with_stem(path.stem + "-snapshot"))
        return path

    def export(
        self, path: Path | None = None, *, snapshot: bool = False, at_last_event: bool = False
    ) -> Path:
        """Write the minutes; once the meeting has ended, this marks the session finished."""
        return self.write(self.minutes(at_last_event=at_last_event), path, snapshot=snapshot)

    def write(self, minutes: Minutes, path: Path | None = None, *, snapshot: bool = False) -> Path:
        """Write minutes taken earlier: the UI takes them on its thread, writes on another.

        A path given here must be free; the session's own path (`run --out`) is overwritten
        only under `--force`, and a default path moves on to `-2`, `-3` when taken.
        """
        if self.readonly:
            raise ExportError("this view only follows the meeting: it writes no files")
        overwrite = False
        if path is None and not snapshot:
            chosen = self.journal.info().export_path
            if chosen is not None:
                overwrite = self.overwrite
                path = chosen if overwrite else locations.next_free_path(chosen)
        if path is None:
            path = self.default_minutes_path(snapshot=snapshot)
        written = minutes.write(path, overwrite=overwrite)
        if not snapshot and self.meeting.state.ended and self.meeting.journal_lost is None:
            # Only an ended meeting is finished: minutes of one still going (an export
            # from another terminal) must not stop it from being resumed and ended.
            self.journal.mark_finished(written, self.clock.now())
        return written

    def finish(self, path: Path | None = None) -> Path:
        """End the meeting (journaled first) and write its minutes."""
        if not self.meeting.state.ended:
            self.meeting.end()
        return self.export(path)

    # -- the scribe's draft --------------------------------------------------------------

    def save_draft(self, text: str, view: str = ROOM) -> None:
        if self.readonly:
            raise ExportError("this view only follows the meeting: it writes no files")
        self.journal.save_draft(text, view)

    def draft(self, view: str = ROOM) -> str:
        return self.journal.draft(view)

    def close(self) -> None:
        self.journal.close()


def open_actions_of_last_review(agenda: Agenda) -> tuple[str, list[CarriedActionData]] | None:
    """The open actions in `previous_minutes`, as the journal keeps them; None without one.

    A missing or invalid minutes file is a MinutesError naming it, raised at start.
    """
    minutes = last_review(agenda)
    if minutes is None or agenda.meeting.previous_minutes is None:
        return None
    from samtui.core.history import Chain  # only with a last review: start-up pays nothing

    path = agenda.resolve(agenda.meeting.previous_minutes)
    chain = Chain({path: minutes})  # older minutes are read as carried_from names them
    return agenda.meeting.previous_minutes, [
        CarriedActionData(
            id=action.id,
            text=action.text,
            item=action.item,
            owner=action.owner,
            due=action.due,
            growth=action.growth,
            carried_from=action.carried_from,
            times_carried=chain.times_carried(path, minutes, action),
        )
        for action in minutes.actions
        if action.status == "open"
    ]
