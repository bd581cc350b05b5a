"""Question analysis, done once per question: language, standalone query, answer type, names, terms.

`analyse(text, history)` returns a frozen `Question` that retrieval and the answer stage read; neither
looks at the raw string again. The answer type and the unit it asks in come from rag/answer_types.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .answer_types import (ENGLISH_KINDS, HEAD_WEIGHT, HOW_LONG_KO, HOW_MUCH, TITLES, AnswerType, answer_type,
                           answer_type_scores, asked_measure, asked_unit, names_money)
from .conversation import Turn, condense, countries_named
from .conversation import names as names_in
from .language import detect_language
from .sentences import kiwi, morphemes


@dataclass(frozen=True)
class Question:
    text: str  # the cleaned question as asked
    language: str  # "ko" | "en"
    query: str  # standalone retrieval query (follow-ups condensed with earlier turns)
    answer_type: AnswerType
    names: tuple[str, ...]  # named things the question (or the carried turn) is about
    terms: tuple[str, ...]  # content terms of the names and the text: Kiwi content morphemes, lower-cased, no stop words
    modifiers: tuple[str, ...] = ()  # event modifiers that change which event is asked (next, first, 다음 …)
    slot: Slot | None = None  # where a Korean "what" question's answer stands in a sentence (descriptions only)
    head: str | None = None  # the noun a Korean interrogative follows ("당첨금" of "1등 당첨금은 얼마였나?")
    asks_name: bool = False  # it asks what someone or something is called ("…의 이름은?", "the name of …")
    unit: str | None = None  # the counter or unit it asks in ("몇 명" → "명", "how many people" → "명")
    measure_kinds: tuple[str, ...] = ()  # the kinds of unit it asks a measure in ("how far" → length); () any
    money_named: bool = False  # a Korean question names money ("예산은 얼마인가?"), not only "얼마" (how much)
    how_much: bool = False  # an English "how much" question: the count it asks may be an amount of money
    options: tuple[str, ...] = ()  # the alternatives it offers ("낮과 밤 중 언제", "morning or afternoon"): answers
    years: tuple[str, ...] = ()  # the years it names ("2030년에는 …", "in 2030"): the year it asks about
    abbreviation: str | None = None  # the abbreviation whose full form it asks ("What does HBL stand for?" → HBL)
    kind_noun: str | None = None  # the common noun a question asks a name of ("어느 섬" → 섬, "Which hotel" → 호텔)
    asks_duration: bool = False  # it asks how long something takes or lasts ("how long", "얼마 동안", "며칠 동안")
    asks_when: bool = False  # it asks a point in time ("언제", "when", "날짜"), which no duration ("6주째") answers
    tense: str | None = None  # "past" or "future" where the question says which ("언제 만났나?", "When will it open?")
    role_titles: tuple[str, ...] = ()  # the Korean titles of the office a "who" asks about ("mayor", 시장은 누구 → 시장)
    countries: tuple[str, ...] = ()  # the countries it names, too broad for `names`: its answer's article names them
    owners: tuple[str, ...] = ()  # Korean nouns the question marks with 의 ("총장의 나이는?" → 총장): whose value it asks


@dataclass(frozen=True)
class Slot:
    """The grammatical place of the answer to a Korean "무엇/어떤 N" question, read from the question:
    "무엇을 전시했나" asks for the object of 전시, "무엇으로 바꾸나" for what takes 으로, "원인은 무엇인가"
    for the noun phrase a sentence says 원인 is. `rag/answer/slots.py: slot_span` finds it in a sentence."""

    role: str  # "object" (을/를), "means" (으로/로), "subject" (이/가) or "copula" (the noun before 이다)
    predicate: str | None = None  # the stem of the verb the answer goes with ("전시")
    anchor: str | None = None  # the question's word right before the wh-word, as written ("석탄에서")
    topic: str | None = None  # the noun right before the wh-word ("원인" of "원인은 무엇인가"): what a sentence defines
    kind: str | None = None  # the noun of "어떤/무슨 N" ("어떤 로켓에" → 로켓): the answer names one, "누리온 로켓"


# Modifiers that pick one event among several of the same kind ("the next visit", "첫 방문").
_MODIFIERS = re.compile(r"\b(?:next|first|last|previous|second|third|final|latest|again|initial|upcoming|former)\b"
                        r"|다음|다시|처음|최초|마지막|이전|지난|내년|작년|올해|향후|첫|두\s*번째|세\s*번째|재차", re.I)
# Function and question words: not content terms (Kiwi drops Korean particles and endings by their tags).
STOP_WORDS = frozenset("""a an the of in on at to for from by with about into onto over under after before during
since until and or but nor so than then that this these those it its it's they them their there here he she his her
him we our you your me my is are was were be been being am do does did done doing have has had having will would
shall should can could may might must what when where which who whom whose why how whether if not no yes also
any some all each every more most other such only own same very just too tell please according say said says
get got many much
몇 언제 어디 누구 무엇 뭐 왜 얼마 얼마나 어떻 어느 무슨 있 없 하 되 이 그 거기 그곳 이곳 해당 것 알 말""".split())


_ROLES = {"JKO": "object", "JKS": "subject", "VCP": "copula"}
_LIGHT_VERBS = {"하", "되", "있", "이"}  # too general to tie an answer to a sentence
_PASSIVE = {"되", "받", "당하"}  # verbal-noun suffixes that make the clause's head its subject ("승인된 안건")


def _predicate(tokens, indices) -> str | None:
    """The first full verb or verbal noun ("전시" of 전시하다) at `indices`, before the question ends."""
    for k in indices:
        form, tag = tokens[k].form, tokens[k].tag
        if tag == "SF":
            return None
        if tag.startswith(("VV", "VA")) and form not in _LIGHT_VERBS:  # Kiwi may add "-R"/"-I" (regular/irregular)
            return form
        if tag in ("NNG", "XR") and k + 1 < len(tokens) and tokens[k + 1].tag in ("XSV", "XSA"):
            return form
    return None


@lru_cache(maxsize=256)
def question_tokens(text: str) -> tuple:
    """Kiwi's tokens of a question, read once for the several things asked of it (slot, head, owners …)."""
    return tuple(kiwi().tokenize(text))


