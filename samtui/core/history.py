"""The account's memory: its reviews read together, as one story.

A strategic account is reviewed every quarter for years. Each set of minutes records the
actions (with `carried_from`), the stakeholder map and its changes, talk time and who was
not heard; here they are read together: who keeps their commitments, how stakeholders
move, who stays quiet, whether the funnel gap closes, which red flags keep firing.

Pure: no Textual. `samtui history` shows a `History` on a screen or renders it as
Markdown or CSV (below); the next review uses `Chain` (how often an open action has been
carried) and `red_flags` over the meeting as it stands (`standing_now`).

`carried_from` is `<file>#<id>` with the file as the agenda named its `previous_minutes`:
relative to the agenda's folder. It is looked for there (the minutes record the agenda's
path), then beside the citing minutes, then by its name beside them (a folder moved).
A link reaches a review, not a file: the files of one session (final minutes, an export
again, a snapshot, a copy) are one review (`review_key`), and a file renamed since is
found by the action it lists (`Chain._renamed`).
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Final

from samtui.core import stakeholders as rules_of_the_map
from samtui.core.agenda import Agenda
from samtui.core.errors import MinutesError, SamtuiError
from samtui.core.formatting import money, plural
from samtui.core.minutes import ActionRecord, FunnelRecord, Minutes
from samtui.core.stakeholders import MapEntry
from samtui.core.state import MeetingState
from samtui.core.vocabulary import ActionStatus, Heard, Influence, Stance

CARRIED_OFTEN: Final = 3
"""An action carried this many times or more is called out by name."""
VALIDATION_DAYS: Final = rules_of_the_map.VALIDATION_DAYS
"""A relationship not validated for this long is a red flag (the map's window, one)."""
QUIET_WINDOW: Final = 3
QUIET_TIMES: Final = 2
"""Not heard in QUIET_TIMES or more of the last QUIET_WINDOW reviews: someone to bring in."""
GAP_WINDOW: Final = 3
"""The funnel gap should shrink over this many reviews."""
MAX_CARRIES: Final = 10_000
"""A bound on following `carried_from` (a hand-edited loop must not hang the reader)."""


# -- reading the files -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file left out, and why, in one line naming it."""

    line: str
    bad: bool = True
    """True when the file could not be read as minutes; False when it is fine minutes that
    were not asked for (another account, another copy of a review already read)."""

    def __str__(self) -> str:
        return f"{self.line}; skipped"


@dataclass(frozen=True, slots=True)
class Review:
    """One minutes file, read."""

    path: Path
    """Absolute, with links resolved: the file's identity."""
    shown: str
    """The path as the user named it (or as found in a folder they named)."""
    minutes: Minutes
    held: datetime
    written: int = 0
    """When the file was last written (ns): of two copies of a review, the first written is
    the one kept (an export or a copy is made after the final minutes)."""

    @property
    def day(self) -> date:
        return self.held.date()

    @property
    def key(self) -> str:
        """The review the file is minutes of (`review_key`): copies share it."""
        return review_key(self.minutes) or f"file {self.path}"


@dataclass(frozen=True, slots=True)
class AccountReviews:
    account: str
    """As the latest review spells it."""
    reviews: list[Review]
    """Oldest first (by `started_at`)."""


@dataclass(frozen=True, slots=True)
class Reading:
    accounts: list[AccountReviews]
    skipped: list[Skipped]
    every: dict[Path, Minutes]
    """Every minutes file read, whichever account: `carried_from` may point at any."""
    seen_accounts: list[str]
    """Every account found, asked for or not (to say which there are)."""
    chain: Chain | None = None
    """The links between them, as far as followed while reading (each file read once)."""

    @property
    def bad(self) -> bool:
        """Whether a file could not be read as minutes (the CLI's exit status 2)."""
        return any(skip.bad for skip in self.skipped)


def folded(text: str) -> str:
    """Names and accounts are the same whatever the case or spacing: "Acme  corp" is
    "Acme Corp"."""
    return " ".join(text.split()).casefold()


def held_at(minutes: Minutes) -> datetime | None:
    """When the review was held; a TOML local date-time (written by hand) as this machine's."""
    held = minutes.meeting.started_at or minutes.meeting.ended_at
    if held is not None and held.tzinfo is None:
        held = held.astimezone()
    return held


def review_key(minutes: Minutes) -> str | None:
    """What makes two files minutes of one review, whatever their names: the session they
    were written from (the final minutes, `samtui export` again, a snapshot, a copy); for
    minutes with no session, the account and the moment the review started."""
    if minutes.meeting.session is not None:
        return f"session {minutes.meeting.session}"
    held = held_at(minutes)
    return None if held is None else f"{folded(minutes.meeting.account)} at {held.isoformat()}"


def identity(path: Path) -> Path:
    """A file's identity: absolute, links resolved."""
    return Path(os.path.realpath(path))


def read(paths: Sequence[str | Path], account: str | None = None) -> Reading:
    """Read minutes files and folders of them (their `*.toml`), grouped by account.

    Nothing raises: a file that cannot be read, is not minutes, is of another account than
    `account`, or repeats a file or a session already read is a `Skipped` line.
    """
    skipped: list[Skipped] = []
    files: dict[Path, str] = {}
    for given in paths:
        for path, problem in _files_in(Path(given)):
            if problem is not None:
                skipped.append(Skipped(f"{path}: {problem}"))
            else:
                files.setdefault(identity(path), str(path))
    every: dict[Path, Minutes] = {}
    reviews: list[Review] = []
    for key, shown in files.items():
        try:
            minutes = Minutes.load(shown)
        except MinutesError as err:
            reason = f"{shown}: is an agenda, not minutes" if _is_agenda(key) else _line(err)
            skipped.append(Skipped(reason))
            continue
        every[key] = minutes
        held = held_at(minutes)
        if held is None:
            skipped.append(Skipped(f"{shown}: a review that never started", bad=False))
            continue
        reviews.append(Review(key, shown, minutes, held, _written(key)))
    groups: dict[str, list[Review]] = {}
    for review in reviews:
        groups.setdefault(folded(review.minutes.meeting.account), []).append(review)
    seen = [group[-1].minutes.meeting.account for group in groups.values()]
    if account is not None:
        asked = folded(account)
        for name, group in list(groups.items()):
            if name != asked:
                for review in group:
                    other = review.minutes.meeting.account
                    skipped.append(
                        Skipped(f'{review.shown}: minutes of "{other}", not of "{account}"', False)
                    )
                del groups[name]
    accounts = []
    chain = Chain(every)
    cited = _cited(reviews, chain)
    for group in groups.values():
        kept = _one_per_review(group, cited, skipped)
        kept.sort(key=lambda review: (review.held, str(review.path)))
        accounts.append(AccountReviews(kept[-1].minutes.meeting.account, kept))
    accounts.sort(key=lambda found: folded(found.account))
    return Reading(accounts, skipped, every, seen, chain)


def _files_in(path: Path) -> list[tuple[Path, str | None]]:
    """The minutes files `path` names: itself, or a folder's `*.toml`; or why none."""
    try:
        if path.is_dir():
            found = sorted(
                child
                for child in path.iterdir()
                if child.suffix == ".toml" and not child.name.startswith(".") and child.is_file()
            )
            return [(child, None) for child in found] or [(path, "a folder with no .toml files")]
        if path.is_file():
            return [(path, None)]
        if path.exists():  # a FIFO or a device: reading it could wait forever
            return [(path, "not a regular file")]
    except (OSError, ValueError) as err:
        return [(path, f"cannot read: {getattr(err, 'strerror', None) or err}")]
    return [(path, "no such file or folder")]


def _line(err: SamtuiError) -> str:
    """An error of one or several problems, in one line."""
    lines = str(err).splitlines()
    if len(lines) <= 1:
        return str(err)
    more = len(err.problems) - 1 if err.problems else len(lines) - 1
    return f"{lines[0]} (and {plural(more, 'more problem')})"


def _is_agenda(path: Path) -> bool:
    """An agenda given where minutes belong: worth saying so, not its first missing key."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError, RecursionError):
        return False
    return isinstance(document.get("roles"), dict) and "actions" not in document


def _written(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def _cited(reviews: list[Review], chain: Chain) -> set[Path]:
    """The files other reviews' carried actions name (the ones their agendas followed on
    from)."""
    named: set[Path] = set()
    for review in reviews:
        minutes = review.minutes
        for action in (*minutes.actions, *minutes.closed_actions):
            if action.carried_from is not None:
                found = chain.source(review.path, minutes, action.carried_from)
                if found is not None:
                    named.add(found[0])
    return named


def _one_per_review(group: list[Review], cited: set[Path], skipped: list[Skipped]) -> list[Review]:
    """Files of one review (`Review.key`: one session) are one review; the one kept is, in
    this order: the final minutes over a snapshot of the meeting still running; the more
    complete (the longer meeting clock, then the more records); the file the next review's
    carried actions name; the first written; the shorter name; the first by path. The
    others are skipped, each in a line naming the one kept."""

    def preference(review: Review) -> tuple[bool, int, int, bool, int, int]:
        minutes = review.minutes
        records = len(minutes.actions) + len(minutes.closed_actions)
        records += len(minutes.stakeholder_changes) + len(minutes.questions)
        records += len(minutes.parking_lot) + sum(len(item.notes) for item in minutes.items)
        ended = minutes.meeting.ended_at is not None
        linked = review.path in cited
        shorter = -len(review.path.name)  # `x.toml` before `samtui export`'s `x-2.toml`
        return (ended, minutes.meeting.actual_seconds, records, linked, -review.written, shorter)

    same: dict[str, list[Review]] = {}
    for review in group:
        same.setdefault(review.key, []).append(review)
    kept: list[Review] = []
    for copies in same.values():
        copies.sort(key=lambda review: str(review.path))
        keep = max(copies, key=preference)  # the first of equals: the first path
        kept.append(keep)
        session = keep.minutes.meeting.session
        same_what = (
            f"the same session ({session})"
            if session is not None
            else f"the same review (started {keep.held.isoformat()})"
        )
        for drop in copies:
            if drop is not keep:
                skipped.append(Skipped(f"{drop.shown}: {same_what} as {keep.shown}", False))
    return kept


# -- carried_from, across files ---------------------------------------------------------


class Chain:
    """Minutes files by identity, each read at most once, and the `carried_from` links
    between their actions. Files not given are read from disk when a link names them; one
    that cannot be read ends the chain there (the count is then what could be followed)."""

    def __init__(self, known: Mapping[Path, Minutes] | None = None) -> None:
        self._identities: dict[Path, Path] = {}
        self._minutes: dict[Path, Minutes | None] = {
            self._identity(path): minutes for path, minutes in (known or {}).items()
        }
        self._actions: dict[Path, dict[int, ActionRecord]] = {}
        self._files: dict[tuple[Path, str], Path | None] = {}
        self._moved: dict[tuple[Path, str], Path | None] = {}
        self._carried: dict[tuple[Path, int], int] = {}

    def _identity(self, path: Path) -> Path:
        """`identity`, asked of the file system once per path (links take system calls)."""
        found = self._identities.get(path)
        if found is None:
            found = self._identities[path] = identity(path)
            self._identities[found] = found
        return found

    def minutes(self, path: Path) -> Minutes | None:
        """The minutes at `path`, read once; None when they cannot be read."""
        key = self._identity(path)
        if key not in self._minutes:
            try:
                # Only a regular file: `carried_from` may name /dev/zero or a FIFO.
                self._minutes[key] = Minutes.load(key) if key.is_file() else None
            except (MinutesError, OSError, ValueError):
                self._minutes[key] = None
        return self._minutes[key]

    def source(self, citing: Path, minutes: Minutes, reference: str) -> tuple[Path, int] | None:
        """The file and action number `reference` (`<file>#<id>`) names, cited in `citing`."""
        file, mark, number = reference.rpartition("#")
        if not mark or not file or not number.isdigit():
            return None
        key = (self._identity(citing), file)
        if key not in self._files:
            self._files[key] = self._find(key[0], minutes, file)
        found = self._files[key]
        return None if found is None else (found, int(number))

    def _find(self, citing: Path, minutes: Minutes, file: str) -> Path | None:
        named = Path(file)
        candidates = [named] if named.is_absolute() else []
        if not named.is_absolute():
            agenda = Path(minutes.meeting.agenda)
            if agenda.is_absolute():
                candidates.append(agenda.parent / named)
            candidates += [citing.parent / named, citing.parent / named.name]
        for candidate in candidates:
            if self._identity(candidate) in self._minutes:
                return self._identity(candidate)
        for candidate in candidates:
            if self.minutes(candidate) is not None:
                return self._identity(candidate)
        return None

    def _renamed(
        self, citing: Path, minutes: Minutes, action: ActionRecord
    ) -> tuple[Path, int] | None:
        """Where a link whose file is no longer there (renamed, or moved on its own) points:
        among the minutes read, the latest of the account held before the citing ones that
        list that action number open with the same text. Decided once per file named."""
        reference = action.carried_from or ""
        file, _, number = reference.rpartition("#")
        if not number.isdigit():
            return None
        key = (self._identity(citing), file)
        if key not in self._moved:
            self._moved[key] = self._look_for(key[0], minutes, int(number), action.text)
        found = self._moved[key]
        return None if found is None else (found, int(number))

    def _look_for(self, citing: Path, minutes: Minutes, number: int, text: str) -> Path | None:
        account, held = folded(minutes.meeting.account), held_at(minutes)
        best: tuple[datetime, Path] | None = None
        for path, earlier in self._minutes.items():
            if earlier is None or path == citing or folded(earlier.meeting.account) != account:
                continue
            when = held_at(earlier)
            if when is None or (held is not None and when >= held):
                continue
            if any(a.id == number and a.text == text for a in earlier.actions) and (
                best is None or when > best[0]
            ):
                best = (when, path)
        return None if best is None else best[1]

    def parent(
        self, citing: Path, minutes: Minutes, action: ActionRecord
    ) -> tuple[Path, Minutes, ActionRecord] | None:
        """The action `action` was carried from, in the file it names; None if none."""
        if action.carried_from is None:
            return None
        found = self.source(citing, minutes, action.carried_from)
        if found is None:
            found = self._renamed(citing, minutes, action)
        if found is None:
            return None
        path, number = found
        earlier = self.minutes(path)
        if earlier is None:
            return None
        if path not in self._actions:
            self._actions[path] = {a.id: a for a in earlier.actions}
        before = self._actions[path].get(number)
        return None if before is None else (path, earlier, before)

    def times_carried(self, citing: Path, minutes: Minutes, action: ActionRecord) -> int:
        """How many reviews `action` has been carried through so far: 0 for a new one, one
        more for each `carried_from` that can be followed (at least 1 for a carried one)."""
        trail: list[tuple[Path, int]] = []
        on_trail: set[tuple[Path, int]] = set()
        path, here, current = self._identity(citing), minutes, action
        beyond = 0
        while len(trail) < MAX_CARRIES:
            key = (path, current.id)
            if key in self._carried:
                beyond = self._carried[key]
                break
            if key in on_trail:  # a loop: counted once round
                break
            on_trail.add(key)
            trail.append(key)
            if current.carried_from is None:
                beyond = -1  # this one was new: 0 carries
                break
            found = self.parent(path, here, current)
            if found is None:
                break  # carried from a file or action we cannot read: 1 carry known
            path, here, current = found
        count = beyond
        for key in reversed(trail):
            count += 1
            self._carried[key] = count
        return count

    def review_before(self, citing: Path, minutes: Minutes) -> tuple[Path, Minutes] | None:
        """The review these minutes followed on from: the file most of their actions
        (open or closed) were carried from; None when nothing was carried."""
        named: Counter[Path] = Counter()
        for action in (*minutes.actions, *minutes.closed_actions):
            if action.carried_from is not None:
                found = self.source(citing, minutes, action.carried_from)
                if found is not None:
                    named[found[0]] += 1
        if not named:
            return None
        path = named.most_common(1)[0][0]
        earlier = self.minutes(path)
        return None if earlier is None else (path, earlier)


# -- red flags -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rule:
    """A named red-flag rule."""

    key: str
    title: str


NO_FINAL_AUTHORITY: Final = Rule("no-final-authority", "no final authority identified")
FINAL_AUTHORITY_NOT_ADVOCATE: Final = Rule(
    "final-authority-not-advocate", "the final authority is not an advocate"
)
NO_ADVOCATE: Final = Rule("no-advocate", "no advocate")
OPPONENT_UNADDRESSED: Final = Rule(
    "opponent-unaddressed", "a high-influence opponent with no open action naming them"
)
NOT_VALIDATED: Final = Rule(
    "not-validated", f"a relationship not validated for {VALIDATION_DAYS} days"
)
OVERDUE: Final = Rule("overdue-actions", "overdue actions")
GAP_NOT_SHRINKING: Final = Rule(
    "gap-not-shrinking", f"a funnel gap that has not shrunk over the last {GAP_WINDOW} reviews"
)
RULES: Final = (
    NO_FINAL_AUTHORITY,
    FINAL_AUTHORITY_NOT_ADVOCATE,
    NO_ADVOCATE,
    OPPONENT_UNADDRESSED,
    NOT_VALIDATED,
    OVERDUE,
    GAP_NOT_SHRINKING,
)
ON_THE_MAP: Final = frozenset(
    {NO_FINAL_AUTHORITY, NO_ADVOCATE, NOT_VALIDATED, OPPONENT_UNADDRESSED}
)
"""Rules the stakeholder map's own flags already state (samtui.core.stakeholders.flags,
with the same window); an opponent no open action names is marked in its opponents'
flag, so each person is flagged once."""


@dataclass(frozen=True, slots=True)
class RedFlag:
    rule: Rule
    details: tuple[str, ...] = ()
    """Who or what: names, action texts (user text: escape it where it is rendered)."""

    @property
    def said(self) -> str:
        """The details in one line ("" when the rule names nobody)."""
        return "; ".join(self.details)


@dataclass(frozen=True, slots=True)
class OpenAction:
    text: str
    due: date | None = None


@dataclass(frozen=True, slots=True)
class Standing:
    """What the rules read: the map, the open actions and the funnel at one review."""

    day: date
    stakeholders: Sequence[MapEntry]
    open_actions: Sequence[OpenAction]
    funnels: Sequence[FunnelRecord | None]
    """The funnel at the reviews up to this one, oldest first (the last GAP_WINDOW count)."""


def red_flags(standing: Standing) -> list[RedFlag]:
    """The rules that fire, in RULES order."""
    mapped = standing.stakeholders
    fired: list[RedFlag] = []
    if not rules_of_the_map.deciders(mapped):
        fired.append(RedFlag(NO_FINAL_AUTHORITY))
    if lukewarm := rules_of_the_map.deciders_not_advocates(mapped):
        fired.append(RedFlag(FINAL_AUTHORITY_NOT_ADVOCATE, tuple(lukewarm)))
    if not rules_of_the_map.has_advocate(mapped):
        fired.append(RedFlag(NO_ADVOCATE))
    action_words = [words(action.text) for action in standing.open_actions]
    unaddressed = [
        name
        for name in rules_of_the_map.high_influence_opponents(mapped)
        if not any(names_in(name, said) for said in action_words)
    ]
    if unaddressed:
        fired.append(RedFlag(OPPONENT_UNADDRESSED, tuple(unaddressed)))
    if stale := rules_of_the_map.not_validated(mapped, standing.day, VALIDATION_DAYS):
        fired.append(RedFlag(NOT_VALIDATED, tuple(stale)))
    late = [
        f"{action.text} (due {action.due.isoformat()})"
        for action in standing.open_actions
        if action.due is not None and action.due < standing.day
    ]
    if late:
        fired.append(RedFlag(OVERDUE, tuple(late)))
    window = list(standing.funnels[-GAP_WINDOW:])
    first, last = (window[0], window[-1]) if len(window) == GAP_WINDOW else (None, None)
    if (
        first is not None
        and last is not None
        and all(funnel is not None for funnel in window)
        and first.currency == last.currency
        and last.gap > 0
        and last.gap >= first.gap
    ):
        fired.append(
            RedFlag(
                GAP_NOT_SHRINKING,
                (
                    f"{money(first.gap, first.currency)} {GAP_WINDOW - 1} reviews before, "
                    f"{money(last.gap, last.currency)} now",
                ),
            )
        )
    return fired


def words(text: str) -> set[str]:
    """The words of a text, case and accents ignored, for "does it name them"."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in folded if not unicodedata.combining(char))
    return set(re.findall(r"\w+", plain))


