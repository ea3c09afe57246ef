"""Jurisdiction codes, names and the normalisers that map messy address text onto them.

This module is the single source of truth for "which places exist": the rulebook, the
residents table, the roster counter and the tests all take their codes from here, so a
place can never be spelled two ways in the project.

Three kinds of USPS code appear in US mailing addresses:

* the 54 *planning jurisdictions* (50 states, DC, Puerto Rico, Guam, U.S. Virgin Islands),
  each of which has (or may have) a breach-notification law and a file in jurisdictions/;
* other inhabited areas with USPS codes (American Samoa, Northern Mariana Islands and the
  three freely associated states, which use US ZIP codes);
* the military "states" AA, AE, AP used for APO/FPO/DPO mail.

Only the first kind is written into an incident's residents table; the others are counted
and shown so that a privacy officer can decide what to do with them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType

__all__ = [
    "ALL_USPS_CODES",
    "JURISDICTIONS",
    "MILITARY_CODES",
    "OTHER_USPS_CODES",
    "PLACEHOLDER_ZIPS",
    "ZIP3_RANGES",
    "ZIP5_EXCEPTIONS",
    "is_blank_marker",
    "is_foreign_region",
    "normalize_country",
    "normalize_state",
    "zip3_to_state",
    "zip5",
    "zip_to_state",
]

# --- the 54 planning jurisdictions -------------------------------------------------------
# Ordered as people read the list: states and DC alphabetically by name, then the three
# territories with breach laws. Names are the short official names.
JURISDICTIONS: Mapping[str, str] = MappingProxyType(
    {
        "AL": "Alabama",
        "AK": "Alaska",
        "AZ": "Arizona",
        "AR": "Arkansas",
        "CA": "California",
        "CO": "Colorado",
        "CT": "Connecticut",
        "DE": "Delaware",
        "DC": "District of Columbia",
        "FL": "Florida",
        "GA": "Georgia",
        "HI": "Hawaii",
        "ID": "Idaho",
        "IL": "Illinois",
        "IN": "Indiana",
        "IA": "Iowa",
        "KS": "Kansas",
        "KY": "Kentucky",
        "LA": "Louisiana",
        "ME": "Maine",
        "MD": "Maryland",
        "MA": "Massachusetts",
        "MI": "Michigan",
        "MN": "Minnesota",
        "MS": "Mississippi",
        "MO": "Missouri",
        "MT": "Montana",
        "NE": "Nebraska",
        "NV": "Nevada",
        "NH": "New Hampshire",
        "NJ": "New Jersey",
        "NM": "New Mexico",
        "NY": "New York",
        "NC": "North Carolina",
        "ND": "North Dakota",
        "OH": "Ohio",
        "OK": "Oklahoma",
        "OR": "Oregon",
        "PA": "Pennsylvania",
        "RI": "Rhode Island",
        "SC": "South Carolina",
        "SD": "South Dakota",
        "TN": "Tennessee",
        "TX": "Texas",
        "UT": "Utah",
        "VT": "Vermont",
        "VA": "Virginia",
        "WA": "Washington",
        "WV": "West Virginia",
        "WI": "Wisconsin",
        "WY": "Wyoming",
        "PR": "Puerto Rico",
        "GU": "Guam",
        "VI": "U.S. Virgin Islands",
    }
)

# Other USPS codes that can appear in an address but are not planning jurisdictions.
OTHER_USPS_CODES: Mapping[str, str] = MappingProxyType(
    {
        "AS": "American Samoa",
        "MP": "Northern Mariana Islands",
        "FM": "Federated States of Micronesia",
        "MH": "Marshall Islands",
        "PW": "Palau",
        "AA": "Armed Forces Americas",
        "AE": "Armed Forces Europe",  # also Africa, the Middle East and Canada
        "AP": "Armed Forces Pacific",
    }
)

MILITARY_CODES: frozenset[str] = frozenset({"AA", "AE", "AP"})

ALL_USPS_CODES: Mapping[str, str] = MappingProxyType({**JURISDICTIONS, **OTHER_USPS_CODES})

# --- spellings ---------------------------------------------------------------------------
# Extra spellings per code, beyond the code itself and the name above. Sources: USPS
# Publication 28 appendix B (codes), the GPO Style Manual 8.13 and AP Stylebook
# abbreviations ("Calif.", "Mass.", "N. Dak."), and forms seen in real exports.
_ALIASES: dict[str, tuple[str, ...]] = {
    "AL": ("Ala", "Alab"),
    "AK": ("Alas",),
    "AZ": ("Ariz",),
    "AR": ("Ark",),
    "CA": ("Calif", "Cal", "Cali", "Califor"),
    "CO": ("Colo", "Col"),
    "CT": ("Conn",),
    "DE": ("Del",),
    "DC": (
        "D C",
        "Washington DC",
        "Washington D C",
        "Wash DC",
        "Wash D C",
        "Washington District of Columbia",
        "Dist of Columbia",
        "Dist Columbia",
    ),
    "FL": ("Fla", "Flor"),
    "HI": ("Hawai'i", "Hawai i", "Hawaiʻi"),
    "ID": ("Ida",),
    "IL": ("Ill", "Ills"),
    "IN": ("Ind",),
    "IA": ("Ia",),
    "KS": ("Kans", "Kan"),
    "KY": ("Ken", "Kent"),
    "LA": ("La",),
    "ME": ("Me",),
    "MD": ("Md",),
    "MA": ("Mass",),
    "MI": ("Mich",),
    "MN": ("Minn",),
    "MS": ("Miss",),
    "MO": ("Mo",),
    "MT": ("Mont",),
    "NE": ("Nebr", "Neb"),
    "NV": ("Nev",),
    "NH": ("N H", "N Hamp"),
    "NJ": ("N J", "N Jersey"),
    "NM": ("N M", "N Mex", "New Mex"),
    "NY": ("N Y", "N York", "NYC", "New York State", "New York City"),
    "NC": ("N C", "N Car", "No Car", "No Carolina", "N Carolina"),
    "ND": ("N D", "N Dak", "No Dak", "No Dakota", "N Dakota"),
    "OK": ("Okla",),
    "OR": ("Ore", "Oreg"),
    "PA": ("Pa", "Penn", "Penna", "Pennsylvannia"),
    "RI": ("R I", "Rhode Is", "R Island", "Rhode Island and Providence Plantations"),
    "SC": ("S C", "S Car", "So Car", "So Carolina", "S Carolina"),
    "SD": ("S D", "S Dak", "So Dak", "So Dakota", "S Dakota"),
    "TN": ("Tenn",),
    "TX": ("Tex",),
    "UT": ("Ut",),
    "VT": ("Vt", "Verm"),
    "VA": ("Va", "Virg"),
    "WA": ("Wash", "Wn", "Washington State", "Wash State"),
    "WV": ("W Va", "W Virg", "W Virginia", "WVa"),
    "WI": ("Wis", "Wisc"),
    "WY": ("Wyo",),
    "PR": ("P R", "Puerto Rico", "Porto Rico", "Commonwealth of Puerto Rico"),
    "GU": ("Guam", "Territory of Guam"),
    "VI": (
        "V I",
        "Virgin Islands",
        "US Virgin Islands",
        "U S Virgin Islands",
        "United States Virgin Islands",
        "Virgin Islands of the United States",
        "USVI",
        "Virgin Is",
        "US Virgin Is",
    ),
    "AS": ("A S", "Am Samoa", "Amer Samoa"),
    "MP": (
        "CNMI",
        "N Mariana Islands",
        "Northern Marianas",
        "Mariana Islands",
        "Commonwealth of the Northern Mariana Islands",
        "Saipan",
    ),
    "FM": ("Micronesia", "Fed States of Micronesia", "FSM"),
    "MH": ("Marshall Is", "Republic of the Marshall Islands", "RMI"),
    "PW": ("Republic of Palau",),
    "AA": ("Armed Forces Americas", "Armed Forces America", "Armed Forces AA"),
    "AE": (
        "Armed Forces Europe",
        "Armed Forces Africa",
        "Armed Forces Middle East",
        "Armed Forces Canada",
        "Armed Forces AE",
    ),
    "AP": ("Armed Forces Pacific", "Armed Forces AP"),
}

# Names of places outside the US postal system that turn up in a state column. The list
# is deliberately modest: Canadian provinces (whose codes never collide with USPS codes),
# Mexican states, frequent countries and the markers exports use for "abroad". Australian
# state codes are NOT here: "WA" is Washington to USPS; a country column settles those.
_FOREIGN: tuple[str, ...] = (
    # Canada: codes and names
    "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "PQ", "SK", "YT",
    "Alberta", "British Columbia", "Manitoba", "New Brunswick", "Newfoundland",
    "Newfoundland and Labrador", "Nova Scotia", "Northwest Territories", "Nunavut",
    "Ontario", "Prince Edward Island", "Quebec", "Saskatchewan", "Yukon",
    "Yukon Territory",
    # Mexico: frequent states
    "Baja California", "Baja California Sur", "Chihuahua", "Coahuila", "Jalisco",
    "Nuevo Leon", "Sonora", "Tamaulipas", "Ciudad de Mexico", "CDMX", "Distrito Federal",
    "Estado de Mexico", "Yucatan", "Quintana Roo",
    # markers
    "Foreign", "Foreign Country", "FC", "FN", "ZZ", "INTL", "International", "Intl",
    "Overseas", "Non US", "Outside US", "Outside USA", "Outside the US", "Abroad",
    "Other Country", "Not US", "N A Foreign",
)  # fmt: skip

# Countries, written in a state column or in a country column. US-postal names resolve
# through normalize_state first, so "Guam" or "Palau" in a country column is not foreign.
_COUNTRIES: tuple[str, ...] = (
    "Canada", "Mexico", "United Kingdom", "UK", "U K", "Great Britain", "England",
    "Scotland", "Wales", "Northern Ireland", "Ireland", "France", "Germany", "Deutschland",
    "Spain", "Italy", "Portugal", "Netherlands", "Belgium", "Switzerland", "Austria",
    "Sweden", "Norway", "Denmark", "Finland", "Poland", "Greece", "Israel", "India",
    "China", "Japan", "Korea", "South Korea", "Philippines", "Vietnam", "Taiwan",
    "Hong Kong", "Singapore", "Australia", "New Zealand", "Brazil", "Argentina", "Chile",
    "Colombia", "Peru", "Venezuela", "Dominican Republic", "Jamaica", "Haiti", "Cuba",
    "Bahamas", "Bermuda", "Costa Rica", "Panama", "Guatemala", "Honduras", "El Salvador",
    "Nicaragua", "Nigeria", "South Africa", "Egypt", "Kenya", "Ghana", "Pakistan",
    "Bangladesh", "Thailand", "Indonesia", "Malaysia", "Turkey", "Russia", "Ukraine",
    "Saudi Arabia", "United Arab Emirates", "UAE", "Qatar",
    "CAN", "MEX", "GBR", "DEU", "FRA", "AUS", "JPN", "CHN", "IND",
)  # fmt: skip

# Values of a country column that mean "a US postal address".
_US_COUNTRY: tuple[str, ...] = (
    "US", "USA", "U S", "U S A", "United States", "United States of America",
    "America", "Estados Unidos", "EEUU", "United States of Amer", "Unites States",
    "US of A", "USA United States",
)  # fmt: skip

# Placeholders for "no value" that exports write instead of leaving a cell empty.
_BLANK_MARKERS: frozenset[str] = frozenset(
    {
        "NA",
        "N A",
        "NONE",
        "NULL",
        "NIL",
        "UNKNOWN",
        "UNK",
        "NOT PROVIDED",
        "BLANK",
        "TBD",
    }
)
# Codes that a country column may name and still mean a US postal address.
_US_POSTAL_AREAS: frozenset[str] = frozenset({"PR", "GU", "VI", "AS", "MP", "FM", "MH", "PW"})

_PUNCT = re.compile(r"[^A-Z0-9 ]+")
_SPACES = re.compile(r"\s+")
_LEADING = re.compile(r"^(?:THE |STATE OF |COMMONWEALTH OF |TERRITORY OF )+")


def _key(text: str) -> str:
    """Fold text to a lookup key: ASCII letters, upper case, single spaces.

    Accents are stripped (NFKD) so "Québec" and "Quebec" meet; every run of punctuation
    becomes a space so "N.Dak." and "N Dak" meet; the apostrophe and okina vanish so
    "Hawai'i" and "Hawaii" meet.
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("'", "").replace("\u2019", "").replace("\u02bb", "")
    text = _PUNCT.sub(" ", text.upper())
    return _SPACES.sub(" ", text).strip()


