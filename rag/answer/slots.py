"""Slot spans: the noun phrase that answers a Korean "what" question, found where the question says it
stands (`question.Slot`): before the asked verb with the asked particle, after the question's anchor
word, or before 이다 after the asked topic. Whole words only, as every span (spans.py)."""

from __future__ import annotations

import re

from ..question import TITLES, Question, Slot
from .values import DATE_WORD, TIME_WORD
from .words import Span, Word, all_tagged, is_bare, word_core, words, written_beside

_SLOT_PARTICLES = {"object": ("JKO", None), "means": ("JKB", ("으로", "로")), "subject": ("JKS", None)}
_NOUN_PHRASE = ("NN", "SL", "SH", "SN", "XPN", "XSN", "XR", "NP", "MM", "SP", "SS", "SO", "SW")
_QUOTES = "‘’“”'\""
_WHEN_WORD = re.compile(rf"{DATE_WORD.pattern}+|{TIME_WORD.pattern}+|이날|당시|현재|최근|오늘|어제|그동안|이번")


def slot_span(question: Question, sentence: str) -> Span | None:
    """The noun phrase that fills a Korean "what" question's slot in `sentence` (see `question.Slot`):
    the phrase with the asked particle just before the asked verb, else the one right after the
    question's anchor word, else, for "X는 무엇인가", the noun phrase before 이다 after "X는". Only whole
    words; words the question already says are trimmed from its start, and a phrase the question
    already says wholly is no answer. Sentences invented:

    >>> from ..question import analyse
    >>> slot_span(analyse("한빛랩은 박람회에서 무엇을 전시했나?"), "한빛랩은 박람회에서 소형 드론을 전시했다.").text
    '소형 드론'
    >>> slot_span(analyse("공장 연료를 석탄에서 무엇으로 바꾸나?"), "석탄에서 목재 펠릿으로 전환한다.").text  # another verb
    '목재 펠릿'
    >>> slot_span(analyse("화재의 원인은 무엇인가?"), "화재의 원인은 배선 누전이었다고 밝혔다.").text
    '배선 누전'
    >>> slot_span(analyse("시장이 약속한 것은 무엇인가요?"), "시장은 주민이 돌아올 것을 약속했다.").text
    '돌아올 것'
    """
    slot = question.slot
    if slot is None:
        return None
    ws = words(sentence)
    found = None
    if slot.role in _SLOT_PARTICLES:
        found = (_slot_by_predicate(sentence, ws, slot) if slot.predicate else None) \
            or (_slot_after_anchor(sentence, ws, slot) if slot.anchor else None)
    if found is None and slot.topic:
        found = _slot_by_copula(sentence, ws, slot.topic) or _slot_as_subject(sentence, ws, slot.topic)
    if found is None and slot.kind:
        found = _slot_by_kind(sentence, ws, slot.kind, re.sub(r"\s+", "", question.text.lower()))
    if found is None:
        return None
    start, end = found
    said = re.sub(r"\s+", "", question.text.lower())

    def asked(w: Word) -> bool:
        return re.sub(r"\s+", "", word_core(sentence, w).lower()) in said

    if start < end and [t[0] for t in _core_tokens(ws[end])] == ["등"]:
        end -= 1  # "A와 B 등": the things, not "etc."
    head = _core_tokens(ws[end])
    if start > 0 and (head[-1][1] == "NNB" or all(asked(w) for w in ws[start:end + 1])) \
            and any(t[1] == "ETM" for t in ws[start - 1].tokens):
        start -= 1  # the clause that says which one: "돌아올 것", "새로 지은 건물"
    question_words = set(question.text.split())
    while start < end and sentence[ws[start].start:ws[start].end] in question_words:
        start += 1  # "김씨의 지문" asked as "김씨의 신원을 무엇으로": "지문"
    if all(asked(w) for w in ws[start:end + 1]):
        return None
    begin, finish = ws[start].start, ws[end].core_end
    while begin < finish and sentence[begin] in _QUOTES:
        begin += 1
    while finish > begin and sentence[finish - 1] in _QUOTES:
        finish -= 1
    return Span(sentence[begin:finish], begin, finish) if sentence[begin:finish].strip() else None


def _core_tokens(w: Word) -> list:
    """The word's Kiwi tokens before its trailing particles and endings."""
    return [t for t in w.tokens if t[2] < w.core_end]


def _slot_word(w: Word, role: str) -> bool:
    """A noun phrase's last word carrying the particle of `role`."""
    if not w.trailing or not all_tagged(w, _NOUN_PHRASE):
        return False
    tag, forms = _SLOT_PARTICLES[role]
    return w.trailing[0][1] == tag and (forms is None or w.trailing[0][0] in forms)