def name_parts(name: str) -> set[str]:
    """The parts of a name that name someone: three letters or more ("Tom", "Ortiz"), or
    the whole name if it has none that long."""
    parts = words(name)
    return {part for part in parts if len(part) >= 3} or parts


def names_in(name: str, said: set[str]) -> bool:
    """Whether text (as `words`) names the person: any part of their name, as a word."""
    return not name_parts(name).isdisjoint(said)


def standing_now(
    state: MeetingState, today: date, earlier: Sequence[FunnelRecord | None] = ()
) -> Standing:
    """The meeting as it stands, for the rules: the map now, the actions still open (the
    last review's not closed yet and the new ones), the funnel after `earlier` reviews'."""
    funnel = state.agenda.funnel
    now = (
        FunnelRecord(
            currency=funnel.currency,
            current=funnel.current,
            target=funnel.target,
            gap=funnel.target - funnel.current,
        )
        if funnel is not None
        else None
    )
    open_actions = [OpenAction(c.text, c.due) for c in state.carried if c.decision == "carried"]
    open_actions += [OpenAction(note.text, note.due) for note in state.actions()]
    return Standing(today, state.stakeholders, open_actions, [*earlier, now])


def flags_for_the_map(
    state: MeetingState, today: date, earlier: Sequence[FunnelRecord | None] = ()
) -> list[str]:
    """The stakeholder map's flags (user text in them), each person named once a flag; with
    a last review behind the meeting, also the red flags that fire now that the map's own
    do not say, and the high-influence opponents no open action names marked so."""
    if state.carry_source is None:
        return rules_of_the_map.flags(state.stakeholders, today)
    fired = red_flags(standing_now(state, today, earlier))
    unaddressed = next((f.details for f in fired if f.rule == OPPONENT_UNADDRESSED), ())
    return rules_of_the_map.flags(state.stakeholders, today, unaddressed) + [
        f"{flag.rule.title}: {flag.said}" if flag.details else flag.rule.title
        for flag in fired
        if flag.rule not in ON_THE_MAP
    ]