def _build_state_index() -> dict[str, str]:
    index: dict[str, str] = {}

    def put(alias: str, code: str) -> None:
        for k in {_key(alias), _key(alias).replace(" ", "")}:
            if not k:
                continue
            prior = index.setdefault(k, code)
            if prior != code:  # pragma: no cover - guarded by tests/test_places.py
                raise AssertionError(f"spelling {alias!r} maps to {prior} and {code}")

    for code, name in ALL_USPS_CODES.items():
        put(code, code)
        put(name, code)
    for code, aliases in _ALIASES.items():
        for alias in aliases:
            put(alias, code)
    return index


_STATE_INDEX: dict[str, str] = _build_state_index()
_FOREIGN_INDEX: frozenset[str] = frozenset(
    k for a in (*_FOREIGN, *_COUNTRIES) for k in (_key(a), _key(a).replace(" ", ""))
)
_US_COUNTRY_INDEX: frozenset[str] = frozenset(
    k for a in _US_COUNTRY for k in (_key(a), _key(a).replace(" ", ""))
)


def normalize_state(text: str | None) -> str | None:
    """Return the USPS code for a state/territory/military spelling, or None.

    Accepts codes and names in any case and spacing, Publication 28 codes, GPO/AP
    abbreviations with or without periods ("Calif.", "N. Dak.", "Wash. D.C."), "State of
    ...", and territory long forms. None means "not a US postal place we know"; use
    is_foreign_region() to tell foreign from unreadable.
    """
    if text is None:
        return None
    k = _key(text)
    if not k:
        return None
    hit = _STATE_INDEX.get(k) or _STATE_INDEX.get(k.replace(" ", ""))
    if hit:
        return hit
    stripped = _LEADING.sub("", k + " ").strip()
    if stripped != k and stripped:
        return _STATE_INDEX.get(stripped) or _STATE_INDEX.get(stripped.replace(" ", ""))
    return None


