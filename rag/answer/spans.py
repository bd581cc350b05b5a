"""Short answer spans (dates, counts, amounts, names, places) found on word boundaries only.

A sentence is cut into words (whitespace) and each word into Kiwi tokens. A span is a run of whole
words; only its last word may lose its trailing particles or endings ("2019년 3월에" → "2019년 3월",
"B-Lab을" → "B-Lab"). So a span never starts or ends inside a word or a name: no "Lab" from "B-Lab".
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..loanwords import spelled_in_hangul, syllable_letters
from ..question import TITLES, AnswerType, Question
from .words import Span, Word, all_tagged, core_tokens, is_bare, run_end, span_of, word_core, word_runs, words

_HANGUL = re.compile(r"[가-힣]")

_NOUN = ("NN", "SL", "SH", "SN", "XR", "XPN", "XSN")
_PROPER = ("NNP", "SL", "SH")
# Days counted in native Korean numbers ("이틀", "사흘째", "열흘간"): general words, no article's.
_DAYS_KO = r"(?:하루|이틀|사흘|나흘|닷새|엿새|이레|여드레|아흐레|열흘|보름)"
# An ordinal day ("3번째 날", "두 번째 날"), which the question "며칠째?" asks for.
_ORDINAL_DAY = re.compile(r"(?<![\w])(?:\d{1,3}\s?번째|(?:첫|두|세|네|다섯)\s?번째|첫째|둘째|셋째)\s?날")
# Dates, and durations for "how long" ("5년", "10주", "20분", "3개월간").
DATE_WORD = re.compile(r"(?:\d{4}년|\d{2,4}년대|\d{1,2}월|\d{1,2}일|[상하]반기|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.?"
                        r"|내년|올해|지난해|작년|이듬해|다음달|지난달|이달"
                        r"|\d{1,3}(?:년|일)(?:간|째)?|\d[\d,]{0,6}(?:개월|주일?|시간|분)(?:간|째)?|" + _DAYS_KO + r"(?:간|째)?)"
                        r"(?:경|께|쯤)?")
TIME_WORD = re.compile(r"(?:오전|오후|새벽|저녁|밤|낮|정오|자정|\d{1,2}시(?:\d{1,2}분|반)?|\d{1,2}분|\d{1,2}:\d{2}"
                       r"|[\d,]+시간)(?:경|께|쯤)?")  # "새벽 1시 20분경": an approximate time is still one time
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
_COUNTER_NOUNS = re.compile(r"차례|가지|군데|개국|마리")  # counters Kiwi reads as common nouns
_NOT_COUNTER = re.compile(rf"(?:년|월|일|시|분|초|세|살|{_CURRENCY}|위|차|호|층|평|조|억|만|천|번째)$")
_MEASURE = re.compile(r"(?:층|평)$")  # measures, not counters: a count only when asked ("몇 층", a bare "얼마")
_COUNTER_LEFT = re.compile(r"[\d,.\s천만억조여]")  # what a count is left with is its counter ("15개 기업" → 개기업)
_LOCATIVE = {"에", "에서", "의", "로", "으로"}
# Nouns of where that follow a place's name ("한빛역 인근에서", "밀라노 출신"): general words, no article's.
_WHEREABOUTS = re.compile(r"인근|근처|부근|일대|주변|일원|앞|옆|뒤|안|내|밖|외곽|앞바다|해상|상공|출신")
_BRACKET_AGE = re.compile(r"(?<=[가-힣A-Za-z])\((\d{1,3})(?:세|살)?\)")
# "8달러(약 9천원)": the bracketed amount converts the one before it into another currency
_CONVERSION = re.compile(r"\d[^\s(]*\s?\((?:약|about)?\s?$")
_AMOUNT = re.compile(r"(?<![\d,.])\d[\d,.]*(?:\s?(?:조|억|천만|백만|만|천)(?:\s?\d[\d,.]*)?)*\s?(?:" + _CURRENCY + ")"
                     r"(?![가-힣](?<![은는이가을를의에로도과와만]))")


# Units of measure (general language, no article's): the kinds a measure question asks in.
_UNITS = {
    "length": "km|㎞|m|cm|mm|킬로미터|미터|센티미터|센티|밀리미터|마일|피트|인치|야드|해리|광년",
    "area": "㎡|㎢|m2|km2|제곱미터|제곱킬로미터|평방미터|평방킬로미터|평|헥타르|ha|에이커",
    "volume": "리터|ℓ|배럴|갤런|㎥|입방미터|cc|ml|㎖|밀리리터",
    "weight": "톤|t|kg|㎏|g|킬로그램|그램|온스",
    "speed": "km/h|㎞/h|mph|노트|knots",
    "share": "%|퍼센트|%포인트|포인트|배|할",
    "rank": "위|등",
    "temperature": "도|℃|°C",
    "storeys": "층",
    "seconds": "초",
    "data": "테라바이트|기가바이트|메가바이트|킬로바이트|바이트|TB|GB|MB",
}
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


def candidates(kind: AnswerType, sentence: str, unit: str | None = None, measures: bool = False,
               kinds: tuple[str, ...] = ()) -> list[Span]:
    """Every span of `kind` in `sentence`, in reading order (none for reasons and descriptions). `unit` is
    the counter a count question asks in ("몇 층" → "층"): numbers in it count even where that word
    usually is no counter; `measures` lets floor areas and storeys count too (a bare "얼마"); `kinds` are
    the units a measure question asks in (`Question.measure_kinds`)."""
    ws = words(sentence)
    if kind == AnswerType.DATE:  # and durations in native numbers: "두 달간", "세 시간"
        return _merged([span_of(sentence, ws, i, j) for i, j in word_runs(sentence, ws, DATE_WORD)],
                       [Span(m.group(), m.start(), m.end()) for m in _ORDINAL_DAY.finditer(sentence)]
                       + _native_numbers(sentence, ws, lambda core, w: _NATIVE_SPAN.fullmatch(core) is not None))
    if kind == AnswerType.TIME:
        return [_with_half_hour(sentence, span_of(sentence, ws, i, j)) for i, j in word_runs(sentence, ws, TIME_WORD, 3)]
    if kind == AnswerType.AGE:  # "57세", and the news style "노모(39)는": an age in brackets after a name
        return _merged([span_of(sentence, ws, i, j) for i, j in word_runs(sentence, ws, _AGE_WORD, 1)],
                       [Span(m.group(1), m.start(1), m.end(1)) for m in _BRACKET_AGE.finditer(sentence)]
                       + _native_numbers(sentence, ws, lambda core, w: core == "살"))
    if kind == AnswerType.MONEY:  # whole words, or an amount glued to a bracket ("1만엔(약 9만4000원)")
        found = _merged([s for s in (span_of(sentence, ws, i, j) for i, j in word_runs(sentence, ws, _MONEY_WORD, 3))
                         if re.match(r"\d", s.text) and _MONEY_UNIT.search(s.text.replace(" ", ""))],
                        [Span(m.group(), m.start(), m.end()) for m in _AMOUNT.finditer(sentence)])
        found = _merged(found, _native_numbers(sentence, ws, lambda core, w: re.fullmatch(_CURRENCY, core) is not None))
        return [s for s in found if not _CONVERSION.search(sentence[:s.start])]
    if kind == AnswerType.COUNT:
        return _counts(sentence, ws, unit, measures)
    if kind == AnswerType.MEASURE:
        return _measures(sentence, ws, kinds)
    if kind == AnswerType.PERSON:
        return _persons(sentence)
    if kind == AnswerType.ORGANISATION:  # read past a glued bracket: "한빛환경연합(HEF)이" (invented)
        plain, back = _as_names_read(sentence, outlet=False)
        plain_words = words(plain)
        return [back(s) for s in _agents(plain, plain_words) + _proper_runs(plain, plain_words)]
    if kind == AnswerType.PLACE:
        return _places(sentence, ws)
    return []


def _with_half_hour(sentence: str, span: Span) -> Span:
    """A time on the hour with the half hour after it ("오전 10시 반에" → "오전 10시 반"; invented).

    >>> _with_half_hour("오전 10시 반에 도착했다.", Span("오전 10시", 0, 6)).text
    '오전 10시 반'
    """
    half = _HALF_HOUR.match(sentence, span.end) if span.text.endswith("시") else None
    return Span(sentence[span.start:half.end()], span.start, half.end()) if half else span


_BARE_AMOUNT = re.compile(r"(?:\d[\d,.]*(?:조|억|천만|백만|만))+\d*")


def _bare_amounts(sentence: str) -> list[Span]:
    """Numbers in 만/억/조 with no currency and no counter after them ("520억의", "2조원" aside): what a
    money question is answered with when the sentence names no currency. Invented sentence:

    >>> [s.text for s in _bare_amounts("부지를 520억에 사들였고 관중 3만 명이 모였다.")]
    ['520억']
    """
    ws = words(sentence)
    return [span_of(sentence, ws, i, i + 1) for i, w in enumerate(ws)
            if _BARE_AMOUNT.fullmatch(word_core(sentence, w))
            and (not is_bare(w) or i + 1 == len(ws) or not all_tagged(ws[i + 1], ("NN",)))]


def _merged(spans: list[Span], extra: list[Span]) -> list[Span]:
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


def _counts(sentence: str, ws, unit: str | None = None, measures: bool = False) -> list[Span]:
    """A number with its counter ("12개사", "250개사 이상" → "250개사"), a number + 개 + its noun ("45개 기업"),
    or a number, perhaps in 만/억 or about (여), then its unit word ("850만 배럴", "3천여 명")."""
    found = []
    for i, w in enumerate(ws):
        core = word_core(sentence, w)
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
                found.append(Span(counted_in.group(1), w.core_start, w.core_start + len(counted_in.group(1))))
            continue
        j = i + 1
        if re.search(r"\d개$", core) and is_bare(w) and j < len(ws) and all_tagged(ws[j], ("NNG",)):
            j += 1  # "45개 기업": the counted noun completes the count
        found.append(span_of(sentence, ws, i, j))
    return _merged(found, _native_numbers(sentence, ws, _is_counter))


@lru_cache(maxsize=64)
def _glued_measures(kinds: tuple[str, ...]) -> re.Pattern:
    """A measure of the asked kinds with a bracket glued after it, which the word pattern cannot read:
    "8테라바이트(TB)의" (invented)."""
    units = "|".join(_UNITS[k] for k in kinds)
    return re.compile(rf"(?<![\w.,])(\d[\d,.]*(?:조|억|만|천)?(?:{units}))(?=\()")


def _measures(sentence: str, ws, kinds: tuple[str, ...]) -> list[Span]:
    """A number with a unit of the asked kinds ("48km", "시속 33km", "50억 킬로미터", "16위"); for a
    question that names no kind, also any count or amount ("얼마나 줄이나" → "14%", "3만명", "5억원")."""
    pattern, unit_end = _measure_patterns(kinds)
    found = [s for s in (span_of(sentence, ws, i, j) for i, j in word_runs(sentence, ws, pattern, 3))
             if re.search(r"\d", s.text) and unit_end.search(s.text)]
    if kinds:
        glued = _glued_measures(kinds).finditer(sentence)
        found = _merged(found, [Span(m.group(1), m.start(1), m.end(1)) for m in glued])
    if not kinds or "share" in kinds:  # "절반", "3분의 1"
        found = _merged(found, [Span(m.group(), m.start(), m.end()) for m in _FRACTION.finditer(sentence)])
    if not kinds:
        found = _merged(found, _counts(sentence, ws) + candidates(AnswerType.MONEY, sentence))
    return found


# How the names of bodies end: a subject named so is no person ("한빛통신은", "누리은행이"; invented)
_BODY_NAME = re.compile(r"(?:통신|신문|일보|방송|은행|그룹|전자|증권|대학교?|협회|연구소|연구원|재단|위원회|공사|공단|정부|법원|"
                        r"경찰청?|검찰청?|의회|기구|연합|협의회|센터)$")
_BODY_ENDING = re.compile(r"(?:부|청|처|실|원|당|회|국|지법|고법|지검|고검|경찰|검찰|경찰서|소방서|당국)$")  # 국방부, 경찰청,
# 비서실, 연구원, 의회, 중앙지법, 경찰 …


def _office(sentence: str, w: Word) -> bool:
    """A common noun for a body or an office, not a person: one that starts with a title ("대통령실",
    "장관실") or ends as the names of bodies do ("국방부", "경찰청", "비서실")."""
    if not all_tagged(w, ("NNG",)):
        return False
    core = word_core(sentence, w).lower()
    return (len(core) >= 2 and bool(_BODY_ENDING.search(core))) or any(
        core.startswith(t) for t in TITLES if len(t) > 1 and len(core) > len(t))


# What a place's name ends in (한빛시, 누리군, 미국) and what an occupation ends in (소설가, 과학자, 외교관):
# general Korean word formation, no article's.
_PLACE_ENDING = re.compile(r"[가-힣]+(?:시|군|구|도|주|국|성|현)$")
_COUNTRY_SHORT = re.compile(r"[미중일영독불러북호美中日英獨佛北]")  # one-syllable countries: "미 국무부", "中 외교부"
_OCCUPATION_ENDING = re.compile(r"[가-힣]+(?:가|자|사|인|관|원)$")
# Words of a person's standing written before the name ("무소속 박민재 후보", "신임 김철수 장관"; invented names)
_STANDING_WORDS = frozenset("무소속 신임 전임 후임 초대 차기 현직 전직 현 전".split())


def _affiliation(sentence: str, w: Word) -> bool:
    """A word beside a person's name that is no part of it: a place written with its administrative noun
    ("한빛시", read as 한빛 + 시), a country ("미국", "미"), or an occupation, a common noun ("소설가")."""
    core = word_core(sentence, w)
    tags = [t[1] for t in core_tokens(w)]
    if not is_bare(w) or not tags:
        return False
    if _PLACE_ENDING.fullmatch(core) and (tags[-1] == "NNG" or tags == ["NNP"]) and tags[0] == "NNP":
        return True
    if _COUNTRY_SHORT.fullmatch(core) or core in _STANDING_WORDS:
        return True
    return tags == ["NNG"] and _OCCUPATION_ENDING.fullmatch(core) is not None


# The commonest Korean surnames (general Korean, as TITLES are): a Korean name is one word of a surname and a
# given name of two syllables ("김철수"), or of a two-syllable surname and two more ("남궁민수"; invented names).
_SURNAMES = frozenset("김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 손 배 백 허 남 심 노 하 곽 성 "
                      "차 주 우 구 민 진 나 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 마 길 연 위 표 명 기 반 "
                      "라 왕 금 옥 육 인 맹 제 모 탁 국 어 은 편 용 예 경 봉 태 목 형 계 피 두 감 음 빈 동 온 호 범 좌 "
                      "팽 승 간 상".split())
_DOUBLE_SURNAMES = ("남궁", "제갈", "선우", "황보", "독고", "사공", "서문")
_ORGANISATION_ENDING = re.compile(r"(?:제약|바이오|건설|자동차|화학|중공업|물산|상사|항공|해운|카드|생명|보험|화재|금융|"
                                  r"투자|산업|유통|백화점|병원|학회|노조|당|대)$")  # 한빛제약, 누리당, 한빛대 (invented)


def _loanword_syllable(syllable: str) -> bool:
    """A syllable Korean names are not made of but loanwords are: a bare ㅡ vowel ("크", "스", "트") or a
    first ㅋ, ㄲ, ㄸ, ㅃ or ㅉ ("코", "카"), as in 이라크 or 모로코."""
    initial, vowel, final = syllable_letters(syllable)
    return (vowel == 18 and final == 0) or initial in (1, 4, 8, 13, 15)


def _korean_name_shaped(sentence: str, w: Word) -> bool:
    """Is the word shaped like a Korean person's name: a surname and a given name, one proper noun of three
    Hangul syllables (four with a two-syllable surname), none of them a loanword's ("김철수", not "이라크")?"""
    core = word_core(sentence, w)
    if not is_bare(w) or not re.fullmatch(r"[가-힣]{3,4}", core) or not all_tagged(w, ("NNP",)) \
            or any(_loanword_syllable(c) for c in core):
        return False
    return core[:2] in _DOUBLE_SURNAMES if len(core) == 4 else core[0] in _SURNAMES


