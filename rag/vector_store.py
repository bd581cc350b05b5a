"""The FAISS vector store behind llama-index's vector-store seam: exact when small, IVF when large.

Vectors are L2-normalised and searched by inner product, so a score is a cosine similarity. Up to
`Settings.ann_threshold` vectors the index is exact, `IndexIDMap2(IndexFlatIP)`. Above it `fit` rebuilds
it as `IndexIDMap2(IndexIVFFlat)`: spherical k-means cells, raw float vectors inside each cell, so the
scores of what it returns are still exact cosines and only the candidate set is approximate. `nprobe`
(how many cells a query visits) is calibrated at build time to reach `TARGET_RECALL` and is saved in
the FAISS file, so a loaded index searches as it was tested.

IVF rather than HNSW because incremental ingest deletes: `IndexHNSWFlat` has no `remove_ids`, IVF does.
"""

from __future__ import annotations

import math
from typing import Any, List

import numpy as np
from llama_index.core.bridge.pydantic import PrivateAttr
from llama_index.core.schema import BaseNode
from llama_index.vector_stores.faiss import FaissMapVectorStore

TARGET_RECALL = 0.98  # recall@10 vs exact on calibration queries; real questions then reached 0.94–0.99 at 1M (BENCHMARKS.md)
CALIBRATION_QUERIES = 200  # midpoints of stored vectors used as queries when calibrating nprobe
TRAIN_POINTS_PER_CELL = 40  # k-means sample per cell; FAISS warns below 39
KMEANS_ITERATIONS = 10  # FAISS defaults to 25; rougher cells cost a larger calibrated nprobe, not recall
MIN_NPROBE = 8  # where calibration starts: fewer cells than this save no measurable time