def asked_slot(text: str) -> Slot | None:
    """Where the answer to a Korean "무엇/뭐/어떤 N/무슨 N" question stands, from its particle and verb.

    >>> asked_slot("한빛랩은 박람회에서 무엇을 전시했나?")
    Slot(role='object', predicate='전시', anchor='박람회에서', topic=None, kind=None)
    >>> asked_slot("공장 연료를 석탄에서 무엇으로 바꾸나?").role, asked_slot("화재의 원인은 무엇인가?").topic
    ('means', '원인')
    >>> asked_slot("시장이 약속한 것은 무엇인가요?")  # "X가 약속한 것" is the object of 약속
    Slot(role='object', predicate='약속', anchor=None, topic=None, kind=None)
    >>> asked_slot("시민들이 요구한 내용은?")  # no interrogative: the object of the clause before the last noun
    Slot(role='object', predicate='요구', anchor=None, topic=None, kind=None)
    >>> asked_slot("탐사선은 어떤 로켓에 실려 발사되나?")  # only the kind of thing asked
    Slot(role='kind', predicate=None, anchor=None, topic=None, kind='로켓')
    >>> asked_slot("세금을 올린 정당은?") is None  # the clause has its object already
    True
    >>> asked_slot("When did it open?") is None
    True
    """
    tokens = question_tokens(text)
    for i, token in enumerate(tokens):
        kind = None
        if token.tag == "NP" and token.form in ("무엇", "뭐"):
            after = i + 1
        elif token.tag == "MM" and token.form in ("어떤", "무슨") and i + 1 < len(tokens) \
                and tokens[i + 1].tag.startswith("NN"):
            kind = tokens[i + 1].form if tokens[i + 1].tag == "NNG" else None
            after = i + 2
            while after < len(tokens) and tokens[after].tag == "XSN":
                after += 1
        else:
            continue
        if after >= len(tokens):
            return Slot("kind", kind=kind) if kind else None
        particle = tokens[after]
        role = _ROLES.get(particle.tag) or ("means" if particle.tag == "JKB" and particle.form in ("으로", "로") else None)
        if role is None:
            return Slot("kind", kind=kind) if kind else None
        topic = None  # the noun right before the wh-word, with 은/는/이/가/을/를
        if i >= 2 and tokens[i - 1].tag in ("JX", "JKS", "JKO") and tokens[i - 2].tag.startswith(("NN", "XSN")):
            topic = tokens[i - 2 if tokens[i - 2].tag != "XSN" else i - 3].form
        if role == "copula" and topic == "것":  # "…가 약속한 것은 무엇인가": the object of the clause's verb
            clause_end = next((m for m in range(i - 2, max(i - 4, -1), -1) if tokens[m].tag == "ETM"), None)
            verb = _predicate(tokens, range(clause_end - 1, -1, -1)) if clause_end is not None else None
            return Slot("object", verb) if verb else None
        before = text[:token.start].split()
        return Slot(role, _predicate(tokens, range(after + 1, len(tokens))), before[-1] if before else None,
                    topic if topic != "것" else None, kind)
    return _relative_clause_slot(tokens)


