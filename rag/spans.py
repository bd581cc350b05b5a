"""Question types and the short answer spans (dates, counts, names, places) that answer them."""

from __future__ import annotations

import re
from dataclasses import dataclass

WHEN, TIME, COUNT, WHO, WHERE, AGE, MONEY, OTHER = ("when", "time", "count", "who", "where", "age", "money",
                                                   "other")

_TYPE_PATTERNS = [
    (AGE, re.compile(r"\bhow old\b|\bage\b|나이|몇\s*살|연세", re.I)),
    (MONEY, re.compile(r"\bhow much (?:money|funding|budget)|\bbudget\b|\bcost\b|\bfund(?:ing|s)?\b|\binvest\w*\b"
                       r"|예산|비용|금액|투자\s*(?:규모|금액)|얼마", re.I)),
    (COUNT, re.compile(r"\bhow many\b|\bhow much\b|\bnumber of\b|몇\s*(?:개|곳|명|군데|건|개사|社)|얼마나\s*많", re.I)),
    (TIME, re.compile(r"\bwhat time\b|\btime of day\b|\bmorning or\b|하루 중|몇\s*시|오전\S* 오후|오후\S* 오전", re.I)),
    (WHO, re.compile(r"\b(?:which|what) (?:company|firm|organi[sz]ation|ministry)\b|(?:어느|어떤|무슨) (?:회사|기업|기관|부처)"
                     r"|회사는 어디|기업은 어디|\bnames?\b|이름", re.I)),
    (WHEN, re.compile(r"\bwhen\b|\b(?:what|which) (?:year|month|date|day)\b|\bby when\b"
                      r"|언제|몇\s*(?:년|월|일)|며칠|시기|날짜", re.I)),
    (WHO, re.compile(r"\bwho\b|\bwhom\b|\bwhose\b|누가|누구|어떤 사람|인물", re.I)),
    (WHERE, re.compile(r"\bwhere\b|\bwhich (?:city|country|place)\b|\bin what (?:city|place)\b|어디|어느 (?:곳|도시|지역|나라)", re.I)),
]