def _organisation_named(sentence: str, w: Word) -> bool:
    """A proper noun that names a body by how it ends ("한빛은행", "누리당", "한빛대"; invented)."""
    core = word_core(sentence, w)
    tokens = core_tokens(w)
    return bool(tokens) and tokens[0][1] == "NNP" and all_tagged(w, ("NNP", "NNG", "XPN", "XSN")) and any(
        len(core) > len(m.group()) for m in (_BODY_NAME.search(core), _ORGANISATION_ENDING.search(core)) if m)


def _name_among(sentence: str, ws, k: int, end: int) -> tuple[int, int]:
    """The person's name among the words k..end before a title, less a body's proper name beside it
    ("박영호 한빛은행 총재" → 박영호, "한빛제약 김지원 대표" → 김지원; invented)."""
    if end - k < 2:
        return k, end
    if _organisation_named(sentence, ws[end - 1]):
        return k, end - 1
    if _organisation_named(sentence, ws[k]):
        return k + 1, end
    return k, end


def _title(sentence: str, w: Word) -> bool:
    """A title word: "차관", "제1차관", and compounds ending in a title ("상원의원", "부대변인")."""
    core = re.sub(r"^제\d+", "", word_core(sentence, w).lower())
    if core in TITLES:
        return True
    tags = [t[1] for t in core_tokens(w)]  # Kiwi reads a place's title as one proper noun too: "한빛시장" (invented)
    return (all_tagged(w, ("NNG",)) or tags == ["NNP"]) and any(
        core.endswith(t) for t in TITLES if len(t) > 1 and len(core) > len(t))


