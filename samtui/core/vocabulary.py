"""The closed vocabularies of a review, each defined once.

Agendas, minutes, events, the engine, reports, the UI and the CLI import these; the JSON
Schema for editors comes from the same `Literal`s, so a word added here is a word every
part of samtui knows.
"""

from __future__ import annotations

from typing import Final, Literal, get_args

Stance = Literal["advocate", "neutral", "opponent", "unknown"]
"""A stakeholder's situational motivation in this sale (not how well we get on)."""
STANCES: Final[tuple[Stance, ...]] = get_args(Stance)

Influence = Literal["high", "medium", "low"]
"""How much weight a stakeholder carries in the decision."""
INFLUENCES: Final[tuple[Influence, ...]] = get_args(Influence)

ItemKind = Literal["round", "discussion"]
"""round: everyone speaks in turn; discussion: the moderator gives the floor."""
ITEM_KINDS: Final[tuple[ItemKind, ...]] = get_args(ItemKind)

NoteKind = Literal["point", "decision", "goal", "action", "question", "parked"]
"""What a note records; the scribe's syntax picks one per line."""
NOTE_KINDS: Final[tuple[NoteKind, ...]] = get_args(NoteKind)

Role = Literal["moderator", "timekeeper", "scribe"]
"""The three meeting roles an agenda assigns."""
ROLES: Final[tuple[Role, ...]] = get_args(Role)
ROLE_TITLES: Final[dict[Role, str]] = {
    "moderator": "moderator",
    "timekeeper": "time keeper",
    "scribe": "scribe",
}
"""Roles as people read them."""

ViewRole = Literal["moderator", "timekeeper", "scribe", "viewer", "stage"]
"""What a joined view is for: a role's layout, a read-only viewer, or the stage (the big
clock for a wall display)."""
VIEW_ROLES: Final[tuple[ViewRole, ...]] = get_args(ViewRole)
READ_ONLY_VIEWS: Final[frozenset[ViewRole]] = frozenset({"viewer", "stage"})
"""Joined views that follow the meeting and never change it."""

CarryDecision = Literal["done", "carried", "dropped"]
"""What a review decides about an open action of the last review."""
CARRY_DECISIONS: Final[tuple[CarryDecision, ...]] = get_args(CarryDecision)

ActionStatus = Literal["open", "done", "carried", "dropped"]
"""An action in the minutes: open until a later review closes it."""
ACTION_STATUSES: Final[tuple[ActionStatus, ...]] = get_args(ActionStatus)

Heard = Literal["heard", "not heard", "absent"]
"""An attendee at one review, as the account's history reads it: had the floor, was
present and never had it, or was absent."""
HEARD: Final[tuple[Heard, ...]] = get_args(Heard)

StakeholderField = Literal["stance", "influence", "final_authority", "last_validated"]
"""The parts of a stakeholder's entry a review can change (and the minutes record)."""
STAKEHOLDER_FIELDS: Final[tuple[StakeholderField, ...]] = get_args(StakeholderField)
STAKEHOLDER_FIELD_TITLES: Final[dict[StakeholderField, str]] = {
    "stance": "stance",
    "influence": "influence",
    "final_authority": "final authority",
    "last_validated": "last validated",
}

SessionState = Literal["running", "finished", "damaged", "locked"]
"""A journaled session as `samtui sessions` lists it: running or finished as stored;
damaged or locked when it cannot be read (another program holds its lock)."""
SESSION_STATES: Final[tuple[SessionState, ...]] = get_args(SessionState)
STORED_SESSION_STATES: Final[tuple[SessionState, ...]] = ("running", "finished")


CURRENCIES: Final[frozenset[str]] = frozenset(
    """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV
    BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE
    CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD
    HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD
    KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN
    MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD
    RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS
    TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST
    XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XTS XUA XXX YER ZAR
    ZMW ZWG ZWL
    """.split()  # noqa: SIM905 (a table to read, not a list to format)
)
"""ISO 4217's alphabetic currency codes (funds, metals and XTS/XXX included): the list
in Debian's iso-codes 4.15.0 (`/usr/share/iso-codes/json/iso_4217.json`, kept from ISO
4217's List One), with the two codes added since: ZWG (Zimbabwe Gold, 2024) and XCG
(Caribbean guilder, 2025). Neither the standard library nor a dependency knows them."""
