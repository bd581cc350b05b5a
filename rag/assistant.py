"""The one object the CLI, the UI and the evals use: open an index, ask, search, ingest."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from pathlib import Path

from .answer import Answer, Candidate, choose, compose, load_model, score_candidates, weighed_hits
from .answer.alignment import TokenAligner
from .config import Settings
from .conversation import Turn
from .corpus import Article
from .errors import IndexMismatch, QuestionError
from .ingest import IngestReport, Progress, ingest
from .query_shift import load_query_shift
from .question import Question, analyse
from .references import link_citations
from .retrieval import Fusion, HybridRetriever, RetrievedSentence
from .store import load_snapshot


class Assistant:
    """Citation-first question answering over the articles in one index.

    Usage: `Assistant.open("index").ask("When will Hanbit Lab open?")` returns an
    `Answer` whose `citations` hold the exact source sentences.

    `ask`, `search` and `reload` may run from many threads at once (the chat page does): the encoder
    and Kiwi are loaded once and only read, each question takes one snapshot and its retriever and
    keeps them, and `reload` swaps both under a lock. The optional local LLM is not thread-safe;
    `rag serve` never loads one.
    """

    def __init__(self, settings: Settings, embed_model, weights_sha256: str, llm=None):
        self.settings = settings
        self.embed_model = embed_model
        self.weights_sha256 = weights_sha256
        self.llm = llm
        self._lock = threading.Lock()  # guards swapping the snapshot; readers keep the one they took
        self._snapshot = None  # the index version in use (rag/store/: FAISS or Milvus)
        self._retriever: HybridRetriever | None = None
        self.aligner = TokenAligner(embed_model)  # English words against Korean ones (rag/answer/alignment.py)
        self.query_shift = load_query_shift(weights_sha256, settings.english_query_shift)

    @classmethod
    def open(cls, index_dir: str | Path | None = None, *, settings: Settings | None = None,
             llm: str = "none", require_index: bool = True) -> "Assistant":
        """Load the model (built once into the cache) and the index; fail with the fix if either is unusable."""
        from .embedding import load_embedding, weights_fingerprint

        settings = settings or Settings.from_env()
        if index_dir is not None:
            settings = replace(settings, index_dir=Path(index_dir))
        embed_model = load_embedding(settings)
        assistant = cls(settings, embed_model, weights_fingerprint(settings))
        if llm and llm != "none":
            from .llm import load_llm

            assistant.llm = load_llm(llm, settings)
        if require_index:
            assistant.reload()
        elif (Path(settings.index_dir) / "CURRENT").exists():
            try:
                assistant.reload()
            except IndexMismatch:  # `rag ingest --rebuild` (and the chat page) must still open a damaged index
                pass
        return assistant

    # -- index -------------------------------------------------------------------------------
    def reload(self) -> None:
        snapshot = load_snapshot(Path(self.settings.index_dir), weights_sha256=self.weights_sha256,
                                 milvus_uri=self.settings.milvus_uri)
        retriever = HybridRetriever(snapshot, self.embed_model, top_k=self.settings.top_k,
                                    candidate_k=self.settings.candidate_k,
                                    fusion=Fusion(self.settings.fusion_bm25_weight, self.settings.fusion_share_power),
                                    query_shift=self.query_shift)
        with self._lock:
            self._snapshot, self._retriever = snapshot, retriever

    def close(self) -> None:
        """Release the index: a Milvus Lite file can then be opened by another process (FAISS: nothing to do)."""
        with self._lock:
            snapshot, self._snapshot, self._retriever = self._snapshot, None, None
        if snapshot is not None:
            snapshot.close()

    @property
    def retriever(self) -> HybridRetriever:
        if self._retriever is None:
            self.reload()
        return self._retriever

    def ingest(self, paths: list[Path] | None = None, *, rebuild: bool = False,
               progress: Progress | None = None) -> IngestReport:
        report = ingest(paths or [Path(self.settings.docs_dir)], self.settings, self.embed_model,
                        weights_sha256=self.weights_sha256, rebuild=rebuild, progress=progress)
        self.reload()
        return report

    def article(self, doc_id: str) -> Article:
        return self.retriever.snapshot.articles[doc_id]

    def status(self) -> dict:
        snap = self.retriever.snapshot
        return {"index": str(self.settings.index_dir), "version": snap.path.name,
                "articles": len(snap.articles), "sentences": snap.sentence_count,
                "store": f"{snap.backend}, {snap.kind}" + (f" ({snap.location})" if hasattr(snap, "location") else ""),
                "model": snap.manifest.model_id, "updated": snap.manifest.updated or snap.manifest.created}

    # -- questions ---------------------------------------------------------------------------
    def search(self, query: str, k: int | None = None, mode: str = "hybrid") -> list[RetrievedSentence]:
        """Ranked sentences for a search string (analysed once, as a question with no history)."""
        return self.retriever.search(analyse(self._clean(query)[0]), k=k or self.settings.top_k, mode=mode)

    def ask(self, question: str, history: list[Turn] | None = None, *, k: int | None = None,
            mode: str = "hybrid") -> Answer:
        """Answer one question (with earlier turns for follow-ups) in the question's language."""
        started = time.perf_counter()
        question, notices = self._clean(question)
        analysed = analyse(question, history)
        language, query = analysed.language, analysed.query
        retriever = self.retriever  # one snapshot for the whole answer, even if an ingest swaps it meanwhile
        t0 = time.perf_counter()
        hits = self._weighed(retriever, analysed, max(k or 0, self.settings.answer_candidates), mode)
        t1 = time.perf_counter()
        candidates = score_candidates(analysed, hits, retriever.snapshot, retriever.aliases, aligner=self.aligner)
        chosen = self.choose(candidates, analysed)
        text, citations = compose(analysed, chosen)
        answer_mode = "extractive"
        if self.llm is not None and chosen is not None:
            from .llm import generate_verified, looks_like_instruction

            # The model sees only vetted evidence: the windows the answerability model accepts, best
            # first, minus text that reads like instructions (prompt injection).
            bar = max(load_model().threshold_for(language), self.settings.min_answer_probability)
            vetted = list({s.sentence_id: s for c in candidates if c.probability >= bar
                           for s in c.cite if not looks_like_instruction(s.text)}.values())
            text, citations, answer_mode, llm_notice = generate_verified(self.llm, question, language, vetted,
                                                                          text, citations)
            if llm_notice:
                notices.append(llm_notice)
        citations = link_citations(citations, retriever.snapshot.articles)  # url, fragment_url
        t2 = time.perf_counter()
        return Answer(question=question, language=language, answer=text, abstained=not citations,
                      citations=citations, standalone_query=query, notices=notices, mode=answer_mode,
                      timings_ms={"retrieve": (t1 - t0) * 1000, "answer": (t2 - t1) * 1000,
                                  "total": (t2 - started) * 1000})

    def candidates(self, question: str, history: list[Turn] | None = None, *, mode: str = "hybrid",
                   k: int | None = None) -> tuple[Question, list[Candidate]]:
        """The analysed question and every candidate the answerer weighs (windows, features,
        answerability), most probable first: what `ask` decides from, for evals and re-fitting."""
        analysed = analyse(self._clean(question)[0], history)
        retriever = self.retriever  # one snapshot for search and scoring, as in `ask`
        hits = self._weighed(retriever, analysed, k or self.settings.answer_candidates, mode)
        return analysed, score_candidates(analysed, hits, retriever.snapshot, retriever.aliases, aligner=self.aligner)

    def _weighed(self, retriever, analysed: Question, n: int, mode: str) -> list[RetrievedSentence]:
        """The n hits the answerer weighs (rag.answer.weighed_hits), drawn from `answer_pool` ranked hits."""
        return weighed_hits(analysed, retriever.search(analysed, k=max(n, self.settings.answer_pool), mode=mode), n)

    def choose(self, candidates: list[Candidate], question: Question) -> Candidate | None:
        """The candidate `ask` answers from, or None to abstain (rag.answer.choose with this assistant's bars)."""
        return choose(candidates, question, min_known_terms=self.settings.min_known_terms,
                      min_probability=self.settings.min_answer_probability, min_top_dense=self.settings.min_top_dense,
                      min_english_alignment=self.settings.min_english_alignment,
                      min_unnamed_probability=self.settings.min_unnamed_probability)

    def _clean(self, question: str) -> tuple[str, list[str]]:
        if question is None or not str(question).strip():
            raise QuestionError("the question is empty; type a question in Korean or English")
        question = "".join(ch for ch in str(question) if ch.isprintable() or ch in "\n\t")
        question = question.encode("utf-8", "replace").decode("utf-8")  # lone surrogates
        question = " ".join(question.split())
        if not question:
            raise QuestionError("the question has no printable characters; type a question in Korean or English")
        notices = []
        limit = self.settings.max_question_chars
        if len(question) > limit:
            notices.append(f"the question was {len(question):,} characters; only the first {limit:,} were used")
            question = question[:limit]
        return question, notices
