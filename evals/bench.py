"""`rag bench`: ingest speed against the model's own speed, latency and memory by corpus size, ANN recall,
cold start — measured on this machine in one run.

The corpora (the output says the same):
- Real articles: `Settings.docs_dir`. Synthetic articles: real Korean sentences of KLUE STS dev
  (evals/data/klue-sts/, CC BY-SA 4.0) recombined, ten per article, titled "(synthetic test data)".
- Every index is built by the product's ingest (`rag.ingest`). The ingest measurement encodes every
  sentence with the model, at the first size (at most REAL_INGEST_MAX).
- Larger sizes are ingested with simulated vectors (evals/bench_corpus.py): the model encodes 20–100
  sentences/s on 2 cores, so 100k real encodings would take longer than the whole bench may. Each sentence
  keeps a real text (for BM25 and the docstore); docs/ keeps its real vectors, so questions about it still
  find their answers.
- Above FULL_PIPELINE_MAX only the vector index is built (no docstore/BM25/answers): the ANN figures. With
  --store milvus, the Milvus collection with each sentence's text and morphemes (evals/bench_milvus.py).
"""

from __future__ import annotations

import gc
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from rag import Assistant, HubqaError, Settings, load_corpus, split_article

from . import metrics
from .bench_corpus import (PER_ARTICLE, SYNTHETIC, NOISE, klue_queries, klue_sentences, simulate,
                           simulated_corpus, write_synthetic)

KLUE_STS = Path(__file__).resolve().parent / "data" / "klue-sts" / "klue-sts-v1.1_dev.json"
REAL_INGEST_MAX = 1000  # sentences really encoded: ~20 s per run at the ~50 sentences/s of one thread here
FULL_PIPELINE_MAX = 200_000  # above this, vectors only: a JSON docstore of 1M nodes alone outlasts the budget
QUESTIONS = [  # about the article in docs/ (the last two have no answer there: the abstention path)
    "노용석 차관이 쇼난 아이파크에서 만난 사람은 누구인가?", "K-StartHub는 언제 개소하나?",
    "쇼난 I-Park는 누가 조성했나?", "중기부와 쇼난 I-Park는 언제 업무협약을 체결했나?",
    "CIC 도쿄의 K-스타트업센터에는 몇 개사가 입주해 있나?", "When will K-StartHub open?",
    "Who did Vice Minister Noh meet at Shonan iPark?", "Which company won Innovation Tiger in 2025?",
    "When will the K-Bio Labhub be completed?", "Who is the mayor of Fujisawa?"]
NOTES = [
    "Corpus: docs/ (real articles) plus synthetic test articles recombining real KLUE STS dev sentences "
    "(CC BY-SA 4.0), ten per article; every index built by the product's ingest (`rag.ingest`).",
    "Ingest row: every sentence encoded by the model. Other rows: ingested with simulated vectors (a random mix "
    f"of two real sentence vectors plus Gaussian noise σ={NOISE}, renormalised); docs/ keeps its real vectors.",
    f"Above {FULL_PIPELINE_MAX:,} sentences: vector index only (no docstore, BM25 or answers); with --store milvus "
    "the collection also holds each sentence's text and morphemes, and bm25 = embed + Kiwi + Milvus's BM25 search.",
    "Latency: dense, bm25 and hybrid are `Assistant.search` end to end (each embeds the query: the answerer "
    "reads dense scores in every mode); vector = the index's dense search alone; ask = `Assistant.ask`.",
    "Recall@10: the index against exact search, for real question embeddings / held-out simulated vectors."]


def _indexer(settings: Settings, root: Path, embed_model, like: Assistant) -> Assistant:
    """An Assistant over the index in `root` whose ingest embeds with `embed_model`: the product's ingest."""
    return Assistant(replace(settings, index_dir=root), embed_model, like.weights_sha256)