def _owner_before_body(sentence: str, ws, end: int) -> bool:
    """Is word end - 1, a proper noun right before a body ("한빛 항공국", "덴버 연방지법"), the body's place or
    owner rather than the last word of the name before it? It is when two or more proper-noun words still stand
    before it. "제임스 로건 항공국" keeps its two words as the name, and so does "오마르 사론 경찰", though its
    first word is shaped like a Korean name (invented names)."""
    def proper(k: int) -> bool:
        return k >= 0 and is_bare(ws[k]) and all_tagged(ws[k], _PROPER)

    if end < 2 or not proper(end - 1):
        return False
    before = 0
    while before < 3 and proper(end - 2 - before):
        before += 1
    return before >= 2


def _people(sentence: str, ws) -> list[Span]:
    """The name before or after a title word, without the title: up to three bare noun words before it
    ("박지훈 제1차관" → "박지훈", "존 하워드 대표와" → "존 하워드"), or up to three proper-noun words after
    it ("전 상원의원 박지훈을" → "박지훈"). Invented names; Kiwi often tags foreign names as common nouns,
    so the words before a title need not be proper nouns."""
    found = []
    for i, w in enumerate(ws):
        if not _title(sentence, w) or any(t[1] == "XSN" for t in w.tokens):  # "대표들" is not one person
            continue
        if [t[1] for t in w.trailing] == ["VCP", "ETM"]:
            continue  # "협상 대표인 존 펠턴 부대표": a title in apposition names the person after it, by a title
        if is_bare(w) and 0 < i < len(ws) - 1 and all_tagged(ws[i - 1], ("NNG",)) \
                and all_tagged(ws[i + 1], ("NNG",)) and not _title(sentence, ws[i + 1]):
            continue  # "해외 시장 진출", "국내 대표 기업": common nouns around a title word make a compound noun
        end = i
        while end > 1 and is_bare(ws[end - 1]) and _office(sentence, ws[end - 1]):
            end -= 1  # "마이클 존슨 미국 국무부 대변인": the name stands before the body it speaks for
        while end < i and end > 1 and is_bare(ws[end - 1]) and _affiliation(sentence, ws[end - 1]):
            end -= 1
        if end < i and _owner_before_body(sentence, ws, end):
            end -= 1  # "클레어 도노반 한빛 항공국 대변인": 한빛 is the body's, the name stands before it
        k = end
        while k > 0 and end - k < 3 and is_bare(ws[k - 1]) and all_tagged(ws[k - 1], _NOUN) \
                and not any(t[1] == "SN" for t in ws[k - 1].tokens) and not _title(sentence, ws[k - 1]) \
                and not DATE_WORD.fullmatch(word_core(sentence, ws[k - 1])) \
                and not _office(sentence, ws[k - 1]):  # "7일 3개 부처 장관", "대통령실 대변인": no name
            k -= 1
        while k < end - 1 and _affiliation(sentence, ws[k]):
            k += 1  # "한빛시 김철수 시장", "소설가 이영희 씨": the name without the place or occupation before it
        k, end = _name_among(sentence, ws, k, end)
        if end == i and end - k == 3 and all(all_tagged(ws[m], ("NNP",)) for m in range(k, end)):
            end -= 1  # "파블로 로사스 칠레 대통령" (invented): a name of two words and the country or body it serves
        if end < i and end - k < 2 and not (end - k == 1 and _korean_name_shaped(sentence, ws[k])):
            k = end  # past a body, only a Korean name or one of two or more words ("프랑스 외무부 대변인": nobody)
        if k < end and any(all_tagged(ws[m], ("NNP", "NNG", "SL", "SH")) for m in range(k, end)):
            found.append(span_of(sentence, ws, k, end))
        elif is_bare(w):
            j = run_end(ws, i + 1, lambda x: all_tagged(x, _PROPER), 3)
            if j > i + 1:
                found.append(span_of(sentence, ws, i + 1, j))
    return found


