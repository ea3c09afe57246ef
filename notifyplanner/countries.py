"""Foreign countries: ISO 3166-1 alpha-2 codes and the spellings that name them.

Why: people on an affected-people list who live abroad are affected people too (issue 12);
the incident records how many live in each country, so that a privacy officer can see
which foreign laws may reach the incident. Countries are keyed by their ISO 3166-1
alpha-2 code ("CA" Canada, "DE" Germany); "unknown" holds rows that are plainly abroad
("Foreign", "International", a Canadian postal code with no province) without naming a
country we can read.

Source of the codes and short names: ISO 3166-1 as published in the IANA time zone
database's iso3166.tab (2024 release), names lightly expanded ("United Kingdom" for
"Britain (UK)"). The US and the areas with USPS codes are not here: they are not
foreign (notifyplanner.places).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["COUNTRIES", "UNKNOWN_COUNTRY", "country_code", "country_name"]

UNKNOWN_COUNTRY = "unknown"

COUNTRIES: Mapping[str, str] = MappingProxyType(
    {
        "AD": "Andorra",
        "AE": "United Arab Emirates",
        "AF": "Afghanistan",
        "AG": "Antigua and Barbuda",
        "AI": "Anguilla",
        "AL": "Albania",
        "AM": "Armenia",
        "AO": "Angola",
        "AQ": "Antarctica",
        "AR": "Argentina",
        "AT": "Austria",
        "AU": "Australia",
        "AW": "Aruba",
        "AX": "Åland Islands",
        "AZ": "Azerbaijan",
        "BA": "Bosnia and Herzegovina",
        "BB": "Barbados",
        "BD": "Bangladesh",
        "BE": "Belgium",
        "BF": "Burkina Faso",
        "BG": "Bulgaria",
        "BH": "Bahrain",
        "BI": "Burundi",
        "BJ": "Benin",
        "BL": "Saint Barthelemy",
        "BM": "Bermuda",
        "BN": "Brunei",
        "BO": "Bolivia",
        "BQ": "Caribbean Netherlands",
        "BR": "Brazil",
        "BS": "Bahamas",
        "BT": "Bhutan",
        "BV": "Bouvet Island",
        "BW": "Botswana",
        "BY": "Belarus",
        "BZ": "Belize",
        "CA": "Canada",
        "CC": "Cocos (Keeling) Islands",
        "CD": "Democratic Republic of the Congo",
        "CF": "Central African Republic",
        "CG": "Republic of the Congo",
        "CH": "Switzerland",
        "CI": "Côte d'Ivoire",
        "CK": "Cook Islands",
        "CL": "Chile",
        "CM": "Cameroon",
        "CN": "China",
        "CO": "Colombia",
        "CR": "Costa Rica",
        "CU": "Cuba",
        "CV": "Cape Verde",
        "CW": "Curaçao",
        "CX": "Christmas Island",
        "CY": "Cyprus",
        "CZ": "Czech Republic",
        "DE": "Germany",
        "DJ": "Djibouti",
        "DK": "Denmark",
        "DM": "Dominica",
        "DO": "Dominican Republic",
        "DZ": "Algeria",
        "EC": "Ecuador",
        "EE": "Estonia",
        "EG": "Egypt",
        "EH": "Western Sahara",
        "ER": "Eritrea",
        "ES": "Spain",
        "ET": "Ethiopia",
        "FI": "Finland",
        "FJ": "Fiji",
        "FK": "Falkland Islands",
        "FO": "Faroe Islands",
        "FR": "France",
        "GA": "Gabon",
        "GB": "United Kingdom",
        "GD": "Grenada",
        "GE": "Georgia",
        "GF": "French Guiana",
        "GG": "Guernsey",
        "GH": "Ghana",
        "GI": "Gibraltar",
        "GL": "Greenland",
        "GM": "Gambia",
        "GN": "Guinea",
        "GP": "Guadeloupe",
        "GQ": "Equatorial Guinea",
        "GR": "Greece",
        "GS": "South Georgia and the South Sandwich Islands",
        "GT": "Guatemala",
        "GW": "Guinea-Bissau",
        "GY": "Guyana",
        "HK": "Hong Kong",
        "HM": "Heard Island and McDonald Islands",
        "HN": "Honduras",
        "HR": "Croatia",
        "HT": "Haiti",
        "HU": "Hungary",
        "ID": "Indonesia",
        "IE": "Ireland",
        "IL": "Israel",
        "IM": "Isle of Man",
        "IN": "India",
        "IO": "British Indian Ocean Territory",
        "IQ": "Iraq",
        "IR": "Iran",
        "IS": "Iceland",
        "IT": "Italy",
        "JE": "Jersey",
        "JM": "Jamaica",
        "JO": "Jordan",
        "JP": "Japan",
        "KE": "Kenya",
        "KG": "Kyrgyzstan",
        "KH": "Cambodia",
        "KI": "Kiribati",
        "KM": "Comoros",
        "KN": "Saint Kitts and Nevis",
        "KP": "North Korea",
        "KR": "South Korea",
        "KW": "Kuwait",
        "KY": "Cayman Islands",
        "KZ": "Kazakhstan",
        "LA": "Laos",
        "LB": "Lebanon",
        "LC": "Saint Lucia",
        "LI": "Liechtenstein",
        "LK": "Sri Lanka",
        "LR": "Liberia",
        "LS": "Lesotho",
        "LT": "Lithuania",
        "LU": "Luxembourg",
        "LV": "Latvia",
        "LY": "Libya",
        "MA": "Morocco",
        "MC": "Monaco",
        "MD": "Moldova",
        "ME": "Montenegro",
        "MF": "Saint Martin (French)",
        "MG": "Madagascar",
        "MK": "North Macedonia",
        "ML": "Mali",
        "MM": "Myanmar",
        "MN": "Mongolia",
        "MO": "Macau",
        "MQ": "Martinique",
        "MR": "Mauritania",
        "MS": "Montserrat",
        "MT": "Malta",
        "MU": "Mauritius",
        "MV": "Maldives",
        "MW": "Malawi",
        "MX": "Mexico",
        "MY": "Malaysia",
        "MZ": "Mozambique",
        "NA": "Namibia",
        "NC": "New Caledonia",
        "NE": "Niger",
        "NF": "Norfolk Island",
        "NG": "Nigeria",
        "NI": "Nicaragua",
        "NL": "Netherlands",
        "NO": "Norway",
        "NP": "Nepal",
        "NR": "Nauru",
        "NU": "Niue",
        "NZ": "New Zealand",
        "OM": "Oman",
        "PA": "Panama",
        "PE": "Peru",
        "PF": "French Polynesia",
        "PG": "Papua New Guinea",
        "PH": "Philippines",
        "PK": "Pakistan",
        "PL": "Poland",
        "PM": "Saint Pierre and Miquelon",
        "PN": "Pitcairn",
        "PS": "Palestine",
        "PT": "Portugal",
        "PY": "Paraguay",
        "QA": "Qatar",
        "RE": "Réunion",
        "RO": "Romania",
        "RS": "Serbia",
        "RU": "Russia",
        "RW": "Rwanda",
        "SA": "Saudi Arabia",
        "SB": "Solomon Islands",
        "SC": "Seychelles",
        "SD": "Sudan",
        "SE": "Sweden",
        "SG": "Singapore",
        "SH": "Saint Helena",
        "SI": "Slovenia",
        "SJ": "Svalbard and Jan Mayen",
        "SK": "Slovakia",
        "SL": "Sierra Leone",
        "SM": "San Marino",
        "SN": "Senegal",
        "SO": "Somalia",
        "SR": "Suriname",
        "SS": "South Sudan",
        "ST": "Sao Tome and Principe",
        "SV": "El Salvador",
        "SX": "Saint Maarten (Dutch)",
        "SY": "Syria",
        "SZ": "Eswatini",
        "TC": "Turks and Caicos Islands",
        "TD": "Chad",
        "TF": "French Southern Territories",
        "TG": "Togo",
        "TH": "Thailand",
        "TJ": "Tajikistan",
        "TK": "Tokelau",
        "TL": "East Timor",
        "TM": "Turkmenistan",
        "TN": "Tunisia",
        "TO": "Tonga",
        "TR": "Turkey",
        "TT": "Trinidad and Tobago",
        "TV": "Tuvalu",
        "TW": "Taiwan",
        "TZ": "Tanzania",
        "UA": "Ukraine",
        "UG": "Uganda",
        "UY": "Uruguay",
        "UZ": "Uzbekistan",
        "VA": "Vatican City",
        "VC": "Saint Vincent",
        "VE": "Venezuela",
        "VG": "British Virgin Islands",
        "VN": "Vietnam",
        "VU": "Vanuatu",
        "WF": "Wallis and Futuna",
        "WS": "Samoa",
        "YE": "Yemen",
        "YT": "Mayotte",
        "ZA": "South Africa",
        "ZM": "Zambia",
        "ZW": "Zimbabwe",
    }
)

# Spellings beyond the names above: what exports write in a state or country column
# (notifyplanner.places lists them as foreign), each with the country it names. Canadian
# province codes cannot collide with USPS codes; Australian state codes can ("WA"), so
# they are not here.
_CANADA = (
    "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "PQ", "SK", "YT",
    "Alberta", "British Columbia", "Manitoba", "New Brunswick", "Newfoundland",
    "Newfoundland and Labrador", "Nova Scotia", "Northwest Territories", "Nunavut",
    "Ontario", "Prince Edward Island", "Quebec", "Saskatchewan", "Yukon", "Yukon Territory",
    "CAN",
)  # fmt: skip
_MEXICO = (
    "Baja California", "Baja California Sur", "Chihuahua", "Coahuila", "Jalisco",
    "Nuevo Leon", "Sonora", "Tamaulipas", "Ciudad de Mexico", "CDMX", "Distrito Federal",
    "Estado de Mexico", "Yucatan", "Quintana Roo", "MEX", "Mejico",
)  # fmt: skip
_ALIASES: Mapping[str, str] = MappingProxyType(
    {
        **dict.fromkeys(_CANADA, "CA"),
        **dict.fromkeys(_MEXICO, "MX"),
        **dict.fromkeys(
            (
                "UK",
                "U K",
                "GBR",
                "Great Britain",
                "Britain",
                "England",
                "Scotland",
                "Wales",
                "Northern Ireland",
            ),
            "GB",
        ),
        **dict.fromkeys(("Deutschland", "DEU"), "DE"),
        **dict.fromkeys(("FRA",), "FR"),
        **dict.fromkeys(("AUS",), "AU"),
        **dict.fromkeys(("JPN", "Nippon"), "JP"),
        **dict.fromkeys(("CHN", "PRC", "People's Republic of China"), "CN"),
        **dict.fromkeys(("IND",), "IN"),
        **dict.fromkeys(("Korea", "Republic of Korea"), "KR"),
        **dict.fromkeys(("UAE", "U A E"), "AE"),
        **dict.fromkeys(("Holland", "The Netherlands"), "NL"),
        **dict.fromkeys(("Republic of Ireland", "Eire"), "IE"),
        **dict.fromkeys(("Czechia",), "CZ"),
        **dict.fromkeys(("Brasil",), "BR"),
        **dict.fromkeys(("Espana",), "ES"),
        **dict.fromkeys(("Italia",), "IT"),
        **dict.fromkeys(("Russian Federation",), "RU"),
        **dict.fromkeys(("Viet Nam",), "VN"),
        **dict.fromkeys(("Turkiye",), "TR"),
        **dict.fromkeys(("The Bahamas",), "BS"),
        **dict.fromkeys(("Ivory Coast", "Cote dIvoire"), "CI"),
    }
)


def _fold(text: str) -> str:
    from notifyplanner.places import _key  # one folding rule for every place name

    return _key(text)


def _build_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for code, name in COUNTRIES.items():
        index[_fold(name)] = code
    for alias, code in _ALIASES.items():
        index[_fold(alias)] = code
    return index


_INDEX: dict[str, str] | None = None


def country_code(text: str | None, *, codes: bool = False) -> str:
    """The ISO code of the country ``text`` names, or ``UNKNOWN_COUNTRY``.

    ``codes``: read a bare two-letter value as an ISO code. Right for a country column
    ("DE", "CA" Canada); wrong for a state column, where "CA" is California.
    """
    global _INDEX
    if _INDEX is None:
        _INDEX = _build_index()
    if text is None:
        return UNKNOWN_COUNTRY
    k = _fold(text)
    hit = _INDEX.get(k) or _INDEX.get(k.replace(" ", ""))
    if hit:
        return hit
    if codes and len(k) == 2 and k in COUNTRIES:
        return k
    return UNKNOWN_COUNTRY


def country_name(code: str) -> str:
    """'CA' -> 'Canada'; 'unknown' -> 'country not named'."""
    if code == UNKNOWN_COUNTRY:
        return "country not named"
    return COUNTRIES.get(code, code)