def measure_ingest(settings: Settings, assistant: Assistant, work: Path, n: int, reps: int, klue: Path) -> dict:
    """Ingest ~n real sentences into work/index0, timed against `SentenceTransformer.encode` of the same
    sentences. Leaves work/docs/real (the docs/ articles) and work/bases.npz (every sentence's real vector)."""
    from rag import PASSAGE_PREFIX, load_sentence_transformer

    real, synthetic = work / "docs" / "real", work / "docs" / "synthetic"
    real.mkdir(parents=True)
    for path in Path(settings.docs_dir).glob("*.md"):
        if not path.name.lower().startswith("readme"):
            (real / path.name).write_bytes(path.read_bytes())
    real_articles, _ = load_corpus([real], max_bytes=settings.max_article_bytes)
    real_texts = [s.text for a in real_articles for s in split_article(a)]
    write_synthetic(synthetic, klue_sentences(klue)[:max(0, n - len(real_texts))])
    synthetic_articles, _ = load_corpus([synthetic], max_bytes=settings.max_article_bytes)
    texts = real_texts + [s.text for a in synthetic_articles for s in split_article(a)]
    n_articles = len(real_articles) + len(synthetic_articles)
    encoder = load_sentence_transformer(settings)
    encoder.encode([PASSAGE_PREFIX + x for x in texts[:8]], normalize_embeddings=True)  # warm-up, like ingest's probe
    runs = []
    for rep in range(reps):  # alternate, so load from other processes hits both sides alike
        t, cpu = time.perf_counter(), time.process_time()
        vectors = encoder.encode([PASSAGE_PREFIX + x for x in texts], batch_size=settings.embed_batch_size,
                                 normalize_embeddings=True)
        run = {"encode_s": time.perf_counter() - t, "encode_cpu_s": time.process_time() - cpu}
        cpu = time.process_time()
        indexer = _indexer(settings, work / f"index{rep}", assistant.embed_model, assistant)
        report = indexer.ingest([work / "docs"], rebuild=True)
        indexer.close()  # a Milvus Lite file opens in one process at a time: the cold start opens it next
        runs.append({**run, "ingest_s": report.seconds, "ingest_cpu_s": time.process_time() - cpu,
                     "ingest_embed_s": report.embed_seconds})
    indexer = _indexer(settings, work / "index0", assistant.embed_model, assistant)
    again = indexer.ingest([work / "docs"])
    indexer.close()
    reingest_s = again.seconds
    if again.sentences_embedded or report.sentences_embedded != len(texts):
        raise HubqaError(f"bench ingest embedded {report.sentences_embedded} of {len(texts)} sentences and "
                         f"{again.sentences_embedded} on an unchanged re-ingest; the figures would be wrong")
    is_real = np.arange(len(texts)) < len(real_texts)
    np.savez(work / "bases.npz", texts=np.array(texts, dtype=object), vectors=np.asarray(vectors, dtype="float32"),
             real=is_real)
    mean = lambda key: sum(r[key] for r in runs) / len(runs)
    return {"sentences": len(texts), "articles": n_articles, "encode_per_s": len(texts) / mean("encode_s"),
            "ingest_per_s": len(texts) / mean("ingest_s"),
            "ratio": sum(r["encode_s"] / r["ingest_s"] for r in runs) / len(runs),  # mean of adjacent pairs
            "cpu_ratio": mean("encode_cpu_s") / mean("ingest_cpu_s"),
            "overhead_s": mean("ingest_s") - mean("ingest_embed_s"), "reingest_unchanged_s": reingest_s,
            "load_avg": os.getloadavg()[0], "runs": runs}


