"""`rag eval`: run the Assistant over QA sets (and external data) and score retrieval, answers, abstention.

Every set is asked over a temp index of its own corpus (evals/qa.py declares the sets), and every figure
is reported for the dev and the test split (`qa.split_of`) side by side, overall and by question
language; the figures are the pure functions of evals/metrics.py, the gate is evals/gate.py.
"""

from __future__ import annotations

import json
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from rag import Assistant, HubqaError, Settings, Turn

from . import metrics
from .gate import BASELINE, baseline_figures, load_baseline, write_baseline
from .metrics import TOLERANCE, regressions
from .qa import LANGUAGES, QA_SETS, SPLITS, QAItem, QASet, load_set, resolve_sets

MODES = ("hybrid", "dense", "bm25")
SEARCH_K = 10


class QueryEmbeddingCache:
    """The real embedding model, remembering query vectors, so one question's search and ask in three
    modes embed it once. While `fresh` is set every query is embedded anew, so a timed ask is honest."""

    def __init__(self, model):
        self._model, self._vectors, self.fresh = model, {}, False

    def get_query_embedding(self, query: str):
        if self.fresh or query not in self._vectors:
            self._vectors[query] = self._model.get_query_embedding(query)
        return self._vectors[query]

    def __getattr__(self, name):
        return getattr(self._model, name)


def cached_assistant(assistant: Assistant) -> Assistant:
    """An Assistant over the same index and model whose query embeddings are cached (see above)."""
    if isinstance(assistant.embed_model, QueryEmbeddingCache):
        return assistant
    cached = Assistant(assistant.settings, QueryEmbeddingCache(assistant.embed_model), assistant.weights_sha256)
    cached.reload()
    return cached


def _ranking_keys(hits, mode: str) -> list:
    # Hybrid breaks fused-score ties by the dense cosine (retrieval.py); the other modes do not.
    return [(h.score, h.dense if h.dense is not None else -1.0) if mode == "hybrid" else h.score for h in hits]


def run_item(assistant, item: QAItem, mode: str, timed: bool = True) -> dict:
    """Ask one item in one mode; the record every figure and report line is computed from.
    `timed=False` lets the ask reuse a cached query vector, and records no latency (it would not be real)."""
    history: list[Turn] = []
    for turn in item.turns[:-1]:
        history.append(Turn(turn, assistant.ask(turn, history, mode=mode).answer))
    cache = assistant.embed_model if isinstance(assistant.embed_model, QueryEmbeddingCache) else None
    if cache is not None:
        cache.fresh = timed
    try:
        answer = assistant.ask(item.question, history, mode=mode)
    finally:
        if cache is not None:
            cache.fresh = False
    hits = assistant.search(answer.standalone_query, k=SEARCH_K, mode=mode)
    keys, relevant = _ranking_keys(hits, mode), [h.sentence_id in item.support for h in hits]
    cited = [c.sentence_id for c in answer.citations]
    found = metrics.answer_found(item.answers, [answer.answer] + [c.sentence for c in answer.citations])
    correct = answer.abstained if item.unanswerable else (found and not answer.abstained)
    span = bold_span(answer)
    span_exact, span_f1 = metrics.span_scores(item.answers, span) if not item.unanswerable else (False, 0.0)
    rank = next((r for r, flag in enumerate(relevant, start=1) if flag), None)
    return {"id": item.id, "language": item.language, "split": item.split, "detected": answer.language,
            "question": item.question,
            "standalone_query": answer.standalone_query, "unanswerable": item.unanswerable,
            "support": sorted(item.support), "answers": list(item.answers), "mode": mode,
            "abstained": answer.abstained, "correct": correct, "cited": cited,
            "answer": answer.answer.split("\n")[0], "support_rank": rank,
            "span": span, "span_exact": span_exact, "span_f1": span_f1,
            "hit@1": metrics.hit_at_k(keys, relevant, 1), "hit@5": metrics.hit_at_k(keys, relevant, 5),
            "rr": metrics.reciprocal_rank(keys, relevant),
            "top_dense": max((h.dense for h in hits if h.dense is not None), default=None),
            "top_sentence": hits[0].sentence_id if hits else None,
            "latency_ms": answer.timings_ms["total"] if timed else None,
            "reason": miss_reason(item, answer.abstained, correct, cited, rank)}