def _named_with_ssi(sentence: str, ws) -> list[Span]:
    """A name with 씨 written onto it, as news writes people it names in full or hides ("한빛씨는", "박모(35)씨를",
    "A씨가"; invented): the name without 씨 and the bracketed age."""
    found = []
    for w in ws:
        tokens = core_tokens(w)
        ssi = [n for n, t in enumerate(tokens) if t[:2] == ("씨", "NNB")]
        if not ssi or ssi[0] == 0 or tokens[0][1] not in ("NNP", "SL"):
            continue
        name = [t for t in tokens[:ssi[0]] if t[1] not in ("SSO", "SSC", "SN")]
        if all(t[1] in ("NNP", "SL") or t[:2] == ("모", "NP") for t in name) and (tokens[0][1] != "SL" or len(name) == 1):
            found.append(Span(sentence[name[0][2]:name[-1][3]], name[0][2], name[-1][3]))
    return found


_GLUED_BRACKET = re.compile(r"(?<=\S)\(([^()]{1,40})\)")  # "세레나 윌리엄스(미국)와", "하비 덴트(아론 에크하트)를"


def _persons(sentence: str) -> list[Span]:
    """People's names: beside a title, or a subject or topic named by proper nouns only (a subject named
    with a common noun, "K-센터가", is no person's name), read as `_as_names_read` gives them (a byline's
    reporter, names past a glued bracket); a bracket holding a name of two or more words gives that name too
    ("하비 덴트(아론 에크하트)를")."""
    plain, back = _as_names_read(sentence)
    ws = words(plain)
    found = [back(s) for s in _people(plain, ws) + _named_with_ssi(plain, ws) + [a for a in _agents(plain, ws)
                                                     if _names_only(plain, ws, a) and _HANGUL.search(a.text)
                                                     and not _BODY_NAME.search(a.text)]]
    return sorted(set(found + _bracketed_names(sentence)), key=lambda s: (s.start, s.end))


_BYLINE = re.compile(r"\[[^\[\]=]{1,30}=|[\[\]]")  # "[한빛일보=박지훈 기자]": the outlet and brackets


def _without_outlet(sentence: str) -> str:
    """The sentence with a byline's outlet and brackets blanked (same length: offsets stay), so its reporter
    reads as a name before a title: "[한빛일보=박지훈 기자]" → "박지훈"."""
    return _BYLINE.sub(lambda m: " " * len(m.group()), sentence)


def _bracketed_names(sentence: str) -> list[Span]:
    """Names of two or more proper-noun words in a bracket glued to a word ("하비 덴트(아론 에크하트)")."""
    found = []
    for m in _GLUED_BRACKET.finditer(sentence):
        inner_words = words(m.group(1))
        if len(inner_words) >= 2 and all(is_bare(w) and all_tagged(w, _PROPER) for w in inner_words) \
                and _HANGUL.search(m.group(1)):
            found.append(Span(m.group(1), m.start(1), m.end(1)))
    return found


def _as_names_read(sentence: str, outlet: bool = True):
    """The sentence as names are read in it: a byline's outlet blanked (`_without_outlet`; kept when `outlet`
    is false) and without the brackets news glues to a name ("세레나 윌리엄스(미국)와": a country, an age, an
    actor), so the name's words read as a run; and the map of a span in it back to the sentence, where a name
    ends at its bracket."""
    blanked = _without_outlet(sentence) if outlet else sentence
    gone = {i for m in _GLUED_BRACKET.finditer(blanked) for i in range(m.start(), m.end())}
    kept = [i for i in range(len(sentence)) if i not in gone]
    plain = "".join(blanked[i] for i in kept)

    def back(span: Span) -> Span:  # a name ends where its bracket opens: "박지훈(45) 한빛제약 대표" → "박지훈"
        start, end = kept[span.start], kept[span.end - 1] + 1
        end = min([m.start() for m in _GLUED_BRACKET.finditer(sentence, start) if m.start() < end], default=end)
        return Span(sentence[start:end], start, end)

    return plain, back


def _name_run_before(sentence: str, ws, i: int) -> int:
    """Start index of the run of proper-noun words that ends with word i (i + 1 when word i is no name)."""
    if not all_tagged(ws[i], _PROPER + ("NNG",)) or not any(t[1].startswith(_PROPER) for t in ws[i].tokens):
        return i + 1
    k = i
    while k > 0 and i - k < 3 and is_bare(ws[k - 1]) and all_tagged(ws[k - 1], _PROPER):
        k -= 1
    return k


def _agents(sentence: str, ws) -> list[Span]:
    """Proper-noun subjects and topics: "한빛제약이 조성한" → "한빛제약", "한빛 B-Lab은" → "한빛 B-Lab" (invented)."""
    found = []
    for i, w in enumerate(ws):
        if not w.trailing or w.trailing[0][1] not in ("JKS", "JX"):
            continue
        k = _name_run_before(sentence, ws, i)
        if k > i and _office(sentence, w):
            k = _name_run_before(sentence, ws, i - 1) if i > 0 and is_bare(ws[i - 1]) else i + 1  # "미국 국무부는"
        if k <= i:
            found.append(span_of(sentence, ws, k, i + 1))
    return found


def _names_only(sentence: str, ws, span: Span) -> bool:
    """Is every word of the span all proper nouns (Latin, Hangul names), no common noun among them?"""
    return all(all_tagged(w, _PROPER) for w in ws if span.start <= w.start < span.end)


def _proper_runs(sentence: str, ws) -> list[Span]:
    found, i = [], 0
    while i < len(ws):
        if all_tagged(ws[i], _PROPER):
            j = run_end(ws, i, lambda w: all_tagged(w, _PROPER))
            found.append(span_of(sentence, ws, i, j))
            i = j
        else:
            i += 1
    return found