def _relative_clause_slot(tokens) -> Slot | None:
    """A question that ends in a noun after a relative clause, with no interrogative ("시민들이 요구한
    내용은?", "시장이 발표한 것은?"), asks for what the clause's verb takes as its object, or, when the verb
    is passive ("회의에서 승인된 안건은?"), as its subject."""
    content = [i for i, t in enumerate(tokens) if t.tag not in ("SF", "JX", "JKS", "EF")]
    if len(content) < 3 or not tokens[content[-1]].tag.startswith("NN") or tokens[content[-2]].tag != "ETM":
        return None
    clause_end = content[-2]
    clause_start = next((k + 1 for k in range(clause_end - 1, -1, -1) if tokens[k].tag in ("ETM", "EC")), 0)
    if any(t.tag == "JKO" for t in tokens[clause_start:clause_end]):
        return None  # the clause has its object ("세금을 올린 정당은?"): the noun is something else
    verb = _predicate(tokens, range(clause_end - 1, -1, -1))
    if verb is None:
        return None
    passive = any(t.tag == "XSV" and t.form in _PASSIVE for t in tokens[clause_start:clause_end])
    return Slot("subject" if passive else "object", verb)


_ASKING = frozenset("얼마 몇 언제 어디 누구 며칠 어느".split())


def asked_head(text: str) -> str | None:
    """The noun right before a Korean question's interrogative, its particles aside: what the asked value
    belongs to ("1등 상금은 얼마였나?" → "상금"). A sentence that names it is about the asked thing.

    >>> asked_head("1등 상금은 얼마였나?"), asked_head("한빛시의 인구는 몇 명인가?"), asked_head("언제 열리나?")
    ('상금', '인구', None)
    """
    tokens = question_tokens(text)
    for i, token in enumerate(tokens):
        if token.form in _ASKING:
            noun = _before_particles(tokens, i)
            return noun.form if noun is not None and noun.tag.startswith("NN") and len(noun.form) > 1 else None
    return None