_DATE = re.compile(r"(?:\d{4}년\s*)?(?:\d{1,2}월\s*)?(?:\d{1,2}일)(?!\S*[가-힣]*사)|\d{4}년(?:\s*\d{1,2}월)?(?:\s*[상하]반기)?"
                   r"|\d{1,2}월(?:\s*\d{1,2}일)?|[상하]반기|\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"오전|오후|\d{1,2}\s*시(?:\s*\d{1,2}\s*분)?")
_YEAR_QUESTION = re.compile(r"몇\s*년|\bwhat year\b|\bwhich year\b|\bin what year\b", re.I)
_PEOPLE_QUESTION = re.compile(r"몇\s*명|직원|인원|\bpeople\b|\bemployees?\b|\bstaff\b|\bworkers?\b", re.I)
_AGE = re.compile(r"\d{1,3}\s*(?:세|살)")
_MONEY = re.compile(r"\d[\d,.]*\s*(?:억|조|만|천)?\s*(?:원|달러|엔|유로)")
_COUNT = re.compile(r"\d[\d,.]*\s*(?:개사|개국|개|곳|명|건|社|%|억\s*원|조\s*원|만\s*원|원|달러)")
_TITLES = {"차관", "장관", "대표", "CEO", "최고경영자", "기자", "회장", "사장", "이사장", "청장", "총리", "대통령", "제1차관"}
_NOT_NAME = {"노", "이날", "이번", "현지", "양측", "오전", "오후", "중기부"}


@dataclass(frozen=True)
class Span:
    text: str
    start: int  # offsets within the sentence
    end: int


def question_type(question: str) -> str:
    for kind, pattern in _TYPE_PATTERNS:
        if pattern.search(question):
            return kind
    return OTHER


def find_span(kind: str, sentence: str, question: str = "") -> Span | None:
    """The first span in `sentence` of the kind the question asks for, not already in the question."""
    if kind == WHEN:
        candidates = [m for m in _DATE.finditer(sentence) if m.group().strip()]
        if _YEAR_QUESTION.search(question):  # "몇 년에?" is not answered by "25일"
            candidates = [m for m in candidates if re.search(r"\d{4}", m.group())]
    elif kind == TIME:
        candidates = list(_TIME.finditer(sentence))
    elif kind == COUNT:
        candidates = list(_COUNT.finditer(sentence))
        if _PEOPLE_QUESTION.search(question):  # a head count is not a count of companies
            candidates = [m for m in candidates if m.group().rstrip().endswith("명")]
    elif kind == AGE:
        candidates = list(_AGE.finditer(sentence))
    elif kind == MONEY:
        candidates = list(_MONEY.finditer(sentence))
    elif kind == WHO:
        candidates = _people(sentence) + _agents(sentence)
    elif kind == WHERE:
        candidates = _places(sentence) + _agents(sentence, topics=True)
    else:
        return None
    q = question.replace(" ", "").lower()
    for m in candidates:
        if isinstance(m, re.Match):
            m = _Match(m.group(), m.start(), m.end())
        text = sentence[m.start:m.end].strip()
        if text and text.replace(" ", "").lower() not in q and text.split(" ")[0].lower() not in q:
            return Span(text, m.start, m.start + len(text))
    return None


def _proper_runs(sentence: str):
    """Runs of adjacent proper nouns (Kiwi NNP, or capitalised Latin words) and the token after each."""
    from .sentences import kiwi

    tokens = kiwi().tokenize(sentence)
    run: list = []
    for i, tok in enumerate(tokens + [None]):
        proper = tok is not None and (tok.tag == "NNP" or (tok.tag == "SL" and tok.form[:1].isupper()))
        if proper and (not run or tok.start <= run[-1].start + run[-1].len + 1):
            run.append(tok)
            continue
        if run:
            yield run, tok
        run = [tok] if proper else []


_PERSON = re.compile(r"((?:[가-힣]{2,7}\s){0,2}[가-힣]{2,7})\s?(?:제\d)?(?:차관|장관|대표|CEO|최고경영자|기자|회장|사장|이사장|청장|총리|대통령)")


def _people(sentence: str) -> list:
    """Names right before a title ("노용석 제1차관", "후지모토 토시오 CEO"), minus leading non-nouns."""
    from .sentences import kiwi

    found = []
    for m in _PERSON.finditer(sentence):
        words = m.group(1).split(" ")
        while words and (words[0] in _NOT_NAME or kiwi().tokenize(words[0])[0].tag not in ("NNP", "NNG")
                         or len(kiwi().tokenize(words[0])) > 1):
            words = words[1:]
        if words:
            start = m.start(1) + len(m.group(1)) - len(" ".join(words))
            found.append(_Match(sentence[start:m.end()], start, m.end()))
    return found


def _agents(sentence: str, topics: bool = False) -> list:
    """Proper-noun subjects ("다케다가 조성한"): who did something, when no title names a person;
    with `topics`, also the sentence's proper-noun topic ("쇼난 I-Park는 …"), which a where-question may ask for."""
    from .sentences import kiwi

    found = []
    tokens = kiwi().tokenize(sentence)
    for i, tok in enumerate(tokens[1:], start=1):
        prev = tokens[i - 1]
        if (tok.tag == "JKS" or topics and tok.tag == "JX") and prev.tag in ("NNP", "SL") and prev.form not in _NOT_NAME:
            start = prev.start
            if i >= 2 and tokens[i - 2].tag == "NNP" and tokens[i - 2].start + tokens[i - 2].len + 1 >= prev.start:
                start = tokens[i - 2].start  # "쇼난 I-Park": keep the two-word name together
            found.append(_Match(sentence[start:prev.start + prev.len], start, prev.start + prev.len))
    return found


def _places(sentence: str) -> list:
    found = []
    for run, following in _proper_runs(sentence):
        if following is not None and following.tag in ("JKB", "JKG") and run[0].form not in _NOT_NAME \
                and not any(t.form in _TITLES for t in run):
            start, end = run[0].start, run[-1].start + run[-1].len
            found.append(_Match(sentence[start:end], start, end))
    return found


@dataclass(frozen=True)
class _Match:
    text: str
    start: int
    end: int


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
_COUNTERS = {"개사": "companies", "곳": "places", "명": "people", "건": "cases", "개국": "countries", "개": "",
             "社": "companies"}


def gloss_english(span: str) -> str:
    """An English gloss of a Korean date or count span, or '' when there is none.

    >>> gloss_english("2023년 11월"), gloss_english("2028년 하반기"), gloss_english("10개사")
    ('November 2023', 'the second half of 2028', '10 companies')
    """
    s = span.replace(" ", "")
    m = re.fullmatch(r"(?:(\d{4})년)?(?:(\d{1,2})월)?(?:(\d{1,2})일)?([상하]반기)?", s)
    if m and any(m.groups()):
        year, month, day, half = m.groups()
        parts = []
        if half:
            return f"the {'first' if half == '상반기' else 'second'} half of {year}" if year else \
                f"the {'first' if half == '상반기' else 'second'} half of the year"
        if month and 1 <= int(month) <= 12:
            parts.append(_MONTHS[int(month) - 1] + (f" {int(day)}" if day else ""))
        elif day:
            parts.append(f"the {int(day)}{_ordinal(int(day))} (day of the month)")
        if year:
            parts.append(year)
        return ", ".join(parts) if day and month and year else " ".join(parts)
    m = re.fullmatch(r"(\d[\d,.]*)(개사|개국|개|곳|명|건|社)", s)
    if m:
        noun = _COUNTERS[m.group(2)]
        return f"{m.group(1)} {noun}".strip()
    return ""


def _ordinal(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