def earlier_funnels(agenda: Agenda, chain: Chain | None = None) -> list[FunnelRecord | None]:
    """The funnel at the reviews before this one (oldest first, at most GAP_WINDOW - 1),
    following `previous_minutes` and, from there, `carried_from`. Files that cannot be
    read end the list; this never raises."""
    previous = agenda.meeting.previous_minutes
    if previous is None:
        return []
    chain = chain or Chain()
    path = identity(agenda.resolve(previous))
    minutes = chain.minutes(path)
    found: list[FunnelRecord | None] = []
    while minutes is not None and len(found) < GAP_WINDOW - 1:
        found.insert(0, minutes.funnel)
        before = chain.review_before(path, minutes)
        if before is None:
            break
        path, minutes = before
    return found


# -- the history -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReviewEntry:
    number: int
    """1 for the oldest review read."""
    day: date
    title: str
    file: str


@dataclass(slots=True)
class Commitment:
    """One action followed through the reviews: noted, carried, closed or still open."""

    text: str
    owner: str | None
    owner_name: str
    due: date | None
    growth: bool
    noted_in: int | None
    """The review (index) it was noted in; None when it came from before the reviews read."""
    open_in: list[int] = field(default_factory=list)
    """The reviews (indexes) whose minutes list it open."""
    status: ActionStatus = "open"
    """open, done or dropped (never "carried": that is `times_carried`)."""
    closed_in: int | None = None
    times_carried: int = 0
    days_past_due: int | None = None
    """For an open action: days past its due date as of the last review (None if not due)."""