def _phrase_start(sentence: str, ws, end: int, floor: int = 0, max_words: int = 6) -> int:
    """The first word of the noun phrase ending at word `end`: bare nouns and nouns with 의 or 와/과 before it."""
    start = end
    while start - 1 >= floor and end - start + 1 < max_words:
        w = ws[start - 1]
        if word_core(sentence, w) in ("및", "또는", "혹은") and is_bare(w) and start - 2 >= floor:  # "A 및 B"
            start -= 1
            continue
        if not all_tagged(w, _NOUN_PHRASE) or not (is_bare(w) or w.trailing[0][1] in ("JKG", "JC")):
            break
        if is_bare(w) and _WHEN_WORD.fullmatch(word_core(sentence, w)):
            break  # "지난해 노벨상을": when, not what
        start -= 1
    return start


def _slot_by_predicate(sentence: str, ws, slot: Slot) -> tuple[int, int] | None:
    """The phrase with the slot's particle within the three words before the asked verb, in its clause
    (an apposition with the noun before it, "이웃 도시인", is not counted)."""
    for at, w in enumerate(ws):
        if not any(t[0] == slot.predicate and t[1].startswith(("VV", "VA", "NNG", "XR")) for t in w.tokens):
            continue
        counted, i = 0, at - 1
        while i >= 0 and counted < 3:
            if _slot_word(ws[i], slot.role):
                return _phrase_start(sentence, ws, i), i
            if _apposition(ws, i):
                i -= 2 if i > 0 and is_bare(ws[i - 1]) and all_tagged(ws[i - 1], _NOUN_PHRASE) else 1
                continue
            if any(t[1] in ("EC", "EF", "ETM") for t in ws[i].tokens):
                break  # another clause
            counted, i = counted + 1, i - 1
    return None


def _apposition(ws, i: int) -> bool:
    """A noun with the copula's adnominal before another noun ("이웃 도시인 두리시에"): it names what follows,
    inside the same clause, so it is no clause boundary."""
    tags = [t[1] for t in ws[i].tokens]
    return (len(tags) >= 3 and tags[-2:] == ["VCP", "ETM"] and all(t.startswith(_NOUN_PHRASE) for t in tags[:-2])
            and i + 1 < len(ws) and ws[i + 1].tokens[0][1].startswith(("NN", "SL", "SH")))


def _slot_after_anchor(sentence: str, ws, slot: Slot) -> tuple[int, int] | None:
    """The phrase with the slot's particle right after the question's anchor word, written the same."""
    for at, w in enumerate(ws):
        if sentence[w.start:w.end].rstrip(",") != slot.anchor:
            continue
        for i in range(at + 1, min(at + 3, len(ws))):
            if _slot_word(ws[i], slot.role):
                return at + 1, i
            if not (is_bare(ws[i]) and all_tagged(ws[i], _NOUN_PHRASE)):
                break
    return None


def _slot_by_copula(sentence: str, ws, topic: str) -> tuple[int, int] | None:
    """"원인은 배선 누전이었다": the noun phrase before the copula within six words after the topic."""
    for at, w in enumerate(ws):
        core = _core_tokens(w)
        if not core or core[-1][0] != topic or not w.trailing or w.trailing[0][1] not in ("JX", "JKS"):
            continue
        for i in range(at + 1, min(at + 7, len(ws))):
            if any(t[1] == "VCP" for t in ws[i].trailing) and all_tagged(ws[i], _NOUN_PHRASE):
                return _phrase_start(sentence, ws, i, at + 1), i
    return None


def _slot_as_subject(sentence: str, ws, topic: str) -> tuple[int, int] | None:
    """"배선 누전이 주된 원인이었다", "은하 호수가 대표 명소로서": the subject of the topic noun's copula (or of
    its 로서 "as"), within three words before it."""
    for at, w in enumerate(ws):
        core = _core_tokens(w)
        if not core or core[-1][0] != topic or not w.trailing:
            continue
        if w.trailing[0][1] != "VCP" and w.trailing[0][0] not in ("로서", "으로서", "로써", "으로써"):
            continue
        for i in range(at - 1, max(at - 4, -1), -1):
            if ws[i].trailing and ws[i].trailing[0][1] == "JKS" and all_tagged(ws[i], _NOUN_PHRASE):
                return _phrase_start(sentence, ws, i), i
            if not _modifier(ws[i]):
                break
    return None


def _slot_by_kind(sentence: str, ws, kind: str, said: str) -> tuple[int, int] | None:
    """"어떤 로켓에 실려" → "누리온 로켓에": the asked noun with the bare nouns that name it before it (or glued).
    When the question names it ("NBR 분야는 어떤 분야들인가"), what the sentence lists before that name
    ("나노·바이오·로봇 등 NBR 분야") is the answer. Examples invented."""
    for at, w in enumerate(ws):
        core = word_core(sentence, w)
        if not core.endswith(kind) or not all_tagged(w, _NOUN_PHRASE):
            continue
        end = at
        while end > 0 and at - end < 3 and is_bare(ws[end - 1]) and word_core(sentence, ws[end - 1]).lower() in said:
            end -= 1
        if end < at:  # the question's own name of it: the list before it, less its "등"
            end -= 1 if end > 0 and word_core(sentence, ws[end - 1]) == "등" else 0
            if end == 0:
                continue
            end -= 1
        start = end
        while start > 0 and end - start < 4 and is_bare(ws[start - 1]) and all_tagged(ws[start - 1], _NOUN_PHRASE) \
                and not _WHEN_WORD.fullmatch(word_core(sentence, ws[start - 1])):
            start -= 1
        if start < end or end < at or len(core) > len(kind):
            return start, end
    return None


