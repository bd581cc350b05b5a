"""Spans of values in a sentence: dates and durations, times, ages, amounts of money, counts and measures,
each a run of whole words (rag/answer/words.py), as rag/answer/spans.py asks for them by answer type."""

from __future__ import annotations

import re
from functools import lru_cache

from .words import Span, Word, all_tagged, is_bare, span_of, upper_end, word_core, word_runs, words

# Days counted in native Korean numbers ("이틀", "사흘째", "열흘간"): general words, no article's.
_DAYS_KO = r"(?:하루|이틀|사흘|나흘|닷새|엿새|이레|여드레|아흐레|열흘|보름)"
# An ordinal day ("3번째 날", "두 번째 날"), which the question "며칠째?" asks for.
_ORDINAL_DAY = re.compile(r"(?<![\w])(?:\d{1,3}\s?번째|(?:첫|두|세|네|다섯)\s?번째|첫째|둘째|셋째)\s?날")
# Dates, and durations for "how long" ("5년", "10주", "20분", "3개월간", "9개월만에": after how long).
DATE_WORD = re.compile(r"(?:\d{4}년|\d{2,4}년대|\d{1,2}월|\d{1,2}일|[상하]반기|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.?"
                        r"|내년|올해|지난해|작년|이듬해|다음달|지난달|이달"
                        r"|\d{1,3}(?:년|일)(?:간|째|만)?|\d[\d,]{0,6}(?:개월|주일?|시간|분)(?:간|째|만)?|" + _DAYS_KO + r"(?:간|째|만)?)"
                        r"(?:경|께|쯤)?")
# "새벽 3시 15분경": an approximate time is still one time; "2시간" is how long, no time of day
TIME_WORD = re.compile(r"(?:오전|오후|새벽|저녁|밤|낮|정오|자정|\d{1,2}시(?:\d{1,2}분|반)?|\d{1,2}분|\d{1,2}:\d{2})"
                       r"(?:경|께|쯤)?")
_HALF_HOUR = re.compile(r"\s?반(?=$|[^가-힣]|[에께경쯤])")  # "10시 반에": the half hour written as its own word
_AGE_WORD = re.compile(r"(?:만\s?)?\d{1,3}(?:세|살)")
# An amount ("2억7500만 달러", "23억6,000만달러", "250억 원"): number groups, then the currency, which
# may stand as its own word after the number.
_CURRENCY = "원|달러|엔|유로|위안|파운드|센트|루블|루피|페소|프랑|리라|헤알"
_MONEY_WORD = re.compile(rf"(?:\d[\d,.]*(?:조|억|천만|백만|만|천))*\d[\d,.]*(?:조|억|천만|백만|만|천)?(?:{_CURRENCY})?"
                         rf"|(?:{_CURRENCY})")
_MONEY_UNIT = re.compile(rf"(?:조|억|천만|백만|만|천)?(?:{_CURRENCY})$")
_COUNT_WORD = re.compile(r"(?:\d[\d,.]*(?:조|억|만|천))*\d[\d,.]*(?:[가-힣]{1,3}|%|社)?")  # "1만2000여명"
# Numbers in native Korean words, and the approximate ones news writes ("두 명", "열두 척", "수십 명",
# "수백억 원"): general grammar, no article's. They count only before a counter or a currency.
_NATIVE_NUMBER = re.compile(r"(?:(?:열|스물|서른|마흔|쉰|예순|일흔|여든|아흔)(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉)?"
                            r"|한|두|세|석|네|넉|다섯|여섯|일곱|여덟|아홉|스무|수(?:십|백|천)(?:만|억|조)?|수(?:만|억|조))여?")
_NATIVE_SPAN = re.compile(r"(?:달|해|시간|주일?|개월)(?:간|째|동안)?")  # "두 달간", "세 시간째"
_COUNTER_NOUNS = re.compile(r"차례|가지|군데|개국|마리|쌍")  # counters Kiwi reads as common nouns
_NOT_COUNTER = re.compile(rf"(?:년|월|일|시|분|초|세|살|{_CURRENCY}|위|차|호|층|평|조|억|만|천|번째)$")
_MEASURE = re.compile(r"(?:층|평)$")  # measures, not counters: a count only when asked ("몇 층", a bare "얼마")
COUNTER_LEFT = re.compile(r"[\d,.\s천만억조여]")  # what a count is left with is its counter ("15개 기업" → 개기업)
# "박모(39)는", and beside a country or affiliation: "(한빛.24)", "(22.노르비아)", "(20·한빛대)"
_BRACKET_AGE = re.compile(r"(?<=[가-힣A-Za-z])\((?:[가-힣A-Za-z]+[.·ㆍ,]\s?)?(\d{1,3})(?:세|살)?"
                          r"(?:[.·ㆍ,]\s?[가-힣A-Za-z][^()]{0,20})?\)")