@dataclass(frozen=True, slots=True)
class OwnerTally:
    owner: str | None
    name: str
    done: int
    dropped: int
    open: int
    carried: int
    """Their actions carried to a later review at least once."""
    overdue: int


@dataclass(frozen=True, slots=True)
class StakeholderAt:
    stance: Stance
    influence: Influence
    final_authority: bool
    last_validated: date | None
    owner: str | None
    """The name of the attendee who owns the relationship."""


@dataclass(frozen=True, slots=True)
class UnexplainedChange:
    """A stance changed with no recorded reason."""

    review: int
    before: str
    after: str
    between: bool = False
    """True: it changed between reviews (an agenda edited), not in one."""


@dataclass(slots=True)
class StakeholderStory:
    name: str
    title: str | None
    at: list[StakeholderAt | None]
    """One per review; None where the review's map does not have them."""
    unexplained: list[UnexplainedChange] = field(default_factory=list)

    @property
    def last(self) -> StakeholderAt:
        return next(at for at in reversed(self.at) if at is not None)

    @property
    def validated_by(self) -> str | None:
        """Who owned the relationship when it was last validated (the owner at the first
        review that shows the last date)."""
        when = self.last.last_validated
        if when is None:
            return None
        return next(at.owner for at in self.at if at is not None and at.last_validated == when)


