"""Reports of the minutes: golden Markdown and CSV, hostile text shown as typed, the bars."""

from __future__ import annotations

import csv
import html
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from samtui.core.minutes import ActionRecord, AttendeeRecord, Minutes, QuestionRecord
from samtui.core.report import (
    CSV_COLUMNS,
    actions_csv,
    csv_table,
    markdown,
    md_escape,
    spreadsheet_cell,
    talk_bars,
)

GOLDEN = Path(__file__).resolve().parents[1] / "golden"

HOSTILE = [
    "a | b || c",
    "`code` and ``more``",
    "<script>alert('x')</script>",
    "*bold* **strong** _em_ __under__",
    "[x](y) ![img](z.png) [^1]",
    "# not a heading",
    "- not a list",
    "1. not a list either",
    "> not a quote",
    "~~struck~~ $x$ {curly} (round) +plus !bang",
    "back\\slash \\| \\*",
    "AT&T &amp; &lt;b&gt; &#124;",
    "ends with a backslash\\",
]
"""Every text here must come out of the Markdown as typed, inside its own cell."""

UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _golden() -> Minutes:
    return Minutes.load(GOLDEN / "minutes.toml")


def _shown(escaped: str) -> str:
    """What a CommonMark reader shows for escaped text (backslashes off, entities decoded)."""
    return html.unescape(UNESCAPE.sub(r"\1", escaped))


def _unescaped_pipes(row: str) -> int:
    """`|` not escaped by a backslash (a `\\\\` before it is an escaped backslash)."""
    return len(re.findall(r"(?<!\\)(?:\\\\)*\|", row))


def _tables(text: str) -> list[list[str]]:
    """Each run of lines starting with `|`: a Markdown table."""
    tables: list[list[str]] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


def _hostile_minutes() -> Minutes:
    golden = _golden()
    attendees = [
        AttendeeRecord(id=f"a{n}", name=text, title=text, talk_seconds=10 * n, turns=n)
        for n, text in enumerate(HOSTILE, start=1)
    ]
    actions = [
        ActionRecord(
            id=n, text=text, owner=f"a{n}", item=text, carried_from=text if n % 2 else None
        )
        for n, text in enumerate(HOSTILE, start=1)
    ]
    return golden.model_copy(
        update={
            "attendees": attendees,
            "actions": actions,
            "growth_plays": [a.id for a in actions],
            "closed_actions": [],
            "unheard": [a.id for a in attendees],
        }
    )


# -- golden files ----------------------------------------------------------------------


def test_markdown_of_the_golden_minutes() -> None:
    expected = (GOLDEN / "report.md").read_text(encoding="utf-8")
    assert markdown(_golden()) == expected


def test_csv_of_the_golden_minutes() -> None:
    expected = (GOLDEN / "actions.csv").read_bytes().decode("utf-8")
    assert actions_csv(_golden()) == expected


def test_every_table_row_has_as_many_cells_as_its_header() -> None:
    tables = _tables(markdown(_golden()))
    assert len(tables) == 4  # items, actions, stakeholder changes, talk time
    for table in tables:
        header = _unescaped_pipes(table[0])
        assert re.fullmatch(r"\|(:?-+:?\|)+", table[1]), table[1]
        assert [_unescaped_pipes(row) for row in table] == [header] * len(table), table


def test_the_golden_markdown_renders_as_typed() -> None:
    """Through a real CommonMark + GFM-tables renderer: no tag from user text, cells intact."""
    rendered = MarkdownIt("gfm-like").render(markdown(_golden()))
    assert "<script" not in rendered and "<b>" not in rendered
    assert "<h1>Acme Corp | Q4 review &lt;b&gt;draft&lt;/b&gt;</h1>" in rendered
    assert "<td>pitch analytics to ops, &quot;Phase 2&quot;; budget A|B</td>" in rendered
    assert "<td>Li | Wei</td>" in rendered
    assert "<li>Renewal is *safe* | but flat</li>" in rendered
    assert "<li># close the gap: 1. pilot 2. rollout</li>" in rendered
    assert "<li>first line second line third line</li>" in rendered
    assert rendered.count("<h1>") == 1 and "<em>" not in rendered and "<a " not in rendered
    assert "<p><strong>Absent:</strong> # Marco Rossi</p>" in rendered


