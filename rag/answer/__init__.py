"""The default answerer: judge each retrieved sentence in its window of neighbours, answer from the best
one when the answerability model is confident, quote it with [n] markers, or abstain.

    evidence.py       windows (the sentence before, the one after in the paragraph) and each candidate's features
    mentions.py       whether a window names what the question names (by sound, by a country's Korean name …)
    alignment.py      late interaction: an English question's words against a Korean sentence's
    answerability.py  the logistic model over those features, its weights file, fitting helpers
    words.py          a sentence's whitespace words with their Kiwi tokens (what spans are made of)
    spans.py          the short answer span of the asked type: which spans a sentence holds, which one answers
    values.py         spans of dates, times, ages, amounts, counts and measures
    names.py          spans of people, bodies and places, and the names a sentence gives
    glosses.py        English glosses of Korean spans for English answers
    slots.py          the noun phrase in a Korean "what" question's slot (question.Slot)
    compose.py        the answer text and its citations
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..citations import Citation
from ..question import AnswerType, Question
from ..retrieval import RetrievedSentence
from .answerability import WEIGHTS_FILE, AnswerabilityModel, LanguageWeights, load_model
from .compose import ABSTAIN_TEXT, compose, outlet_name
from .evidence import FEATURES, Candidate, build_candidates, role_given, with_eligible_margin
from .mentions import entity_found

__all__ = ["ABSTAIN_TEXT", "Answer", "AnswerabilityModel", "LanguageWeights", "WEIGHTS_FILE", "Candidate", "FEATURES", "compose", "entity_found", "outlet_name",
           "load_model", "score_candidates", "weighed_hits", "choose", "eligible", "eligible_among", "TYPED"]


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


def weighed_hits(question: Question, hits: list[RetrievedSentence], n: int) -> list[RetrievedSentence]:
    """The n hits the answerer weighs: the first n, except that an English question asking for a typed value
    (a count, amount, age, date, time or measure) trades those with no span of its type, which it could never
    answer from, lowest first, for deeper hits that have one, kept in rank order. BM25 sees next to nothing
    of an English question, so its answer sits deeper in the dense ranking more often. Chosen on the dev
    items (2026-11-26, 5-fold cross-validation): English dev questions handled 89 → 91 of 131 in sample with
    none lost; Korean questions, ranked by both retrievers, lost 5 that way. An English question for the
    holder of an office ("Who is the mayor of X?") likewise trades hits with no Korean title of that office
    (`Question.role_titles`), which could not answer it, for deeper ones with one."""
    from .spans import best_span

    if question.language != "en" or len(hits) <= n:
        return hits[:n]
    if question.answer_type in TYPED:
        usable = [best_span(question, h.text) is not None for h in hits]
    elif question.role_titles:  # "Who is the mayor of X?": a sentence with no Korean title of that office
        usable = [role_given(question, h.text) for h in hits]
    else:
        return hits[:n]
    unusable = [i for i in range(n) if not usable[i]]
    deeper = [i for i in range(n, len(hits)) if usable[i]]
    traded = unusable[len(unusable) - min(len(unusable), len(deeper)):]
    kept = sorted([i for i in range(n) if i not in traded] + deeper[:len(traded)])
    return [hits[i] for i in kept]


def score_candidates(question: Question, hits: list[RetrievedSentence], snapshot, aliases=None,
                     model: AnswerabilityModel | None = None, aligner=None) -> list[Candidate]:
    """Every hit as a windowed candidate with its features and answerability, most probable first.
    `aliases` (the retriever's, learned from the articles) lets English names meet Korean text, and
    `aligner` (alignment.TokenAligner) English words Korean ones."""
    import dataclasses

    from ..llm import looks_like_instruction

    model = model or load_model()
    # Text that talks to a model ("ignore previous instructions…") is never evidence for anything.
    candidates = build_candidates(question, [h for h in hits if not looks_like_instruction(h.text)], snapshot, aliases,
                                  aligner)
    candidates = with_eligible_margin(candidates, eligible_among(question, [c.features for c in candidates]))
    probabilities = model.probabilities([c.features for c in candidates], question.language)
    scored = [dataclasses.replace(c, probability=float(p)) for c, p in zip(candidates, probabilities)]
    return sorted(scored, key=lambda c: -c.probability)


# Questions that ask for a value of one type: an answer needs a span of that type in the cited sentence.
# The old rule-based answerer required it and it gave most of its abstention recall; on the dev items of
# 2026-11 (evals/fit.py) it lifts Korean abstention recall from 0.00 to ~0.4 at no loss of Korean accuracy.
TYPED = (AnswerType.COUNT, AnswerType.MONEY, AnswerType.AGE, AnswerType.DATE, AnswerType.TIME, AnswerType.MEASURE)


def eligible(question: Question, features: dict[str, float]) -> bool:
    """Can a candidate answer the question at all: a typed question (count, money, age, date, time, measure)
    needs a span of its type in the sentence, one that is not already in the question; a question that asks
    for a name needs a sentence that gives one (`names.given_names`: "a man jumped into the river" does not
    answer "What was his name?"). The name rule was chosen on the dev items of 2026-11-26: 7 more of the
    dev near misses abstained, no answerable dev item lost (evals/README). Likewise a question that names a
    year needs a sentence that names it or no year, and one that asks what an abbreviation stands for a
    sentence that spells it out (`spans.spells_out`), and none is answered by a sentence that says what it
    asks was not disclosed (`evidence.withheld_pattern`: "그 이유는 밝히지 않았다" for a "why"), and a count of
    an event (the dead, the injured, the survivors …) needs a sentence that tells that event
    (`spans.tells_event`: "6명을 태운 여객기가 추락했다" does not count survivors). A Korean question
    for a person ("누가", "…한 사람은?") needs a person's name in the sentence, read from Korean grammar
    (beside a title, a subject of proper nouns); an English "who" also asks for teams and countries ("Who
    will Korea play?"), so it does not, but one that names an office needs a sentence with a Korean title of
    that office (`Question.role_titles`: "Who is the mayor of Hanbit?" is answered beside 시장). The countries a
    question names must be named in the sentence's article (`evidence._countries_in_article`). A Korean
    question's owner of what it asks ("총장의 나이는?" → 총장, `Question.owners`) must be named in the sentence
    or the sentences before it: an age in an article about someone else does not answer it. Chosen on dev
    (2026-11-27): cross-validation unchanged, no answerable dev item lost, an invented off-topic probe abstains."""
    typed = TYPED + ((AnswerType.PERSON,) if question.language == "ko" else ())
    return (question.answer_type not in typed or features["type_match"] > 0) and features["name_given"] > 0 \
        and features["year_given"] > 0 and features["full_form_given"] > 0 and not features["withheld"] \
        and features["event_told"] > 0 and features["role_given"] > 0 and features["countries_in_article"] > 0 \
        and features["owners_before"] > 0


def eligible_among(question: Question, rows: list[dict[str, float]]) -> list[bool]:
    """`eligible` for each candidate's features, and for an English question that names something: when
    some candidate names it in itself or the sentences before it (where a subject it goes on about is named,
    "names_before"), only those may answer ("When will the X Hub open?" is not answered with the opening date
    of the Y Hub, nor by a sentence whose next sentence names the X Hub: 2 dev near misses, 2026-11-27).
    Chosen on the dev items of 2026-11: it doubled English abstention recall on the seed set at no loss of
    accuracy there (one item less on the news set). A Korean question that names something in Hangul is
    answered only by a sentence that, with those before it, names one of those things, spelled as the
    question spells it or a little otherwise (`mentions.hangul_name_variant`): "캐나다의 인구는?" is not
    answered with the population of a city elsewhere. Chosen on the dev items (2026-11-27, 5-fold
    cross-validation): Korean near misses abstain more often, two answerable items are lost (a transliteration
    two letters apart, a subject named a few sentences before), about one dev question fewer in all (within
    noise); 4 of 15 invented off-topic Korean questions over the news articles abstain that did not."""
    mask = [eligible(question, f) for f in rows]
    if question.language == "en" and question.names and any(f["names_before"] > 0 for f in rows):
        mask = [m and f["names_before"] > 0 for m, f in zip(mask, rows)]
    if question.language == "ko" and any(re.search(r"[가-힣]", n) for n in question.names):
        mask = [m and f["hangul_names_before"] > 0 for m, f in zip(mask, rows)]
    return mask


def choose(candidates: list[Candidate], question: Question, model: AnswerabilityModel | None = None,
           min_known_terms: float = 0.0, min_probability: float = 0.0, min_top_dense: float = 0.0,
           min_english_alignment: float = 0.0, min_unnamed_probability: float = 0.0) -> Candidate | None:
    """The candidate to answer from, or None to abstain: the most probable eligible candidate (see
    `eligible_among`, marked by `score_candidates`) when its probability clears the language's threshold
    (fitted on dev items at the item level, evals/fit.py), unless no sentence is even as close to the
    question as `min_top_dense` (an off-topic question), or the question is in the articles' language and the
    index almost all lacks its words (two or more), or all its words for what it asks besides the names (two
    or more: "내일 서울 날씨는 어때?" over articles that name 서울 but never speak of weather). An English
    question's words are not in a Korean index; for it, none of those words (two or more) may find a
    counterpart better than `min_english_alignment` in any sentence that could answer (late interaction,
    alignment.py: "Will it snow in Seoul this weekend?" over articles that name Seoul). A question that
    names something no candidate names, in itself or the sentences before it, needs `min_unnamed_probability`:
    the articles may write the name so that it is not found ("Ronaldo" is 호날두), or never name it at all.
    A candidate that says what is asked was not disclosed (`evidence.withheld_pattern`: "화재 원인은 밝혀지지
    않았다"), in a window naming what the question names, makes the answerer abstain: another sentence that
    seems to answer does not (on the dev items of 2026-11-28, one near miss more abstained, no item lost)."""
    model = model or load_model()
    if max((c.features["dense"] for c in candidates), default=0.0) < min_top_dense:
        return None
    if any(c.features["withheld"] and (not question.names or c.features["names_before"] > 0) for c in candidates):
        return None  # the articles say what is asked was not disclosed: no other sentence gives it
    pool = [c for c in candidates if c.eligible]
    if not pool or pool[0].probability < max(model.threshold_for(question.language), min_probability):
        return None
    if question.names and not any(c.features["names_before"] > 0 for c in pool) \
            and pool[0].probability < min_unnamed_probability:
        return None
    if question.language == "en" and max(c.features["asked_aligned"] for c in pool) < min_english_alignment:
        return None
    if question.language == "ko" and (len(question.terms) >= 2 and pool[0].features["known_terms"] < min_known_terms
                                       or pool[0].features["known_predicate"] < min_known_terms):
        return None  # a follow-up with one word or none ("그곳은 어디에 있어?") is not judged by its words
    return pool[0]