@dataclass(frozen=True, slots=True)
class Presence:
    heard: Heard
    talk_seconds: int
    share: float
    """Of the review's talk time, 0 to 1."""

    @property
    def percent(self) -> int:
        return round(self.share * 100)


@dataclass(slots=True)
class AttendeeStory:
    id: str
    name: str
    at: list[Presence | None]
    """One per review; None where they were not among its attendees."""

    @property
    def quiet(self) -> bool:
        """Not heard in QUIET_TIMES or more of the last QUIET_WINDOW reviews."""
        recent = self.at[-QUIET_WINDOW:]
        return sum(p is not None and p.heard == "not heard" for p in recent) >= QUIET_TIMES


@dataclass(frozen=True, slots=True)
class RuleStory:
    rule: Rule
    fired_in: list[int]
    """Reviews (indexes) it fired in."""
    now: RedFlag | None
    """How it fires in the last review, if it does."""


@dataclass(frozen=True, slots=True)
class History:
    account: str
    reviews: list[ReviewEntry]
    commitments: list[Commitment]
    owners: list[OwnerTally]
    stakeholders: list[StakeholderStory]
    attendees: list[AttendeeStory]
    funnel: list[FunnelRecord | None]
    flags: list[list[RedFlag]]
    """Per review, the rules that fired in it."""
    rules: list[RuleStory]

    @property
    def last_day(self) -> date:
        return self.reviews[-1].day

    @property
    def carried_often(self) -> list[Commitment]:
        return [c for c in self.commitments if c.times_carried >= CARRIED_OFTEN]

    @property
    def still_open(self) -> list[Commitment]:
        """Open actions, the most carried and then the most overdue first."""
        found = [c for c in self.commitments if c.status == "open"]
        return sorted(found, key=lambda c: (-c.times_carried, -(c.days_past_due or 0)))

    @property
    def quiet(self) -> list[AttendeeStory]:
        return [a for a in self.attendees if a.quiet]


