"""`rag bench --store milvus` above bench.FULL_PIPELINE_MAX: the Milvus counterpart of
`bench.measure_vectors_only`.

The same vectors as the FAISS row (docs/ real vectors, then simulated ones from `simulate`, seed 0) go
into a Milvus collection through the product's own Milvus write path: `empty_snapshot` (--store milvus),
`add_nodes`, `fit(Settings.ann_threshold)` and `write_snapshot` (rag/store/milvus.py: the collection schema,
the dense and BM25 indexes, inserts of BATCH_ROWS rows, flush, row-count check, version folder). Each row
keeps a real text: a docs/ sentence, or the KLUE STS sentence its simulated vector carries (recombined
into synthetic articles of PER_ARTICLE sentences, as in the 100k row), with its Kiwi morphemes, so the
keyword (BM25) search inside Milvus is measured too. There is no llama-index docstore, no article
files and no answers: a vector-and-keyword index row, like the FAISS one.

The write runs in a child process, so the RAM and peak RSS reported are those of the process that
loads and searches the index, as for the FAISS row.
"""

from __future__ import annotations

import gc
import resource
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import numpy as np

from rag import HubqaError, Settings

from . import metrics
from .bench_corpus import PER_ARTICLE, SYNTHETIC, simulate, synthetic_article

ADD_CHUNK = 20_000  # nodes made and staged per add_nodes call (ingest stages per embedding batch)


def _corpus(work: Path, n: int) -> tuple[list[str], np.ndarray, list[str]]:
    """(ids, vectors, texts) of the n-sentence vector row: the vectors of `measure_vectors_only`."""
    data = np.load(work / "bases.npz", allow_pickle=True)
    texts, vectors, real = data["texts"].tolist(), data["vectors"], data["real"]
    kept = [t for t, r in zip(texts, real) if r]
    synthetic = [t for t, r in zip(texts, real) if not r]
    sim, source = simulate(vectors[~real], n - len(kept))
    ids = [f"{SYNTHETIC}{i // PER_ARTICLE:07d}#{i % PER_ARTICLE}" for i in range(n)]
    return ids, np.concatenate([vectors[real], sim]), kept + [synthetic[s] for s in source.tolist()]


def write_index(work: Path, n: int, settings: Settings, weights_sha256: str) -> dict:
    """Build the n-sentence Milvus index in work/milvus-N through the product's Milvus write path."""
    from rag.chunking import sentence_node
    from rag.sentences import morphemes_batch
    from rag.store import empty_snapshot, write_snapshot

    started = time.perf_counter()
    ids, vectors, texts = _corpus(work, n)
    distinct = list(dict.fromkeys(texts))  # a few thousand KLUE sentences, recombined: tokenised once each
    terms = dict(zip(distinct, morphemes_batch(distinct)))
    prepare_s = time.perf_counter() - started
    root = work / f"milvus-{n}"
    snapshot = empty_snapshot(root, settings, weights_sha256, vectors.shape[1])
    t = time.perf_counter()
    for begin in range(0, n, ADD_CHUNK):
        nodes, end = [], min(n, begin + ADD_CHUNK)
        for i in range(begin, end):
            if i % PER_ARTICLE == 0:
                article, offset = synthetic_article(i // PER_ARTICLE, []), 0
            text = texts[i]
            nodes.append(sentence_node(ids[i], text, {
                "doc_id": article.doc_id, "title": article.title, "date": article.date, "outlet": article.outlet,
                "sentence_ids": [ids[i]], "starts": [offset], "ends": [offset + len(text)]}))
            offset += len(text) + 2
        snapshot.add_nodes(nodes, vectors[begin:end], [terms[x] for x in texts[begin:end]])
    snapshot.fit(settings.ann_threshold)
    staged_s = time.perf_counter() - t
    t = time.perf_counter()
    write_snapshot(root, snapshot)
    write_s = time.perf_counter() - t
    snapshot.close()
    return {"prepare_s": prepare_s, "stage_s": staged_s, "write_s": write_s, "ingest_s": staged_s + write_s,
            "ingest_per_s": n / (staged_s + write_s), "insert_per_s": n / write_s,
            "write_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def measure(n: int, bases: np.ndarray, work: Path, settings: Settings, weights_sha256: str, embed,
            queries: list[str], qvecs: np.ndarray) -> dict:
    """Write (child process), reload, search and recall figures of the n-sentence Milvus row; the keys of
    `measure_vectors_only`'s row, plus bm25 (Kiwi + Milvus's BM25) and the write's own timings."""
    import faiss

    from rag.sentences import morphemes
    from rag.store import load_snapshot

    from .bench import _latencies, _rss

    if settings.store != "milvus":
        raise HubqaError(f"bench_milvus measures --store milvus, not {settings.store}")
    t = time.perf_counter()
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        built = pool.submit(write_index, work, n, settings, weights_sha256).result()
    out = {"sentences": n, "vectors": "simulated (vector + keyword index only)", "build_s": time.perf_counter() - t,
           **built}
    ids, vectors, _ = _corpus(work, n)
    position = {node_id: i for i, node_id in enumerate(ids)}
    gc.collect()
    rss0, t = _rss(), time.perf_counter()
    snap = load_snapshot(work / f"milvus-{n}", weights_sha256=weights_sha256,
                         milvus_uri=settings.milvus_uri or None)
    load_s = time.perf_counter() - t
    if snap.sentence_count != n:
        raise HubqaError(f"bench: the Milvus index holds {snap.sentence_count:,} sentences, expected {n:,}")
    disk = snap.disk_bytes()
    k = settings.candidate_k
    t = time.perf_counter()
    snap.dense_search(qvecs[:1], k)
    snap.keyword_search(morphemes(queries[0]), k)  # Milvus Lite builds its BM25 postings on the first search
    out.update(load_s=load_s, first_search_s=time.perf_counter() - t, disk_mb=disk / 1e6,
               disk_bytes_per_sentence=disk / n, ram_bytes_per_sentence=(_rss() - rss0) / n,
               segment_indexes=segment_indexes(snap))
    out["latency_ms"] = _latencies(len(queries), {
        "embed": lambda i: embed(queries[i]),
        "vector": lambda i: snap.dense_search(qvecs[i][None, :], k),
        "dense": lambda i: snap.dense_search(embed(queries[i])[None, :], k),
        "bm25": lambda i: (embed(queries[i]), snap.keyword_search(morphemes(queries[i]), k))})
    built_by_lite = segment_indexes(snap)  # Milvus Lite indexes each segment (<= 100k rows) on its own
    out["index"] = f"{snap.kind}, per segment: {built_by_lite}" if built_by_lite else snap.kind
    for name, batch in (("recall_real", qvecs), ("recall_simulated", simulate(bases, 200, seed=7)[0])):
        _, exact = faiss.knn(batch, vectors, 10, metric=faiss.METRIC_INNER_PRODUCT)
        approx = [[position[node_id] for node_id, _ in row] for row in snap.dense_search(batch, 10)]
        out[name] = metrics.set_recall(approx, exact)
    snap.close()
    return {**out, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def segment_indexes(snap) -> str:
    """What Milvus Lite really built for the dense field: index sidecars per type, e.g. `10 × ivf_flat`
    (it indexes each segment, ≤ 100k rows, on its own). Empty for a Milvus server."""
    folder = Path(snap.uri) / "collections" / snap.collection
    if not folder.is_dir():
        return ""
    kinds = Counter(p.name.split(".")[-2] for p in folder.rglob("*.vector.*.idx"))
    return ", ".join(f"{count} × {kind}" for kind, count in sorted(kinds.items()))