def asked_kind_noun(text: str) -> str | None:
    """The common noun whose name a Korean "어디"/"어느" question asks: "발견된 섬은 어디인가?" and "어느 섬에서
    발견됐나?" ask the name of a 섬, which a sentence may write as "한빛섬" or "한빛 섬" (invented).

    >>> asked_kind_noun("발견된 섬은 어디인가?"), asked_kind_noun("어느 병원에서 수술했나?"), asked_kind_noun("남성은 어디서 잡혔나?")
    ('섬', '병원', None)
    """
    tokens = question_tokens(text)
    for i, token in enumerate(tokens):
        if token.form == "어느" and i + 1 < len(tokens) and tokens[i + 1].tag == "NNG":
            return tokens[i + 1].form
        if token.form == "어디":  # only as the predicate: "섬은 어디인가?", not "남성은 어디에서 잡혔나?"
            after = tokens[i + 1] if i + 1 < len(tokens) else None
            if after is not None and after.tag not in ("VCP", "SF"):
                return None
            noun = _before_particles(tokens, i)
            return noun.form if noun is not None and noun.tag == "NNG" else None
    return None


_PAST_EN = re.compile(r"\bwhen (?:did|was|were|had)\b", re.I)
_FUTURE_EN = re.compile(r"\bwhen (?:will|shall)\b|"
                        r"\bwhen (?:is|are)\b.*\b(?:going to|due|scheduled|set to|expected|planned)\b", re.I)
_FUTURE_KO = re.compile(r"예정|계획|(?:ㄹ|을|할|될|릴)\s?(?:것|까)")


def asked_tense(text: str, language: str) -> str | None:
    """Whether the question asks when something happened ("past") or will happen ("future"), when it says so:
    by its auxiliary in English, by a past ending (었/았/였) or a plan (예정, 계획) in Korean; else None.

    >>> [asked_tense(q, "en") for q in ("When did it open?", "When will it open?", "When is it?")]
    ['past', 'future', None]
    >>> asked_tense("언제 문을 열었나?", "ko"), asked_tense("언제 문을 열 예정인가?", "ko"), asked_tense("언제 여나?", "ko")
    ('past', 'future', None)
    """
    if language == "en":
        return "past" if _PAST_EN.search(text) else "future" if _FUTURE_EN.search(text) else None
    if _FUTURE_KO.search(text):
        return "future"
    tokens = question_tokens(text)
    last = max((i for i, t in enumerate(tokens) if t.tag in ("VV", "VA", "VX", "XSV", "XSA", "VCP")), default=None)
    past = last is not None and any(t.tag == "EP" and t.form in ("었", "았", "였") for t in tokens[last + 1:last + 3])
    return "past" if past else None  # the asked verb's ending, not a clause's before it ("열렸던 대회는 언제 …")


_ENGLISH_KIND = re.compile(r"\b(?:which|what)\s+(?:[a-z\-]+\s+){0,2}?(" + "|".join(ENGLISH_KINDS) + r")s?\b", re.I)


def english_kind_noun(text: str) -> str | None:
    """The Korean word for the kind of place or body an English "which …" question asks the name of.

    >>> english_kind_noun("Which luxury hotel was attacked?"), english_kind_noun("Where was the hotel?")
    ('호텔', None)
    """
    found = _ENGLISH_KIND.search(text)
    return ENGLISH_KINDS[found.group(1).lower()] if found else None


_QUESTION_NOUNS = frozenset({"얼마", "무엇", "누구", "어디", "언제", "몇", "어느"})  # asked, they own nothing


def asked_owners(text: str) -> tuple[str, ...]:
    """The nouns a Korean question marks with the possessive 의, lower-cased: whose value it asks about
    ("한빛시의 인구는?" → 한빛시). One after a demonstrative ("그 회사의") points back and is left out.

    >>> asked_owners("한빛시의 인구는 몇 명인가?"), asked_owners("그 회사의 대표는 누구야?"), asked_owners("얼마의 손해를 봤나?")
    (('한빛시',), (), ())
    """
    tokens = question_tokens(text)
    owners = []
    for i, token in enumerate(tokens):
        if token.tag != "JKG" or i == 0 or not tokens[i - 1].tag.startswith(("NNG", "NNP", "SL", "SH")):
            continue  # "9명의" (a count) is no owner
        first = i - 1  # the nouns written together before 의 ("한빛시" is 한빛 + 시)
        while first > 0 and tokens[first - 1].tag.startswith(("NN", "SL", "SH")) \
                and tokens[first - 1].start + tokens[first - 1].len == tokens[first].start:
            first -= 1
        if first > 0 and tokens[first - 1].tag in ("MM", "SN"):  # "그 회사의": an earlier turn's
            continue
        owner = text[tokens[first].start:tokens[i - 1].start + tokens[i - 1].len].lower()
        if owner not in _QUESTION_NOUNS:  # "얼마의 손해를 보나?" asks the amount, it has no owner
            owners.append(owner)
    return tuple(dict.fromkeys(owners))


