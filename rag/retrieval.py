"""Hybrid retrieval behind llama-index retriever seams: dense (FAISS), BM25 (Kiwi morphemes), RRF fusion."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle

from .glossary import translate_terms
from .sentences import morphemes


def query_terms(query: str) -> list[str]:
    """BM25 terms of a query: its own morphemes plus glossary translations of its English words."""
    terms = list(dict.fromkeys(morphemes(query)))
    translated = translate_terms(query)
    if translated:
        terms += [t for t in dict.fromkeys(morphemes(" ".join(translated))) if t not in terms]
    return terms


@dataclass(frozen=True)
class RetrievedSentence:
    """A sentence found for a query, with every score the answerer may weigh."""

    sentence_id: str
    doc_id: str
    text: str
    start: int
    end: int
    score: float  # fused (RRF) score: the ranking key
    dense: float | None  # cosine similarity to the query, when the dense retriever found it
    bm25: float | None
    title: str
    date: str
    outlet: str


class DenseRetriever(BaseRetriever):
    """Query embedding → FAISS inner product over normalised vectors (scores are cosines)."""

    def __init__(self, snapshot, embed_model, top_k: int):
        super().__init__()
        self._snapshot, self._embed, self._k = snapshot, embed_model, top_k

    def embed(self, query: str) -> np.ndarray:
        return np.asarray(self._embed.get_query_embedding(query), dtype="float32")

    def retrieve_embedding(self, vector: np.ndarray, k: int | None = None) -> list[NodeWithScore]:
        hits = self._snapshot.dense_search(vector[None, :], k or self._k)[0]
        return [NodeWithScore(node=self._snapshot.node(node_id), score=score) for node_id, score in hits]

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        vector = (np.asarray(query_bundle.embedding, dtype="float32") if query_bundle.embedding
                  else self.embed(query_bundle.query_str))
        return self.retrieve_embedding(vector)


class BM25Retriever(BaseRetriever):
    """Okapi BM25 (bm25s, sparse matrices) over Kiwi content morphemes, so 개소해 matches 개소."""

    def __init__(self, snapshot, top_k: int):
        super().__init__()
        self._snapshot, self._k = snapshot, top_k

    def scores(self, query: str) -> list[tuple[str, float]]:
        return self._snapshot.keyword_search(query_terms(query), self._k)

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        return [NodeWithScore(node=self._snapshot.node(n), score=s) for n, s in self.scores(query_bundle.query_str)]


def reciprocal_rank_fusion(rankings: list[list[str]], k: int = 60) -> dict[str, float]:
    """RRF (Cormack et al., 2009): score(d) = Σ 1 / (k + rank_d), ranks from 1.

    >>> sorted(reciprocal_rank_fusion([["a", "b"], ["b"]], k=1).items())
    [('a', 0.5), ('b', 0.8333333333333333)]
    """
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank)
    return fused


class HybridRetriever(BaseRetriever):
    """Dense + BM25 fused by reciprocal rank; `mode` selects one part alone for ablations."""

    def __init__(self, snapshot, embed_model, *, top_k: int = 5, candidate_k: int = 30,
                 rrf_k: int = 60, mode: str = "hybrid"):
        super().__init__()
        if mode not in ("hybrid", "dense", "bm25"):
            raise ValueError(f"retrieval mode {mode!r} is not one of hybrid, dense, bm25")
        self.snapshot, self.mode = snapshot, mode
        self.top_k, self.rrf_k = top_k, rrf_k
        self.dense = DenseRetriever(snapshot, embed_model, candidate_k)
        self.bm25 = BM25Retriever(snapshot, candidate_k)

    def search(self, query: str, k: int | None = None, mode: str | None = None,
               query_vector: np.ndarray | None = None) -> list[RetrievedSentence]:
        """Ranked sentences for `query` (the answerer's and the CLI's entry point)."""
        mode = mode or self.mode
        k = k or self.top_k
        # Dense scores are computed in every mode: the answerer's abstention reads them.
        vector = query_vector if query_vector is not None else self.dense.embed(query)
        dense_hits = self.snapshot.dense_search(vector[None, :], self.dense._k)[0]
        bm25_hits = self.bm25.scores(query) if mode in ("hybrid", "bm25") else []
        dense_of, bm25_of = dict(dense_hits), dict(bm25_hits)
        if mode == "dense":
            ranking = list(dense_hits)
        elif mode == "bm25":
            ranking = list(bm25_hits)
        else:
            fused = reciprocal_rank_fusion([[n for n, _ in dense_hits], [n for n, _ in bm25_hits]], self.rrf_k)
            ranking = sorted(fused.items(), key=lambda item: (-item[1], -dense_of.get(item[0], -1.0)))
        return [self._sentence(n, s, dense_of.get(n), bm25_of.get(n)) for n, s in ranking[:k]]

    def _sentence(self, node_id: str, score: float, dense: float | None, bm25: float | None) -> RetrievedSentence:
        node = self.snapshot.node(node_id)
        meta = node.metadata
        return RetrievedSentence(sentence_id=node_id, doc_id=meta["doc_id"], text=node.get_content(),
                                 start=meta["starts"][0], end=meta["ends"][-1], score=float(score),
                                 dense=dense, bm25=bm25, title=meta["title"], date=meta["date"],
                                 outlet=meta.get("outlet", ""))

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        return [NodeWithScore(node=self.snapshot.node(s.sentence_id), score=s.score)
                for s in self.search(query_bundle.query_str)]