def _modifier(w: Word) -> bool:
    """A word that can stand between a subject and the noun it names: a noun, a noun with 의, an adverb,
    or a short adjective ("화재의 주된 원인", "가장 유명한 명소")."""
    tags = [t[1] for t in w.tokens]
    if len(tags) <= 3 and tags[-1] == "ETM":
        return all(t.startswith(("VA", "XR", "XSA", "XSV", "NNG")) for t in tags[:-1])
    if all_tagged(w, _NOUN_PHRASE):
        return is_bare(w) or w.trailing[0][1] == "JKG"
    return all(t == "MAG" for t in tags)


# A question for someone's office or position ("X의 직책은?", "What position does X hold?"): general words.
_ASKS_TITLE = re.compile(r"직책|직함|직위|직급|\b(?:position|title|post|job)\b", re.IGNORECASE)


def title_span(question: Question, sentence: str) -> Span | None:
    """The title a sentence writes right after the name of the person a question asks the office or position
    of (by either word of a two-word name): "박지훈 제1차관은 …" → "제1차관", "한빛바이오 박지훈 CEO와" → "CEO"
    (invented); None when the question asks no title or the sentence has none beside that person."""
    if question.slot is not None and question.slot.role != "copula" or not _ASKS_TITLE.search(question.text):
        return None
    from .mentions import entity_found
    from .names import said_in_question

    def named(word: Word) -> bool:  # the question's person: said in it, or its English name spelled in Hangul
        core = word_core(sentence, word)
        return said_in_question(core, question.text) or any(entity_found(n, core) for n in question.names)

    ws = words(sentence)
    for i, w in enumerate(ws[1:], start=1):
        core = word_core(sentence, w)
        if re.sub(r"^제\d+", "", core).lower() in TITLES and is_bare(ws[i - 1]) \
                and (named(ws[i - 1]) or (i > 1 and is_bare(ws[i - 2]) and named(ws[i - 2]))):
            return Span(core, w.core_start, w.core_start + len(core))
    return None


# A name news sets in single quotes: "‘한빛 포럼’이라는 모임", "‘바다(The Sea)’" (invented)
_QUOTED_NAME = re.compile(r"[‘'](?P<name>[^‘’'\"“”.,!?]{1,30}?)(?:\([^()]{1,40}\))?[’']")
_ASKS_WHAT_OR_NAME = re.compile(r"무엇|무슨|어떤|어떠한|뭐|뭔|이름|명칭")


def quoted_span(question: Question, sentence: str) -> Span | None:
    """The one name a sentence sets in single quotes beside the kind of thing a Korean question asks the name
    of, or asks "what" or "which" of ("방송 프로그램", "어떤 운동"): "‘한빛 포럼’이라는 모임을 만들었다" answers "그가 만든
    모임의 이름은?" (invented). None when the sentence quotes no such name or more than one, or the question
    says it already.

    >>> from ..question import analyse
    >>> quoted_span(analyse("그가 만든 모임의 이름은?"), "그는 ‘한빛 포럼’이라는 모임을 만들었다.").text
    '한빛 포럼'
    >>> quoted_span(analyse("그가 나온 방송 프로그램은 무엇인가?"), "그는 방송인 ‘한빛 아침(Hanbit Morning)’에 나왔다.").text
    '한빛 아침'
    >>> quoted_span(analyse("그는 무엇을 건의했나?"), "그는 ‘한빛 포럼’에서 지원 확대를 건의했다.") is None
    True
    """
    if question.language != "ko" or not _ASKS_WHAT_OR_NAME.search(question.text):
        return None
    said = re.sub(r"\s+", "", question.text.lower())
    slot = question.slot
    nouns = [n for n in (slot.kind, slot.topic) if n and n not in ("이름", "명칭")] if slot is not None else []
    nouns += [m.group(1)[-2:] for m in re.finditer(r"([가-힣]{2,})의\s?(?:이름|명칭)", question.text)]  # "단체의 이름"
    nouns += [m.group(1) for n in list(nouns) for m in re.finditer(rf"([가-힣]{{2,}})\s{re.escape(n)}", question.text)]
    if not nouns:
        return None

    def beside_a_noun(m: re.Match) -> bool:  # "방송인 ‘…’", "‘…’이란 단체"
        return any(written_beside(sentence, m.start(), m.end(), t, 8, 8) for t in nouns)

    found = [m for m in _QUOTED_NAME.finditer(sentence) if m.group("name").strip()
             and re.sub(r"\s+", "", m.group("name").lower()) not in said and beside_a_noun(m)]
    if len(found) != 1:
        return None
    return Span(found[0].group("name"), found[0].start("name"), found[0].end("name"))