def bold_span(answer) -> str | None:
    """The short span the answer bolds, read from its citation's exact offsets (None when it quotes only)."""
    for c in answer.citations:
        if c.span_start is not None and c.span_end is not None:
            return c.sentence[c.span_start - c.start:c.span_end - c.start]
    return None


def miss_reason(item: QAItem, abstained: bool, correct: bool, cited: list[str], rank: int | None) -> str:
    """Why an item was missed, in the words the answerer's maintainer needs ('' when it was right)."""
    if correct:
        return ""
    if item.unanswerable:
        return f"answered an unanswerable question (cited {', '.join(cited)})"
    retrieval = "support not in top 5" if rank is None or rank > 5 else f"support retrieved at rank {rank}"
    if abstained:
        return f"abstained wrongly ({retrieval})"
    if not set(cited) & item.support:
        return f"cited a non-supporting sentence {', '.join(cited)} ({retrieval})"
    return "cited the support but no accepted answer string in the answer or citations"


def summarize(records: list[dict]) -> dict:
    """The figures of one set in one mode: retrieval and answers over answerable items, abstention over all."""
    answerable = [r for r in records if not r["unanswerable"]]
    abstention = metrics.abstention_scores([r["abstained"] for r in records], [r["unanswerable"] for r in records])
    latencies = [r["latency_ms"] for r in records if r["latency_ms"] is not None]
    return {"n": len(records), "unanswerable": len(records) - len(answerable),
            "recall@1": metrics.mean(r["hit@1"] for r in answerable),
            "recall@5": metrics.mean(r["hit@5"] for r in answerable),
            "mrr": metrics.mean(r["rr"] for r in answerable),
            "answer_accuracy": metrics.mean(r["correct"] for r in answerable),
            "citation_precision": metrics.citation_precision([r["cited"] for r in answerable],
                                                             [set(r["support"]) for r in answerable]),
            "citation_recall": metrics.citation_recall([r["cited"] for r in answerable],
                                                       [set(r["support"]) for r in answerable]),
            "abstention_precision": abstention["precision"], "abstention_recall": abstention["recall"],
            "overall_correct": metrics.mean(r["correct"] for r in records),
            "span_exact": metrics.mean(r["span_exact"] for r in answerable),
            "span_f1": metrics.mean(r["span_f1"] for r in answerable),
            "latency_p50_ms": metrics.percentile(latencies, 50), "latency_p95_ms": metrics.percentile(latencies, 95)}


def _groups(records: list[dict]) -> dict:
    """{split: {language: figures}} for split in all/dev/test and language in all/ko/en/mixed (present ones)."""
    out = {}
    for split in ("all",) + SPLITS:
        chosen = [r for r in records if split == "all" or r["split"] == split]
        languages = [lang for lang in LANGUAGES if any(r["language"] == lang for r in records)]
        out[split] = {"all": summarize(chosen),
                      **{lang: summarize([r for r in chosen if r["language"] == lang]) for lang in languages}}
    return out


def evaluate_set(assistant: Assistant, items: list[QAItem], modes=MODES, timed: bool = True) -> dict:
    """Every mode over one set: figures by split and question language, and the per-item records.

    Only the first mode's asks are timed: every mode embeds the query the same way (the dense cosine
    feeds abstention), so the ablations reuse its vectors and differ only in ranking.
    """
    assistant = cached_assistant(assistant)
    out = {"n": len(items), **{f"n_{split}": sum(i.split == split for i in items) for split in SPLITS},
           "modes": {}, "items": {}}
    for number, mode in enumerate(modes):
        records = [run_item(assistant, item, mode, timed and number == 0) for item in items]
        out["modes"][mode] = _groups(records)
        out["items"][mode] = records
    return out