def _bases(work: Path) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(texts, real vectors, which rows are the docs/ articles) as measure_ingest left them."""
    data = np.load(work / "bases.npz", allow_pickle=True)
    return data["texts"].tolist(), data["vectors"], data["real"]


def build_simulated(work: Path, root: Path, n: int, settings: Settings, assistant: Assistant) -> dict:
    """An index of ~n sentences built by the product's ingest: docs/ with its real vectors, the rest synthetic
    articles with simulated vectors."""
    texts, vectors, real = _bases(work)
    synthetic = [t for t, r in zip(texts, real) if not r]
    embedding = simulated_corpus(work / f"synthetic-{n}", max(0, n - int(real.sum())), synthetic, vectors[~real],
                                 assistant.embed_model, {t: v for t, v, r in zip(texts, vectors, real) if r})
    indexer = _indexer(settings, root, embedding, assistant)
    report = indexer.ingest([work / "docs" / "real", work / f"synthetic-{n}"], rebuild=True)
    indexer.close()
    if report.failed:
        raise HubqaError(f"bench: the simulated corpus failed to ingest: {report.failed[0].reason}")
    return {"ingest_s": report.seconds, "ingest_per_s": report.sentences_embedded / report.seconds,
            "encoded_by_model": embedding.encoded_by_model}


def measure_size(n: int, real_size: int | None, work: Path, settings: Settings, klue: Path,
                 n_queries: int | None = None, assistant: Assistant | None = None) -> dict:
    """Every per-size figure. `run` calls it in a fresh process, so peak RSS belongs to this size."""
    if assistant is None:  # the model, over the really ingested index (never the user's index/)
        assistant = Assistant.open(settings=replace(settings, index_dir=work / "index0"))
    real_root, queries = work / "index0", (QUESTIONS + klue_queries(klue))[:n_queries]
    embed = lambda q: np.asarray(assistant.embed_model.get_query_embedding(q), dtype="float32")
    qvecs = np.stack([embed(q) for q in queries])
    texts, vectors, real = _bases(work)
    if n > FULL_PIPELINE_MAX:
        if settings.store == "milvus":
            from . import bench_milvus

            return bench_milvus.measure(n, vectors[~real], work, settings, assistant.weights_sha256, embed,
                                        queries, qvecs)
        if settings.store != "faiss":
            raise HubqaError(f"bench: above {FULL_PIPELINE_MAX:,} sentences the bench measures --store faiss "
                             f"or milvus, not {settings.store!r}; leave {n:,} out of --sizes")
        return measure_vectors_only(n, vectors[real], vectors[~real], work, settings, embed, queries, qvecs)
    root = real_root if n == real_size else work / f"index-{n}"
    t = time.perf_counter()
    out = {"vectors": "real"}
    if root != real_root:
        out = {"vectors": "simulated", **build_simulated(work, root, n, settings, assistant)}
    out["build_s"] = time.perf_counter() - t
    gc.collect()
    rss0, t = _rss(), time.perf_counter()
    sized = Assistant(replace(settings, index_dir=root), assistant.embed_model, assistant.weights_sha256)
    sized.reload()
    snap = sized.retriever.snapshot  # the index itself (FAISS or Milvus): its dense search and recall are measured
    disk = snap.disk_bytes()
    n = snap.sentence_count
    out.update(sentences=n, load_s=time.perf_counter() - t, disk_mb=disk / 1e6, disk_bytes_per_sentence=disk / n)
    t = time.perf_counter()
    sized.ask(queries[0])  # warm-up: first-call allocations are not latency
    # RAM after the first answer: both stores build part of their index on first use (bm25s; Milvus Lite's segments)
    out.update(first_ask_s=time.perf_counter() - t, ram_bytes_per_sentence=(_rss() - rss0) / n)
    out["latency_ms"] = _latencies(len(queries), {
        "embed": lambda i: embed(queries[i]),
        "vector": lambda i: snap.dense_search(qvecs[i][None, :], settings.candidate_k),
        **{mode: lambda i, mode=mode: sized.search(queries[i], mode=mode) for mode in ("dense", "bm25", "hybrid")},
        "ask": lambda i: sized.ask(queries[i])})
    out.update(_snapshot_recall(snap, qvecs, vectors[~real]))
    sized.close()
    return {**out, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def measure_vectors_only(n: int, kept: np.ndarray, bases: np.ndarray, work: Path, settings: Settings, embed,
                         queries, qvecs) -> dict:
    """Above FULL_PIPELINE_MAX: docs/ vectors plus simulated ones in the vector index alone; build, persist,
    reload, search and recall figures."""
    from rag import SentenceVectorStore

    vectors = np.concatenate([kept, simulate(bases, n - len(kept))[0]])
    ids = [f"{SYNTHETIC}{i // PER_ARTICLE:07d}#{i % PER_ARTICLE}" for i in range(n)]
    t = time.perf_counter()
    store = SentenceVectorStore.from_vectors(ids, vectors, ann_threshold=settings.ann_threshold)
    out = {"sentences": n, "vectors": "simulated (vector index only)", "build_s": time.perf_counter() - t}
    folder = work / f"vectors-{n}"
    store.persist(persist_path=str(folder / "vectors.faiss"))
    del store
    gc.collect()
    rss0, t = _rss(), time.perf_counter()
    store = SentenceVectorStore.load(str(folder / "vectors.faiss"))
    disk = sum(p.stat().st_size for p in folder.iterdir())
    out.update(load_s=time.perf_counter() - t, disk_mb=disk / 1e6, disk_bytes_per_sentence=disk / n,
               ram_bytes_per_sentence=(_rss() - rss0) / n)
    k = settings.candidate_k
    out["latency_ms"] = _latencies(len(queries), {"embed": lambda i: embed(queries[i]),
                                                  "vector": lambda i: store.search(qvecs[i][None, :], k),
                                                  "dense": lambda i: store.search(embed(queries[i])[None, :], k)})
    out.update(_recall(store, np.arange(n), vectors, qvecs, bases))
    return {**out, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _recall(store, ids: np.ndarray, vectors: np.ndarray, qvecs: np.ndarray, bases: np.ndarray, k: int = 10) -> dict:
    """Recall@k of the store against exact search over the same vectors (1.0 by construction when exact)."""
    import faiss

    out = {"index": store.kind}
    for name, queries in (("recall_real", qvecs), ("recall_simulated", simulate(bases, 200, seed=7)[0])):
        _, exact = faiss.knn(queries, vectors, k, metric=faiss.METRIC_INNER_PRODUCT)
        out[name] = metrics.set_recall(store.search_ids(queries, k)[1], ids[exact])
    return out


def _snapshot_recall(snap, qvecs: np.ndarray, bases: np.ndarray, k: int = 10) -> dict:
    """Recall@k of an index's dense search (either backend) against exact search over its stored vectors."""
    import faiss

    node_ids, stored = snap.node_vectors()
    position = {node_id: i for i, node_id in enumerate(node_ids)}
    out = {"index": snap.kind}
    for name, queries in (("recall_real", qvecs), ("recall_simulated", simulate(bases, 200, seed=7)[0])):
        _, exact = faiss.knn(queries, stored, k, metric=faiss.METRIC_INNER_PRODUCT)
        approx = [[position[node_id] for node_id, _ in row] for row in snap.dense_search(queries, k)]
        out[name] = metrics.set_recall(approx, exact)
    return out