def build(found: AccountReviews, chain: Chain) -> History:
    """The history of one account's reviews (oldest first, at least one)."""
    reviews = found.reviews
    entries = [
        ReviewEntry(number, review.day, review.minutes.meeting.title, review.shown)
        for number, review in enumerate(reviews, start=1)
    ]
    commitments = _commitments(reviews, chain)
    funnel = [review.minutes.funnel for review in reviews]
    flags = [
        red_flags(
            Standing(
                review.day,
                review.minutes.stakeholders,
                [OpenAction(a.text, a.due) for a in review.minutes.actions],
                funnel[max(0, index - GAP_WINDOW + 1) : index + 1],
            )
        )
        for index, review in enumerate(reviews)
    ]
    stories = []
    for rule in RULES:
        fired_in = [i for i, fired in enumerate(flags) if any(f.rule == rule for f in fired)]
        now = next((f for f in flags[-1] if f.rule == rule), None)
        stories.append(RuleStory(rule, fired_in, now))
    return History(
        account=found.account,
        reviews=entries,
        commitments=commitments,
        owners=_tallies(commitments, reviews),
        stakeholders=_stakeholders(reviews),
        attendees=_attendees(reviews),
        funnel=funnel,
        flags=flags,
        rules=stories,
    )


def histories(reading: Reading) -> list[History]:
    chain = reading.chain or Chain(reading.every)
    return [build(found, chain) for found in reading.accounts]