def _places(sentence: str, ws) -> list[Span]:
    """Proper-noun runs followed by a place particle ("광주 북구에", "오사카의", "부산에서"), or by the
    copula that makes them the sentence's predicate ("도시는 … 오사카다"); the last word may be a name
    written with a common noun ("한빛센터에서"), and a noun of where may stand between the name and its
    particle ("한빛역 인근에서", "밀라노 출신이다"; invented)."""
    found = []
    for i, w in enumerate(ws):
        if not w.trailing or (w.trailing[0][0] not in _LOCATIVE and w.trailing[0][1] != "VCP"):
            continue
        if i > 0 and is_bare(ws[i - 1]) and _WHEREABOUTS.fullmatch(word_core(sentence, w)):
            i -= 1
        k = _name_run_before(sentence, ws, i)
        if k <= i and (all_tagged(ws[i], _PROPER) or ws[i].tokens[0][1] in _PROPER):
            found.append(span_of(sentence, ws, k, i + 1))
    return found


def _listed_before_kind(sentence: str, ws, noun: str) -> list[Span]:
    """The names a sentence lists before "등" and the kind of thing asked ("한빛제약, 누리바이오 등 국내 제약사가"
    → "한빛제약, 누리바이오"; invented): each listed word bare or ending in a comma, all nouns."""
    found = []
    for i, w in enumerate(ws):
        if not word_core(sentence, w).endswith(noun):
            continue
        at = next((j for j in range(i - 1, max(i - 3, 0) - 1, -1)
                   if word_core(sentence, ws[j]) == "등" and is_bare(ws[j])), None)
        if at is None or at == 0:
            continue
        k = at
        while k > 0 and all_tagged(ws[k - 1], _NOUN) and (is_bare(ws[k - 1]) or sentence[ws[k - 1].end - 1] == ","):
            k -= 1
        if k < at:
            found.append(span_of(sentence, ws, k, at))
    return found


def _named_kind(sentence: str, ws, noun: str) -> list[Span]:
    """Names of the kind of thing a question asks ("어느 섬" → 섬): a proper noun written with the common noun,
    glued or after it ("한빛섬에서", "한빛 섬에서"; invented)."""
    found = []
    for i, w in enumerate(ws):
        core = word_core(sentence, w)
        if len(core) > len(noun) and core.endswith(noun) and all_tagged(w, _NOUN) \
                and any(t[1].startswith(_PROPER) for t in w.tokens):
            found.append(span_of(sentence, ws, _name_run_before(sentence, ws, i - 1) if i else i, i + 1))
        elif core == noun and i > 0 and is_bare(ws[i - 1]):
            k = _name_run_before(sentence, ws, i - 1)
            if k < i:
                found.append(span_of(sentence, ws, k, i + 1))
    return found


def _asked(span: str, question: str, named: bool = True) -> bool:
    """Does the question already say the span (or a name in it, titles aside)? Then it is not the answer:
    "박지훈 차관은 누구를 만났나?" is not answered by "박지훈 제1차관" (invented name)."""
    q = question.lower()
    if re.sub(r"\s+", "", span.lower()) in re.sub(r"\s+", "", q):
        return True
    number = re.match(r"\d[\d,.]*\d|\d", span)
    if number and re.search(r"(?<![\d.,])" + re.escape(number.group()) + r"(?![\d]|[.,]\d)", q) \
            and re.fullmatch(r"[\d,.]+\s?[^\d\s]{0,3}", span):
        return True  # "after its $2.40 drop" is not answered by "2.40달러"
    if not named:  # a number with its counted noun: "몇 개 도시?" is answered by "6개 도시"
        return False
    words = [w for w in span.lower().split() if re.sub(r"^제\d+", "", w) not in TITLES]
    return bool(words) and any(re.search(r"(?<![\w-])" + re.escape(w) + r"(?![a-z0-9])", q) for w in words)


def _spelled_out(span: str, latin_names: tuple[str, ...]) -> bool:
    """Is every word of a name span (titles aside) an English question's Latin name spelled in Hangul? Then
    the question already says it: "the Norvia hospital" is not answered by "노르비아" (invented)."""
    spoken = [w for w in span.split() if re.sub(r"^제\d+", "", w) not in TITLES]
    return bool(spoken) and bool(latin_names) and all(
        any(spelled_in_hangul(part, w) for name in latin_names for part in (name, *name.split())) for w in spoken)


# Counts news gives side by side for different events ("4명이 숨지고 17명이 다쳤다"; invented): the words of a
# question that ask for one event, and the words of a sentence that tell it (general news wording).
_EVENTS = ((r"부상|다친|다쳤|injur|wound|hurt", r"다치|다쳐|다쳤|부상|중상|경상"),
           (r"사망|숨진|숨졌|죽은|죽었|\bdied\b|\bdead\b|death|killed|fatalit", r"숨지|숨져|숨졌|숨진|사망|목숨|희생|죽"),
           (r"실종|missing", r"실종"), (r"구조|rescu", r"구조"), (r"체포|검거|구속|arrest|detain", r"체포|검거|붙잡|구속"),
           (r"대피|evacuat", r"대피"), (r"생존|살아남|surviv", r"생존|살아남|구조"))


def tells_event(question_text: str, sentence: str) -> bool:
    """Does the sentence tell the event a count question asks about (true when it asks none)? "How many of
    the crew survived?" is not answered by "승무원 6명을 태운 여객기가 추락했다" (invented), a count of
    another thing.

    >>> tells_event("How many of the crew survived?", "승무원 6명을 태운 여객기가 추락했다."), tells_event("몇 명이 다쳤나?", "3명이 다쳤다.")
    (False, True)
    """
    asked = _told_forms(question_text)
    return not asked or any(re.search(told, sentence) for told in asked)


def _told_forms(question_text: str, events=_EVENTS) -> list[str]:
    """The Korean words that tell each event the question asks about (`_EVENTS`, `_DATED_EVENTS`)."""
    return [told for asks, told in events if re.search(asks, question_text, re.I)]


# Events an English question dates ("When did she take office?") and the Korean words news tells them in, so
# that of several dates in a sentence the one written before the event's verb answers (general news wording).
_DATED_EVENTS = ((r"\btook office\b|\btake office\b|inaugurat|sworn in", r"취임"),
                 (r"\belected\b|\bwon the election\b", r"당선|선출"),
                 (r"\bfounded\b|\bestablished\b|\bset up\b", r"설립|창립|창업|세워|세운|세웠"),
                 (r"\bopen(?:ed|s)?\b", r"개장|개소|개관|개통|개항|개원|개교|개막|문을 열"),
                 (r"\bcomplet(?:ed|e)\b", r"완공|준공|완성|완료"),
                 (r"\bborn\b", r"태어|출생"), (r"\bdied\b|\bpassed away\b", r"숨지|숨진|숨졌|사망|별세|타계"),
                 (r"\bmarried\b|\bwedding\b", r"결혼|혼인"), (r"\bsigned\b", r"서명|체결|조인"),
                 (r"\bresign", r"사임|사퇴|물러"), (r"\bretire", r"은퇴"), (r"\barrested\b", r"체포|검거|구속"),
                 (r"\breleased\b|\bfreed\b", r"석방|풀려|출소"), (r"\blaunch", r"출시|발사|출범"),
                 (r"\bbegan\b|\bbegin\b|\bstart(?:ed|s)?\b", r"시작|착공|개시"), (r"\bend(?:ed|s)?\b", r"종료|마감|끝"))


