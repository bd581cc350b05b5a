"""The FAISS vector store behind llama-index's vector-store seam.

Vectors are L2-normalised and searched by inner product, so a score is a cosine similarity.
"""

from __future__ import annotations

from typing import Any, List

import numpy as np
from llama_index.core.bridge.pydantic import PrivateAttr
from llama_index.core.schema import BaseNode
from llama_index.vector_stores.faiss import FaissMapVectorStore


class SentenceVectorStore(FaissMapVectorStore):
    """FaissMapVectorStore with batched adds and ids that are never reused.

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

    def add(self, nodes: List[BaseNode], **add_kwargs: Any) -> List[str]:
        if not nodes:
            return []
        vectors = np.asarray([node.get_embedding() for node in nodes], dtype="float32")
        ids = np.arange(self._next_id, self._next_id + len(nodes), dtype=np.int64)
        self._faiss_index.add_with_ids(vectors, ids)
        for faiss_id, node in zip(ids.tolist(), nodes):
            self._node_id_to_faiss_id_map[node.id_] = faiss_id
            self._faiss_id_to_node_id_map[faiss_id] = node.id_
        self._next_id += len(nodes)
        return [node.id_ for node in nodes]

    def add_vectors(self, node_ids: list[str], vectors: np.ndarray) -> None:
        """Add pre-computed vectors without building node objects (the ingest hot path)."""
        ids = np.arange(self._next_id, self._next_id + len(node_ids), dtype=np.int64)
        self._faiss_index.add_with_ids(np.ascontiguousarray(vectors, dtype="float32"), ids)
        self._node_id_to_faiss_id_map.update(zip(node_ids, ids.tolist()))
        self._faiss_id_to_node_id_map.update(zip(ids.tolist(), node_ids))
        self._next_id += len(node_ids)

    def search(self, queries: np.ndarray, k: int) -> list[list[tuple[str, float]]]:
        """Batched top-k: for each query row, (node id, cosine) pairs, FAISS's -1 padding dropped."""
        k = max(1, min(k, self._faiss_index.ntotal))
        if self._faiss_index.ntotal == 0:
            return [[] for _ in range(len(queries))]
        scores, ids = self._faiss_index.search(np.ascontiguousarray(queries, dtype="float32"), k)
        lookup = self._faiss_id_to_node_id_map
        return [[(lookup[i], float(s)) for i, s in zip(row_ids, row_scores) if i >= 0]
                for row_ids, row_scores in zip(ids.tolist(), scores.tolist())]

    @property
    def size(self) -> int:
        return int(self._faiss_index.ntotal)
