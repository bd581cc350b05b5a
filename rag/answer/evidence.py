"""Evidence windows: each retrieved sentence judged with the sentence before it (across a paragraph break:
Korean news gives a paragraph a sentence or two) and the one after it in its paragraph.

A fact whose subject is named only in the sentence before ("해당 프로그램은 …", "이들은 …", "양측은 …",
"It …") is still found: the window's words count, and the answer cites the neighbour with it when the
neighbour stands in the same paragraph.
Every feature here is general (scores, coverage, types); none knows an article.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

from ..countries import named_in as country_named_in
from ..question import AnswerType, Question, years_of
from ..retrieval import RetrievedSentence
from .mentions import Matcher, words_of
from .names import given_names
from .slots import quoted_span, slot_span, title_span
from .spans import EVENTS_ASKED, Span, best_span, spells_out, tells_event
from .values import unit_match
from .words import written_beside

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# Words that open a sentence by pointing back at something named before (general grammar, no names).
_ANAPHORA = re.compile(r"^(?:해당|이들|그들|이곳|그곳|이는|그는|그녀|양측|양사|양국|양\s|이\s|그\s|this\b|these\b|"
                       r"they\b|it\b|its\b|the (?:program|company|center|centre|hub|firm|project|plan)\b|both\b)",
                       re.I)
UNTYPED = (AnswerType.REASON, AnswerType.DESCRIPTION)
_COUNTED = (AnswerType.COUNT, AnswerType.MONEY, AnswerType.AGE)
# The model's inputs, in the order of the weights in answerability.json.
FEATURES = ("dense", "dense_gap", "margin", "bm25", "rank", "terms_focus", "terms_window", "predicate_focus",
            "predicate_window", "names_focus", "names_window", "type_match", "answer_here", "span_near", "unit_match",
            "modifiers", "known_terms", "known_names", "no_overlap",
            "english", "english_dense", "english_align8", "english_align8_gap", "english_align12",
            "english_align12_gap", "head_focus", "head_asked", "eligible_margin", "head_beside_span")
# Signals beside the model's inputs that only eligibility and the choice read (rag.answer.eligible, choose).
ELIGIBILITY_ONLY = ("name_given", "year_given", "full_form_given", "withheld", "known_predicate", "event_told",
                    "names_before", "asked_aligned", "role_given", "hangul_names_before", "countries_in_article",
                    "owners_before")
# What a question of each type asks, as news names it when it says that was not disclosed ("사임 이유는
# 밝히지 않았다", "신원은 공개되지 않았다"): general words, no article's.
_ASKED_NOUNS = {AnswerType.REASON: "이유|원인|배경|동기|경위", AnswerType.PERSON: "신원|실명",
                AnswerType.MONEY: "금액|액수|가격", AnswerType.DATE: "시기|날짜|시점", AnswerType.PLACE: "위치|장소|행방"}
_NOT_DISCLOSED = (r"[^.,]{0,12}?(?:밝혀지지|알려지지|확인되지|해명하지|공개하지|공개되지|밝히지|언급하지|설명하지|드러나지)"
                  r"\s?(?:않|못)")


@dataclass(frozen=True)
class Candidate:
    """One retrieved sentence in its window, with the features the answerability model reads."""

    hit: RetrievedSentence  # the sentence judged
    window: tuple[RetrievedSentence, ...]  # its neighbours (`neighbours`) and itself, in article order
    cite: tuple[RetrievedSentence, ...]  # what an answer from it cites: itself, after the neighbour naming its subject
    span: Span | None  # the short answer in `hit`: a span of the asked type, or the phrase in a "what" question's slot
    features: dict[str, float]
    probability: float = 0.0
    eligible: bool = False  # could it answer at all (`rag.answer.eligible_among`), set with `with_eligible_margin`

    @property
    def sentence_ids(self) -> tuple[str, ...]:
        return tuple(s.sentence_id for s in self.cite)


def neighbours(snapshot, hit: RetrievedSentence) -> tuple[RetrievedSentence | None, RetrievedSentence | None]:
    """The sentence right before `hit` in its article, and the one right after it in the same paragraph (None
    at the article's start, or at the paragraph's end). Korean news gives a paragraph one or two sentences and
    names a subject a paragraph before it goes on about it ("한빛시의 한 공장에서 불이 났다." ¶ "소방당국은
    불길을 3시간 만에 잡았다.", invented), so the sentence before is read across a paragraph break; the one
    after, past a break, is as often another story's (chosen on the dev items, evals/README section O). The
    window holds both; the citations only those in the hit's paragraph."""
    doc, _, n = hit.sentence_id.rpartition("#")
    if not n.isdigit():
        return None, None
    article = snapshot.articles.get(doc)
    found = []
    for other in (int(n) - 1, int(n) + 1):
        node = _node(snapshot, f"{doc}#{other}") if other >= 0 else None
        if node is None or article is None:
            found.append(None)
            continue
        meta = node.metadata
        neighbour = dataclasses.replace(hit, sentence_id=node.node_id, text=node.get_content(),
                                        start=meta["starts"][0], end=meta["ends"][-1], score=0.0, dense=None, bm25=None)
        found.append(None if other > int(n) and _paragraph_break(snapshot, hit, neighbour) else neighbour)
    return found[0], found[1]


def _paragraph_break(snapshot, first: RetrievedSentence, second: RetrievedSentence) -> bool:
    """Does a paragraph break lie between two sentences of one article (`first` before `second`)?"""
    article = snapshot.articles.get(first.sentence_id.rpartition("#")[0])
    return article is not None and _BLANK_LINE.search(article.text[first.end:second.start]) is not None


def _node(snapshot, node_id: str):
    """The index node, or None when there is none (the first or last sentence of an article)."""
    if node_id not in snapshot.tokens:
        return None
    try:
        return snapshot.node(node_id)
    except (KeyError, ValueError):
        return None


def _words(snapshot, sentence: RetrievedSentence) -> set[str]:
    """The sentence's words (`mentions.words_of`), from the morphemes the index stored for it."""
    return words_of(sentence.text, snapshot.tokens.get(sentence.sentence_id))


def _share(wanted, found) -> float:
    wanted = list(wanted)
    return sum(1 for w in wanted if found(w)) / len(wanted) if wanted else 1.0


def build_candidates(question: Question, hits: list[RetrievedSentence], snapshot, aliases=None,
                     aligner=None) -> list[Candidate]:
    """Each hit as a candidate with its window and features (scores not yet applied). `aligner`
    (rag/answer/alignment.py) scores an English question's words against each sentence's."""
    if not hits:
        return []
    match = Matcher(question, aliases)
    denses = [h.dense for h in hits if h.dense is not None]
    floor = min(denses) if denses else 0.0
    dense_of = [h.dense if h.dense is not None else floor for h in hits]
    top_bm25 = max((h.bm25 or 0.0) for h in hits) or 1.0
    english = 1.0 if question.language == "en" else 0.0
    terms = [t for t in question.terms if t]
    name_terms = {t for ts in match.name_terms.values() for t in ts}
    predicate = [t for t in terms if t not in name_terms]  # what is asked about, besides the names
    owners = [o for o in question.owners if o not in name_terms and not any(o in n.lower() for n in question.names)]
    def in_index(t: str) -> bool:
        return snapshot.vocabulary_share([t, *match.expand.get(t, ())]) > 0

    known = _share(terms, in_index) if terms else 0.0
    # what it asks about, besides the names, in the index's words at all (1.0: too few words to judge)
    known_predicate = _share(predicate, in_index) if len(predicate) >= 2 else 1.0
    known_names = _share(question.names, lambda n: all(in_index(t) for t in match.name_terms[n]))
    unit = question.unit if question.answer_type in _COUNTED else None
    aligned, asked_aligned = _aligned(question, hits, aligner, predicate)
    hangul_names = [n for n in question.names if re.search(r"[가-힣]", n)]
    withheld = withheld_pattern(question)
    events = EVENTS_ASKED.get(question.answer_type)  # an event the sentence must tell, by the asked type
    countries_in = {}  # article → does it name the question's countries (several hits share an article)
    candidates = []
    for rank, hit in enumerate(hits):
        doc = hit.sentence_id.rpartition("#")[0]
        if doc not in countries_in:
            countries_in[doc] = _countries_in_article(question, snapshot.articles.get(doc))
        before, after = neighbours(snapshot, hit)
        # "해당 프로그램은 …" before the hit points back one more sentence: that one joins the window
        earlier = neighbours(snapshot, before)[0] if before is not None and _ANAPHORA.match(before.text.strip()) else None
        window = tuple(s for s in (earlier, before, hit, after) if s is not None)
        words_of = [_words(snapshot, s) for s in window]  # each sentence's words once, in window order
        focus_words = words_of[window.index(hit)]
        window_words = set().union(*words_of)
        window_text = " ".join(s.text for s in window)
        back = [i for i, s in enumerate(window) if s is not after]  # the hit and before: where its subject is named
        back_text = " ".join(window[i].text for i in back)
        back_words = set().union(*(words_of[i] for i in back))
        others = [d for i, d in enumerate(dense_of) if i != rank]
        named_before = {n: match.name(n, back_text, back_words) for n in question.names}
        typed = None  # a span of the asked type, the only kind the model reads
        if question.answer_type not in UNTYPED:
            typed = best_span(question, hit.text)
        span = typed or slot_span(question, hit.text) or title_span(question, hit.text) \
            or quoted_span(question, hit.text)
        features = {
            "dense": dense_of[rank],
            "dense_gap": dense_of[rank] - max(dense_of),
            "margin": dense_of[rank] - max(others) if others else 0.0,
            "bm25": (hit.bm25 or 0.0) / top_bm25,
            "rank": 1.0 / (rank + 1),
            "terms_focus": _share(terms, lambda t: match.term(t, focus_words)),
            "terms_window": _share(terms, lambda t: match.term(t, window_words)),
            "predicate_focus": _share(predicate, lambda t: match.term(t, focus_words)),
            "predicate_window": _share(predicate, lambda t: match.term(t, window_words)),
            "names_focus": _share(question.names, lambda n: match.name(n, hit.text, focus_words)),
            "names_window": _share(question.names, lambda n: match.name(n, window_text, window_words)),
            "type_match": 1.0 if question.answer_type in UNTYPED or typed is not None else 0.0,
            "span_near": _nearness(typed, hit.text, predicate, match) if typed is not None else 0.0,
            "unit_match": unit_match(typed, unit),
            "answer_here": 0.0,  # set below: the asked type, what is asked and the names, all in reach
            "modifiers": _share(question.modifiers, lambda m: _modifier_found(m, window_text)),
            "known_terms": known,
            "known_names": known_names,
            "no_overlap": 0.0,  # set below
            "english": english,
            "english_dense": english * dense_of[rank],
            "english_align8": aligned[8][rank],
            "english_align8_gap": aligned[8][rank] - max(aligned[8]),
            "english_align12": aligned[12][rank],
            "english_align12_gap": aligned[12][rank] - max(aligned[12]),
            "head_focus": float(question.head is not None and question.head.lower() in hit.text.lower()),
            "head_asked": float(question.head is not None),
            # the noun a Korean question asks the value of, written beside this value ("당첨금은 얼마" → "당첨금이 3만달러")
            "head_beside_span": float(typed is not None and _labelled_by(hit.text, typed, question.head)),
            "eligible_margin": 0.0,  # set by `with_eligible_margin` once eligibility is known
            "name_given": float(not question.asks_name or bool(given_names(hit.text, question))),
            "year_given": float(_year_given(question, hit.text)),
            "full_form_given": float(question.abbreviation is None or spells_out(hit.text, question.abbreviation)),
            "withheld": float(withheld is not None and withheld.search(hit.text) is not None),
            "known_predicate": known_predicate,
            "names_before": _share(question.names, named_before.get),
            "hangul_names_before": _share(hangul_names, named_before.get),
            "asked_aligned": asked_aligned[rank],
            "role_given": float(role_given(question, hit.text)),
            "event_told": float(events is None or tells_event(question.text, hit.text, events)),
            "countries_in_article": float(countries_in[doc]),
            "owners_before": _share(owners, lambda o: match.term(o, back_words) or o in back_text.lower())
            if owners else 1.0,
        }
        features["answer_here"] = features["type_match"] * features["predicate_focus"] * features["names_window"]
        # nothing of the question in reach: no term, no name (when it has any), no keyword score
        features["no_overlap"] = float(features["terms_window"] == 0 and features["bm25"] == 0
                                       and (not question.names or features["names_window"] == 0))
        # a sentence a paragraph before helps judge the hit but is cited only beside it in its paragraph: dev
        # citation precision fell citing it (news Korean 0.90 → 0.85) for no more questions handled
        citable = None if before is None or _paragraph_break(snapshot, before, hit) else before
        cite = _cited(question, hit, citable, after, lambda n, s: match.name(n, s.text, _words(snapshot, s)))
        candidates.append(Candidate(hit, window, cite, span, features))
    return candidates


def with_eligible_margin(candidates: list[Candidate], eligible: list[bool]) -> list[Candidate]:
    """The candidates marked as able to answer or not (`eligible`, from `rag.answer.eligible_among`), with
    "eligible_margin" set: the sentence's dense score less the best of the other candidates that could answer
    (0 when none other could). "How old is he?"
    is answered by the one sentence that gives an age, and how close that sentence is to the question beside
    the other sentences giving an age says more than beside those giving none. Chosen on the dev items
    (2026-11-27, 5-fold cross-validation, evals/README Q): English dev questions handled +15 to +23 over
    three sets of 24 fold seeds; the Korean model leaves it out (evals/fit.py LEFT_OUT)."""
    import dataclasses

    pool = [c.features["dense"] for c, ok in zip(candidates, eligible) if ok]
    scored = []
    for c, ok in zip(candidates, eligible):
        others = list(pool)
        if ok:
            others.remove(c.features["dense"])
        margin = c.features["dense"] - max(others) if others else 0.0
        scored.append(dataclasses.replace(c, features={**c.features, "eligible_margin": margin}, eligible=ok))
    return scored


def withheld_pattern(question: Question) -> re.Pattern | None:
    """What a sentence says when what the question asks was not disclosed ("그 이유는 밝히지 않았다" for a
    "why"), or None for a question of a kind news does not say that of. Such a sentence names the asked thing
    and the event, and answers nothing. A Korean "what" question about a reason noun ("원인은 무엇인가?") asks
    a reason too.

    >>> from ..question import analyse
    >>> said = withheld_pattern(analyse("Why did the mayor resign?"))
    >>> bool(said.search("시장은 사임했지만 그 이유는 밝히지 않았다.")), bool(said.search("시장은 건강 때문에 사임했다고 밝혔다."))
    (True, False)
    """
    kind = question.answer_type
    asked_noun = question.head or (question.slot.topic if question.slot else None)
    if kind == AnswerType.DESCRIPTION and asked_noun and re.fullmatch(_ASKED_NOUNS[AnswerType.REASON], asked_noun):
        kind = AnswerType.REASON
    nouns = _ASKED_NOUNS.get(kind)
    what_it_is = question.head or (question.slot is not None and question.slot.role == "copula")
    counted = kind == AnswerType.COUNT and question.unit is not None  # "부상자는 몇 명?": the head is what is counted
    if nouns is None and not counted and what_it_is and asked_noun and len(asked_noun) > 1 \
            and question.language == "ko":
        nouns = re.escape(asked_noun)  # what the asked thing is: "치료 내용은 무엇인가?" ← "그 내용은 밝히지 않았다"
    return None if nouns is None else _withheld_regex(nouns)


@lru_cache(maxsize=16)
def _withheld_regex(nouns: str) -> re.Pattern:
    return re.compile(f"(?:{nouns}){_NOT_DISCLOSED}")


# Each event modifier a question may say (question._MODIFIERS) with the Korean words news writes it in, so an
# English "first" or a Korean 처음 meets 최초 ("최초로 연주됐다"): general words, no article's.
_MODIFIER_FORMS = (
    (("first", "initial", "처음", "최초", "첫"), r"처음|최초|첫"),
    (("last", "final", "마지막"), r"마지막|최종|최후"),
    (("next", "upcoming", "다음", "향후"), r"다음|차기|향후"),
    (("previous", "former", "이전"), r"이전|전임|직전"),
    (("again", "다시", "재차"), r"다시|재차|또다시"),
    (("second", "두번째"), r"두\s?번째|2번째|둘째|2차"),
    (("third", "세번째"), r"세\s?번째|3번째|셋째|3차"),
)


def role_given(question: Question, text: str) -> bool:
    """Does `text` write a Korean title of the office a question asks the holder of (`Question.role_titles`;
    True when it asks none), as a title: a word ending on it, written beside a name or the noun of whose office
    it is ("한빛시 시장", "한빛시장은", "시장 박지훈은"; invented), not inside another word ("부동산시장이": a
    market) nor after a word that is no noun ("역시 시장은")?"""
    if not question.role_titles:
        return True
    lowered = text.lower()
    if not any(t in lowered for t in question.role_titles):
        return False
    from .words import all_tagged, word_core, words

    ws = words(text)

    def beside_name(i: int) -> bool:  # a noun before it, bare or owning it with 의, or a proper noun after it
        before = ws[i - 1] if i > 0 else None
        after = ws[i + 1] if i + 1 < len(ws) else None
        return (before is not None and all(t[0] == "의" for t in before.trailing)
                and all_tagged(before, ("NN", "SL", "SH", "SN", "SS"))) \
            or (after is not None and all_tagged(after, ("NNP", "SL", "SH")))

    for i, w in enumerate(ws):
        core = word_core(text, w).lower().partition("(")[0].rstrip("])}”’\"'")  # "의원(한빛)이", "기자]"
        title = next((t for t in question.role_titles if core.endswith(t)), None)
        if title is None:
            continue
        after = ws[i + 1] if i + 1 < len(ws) else None
        if text[w.start:w.end].lower().endswith(title) and after is not None and all_tagged(after, ("NNG",)):
            continue  # the title names another's office: "한빛시 시장 후보", "시장 비서"
        title_start = w.core_start + len(core) - len(title)
        prefix = [tok for tok in w.tokens if w.core_start <= tok[2] and tok[3] <= title_start]  # "한빛" of "한빛시장"
        if prefix and prefix[-1][1].startswith(("NNP", "SL", "SH")) or beside_name(i):
            return True
    return False


def _countries_in_article(question: Question, article) -> bool:
    """Does the article (title and text) name every country the question names? A country is too broad to look
    for beside the sentence ("태국" a paragraph up, or only in the title), but an article that never names it
    does not answer a question about it ("캐나다의 인구는?" over a city elsewhere)."""
    if not question.countries:
        return True
    text = "" if article is None else f"{article.title}\n{article.text}"
    return all(country_named_in(country, text) for country in question.countries)


def _labelled_by(text: str, span: Span, noun: str | None) -> bool:
    """Is the span labelled by `noun`, written just before it or just after it ("사망자는 12명", "12명의 사망자";
    invented)? Nouns of one syllable are too common to tell.

    >>> text = "한빛복권의 당첨금은 3만달러였고 판매액은 8억달러였다."
    >>> _labelled_by(text, Span("3만달러", 11, 15), "당첨금"), _labelled_by(text, Span("8억달러", 23, 27), "당첨금")
    (True, False)
    """
    return noun is not None and len(noun) > 1 and written_beside(text, span.start, span.end, noun, 8, 5)


def _modifier_found(modifier: str, text: str) -> bool:
    """Is the question's event modifier in `text`, as written or in a Korean word for it?

    >>> _modifier_found("first", "이 곡은 1832년 최초로 연주됐다"), _modifier_found("처음", "최초로 연주됐다")
    (True, True)
    """
    lowered = text.lower()
    if modifier.lower() in lowered:
        return True
    forms = next((korean for said, korean in _MODIFIER_FORMS if modifier.lower() in said), None)
    return forms is not None and re.search(forms, text) is not None


def _year_given(question: Question, sentence: str) -> bool:
    """Does the sentence speak of the year the question names, if it names any? A sentence naming only other
    years is about another year's event ("How many entered in 2031?" is not answered by "2030년에는 12개 팀이 …")."""
    said = years_of(sentence)
    return not question.years or not said or bool(set(question.years) & set(said))


def _aligned(question: Question, hits: list[RetrievedSentence], aligner,
             predicate: list[str]) -> tuple[dict[int, list[float]], list[float]]:
    """Late-interaction scores of an English question against each hit, and how well the best of its words
    for what it asks besides the names finds a counterpart in each (1.0 when it has fewer than two such
    words: too few to judge). Zeros and ones for Korean questions, where BM25 and the terms already see the
    words, and without an aligner."""
    from .alignment import LAYERS

    if question.language != "en" or aligner is None:
        return {layer: [0.0] * len(hits) for layer in LAYERS}, [1.0] * len(hits)
    texts = [h.text for h in hits]
    scores = aligner.scores(question.query, texts)
    words = [t for t in predicate if re.match(r"[a-z]", t)]
    per_word = aligner.word_scores(question.query, words, texts) if len(words) >= 2 else [[] for _ in texts]
    return scores, [max(found) if len(found) >= 2 else 1.0 for found in per_word]


def _nearness(span: Span, text: str, predicate: list[str], match: Matcher) -> float:
    """How close the span sits to what the question asks about (1 beside it, → 0 far away): a date
    that belongs to another event of the sentence sits far from the asked verb."""
    lowered = text.lower()
    at = [m.start() for t in predicate for form in (t, *match.expand.get(t, ())) if len(form) > 1
          for m in re.finditer(re.escape(form), lowered)]
    if not at:
        return 0.0
    gap = min(max(0, a - span.end, span.start - a) for a in at)
    return 1.0 / (1.0 + gap / 10.0)


def _cited(question: Question, hit, before, after, named) -> tuple[RetrievedSentence, ...]:
    """The hit alone, or with the neighbour that names its subject (neighbour first, in article order)."""
    missing = [n for n in question.names if not named(n, hit)]
    for neighbour in (before, after):
        if neighbour is not None and missing and any(named(n, neighbour) for n in missing):
            return (neighbour, hit) if neighbour is before else (hit, neighbour)
    if missing and before is not None and _ANAPHORA.match(hit.text.strip()):
        return before, hit  # "It opened in …" after the sentence that names it in another script
    return (hit,)