def _before_particles(tokens, i: int):
    """The token before `tokens[i]`, the particles and endings between them aside (None at the start)."""
    j = i - 1
    while j >= 0 and tokens[j].tag.startswith(("J", "E")):
        j -= 1
    return tokens[j] if j >= 0 else None


_NAME_WORD = re.compile(r"이름|명칭|\bnames?\b", re.I)


def asks_name(text: str) -> bool:
    """Does the question ask for a name? Then only a sentence that gives one can answer it.

    >>> asks_name("한빛시 시장의 이름은?"), asks_name("What is the name of the ship?"), asks_name("Who won?")
    (True, True, False)
    """
    return bool(_NAME_WORD.search(text))


_OPTIONS = re.compile(r"(?:^|(?<=\s))([^\s,]+?)(?:과|와|이나|나|또는)\s+([^\s,]+?)\s*중(?=\s|$)"
                      r"|\b(\w+) or (?:the |a |an )?(\w+)\b", re.I)


def options_of(text: str) -> tuple[str, ...]:
    """The alternatives a question offers: its answer is one of them, so saying them gives nothing away.

    >>> options_of("시장은 낮과 밤 중 언제 도착했나?"), options_of("Did it open in the morning or the afternoon?")
    (('낮', '밤'), ('morning', 'afternoon'))
    """
    return tuple(word for m in _OPTIONS.finditer(text) for word in m.groups() if word)


# A year: 1800-2099 written with 년, or alone and not counting something ("2000 soldiers", "1800시간").
_YEAR = re.compile(r"(?<![\d,.])(1[89]\d\d|20\d\d)(?:\s?년|(?![\d,.]|\s*[가-힣]|\s+[a-z]+s\b))")


def years_of(text: str) -> tuple[str, ...]:
    """The years a text names, in order, without repeats.

    >>> years_of("2030년에는 12개 팀이 참가했다."), years_of("How many of the 2000 soldiers left in 2008?")
    (('2030',), ('2008',))
    >>> years_of("1800시간 분량을 방영한다.")
    ()
    """
    return tuple(dict.fromkeys(m.group(1) for m in _YEAR.finditer(text)))


_SPELLED_OUT = re.compile(r"\bstands? for\b|\bshort for\b|\babbreviat|\bacronym\b|약자|줄임말|약어|준말", re.I)
_ABBREVIATION = re.compile(r"(?<![A-Za-z])[A-Z][A-Z&]{1,7}(?![A-Za-z])")


def asked_abbreviation(text: str, names: tuple[str, ...] = ()) -> str | None:
    """The abbreviation whose full form the question asks for, in its text or else among the names it
    carries from earlier turns ("What does it stand for?"); None when it asks no such thing.

    >>> asked_abbreviation("What does WHO stand for?"), asked_abbreviation("KTX는 무엇의 약자인가?")
    ('WHO', 'KTX')
    >>> asked_abbreviation("What does it stand for?", ("KTX",)), asked_abbreviation("Who runs KTX?")
    ('KTX', None)
    """
    if not _SPELLED_OUT.search(text):
        return None
    return next((m.group() for source in (text, *names) for m in _ABBREVIATION.finditer(source)), None)


