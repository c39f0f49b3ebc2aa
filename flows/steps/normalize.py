"""Normalise text and field values: NFC, whitespace, invisible characters, dates -> UTC."""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flows.steps.records import ParsedTime

# Invisible characters that carry no meaning in article text. ZWJ (U+200D) and ZWNJ (U+200C)
# are *not* here: inside Indic words they select conjunct forms and change spelling.
_DROP = dict.fromkeys(
    [0xFEFF, 0x200B, 0x2060, 0x00AD, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
     0x2066, 0x2067, 0x2068, 0x2069, 0xFFFE],
)
# C0/C1 control characters except tab and newline (which we turn into spaces/line breaks).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Every Unicode space (NBSP, thin space, ideographic space, ...) collapses to one space. A run that
# holds a tab becomes one tab instead: a tab separates table columns ('9 मार्च<TAB>1941'), and the
# segmenter keeps it in table rows (elsewhere it turns the tab into a space).
_SPACE = r"[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
_SPACES = re.compile(f"{_SPACE}+")
_TAB_RUN = re.compile(f"{_SPACE}*\t{_SPACE}*")
_SPACES_NOT_TAB = re.compile(r"[^\S\t]+")  # after _TAB_RUN; \s covers every space _SPACE lists
_ZW_JOINERS = re.compile(r"(?<![\w\u0900-\u0DFF])[\u200c\u200d]+|[\u200c\u200d]+(?![\w\u0900-\u0DFF])")
# A joiner after a Devanagari virama only picks how a conjunct is drawn ('क्\u200dलिक' shows a half KA,
# 'क्लिक' the ligature): the letters, and the word, are the same. Sites type it in some words and not in
# others ('क्\u200dलिक करें', 'न्\u200dयूज़'), so it goes: a rule, a learned line, a search or an analyst's
# LIKE then meets one spelling. After RA it stays: 'र्\u200d' is Marathi's eyelash RA, a letter of its own.
_VIRAMA_JOINERS = re.compile("(?<!\u0930)\u094d[\u200c\u200d]+")


def _drop_virama_joiners(text: str) -> str:
    # Until none is left but an eyelash RA's: dropping one can let NFC move a mark after the virama and
    # put the virama before the next joiner ('क्\u200d\u093c\u200dष').
    while "\u094d\u200d" in text or "\u094d\u200c" in text:
        dropped = _VIRAMA_JOINERS.sub("\u094d", text)
        if dropped == text:
            break
        text = unicodedata.normalize("NFC", dropped)
    return text


def normalize_line(text: str) -> str:
    """One line of text: NFC, invisible and control characters removed, spaces collapsed, trimmed.

    ZWJ/ZWNJ are kept between letters (Indic conjunct control) and dropped elsewhere, and after a
    Devanagari virama except RA's (_VIRAMA_JOINERS). A run of
    spaces that holds a tab becomes a single tab (a table's column separator); other runs one space.
    """
    text = text.translate(_DROP)
    text = _CONTROL.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    # Joiners go before spaces collapse: dropping one between two spaces ("a \u200c b") would leave a
    # double space. Dropping one can also let NFC reorder the marks around another joiner and change
    # whether that one sits between letters, so repeat until nothing changes (bounded by the joiners).
    if "\u200c" in text or "\u200d" in text:
        text = _drop_virama_joiners(text)
        while (stripped := _ZW_JOINERS.sub("", text)) != text:
            text = _drop_virama_joiners(unicodedata.normalize("NFC", stripped))
    text = _SPACES_NOT_TAB.sub(" ", _TAB_RUN.sub("\t", text)) if "\t" in text else _SPACES.sub(" ", text)
    return text.strip()


def normalize_text(text: str) -> str:
    """A multi-line text: line ends unified, each line normalised, runs of blank lines kept as one."""
    lines = [normalize_line(line) for line in split_lines(text)]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


_LINE_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029\x85]")


def split_lines(text: str) -> list[str]:
    """Split on CRLF, lone CR, LF and the Unicode line/paragraph separators."""
    if "\r" in text or "\u2028" in text or "\u2029" in text or "\x85" in text:
        return _LINE_BREAK.split(text)
    return text.split("\n")  # the usual file: the same split, without trying the regex at every character


