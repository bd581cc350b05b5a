"""The index on disk: versioned folders, a manifest with checksums, and an atomic switch.

    index/
      CURRENT              name of the complete version in use (replaced atomically)
      v<time>-<pid>/       one complete version:
        manifest.json      format, model fingerprint, counts, per-article hashes, file sha256s
        vector_store.faiss FAISS IndexIDMap2(IndexFlatIP; IndexIVFFlat above ann_threshold): cosine scores
        id_map.json        FAISS id <-> node id (llama-index FaissMapVectorStore format)
        docstore.json      llama-index SimpleDocumentStore with one node per sentence
        articles.json      article metadata and full text (for the source panel)
        tokens.json        Kiwi morphemes per node, so BM25 is rebuilt without re-analysing

A crash at any point leaves CURRENT naming the previous complete version.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import threading
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from .corpus import Article
from .errors import HubqaError, IndexMismatch, IndexNotFound
from .model_build import file_sha256 as _sha256
from .vector_store import SentenceVectorStore

FORMAT_VERSION = 1
VECTOR_FILE = "vector_store.faiss"
ID_MAP_FILE = "id_map.json"
FILES = ("articles.json", "docstore.json", ID_MAP_FILE, "tokens.json", VECTOR_FILE)


@dataclass
class Manifest:
    format: int
    model_id: str
    weights_sha256: str
    dim: int
    created: str
    articles: dict[str, dict] = field(default_factory=dict)  # doc_id -> {hash, source, node_ids}
    counts: dict[str, int] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # file name -> sha256
    checksum: str = ""  # sha256 of every other field: an edited or damaged manifest is refused too
    updated: str = ""  # when this version was written


@dataclass
class IndexSnapshot:
    """Everything one index version holds, in memory."""

    path: Path
    manifest: Manifest
    vectors: SentenceVectorStore
    docstore: object  # llama_index SimpleDocumentStore
    articles: dict[str, Article]
    tokens: dict[str, list[str]]

    _keyword: tuple | None = field(default=None, init=False, repr=False, compare=False)  # (bm25s, node ids, vocab)
    _keyword_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False, compare=False)

    @property
    def sentence_count(self) -> int:
        return self.vectors.size

    def node(self, node_id: str):
        return self.docstore.get_node(node_id)

    # -- the three searches retrieval uses (a Milvus-backed index offers the same three) --------
    def dense_search(self, vectors: np.ndarray, k: int) -> list[list[tuple[str, float]]]:
        """For each query row, the k nearest sentences as (node id, cosine), best first."""
        return self.vectors.search(vectors, k)

    def keyword_search(self, terms: list[str], k: int) -> list[tuple[str, float]]:
        """Okapi BM25 over the sentences' Kiwi morphemes: (node id, score) with score > 0, best first."""
        bm25, node_ids, vocab = self._keyword_index()
        tokens = [t for t in terms if t in vocab]
        if not tokens:
            return []
        docs, scores = bm25.retrieve([tokens], k=min(k, len(node_ids)), show_progress=False, n_threads=1)
        return [(node_ids[i], float(s)) for i, s in zip(docs[0].tolist(), scores[0].tolist()) if s > 0]

    def vocabulary_share(self, terms: list[str]) -> float:
        """The share of `terms` the keyword index knows (0 for none, or for no terms)."""
        vocab = self._keyword_index()[2]
        return sum(t in vocab for t in terms) / len(terms) if terms else 0.0

    def _keyword_index(self) -> tuple:
        """bm25s over `tokens`, built once per snapshot on first use (sparse matrices, ~1 s per 100k sentences)."""
        with self._keyword_lock:
            if self._keyword is None:
                import bm25s

                node_ids = list(self.tokens)
                bm25 = bm25s.BM25()
                if node_ids:  # bm25s needs a token per document
                    bm25.index([self.tokens[n] or ["\u2400"] for n in node_ids], show_progress=False)
                self._keyword = (bm25, node_ids, frozenset(bm25.vocab_dict) if node_ids else frozenset())
            return self._keyword


def current_version(root: Path) -> Path | None:
    pointer = root / "CURRENT"
    if not pointer.exists():
        return None
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:  # a damaged pointer is a damaged index, not a crash
        raise IndexMismatch(f"index at {root}/ has an unreadable CURRENT pointer ({exc}); rebuild it with "
                            f"`rag ingest --rebuild --index {root}`") from None
    return root / name if name else None