def terms_of(text: str) -> tuple[str, ...]:
    """Content terms: Kiwi content morphemes, lower-cased, in order, without stop words or repeats.

    >>> terms_of("When will Hanbit Lab open?")
    ('hanbit', 'lab', 'open')
    """
    return tuple(dict.fromkeys(t for t in morphemes(text) if t not in STOP_WORDS))


# A question for a point in time ("몇 년" alone may ask how many years: "임기는 몇 년인가?")
_WHEN = re.compile(r"언제|\bwhen\b|\bwhat (?:date|day|month|year)\b|\bwhich (?:date|day|month|year)\b|날짜|날은|연도|"
                   r"몇\s?년도|몇\s?월", re.I)
_DURATION = re.compile(r"\bhow long\b|\bhow many (?:days|weeks|months|years|hours|minutes)\b|" + HOW_LONG_KO +
                       r"|며칠\s?(?:동안|간|만에|이나|째|씩|걸)|몇\s?(?:년|개월|달|주|시간|분)\s?(?:동안|간|만에|이나|째|후|뒤)",
                       re.I)  # "며칠이었나?" asks the day of the month, "며칠 동안" a number of days


# The Korean titles news writes an office with, for the English offices a "who" question asks about
# (general vocabulary, no article's): "Who is the mayor of Hanbit?" is answered beside 시장.
_ROLE_TITLES = {
    "prime minister": "총리", "premier": "총리", "president": "대통령|회장|사장|총장|의장|총재|대표",
    "vice president": "부통령|부회장|부사장|부총재", "mayor": "시장", "governor": "주지사|지사|총재|도지사",
    "minister": "장관|총리", "secretary": "장관|총장|비서", "spokesman": "대변인", "spokeswoman": "대변인",
    "spokesperson": "대변인", "ceo": "최고경영자|ceo|대표|사장|회장", "chief executive": "최고경영자|ceo|대표|사장|회장",
    "chairman": "회장|의장|위원장|이사장", "chairwoman": "회장|의장|위원장|이사장", "coach": "감독|코치",
    "ambassador": "대사", "senator": "상원의원|의원", "judge": "판사|재판관|재판장", "founder": "설립자|창업자|창립자",
    "king": "왕", "queen": "여왕", "pope": "교황", "commander": "사령관|지휘관", "vice minister": "차관",
    "deputy minister": "차관",
}
_OFFICE = "(?P<office>" + "|".join(sorted(_ROLE_TITLES, key=len, reverse=True)) + r")s?\b"
# The office is what is asked ("Who is Hanbit's mayor?", "Which minister resigned?", "the name of the
# spokesman"), not the subject of what is asked ("Who did the minister meet?")
_ASKED_OFFICE = re.compile(r"\b(?:who(?:'s|\s+(?:is|was|are|were|will be|has been|had been|became|becomes))"
                           r"|which|name of|(?:as|named|appointed|elected)(?:\s+the)?(?:\s+new)?)"
                           rf"\s+(?:(?:the|a|an|its|their|his|her)\s+)?(?:[\w'’.-]+\s+){{0,3}}?{_OFFICE}", re.I)
# A Korean office asked as the predicate of 누구 ("총리는 누구야?"), not the subject of a verb ("차관은 누구를 만났나?")
_OFFICE_AS_WHO_KO = r"(?:은|는|이|가)?\s*누구(?!를|와|과|에게|한테|의|로|랑|하고)"


def asked_role_titles(text: str) -> tuple[str, ...]:
    """The Korean titles of the office an English question asks who holds, longest office first, else ().

    >>> asked_role_titles("Who is the prime minister of Hanbit?"), asked_role_titles("Who did the minister meet?")
    (('총리',), ())
    """
    return _titles_of(_ASKED_OFFICE.search(text))


def _titles_of(office: re.Match | None) -> tuple[str, ...]:
    """The Korean titles of the English office a match of `_OFFICE` found, else ()."""
    return tuple(_ROLE_TITLES[office.group("office").lower()].split("|")) if office else ()