def evaluate_retrieval(assistant, task, *, with_answers: bool = False, modes=MODES, ks=(1, 5, 10)) -> dict:
    """Passage-level Recall@k and MRR of an external task (KLUE STS pairs, SQuAD) in an index of its
    articles; with `with_answers`, also answer accuracy = a gold answer inside the cited sentences."""
    assistant = cached_assistant(assistant)
    out = {"questions": len(task.questions), "articles": len(task.articles), "skipped": task.skipped, "modes": {}}
    for mode in modes:
        rows = []
        for question, doc_id, answers in task.questions:
            hits = assistant.search(question, k=max(ks) * 3, mode=mode)
            docs, keys = [], []
            for hit, key in zip(hits, _ranking_keys(hits, mode)):
                if hit.doc_id not in docs:  # a passage ranks where its best sentence ranks
                    docs.append(hit.doc_id)
                    keys.append(key)
            relevant = [d == doc_id for d in docs]
            row = {f"recall@{k}": metrics.hit_at_k(keys, relevant, k) for k in ks}
            row["mrr"] = metrics.reciprocal_rank(keys, relevant)
            if with_answers:
                answer = assistant.ask(question, mode=mode)
                row["answer_accuracy"] = not answer.abstained and metrics.answer_found(
                    answers, [c.sentence for c in answer.citations])
            rows.append(row)
        out["modes"][mode] = {key: metrics.mean(r[key] for r in rows) for key in (rows[0] if rows else {})}
    return out


def indexed_assistant(base: Assistant, folder: Path, corpus: list[Path]) -> Assistant:
    """A new Assistant over a fresh index in `folder` of the articles under `corpus` (same model)."""
    assistant = Assistant(replace(base.settings, index_dir=Path(folder)), base.embed_model, base.weights_sha256)
    report = assistant.ingest(corpus, rebuild=True)
    if report.failed:
        raise HubqaError("eval corpus failed to load: " + "; ".join(f.reason for f in report.failed[:3]))
    return assistant


def _corpus(qa_set: QASet, settings: Settings) -> Path:
    corpus = qa_set.corpus or Path(settings.docs_dir)
    if not corpus.is_dir():
        raise HubqaError(f"QA set {qa_set.name}: its corpus {corpus} is missing; it holds the articles the "
                         f"questions of {qa_set.questions} are about")
    return corpus


def load_crosslingual():
    """`evals.crosslingual.crosslingual_check`, or a HubqaError saying it is missing from this checkout."""
    try:
        from .crosslingual import crosslingual_check
    except ModuleNotFoundError as exc:
        if exc.name != f"{__package__}.crosslingual":
            raise
        raise HubqaError("--crosslingual needs evals/crosslingual.py (crosslingual_check), which is not in this "
                         "checkout; update the checkout or drop --crosslingual") from None
    return crosslingual_check


def _crosslingual(check, news: Assistant | None, base: Assistant, tmp: Path, settings: Settings) -> dict:
    """The cross-lingual check over an index of the news articles (the news set's, or a new one)."""
    if news is None:
        declared = next(s for s in QA_SETS if s.name == "news")
        print(f"eval: crosslingual check over a temp index of {declared.corpus}/", file=sys.stderr)
        news = indexed_assistant(base, tmp / "index-crosslingual", [_corpus(declared, settings)])
    return check(cached_assistant(news), MODES)