# "8달러(약 9천원)": the bracketed amount converts the one before it into another currency
_CONVERSION = re.compile(r"\d[^\s(]*\s?\((?:약|about)?\s?$")
_AMOUNT = re.compile(r"(?<![\d,.])\d[\d,.]*(?:\s?(?:조|억|천만|백만|만|천)(?:\s?\d[\d,.]*)?)*\s?(?:" + _CURRENCY + ")"
                     r"(?![가-힣](?<![은는이가을를의에로도과와만]))")


# Units of measure (general language, no article's): the kinds a measure question asks in.
_UNITS = {
    "length": "km|㎞|m|cm|㎝|mm|㎜|킬로미터|미터|센티미터|센티|밀리미터|마일|피트|인치|야드|해리|광년",
    "area": "㎡|㎢|m2|km2|제곱미터|제곱킬로미터|평방미터|평방킬로미터|평|헥타르|ha|에이커",
    "volume": "리터|ℓ|배럴|갤런|㎥|입방미터|cc|ml|㎖|밀리리터",
    "weight": "톤|t|kg|㎏|g|㎎|mg|킬로그램|그램|온스",
    "speed": "km/h|㎞/h|mph|노트|knots",
    "share": "%|퍼센트|%포인트|포인트|배|할",
    "rank": "위|등",
    "temperature": "도|℃|°C",
    "storeys": "층",
    "seconds": "초",
    "data": "테라바이트|기가바이트|메가바이트|킬로바이트|바이트|TB|GB|MB",
}
RANK_UNITS = _UNITS["rank"]
_FRACTION = re.compile(r"(?<![\d.,])\d+\s?분의\s?\d+(?![\d.,])|(?<![가-힣])(?:절반|과반수?)")