def _korean_title(word: str) -> str | None:
    """A Hangul word that is a title, less a topic or subject particle ("대표는" → 대표), else None."""
    core = re.sub(r"(?:은|는|이|가)$", "", word)
    return core if core in TITLES else None


def _office_named(fragment: str) -> tuple[str, ...]:
    """The titles of an office an elliptical follow-up names ("And the governor?", "그럼 대표는?"): it asks who
    holds that office, as the earlier question asked of another."""
    english = _titles_of(re.search(r"\b" + _OFFICE, fragment, re.I))
    korean = next((t for t in map(_korean_title, re.findall(r"[가-힣]+", fragment)) if t), None)
    return english or ((korean,) if korean else ())


def _role_titles(text: str, language: str, kind: AnswerType) -> tuple[str, ...]:
    """The titles of the office a question for a person asks about: an English office's Korean titles, or the
    title a Korean interrogative follows ("일본 총리는 누구야?" → 총리), or a title the question ends on
    ("한빛전자 대표는?")."""
    if kind != AnswerType.PERSON:
        return ()
    if language == "en":
        return asked_role_titles(text)
    head = asked_head(text)
    if head is not None and head in TITLES and re.search(re.escape(head) + _OFFICE_AS_WHO_KO, text):
        return (head,)
    last = re.search(r"([가-힣]+)\s*[?？]*\s*$", text)
    title = _korean_title(last.group(1)) if last else None
    return (title,) if title else ()


# A follow-up that only names what it now asks about ("And the Nuri Hub?", "What about Busan?", "그럼 부산은?",
# "부상자는?"): it asks the earlier question again of that.
_ELLIPSIS_EN = re.compile(r"\s*(?:and|so|then|but)?\s*(?:(?:what|how)\s+about\s+|and\s+)(?P<rest>.+?)[\s?？.]*", re.I)
_ELLIPSIS_KO = re.compile(r"\s*(?:그럼|그러면|그렇다면|또|그리고)?\s*(?P<rest>\S+(?:\s\S+)?(?:은|는|도|의 경우는?))\s*[?？]+\s*")


def _ellipsis(text: str) -> str | None:
    """What a follow-up that only names something ("And …?", "What about …?", "그럼 …은?") names: its few
    words with no interrogative of their own, or None for any other question.

    >>> _ellipsis("And the Nuri Hub?"), _ellipsis("그럼 부산은?"), _ellipsis("When did it open?"), _ellipsis("대표는?")
    ('the Nuri Hub', '부산은', None, None)
    """
    fragment = _ELLIPSIS_EN.fullmatch(text) or _ELLIPSIS_KO.fullmatch(text)
    if fragment is None or len(text.split()) > 5:
        return None
    rest = fragment.group("rest")
    # A noun heading it cues a type weakly: a name's kind ("한빛은행은?") still asks the earlier question of that
    # name, a role or a thing with no name ("대표는?") asks what it cues; an interrogative asks its own question.
    cue = max(answer_type_scores(rest).values(), default=0.0)
    return rest if cue == 0.0 or (cue <= HEAD_WEIGHT and bool(names_in(rest))) else None


def _completed(text: str, rest: str, history: list[Turn]) -> Question:
    """An elliptical follow-up as the question it stands for. When it names something and the earlier
    question did too, the new name takes the old one's place ("What is the Hanbit Lab?" → "And the Nuri Hub?"
    asks "What is the Nuri Hub?"); otherwise it keeps its own words and asks what the earlier one asked
    ("한빛 화재로 몇 명이 숨졌나?" → "부상자는?" asks a count of people, of 한빛)."""
    earlier = analyse(history[-1].question, history[:-1])
    new_names = names_in(rest)
    old_names = [n for n in earlier.names if n in history[-1].question]
    if new_names and old_names and len(new_names) <= len(old_names) and earlier.language == detect_language(text):
        rewritten = history[-1].question
        for old, new in zip(old_names, new_names):
            rewritten = rewritten.replace(old, new)
        return replace(analyse(rewritten, history[:-1]), text=text)
    asked = _analysed(text, history)
    return replace(asked, answer_type=earlier.answer_type, unit=earlier.unit, measure_kinds=earlier.measure_kinds,
                   money_named=earlier.money_named, how_much=earlier.how_much, asks_duration=earlier.asks_duration,
                   asks_name=earlier.asks_name,
                   role_titles=(_office_named(text) or earlier.role_titles)
                   if earlier.answer_type == AnswerType.PERSON else ())