def _commitments(reviews: list[Review], chain: Chain) -> list[Commitment]:
    # Reviews by what they are minutes of, not by file: a link to a copy of a review, or to
    # the file it was renamed from, is a link to the review.
    position = {review.key: index for index, review in enumerate(reviews)}
    followed: dict[tuple[int, int], Commitment] = {}
    found: list[Commitment] = []
    names: dict[str, str] = {}

    def earlier(index: int, action: ActionRecord) -> Commitment | None:
        """The commitment an action of review `index` was carried from, if read here."""
        review = reviews[index]
        parent = chain.parent(review.path, review.minutes, action)
        if parent is None:
            return None
        where = position.get(review_key(parent[1]) or f"file {parent[0]}")
        if where is None or where >= index:
            return None
        return followed.get((where, parent[2].id))

    for index, review in enumerate(reviews):
        minutes = review.minutes
        names.update({a.id: a.name for a in minutes.attendees})
        for action in minutes.actions:
            commitment = earlier(index, action)
            if commitment is None:
                commitment = Commitment(
                    text=action.text,
                    owner=action.owner,
                    owner_name="",
                    due=action.due,
                    growth=action.growth,
                    noted_in=index if action.carried_from is None else None,
                )
                found.append(commitment)
            commitment.text, commitment.owner, commitment.due = (
                action.text,
                action.owner,
                action.due,
            )
            commitment.growth = action.growth
            commitment.open_in.append(index)
            commitment.times_carried = chain.times_carried(review.path, minutes, action)
            followed[(index, action.id)] = commitment
        for closed in minutes.closed_actions:
            commitment = earlier(index, closed)
            if commitment is None:
                commitment = Commitment(
                    text=closed.text,
                    owner=closed.owner,
                    owner_name="",
                    due=closed.due,
                    growth=closed.growth,
                    noted_in=None,
                )
                parent = chain.parent(review.path, minutes, closed)
                if parent is not None:
                    commitment.times_carried = chain.times_carried(*parent)
                found.append(commitment)
            commitment.status = "done" if closed.status == "done" else "dropped"
            commitment.closed_in = index
    last_day = reviews[-1].day
    for commitment in found:
        owner = commitment.owner
        commitment.owner_name = names.get(owner, owner) if owner is not None else "no owner"
        due = commitment.due
        if commitment.status == "open" and due is not None and due < last_day:
            commitment.days_past_due = (last_day - due).days
    return found


