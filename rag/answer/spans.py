"""Short answer spans (dates, counts, amounts, names, places) found on word boundaries only.

A sentence is cut into words (whitespace) and each word into Kiwi tokens. A span is a run of whole
words; only its last word may lose its trailing particles or endings ("2019년 3월에" → "2019년 3월",
"B-Lab을" → "B-Lab"). So a span never starts or ends inside a word or a name: no "Lab" from "B-Lab".
values.py and names.py find the spans of each kind; this module picks the one that answers a question:
in the asked counter, beside the asked event or verb, not one the question already says.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..answer_types import KOREAN_TITLES, SHARED_TITLES
from ..countries import is_country, named_in as country_named_in
from ..loanwords import spelled_in_hangul
from ..question import AnswerType, Question
from .mentions import name_found
from .names import (FACILITIES, as_names_read, full_names, holds_office, less_said, listed_before_kind, named_kind,
                    organisation_spans, person_spans, place_less_said, place_spans, said_in_latin, said_in_question)
from .values import (COUNTER_LEFT, DURATION_SPAN, RANK_UNITS, age_spans, bare_amounts, count_spans, date_spans,
                     measure_spans, merged, money_spans, time_spans, with_range_end)
from .words import Span, all_tagged, core_tokens, is_bare, word_core, words



def candidates(kind: AnswerType, sentence: str, unit: str | None = None, measures: bool = False,
               kinds: tuple[str, ...] = ()) -> list[Span]:
    """Every span of `kind` in `sentence`, in reading order (none for reasons and descriptions). `unit` is
    the counter a count question asks in ("몇 층" → "층"): numbers in it count even where that word
    usually is no counter; `measures` lets floor areas and storeys count too (a bare "얼마"); `kinds` are
    the units a measure question asks in (`Question.measure_kinds`)."""
    ws = words(sentence)
    if kind == AnswerType.DATE:
        return date_spans(sentence, ws)
    if kind == AnswerType.TIME:
        return time_spans(sentence, ws)
    if kind == AnswerType.AGE:
        return age_spans(sentence, ws)
    if kind == AnswerType.MONEY:
        return money_spans(sentence, ws)
    if kind == AnswerType.COUNT:
        return count_spans(sentence, ws, unit, measures)
    if kind == AnswerType.MEASURE:
        return measure_spans(sentence, ws, kinds)
    if kind == AnswerType.PERSON:
        return person_spans(sentence)
    if kind == AnswerType.ORGANISATION:
        return organisation_spans(sentence)
    if kind == AnswerType.PLACE:
        return place_spans(sentence, ws)
    return []


# Counts news gives side by side for different events ("4명이 숨지고 17명이 다쳤다"; invented): the words of a
# question that ask for one event, and the words of a sentence that tell it (general news wording).
_EVENTS = ((r"부상|다친|다쳤|injur|wound|hurt", r"다치|다쳐|다쳤|부상|중상|경상"),
           (r"사망|숨진|숨졌|죽은|죽었|\bdied\b|\bdead\b|death|killed|fatalit", r"숨지|숨져|숨졌|숨진|사망|목숨|희생|죽"),
           (r"실종|missing", r"실종"), (r"구조|구출|rescu", r"구조|구출"), (r"체포|검거|구속|arrest|detain", r"체포|검거|붙잡|구속"),
           (r"대피|evacuat", r"대피"), (r"생존|살아남|surviv", r"생존|살아남|구조|구출"))


# Events of a life a date question may ask ("When was she born?", "언제 결혼했나?"), and the Korean words that
# tell them: another day in the same story (a debut, a trial) does not date them (general news wording).
LIFE_EVENTS = ((r"\bborn\b|\bbirth|태어|출생", r"태어|출생|탄생"),
               (r"\bdied\b|\bdeath\b|\bpassed away\b|사망|숨지|숨진|숨졌|별세", r"숨지|숨진|숨졌|숨져|사망|별세|타계|세상을 떠"),
               (r"\bmarried\b|\bmarry\b|\bwedding\b|결혼", r"결혼|혼인"))
# Which events a question of each type must find told: its count's event, its date's event of a life.
EVENTS_ASKED = {AnswerType.COUNT: _EVENTS, AnswerType.DATE: LIFE_EVENTS}


def tells_event(question_text: str, sentence: str, events=_EVENTS) -> bool:
    """Does the sentence tell the event a question asks about, of `events` (true when it asks none)? "How many of
    the crew survived?" is not answered by "승무원 6명을 태운 여객기가 추락했다" (invented), a count of
    another thing.

    >>> tells_event("How many of the crew survived?", "승무원 6명을 태운 여객기가 추락했다."), tells_event("몇 명이 다쳤나?", "3명이 다쳤다.")
    (False, True)
    """
    asked = _told_forms(question_text, events)
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
    for word in _counted_words(question_text):
        for stem in _singulars(word):
            if stem in _COUNTED_NOUNS:
                return tuple(_COUNTED_NOUNS[stem].split("|"))
    return ()


def _counted_words(question_text: str) -> list[str]:
    """The words right after an English "how many" (up to three), lower case."""
    asked = re.search(r"\bhow many((?:\s+\w+){1,3})", question_text.lower())
    return asked.group(1).split() if asked else []


def _singulars(word: str) -> tuple[str, ...]:
    return word, re.sub(r"ies$", "y", word), re.sub(r"es$", "", word), re.sub(r"s$", "", word)


def counted_by_sound(question_text: str, text: str) -> bool:
    """Does `text` write what an English "how many" question counts as Korean writes a loanword ("How many
    centers?" → "센터", "teams" → "팀")? News counts many things by their English names.

    >>> counted_by_sound("How many centers does it run?", "20개 센터"), counted_by_sound("How many cities?", "20개 센터")
    (True, False)
    """
    return any(spelled_in_hangul(stem, text) for word in _counted_words(question_text) for stem in _singulars(word)
               if len(stem) >= 3)


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


def _country_asked(span: str, question: Question) -> bool:
    """Is a name span only a country the question names, in either language? Then the question already says
    it: "Which Korean company won?" is not answered by "한국" (the company's country), nor "멕시코 선수는 누구?"
    by "멕시코"."""
    return bool(question.countries) and all(any(country_named_in(c, w) for c in question.countries)
                                            for w in span.split())


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
        listed = listed_before_kind(sentence, words(sentence), question.kind_noun)
        found = merged(listed, merged([_up_to_kind(sentence, s, question.kind_noun) for s in found],
                                      named_kind(sentence, words(sentence), question.kind_noun)))
        text = text.replace(question.kind_noun, " ")  # "어느 섬" does not say "한빛 섬"
        if _FACILITY.fullmatch(question.kind_noun):  # "어느 호텔" is named with 호텔: "한빛" alone is no hotel
            kept = [s for s in found if s in listed or s.text.endswith(question.kind_noun)]
            # an English kind word has more than one Korean ("hospital": 병원, 메디컬센터 …): one with it first
            found = (kept or found) if question.language == "en" else kept
    if kind == AnswerType.MONEY and not found and question.language == "ko" and not question.money_named:
        found = [s for s in candidates(AnswerType.COUNT, sentence, unit, measures=True)  # a bare "얼마": "850만 배럴"
                 if not _RANK.search(s.text) and not s.text.endswith("명")  # a rank ("1등") or people is no amount,
                 and not _IN_TIME_UNITS.search(s.text)]  # nor a time ("3주")
    if kind == AnswerType.MONEY and not found:
        found = bare_amounts(sentence)  # "부지를 520억에 사들였다": news drops a currency it has already named
    if kind == AnswerType.COUNT and not found and question.how_much:
        found = candidates(AnswerType.MONEY, sentence)  # "How much did she get for it?": "3억 원"
    latin = tuple(n for n in question.names if question.language == "en" and re.fullmatch(r"[A-Za-z .'\-]+", n))
    if kind == AnswerType.PERSON:  # a country before a title ("노르웨이 선수 세 명") is whose, no name
        found = [less_said(sentence, s, text, latin) for s in found
                 if not (is_country(s.text) and _TITLE_AFTER.match(sentence, s.end))]
    if kind == AnswerType.PLACE:
        found = [place_less_said(sentence, s, text, latin) for s in found]
    if kind == AnswerType.TIME and question.unit == "시":  # "몇 시" asks the hour: "오후" alone does not answer
        found = [s for s in found if re.search(r"\d|정오|자정", s.text)]  # noon and midnight are hours
    if kind == AnswerType.DATE and question.asks_when:  # "언제 납치했나?" is not answered by "6주째"
        found = [s for s in found if not _lasts(sentence, s) or _RELATIVE_TIME.match(sentence, s.end)
                 or re.search(r"(?:전|후|뒤|만에)$", s.text)]
    if kind == AnswerType.AGE and _bracketed_name(sentence, question.names):  # "벤턴(노르비아) … 포르스(21)" (invented)
        found = [s for s in found if not _age_of_another(sentence, s, question.names)]
    if kind == AnswerType.DATE and question.tense:  # "When will the trial begin?" is not answered by "지난 2월"
        found = [s for s in found if not _TENSE_MARKS[question.tense].search(sentence[max(0, s.start - 5):s.start])]
    if kind == AnswerType.DATE and _ASKS_YEAR.search(question.text) and not question.asks_duration:
        # "어느 해에" is not answered by "3년 전"
        found = [s for s in found if _CALENDAR_YEAR.search(s.text)]
    if kind == AnswerType.COUNT and unit in _TIME_UNITS:  # "몇 년 동안" counts years: not "5명", nor "1998년"
        found = [s for s in found if _IN_TIME_UNITS.search(s.text) and not _CALENDAR_YEAR.match(s.text)
                 and not _RELATIVE_TIME.match(sentence, s.end)]  # "3년 전" dates, it does not count
    if unit == "명":  # people are counted in 명: "몇 명" is not answered by "15개" or "3곳"
        found = [s for s in found if "명" in s.text or not COUNTER_LEFT.sub("", s.text)]
    spans = [s for s in found if s.text.strip() and not said_in_question(s.text, text, named)
             and not (named and said_in_latin(s.text, latin)) and not (named and _country_asked(s.text, question))]
    spans = [s for s in spans if s in listed] or spans
    if not spans and kind == AnswerType.PERSON:
        plain, back = as_names_read(sentence)
        spans = [s for s in (back(s) for s in full_names(plain, text)) if not said_in_latin(s.text, latin)]
    offices = tuple(t for t in question.role_titles if t not in SHARED_TITLES)
    if kind == AnswerType.PERSON and offices:  # "한빛전자의 대변인은 누구?": the name written beside that title
        spans = [s for s in spans if holds_office(sentence, s, offices)]
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
    # the noun written right before a count ("어린이 3명"): the counted noun itself, or the noun a Korean "몇" follows
    counted_before = [n for n in [counted_noun(question.text), question.head] if n] if question.language == "ko" \
        else list(english_counted)
    events = []
    if kind == AnswerType.COUNT:
        events = _event_cues(question.text, sentence)
    elif kind == AnswerType.DATE and question.language == "en":
        events = _event_cues(question.text, sentence, _DATED_EVENTS)
    asks_country = _ASKS_COUNTRY.search(question.text) is not None
    predicates = asked_predicates(question.text) if question.language == "ko" and kind in _VALUED else frozenset()
    predicate_at = _predicate_positions(predicates, sentence) if predicates else []

    def key(item: tuple[int, Span]):
        order, s = item
        other_unit = unit is not None and unit not in s.text.replace(" ", "")
        # a count whose counted noun the question names: "몇 개 도시" → "6개" (도시), "여성은 몇 명" → "12명의 여성";
        # one named in English is written before its count as often ("How many crew members" → "승무원 8명")
        counted = kind == AnswerType.COUNT and (
            any(t in s.text.lower() or t in _noun_after(sentence, s) for t in counted_nouns)
            or any(t == _noun_before(sentence, s) for t in english_counted)
            or (question.language == "en" and counted_by_sound(question.text, s.text + " " + _noun_after(sentence, s))))
        # a body is named before the country that owns it ("한국 기업 한빛바이오" → 한빛바이오; invented)
        country_for_body = kind == AnswerType.ORGANISATION and is_country(s.text) and not asks_country
        # a part news gives before its total ("어린이 3명을 포함, 모두 12명"; invented) is not the count asked,
        # unless the question asks for what that part counts ("어린이는 몇 명"): then it is
        part = 0
        if kind == AnswerType.COUNT and _PART_OF_TOTAL.match(sentence, s.end):
            part = -1 if _noun_before(sentence, s) in counted_before else 1
        near = min((abs(a - s.start) for a in anchors), default=0)
        event_far = _event_distance(events, s)
        predicate_far = _predicate_distance(predicate_at, s)
        # a stay is asked in a duration ("7일 수술한" is a day), a day in a date ("이틀 전인 3일" → 3일)
        other_timing = kind == AnswerType.DATE and question.asks_duration != bool(DURATION_SPAN.search(s.text))
        # an age in brackets is the age of the name it is written onto: "How old is Clara Benton?" takes
        # "클라라 벤턴(27)" over "니나 포르스(21)" beside her (invented)
        others_age = kind == AnswerType.AGE and bool(question.names) and not _age_of_named(sentence, s, question.names)
        # a place where something is or happens ("…에서", "…에") before one that only owns the next noun ("…의")
        owner = kind == AnswerType.PLACE and _particle_after(ws, s) == "의"
        return (other_unit, not counted, part, other_timing, others_age, country_for_body, owner,
                s.start == 0 and s.end <= topic_end, event_far, predicate_far, near, order)

    return with_range_end(sentence, min(enumerate(spans), key=key)[1])


def _bracket_owner(sentence: str, span: Span) -> str | None:
    """The two words before the bracket an age span is written in ("클라라 벤턴(27.노르비아)" → "클라라 벤턴";
    invented), or None for an age not in brackets."""
    opening = sentence.rfind("(", 0, span.start)
    if opening < 0 or ")" in sentence[opening:span.start] or span.start - opening > 12:
        return None
    return _two_words_before(sentence, opening)


def _two_words_before(sentence: str, at: int) -> str:
    return " ".join(sentence[:at].split()[-2:])


def _bracketed_name(sentence: str, names: tuple[str, ...]) -> bool:
    """Is one of `names` written with a bracket glued to it, as news introduces a person ("클라라 벤턴(노르비아)";
    invented)? Then an age in another name's bracket is that other person's."""
    return any(name_found(n, _two_words_before(sentence, m.start()))
               for m in re.finditer(r"(?<=[가-힣A-Za-z])\(", sentence) for n in names)


def _age_of_named(sentence: str, span: Span, names: tuple[str, ...]) -> bool:
    owner = _bracket_owner(sentence, span)
    return owner is not None and any(name_found(n, owner) for n in names)


def _age_of_another(sentence: str, span: Span, names: tuple[str, ...]) -> bool:
    """Is the age in a bracket glued to a name that is none of `names`, not to a title that may follow one
    ("박지훈 한빛제약 대표(45)"; invented)?"""
    owner = _bracket_owner(sentence, span)
    return owner is not None and not any(name_found(n, owner) for n in names) \
        and not re.search(rf"(?:{KOREAN_TITLES})$", owner)


def _lasts(sentence: str, span: Span) -> bool:
    """Is the date span a duration, by itself ("3개월", "20년간") or by the word after it ("34일 동안")?"""
    return DURATION_SPAN.search(span.text) is not None or _DURATION_AFTER.match(sentence, span.end) is not None


_DURATION_AFTER = re.compile(r"\s?(?:간|동안|째|만에)")
_RELATIVE_TIME = re.compile(r"\s?(?:전|후|뒤|만에|만인|이전|이후|앞서)")  # "3개월 전" dates an event
_TITLE_AFTER = re.compile(rf"\s?(?:{KOREAN_TITLES})(?:은|는|이|가|을|를|의|와|과|로|으로|도)?(?![가-힣])")
_TIME_UNITS = ("년", "개월", "달", "주", "일", "시간", "분", "초")
_IN_TIME_UNITS = re.compile(r"(?:\d|[한두세네몇])\s?(?:년|개월|달|주|일|시간|분|초)|[한두세네]\s?해")
# Words that set a date before or after the day of writing (general news Korean): a question for when
# something will happen is not answered by a date marked past, nor the reverse.
_TENSE_MARKS = {"future": re.compile(r"(?:지난|지난해|작년|재작년|전년)\s?$"),
                "past": re.compile(r"(?:오는|다음|내년|내달|다음달|이듬해)\s?$")}
_ASKS_COUNTRY = re.compile(r"나라|국가|국적|countr|nation", re.I)
_PART_OF_TOTAL = re.compile(r"[^,.]{0,15}?(?:을|를)?\s?포함(?:해|하여|,|\s)\s?[^,.]{0,12}?\d")
_RANK = re.compile(rf"\d\s?(?:{RANK_UNITS}|번째|째)$")  # "1등", "3위", "2번째"
_ASKS_YEAR = re.compile(r"(?:몇|어느)\s?(?:년도|해)|몇\s?년에(?!\s?걸)|해는\s?언제|연도|\b(?:what|which) year\b", re.I)
_CALENDAR_YEAR = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")  # a year in the calendar, not a count of years


# Asked "어느 호텔", a name without the kind word names something else (the city the hotel is in). Not bodies such
# as banks or universities, which news often names without it.
_FACILITY = re.compile(FACILITIES)


def _up_to_kind(sentence: str, span: Span, kind_noun: str) -> Span:
    """A place span up to its word of the asked kind ("한빛섬 해변" asked "어느 섬" → "한빛섬"; invented)."""
    ws = [w for w in words(sentence) if span.start <= w.core_start and w.core_end <= span.end]
    at = next((i for i, w in enumerate(ws[:-1]) if word_core(sentence, w).endswith(kind_noun)), None)
    return span if at is None else Span(sentence[span.start:ws[at].core_end], span.start, ws[at].core_end)


def _particle_after(ws, span: Span) -> str:
    """The particle that ends the span's last word ("오사카의" → "의"), else ''."""
    last = next((w for w in ws if w.core_start < span.end <= w.end), None)
    return last.trailing[0][0] if last is not None and last.trailing and last.core_end == span.end else ""


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

