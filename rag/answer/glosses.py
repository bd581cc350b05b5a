"""English glosses of Korean answer spans, shown beside the bold span of an English question's answer:
dates ("2019년 3월" → March 2019), counts ("12개사" → 12 companies) and measures ("16위" → 16th place)."""

from __future__ import annotations

import re

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
_COUNTERS = {"개사": "companies", "곳": "places", "명": "people", "건": "cases", "개국": "countries", "개": "",
             "社": "companies"}


def gloss_english(span: str) -> str:
    """An English gloss of a Korean date or count span, or '' when there is none.

    >>> gloss_english("2019년 3월"), gloss_english("2031년 하반기"), gloss_english("12개사")
    ('March 2019', 'the second half of 2031', '12 companies')
    """
    s = span.replace(" ", "")
    m = re.fullmatch(r"(?:(\d{4})년)?(?:(\d{1,2})월)?(?:(\d{1,2})일)?([상하]반기)?", s)
    if m and any(m.groups()):
        year, month, day, half = m.groups()
        if half:
            which = "first" if half == "상반기" else "second"
            return f"the {which} half of {year}" if year else f"the {which} half of the year"
        parts = []
        if month and 1 <= int(month) <= 12:
            parts.append(_MONTHS[int(month) - 1] + (f" {int(day)}" if day else ""))
        elif day:
            parts.append(f"the {int(day)}{_ordinal(int(day))} (day of the month)")
        if year:
            parts.append(year)
        return ", ".join(parts) if day and month and year else " ".join(parts)
    m = re.fullmatch(r"(\d[\d,.]*)(개사|개국|개|곳|명|건|社)", s)
    if m:
        return f"{m.group(1)} {_COUNTERS[m.group(2)]}".strip()
    return _gloss_measure(s)


# Korean units written in Hangul, in English (Latin units and "%" need no gloss)
_UNIT_WORDS = {"킬로미터": "kilometres", "미터": "metres", "센티미터": "centimetres", "밀리미터": "millimetres",
               "마일": "miles", "피트": "feet", "인치": "inches", "평": "pyeong", "제곱미터": "square metres",
               "제곱킬로미터": "square kilometres", "헥타르": "hectares", "에이커": "acres", "리터": "litres",
               "배럴": "barrels", "갤런": "gallons", "톤": "tonnes", "킬로그램": "kilograms", "그램": "grams",
               "퍼센트": "percent", "포인트": "points", "도": "degrees", "초": "seconds", "층": "storeys", "배": "times",
               "테라바이트": "terabytes", "기가바이트": "gigabytes", "메가바이트": "megabytes"}
_MULTIPLIERS = {"만": 10_000, "억": 100_000_000, "조": 1_000_000_000_000}


def _gloss_measure(span: str) -> str:
    """An English gloss of a measure span without spaces: a rank, a share, a speed, an amount in Hangul
    units or in 만/억 ("16위" → "16th place", "시속33km" → "33 km/h", "50억킬로미터" → "5,000,000,000
    kilometres"), or '' when the span reads the same in English ("48km", "14%")."""
    if span in ("절반", "과반", "과반수"):
        return "half" if span == "절반" else "a majority"
    m = re.fullmatch(r"(\d+)(?:위|등)", span)
    if m:
        return f"{m.group(1)}{_ordinal(int(m.group(1)))} place"
    m = re.fullmatch(r"(\d+)분의(\d+)", span)
    if m:
        return f"{m.group(2)}/{m.group(1)}"
    m = re.fullmatch(r"(시속|초속)?(\d[\d,.]*)(만|억|조)?(\D+)", span)
    if not m:
        return ""
    speed, number, multiplier, unit = m.groups()
    if multiplier:
        value = float(number.replace(",", "")) * _MULTIPLIERS[multiplier]
        number = f"{value:,.0f}" if value == int(value) else f"{value:,}"
    if speed:
        per = "h" if speed == "시속" else "s"
        return f"{number} {unit}/{per}" if unit in ("km", "㎞", "m") else ""
    english = _UNIT_WORDS.get(unit)
    return f"{number} {english}" if english else (f"{number} {unit}" if multiplier else "")


def _ordinal(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
