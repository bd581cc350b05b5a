"""Ingest: articles → sentences → nodes → vectors, incrementally, into the index on disk."""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from .chunking import article_nodes
from .config import Settings
from .corpus import Article, LoadFailure, load_corpus
from .errors import IndexMismatch, IndexNotFound
from .sentences import morphemes_batch, split_article
from .store import empty_snapshot, ingest_lock, load_snapshot, write_snapshot

Progress = Callable[[int, int], None]  # (sentences embedded so far, total to embed)


@dataclass(frozen=True)
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[LoadFailure] = field(default_factory=list)
    sentences_embedded: int = 0
    seconds: float = 0.0
    embed_seconds: float = 0.0
    version: str = ""

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def summary(self) -> str:
        rate = self.sentences_embedded / self.embed_seconds if self.embed_seconds else 0.0
        return (f"articles: {len(self.added)} added, {len(self.updated)} updated, "
                f"{len(self.unchanged)} unchanged, {len(self.removed)} removed, {len(self.failed)} failed; "
                f"{self.sentences_embedded} sentences embedded in {self.seconds:.1f} s"
                + (f" ({rate:.0f} sentences/s)" if rate else ""))


def embed_passages(embed_model, texts: list[str], progress: Progress | None = None) -> np.ndarray:
    """Encode passages longest-first in batches (padding waste stays small), in original order."""
    dim = None
    order = np.argsort([-len(t) for t in texts], kind="stable")
    out: np.ndarray | None = None
    batch = max(1, embed_model.embed_batch_size) * 4
    for begin in range(0, len(texts), batch):
        rows = order[begin:begin + batch]
        vectors = np.asarray(embed_model.get_text_embedding_batch([texts[i] for i in rows]), dtype="float32")
        if out is None:
            dim = vectors.shape[1]
            out = np.empty((len(texts), dim), dtype="float32")
        out[rows] = vectors
        if progress:
            progress(min(begin + batch, len(texts)), len(texts))
    return out if out is not None else np.zeros((0, 0), dtype="float32")


def _covered(source: str, paths: list[Path]) -> bool:
    """Is an article's source file inside what this ingest scans (so its absence means removal)?"""
    src = Path(source).resolve()
    for p in paths:
        p = p.resolve()
        if src == p or p in src.parents:
            return True
    return False


def ingest(paths: list[Path], settings: Settings, embed_model, *, weights_sha256: str,
           rebuild: bool = False, progress: Progress | None = None) -> IngestReport:
    """Bring the index in `settings.index_dir` in line with the article files under `paths`."""
    started = time.perf_counter()
    root = Path(settings.index_dir)
    articles, failures = load_corpus(paths, max_bytes=settings.max_article_bytes)
    with ingest_lock(root):
        leftovers = list(root.glob("v*.partial"))  # what a crashed writer left; no reader ever uses it
        for leftover in leftovers:
            shutil.rmtree(leftover, ignore_errors=True)
        snapshot = None
        if not rebuild:
            try:
                snapshot = load_snapshot(root, weights_sha256=weights_sha256, milvus_uri=settings.milvus_uri)
            except IndexNotFound:
                snapshot = None
        if snapshot is not None and snapshot.backend != settings.store:
            raise IndexMismatch(f"index at {root}/ is a {snapshot.backend} index, and this ingest writes "
                                f"{settings.store} (--store, HUBQA_STORE); pass --store {snapshot.backend}, or "
                                f"rebuild it with `rag ingest --rebuild --store {settings.store} --index {root}`")
        if snapshot is None:
            dim = len(embed_model.get_text_embedding("dimension probe"))
            snapshot = empty_snapshot(root, settings, weights_sha256, dim)
        for leftover in leftovers:
            snapshot.discard(leftover.name.removesuffix(".partial"))  # e.g. a half-written Milvus collection
        report = _apply(snapshot, articles, failures, paths, embed_model, progress)
        version = ""
        if report["changed"] or rebuild or not snapshot.path.name:
            snapshot.fit(settings.ann_threshold)  # exact or approximate by size
            version = write_snapshot(root, snapshot).name
    return IngestReport(added=report["added"], updated=report["updated"], unchanged=report["unchanged"],
                        removed=report["removed"], failed=report["failed"],
                        sentences_embedded=report["embedded"], seconds=time.perf_counter() - started,
                        embed_seconds=report["embed_seconds"], version=version)


def _apply(snapshot, articles: list[Article], failures: list[LoadFailure],
           paths: list[Path], embed_model, progress: Progress | None) -> dict:
    manifest = snapshot.manifest
    added, updated, unchanged, removed = [], [], [], []
    to_index: list[Article] = []
    failures = list(failures)
    failed_sources = {Path(f.path).resolve() for f in failures}
    for article in articles:
        entry = manifest.articles.get(article.doc_id)
        if entry is None:
            added.append(article.doc_id)
            to_index.append(article)
        elif entry["source"] != article.source_path and Path(entry["source"]).exists() \
                and Path(entry["source"]).resolve() != Path(article.source_path).resolve():
            failures.append(LoadFailure(article.source_path,
                                        f"{article.source_path}: duplicate article id {article.doc_id!r} "
                                        f"(already indexed from {entry['source']}); give it another id"))
        elif entry["hash"] == article.content_hash:
            unchanged.append(article.doc_id)
        else:
            updated.append(article.doc_id)
            to_index.append(article)
    seen = {a.doc_id for a in articles}
    for doc_id, entry in list(manifest.articles.items()):
        source = Path(entry["source"])
        if doc_id not in seen and _covered(entry["source"], paths) and not source.exists() \
                and source.resolve() not in failed_sources:
            removed.append(doc_id)

    for doc_id in updated + removed:
        snapshot.remove_nodes(manifest.articles[doc_id]["node_ids"])
        if doc_id in removed:
            del manifest.articles[doc_id]
            snapshot.articles.pop(doc_id, None)

    nodes = []
    for article in to_index:
        article_node_list = article_nodes(article, split_article(article))
        nodes.extend(article_node_list)
        manifest.articles[article.doc_id] = {"hash": article.content_hash, "source": article.source_path,
                                             "node_ids": [n.id_ for n in article_node_list]}
        snapshot.articles[article.doc_id] = article
    texts = [n.get_content() for n in nodes]
    embed_started = time.perf_counter()
    vectors = embed_passages(embed_model, texts, progress) if nodes else None
    embed_seconds = time.perf_counter() - embed_started
    if nodes:
        snapshot.add_nodes(nodes, vectors, morphemes_batch(texts))
    return {"added": added, "updated": updated, "unchanged": unchanged, "removed": removed,
            "failed": failures, "embedded": len(nodes), "embed_seconds": embed_seconds,
            "changed": bool(added or updated or removed)}