# "한서윤 씨는 누구인가?": a name alone before "누구" asks what that person is, as "어떤 인물인가?" does.
_WHO_IS_KO = re.compile(r"\s*(?P<topic>.+?)\s*(?:씨)?(?:은|는)\s*누구(?:인가요?|인지|야|예요|에요|입니까|일까요?|죠|지)?\s*[?？]*\s*")


def _asks_who_someone_is(text: str, names: list[str]) -> bool:
    """Is `text` a Korean "<name>은 누구인가?" (what is that person), not "<role>은 누구인가?" (who holds it)?

    >>> _asks_who_someone_is("한서윤 씨는 누구인가?", ["한서윤"]), _asks_who_someone_is("우승자는 누구인가?", [])
    (True, False)
    """
    asked = _WHO_IS_KO.fullmatch(text)
    return asked is not None and asked.group("topic").strip() in names


def analyse(text: str, history: list[Turn] | None = None) -> Question:
    """The one analysis of a (cleaned) question; `history` holds the earlier turns of the conversation.

    >>> q = analyse("When will it open?", [Turn("What is Hanbit Lab?")])
    >>> q.query, q.names, q.answer_type.value
    ('Hanbit Lab. When will it open?', ('Hanbit Lab',), 'date')
    """
    rest = _ellipsis(text) if history else None
    return _analysed(text, history) if rest is None else _completed(text, rest, history)


def _analysed(text: str, history: list[Turn] | None) -> Question:
    """`analyse` of a question as asked (an elliptical follow-up is not completed)."""
    query, names = condense(text, history)
    modifiers = tuple(dict.fromkeys(m.group().lower().replace(" ", "") for m in _MODIFIERS.finditer(text)))
    language, kind = detect_language(text), answer_type(text)
    if kind == AnswerType.PERSON and _asks_who_someone_is(text, names):
        kind = AnswerType.DESCRIPTION
    slot = asked_slot(text) if language == "ko" and kind == AnswerType.DESCRIPTION else None
    return Question(text=text, language=language, query=query, answer_type=kind, names=tuple(names),
                    countries=tuple(countries_named(text)),
                    terms=terms_of("\n".join([*names, text])), modifiers=modifiers, slot=slot,
                    head=asked_head(text) if language == "ko" else None, asks_name=asks_name(text),
                    unit=asked_unit(text), measure_kinds=asked_measure(text),
                    money_named=language == "ko" and names_money(text),
                    how_much=language == "en" and HOW_MUCH.search(text) is not None, options=options_of(text),
                    years=years_of(text), abbreviation=asked_abbreviation(text, tuple(names)),
                    kind_noun=asked_kind_noun(text) if language == "ko" else english_kind_noun(text),
                    asks_duration=_DURATION.search(text) is not None, asks_when=_WHEN.search(text) is not None,
                    tense=asked_tense(text, language),
                    role_titles=_role_titles(text, language, kind),
                    owners=asked_owners(text) if language == "ko" else ())


__all__ = ["TITLES", "AnswerType", "Question", "Slot", "Turn", "analyse", "answer_type", "answer_type_scores",
           "asked_abbreviation", "asked_head", "asked_kind_noun", "asked_measure", "asked_owners", "asked_role_titles",
           "asked_slot", "asked_unit", "asks_name", "names_money", "terms_of", "years_of"]