def _event_cues(question_text: str, sentence: str, events=_EVENTS) -> list[tuple[int, int, bool]]:
    """Where the sentence tells the event a question asks about (a count's dead, injured …, `_EVENTS`; a date's
    opening, election …, `_DATED_EVENTS`): each cue's start and end, and whether it is a noun for the people
    ("부상자", "사망자"); none when the question asks no such event."""
    return [(m.start(), m.end(), sentence[m.end():m.end() + 1] == "자")
            for told in _told_forms(question_text, events) for m in re.finditer(told, sentence)]


def _event_distance(cues: list[tuple[int, int, bool]], span: Span) -> int:
    """How far the span stands from the event's cues (`_event_cues`), read as Korean writes it: a count before
    its verb ("17명이 다쳤다"), after a noun for the people ("부상자는 15명"); 1000 for a count on the other side,
    which tells another event; 0 with no cue."""
    def distance(start: int, end: int, people: bool) -> int:
        if people and end <= span.start:  # "부상자는 15명"
            return span.start - end
        if not people and start >= span.end:  # "17명이 다쳤다"
            return start - span.end
        return 1000

    return min((distance(*cue) for cue in cues), default=0)


# The Korean nouns news counts people and things by, for the English nouns a "how many" question counts
# (general vocabulary, no article's): "How many crew members …?" is answered by "승무원 8명", not "승객 152명".
_COUNTED_NOUNS = {
    "passenger": "승객", "crew": "승무원", "soldier": "군인|병사|장병", "troop": "병력|군|병사", "student": "학생",
    "worker": "근로자|노동자|직원", "employee": "직원|종업원|사원", "resident": "주민", "child": "어린이|아이|아동",
    "children": "어린이|아이|아동", "police": "경찰", "officer": "경찰관|장교|관리", "tourist": "관광객",
    "visitor": "방문객|관람객", "fan": "팬|관중", "spectator": "관중|관람객", "voter": "유권자", "patient": "환자",
    "victim": "피해자|희생자", "hostage": "인질", "prisoner": "수감자|포로|재소자", "refugee": "난민",
    "migrant": "이주민|이민자|난민", "protester": "시위대|시위자|시위 참가자", "people": "명|사람", "person": "명|사람",
    "company": "기업|업체|회사|개사", "firm": "기업|업체|회사|개사", "startup": "스타트업|개사", "country": "국가|나라|개국",
    "nation": "국가|나라|개국", "city": "도시", "school": "학교", "hospital": "병원", "house": "주택|가구|채",
    "home": "주택|가구|채", "household": "가구", "car": "차량|대", "vehicle": "차량|대", "flight": "항공편|편",
    "ship": "선박|척", "vessel": "선박|척", "aircraft": "항공기|대", "plane": "항공기|대", "vote": "표",
    "seat": "석|의석", "medal": "메달", "goal": "골", "game": "경기", "match": "경기", "member": "회원|위원|명",
    "candidate": "후보", "athlete": "선수", "player": "선수", "journalist": "기자", "doctor": "의사", "teacher": "교사",
}


def counted_in_korean(question_text: str) -> tuple[str, ...]:
    """The Korean nouns for what an English "how many" question counts, as `_COUNTED_NOUNS` has them.

    >>> counted_in_korean("How many crew members were on board?"), counted_in_korean("How many times?")
    (('승무원',), ())
    """
    asked = re.search(r"\bhow many((?:\s+\w+){1,3})", question_text.lower())
    for word in asked.group(1).split() if asked else ():
        for stem in (word, re.sub(r"ies$", "y", word), re.sub(r"es$", "", word), re.sub(r"s$", "", word)):
            if stem in _COUNTED_NOUNS:
                return tuple(_COUNTED_NOUNS[stem].split("|"))
    return ()


@lru_cache(maxsize=256)
def counted_noun(question_text: str) -> str | None:
    """The noun a Korean question counts when it writes it after the counter ("몇 개 도시에서" → 도시),
    or after 의 ("몇 명의 직원이" → 직원), else None ("몇 명이 다쳤나?").

    >>> counted_noun("한빛랩은 몇 개 도시에서 센터를 운영해?"), counted_noun("몇 명이 다쳤나?"), counted_noun("몇개 기업이 왔나?")
    ('도시', None, '기업')
    """
    ws = words(question_text)
    for i, w in enumerate(ws):
        tokens = core_tokens(w)
        if not tokens or tokens[0][0] != "몇":
            continue
        counter = w if len(tokens) > 1 else (ws[i + 1] if i + 1 < len(ws) else None)
        after = ws[ws.index(counter) + 1] if counter is not None and ws.index(counter) + 1 < len(ws) else None
        if counter is None or after is None or [t[0] for t in counter.trailing] not in ([], ["의"]):
            return None
        first = core_tokens(after)[:1]
        return first[0][0].lower() if first and first[0][1] in ("NNG", "NNP", "SL") else None
    return None


# Verbs too light to tell an event by ("하다", "되다", "있다" …): they stand in every clause.
_LIGHT_VERBS = frozenset("하 되 있 없 않 이 보 주 지 가 오 말 싶 나".split())
_VALUED = (AnswerType.COUNT, AnswerType.MONEY, AnswerType.MEASURE, AnswerType.DATE, AnswerType.TIME)


@lru_cache(maxsize=256)
def asked_predicates(question_text: str) -> frozenset:
    """The verbs a Korean question asks its value of, as Kiwi lemmas: verb stems and the nouns 하다/되다 make
    verbs of ("구속된 사람은 몇 명인가?" → 구속; "언제 다쳤나?" → 다치). Light verbs are left out.

    >>> sorted(asked_predicates("시위로 구속된 사람은 몇 명인가?")), sorted(asked_predicates("언제 문을 열었나?"))
    (['구속'], ['열'])
    """
    tokens = [t for w in words(question_text) for t in w.tokens]
    return frozenset(form for (form, tag, _, _), after in zip(tokens, tokens[1:] + [None])
                     if (tag == "VV" and form not in _LIGHT_VERBS)
                     or (tag == "NNG" and after is not None and after[1] == "XSV"))


def _predicate_positions(predicates: frozenset, sentence: str) -> list[int]:
    """Where the sentence says a verb the question asks about (`asked_predicates`)."""
    return [t[2] for w in words(sentence) for t in w.tokens if t[0] in predicates and t[1] in ("VV", "NNG")]