@lru_cache(maxsize=64)
def _measure_patterns(kinds: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    """A word of a measure in the asked units: a number with its unit ("48km", "32미터짜리" → 32미터), a
    number in 만/억 or a unit alone (as in "50억 킬로미터"), or "시속"/"초속" before a speed; and the
    end a whole measure has (its unit)."""
    units = "|".join(_UNITS[k] for k in (kinds or _UNITS))
    return (re.compile(rf"(?:시속|초속)|(?:시속|초속)?(?:\d[\d,.]*(?:조|억|만|천))*\d[\d,.]*(?:조|억|만|천)?(?:{units})?"
                       rf"|(?:{units})"),
            re.compile(rf"(?:{units})$"))



def _with_half_hour(sentence: str, span: Span) -> Span:
    """A time on the hour with the half hour after it ("오전 10시 반에" → "오전 10시 반"; invented).

    >>> _with_half_hour("오전 10시 반에 도착했다.", Span("오전 10시", 0, 6)).text
    '오전 10시 반'
    """
    half = _HALF_HOUR.match(sentence, span.end) if span.text.endswith("시") else None
    return Span(sentence[span.start:half.end()], span.start, half.end()) if half else span


_BARE_AMOUNT = re.compile(r"(?:\d[\d,.]*(?:조|억|천만|백만|만))+\d*")


def bare_amounts(sentence: str) -> list[Span]:
    """Numbers in 만/억/조 with no currency and no counter after them ("520억의", "2조원" aside): what a
    money question is answered with when the sentence names no currency. Invented sentence:

    >>> [s.text for s in bare_amounts("부지를 520억에 사들였고 관중 3만 명이 모였다.")]
    ['520억']
    """
    ws = words(sentence)
    return [span_of(sentence, ws, i, i + 1) for i, w in enumerate(ws)
            if _BARE_AMOUNT.fullmatch(word_core(sentence, w))
            and (not is_bare(w) or i + 1 == len(ws) or not all_tagged(ws[i + 1], ("NN",)))]


def merged(spans: list[Span], extra: list[Span]) -> list[Span]:
    """`spans` plus the `extra` spans that overlap none of them, in reading order."""
    kept = spans + [e for e in extra if not any(e.start < x.end and x.start < e.end for x in spans)]
    return sorted(kept, key=lambda x: x.start)


def _native_numbers(sentence: str, ws, unit_ok) -> list[Span]:
    """A number in native Korean words with the word after it, where `unit_ok(core, word)` accepts that
    word as the number's unit. Invented sentence:

    >>> [s.text for s in _native_numbers("선박 세 척과 헬기 두 대가 나섰다.", words("선박 세 척과 헬기 두 대가 나섰다."),
    ...                                  lambda core, w: all_tagged(w, ("NNB",)))]
    ['세 척', '두 대']
    """
    return [span_of(sentence, ws, i, i + 2) for i, w in enumerate(ws[:-1])
            if is_bare(w) and _NATIVE_NUMBER.fullmatch(word_core(sentence, w))
            and unit_ok(word_core(sentence, ws[i + 1]), ws[i + 1])]


def _is_counter(core: str, w: Word) -> bool:
    """A count's unit after a native number: "명", "척", "차례"; not a span of time ("한 해", "두 달")."""
    return (all_tagged(w, ("NNB",)) or _COUNTER_NOUNS.fullmatch(core) is not None) and not _NOT_COUNTER.search(core) \
        and core not in ("해", "달", "날", "때")


def count_spans(sentence: str, ws, unit: str | None = None, measures: bool = False) -> list[Span]:
    """A number with its counter ("12개사", "250개사 이상" → "250개사"; "45개 기업" → "45개", the noun is what is
    counted), or a number, perhaps in 만/억 or about (여), then its unit word ("850만 배럴", "3천여 명")."""
    found = []
    for i, w in enumerate(ws):
        written = word_core(sentence, w)
        core = upper_end(written)  # "3~5명" is counted as "5명" is
        lower_end = len(written) - len(core)
        if re.fullmatch(r"\d[\d,.]*(?:조|억|천만|백만|만|천)?여?", core) and is_bare(w) and i + 1 < len(ws) and all_tagged(ws[i + 1], ("NNG", "NNB")) \
                and not _NOT_COUNTER.search(word_core(sentence, ws[i + 1])):
            found.append(span_of(sentence, ws, i, i + 2))  # "0.33 퍼센트", "100 대": a number, then its unit word
            continue
        asked = (unit is not None and core.endswith(unit)) or (measures and _MEASURE.search(core) is not None)
        counted_in = unit is not None and re.fullmatch(
            rf"(\d[\d,.]*(?:(?:조|억|천만|백만|만|천)\d[\d,.]*)*(?:조|억|천만|백만|만|천)?여?\s?{re.escape(unit)}[가-힣]?)"
            rf"(?:\([^)]*\))?", core)  # each multiplier between digits once: no backtracking on a long digit run
        if not _COUNT_WORD.fullmatch(core) or not re.search(r"[^\d,.]", core) or (_NOT_COUNTER.search(core) and not asked):
            if counted_in:  # "몇 킬로미터" → "450킬로미터", "8테라바이트(TB)": any word the question counts in
                end = w.core_start + lower_end + len(counted_in.group(1))
                found.append(Span(sentence[w.core_start:end], w.core_start, end))
            continue
        found.append(span_of(sentence, ws, i, i + 1))
    return merged(found, _native_numbers(sentence, ws, _is_counter))


@lru_cache(maxsize=64)
def _glued_measures(kinds: tuple[str, ...]) -> re.Pattern:
    """A measure of the asked kinds with a bracket glued after it, which the word pattern cannot read:
    "8테라바이트(TB)의", "250 킬로미터(155마일)에" (invented)."""
    units = "|".join(_UNITS[k] for k in kinds)
    return re.compile(rf"(?<![\w.,])(\d[\d,.]*(?:조|억|만|천)?\s?(?:{units}))(?=\()")


def measure_spans(sentence: str, ws, kinds: tuple[str, ...]) -> list[Span]:
    """A number with a unit of the asked kinds ("48km", "시속 33km", "50억 킬로미터", "16위"); for a
    question that names no kind, also any count or amount ("얼마나 줄이나" → "14%", "3만명", "5억원")."""
    pattern, unit_end = _measure_patterns(kinds)
    found = [s for s in (span_of(sentence, ws, i, j) for i, j in word_runs(sentence, ws, pattern, 3))
             if re.search(r"\d", s.text) and unit_end.search(s.text)]
    if kinds:
        glued = _glued_measures(kinds).finditer(sentence)
        found = merged(found, [Span(m.group(1), m.start(1), m.end(1)) for m in glued])
    if not kinds or "share" in kinds:  # "절반", "3분의 1"
        found = merged(found, [Span(m.group(), m.start(), m.end()) for m in _FRACTION.finditer(sentence)])
    if not kinds:
        found = merged(found, count_spans(sentence, ws) + money_spans(sentence, ws))
    return found




def date_spans(sentence: str, ws) -> list[Span]:
    """Dates and durations, also in native numbers ("두 달간", "세 시간"), as ordinal days ("3번째 날") and
    glued to a bracket ("17일(현지시간)", "2030년 5월 3일(한국시간)"), which the word pattern cannot read."""
    glued = [Span(m.group(), m.start(), m.end()) for m in _GLUED_DATE.finditer(sentence)]
    native = _native_numbers(sentence, ws, lambda core, w: _NATIVE_SPAN.fullmatch(core) is not None)
    return merged(glued, merged([span_of(sentence, ws, i, j) for i, j in word_runs(sentence, ws, DATE_WORD)],
                                [Span(m.group(), m.start(), m.end()) for m in _ORDINAL_DAY.finditer(sentence)] + native))


_GLUED_DATE = re.compile(r"(?<![\d.,])(?:\d{4}년\s?)?(?:\d{1,2}월\s?)?\d{1,2}일(?=\()")


def time_spans(sentence: str, ws) -> list[Span]:
    """Times of day, with a half hour written as its own word ("오전 10시 반")."""
    return [_with_half_hour(sentence, span_of(sentence, ws, i, j)) for i, j in word_runs(sentence, ws, TIME_WORD, 3)]


def age_spans(sentence: str, ws) -> list[Span]:
    """Ages: "57세", and the news style "박모(39)는", an age in brackets after a name. A small number in 세
    right after a proper noun is a regnal name, not an age ("국왕 알폰소 13세는" → none)."""
    return merged([span_of(sentence, ws, i, j) for i, j in word_runs(sentence, ws, _AGE_WORD, 1)
                   if not _regnal(sentence, ws, i)],
                  [Span(m.group(1), m.start(1), m.end(1)) for m in _BRACKET_AGE.finditer(sentence)]
                  + _native_numbers(sentence, ws, lambda core, w: core == "살"))


def _regnal(sentence: str, ws, i: int) -> bool:
    """Is word `i` ("13세") the number of a monarch or pope's name, the proper noun before it bare?"""
    number = re.match(r"\d+(?=세)", word_core(sentence, ws[i]))
    return number is not None and int(number.group()) <= 30 and i > 0 and is_bare(ws[i - 1]) \
        and all_tagged(ws[i - 1], ("NNP", "SL"))


def money_spans(sentence: str, ws) -> list[Span]:
    """Amounts as whole words, or glued to a bracket ("1만엔(약 9만4000원)"), less those that convert the
    amount before them into another currency."""
    found = merged([s for s in (span_of(sentence, ws, i, j) for i, j in word_runs(sentence, ws, _MONEY_WORD, 3))
                    if re.match(r"\d", s.text) and _MONEY_UNIT.search(s.text.replace(" ", ""))],
                   [Span(m.group(), m.start(), m.end()) for m in _AMOUNT.finditer(sentence)])
    found = merged(found, _native_numbers(sentence, ws, lambda core, w: re.fullmatch(_CURRENCY, core) is not None))
    return [s for s in found if not _CONVERSION.search(sentence[:s.start])]


# How a duration reads, not a calendar date: "3개월", "10주", "5시간", "20년간", "사흘 동안" (a bare "7일" is
# the 7th, as news writes days)
DURATION_SPAN = re.compile(r"\d\s?(?:개월|주일?|시간|분|초)|(?<![\d])\d{1,3}\s?년(?!\s?\d{1,2}월)|\d\s?일\s?(?:간|동안|째|만)|간$|동안"
                            r"|번째\s?날|" + _DAYS_KO + rf"|^(?:{_NATIVE_NUMBER.pattern})\s?(?:{_NATIVE_SPAN.pattern})$")


# "10주에서 12주", "3~5%", "1-2일": a second number in the same unit closes a range the span opens
_RANGE_END = re.compile(r"(?:(?:에서|부터)\s?|\s?[~∼〜\-–]\s?)(\d[\d,.]*)\s?([가-힣%]{1,3})")


def with_range_end(sentence: str, span: Span) -> Span:
    """The span with the end of the range it opens ("10주에서 12주가" → "10주에서 12주"), when the words
    right after it give a second number in the same unit."""
    unit = re.search(r"\d\s?([가-힣%]{1,3})$", span.text)
    after = _RANGE_END.match(sentence, span.end)
    if not unit or not after or not after.group(2).startswith(unit.group(1)):
        return span
    end = after.start(2) + len(unit.group(1))
    return Span(sentence[span.start:end], span.start, end)



def unit_match(span: Span | None, unit: str | None) -> float:
    """1 when the span carries the asked counter, 0 when it carries another, 0.5 when nothing is known."""
    if span is None or unit is None:
        return 0.5
    return 1.0 if unit in span.text.replace(" ", "") else 0.0
