"""The index store: one seam, two backends, the same versioned folder and manifest (versions.py).

    faiss.py   embedded default: FAISS + llama-index docstore + bm25s, all files in the version folder
    milvus.py  scale-out: one Milvus collection per version (Milvus Lite file or a server), dense and BM25 inside it

`Settings.store` (`--store`, HUBQA_STORE) picks the backend an ingest writes; loading follows the manifest.
Every backend's index object offers what retrieval and the answerer read:

    dense_search(vectors: np.ndarray, k) -> list[list[(node_id, cosine)]]   one list per query row
    keyword_search(terms: list[str], k) -> list[(node_id, bm25)]           Kiwi morphemes; scores > 0 only
    vocabulary_share(terms: list[str]) -> float                            share of terms the keyword index knows
    node(node_id) -> TextNode (metadata doc_id/starts/ends/title/date/outlet); articles: doc_id -> Article;
    tokens: node_id -> morphemes; manifest, path, sentence_count, kind; close()

and what ingest writes through: remove_nodes(ids), add_nodes(nodes, vectors, tokens), fit(ann_threshold),
then `write_snapshot`, which calls the backend's write_files / discard / prune around the atomic switch.
"""

from __future__ import annotations

import time
from pathlib import Path

from ..errors import ConfigError, IndexNotFound
from . import faiss as _faiss
from .faiss import FILES, ID_MAP_FILE, VECTOR_FILE, IndexSnapshot
from .versions import FORMAT_VERSION, Manifest, current_version, ingest_lock, read_manifest, write_version

BACKENDS = ("faiss", "milvus")

__all__ = ["BACKENDS", "FILES", "FORMAT_VERSION", "ID_MAP_FILE", "VECTOR_FILE", "IndexSnapshot", "Manifest",
           "current_version", "empty_snapshot", "ingest_lock", "load_snapshot", "write_snapshot"]


def load_snapshot(root: Path, *, weights_sha256: str | None = None, verify: bool = True,
                  milvus_uri: str | None = None):
    """Load the current version with the backend its manifest names, refusing a corrupt one or one built
    with other weights. `milvus_uri` (default: the Lite file in the folder) is where a Milvus index lives."""
    root = Path(root)
    version = current_version(root)
    if version is None:
        raise IndexNotFound(f"no index at {root}/; build it with `rag ingest` (add `--index {root}` "
                            f"if it lives elsewhere)")
    manifest = read_manifest(root, version, weights_sha256=weights_sha256, verify=False)
    if manifest.backend == "milvus":
        from . import milvus

        manifest = read_manifest(root, version, weights_sha256=weights_sha256, verify=verify, files=milvus.FILES)
        return milvus.load(root, version, manifest, milvus_uri)
    manifest = read_manifest(root, version, weights_sha256=weights_sha256, verify=verify, files=FILES)
    return _faiss.load(root, version, manifest)


def empty_snapshot(root: Path, settings, weights_sha256: str, dim: int):
    """A new, empty index of the backend `settings.store` names."""
    manifest = Manifest(format=FORMAT_VERSION, model_id=settings.model_id, weights_sha256=weights_sha256,
                        dim=dim, created=time.strftime("%Y-%m-%dT%H:%M:%S%z"))
    if settings.store == "milvus":
        from . import milvus

        return milvus.empty(manifest, Path(root), settings.milvus_uri or None)
    if settings.store != "faiss":
        raise ConfigError(f"store {settings.store!r} is not one of {', '.join(BACKENDS)}")
    return _faiss.empty(manifest)


def write_snapshot(root: Path, snapshot) -> Path:
    """Persist `snapshot` as a new version and switch CURRENT to it atomically (versions.write_version)."""
    return write_version(Path(root), snapshot)
