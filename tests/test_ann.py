"""The approximate (IVF) vector index: recall against exact search, deletes, growth, persistence, ingest."""

from dataclasses import replace

import faiss
import numpy as np

from evals.bench_corpus import simulate
from rag.vector_store import SentenceVectorStore, ivf_cells, recall_at_k

DIM = 384


def _vectors(n: int, seed: int = 0) -> np.ndarray:
    """Synthetic test data: unit vectors mixed from 1,000 random 'sentences' (the bench's simulation)."""
    bases = np.random.default_rng(seed).standard_normal((1000, DIM)).astype("float32")
    return simulate(bases / np.linalg.norm(bases, axis=1, keepdims=True), n, seed=seed)[0]


def _ids(n: int, prefix: str = "test") -> list[str]:
    return [f"{prefix}-{i // 10}#{i % 10}" for i in range(n)]


def test_ivf_recall_at_10_against_exact_on_100k_vectors():
    vectors = _vectors(100_300)
    vectors, queries = vectors[:100_000], vectors[100_000:]  # held out: nprobe was calibrated on the others
    store = SentenceVectorStore.from_vectors(_ids(len(vectors)), vectors, ann_threshold=50_000)
    assert store.approximate and store.kind.startswith(f"IVF (nlist {ivf_cells(100_000)}")
    _, exact = faiss.knn(queries, vectors, 10, metric=faiss.METRIC_INNER_PRODUCT)
    _, found = store.search_ids(queries, 10)
    recall = recall_at_k(found, exact)
    assert 0.95 <= recall <= 1.0
    hits = store.search(queries[:5], 10)  # scores of what IVF returns are the exact cosines
    for q, row in zip(queries[:5], hits):
        ids = [int(i.split("-")[1].split("#")[0]) * 10 + int(i.split("#")[1]) for i, _ in row]
        np.testing.assert_allclose([s for _, s in row], vectors[ids] @ q, rtol=1e-5)


def test_delete_add_persist_load_on_the_ivf_index(tmp_path):
    vectors = _vectors(20_000, seed=2)
    ids = _ids(len(vectors))
    store = SentenceVectorStore.empty(DIM)
    store.add_vectors(ids, vectors)
    store = store.fit(ann_threshold=5_000)
    assert store.approximate
    gone = ids[::3]
    store.delete_nodes(gone)
    assert store.size == len(ids) - len(gone)
    survivors = [i for i in range(len(ids)) if i % 3]
    top = store.search(vectors[survivors[:300]], 1)
    assert [row[0][0] for row in top] == [ids[i] for i in survivors[:300]]  # each finds itself, not a neighbour
    returned = {n for row in store.search(vectors[:300], 10) for n, _ in row}
    assert not returned & set(gone)

    store.add_vectors(["test-new#0", "test-new#1"], vectors[[0, 3]])  # the vectors of two deleted nodes
    assert [row[0][0] for row in store.search(vectors[[0, 3]], 1)] == ["test-new#0", "test-new#1"]
    store.persist(persist_path=str(tmp_path / "vector_store.faiss"))
    loaded = SentenceVectorStore.load(str(tmp_path / "vector_store.faiss"))
    assert loaded.kind == store.kind and loaded.size == store.size
    assert loaded.search(vectors[survivors[:50]], 5) == store.search(vectors[survivors[:50]], 5)
    loaded.add_vectors(["test-newer#0"], vectors[[6]])  # ids are never reused after a load
    assert loaded.search(vectors[[6]], 1)[0][0][0] == "test-newer#0"
    kept_ids, kept_vectors = loaded.node_vectors()
    assert len(kept_ids) == loaded.size and "test-newer#0" in kept_ids and ids[0] not in kept_ids
    np.testing.assert_array_equal(kept_vectors[kept_ids.index(ids[1])], vectors[1])


def test_fit_switches_by_size():
    vectors = _vectors(8_000, seed=3)
    store = SentenceVectorStore.from_vectors(_ids(2_000), vectors[:2_000], ann_threshold=4_000)
    assert store.fit(4_000) is store and store.kind == "exact"
    store.add_vectors(_ids(6_000, "more"), vectors[2_000:])
    grown = store.fit(4_000)
    assert grown.approximate and grown.size == 8_000
    assert grown.fit(4_000) is grown  # not retrained until it quadruples
    grown.delete_nodes(_ids(2_000) + _ids(5_000, "more"))
    shrunk = grown.fit(4_000)  # 1,000 left, under half the threshold
    assert shrunk.kind == "exact" and shrunk.size == 1_000
    assert shrunk.search(vectors[[7_999]], 1)[0][0][0] == "more-599#9"


def test_ingest_builds_and_updates_an_ivf_index(corpus_copy, fresh_settings, embed_model, weights_sha):
    from rag.assistant import Assistant
    from rag.ingest import ingest
    from rag.store import load_snapshot

    s = replace(fresh_settings, ann_threshold=10)  # the bundled articles hold more sentences than that
    ingest([corpus_copy], s, embed_model, weights_sha256=weights_sha)
    snap = load_snapshot(s.index_dir)
    assert snap.vectors.approximate and snap.sentence_count > 10
    extra = corpus_copy / "extra.md"
    extra.write_text("---\nid: test-extra\ntitle: 시험용 기사 (test data)\ndate: 2026-03-01\n---\n"
                     "시험 문장 하나입니다. 시험 문장 둘입니다.\n", encoding="utf-8")
    ingest([corpus_copy], s, embed_model, weights_sha256=weights_sha)
    extra.write_text(extra.read_text(encoding="utf-8").replace("시험 문장 둘입니다.", ""), encoding="utf-8")
    report = ingest([corpus_copy], s, embed_model, weights_sha256=weights_sha)
    assert report.updated == ["test-extra"]
    assistant = Assistant(s, embed_model, weights_sha)
    assistant.reload()
    assert assistant.retriever.snapshot.vectors.approximate
    hits = assistant.search("시험 문장 하나", k=3, mode="dense")
    assert hits[0].sentence_id == "test-extra#0" and 0.8 < hits[0].dense <= 1.0
    assert all(h.sentence_id != "test-extra#1" for h in assistant.search("시험 문장 둘", k=30, mode="dense"))
    assert any("2026년 5월 개소" in h.text for h in assistant.search("케이 스타트허브 개소 시기", k=5, mode="dense"))


def test_the_llama_index_query_seam_agrees_with_the_batched_search():
    from llama_index.core.vector_stores.types import VectorStoreQuery

    from rag.vector_store import query_store

    vectors = _vectors(6_000, seed=4)
    for threshold in (10_000, 2_000):  # exact, then IVF
        store = SentenceVectorStore.from_vectors(_ids(6_000), vectors, ann_threshold=threshold)
        queries = vectors[:20] + 0.01
        batched = query_store(store, queries, 5)
        for q, row in zip(queries, batched):  # what a Qdrant or Milvus store would be asked
            result = store.query(VectorStoreQuery(query_embedding=q.tolist(), similarity_top_k=5))
            assert result.ids == [n for n, _ in row]
            np.testing.assert_allclose(result.similarities, [s for _, s in row], rtol=1e-5)