def _predicate_distance(at: list[int], span: Span) -> int:
    """How far after the span the sentence says a verb the question asks about (`_predicate_positions`), as
    Korean writes a value before its verb ("40명이 다쳤으며 150명이 구속됐다": 150명 is the count of 구속);
    1000 when the sentence says it only before the span, 0 when not at all."""
    if not at:
        return 0
    return min((a - span.end for a in at if a >= span.end), default=1000)


def best_span(question: Question, sentence: str) -> Span | None:
    """The span of the question's answer type that answers: not already in the question, in the asked
    counter ("몇 명" → "3명", not "5채"), not the sentence's opening topic ("한빛 B-Lab은 …" is what the
    sentence is about, rarely its answer), nearest to the question's terms. A person question with no name
    beside a title left falls back on the sentence's runs of two or more proper-noun words, less the words
    the question says."""
    kind = question.answer_type
    text = question.text
    for option in question.options:  # "낮과 밤 중 언제": the offered alternatives are not given away
        text = text.replace(option, " ")
    named = kind in (AnswerType.PERSON, AnswerType.ORGANISATION, AnswerType.PLACE)
    listed = []  # names listed before "등 <the asked kind>": the answer when there are any
    unit = question.unit if kind in (AnswerType.COUNT, AnswerType.MONEY) else None
    found = candidates(kind, sentence, unit, kinds=question.measure_kinds if kind == AnswerType.MEASURE else ())
    if kind in (AnswerType.PLACE, AnswerType.ORGANISATION) and question.kind_noun:
        listed = _listed_before_kind(sentence, words(sentence), question.kind_noun)
        found = _merged(listed, _merged(found, _named_kind(sentence, words(sentence), question.kind_noun)))
        text = text.replace(question.kind_noun, " ")  # "어느 섬" does not say "한빛 섬"
    if kind == AnswerType.MONEY and not found and question.language == "ko" and not question.money_named:
        found = candidates(AnswerType.COUNT, sentence, unit, measures=True)  # a bare "얼마": "850만 배럴", "2150평"
    if kind == AnswerType.MONEY and not found:
        found = _bare_amounts(sentence)  # "부지를 520억에 사들였다": news drops a currency it has already named
    if kind == AnswerType.COUNT and not found and question.how_much:
        found = candidates(AnswerType.MONEY, sentence)  # "How much did she get for it?": "3억 원"
    latin = tuple(n for n in question.names if question.language == "en" and re.fullmatch(r"[A-Za-z .'\-]+", n))
    if kind == AnswerType.PERSON:
        found = [_less_said(sentence, s, text, latin) for s in found]
    if kind == AnswerType.TIME and question.unit == "시":  # "몇 시" asks the hour: "오후" alone does not answer
        found = [s for s in found if re.search(r"\d|정오|자정", s.text)]  # noon and midnight are hours
    if unit == "명":  # people are counted in 명: "몇 명" is not answered by "15개" or "3곳"
        found = [s for s in found if "명" in s.text or not _COUNTER_LEFT.sub("", s.text)]
    spans = [s for s in found if s.text.strip() and not _asked(s.text, text, named)
             and not (named and _spelled_out(s.text, latin))]
    spans = [s for s in spans if s in listed] or spans
    if not spans and kind == AnswerType.PERSON:
        plain, back = _as_names_read(sentence)
        spans = [back(s) for s in _full_names(plain, text)]
    if not spans:
        return None
    ws = words(sentence)
    topic_end = -1
    for w in ws[:4]:  # the opening words up to the first particle: a topic when that particle is 은/는
        if not is_bare(w):
            topic_end = w.core_end if w.trailing and w.trailing[0][1] == "JX" else -1
            break
    lowered = sentence.lower()
    terms = [t for t in question.terms if len(t) > 1]
    anchors = [m.start() for t in terms for m in re.finditer(re.escape(t), lowered)]
    english_counted = counted_in_korean(question.text) if question.language == "en" else ()
    counted_nouns = [n for n in [counted_noun(question.text)] if n] or list(english_counted) or terms
    events = []
    if kind == AnswerType.COUNT:
        events = _event_cues(question.text, sentence)
    elif kind == AnswerType.DATE and question.language == "en":
        events = _event_cues(question.text, sentence, _DATED_EVENTS)
    predicates = asked_predicates(question.text) if question.language == "ko" and kind in _VALUED else frozenset()
    predicate_at = _predicate_positions(predicates, sentence) if predicates else []

    def key(item: tuple[int, Span]):
        order, s = item
        other_unit = unit is not None and unit not in s.text.replace(" ", "")
        # a count whose counted noun the question names: "몇 개 도시" → "6개 도시", "여성은 몇 명" → "12명의 여성";
        # one named in English is written before its count as often ("How many crew members" → "승무원 8명")
        counted = kind == AnswerType.COUNT and (
            any(t in s.text.lower() or t in _noun_after(sentence, s) for t in counted_nouns)
            or any(t == _noun_before(sentence, s) for t in english_counted))
        near = min((abs(a - s.start) for a in anchors), default=0)
        event_far = _event_distance(events, s)
        predicate_far = _predicate_distance(predicate_at, s)
        # a stay is asked in a duration ("7일 수술한" is a day), a day in a date ("이틀 전인 3일" → 3일)
        other_timing = kind == AnswerType.DATE and question.asks_duration != bool(_DURATION_SPAN.search(s.text))
        return (other_unit, not counted, other_timing, s.start == 0 and s.end <= topic_end, event_far, predicate_far,
                near, order)

    return _with_range_end(sentence, min(enumerate(spans), key=key)[1])


# How a duration reads, not a calendar date: "3개월", "10주", "5시간", "20년간", "사흘 동안" (a bare "7일" is
# the 7th, as news writes days)
_DURATION_SPAN = re.compile(r"\d\s?(?:개월|주일?|시간|분|초)|(?<![\d])\d{1,3}\s?년(?!\s?\d{1,2}월)|\d\s?일\s?(?:간|동안|째)|간$|동안"
                            r"|번째\s?날|" + _DAYS_KO + rf"|^(?:{_NATIVE_NUMBER.pattern})\s?(?:{_NATIVE_SPAN.pattern})$")


# "10주에서 12주", "3~5%", "1-2일": a second number in the same unit closes a range the span opens
_RANGE_END = re.compile(r"(?:(?:에서|부터)\s?|\s?[~∼〜\-–]\s?)(\d[\d,.]*)\s?([가-힣%]{1,3})")


def _with_range_end(sentence: str, span: Span) -> Span:
    """The span with the end of the range it opens ("10주에서 12주가" → "10주에서 12주"), when the words
    right after it give a second number in the same unit."""
    unit = re.search(r"\d\s?([가-힣%]{1,3})$", span.text)
    after = _RANGE_END.match(sentence, span.end)
    if not unit or not after or not after.group(2).startswith(unit.group(1)):
        return span
    end = after.start(2) + len(unit.group(1))
    return Span(sentence[span.start:end], span.start, end)


