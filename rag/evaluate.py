"""`rag eval`: run the Assistant over QA sets (and external data) and score retrieval, answers, abstention.

A QA set is JSONL, one item a line (see evals/README.md): id, language (ko|en|mixed), question or
turns (only the last turn is scored), answers (accepted strings) and support (sentence ids), or
`"unanswerable": true`. Every figure is computed by the pure functions of rag/metrics.py.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import metrics
from .conversation import Turn
from .errors import HubqaError
from .metrics import GATED, TOLERANCE, regressions

MODES = ("hybrid", "dense", "bm25")
LANGUAGES = ("ko", "en", "mixed")
EVALS_DIR = Path(__file__).resolve().parents[1] / "evals"
BASELINE = EVALS_DIR / "baseline.json"
SEARCH_K = 10


@dataclass(frozen=True)
class QAItem:
    """One QA set line: answerable (accepted answers, supporting sentence ids) or unanswerable."""

    id: str
    language: str
    turns: tuple[str, ...]
    answers: tuple[str, ...] = ()
    support: frozenset[str] = frozenset()
    unanswerable: bool = False

    @property
    def question(self) -> str:
        return self.turns[-1]


def load_set(path: Path) -> list[QAItem]:
    """Read and check one JSONL QA set; errors name the file, the line and the fix."""
    items: list[QAItem] = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise HubqaError(f"QA set {path}: cannot read ({exc.strerror}); "
                         f"pass a JSONL file (default: evals/*.jsonl)") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"QA set {path}, line {number}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise HubqaError(f"{where}: not JSON ({exc.msg}); one JSON object per line") from None
        turns = raw.get("turns") or ([raw["question"]] if raw.get("question") else [])
        if not raw.get("id"):
            problem = "no id"
        elif raw.get("language") not in LANGUAGES:
            problem = f"language {raw.get('language')!r} is not one of {', '.join(LANGUAGES)}"
        elif not turns:
            problem = "neither question nor turns"
        elif not raw.get("unanswerable") and not (raw.get("answers") and raw.get("support")):
            problem = 'needs "answers" and "support", or "unanswerable": true'
        elif not all(isinstance(v, list) and all(isinstance(x, str) for x in v)
                     for v in (raw.get("answers", []), raw.get("support", []), turns)):
            problem = '"answers", "support" and "turns" must be lists of strings'
        else:
            problem = ""
        if problem:
            raise HubqaError(f"{where}: {problem}")
        items.append(QAItem(raw["id"], raw["language"], tuple(turns), tuple(raw.get("answers", ())),
                            frozenset(raw.get("support", ())), bool(raw.get("unanswerable"))))
    ids = [i.id for i in items]
    if len(ids) != len(set(ids)):
        raise HubqaError(f"QA set {path}: duplicate ids {sorted({i for i in ids if ids.count(i) > 1})}")
    return items


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


def cached_assistant(assistant):
    """An Assistant over the same index and model whose query embeddings are cached (see above)."""
    from .assistant import Assistant

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
    rank = next((r for r, flag in enumerate(relevant, start=1) if flag), None)
    return {"id": item.id, "language": item.language, "detected": answer.language, "question": item.question,
            "standalone_query": answer.standalone_query, "unanswerable": item.unanswerable,
            "support": sorted(item.support), "answers": list(item.answers), "mode": mode,
            "abstained": answer.abstained, "correct": correct, "cited": cited,
            "answer": answer.answer.split("\n")[0], "support_rank": rank,
            "hit@1": metrics.hit_at_k(keys, relevant, 1), "hit@5": metrics.hit_at_k(keys, relevant, 5),
            "rr": metrics.reciprocal_rank(keys, relevant),
            "top_dense": max((h.dense for h in hits if h.dense is not None), default=None),
            "top_sentence": hits[0].sentence_id if hits else None,
            "latency_ms": answer.timings_ms["total"] if timed else None,
            "reason": miss_reason(item, answer.abstained, correct, cited, rank)}


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
            "latency_p50_ms": metrics.percentile(latencies, 50), "latency_p95_ms": metrics.percentile(latencies, 95)}


def evaluate_set(assistant, items: list[QAItem], modes=MODES, timed: bool = True) -> dict:
    """Every mode over one set: figures overall and by question language, and the per-item records.

    Only the first mode's asks are timed: every mode embeds the query the same way (the dense cosine
    feeds abstention), so the ablations reuse its vectors and differ only in ranking.
    """
    assistant = cached_assistant(assistant)
    out = {"n": len(items), "modes": {}, "items": {}}
    for number, mode in enumerate(modes):
        records = [run_item(assistant, item, mode, timed and number == 0) for item in items]
        by_language = {lang: summarize([r for r in records if r["language"] == lang]) for lang in LANGUAGES
                       if any(r["language"] == lang for r in records)}
        out["modes"][mode] = {"all": summarize(records), **by_language}
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


def indexed_assistant(base, folder: Path, corpus: list[Path]):
    """A new Assistant over a fresh index in `folder` of the articles under `corpus` (same model)."""
    from .assistant import Assistant

    settings = base.settings.__class__.from_env(**{**base.settings.__dict__, "index_dir": Path(folder)})
    assistant = Assistant(settings, base.embed_model, base.weights_sha256)
    report = assistant.ingest(corpus, rebuild=True)
    if report.failed:
        raise HubqaError("eval corpus failed to load: " + "; ".join(f.reason for f in report.failed[:3]))
    return assistant


# -- the regression gate (the comparison itself is metrics.regressions) ------------------------------
def baseline_figures(results: dict, mode: str = "hybrid") -> dict:
    """What evals/baseline.json stores: per set, the gated figures of `mode`, overall and by language."""
    return {name: {"n": r["n"], **{group: {k: v[k] for k in GATED} for group, v in r["modes"][mode].items()}}
            for name, r in results.items()}


def load_baseline(path: Path = BASELINE) -> dict:
    if not Path(path).exists():
        raise HubqaError(f"no baseline at {path}; create it with `rag eval --update-baseline`")
    return json.loads(Path(path).read_text(encoding="utf-8"))["sets"]


def write_baseline(figures: dict, path: Path = BASELINE) -> None:
    data = {"about": "hybrid-mode figures of `rag eval` over the QA sets (temp index of docs/); "
                     "`make test` fails when one drops by more than the tolerance; "
                     "update with `rag eval --update-baseline`", "tolerance": TOLERANCE, "sets": figures}
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


# -- the command ------------------------------------------------------------------------------
def run_eval(args) -> int:
    """`rag eval`: see `rag eval --help`. Exit 1 when --check-baseline finds a regression."""
    from .assistant import Assistant
    from .config import Settings
    from .haystack import haystack_articles, load_pairs, load_squad, write_articles
    from .report import print_table, write_report

    if args.update_baseline and args.index:
        raise HubqaError("the baseline holds figures over a temp index of docs/; drop --index to update it")
    external = bool(args.pairs or args.squad)
    out = sys.stderr if args.json else sys.stdout  # keep stdout pure JSON with --json
    paths = list(args.sets or ([] if external else sorted(EVALS_DIR.glob("*.jsonl"))))
    sets = {Path(p).stem: load_set(Path(p)) for p in paths}
    if (args.update_baseline or args.check_baseline) and not sets:
        raise HubqaError("the baseline covers the QA sets; run `rag eval` with sets (not only --pairs/--squad)")
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="hubqa-eval-") as tmp:
        tmp = Path(tmp)
        settings = Settings.from_env(index_dir=args.index or tmp / "index", store=args.store,
                                     milvus_uri=args.milvus_uri)
        base = Assistant.open(settings=settings, require_index=args.index is not None)
        if args.index is None and sets:
            base.ingest([settings.docs_dir], rebuild=True)
        corpus = "index " + str(args.index) if args.index else f"temp index of {settings.docs_dir}/"
        if sets:
            print(f"eval: {', '.join(sets)} over the {corpus}", file=sys.stderr)
            results["sets"] = {name: evaluate_set(base, items) for name, items in sets.items()}
            results["corpus"] = corpus
        if args.haystack and sets:
            folder = tmp / "haystack"
            articles = [a for path in args.haystack for a in haystack_articles(path)]
            write_articles(folder, articles)
            shutil.copytree(settings.docs_dir, tmp / "docs", ignore=shutil.ignore_patterns("README*"))
            print(f"eval: indexing docs/ + {len(articles)} haystack articles", file=sys.stderr)
            hay = indexed_assistant(base, tmp / "haystack-index", [tmp / "docs", folder])
            results["haystack"] = {"files": [str(p) for p in args.haystack], "articles": len(articles),
                                   "sentences": hay.status()["sentences"],
                                   "sets": {name: evaluate_set(hay, items) for name, items in sets.items()}}
        for flag, loader, answers in (("pairs", load_pairs, False), ("squad", load_squad, True)):
            path = getattr(args, flag)
            if path:
                task = loader(path)
                print(f"eval: {flag} {path}: {len(task.questions)} questions, {len(task.articles)} passages",
                      file=sys.stderr)
                folder = write_articles(tmp / flag, task.articles)
                assistant = indexed_assistant(base, tmp / f"{flag}-index", [folder])
                results[flag] = {"file": str(path), **evaluate_retrieval(assistant, task, with_answers=answers)}
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1, default=str))
    else:
        print_table(results)
    if args.report:
        print(f"report: {write_report(Path(args.report), results)}", file=out)
    status = 0
    figures = baseline_figures(results["sets"]) if sets else {}
    if args.check_baseline:
        problems = regressions(figures, load_baseline())
        for line in problems:
            print(f"rag eval: regression: {line}", file=out)
        print("baseline: " + ("FAILED" if problems else f"ok (within {TOLERANCE} of {BASELINE.name})"), file=out)
        status = 1 if problems else 0
    if args.update_baseline:
        write_baseline(figures)
        print(f"baseline written: {BASELINE}", file=out)
    return status