def is_foreign_region(text: str | None) -> bool:
    """True when the text names a place outside the US postal system.

    Used so that "Ontario" or "Germany" in a state column is reported as foreign rather
    than unreadable; callers check normalize_state() first.
    """
    if text is None:
        return False
    k = _key(text)
    return bool(k) and (k in _FOREIGN_INDEX or k.replace(" ", "") in _FOREIGN_INDEX)


def normalize_country(text: str | None) -> str | None:
    """Classify a country-column value: "US", "foreign", or None for blank/unknown.

    US territories and the freely associated states written as a country ("Puerto Rico",
    "Palau") are US postal addresses, so they count as "US".
    """
    if text is None:
        return None
    k = _key(text)
    if not k:
        return None
    if k in _US_COUNTRY_INDEX or k.replace(" ", "") in _US_COUNTRY_INDEX:
        return "US"
    if is_blank_marker(text):
        return None
    if normalize_state(text) in _US_POSTAL_AREAS:
        return "US"
    # Anything else written in a country column names a country that is not the US.
    return "foreign"


def is_blank_marker(text: str | None) -> bool:
    """True for empty cells and the placeholders exports write for "no value" ("N/A")."""
    if text is None:
        return True
    k = _key(text)
    return not k or k in _BLANK_MARKERS or k.replace(" ", "") in _BLANK_MARKERS