# --- timestamps -----------------------------------------------------------------------------------
#
# The regexes below only *find* a date-shaped span (day, month, four-digit year, optional time and
# zone) and take its numbers apart; the one thing they cannot judge, whether a word is a month name
# in English, Hindi, Marathi, Nepali or Urdu, is asked of dateparser (cached per word).  Cutting the
# span out first is what makes the answer trustworthy: labels ("Updated:", "प्रकाशित:"), weekdays and
# decoration never reach the parser, a phrase without a year can never match (so dateparser never
# fills in the current year), and relative phrases ("2 hours ago", "2 घंटे पहले") have no span at all.
# Zones are resolved here, not by dateparser, because dateparser reads IST as Israel (+02:00).
# Devanagari and other Indic digits need no conversion: `\d` matches every script's decimal digits
# and int() reads them, so "२ जून २०२५" is found and source_text keeps the digits as written.

_MAX_SCAN_CHARS = 2000  # metadata lines are short; this bounds the cost of a pathological line
_MAX_CANDIDATES = 8  # date-shaped spans tried per line before giving up
# The range a publication time can lie in: no news site in this corpus predates 1990, and a page
# cannot be published after it was loaded (a day of slack for clocks and zones).
PUBLISHED_MIN = datetime(1990, 1, 1)
FUTURE_SLACK = timedelta(days=1)
_PARSER_LANGUAGES = ["en", "hi", "mr", "ne", "ur"]

# A month-name candidate: a Latin, Devanagari (without digits and dandas) or Arabic-script word.
_MONTH = r"""(?:
    (?<![A-Za-z])[A-Za-z]{3,9}\.?(?![A-Za-z])
  | (?<![\u0900-\u0963\u0971-\u097F])[\u0900-\u0963\u0971-\u097F]+
  | (?<![\u0621-\u065F\u0670-\u06D3])[\u0621-\u065F\u0670-\u06D3]+
)"""
_ORD = r"(?:st|nd|rd|th)?"
_DATE = re.compile(
    rf"""
    (?<!\d)(?P<iy>\d{{4}})(?P<isep>[-/.])(?P<im>\d{{1,2}})(?P=isep)(?P<id>\d{{1,2}})(?!\d)
  | (?<!\d)(?P<nd>\d{{1,2}})(?P<nsep>[-/.])(?P<nm>\d{{1,2}})(?P=nsep)(?P<ny>\d{{4}})(?!\d)
  | (?<!\d)(?P<cd>\d{{1,2}}){_ORD}[\s\-/.,]{{0,3}}(?P<cm>{_MONTH})[\s\-/.,]{{0,3}}(?P<cy>\d{{4}})(?!\d)
  | (?P<dm>{_MONTH})[\s.]{{0,3}}(?P<dd>\d{{1,2}}){_ORD}(?!\d)[\s,]{{0,3}}(?P<dy>\d{{4}})(?!\d)
  | (?<!\d)(?P<by>\d{{4}})\s+(?P<bm>{_MONTH})\s+(?P<bd>\d{{1,2}})(?!\d)(?:\s*गते)?
    """,
    re.VERBOSE,
)
# Hindi day periods stand in for AM/PM ("शाम 5:30 बजे" is 17:30); "बजे" is "o'clock".
_TIME = r"""
    (?:(?P<per>सुबह|दोपहर|शाम|रात)\s*)?
    (?P<h>\d{1,2})
    (?:
        :(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.(?P<frac>\d{1,9}))?)?
      | \.(?P<mid>\d{2})(?=\s*(?:[AaPp]\.?\s?[Mm]|बजे))
      | (?=\s*(?:[AaPp]\.?\s?[Mm]\.?(?![A-Za-z])|पूर्वाह्न|अपराह्न|बजे))  # "9 AM", "10 बजे"
    )
    (?!\d)
    (?:\s*(?P<ampm>[AaPp]\.?\s?[Mm]\.?(?![A-Za-z])|पूर्वाह्न|अपराह्न))?
    (?:\s*बजे)?
"""
_ZONE = r"""
    \s*(?P<open>\()?\s*
    (?:
        (?i:GMT|UTC|UT)\s*(?P<sign>[+\-\u2212])\s*(?P<oh>\d{1,2})(?:[:.]?(?P<om>\d{2}))?
      | (?P<bsign>[+\-\u2212])(?P<boh>\d{2})(?::?(?P<bom>\d{2}))?
      | (?P<abbr>[A-Za-z]{1,5})
    )
    (?(open)\s*\))
    (?![A-Za-z0-9])
"""
_TIME_AFTER = re.compile(
    rf"\s*(?:[,|;/\u2013\u2014-]\s*(?:at\s+)?|at\s+|T)?\s*(?P<time>{_TIME})(?P<zone>{_ZONE})?",
    re.VERBOSE,
)
_TIME_BEFORE = re.compile(
    rf"(?P<time>{_TIME})(?P<zone>{_ZONE})?\s*(?:[,|;]|on|को)?\s*\Z",
    re.VERBOSE,
)
_TIME_BEFORE_WINDOW = 64

