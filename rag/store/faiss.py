"""The embedded backend: FAISS vectors, a llama-index docstore and bm25s, all in the version folder.

    v…/vector_store.faiss + id_map.json   FAISS IndexIDMap2(IndexFlatIP; IVF above ann_threshold): cosines
       docstore.json                      llama-index SimpleDocumentStore, one node per sentence
       tokens.json                        Kiwi morphemes per node; the bm25s index is built from them at load
"""

from __future__ import annotations

import json
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import IndexMismatch
from ..vector_store import SentenceVectorStore
from .versions import (KEYWORD_OVERFETCH, Manifest, known_share, load_articles, rebuild_fix, stale_versions,
                       top_keyword_hits, write_json)

VECTOR_FILE = "vector_store.faiss"
ID_MAP_FILE = "id_map.json"
FILES = ("articles.json", "docstore.json", ID_MAP_FILE, "tokens.json", VECTOR_FILE)


@dataclass
class IndexSnapshot:
    """Everything one FAISS index version holds, in memory."""

    path: Path
    manifest: Manifest
    vectors: SentenceVectorStore
    docstore: object  # llama_index SimpleDocumentStore
    articles: dict
    tokens: dict[str, list[str]]
    _bm25: tuple | None = field(default=None, repr=False, compare=False)  # (bm25s.BM25, node ids, vocabulary)
    _bm25_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    backend = "faiss"

    @property
    def sentence_count(self) -> int:
        return self.vectors.size

    @property
    def kind(self) -> str:
        """The dense index: `exact` or `IVF (nlist …, nprobe …)`."""
        return self.vectors.kind

    def node_vectors(self) -> tuple[list[str], np.ndarray]:
        """(node ids, vectors) of every stored sentence."""
        return self.vectors.node_vectors()

    def disk_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.path.iterdir())

    # -- reads (the three methods retrieval calls, plus node) ------------------------------------
    def dense_search(self, vectors: np.ndarray, k: int) -> list[list[tuple[str, float]]]:
        """Top-k (node id, cosine) per query row."""
        return self.vectors.search(np.atleast_2d(vectors), k)

    def keyword_search(self, terms: list[str], k: int) -> list[tuple[str, float]]:
        """Okapi BM25 (bm25s, lucene variant, k1 1.5, b 0.75) of the terms the index knows; scores > 0 only."""
        bm25, node_ids, vocabulary = self._keyword_index()
        known = [t for t in dict.fromkeys(terms) if t in vocabulary]
        if not known or not node_ids:
            return []
        docs, scores = bm25.retrieve([known], k=min(k * KEYWORD_OVERFETCH, len(node_ids)), show_progress=False,
                                     n_threads=1)
        return top_keyword_hits([(node_ids[i], float(s)) for i, s in zip(docs[0].tolist(), scores[0].tolist())], k)

    def vocabulary_share(self, terms: list[str]) -> float:
        """Share of `terms` the keyword index knows (0.0 for no terms)."""
        return known_share(terms, self._keyword_index()[2])

    def node(self, node_id: str):
        return self.docstore.get_node(node_id)

    def _keyword_index(self) -> tuple:
        with self._bm25_lock:
            if self._bm25 is None:
                import bm25s

                node_ids = list(self.tokens)
                corpus = [self.tokens[n] or ["\u2400"] for n in node_ids]  # bm25s needs a token per doc
                bm25 = bm25s.BM25()
                if corpus:
                    bm25.index(corpus, show_progress=False)
                self._bm25 = (bm25, node_ids, set(bm25.vocab_dict) if corpus else set())
            return self._bm25

    # -- writes (ingest) -------------------------------------------------------------------------
    def remove_nodes(self, node_ids: list[str]) -> None:
        self.vectors.delete_nodes(node_ids)
        for node_id in node_ids:
            self.docstore.delete_document(node_id, raise_error=False)
            self.tokens.pop(node_id, None)
        self._bm25 = None

    def add_nodes(self, nodes: list, vectors: np.ndarray, tokens: list[list[str]]) -> None:
        self.vectors.add_vectors([n.id_ for n in nodes], vectors)
        self.docstore.add_documents(nodes, allow_update=True)
        self.tokens.update(zip((n.id_ for n in nodes), tokens))
        self._bm25 = None

    def fit(self, ann_threshold: int) -> None:
        self.vectors = self.vectors.fit(ann_threshold)  # exact or IVF by size

    def write_files(self, folder: Path, name: str) -> tuple[str, ...]:
        self.vectors.persist(persist_path=str(folder / VECTOR_FILE))
        self.docstore.persist(persist_path=str(folder / "docstore.json"))
        write_json(folder / "tokens.json", self.tokens)
        return tuple(n for n in FILES if n != "articles.json")

    def discard(self, name: str) -> None:
        """Nothing outside the version folder to undo."""

    def prune(self, root: Path, keep: set[str]) -> None:
        for path in stale_versions(root, keep):
            shutil.rmtree(path, ignore_errors=True)

    def close(self) -> None:
        """Nothing to release: everything is in memory."""


def empty(manifest: Manifest) -> IndexSnapshot:
    from llama_index.core.storage.docstore import SimpleDocumentStore

    return IndexSnapshot(Path(""), manifest, SentenceVectorStore.empty(manifest.dim), SimpleDocumentStore(), {}, {})


def load(root: Path, version: Path, manifest: Manifest) -> IndexSnapshot:
    from llama_index.core.storage.docstore import SimpleDocumentStore

    try:
        vectors = SentenceVectorStore.load(str(version / VECTOR_FILE))
        docstore = SimpleDocumentStore.from_persist_path(str(version / "docstore.json"))
        articles = load_articles(version)
        tokens = json.loads((version / "tokens.json").read_text())
    except Exception as exc:  # a damaged file that slipped past the checksums (verify=False)
        raise IndexMismatch(f"index at {version} cannot be read ({type(exc).__name__}: {exc}); "
                            f"{rebuild_fix(root)}") from None
    return IndexSnapshot(version, manifest, vectors, docstore, articles, tokens)