def _tallies(commitments: list[Commitment], reviews: list[Review]) -> list[OwnerTally]:
    order = {a.id: n for n, a in enumerate(reviews[-1].minutes.attendees)}
    owners: dict[str | None, list[Commitment]] = {}
    for commitment in commitments:
        owners.setdefault(commitment.owner, []).append(commitment)

    def place(owner: str | None) -> tuple[int, str]:
        if owner is None:
            return (2, "")
        return (0, f"{order[owner]:06}") if owner in order else (1, owners[owner][0].owner_name)

    tallies = []
    for owner in sorted(owners, key=place):
        theirs = owners[owner]
        tallies.append(
            OwnerTally(
                owner=owner,
                name=theirs[-1].owner_name,
                done=sum(c.status == "done" for c in theirs),
                dropped=sum(c.status == "dropped" for c in theirs),
                open=sum(c.status == "open" for c in theirs),
                carried=sum(c.times_carried > 0 for c in theirs),
                overdue=sum(c.days_past_due is not None for c in theirs),
            )
        )
    return tallies


def _stakeholders(reviews: list[Review]) -> list[StakeholderStory]:
    stories: dict[str, StakeholderStory] = {}
    count = len(reviews)
    for index, review in enumerate(reviews):
        minutes = review.minutes
        names = {a.id: a.name for a in minutes.attendees}
        said = set().union(*(words(note.text) for item in minutes.items for note in item.notes))
        changes = [
            c for c in minutes.stakeholder_changes if c.field == "stance" and c.before != c.after
        ]
        for record in minutes.stakeholders:
            key = folded(record.name)
            story = stories.get(key)
            if story is None:
                story = stories[key] = StakeholderStory(record.name, record.title, [None] * count)
            story.name, story.title = record.name, record.title
            owner = names.get(record.owner, record.owner) if record.owner else None
            story.at[index] = StakeholderAt(
                record.stance,
                record.influence,
                record.final_authority,
                record.last_validated,
                owner,
            )
            theirs = [c for c in changes if folded(c.name) == key]
            if theirs and not names_in(record.name, said):
                story.unexplained += [
                    UnexplainedChange(index, str(c.before), str(c.after)) for c in theirs
                ]
            before = story.at[index - 1] if index else None
            began = str(theirs[0].before) if theirs else record.stance
            if before is not None and before.stance != began:
                story.unexplained.append(UnexplainedChange(index, before.stance, began, True))
    for story in stories.values():
        story.unexplained.sort(key=lambda change: (change.review, not change.between))
    return list(stories.values())


def _attendees(reviews: list[Review]) -> list[AttendeeStory]:
    stories: dict[str, AttendeeStory] = {}
    count = len(reviews)
    for index, review in enumerate(reviews):
        minutes = review.minutes
        total = sum(a.talk_seconds for a in minutes.attendees)
        for attendee in minutes.attendees:
            story = stories.get(attendee.id)
            if story is None:
                story = stories[attendee.id] = AttendeeStory(
                    attendee.id, attendee.name, [None] * count
                )
            story.name = attendee.name
            heard: Heard = "heard"
            if not (attendee.turns or attendee.talk_seconds):
                heard = "not heard" if attendee.present else "absent"
            share = attendee.talk_seconds / total if total else 0.0
            story.at[index] = Presence(heard, attendee.talk_seconds, share)
    return list(stories.values())