# Abbreviations read as one fixed offset (minutes east of UTC). IST is India here, never Israel or
# Ireland: this is an Indian-news corpus. Ambiguous ones (BST, CST, GST: also a tax) are left out on
# purpose, so a line naming them gives None rather than a guessed zone.
_ZONE_OFFSETS = {
    "Z": 0, "UT": 0, "UTC": 0, "GMT": 0, "IST": 330, "PKT": 300, "NPT": 345, "KST": 540, "JST": 540,
    "SGT": 480, "HKT": 480, "EST": -300, "EDT": -240, "PST": -480, "PDT": -420, "MST": -420,
    "MDT": -360, "CET": 60, "CEST": 120, "EET": 120, "EEST": 180, "MSK": 180, "AEST": 600, "AEDT": 660,
}


# Bikram Sambat, Nepal's calendar, as Nepali sites print their dates ('पुस १३, २०७७', '२०७७ पुस १३ गते'): its
# months in their Nepali and Sanskrit spellings. Its years run 56-57 ahead of the Gregorian, so without
# conversion such a date reads as one in the future. Converted with nepali_datetime (its month-length
# tables cover BS 1975-2100); the time is Nepal's unless the line names a zone.
_BS_MONTHS = {name: n for n, names in enumerate([
    ("बैशाख", "वैशाख", "बैसाख", "वैसाख"), ("जेठ", "जेष्ठ", "ज्येष्ठ"), ("असार", "आषाढ", "असाढ"), ("साउन", "श्रावण"),
    ("भदौ", "भाद्र", "भाद्रपद"), ("असोज", "आश्विन", "आसोज"), ("कात्तिक", "कार्तिक"), ("मंसिर", "मङ्सिर", "मार्ग", "मार्गशीर्ष"),
    ("पुस", "पुष", "पौष"), ("माघ",), ("फागुन", "फाल्गुन"), ("चैत", "चैत्र")], start=1) for name in names}
BS_ZONE = "Asia/Kathmandu"
# A numeric date ('२०८१-०४-१५') says nothing of its calendar: in the future, with a year from this one on (BS
# 2040 is 1983), it is read as Bikram Sambat when that gives a plausible date.
BS_NUMERIC_FROM = 2040


def _from_bikram_sambat(year: int, month: int, day: int) -> tuple[int, int, int] | None:
    """The Gregorian (year, month, day) of a Bikram Sambat date, or None outside the tables or the month."""
    import nepali_datetime  # a few milliseconds, paid only by a page that prints such a date

    try:
        found = nepali_datetime.date(year, month, day).to_datetime_date()
    except (ValueError, OverflowError, KeyError, IndexError):
        return None
    return found.year, found.month, found.day


@functools.cache
def _date_parser() -> Any:
    # Imported here, not at module top: importing dateparser costs ~130 ms and every worker process
    # that imports the steps would pay it even when it never parses a date.
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=_PARSER_LANGUAGES,
        settings={
            "REQUIRE_PARTS": ["day", "month", "year"],
            # Only absolute dates: the relative parser reads Marathi "मे" (May) as a time delta.
            "PARSERS": ["absolute-time"],
            "STRICT_PARSING": True,
            "RETURN_AS_TIMEZONE_AWARE": False,
            "TIMEZONE": "UTC",
        },
    )


@functools.lru_cache(maxsize=512)
def _month_number(word: str) -> int | None:
    """Month 1-12 that `word` names in one of the corpus languages, else None."""
    # A fixed day and year around the word: day 15 cannot be mistaken for a month, and checking that
    # both come back unchanged rejects any reading in which dateparser did something else.
    try:
        data = _date_parser().get_date_data(f"15 {word} 2001")
    except Exception:  # dateparser is third-party and fed arbitrary words; never let it stop a run
        return None
    found = data.date_obj
    if found is None or (found.year, found.day, found.hour, found.minute) != (2001, 15, 0, 0):
        return None
    return int(found.month)


@functools.lru_cache(maxsize=32)
def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise ValueError(f"unknown time zone {name!r}") from exc