def _manifest_digest(manifest: Manifest) -> str:
    data = {**asdict(manifest), "checksum": ""}
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def load_snapshot(root: Path, *, weights_sha256: str | None = None, verify: bool = True) -> IndexSnapshot:
    """Load the current version, refusing a corrupt one or one built with other weights."""
    from llama_index.core.storage.docstore import SimpleDocumentStore

    version = current_version(root)
    if version is None:
        raise IndexNotFound(f"no index at {root}/; build it with `rag ingest` (add `--index {root}` "
                            f"if it lives elsewhere)")
    fix = f"rebuild it with `rag ingest --rebuild --index {root}`"
    try:
        manifest = Manifest(**json.loads((version / "manifest.json").read_text()))
    except (OSError, ValueError, TypeError) as exc:
        raise IndexMismatch(f"index at {root}/ has no readable manifest ({exc}); {fix}") from None
    if manifest.format != FORMAT_VERSION:
        raise IndexMismatch(f"index at {root}/ has format {manifest.format}, this hubqa reads "
                            f"{FORMAT_VERSION}; {fix}")
    if verify and manifest.checksum != _manifest_digest(manifest):
        raise IndexMismatch(f"index file {version / 'manifest.json'} is corrupt (checksum mismatch); {fix}")
    if weights_sha256 and manifest.weights_sha256 != weights_sha256:
        raise IndexMismatch(f"index at {root}/ was built with a different embedding model "
                            f"(weights {manifest.weights_sha256[:12]}…, now {weights_sha256[:12]}…); {fix}")
    if verify:
        for name in FILES:
            path = version / name
            if not path.exists():
                raise IndexMismatch(f"index file {path} is missing; {fix}")
            if _sha256(path) != manifest.files.get(name):
                raise IndexMismatch(f"index file {path} is corrupt (checksum mismatch); {fix}")
    try:
        vectors = SentenceVectorStore.load(str(version / VECTOR_FILE))
        docstore = SimpleDocumentStore.from_persist_path(str(version / "docstore.json"))
        articles = {k: Article(**v) for k, v in json.loads((version / "articles.json").read_text()).items()}
        tokens = json.loads((version / "tokens.json").read_text())
    except Exception as exc:  # a damaged file that slipped past the checksums (verify=False)
        raise IndexMismatch(f"index at {version} cannot be read ({type(exc).__name__}: {exc}); {fix}") from None
    return IndexSnapshot(version, manifest, vectors, docstore, articles, tokens)


def write_snapshot(root: Path, snapshot: IndexSnapshot) -> Path:
    """Persist `snapshot` as a new version folder, then switch CURRENT to it atomically."""
    name = f"v{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}"
    tmp = root / (name + ".partial")
    try:
        _write_version(root, name, tmp, snapshot)
    except (OSError, RuntimeError) as exc:  # faiss reports a failed write (a full disk) as RuntimeError
        shutil.rmtree(tmp, ignore_errors=True)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)[-160:]
        raise HubqaError(f"cannot write a new index version in {root}/ ({reason}); free disk space or make "
                         f"the folder writable, then run `rag ingest` again (the index in use is unchanged)") from None
    _prune(root, keep={name, snapshot.path.name if snapshot.path else ""})
    return root / name


def _write_version(root: Path, name: str, tmp: Path, snapshot: IndexSnapshot) -> None:
    """The files into `tmp` (fsynced), renamed to `name`, then CURRENT switched by os.replace."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    snapshot.vectors.persist(persist_path=str(tmp / VECTOR_FILE))
    snapshot.docstore.persist(persist_path=str(tmp / "docstore.json"))
    _write_json(tmp / "articles.json", {k: asdict(v) for k, v in snapshot.articles.items()})
    _write_json(tmp / "tokens.json", snapshot.tokens)
    manifest = snapshot.manifest
    manifest.counts = {"articles": len(snapshot.articles), "sentences": snapshot.vectors.size}
    manifest.updated = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    manifest.files = {n: _sha256(tmp / n) for n in FILES}
    manifest.checksum = _manifest_digest(manifest)
    _write_json(tmp / "manifest.json", asdict(manifest))
    for path in tmp.iterdir():
        _fsync(path)
    final = root / name
    tmp.rename(final)
    _fsync(root)
    pointer_tmp = root / "CURRENT.tmp"
    pointer_tmp.write_text(name + "\n")
    _fsync(pointer_tmp)
    os.replace(pointer_tmp, root / "CURRENT")
    _fsync(root)


def _prune(root: Path, keep: set[str]) -> None:
    """Remove versions other than the current and the previous one (a reader may still be loading it)."""
    for path in root.iterdir():
        if path.is_dir() and path.name.startswith("v") and path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)


def _write_json(path: Path, data) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def ingest_lock(root: Path):
    """One writer at a time per index folder; readers never need the lock."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        handle = open(root / ".lock", "w")
    except OSError as exc:
        raise HubqaError(f"cannot create or write the index folder {root}/ ({exc.strerror or exc}); pass a "
                         f"writable folder with --index DIR or set HUBQA_INDEX_DIR") from None
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