# --- ZIP code prefixes -------------------------------------------------------------------
# Source: USPS "List of 3-digit ZIP Code prefixes" (Domestic Mail Manual, Labeling List
# L002, 3-digit ZIP Code Prefix Matrix) for the ranges, cross-checked prefix by prefix
# against the USPS-derived ZIP list shipped in the `zipcodes` PyPI package (3.0.0). Prefixes
# not listed are not assigned to any post office (000-004, 213, 269, 343, 345, 348, 353,
# 419, 428, 429, 517-519, 529, 533, 536, 552, 568, 578, 579, 589, 621, 632, 642, 643,
# 659, 663, 682, 694-699, 702, 709, 715, 732, 742, 771, 817-819, 839, 848, 849, 854,
# 858, 861, 862, 866-869, 872, 886, 887, 892, 896, 899, 909, 929, 987): a ZIP starting
# with one of them is treated as unreadable, not guessed.
ZIP3_RANGES: tuple[tuple[int, int, str], ...] = (
    (5, 5, "NY"),  # Holtsville IRS
    (6, 7, "PR"),
    (8, 8, "VI"),
    (9, 9, "PR"),
    (10, 27, "MA"),
    (28, 29, "RI"),
    (30, 38, "NH"),
    (39, 49, "ME"),
    (50, 54, "VT"),
    (55, 55, "MA"),  # Andover IRS
    (56, 59, "VT"),
    (60, 69, "CT"),
    (70, 89, "NJ"),
    (90, 99, "AE"),  # APO/FPO/DPO Europe, Middle East, Africa, Canada
    (100, 149, "NY"),
    (150, 196, "PA"),
    (197, 199, "DE"),
    (200, 200, "DC"),
    (201, 201, "VA"),  # Dulles
    (202, 205, "DC"),
    (206, 212, "MD"),
    (214, 219, "MD"),
    (220, 246, "VA"),
    (247, 268, "WV"),
    (270, 289, "NC"),
    (290, 299, "SC"),
    (300, 319, "GA"),
    (320, 339, "FL"),
    (340, 340, "AA"),  # APO/FPO Americas
    (341, 342, "FL"),
    (344, 344, "FL"),
    (346, 347, "FL"),
    (349, 349, "FL"),
    (350, 352, "AL"),
    (354, 369, "AL"),
    (370, 385, "TN"),
    (386, 397, "MS"),
    (398, 399, "GA"),
    (400, 418, "KY"),
    (420, 427, "KY"),
    (430, 459, "OH"),
    (460, 479, "IN"),
    (480, 499, "MI"),
    (500, 516, "IA"),
    (520, 528, "IA"),
    (530, 532, "WI"),
    (534, 535, "WI"),
    (537, 549, "WI"),
    (550, 551, "MN"),
    (553, 567, "MN"),
    (569, 569, "DC"),  # federal agencies
    (570, 577, "SD"),
    (580, 588, "ND"),
    (590, 599, "MT"),
    (600, 620, "IL"),
    (622, 629, "IL"),
    (630, 631, "MO"),
    (633, 641, "MO"),
    (644, 658, "MO"),
    (660, 662, "KS"),
    (664, 679, "KS"),
    (680, 681, "NE"),
    (683, 693, "NE"),
    (700, 701, "LA"),
    (703, 708, "LA"),
    (710, 714, "LA"),
    (716, 729, "AR"),
    (730, 731, "OK"),
    (733, 733, "TX"),  # Austin IRS
    (734, 741, "OK"),
    (743, 749, "OK"),
    (750, 770, "TX"),
    (772, 799, "TX"),
    (800, 816, "CO"),
    (820, 831, "WY"),
    (832, 838, "ID"),
    (840, 847, "UT"),
    (850, 853, "AZ"),
    (855, 857, "AZ"),
    (859, 860, "AZ"),
    (863, 865, "AZ"),
    (870, 871, "NM"),
    (873, 884, "NM"),
    (885, 885, "TX"),  # El Paso
    (888, 888, "DC"),  # federal agencies
    (889, 891, "NV"),
    (893, 895, "NV"),
    (897, 898, "NV"),
    (900, 908, "CA"),
    (910, 928, "CA"),
    (930, 961, "CA"),
    (962, 966, "AP"),  # APO/FPO Pacific
    (967, 968, "HI"),  # 96799 is American Samoa, see ZIP5_EXCEPTIONS
    (969, 969, "GU"),  # shared with MP, FM, MH, PW, see ZIP5_EXCEPTIONS
    (970, 979, "OR"),
    (980, 986, "WA"),
    (988, 994, "WA"),
    (995, 999, "AK"),
)