def _date_fields(m: re.Match[str], bikram: bool = False) -> tuple[tuple[int, int, int], str | None] | None:
    """((year, month, day), the calendar's own zone or None) of a _DATE match, Gregorian; None when the
    month word is not a month. A Bikram Sambat date is converted (its zone: BS_ZONE); `bikram`: read a
    numeric date as one."""
    if bikram and (m["iy"] or m["ny"]):
        numeric = _date_fields(m)
        converted = None if numeric is None else _from_bikram_sambat(*numeric[0])
        return None if converted is None else (converted, BS_ZONE)
    if m["by"]:  # year first: only Nepali sites print it so ('२०७७ पुस १३ गते')
        bs = _BS_MONTHS.get(m["bm"])
        converted = None if bs is None else _from_bikram_sambat(int(m["by"]), bs, int(m["bd"]))
        return None if converted is None else (converted, BS_ZONE)
    if m["iy"]:
        return (int(m["iy"]), int(m["im"]), int(m["id"])), None
    if m["ny"]:
        # Day first: Indian sites write 01/12/2024 for 1 December. Month first only when day first
        # cannot be valid (12/31/2024): that is reading the text, not guessing.
        first, second = int(m["nd"]), int(m["nm"])
        if second > 12 >= first:
            first, second = second, first
        return (int(m["ny"]), second, first), None
    word, day, year = (m["cm"], m["cd"], m["cy"]) if m["cy"] else (m["dm"], m["dd"], m["dy"])
    bs = _BS_MONTHS.get(word.rstrip("."))
    if bs is not None:
        converted = _from_bikram_sambat(int(year), bs, int(day))
        return None if converted is None else (converted, BS_ZONE)
    month = _month_number(word.rstrip(".").casefold())
    return None if month is None else ((int(year), month, int(day)), None)


def _clock(t: re.Match[str]) -> tuple[int, int, int, int] | None:
    """(hour, minute, second, microsecond) in 24-hour form, or None when it is not a clock time."""
    hour = int(t["h"])
    minute = int(t["mi"] or t["mid"] or 0)
    second = int(t["s"] or 0)
    micro = int((t["frac"] or "0")[:6].ljust(6, "0"))
    marker = (t["ampm"] or "").replace(".", "").replace(" ", "").upper()
    pm = marker in ("PM", "अपराह्न")
    am = marker in ("AM", "पूर्वाह्न")
    if not marker and t["per"]:
        period = t["per"]
        if period == "रात" and hour == 12:
            return None  # "रात 12 बजे" is the midnight that ends the day or starts it: unknowable
        pm = period == "शाम" or (period == "दोपहर" and hour < 12) or (period == "रात" and hour >= 6)
        am = not pm
    if (am or pm) and 1 <= hour <= 12:
        hour = hour % 12 + (12 if pm else 0)
    # "15:30 PM" keeps 15:30: the marker is redundant there, not contradictory.
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second, micro


def _named_zone(t: re.Match[str]) -> tuple[tzinfo | None, str] | None:
    """The zone a time match names as (tzinfo, label); tzinfo None if it is one we can't read."""
    if t["zone"] is None:
        return None
    if t["sign"] or t["bsign"]:
        sign = -1 if (t["sign"] or t["bsign"]) in "-\u2212" else 1
        hours, minutes = int(t["oh"] or t["boh"]), int(t["om"] or t["bom"] or 0)
        label = f"{'-' if sign < 0 else '+'}{hours:02d}:{minutes:02d}"
        if hours > 14 or minutes > 59:
            return None, label
        return timezone(sign * timedelta(hours=hours, minutes=minutes)), label
    abbr = t["abbr"]
    offset = _ZONE_OFFSETS.get(abbr.upper())
    if offset is not None:
        return timezone(timedelta(minutes=offset)), abbr.upper()
    # An upper-case word shaped like a zone (ET, BST, AKST: the T is "time") that we can't read as one
    # offset: refuse to guess. Other words (the agency "PTI", "by", "से") are just the next word.
    return (None, abbr) if abbr.isupper() and abbr.endswith("T") and len(abbr) >= 2 else None


def _from_match(line: str, m: re.Match[str], default_zone: str, bikram: bool = False) -> ParsedTime | None:
    fields = _date_fields(m, bikram)
    if fields is None:
        return None
    ymd, calendar_zone = fields
    default_zone = calendar_zone or default_zone
    start, end = m.span()
    t = _TIME_AFTER.match(line, end)
    if t is None:
        window = max(0, start - _TIME_BEFORE_WINDOW)
        t = _TIME_BEFORE.search(line, window, start)
    clock = (0, 0, 0, 0)
    zone: tuple[tzinfo, str] | None = None
    if t is not None:
        found_clock = _clock(t)
        named = _named_zone(t)
        if found_clock is None or (named is not None and named[0] is None):
            return None
        clock = found_clock
        if named is not None and named[0] is not None:
            zone = named[0], named[1]
        t_end = t.end("zone") if zone else t.end("time")
        start, end = min(start, t.start("time")), max(end, t_end)
    try:
        naive = datetime(*ymd, *clock)
        tz, label = zone if zone else (_zone(default_zone), f"assumed:{default_zone}")
        utc = naive.replace(tzinfo=tz).astimezone(UTC).replace(tzinfo=None)
    except (ValueError, OverflowError):  # 30 February, year 0, ...
        return None
    return ParsedTime(utc=utc, source_text=line[start:end].strip(), source_zone=label)