def _less_said(sentence: str, span: Span, question_text: str, latin_names: tuple[str, ...] = ()) -> Span:
    """A name beside a title less the words at either end that the question already says: "한빛재단 박지훈
    이사장" asked about "한빛재단의 이사장은?" → "박지훈" (invented), or says in Latin letters (`latin_names`, an
    English question's: "Norvia's minister" → "노르비아", by sound). What is left must hold a proper noun; words cut
    at its end free room for the bare nouns before it (a name of up to three words). Otherwise the span is left
    whole (and refused when the question says a word of it)."""
    ws = words(sentence)
    inside = [i for i, w in enumerate(ws) if span.start <= w.start and w.core_end <= span.end]
    beside_title = inside and ((inside[-1] + 1 < len(ws) and _title(sentence, ws[inside[-1] + 1]))
                               or (inside[0] > 0 and _title(sentence, ws[inside[0] - 1])))
    if not beside_title:
        return span

    def said(i: int) -> bool:
        core = word_core(sentence, ws[i])
        return _asked(core, question_text) or any(spelled_in_hangul(name, core) for name in latin_names)

    start, end = _unsaid(inside[0], inside[-1] + 1, said)
    if start == end or (start == inside[0] and end == inside[-1] + 1) \
            or not any(t[1].startswith(_PROPER) for i in range(start, end) for t in ws[i].tokens):
        return span  # "한빛 재단측" is no name left
    while start <= inside[0] and start > 0 and end - start < 3 and is_bare(ws[start - 1]) \
            and all_tagged(ws[start - 1], _NOUN) and not said(start - 1) and not _title(sentence, ws[start - 1]):
        start -= 1
    return span_of(sentence, ws, start, end)


def _unsaid(start: int, end: int, said) -> tuple[int, int]:
    """The word range [start, end) less the words at either end for which `said(index)` holds."""
    while start < end and said(start):
        start += 1
    while end > start and said(end - 1):
        end -= 1
    return start, end


def _noun_before(sentence: str, span: Span) -> str:
    """The bare noun word right before a span ("승무원 8명" → "승무원"), else ''."""
    ws = words(sentence)
    at = next((i for i, w in enumerate(ws) if w.core_start <= span.start < w.end), None)
    if not at or not is_bare(ws[at - 1]) or not all_tagged(ws[at - 1], ("NN",)):
        return ""
    return word_core(sentence, ws[at - 1])


def _noun_after(sentence: str, span: Span) -> str:
    """The noun right after a span that ends its word bare or with 의 ("12명의 여성과" → "여성"), else ''."""
    ws = words(sentence)
    at = next((i for i, w in enumerate(ws) if w.start <= span.end <= w.end), None)
    if at is None or at + 1 >= len(ws) or ws[at].core_end != span.end:
        return ""
    if ws[at].trailing and [t[0] for t in ws[at].trailing] != ["의"]:
        return ""
    return word_core(sentence, ws[at + 1]).lower()


def _full_names(sentence: str, question_text: str) -> list[Span]:
    """Runs of two or more proper-noun words (Latin ones capitalised, not followed by a place particle)
    less the words at either end that the question already says or that are titles: "하산 알리 레자
    바르단" asked about "바르단 석유부 장관" → "하산 알리 레자", "레아 몬테를" → "레아 몬테" (invented)."""
    ws = words(sentence)

    def proper(w: Word) -> bool:
        return all_tagged(w, _PROPER) and not re.match(r"[a-z]", word_core(sentence, w))

    def said(w: Word) -> bool:
        return re.sub(r"^제\d+", "", word_core(sentence, w).lower()) in TITLES or _asked(word_core(sentence, w), question_text)

    out, i = [], 0
    while i < len(ws):
        if not proper(ws[i]):
            i += 1
            continue
        j = run_end(ws, i, proper)
        start, end = _unsaid(i, j, lambda k: said(ws[k]))
        placed = end > start and bool(ws[end - 1].trailing) and ws[end - 1].trailing[0][0] in _LOCATIVE - {"의"}
        if end - start >= 2 and not placed:
            out.append(span_of(sentence, ws, start, end))
        i = j
    return out


_QUOTED = re.compile(r"[‘“'\"]([^’”'\"]{2,40})[’”'\"]")


def given_names(sentence: str, question: Question) -> list[str]:
    """The names a sentence gives that the question does not already say: a name beside a title, a run of
    two or more proper nouns, or a quoted phrase. Invented sentences:

    >>> from ..question import analyse
    >>> given_names("[박지훈 기자] 시장이 사퇴했다.", analyse("기사를 쓴 기자의 이름은?"))
    ['박지훈']
    >>> given_names("한 남성이 다리에서 강으로 뛰어들었다.", analyse("강으로 뛰어든 남성의 이름은?"))
    []
    >>> given_names("한빛시는 새 다리를 ‘은하교’로 명명했다.", analyse("새 다리의 이름은?"))
    ['은하교']
    """
    plain, back = _as_names_read(sentence)
    ws = words(plain)
    found = [back(span).text for span in _people(plain, ws) + _full_names(plain, question.text)]
    found += [span.text for span in _bracketed_names(sentence)]
    found += [m.group(1) for m in _QUOTED.finditer(sentence)]
    return [name for name in found if name.strip() and not _asked(name, question.text)]


_MINOR_WORDS = frozenset("of and for the on in at to & de".split())  # left out of an abbreviation's initials


def spells_out(sentence: str, abbreviation: str) -> bool:
    """Does the sentence give the abbreviation's full form: in brackets beside it ("HBL(Hanbit Bio Lab)",
    "한빛바이오랩(HBL)"), or as Latin words whose initials spell it? Invented sentences:

    >>> spells_out("HBL(Hanbit Bio Lab)은 2004년 문을 열었다.", "HBL"), spells_out("Hanbit Bio Lab은 크다.", "HBL")
    (True, True)
    >>> spells_out("한빛바이오랩(HBL)이 문을 열었다.", "HBL"), spells_out("HBL은 2004년 문을 열었다.", "HBL")
    (True, False)
    """
    a = re.escape(abbreviation)
    if re.search(rf"{a}\s?[(（][^()（）]*\S\s+\S[^()（）]*[)）]", sentence) \
            or re.search(rf"[^\s(（]{{2,}}\s?[(（]\s?{a}\s?[)）]", sentence):
        return True
    letters = abbreviation.replace("&", "")  # "HT&T": the initials are H, T, T
    latin = re.findall(r"[A-Za-z][A-Za-z'-]*", sentence)  # its Latin words
    for start in range(len(latin)):
        initials = ""
        for word in latin[start:]:
            if word.lower() in _MINOR_WORDS and initials:
                continue
            if not word[0].isupper():
                break
            initials += word[0]
            if len(initials) >= len(letters):
                break
        if initials == letters and len(initials) >= 2 and latin[start] != abbreviation:
            return True
    return False


def unit_match(span: Span | None, unit: str | None) -> float:
    """1 when the span carries the asked counter, 0 when it carries another, 0.5 when nothing is known."""
    if span is None or unit is None:
        return 0.5
    return 1.0 if unit in span.text.replace(" ", "") else 0.0