def test_talk_time_and_not_heard_in_the_golden_markdown() -> None:
    text = markdown(_golden())
    assert "| Dana Whitfield | 30:30 | 6 | `████████████████████` |" in text
    assert "Present but never had the floor: Bo Chen" in text
    assert text.index("## Talk time") < text.index("## Not heard")


# -- hostile text --------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_md_escape_shows_text_as_typed(text: str) -> None:
    escaped = md_escape(text)
    assert _shown(escaped) == text
    assert _unescaped_pipes(escaped) == 0
    assert "<" not in escaped and ">" not in escaped


def test_md_escape_keeps_one_line() -> None:
    assert md_escape("one\ntwo\r\nthree\rfour\u2028five") == "one two three four five"
    assert md_escape("  \n    indented code?\n") == "indented code?"


@given(st.text())
def test_md_escape_any_text(text: str) -> None:
    escaped = md_escape(text)
    assert "\n" not in escaped and "\r" not in escaped
    assert _unescaped_pipes(escaped) == 0
    assert not re.search(r"[<>]|&(?!amp;|lt;|gt;)", escaped)
    one_line = re.sub(r"\r\n|[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]", " ", text)
    assert _shown(escaped) == one_line.strip()


@given(st.text(st.characters(min_codepoint=32, max_codepoint=126) | st.just("\n")))
def test_md_escape_in_a_rendered_table_cell(text: str) -> None:
    """A real renderer agrees: the cell holds the text as typed, and only it."""
    table = f"| h | after |\n|---|---|\n| {md_escape(text)} | end |\n"
    rendered = MarkdownIt("gfm-like").render(table)
    cells = re.findall(r"<td>(.*?)</td>", rendered, flags=re.S)
    shown = [html.unescape(re.sub(r"<[^>]+>", "", cell)) for cell in cells]
    assert shown == [text.replace("\n", " ").strip(), "end"]


def test_hostile_text_stays_in_its_cell() -> None:
    minutes = _hostile_minutes()
    text = markdown(minutes)
    for table in _tables(text):
        header = _unescaped_pipes(table[0])
        assert all(_unescaped_pipes(row) == header for row in table), table
    rendered = MarkdownIt("gfm-like").render(text)
    assert "<script" not in rendered and "<em>" not in rendered and "<a " not in rendered
    cells = [html.unescape(cell) for cell in re.findall(r"<td>(.*?)</td>", rendered)]
    for typed in HOSTILE:
        assert typed in cells, typed  # the action, its owner's name and its item


def test_hostile_text_in_headings_and_lists() -> None:
    minutes = _hostile_minutes()
    minutes.meeting.title = "# <h1>title</h1> | *x*"
    rendered = MarkdownIt("gfm-like").render(markdown(minutes))
    assert "<h1># &lt;h1&gt;title&lt;/h1&gt; | *x*</h1>" in rendered
    items = [html.unescape(li) for li in re.findall(r"<li>(.*?)</li>", rendered)]
    assert "# not a heading (# not a heading; action 6)" in items  # a growth play
    assert "- not a list (- not a list; action 7)" in items
    assert "> not a quote (> not a quote)" in items  # an attendee and their title
    assert rendered.count("<h1>") == 1 and "<blockquote>" not in rendered


# -- CSV -----------------------------------------------------------------------------


def test_raw_csv_round_trip_gives_back_every_action() -> None:
    for minutes in (_golden(), _hostile_minutes()):
        names = {a.id: a.name for a in minutes.attendees}
        rows = list(csv.reader(io.StringIO(actions_csv(minutes, raw=True), newline="")))
        assert tuple(rows[0]) == CSV_COLUMNS
        assert rows[1:] == [
            [
                str(a.id),
                a.text,
                a.owner or "",
                names.get(a.owner or "", ""),
                a.due.isoformat() if a.due else "",
                a.item,
                a.status,
                a.carried_from or "",
            ]
            for a in minutes.actions
        ]


def test_csv_has_only_open_and_carried_actions_and_crlf_rows() -> None:
    minutes = _golden()
    text = actions_csv(minutes)
    assert "share the Q3 numbers" not in text  # closed actions are not in it
    assert text.startswith(",".join(CSV_COLUMNS) + "\r\n")
    assert '"book the venue\nfor the <b>kick-off</b>"' in text  # a line break stays quoted


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("'=1+1", "'=1+1"),  # already text: kept as it is
        ("a=1+1", "a=1+1"),  # only the first character makes a formula
        (" =1+1", " =1+1"),
        ("", ""),
        ("1.5M", "1.5M"),
        ("＝1+1", "＝1+1"),  # a full-width sign is not a formula start
    ],
)
def test_spreadsheet_cell(text: str, cell: str) -> None:
    assert spreadsheet_cell(text) == cell


