"""Hybrid retrieval: dense (cosine) and BM25 (Kiwi morphemes), fused by normalised, weighted scores.

The index object is anything with `dense_search`, `keyword_search`, `vocabulary_share`, `node` and
`articles` (the FAISS `IndexSnapshot`, or the Milvus backend). BM25's weight follows how much of the
question it can see: the share of the question's terms the keyword index knows, directly or through
an alias the articles themselves write (rag/aliases.py). An English question over Korean text has a
share near 0, so it is ranked by the dense part alone, where reciprocal-rank fusion let a few shared
terms push wrong sentences up. Its query vector first loses the encoder's English-vs-Korean offset
(rag/query_shift.py).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import numpy as np
from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle

from .aliases import AliasTable
from .query_shift import QueryShift
from .question import Question, analyse

MODES = ("hybrid", "dense", "bm25")


@dataclass(frozen=True)
class RetrievedSentence:
    """A sentence found for a question, with every score the answer stage may weigh."""

    sentence_id: str
    doc_id: str
    text: str
    start: int
    end: int
    score: float  # the ranking key of the mode asked for (fused, cosine or BM25)
    dense: float | None  # cosine similarity to the query, when the dense search found it
    bm25: float | None  # raw BM25, when the keyword search found it
    title: str
    date: str
    outlet: str
    fused: float | None = None  # the fused score (hybrid mode)


@dataclass(frozen=True)
class Fusion:
    """How the two score lists become one (chosen on dev items; see rag/config.py)."""

    bm25_weight: float = 0.4  # BM25's weight when the keyword index knows every query term
    share_power: float = 1.0  # the weight is bm25_weight * share ** share_power


def fuse(dense: list[tuple[str, float]], bm25: list[tuple[str, float]], share: float,
         fusion: Fusion = Fusion()) -> list[tuple[str, float]]:
    """Candidates ranked by (1 - w) * dense' + w * bm25', w = bm25_weight * share ** share_power.

    Each list is scaled by its own spread, as llama-index's `dist_based_score` fusion does: mean - 3 std
    maps to 0 and mean + 3 std to 1 (clipped); a candidate missing from a list scores 0 there. Ties
    keep the dense order.

    >>> [(n, round(s, 3)) for n, s in fuse([("a", 0.9), ("b", 0.8)], [("b", 4.0)], share=0.0)]
    [('a', 0.667), ('b', 0.333)]
    >>> [n for n, _ in fuse([("a", 0.9), ("b", 0.8)], [("b", 4.0), ("a", 1.0)], share=1.0, fusion=Fusion(0.6, 1.0))]
    ['b', 'a']
    """
    w = fusion.bm25_weight * max(0.0, min(1.0, share)) ** fusion.share_power
    order = {n: i for i, (n, _) in enumerate(dense)}
    scaled_dense, scaled_bm25 = _spread(dict(dense)), _spread(dict(bm25))
    fused = {n: (1 - w) * scaled_dense.get(n, 0.0) + w * scaled_bm25.get(n, 0.0)
             for n in list(order) + [n for n, _ in bm25 if n not in order]}
    return sorted(fused.items(), key=lambda item: (-item[1], order.get(item[0], len(order))))


def _spread(scores: dict[str, float]) -> dict[str, float]:
    """Scores scaled to [0, 1] by mean ± 3 standard deviations (all 1.0 when they are equal)."""
    if not scores:
        return {}
    values = np.fromiter(scores.values(), dtype="float64")
    mean, std = float(values.mean()), float(values.std())
    if std == 0:
        return {n: 1.0 for n in scores}
    return {n: min(1.0, max(0.0, (s - mean + 3 * std) / (6 * std))) for n, s in scores.items()}


class HybridRetriever(BaseRetriever):
    """Dense + BM25 over one index; `mode` selects one part alone for ablations.

    As a llama-index retriever, `retrieve("question")` analyses the string and returns the hybrid
    ranking as `NodeWithScore`s; hubqa itself calls `search(question)` with an analysed `Question`.
    """

    def __init__(self, index, embed_model, *, top_k: int = 5, candidate_k: int = 30,
                 fusion: Fusion = Fusion(), mode: str = "hybrid", query_shift: QueryShift = QueryShift()):
        super().__init__()
        if mode not in MODES:
            raise ValueError(f"retrieval mode {mode!r} is not one of {', '.join(MODES)}")
        self.snapshot, self.embed_model, self.mode = index, embed_model, mode
        self.query_shift = query_shift  # rag/query_shift.py: the English queries' language offset
        self.top_k, self.candidate_k, self.fusion = top_k, candidate_k, fusion
        self._aliases: AliasTable | None = None
        self._aliases_lock = threading.Lock()

    @property
    def aliases(self) -> AliasTable:
        """Aliases learned from the indexed articles, once per index (on the first search)."""
        with self._aliases_lock:
            if self._aliases is None:
                self._aliases = AliasTable.learn([a.text for a in self.snapshot.articles.values()])
            return self._aliases

    def embed(self, text: str) -> np.ndarray:
        return np.asarray(self.embed_model.get_query_embedding(text), dtype="float32")

    def keyword_terms(self, question: Question) -> tuple[list[str], float]:
        """BM25's query terms (the question's, plus what the articles' aliases say they stand for) and
        the share of the question's terms the keyword index can see that way."""
        expanded = self.aliases.expand(list(question.terms))
        name_words = [w.lower() for name in question.names for w in re.findall(r"[A-Za-z]+", name)
                      if w.lower() in question.terms] \
            if question.language == "en" else []  # a Korean question names in Korean what the articles do
        for word, forms in self.aliases.spelled(name_words).items():
            expanded[word] = sorted({*expanded.get(word, ()), *forms})
        terms = list(question.terms)
        seen = 0
        for term in question.terms:
            group = [term, *expanded.get(term, ())]
            seen += self.snapshot.vocabulary_share(group) > 0
            terms += [t for t in expanded.get(term, ()) if t not in terms]
        return terms, (seen / len(question.terms) if question.terms else 0.0)

    def search(self, question: Question, k: int | None = None, mode: str | None = None,
               query_vector: np.ndarray | None = None) -> list[RetrievedSentence]:
        """Ranked sentences for an analysed question (the answer stage's and the CLI's entry point)."""
        mode = mode or self.mode
        if mode not in MODES:
            raise ValueError(f"retrieval mode {mode!r} is not one of {', '.join(MODES)}")
        k = k or self.top_k
        # Dense scores are computed in every mode: the answer stage reads them.
        vector = query_vector if query_vector is not None else self.embed(question.query)
        vector = self.query_shift.apply(vector, question.language)
        dense = self.snapshot.dense_search(vector[None, :], self.candidate_k)[0]
        bm25: list[tuple[str, float]] = []
        share = 0.0
        if mode != "dense":
            terms, share = self.keyword_terms(question)
            bm25 = self.snapshot.keyword_search(terms, self.candidate_k)
        dense_of, bm25_of = dict(dense), dict(bm25)
        fused = fuse(dense, bm25, share, self.fusion)
        fused_of = dict(fused)
        ranking = {"dense": dense, "bm25": bm25, "hybrid": fused}[mode]
        return [self._sentence(n, s, dense_of.get(n), bm25_of.get(n), fused_of.get(n)) for n, s in ranking[:k]]

    def _sentence(self, node_id: str, score: float, dense: float | None, bm25: float | None,
                  fused: float | None) -> RetrievedSentence:
        node = self.snapshot.node(node_id)
        meta = node.metadata
        return RetrievedSentence(sentence_id=node_id, doc_id=meta["doc_id"], text=node.get_content(),
                                 start=meta["starts"][0], end=meta["ends"][-1], score=float(score),
                                 dense=dense, bm25=bm25, title=meta["title"], date=meta["date"],
                                 outlet=meta.get("outlet", ""), fused=fused)

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        question = analyse(query_bundle.query_str)
        vector = np.asarray(query_bundle.embedding, dtype="float32") if query_bundle.embedding else None
        return [NodeWithScore(node=self.snapshot.node(s.sentence_id), score=s.score)
                for s in self.search(question, query_vector=vector)]
