"""The default answerer: pick the fewest source sentences that answer, quote them with [n], or abstain."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .citations import Citation
from .config import Settings
from .conversation import entities
from .corpus import UNKNOWN_DATE
from .glossary import GLOSSARY, translate_terms
from .retrieval import RetrievedSentence
from .sentences import morphemes
from .spans import COUNT, OTHER, WHEN, Span, find_span, gloss_english, question_type

ABSTAIN_TEXT = {
    "ko": "색인된 기사에는 이 질문에 답할 수 있는 내용이 없습니다.",
    "en": "The indexed articles do not answer this question.",
}


@dataclass(frozen=True)
class Answer:
    """What every front end shows: the answer text with [n] markers and the citations they map to."""

    question: str
    language: str
    answer: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    standalone_query: str = ""
    notices: list[str] = field(default_factory=list)
    mode: str = "extractive"

    def as_json(self) -> dict:
        return {"question": self.question, "language": self.language, "answer": self.answer,
                "abstained": self.abstained, "citations": [c.as_json() for c in self.citations],
                "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
                "standalone_query": self.standalone_query, "notices": self.notices, "mode": self.mode}


@dataclass(frozen=True)
class Evidence:
    """A candidate sentence with the features the decision uses."""

    hit: RetrievedSentence
    dense: float
    coverage: float  # share of the question's content morphemes found in the sentence
    span: Span | None
    names_ok: bool = True  # every entity the question names is found in the sentence or its article header
    predicate_ok: bool = True  # the sentence shares a content word with what the question asks about
    terms: frozenset[str] = frozenset()  # the sentence's content morphemes

    @property
    def strength(self) -> float:
        return self.dense + 0.05 * self.coverage + (0.03 if self.span else 0.0)


def outlet_name(outlet: str, language: str) -> str:
    """'헤럴드경제 (Herald Economy)' → '헤럴드경제' for Korean, 'Herald Economy' for English."""
    m = re.match(r"^(.*?)\s*\((.*?)\)\s*$", outlet)
    if not m:
        return outlet or ("기사" if language == "ko" else "the article")
    return m.group(1) if language == "ko" else m.group(2)


def _squash(text: str) -> str:
    return re.sub(r"[\s\-·]+", "", text.lower())


def entity_found(entity: str, text: str) -> bool:
    """Is a named thing of the question in `text`, directly or through the glossary?

    Every part of two or more letters must be found ("K-StartHub" needs "starthub"; "Shonan iPark" is
    found as "쇼난 I-Park" through the glossary), Korean entities by plain containment.

    >>> entity_found("Shonan iPark", "쇼난 I-Park는"), entity_found("K-StartHub", "K-바이오랩허브")
    (True, False)
    """
    haystack = _squash(text)
    if _squash(entity) in haystack:
        return True
    parts = [p for p in re.split(r"[\s\-]+", entity.lower()) if len(p) >= 2]
    if not parts:
        return True
    return all(p in haystack or any(_squash(t) in haystack for t in GLOSSARY.get(p, [])) for p in parts)


_HANGUL = re.compile(r"[\uac00-\ud7a3]")
# Words that frame a question rather than name what it is about ("어느 도시", "which company").
_FRAME_WORDS = {"언제", "몇", "누구", "누가", "어디", "얼마", "무엇", "무슨", "어느", "어떤", "하", "되", "있", "이", "없",
                "기사", "것", "곳", "때", "년", "월", "일", "개", "명", "도시", "회사", "기업", "기관", "사람", "이름",
                "날", "요일", "시기", "연도", "지역", "나라", "장소", "위치", "얼마나", "왜", "어떻", "알", "말", "무엇인가",
                "그", "거기", "그곳", "이곳", "해당", "누구인가", "시", "중", "하루", "현재", "지금", "보도", "다"}
# Modifiers that change which event is asked about: they must be in the sentence too.
_EVENT_MODIFIERS = {"다음", "다시", "처음", "최초", "마지막", "내년", "작년", "향후", "next", "again", "first", "last",
                    "previous", "second"}


_TITLE_AFTER_SURNAME = r"\s?(?:제\d)?(?:차관|장관|대표|회장|사장|이사장|청장|총리|대통령|기자)"


def _coreferent(name: str, sentence: str) -> bool:
    """A Korean person named again by surname and title: "노용석" → "노 차관"."""
    return bool(re.fullmatch(r"[가-힣]{2,4}", name)) and re.search(re.escape(name[0]) + _TITLE_AFTER_SURNAME,
                                                                   sentence) is not None


def predicate_terms(question: str, named: list[str]) -> tuple[set[str], set[str]]:
    """Content words of the question that are neither names nor question framing, and its event modifiers.

    >>> predicate_terms("K-바이오랩허브 착공은 언제?", ["K-바이오랩허브"])[0]
    {'착공'}
    """
    text = question
    for name in named:
        if re.search(r"[A-Za-z]", name):  # English names out before glossary translation; Korean ones stay for Kiwi
            text = text.replace(name, " ")
    name_terms = set(morphemes(" ".join(named))) if named else set()
    own = morphemes(text)
    terms = {t for t in own if t not in _FRAME_WORDS and t not in name_terms and re.search(r"[가-힣]", t)}
    translated = translate_terms(text)
    if translated:
        terms |= {t for t in morphemes(" ".join(translated)) if t not in name_terms and t not in _FRAME_WORDS}
    words = set(re.findall(r"[a-z]+", text.lower())) | set(own)
    return terms, words & _EVENT_MODIFIERS


def gather_evidence(question: str, hits: list[RetrievedSentence], query_terms: list[str],
                    named: list[str] | None = None, article_text: dict[str, str] | None = None,
                    sentence_tokens: dict[str, list[str]] | None = None) -> list[Evidence]:
    """Score each hit. Every name the question has must be in the hit's article (K-StartHub is not
    K-바이오랩허브) and in the sentence itself: a person possibly by surname and title (later sentences
    say "노 차관" for "노용석 제1차관"), a Korean name also implicitly when the sentence names nothing else."""
    kind = question_type(question)
    terms = set(query_terms)
    named = entities(question) if named is None else named
    wanted, modifiers = predicate_terms(question, named)
    evidence = []
    for hit in hits:
        stored = (sentence_tokens or {}).get(hit.sentence_id)  # the index keeps each sentence's morphemes
        sentence_terms = set(stored if stored is not None else morphemes(hit.text))
        coverage = len(terms & sentence_terms) / len(terms) if terms else 0.0
        span = find_span(kind, hit.text, question) if kind != OTHER else None
        context = f"{hit.text} {hit.outlet}"  # the outlet too: "Who wrote the Herald Economy article?"
        article = (article_text or {}).get(hit.doc_id, hit.text) + " " + hit.outlet
        sentence_words = sentence_terms | set(re.findall(r"[a-z]+", hit.text.lower()))
        shared = len(wanted & sentence_words)
        own_names = [n for n in entities(hit.text) if _HANGUL.search(n)]
        names_ok = all(entity_found(e, article) for e in named) and all(
            entity_found(e, context) or _coreferent(e, hit.text)
            # a Korean name may stay implicit ("연구소에는 …") in a sentence that names nothing else
            or (_HANGUL.search(e) and not own_names) for e in named)
        predicate_ok = (not wanted or shared > 0) and modifiers <= sentence_words
        evidence.append(Evidence(hit, hit.dense if hit.dense is not None else 0.0, coverage, span, names_ok,
                                 predicate_ok, frozenset(sentence_terms)))
    return evidence


def decide(question: str, language: str, evidence: list[Evidence], settings: Settings) -> list[Evidence]:
    """The sentences to cite (best first), or [] to abstain.

    A sentence is support when it has every name the question has, shares a content word with what
    the question asks about, and its cosine clears the language's bar; a typed question (when, how
    many, who, where, …) also needs a span of that type in it, else the article only looks like it
    answers. A sentence holding such a span may sit a little lower in cosine.
    """
    if not evidence:
        return []
    kind = question_type(question)
    floor = settings.min_dense_score - (0.05 if language == "en" else 0.0)  # cross-lingual cosines run lower
    strong = settings.strong_dense_score - (0.05 if language == "en" else 0.0)
    plausible = [e for e in evidence if e.names_ok and e.predicate_ok]  # an off-topic sentence sets no bar
    if not plausible:
        return []
    top_dense = max(e.dense for e in plausible)
    usable = [e for e in plausible
              if e.dense >= (floor - 0.03 if e.span else floor) and e.dense >= top_dense - 0.06
              and (e.dense >= strong or e.coverage > 0 or e.span)]
    if kind != OTHER:
        usable = [e for e in usable if e.span]
    usable.sort(key=lambda e: e.strength, reverse=True)
    if not usable:
        return []
    chosen = [usable[0]]
    for e in usable[1:]:
        if len(chosen) >= settings.max_citations:
            break
        # A second sentence only when it is nearly as strong and says something the first does not.
        if e.strength >= chosen[0].strength - 0.01 and not _same_fact(e, chosen[0]):
            chosen.append(e)
    return chosen


def _same_fact(a: Evidence, b: Evidence) -> bool:
    if a.span and b.span:
        return a.span.text.replace(" ", "") == b.span.text.replace(" ", "")
    ta, tb = a.terms, b.terms
    return len(ta & tb) / max(1, min(len(ta), len(tb))) > 0.5


def compose(question: str, language: str, chosen: list[Evidence]) -> tuple[str, list[Citation]]:
    """The answer text with [n] markers, and the citations in marker order."""
    if not chosen:
        return ABSTAIN_TEXT[language], []
    citations, lines = [], []
    head = chosen[0].span
    if head:
        gloss = gloss_english(head.text) if language == "en" else ""
        if language == "en":
            lines.append(f"Answer: **{head.text}**" + (f" ({gloss})" if gloss else "") + " [1]")
        else:
            lines.append(f"답: **{head.text}** [1]")
    for n, e in enumerate(chosen, start=1):
        hit = e.hit
        span_start = hit.start + e.span.start if e.span else None
        span_end = hit.start + e.span.end if e.span else None
        citations.append(Citation(id=n, doc_id=hit.doc_id, title=hit.title, date=hit.date, outlet=hit.outlet,
                                  sentence_id=hit.sentence_id, sentence=hit.text, start=hit.start, end=hit.end,
                                  span_start=span_start, span_end=span_end))
        source = outlet_name(hit.outlet, language)
        dated = f" ({hit.date})" if hit.date != UNKNOWN_DATE else ""
        if language == "en":
            lines.append(f"According to {source}{dated} [{n}]: “{hit.text}”")
        else:
            lines.append(f"{source}{dated.lstrip()} 보도에 따르면 [{n}]: “{hit.text}”")
    return "\n".join(lines), citations