def test_csv_table_neutralises_text_cells_only_and_raw_none() -> None:
    rows = [("=a", -1, "+b"), ("c", 2, "@d")]
    assert csv_table(("x", "n", "y"), rows) == "x,n,y\r\n'=a,-1,'+b\r\nc,2,'@d\r\n"
    assert csv_table(("x", "n", "y"), rows, raw=True) == "x,n,y\r\n=a,-1,+b\r\nc,2,@d\r\n"


def test_csv_of_no_actions_is_the_header() -> None:
    minutes = _golden().model_copy(update={"actions": []})
    assert actions_csv(minutes) == ",".join(CSV_COLUMNS) + "\r\n"


# -- bars ----------------------------------------------------------------------------


def _talkers(*seconds: int, absent: int = 0, left: int = 0) -> Minutes:
    attendees = [
        AttendeeRecord(id=f"a{n}", name=f"A{n}", talk_seconds=s) for n, s in enumerate(seconds)
    ]
    attendees += [AttendeeRecord(id=f"x{n}", name=f"X{n}", present=False) for n in range(absent)]
    attendees += [
        AttendeeRecord(id=f"l{n}", name=f"L{n}", present=False, turns=1, talk_seconds=200)
        for n in range(left)
    ]
    return _golden().model_copy(update={"attendees": attendees})


def _bars(minutes: Minutes, width: int) -> list[tuple[str, int, str]]:
    return [(a.name, a.talk_seconds, bar) for a, bar in talk_bars(minutes, width)]


def test_bars_are_scaled_to_the_longest_talker_in_eighths() -> None:
    bars = _bars(_talkers(800, 400, 100, 0, 1, absent=1), 10)
    assert bars == [
        ("A0", 800, "██████████"),
        ("A1", 400, "█████"),
        ("A2", 100, "█▎"),
        ("A3", 0, ""),
        ("A4", 1, "▏"),  # a little is a sliver, never nothing
    ]


def test_bars_of_nobody_talking_and_of_nobody_present() -> None:
    assert _bars(_talkers(0, 0), 5) == [("A0", 0, ""), ("A1", 0, "")]
    assert _bars(_talkers(absent=2), 5) == []


def test_someone_who_spoke_and_then_left_keeps_their_bar() -> None:
    assert _bars(_talkers(400, absent=1, left=1), 4) == [("A0", 400, "████"), ("L0", 200, "██")]


@given(st.lists(st.integers(min_value=0, max_value=20_000), min_size=1), st.integers(1, 80))
def test_bars_never_exceed_the_width(seconds: list[int], width: int) -> None:
    bars = _bars(_talkers(*seconds), width)
    assert all(len(bar) <= width for _, _, bar in bars)
    longest = max(seconds)
    if longest:
        assert max(len(bar) for _, _, bar in bars) == width
    lengths = [len(bar.rstrip(" ▏▎▍▌▋▊▉")) for _, _, bar in bars]
    order = sorted(range(len(seconds)), key=lambda n: seconds[n])
    assert [lengths[n] for n in order] == sorted(lengths)  # more talk, never a shorter bar


def test_a_bar_needs_a_cell() -> None:
    with pytest.raises(ValueError, match="at least one cell"):
        talk_bars(_golden(), 0)


def test_the_report_module_does_not_import_textual() -> None:
    probe = "import sys, samtui.core.report; print('textual' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_hostile_questions_not_asked_show_as_typed() -> None:
    """The unasked questions' section: each question and who brought it, as typed."""
    minutes = _hostile_minutes()
    minutes.questions = [
        QuestionRecord(attendee=f"a{n}", text=text) for n, text in enumerate(HOSTILE, start=1)
    ]
    rendered = MarkdownIt("gfm-like").render(markdown(minutes))
    items = [html.unescape(li) for li in re.findall(r"<li>(.*?)</li>", rendered)]
    for text in HOSTILE:
        assert f"{text.strip()} ({text.strip()})" in items, text
    assert "<script" not in rendered and "<h1>" in rendered and rendered.count("<h1>") == 1