def _latencies(n: int, stages: dict, reps: int = 2) -> dict:
    """p50/p95 in ms over n queries per stage (`fn(i)` runs query i). Stages are interleaved query by query
    and each query is timed `reps` times, keeping its fastest: on a shared machine another process's burst
    is not this pipeline's latency, and it hits every stage alike."""
    times = {name: np.full((reps, n), np.inf) for name in stages}
    for rep in range(reps):
        for i in range(n):
            for name, fn in stages.items():
                t = time.perf_counter()
                fn(i)
                times[name][rep, i] = (time.perf_counter() - t) * 1000
    return {name: {"p50": float(np.percentile(t.min(axis=0), 50)), "p95": float(np.percentile(t.min(axis=0), 95))}
            for name, t in times.items()}


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def cold_start(index_dir: Path, settings: Settings) -> float:
    """Seconds from process start to the first answer printed by `python -m rag ask` (model already cached)."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HUBQA_CACHE_DIR": str(settings.cache_dir)}
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "rag", "ask", "--index", str(index_dir), QUESTIONS[1]],
                          capture_output=True, text=True, env=env, timeout=600)
    seconds = time.perf_counter() - t
    if done.returncode != 0 or not done.stdout.strip():
        raise HubqaError(f"cold-start run of `rag ask` failed (exit {done.returncode}): {done.stderr[-500:]}")
    return seconds


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
               if line.startswith("MemTotal"))
    import faiss
    import torch

    return {"nproc": len(os.sched_getaffinity(0)), "cpu": cpu, "ram_gb": round(mem / 1024 ** 2, 1),
            "python": platform.python_version(), "torch_threads": torch.get_num_threads(),
            "faiss": faiss.__version__, "load_avg_at_start": os.getloadavg()[0]}


def run(sizes: list[int], *, settings: Settings, assistant: Assistant | None = None, reps: int = 2,
        n_queries: int | None = None, isolate: bool = True, klue: Path = KLUE_STS,
        log=lambda msg: print(f"bench: {msg}", file=sys.stderr, flush=True)) -> dict:
    """The whole benchmark as one dict. `isolate` measures each size in a fresh process (own peak RSS).
    `assistant` lends its model (default: the model of `settings`); its index is not used."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    started, sizes = time.perf_counter(), sorted(set(sizes))
    work = Path(tempfile.mkdtemp(prefix="hubqa-bench-"))
    try:
        if assistant is None:  # the model only: the bench never reads the user's index/
            assistant = Assistant.open(settings=replace(settings, index_dir=work / "no-index"), require_index=False)
        results = {"machine": machine(), "notes": NOTES,
                   "settings": {k: getattr(settings, k) for k in ("store", "ann_threshold", "embed_batch_size",
                                                                   "candidate_k")}}
        n_real = min(sizes[0], REAL_INGEST_MAX)
        log(f"ingest of {n_real} sentences, really encoded, {reps} run(s)")
        results["ingest"] = measure_ingest(settings, assistant, work, n_real, reps, klue)
        log("cold start")
        results["cold_start_s"] = cold_start(work / "index0", settings)
        real_size = sizes[0] if sizes[0] <= REAL_INGEST_MAX else None
        results["sizes"] = []
        for n in sizes:
            log(f"{n:,} sentences")
            if isolate:
                with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
                    row = pool.submit(measure_size, n, real_size, work, settings, klue, n_queries).result()
            else:
                row = measure_size(n, real_size, work, settings, klue, n_queries, assistant)
            row["queries"] = len((QUESTIONS + klue_queries(klue))[:n_queries])
            results["sizes"].append(row)
        results["total_s"] = time.perf_counter() - started
        return results
    finally:
        shutil.rmtree(work, ignore_errors=True)


def parse_sizes(text: str) -> list[int]:
    """`--sizes` → sentence counts; a HubqaError with an example when it is not a list of counts ≥ 100.

    >>> parse_sizes("1000, 10_000")
    [1000, 10000]
    """
    try:
        sizes = [int(s.strip().replace("_", "")) for s in text.split(",") if s.strip()]
    except ValueError:
        sizes = []
    if not sizes or min(sizes) < 100:
        raise HubqaError(f"--sizes {text!r} is not a comma-separated list of sentence counts of at least "
                         f"100, e.g. --sizes 1000,10000,100000")
    return sizes


def run_bench(sizes: list[int], *, settings: Settings, as_json: bool = False, plot_path: Path | None = None) -> int:
    """`rag bench`: run, print the table (or JSON), optionally write the plot."""
    from .bench_report import plot, table

    results = run(sizes, settings=settings)
    if plot_path:
        plot(results, plot_path)
    print(json.dumps(results, ensure_ascii=False, indent=1) if as_json else table(results))
    return 0