def parse_timestamp(text: str, default_zone: str = "Asia/Kolkata", now: datetime | None = None) -> ParsedTime | None:
    """The first plausible absolute timestamp in `text` (e.g. a metadata line), converted to naive UTC.

    A timestamp needs a day, a month and a four-digit year; a time and zone are optional. Without a
    zone the time is read in `default_zone` (recorded as 'assumed:<zone>'); a date without a time is
    midnight there. Numeric dates are day-first (01/12/2024 is 1 December) unless only month-first
    can be valid. A date with a Bikram Sambat month ('पुस १३, २०७७', '२०७७ पुस १३ गते') is converted to
    the Gregorian calendar and read in Nepal's time (Asia/Kathmandu) unless it names a zone. Relative
    phrases ("2 hours ago"), dates without a year and unknown zone abbreviations give None. Indic and
    Arabic-Indic digits are understood. Only the first 2,000 characters are read. Never raises on any
    text; raises ValueError for an unknown `default_zone`.

    The first timestamp that published_at_problem accepts (against `now`, naive UTC, default the
    clock) wins; when the line has none, its first real date is returned all the same, so that the
    caller can keep the text and say why it is not a publication time ('01 Jan 1985', or a date in the
    future). A numeric date in the future from BS_NUMERIC_FROM on is read as Bikram Sambat first
    ('२०८१-०४-१५' is 30 July 2024): no page is dated decades ahead; so is one of those years that is no
    Gregorian date ('२०८१-०२-३२' is 14 June 2024).
    """
    _zone(default_zone)
    if not isinstance(text, str) or not text:
        return None
    line = normalize_line(text[:_MAX_SCAN_CHARS])
    if now is None:
        now = datetime.now(UTC).replace(tzinfo=None)
    first: ParsedTime | None = None
    bikram: ParsedTime | None = None
    pos = 0
    for _ in range(_MAX_CANDIDATES):
        m = _DATE.search(line, pos)
        if m is None:
            break
        found = _from_match(line, m, default_zone)
        numeric_year = m["iy"] or m["ny"]
        if found is None:
            if bikram is None and numeric_year and int(numeric_year) >= max(BS_NUMERIC_FROM, now.year + 1):
                # No Gregorian date at all ('२०८१-०२-३२': a Bikram Sambat month has up to 32 days), decades ahead.
                bikram = _plausible_bikram(line, m, default_zone, now)
        else:
            problem = published_at_problem(found.utc, now)
            if problem is None:
                return found
            if bikram is None and problem == "in_the_future" and found.utc.year >= BS_NUMERIC_FROM and numeric_year:
                # Decades ahead, a numeric date is Nepal's calendar ('२०८१-०४-१५'): so read when it is one,
                # unless a plausible date follows on the line.
                bikram = _plausible_bikram(line, m, default_zone, now)
            first = first or found
        pos = m.start() + 1
    return bikram or first


def _plausible_bikram(line: str, m: re.Match[str], default_zone: str, now: datetime) -> ParsedTime | None:
    """The numeric date m read as Bikram Sambat, when that reading is a plausible publication time."""
    read = _from_match(line, m, default_zone, bikram=True)
    return read if read is not None and published_at_problem(read.utc, now) is None else None


def published_at_problem(published_at: datetime, loaded_at: datetime) -> str | None:
    """Why `published_at` cannot be the publication time of a page loaded at `loaded_at`, or None.

    Both naive UTC. 'before_1990' or 'in_the_future' (more than FUTURE_SLACK after the load).
    """
    if published_at < PUBLISHED_MIN:
        return "before_1990"
    if published_at > loaded_at + FUTURE_SLACK:
        return "in_the_future"
    return None


def plausible_published_at(
    published_at: datetime | None, loaded_at: datetime
) -> tuple[datetime | None, str | None]:
    """(published_at, None) when it is plausible for a page loaded at `loaded_at`, else (None, reason)."""
    if published_at is None:
        return None, None
    problem = published_at_problem(published_at, loaded_at)
    return (published_at, None) if problem is None else (None, problem)