def run_eval(sets: list[Path] | None = None, *, settings: Settings, index: Path | None = None,
             as_json: bool = False, report: Path | None = None, haystack: list[Path] | None = None,
             pairs: Path | None = None, squad: Path | None = None, crosslingual: bool = False,
             update_baseline: bool = False, check_baseline: bool = False, baseline: Path = BASELINE) -> int:
    """`rag eval` (see `rag eval --help`). Exit status 1 when `check_baseline` finds a regression."""
    from .haystack import haystack_articles, load_pairs, load_squad, write_articles
    from .report import print_crosslingual, print_table, write_report

    check = load_crosslingual() if crosslingual else None  # fail before the model loads
    if update_baseline and index:
        raise HubqaError("the baseline holds figures over temp indexes of each set's corpus; "
                         "drop --index to update it")
    out = sys.stderr if as_json else sys.stdout  # keep stdout pure JSON with --json
    external = bool(pairs or squad or crosslingual)
    qa_sets = resolve_sets(sets) if sets or not external else []
    if not sets and not external:
        for qa_set in QA_SETS:
            if not qa_set.questions.exists():
                print(f"eval: QA set {qa_set.name} ({qa_set.questions}) is not there; skipped", file=sys.stderr)
    loaded = {s.name: load_set(s.questions) for s in qa_sets}
    if (update_baseline or check_baseline) and not loaded:
        raise HubqaError("the baseline covers the QA sets; run `rag eval` with sets (not only --pairs/--squad)")
    results: dict = {}
    assistants: dict[str, Assistant] = {}
    with tempfile.TemporaryDirectory(prefix="hubqa-eval-") as tmp:
        tmp = Path(tmp)
        base = Assistant.open(settings=replace(settings, index_dir=Path(index or tmp / "unused")),
                              require_index=index is not None)
        if loaded:
            results["sets"] = {}
        for qa_set in qa_sets:
            if index:
                assistant, where = base, f"index {index}"
            else:
                corpus = _corpus(qa_set, settings)
                assistant = indexed_assistant(base, tmp / f"index-{qa_set.name}", [corpus])
                where = f"temp index of {corpus}/"
            assistants[qa_set.name] = assistant
            print(f"eval: {qa_set.name} ({len(loaded[qa_set.name])} items) over the {where}", file=sys.stderr)
            results["sets"][qa_set.name] = {"corpus": where, **evaluate_set(assistant, loaded[qa_set.name])}
        if haystack and loaded:
            articles = [a for path in haystack for a in haystack_articles(path)]
            folder = write_articles(tmp / "haystack", articles)
            results["haystack"] = {"files": [str(p) for p in haystack], "articles": len(articles), "sets": {},
                                   "sentences": {}}
            for qa_set in qa_sets:
                print(f"eval: {qa_set.name}: its corpus + {len(articles)} haystack articles", file=sys.stderr)
                hay = indexed_assistant(base, tmp / f"haystack-{qa_set.name}", [_corpus(qa_set, settings), folder])
                results["haystack"]["sentences"][qa_set.name] = hay.status()["sentences"]
                results["haystack"]["sets"][qa_set.name] = evaluate_set(hay, loaded[qa_set.name])
        for flag, path, loader, answers in (("pairs", pairs, load_pairs, False), ("squad", squad, load_squad, True)):
            if path:
                task = loader(path)
                print(f"eval: {flag} {path}: {len(task.questions)} questions, {len(task.articles)} passages",
                      file=sys.stderr)
                folder = write_articles(tmp / flag, task.articles)
                assistant = indexed_assistant(base, tmp / f"{flag}-index", [folder])
                results[flag] = {"file": str(path), **evaluate_retrieval(assistant, task, with_answers=answers)}
        if crosslingual:
            results["crosslingual"] = _crosslingual(check, assistants.get("news"), base, tmp, settings)
    if as_json:
        print(json.dumps(results, ensure_ascii=False, indent=1, default=str))
    else:
        print_table(results)
        if "crosslingual" in results:
            print_crosslingual(results["crosslingual"])
    if report:
        print(f"report: {write_report(Path(report), results)}", file=out)
    status = 0
    figures = baseline_figures(results["sets"]) if loaded else {}
    if check_baseline:
        problems = regressions(figures, load_baseline(baseline))
        for line in problems:
            print(f"rag eval: regression: {line}", file=out)
        verdict = "FAILED" if problems else f"ok (test split, within {TOLERANCE} of {Path(baseline).name})"
        print(f"baseline: {verdict}", file=out)
        status = 1 if problems else 0
    if update_baseline:
        write_baseline(figures, baseline)
        print(f"baseline written: {baseline}", file=out)
    return status