# Five-digit ZIP codes whose state differs from their prefix's (same sources). The 969
# prefix is shared by Guam with the Northern Mariana Islands and the freely associated
# states; a few border post offices are served from a neighbouring state's prefix.
ZIP5_EXCEPTIONS: Mapping[str, str] = MappingProxyType(
    {
        "06390": "NY",  # Fishers Island, served from New London CT
        "20588": "MD",
        "20598": "VA",
        "72643": "MO",  # Lead Hill
        "73960": "TX",  # Texhoma
        "83414": "WY",  # Alta
        "96799": "AS",  # Pago Pago
        "96939": "PW",
        "96940": "PW",
        "96941": "FM",
        "96942": "FM",
        "96943": "FM",
        "96944": "FM",
        "96950": "MP",
        "96951": "MP",
        "96952": "MP",
        "96960": "MH",
        "96970": "MH",
    }
)

# ZIPs that exports write when the real one is missing: all-same-digit values that no post
# office has. 99999 and 88888 would otherwise be read as Alaska and as Washington DC
# (prefixes 999 and 888 exist); a person whose only address is a placeholder is unreadable,
# not a resident of the state the placeholder happens to point at. 44444 (Newton Falls,
# Ohio) and 55555 (a unique ZIP in Young America, Minnesota) are real and stay placed.
# 00000 sits in an unassigned prefix anyway; it is listed for clarity.
PLACEHOLDER_ZIPS: frozenset[str] = frozenset(
    {"00000", "11111", "22222", "33333", "66666", "77777", "88888", "99999"}
)