def ivf_cells(n: int) -> int:
    """Number of IVF cells for n vectors: about √n (a cell then holds about √n vectors), fewer when
    n is too small to train that many.

    >>> ivf_cells(1_000_000), ivf_cells(250_000), ivf_cells(100)
    (1000, 500, 2)
    """
    return max(1, min(int(math.sqrt(n)), n // TRAIN_POINTS_PER_CELL))


def recall_at_k(approx_ids: np.ndarray, exact_ids: np.ndarray) -> float:
    """Mean fraction of each row of `exact_ids` (FAISS ids, -1 = padding) found in the same row of `approx_ids`.

    >>> recall_at_k(np.array([[1, 2, 9]]), np.array([[1, 2, 3]]))
    0.6666666666666666
    """
    found = total = 0
    for approx, exact in zip(approx_ids.tolist(), exact_ids.tolist()):
        exact = {i for i in exact if i >= 0}
        found += len(exact.intersection(approx))
        total += len(exact)
    return found / total if total else 1.0


class SentenceVectorStore(FaissMapVectorStore):
    """FaissMapVectorStore with batched adds and searches, ids never reused, and an IVF mode for scale.

    The upstream `add` inserts one vector per Python call and numbers new vectors by `ntotal`,
    which collides with a surviving id once anything was deleted; incremental ingest deletes.
    """

    _next_id: int = PrivateAttr(default=0)

    @classmethod
    def empty(cls, dim: int) -> "SentenceVectorStore":
        import faiss

        return cls(faiss_index=faiss.IndexIDMap2(faiss.IndexFlatIP(dim)))

    @classmethod
    def load(cls, path: str) -> "SentenceVectorStore":
        store = cls.from_persist_path(persist_path=path)
        store._next_id = max(store._faiss_id_to_node_id_map, default=-1) + 1
        return store

    # -- writes --------------------------------------------------------------------------------
    def add(self, nodes: List[BaseNode], **add_kwargs: Any) -> List[str]:
        if not nodes:
            return []
        self.add_vectors([node.id_ for node in nodes],
                         np.asarray([node.get_embedding() for node in nodes], dtype="float32"))
        return [node.id_ for node in nodes]

    def add_vectors(self, node_ids: list[str], vectors: np.ndarray) -> None:
        """Add pre-computed vectors without building node objects (the ingest hot path)."""
        ids = np.arange(self._next_id, self._next_id + len(node_ids), dtype=np.int64)
        self._faiss_index.add_with_ids(np.ascontiguousarray(vectors, dtype="float32"), ids)
        self._node_id_to_faiss_id_map.update(zip(node_ids, ids.tolist()))
        self._faiss_id_to_node_id_map.update(zip(ids.tolist(), node_ids))
        self._next_id += len(node_ids)

    def delete_nodes(self, node_ids=None, filters=None, **delete_kwargs: Any) -> None:
        ivf = self._ivf()
        if ivf is None or not node_ids:
            return super().delete_nodes(node_ids, filters, **delete_kwargs)
        # IndexIDMap2 compacts its id table after a removal, assuming the inner index renumbers its
        # survivors as IndexFlat does; IVF keeps their old positions, so renumber them here.
        import faiss

        faiss_ids = [self._node_id_to_faiss_id_map[n] for n in node_ids if n in self._node_id_to_faiss_id_map]
        positions = np.flatnonzero(np.isin(faiss.vector_to_array(self._faiss_index.id_map), faiss_ids))
        super().delete_nodes(node_ids, filters, **delete_kwargs)
        if len(positions):
            for cell in range(ivf.nlist):
                size = ivf.invlists.list_size(cell)
                if size:
                    ids = faiss.rev_swig_ptr(ivf.invlists.get_ids(cell), size)  # a view: edited in place
                    ids -= np.searchsorted(positions, ids)

    def fit(self, ann_threshold: int, target_recall: float = TARGET_RECALL) -> "SentenceVectorStore":
        """The store to persist at this size: exact up to `ann_threshold`, IVF above it.

        An IVF index is rebuilt when the store has quadrupled since its cells were trained, and
        turned back into an exact one when it shrinks below half the threshold.
        """
        n, ivf = self.size, self._ivf()
        stale = ivf is not None and (n < ann_threshold // 2 or ivf.nlist < ivf_cells(n) // 2)
        if (ivf is None and n > ann_threshold) or stale:
            ids, vectors = self.stored_vectors()
            node_ids = [self._faiss_id_to_node_id_map[i] for i in ids.tolist()]
            store = self.from_vectors(node_ids, vectors, ann_threshold=ann_threshold,
                                      target_recall=target_recall, ids=ids)
            store._next_id = self._next_id
            return store
        return self

    @classmethod
    def from_vectors(cls, node_ids: list[str], vectors: np.ndarray, *, ann_threshold: int,
                     target_recall: float = TARGET_RECALL, ids: np.ndarray | None = None) -> "SentenceVectorStore":
        """A store holding `vectors`, built exact or IVF by size in one pass (no intermediate copy)."""
        import faiss

        n, dim = vectors.shape
        vectors = np.ascontiguousarray(vectors, dtype="float32")
        ids = np.arange(n, dtype=np.int64) if ids is None else ids
        if n > ann_threshold:
            nlist = ivf_cells(n)
            ivf = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
            ivf.cp.spherical = True  # centroids on the unit sphere, like the vectors
            ivf.cp.niter = KMEANS_ITERATIONS
            sample = np.random.default_rng(0).choice(n, min(n, TRAIN_POINTS_PER_CELL * nlist), replace=False)
            ivf.train(vectors[np.sort(sample)])
            index = faiss.IndexIDMap2(ivf)
        else:
            index = faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
        index.add_with_ids(vectors, ids)
        store = cls(faiss_index=index)
        store._node_id_to_faiss_id_map = dict(zip(node_ids, ids.tolist()))
        store._faiss_id_to_node_id_map = dict(zip(ids.tolist(), node_ids))
        store._next_id = int(ids.max()) + 1 if n else 0
        if store.approximate:
            store.calibrate(vectors, target_recall)
        return store

    def calibrate(self, vectors: np.ndarray, target_recall: float = TARGET_RECALL, k: int = 10) -> float:
        """Set the smallest nprobe whose recall@k vs exact reaches `target_recall`; return that recall.

        The queries are midpoints of random pairs of stored vectors: a question rarely sits on a stored
        sentence, and a midpoint, between regions of the data, is a harder and model-free stand-in.
        """
        import faiss

        ivf = self._ivf()
        pairs = np.random.default_rng(1).integers(0, len(vectors), (CALIBRATION_QUERIES, 2))
        queries = vectors[pairs[:, 0]] + vectors[pairs[:, 1]]
        queries /= np.maximum(np.linalg.norm(queries, axis=1, keepdims=True), 1e-6)
        _, exact = faiss.knn(queries, vectors, k, metric=faiss.METRIC_INNER_PRODUCT)
        recall, nprobe = 0.0, min(MIN_NPROBE, ivf.nlist)
        while True:
            ivf.nprobe = nprobe
            _, approx = ivf.search(queries, k)  # inner positions, comparable with the rows of `vectors`
            recall = recall_at_k(approx, exact)
            if recall >= target_recall or nprobe >= ivf.nlist:
                return recall
            nprobe = min(ivf.nlist, nprobe * 2)

    # -- reads ---------------------------------------------------------------------------------
    def search(self, queries: np.ndarray, k: int) -> list[list[tuple[str, float]]]:
        """Batched top-k: for each query row, (node id, cosine) pairs, FAISS's -1 padding dropped."""
        if self._faiss_index.ntotal == 0:
            return [[] for _ in range(len(queries))]
        scores, ids = self.search_ids(queries, k)
        lookup = self._faiss_id_to_node_id_map
        return [[(lookup[i], float(s)) for i, s in zip(row_ids, row_scores) if i >= 0]
                for row_ids, row_scores in zip(ids.tolist(), scores.tolist())]

    def search_ids(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Raw batched FAISS search: (cosines, FAISS ids), ids -1 where fewer than k vectors exist."""
        k = max(1, min(k, self._faiss_index.ntotal))
        return self._faiss_index.search(np.ascontiguousarray(queries, dtype="float32"), k)

    def stored_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        """(FAISS ids, vectors) of everything stored, read straight from the index's storage."""
        import faiss

        index, n = self._faiss_index, self.size
        ids = faiss.vector_to_array(index.id_map).astype(np.int64)
        ivf = self._ivf()
        if ivf is None:
            return ids, faiss.downcast_index(index.index).reconstruct_n(0, n)
        vectors = np.empty((n, index.d), dtype="float32")
        for cell in range(ivf.nlist):  # IVFFlat cells hold raw float32 codes; their ids are positions
            size = ivf.invlists.list_size(cell)
            if size:
                positions = faiss.rev_swig_ptr(ivf.invlists.get_ids(cell), size)
                codes = faiss.rev_swig_ptr(ivf.invlists.get_codes(cell), size * ivf.code_size)
                vectors[positions] = codes.view("float32").reshape(size, index.d)
        return ids, vectors

    def node_vectors(self) -> tuple[list[str], np.ndarray]:
        """(node ids, vectors) of everything stored, in storage order."""
        ids, vectors = self.stored_vectors()
        return [self._faiss_id_to_node_id_map[i] for i in ids.tolist()], vectors

    def _ivf(self):
        import faiss

        inner = faiss.downcast_index(self._faiss_index.index)
        return inner if isinstance(inner, faiss.IndexIVF) else None

    @property
    def approximate(self) -> bool:
        return self._ivf() is not None

    @property
    def kind(self) -> str:
        ivf = self._ivf()
        return f"IVF (nlist {ivf.nlist}, nprobe {ivf.nprobe})" if ivf is not None else "exact"

    @property
    def size(self) -> int:
        return int(self._faiss_index.ntotal)


def query_store(store, queries: np.ndarray, k: int) -> list[list[tuple[str, float]]]:
    """Top-k (node id, score) per query row from any llama-index vector store.

    FAISS here answers a whole batch in one call; any other `BasePydanticVectorStore` (e.g. llama-index's
    QdrantVectorStore or MilvusVectorStore) is asked through the standard `query(VectorStoreQuery)` seam.
    """
    if isinstance(store, SentenceVectorStore):
        return store.search(queries, k)
    from llama_index.core.vector_stores.types import VectorStoreQuery

    results = (store.query(VectorStoreQuery(query_embedding=q.tolist(), similarity_top_k=k)) for q in queries)
    return [list(zip(r.ids or [], r.similarities or [])) for r in results]