_ZIP3: dict[str, str] = {
    f"{p:03d}": code for first, last, code in ZIP3_RANGES for p in range(first, last + 1)
}
# Prefixes for which the 3-digit answer is not the whole story.

_ZIP_RE = re.compile(r"^(\d{5})(?:[-\s]?\d{4})?$")
_ZIP_SHORT_RE = re.compile(r"^(\d{3,4})(?:-\d{4})?$")
_ZIP_NINE_SHORT_RE = re.compile(r"^(\d{7,8})$")


def zip5(text: str | None) -> str | None:
    """Return the 5-digit ZIP in a ZIP or ZIP+4 cell, or None when there is none.

    Spreadsheets drop leading zeros ("2134" for 02134, "21341234" for 02134-1234), so 3- to
    4-digit values and 7- to 8-digit values are padded back; "2134.0" from a numeric cell
    is accepted too.
    """
    if text is None:
        return None
    t = text.strip()
    if t.endswith(".0") and t[:-2].isdigit():
        t = t[:-2]
    m = _ZIP_RE.match(t)
    if m:
        return m.group(1)
    m = _ZIP_SHORT_RE.match(t)
    if m:
        return m.group(1).zfill(5)
    m = _ZIP_NINE_SHORT_RE.match(t)
    if m:
        return m.group(1).zfill(9)[:5]
    return None


def zip3_to_state(prefix: str) -> str | None:
    """Return the USPS code for a 3-digit ZIP prefix, or None when it is not assigned.

    A prefix shared by two areas (969: GU, MP) gets the majority answer; zip_to_state
    tells them apart by the full ZIP.
    """
    return _ZIP3.get(prefix)


def zip_to_state(text: str | None) -> str | None:
    """Return the USPS code a ZIP or ZIP+4 belongs to, or None for unassigned/unreadable."""
    z = zip5(text)
    if z is None or z in PLACEHOLDER_ZIPS:
        return None
    return ZIP5_EXCEPTIONS.get(z) or _ZIP3.get(z[:3])
