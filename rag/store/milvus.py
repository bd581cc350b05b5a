"""The scale-out backend: every sentence a row of a Milvus collection, one collection per index version.

A row holds the node id, the normalised vector (searched by inner product, so scores are cosines), the
sentence text and metadata (the llama-index node is rebuilt from them), and the Kiwi morphemes as
space-separated terms that Milvus's built-in BM25 function turns into a sparse vector: dense and keyword
search both run inside Milvus. The version folder keeps the manifest, the articles and the vocabulary
(term -> sentences holding it: what `vocabulary_share` reads; a few MB at a million sentences).

Atomicity: an ingest writes a new collection `hubqa_<version>` (the previous one's rows copied over
without re-embedding, minus changed and removed articles, plus the new rows), flushes it, and only then
writes the version folder and switches CURRENT, as the FAISS backend does. Until that switch every reader
uses the previous collection, untouched. A crash leaves at most an orphan collection (and a `.partial`
folder), dropped by the next ingest; the collections of pruned versions are dropped with them.

`Settings.milvus_uri` picks the server: empty = a Milvus Lite file `milvus.db` inside the index folder
(one process at a time may open it), `http://host:19530` = a Milvus server or cluster, same calls.
"""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import HubqaError, IndexMismatch
from .versions import (KEYWORD_OVERFETCH, Manifest, known_share, load_articles, rebuild_fix, stale_versions,
                       top_keyword_hits, write_json)

LITE_FILE = "milvus.db"
VOCABULARY_FILE = "vocabulary.json"
FILES = ("articles.json", VOCABULARY_FILE)
BATCH_ROWS = 2000  # rows per insert / copy call: gRPC messages stay well under Milvus's 64 MB limit
MAX_TEXT_BYTES = 65_535  # Milvus VARCHAR limit
BM25_K1, BM25_B = 1.5, 0.75  # bm25s's defaults, so both backends rank keywords alike
IVF_NPROBE = 64  # cells visited per query once a collection is IVF (above Settings.ann_threshold)
_WORD = re.compile(r"\w+")

_clients: dict[str, object] = {}
_clients_lock = threading.Lock()


def resolve_uri(root: Path, uri: str | None) -> str:
    """The Milvus URI for the index at `root`: `uri`, or the Milvus Lite file inside the folder."""
    return uri or str((Path(root) / LITE_FILE).resolve())


def is_lite(uri: str) -> bool:
    return uri.endswith(".db")


def client(uri: str):
    """One MilvusClient per URI per process (Milvus Lite serves a file to one process at a time)."""
    with _clients_lock:
        if uri not in _clients:
            try:
                from pymilvus import MilvusClient
            except ImportError:
                raise HubqaError("the Milvus backend needs pymilvus and milvus-lite; "
                                 "run `pip install -e .` (they are hubqa dependencies)") from None
            if is_lite(uri):
                Path(uri).parent.mkdir(parents=True, exist_ok=True)
                _quiet_lite_iterator()
            try:
                _clients[uri] = MilvusClient(uri=uri)
            except Exception as exc:
                hint = ("another process (a `rag serve` or `rag ingest`?) has it open; stop it, or serve the "
                        "index from a Milvus server with --milvus-uri http://host:19530"
                        if is_lite(uri) else "check that the server is up and the URI is right")
                raise HubqaError(f"cannot open Milvus at {uri} ({type(exc).__name__}: {str(exc)[-200:]}); "
                                 f"{hint}") from None
        return _clients[uri]


def _quiet_lite_iterator() -> None:
    """Milvus Lite keeps no MVCC timestamps, so pymilvus's query iterator warns at every scan and falls back
    to the client's clock: right here, where a scanned collection is flushed and written by nobody else."""
    import logging

    log = logging.getLogger("pymilvus.client.iterator.query_iterator")
    if not any(getattr(f, "hubqa", False) for f in log.filters):
        quiet = logging.Filter()
        quiet.filter = lambda record: "mvccTs" not in record.getMessage()
        quiet.hubqa = True
        log.addFilter(quiet)


def close_all() -> None:
    """Close every Milvus connection of this process (before another process opens the same Lite file)."""
    for uri in list(_clients):
        close(uri)


def close(uri: str) -> None:
    """Close this process's connection (and for Milvus Lite, its embedded server and file lock)."""
    with _clients_lock:
        found = _clients.pop(uri, None)
    if found is not None:
        found.close()
    if is_lite(uri):
        from milvus_lite.server_manager import server_manager_instance

        server_manager_instance.release_server(uri)


def collection_name(version_name: str) -> str:
    """`v20261125T233000-123-000456` -> `hubqa_v20261125T233000_123_000456` (Milvus allows [A-Za-z0-9_])."""
    return "hubqa_" + re.sub(r"\W", "_", version_name)


def encode_term(term: str) -> str:
    """A morpheme as one word for Milvus's analyzer: `3.5` -> `_332e35_` (UTF-8 hex between underscores),
    so a term with punctuation stays one term; word-character terms (almost all) are kept as they are.

    >>> encode_term("개소"), encode_term("한·일")
    ('개소', '_ed959cc2b7ec9dbc_')
    """
    return term if _WORD.fullmatch(term) and not term.startswith("_") else "_" + term.encode("utf-8").hex() + "_"


def decode_term(word: str) -> str:
    """The inverse of `encode_term`.

    >>> decode_term(encode_term("1,000")), decode_term("park")
    ('1,000', 'park')
    """
    if len(word) > 2 and word[0] == word[-1] == "_":
        return bytes.fromhex(word[1:-1]).decode("utf-8")
    return word


class MilvusTokens(Mapping):
    """node id -> Kiwi morphemes, read from the collection on demand (nothing held per sentence)."""

    def __init__(self, snapshot: "MilvusSnapshot"):
        self._snapshot = snapshot

    def __getitem__(self, node_id: str) -> list[str]:
        row = self._snapshot._row(node_id)
        if row is None:
            raise KeyError(node_id)
        return [decode_term(w) for w in row["terms"].split()]

    def __iter__(self):
        for batch in self._snapshot._scan(["id"]):
            yield from (r["id"] for r in batch)

    def __len__(self) -> int:
        return self._snapshot.sentence_count


class MilvusSnapshot:
    """One index version whose sentences live in a Milvus collection."""

    backend = "milvus"

    def __init__(self, path: Path, manifest: Manifest, articles: dict, vocabulary: dict[str, int], uri: str):
        self.path, self.manifest, self.articles, self.uri = path, manifest, articles, uri
        self.vocabulary = vocabulary  # term -> number of sentences holding it
        self.collection = manifest.store.get("collection", "")
        self.tokens = MilvusTokens(self)
        self.ann_threshold = 0
        self._removed: set[str] = set()
        self._added: list[dict] = []  # new rows without their vectors (kept as arrays until written)
        self._added_vectors: list[np.ndarray] = []
        self._count = int(manifest.counts.get("sentences", 0)) if self.collection else 0
        self._row = lru_cache(maxsize=4096)(self._fetch_row)

    @property
    def sentence_count(self) -> int:
        return self._count

    @property
    def kind(self) -> str:
        """The dense index: `FLAT` (exact) or `IVF_FLAT (nlist …, nprobe …)`."""
        return self.manifest.store.get("dense_index", "FLAT")

    @property
    def location(self) -> str:
        return f"{'Milvus Lite ' if is_lite(self.uri) else 'Milvus '}{self.uri}, collection {self.collection}"

    def node_vectors(self) -> tuple[list[str], np.ndarray]:
        """(node ids, vectors) of every stored sentence, read from the collection."""
        ids, vectors = [], []
        for batch in self._scan(["id", "vector"]):
            ids += [r["id"] for r in batch]
            vectors.append(np.asarray([r["vector"] for r in batch], dtype="float32"))
        return ids, np.concatenate(vectors) if vectors else np.zeros((0, self.manifest.dim), "float32")

    def disk_bytes(self) -> int:
        """The version folder's files, plus the collection's folder when it is in a Milvus Lite file."""
        total = sum(p.stat().st_size for p in self.path.iterdir())
        folder = Path(self.uri) / "collections" / self.collection
        return total + sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if is_lite(self.uri) else total

    # -- reads (the three methods retrieval calls, plus node) ------------------------------------
    def dense_search(self, vectors: np.ndarray, k: int) -> list[list[tuple[str, float]]]:
        """Top-k (node id, cosine) per query row: inner product on normalised vectors."""
        vectors = np.atleast_2d(np.asarray(vectors, dtype="float32"))
        if not self._count:
            return [[] for _ in range(len(vectors))]
        params = {"metric_type": "IP", "params": {"nprobe": IVF_NPROBE}}
        found = client(self.uri).search(self.collection, data=vectors.tolist(), anns_field="vector",
                                        limit=max(1, min(k, self._count)), search_params=params,
                                        output_fields=["id"])
        return [[(hit["id"], float(hit["distance"])) for hit in row] for row in found]

    def keyword_search(self, terms: list[str], k: int) -> list[tuple[str, float]]:
        """Milvus's BM25 (k1 1.5, b 0.75) over the terms the index knows; scores > 0 only."""
        known = [t for t in dict.fromkeys(terms) if t in self.vocabulary]
        if not known or not self._count:
            return []
        params = {"metric_type": "BM25", "params": {}}
        found = client(self.uri).search(self.collection, data=[" ".join(map(encode_term, known))],
                                        anns_field="sparse", limit=max(1, min(k * KEYWORD_OVERFETCH, self._count)),
                                        search_params=params, output_fields=["id"])
        # Milvus Lite reports a BM25 match as a negative distance, a Milvus server as a positive score; both
        # include the (k1 + 1) factor that Lucene's variant (bm25s) drops, so scores match across backends.
        return top_keyword_hits([(hit["id"], abs(float(hit["distance"])) / (BM25_K1 + 1)) for hit in found[0]], k)

    def vocabulary_share(self, terms: list[str]) -> float:
        """Share of `terms` the keyword index knows (0.0 for no terms)."""
        return known_share(terms, self.vocabulary)

    def node(self, node_id: str):
        from ..chunking import sentence_node

        row = self._row(node_id)
        if row is None:
            raise ValueError(f"doc_id {node_id} not found.")
        return sentence_node(node_id, row["text"], row["meta"])

    def _fetch_row(self, node_id: str) -> dict | None:
        if not self.collection:
            return None
        rows = client(self.uri).get(self.collection, ids=[node_id], output_fields=["text", "terms", "meta"])
        return dict(rows[0]) if rows else None

    def _scan(self, fields: list[str]):
        """Every row of the collection, in batches of `fields`."""
        if not self.collection:
            return
        it = client(self.uri).query_iterator(self.collection, batch_size=BATCH_ROWS, filter='id != ""',
                                             output_fields=fields)
        try:
            while batch := it.next():
                yield batch
        finally:
            it.close()

    # -- writes (ingest): staged here, written as a new collection by write_files ---------------
    def remove_nodes(self, node_ids: list[str]) -> None:
        if self._added:  # ingest removes before it adds; this keeps a later removal correct anyway
            gone, vectors = set(node_ids), self._staged_vectors()
            keep = [i for i, r in enumerate(self._added) if r["id"] not in gone]
            self._added, self._added_vectors = [self._added[i] for i in keep], [vectors[keep]]
        for node_id in node_ids:
            self._removed.add(node_id)
            for term in set(self.tokens.get(node_id, ())):
                self._forget(term)
        self._count -= len(node_ids)

    def add_nodes(self, nodes: list, vectors: np.ndarray, tokens: list[list[str]]) -> None:
        self._added_vectors.append(np.asarray(vectors, dtype="float32"))
        for node, terms in zip(nodes, tokens):
            text = node.get_content()
            if len(text.encode("utf-8")) > MAX_TEXT_BYTES:
                raise HubqaError(f"sentence {node.id_} is {len(text.encode('utf-8')):,} bytes; the Milvus "
                                 f"backend stores at most {MAX_TEXT_BYTES:,} per sentence: split the article "
                                 f"into paragraphs, or use --store faiss")
            self._added.append({"id": node.id_, "text": text,
                                "terms": " ".join(map(encode_term, terms))[:MAX_TEXT_BYTES // 4],
                                "meta": dict(node.metadata)})
            for term in set(terms):
                self.vocabulary[term] = self.vocabulary.get(term, 0) + 1
        self._count += len(nodes)

    def _staged_vectors(self) -> np.ndarray:
        return np.concatenate(self._added_vectors) if self._added_vectors else np.zeros((0, self.manifest.dim), "float32")

    def _forget(self, term: str) -> None:
        left = self.vocabulary.get(term, 0) - 1
        if left > 0:
            self.vocabulary[term] = left
        else:
            self.vocabulary.pop(term, None)

    def fit(self, ann_threshold: int) -> None:
        self.ann_threshold = ann_threshold

    def write_files(self, folder: Path, name: str) -> tuple[str, ...]:
        """Build collection `hubqa_<name>`: the kept rows of the current one, then the new rows."""
        milvus, target = client(self.uri), collection_name(name)
        dense_index = _create_collection(milvus, self.uri, target, self.manifest.dim, self._count,
                                         self.ann_threshold)
        for batch in self._scan(["id", "vector", "text", "terms", "meta"]):
            kept = [r for r in batch if r["id"] not in self._removed]
            if kept:
                milvus.insert(target, [{k: r[k] for k in ("id", "vector", "text", "terms", "meta")} for r in kept])
        vectors = self._staged_vectors()
        for begin in range(0, len(self._added), BATCH_ROWS):
            rows = self._added[begin:begin + BATCH_ROWS]
            milvus.insert(target, [{**r, "vector": v} for r, v in zip(rows, vectors[begin:begin + len(rows)].tolist())])
        milvus.flush(target)
        stored = int(milvus.get_collection_stats(target)["row_count"])
        if stored != self._count:
            raise HubqaError(f"Milvus collection {target} holds {stored} rows, expected {self._count}")
        write_json(folder / VOCABULARY_FILE, self.vocabulary)
        self.manifest.store = {"backend": "milvus", "collection": target, "dense_index": dense_index}
        return (VOCABULARY_FILE,)

    def discard(self, name: str) -> None:
        """Drop the collection a failed write left."""
        _drop(self.uri, collection_name(name))

    def prune(self, root: Path, keep: set[str]) -> None:
        """Drop the collections of versions other than `keep`, then their folders (a crash in between
        leaves a folder without a collection, which no CURRENT names and the next prune removes)."""
        keep_collections = {collection_name(n) for n in keep if n}
        for path in stale_versions(root, keep):
            _drop(self.uri, collection_name(path.name.removesuffix(".partial")))
            shutil.rmtree(path, ignore_errors=True)
        if self.uri == resolve_uri(root, None):  # the index's own Lite file: every other collection is an orphan
            for orphan in set(client(self.uri).list_collections()) - keep_collections:
                _drop(self.uri, orphan)

    def close(self) -> None:
        close(self.uri)


def _create_collection(milvus, uri: str, name: str, dim: int, rows: int, ann_threshold: int) -> str:
    """The collection schema and indexes; returns the dense index type (exact FLAT up to `ann_threshold`)."""
    from pymilvus import DataType, Function, FunctionType

    from ..vector_store import ivf_cells

    if milvus.has_collection(name):
        milvus.drop_collection(name)
    schema = milvus.create_schema(auto_id=False, enable_dynamic_field=False)
    schema.add_field("id", DataType.VARCHAR, is_primary=True, max_length=512)
    schema.add_field("vector", DataType.FLOAT_VECTOR, dim=dim)
    schema.add_field("text", DataType.VARCHAR, max_length=MAX_TEXT_BYTES)
    # Terms are Kiwi morphemes already, one word each (encode_term): whitespace splits them on a Milvus
    # server; Milvus Lite's analyzers have no whitespace tokenizer, and its standard one (\w+, lower case)
    # splits encoded, lower-case terms the same way.
    analyzer = {"tokenizer": "standard"} if is_lite(uri) else {"tokenizer": "whitespace"}
    schema.add_field("terms", DataType.VARCHAR, max_length=MAX_TEXT_BYTES, enable_analyzer=True,
                     analyzer_params=analyzer)
    schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
    schema.add_field("meta", DataType.JSON)
    schema.add_function(Function(name="terms_bm25", function_type=FunctionType.BM25,
                                 input_field_names=["terms"], output_field_names=["sparse"]))
    index_params = milvus.prepare_index_params()
    if rows > ann_threshold > 0:
        dense_index = f"IVF_FLAT (nlist {ivf_cells(rows)}, nprobe {IVF_NPROBE})"
        index_params.add_index("vector", index_type="IVF_FLAT", metric_type="IP",
                               params={"nlist": ivf_cells(rows)})
    else:
        dense_index = "FLAT"
        index_params.add_index("vector", index_type="FLAT", metric_type="IP")
    index_params.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25",
                           params={"bm25_k1": BM25_K1, "bm25_b": BM25_B})
    milvus.create_collection(name, schema=schema, index_params=index_params)
    return dense_index


def _drop(uri: str, name: str) -> None:
    milvus = client(uri)
    if milvus.has_collection(name):
        milvus.drop_collection(name)


def empty(manifest: Manifest, root: Path, uri: str | None) -> MilvusSnapshot:
    return MilvusSnapshot(Path(""), manifest, {}, {}, resolve_uri(root, uri))


def load(root: Path, version: Path, manifest: Manifest, uri: str | None) -> MilvusSnapshot:
    import json

    uri = resolve_uri(root, uri)
    try:
        articles = load_articles(version)
        vocabulary = json.loads((version / VOCABULARY_FILE).read_text())
    except Exception as exc:  # a damaged file that slipped past the checksums (verify=False)
        raise IndexMismatch(f"index at {version} cannot be read ({type(exc).__name__}: {exc}); "
                            f"{rebuild_fix(root)}") from None
    snapshot = MilvusSnapshot(version, manifest, articles, vocabulary, uri)
    milvus = client(uri)
    if not milvus.has_collection(snapshot.collection):
        raise IndexMismatch(f"index at {root}/ names Milvus collection {snapshot.collection}, which {uri} does "
                            f"not hold; {rebuild_fix(root)} (add --store milvus and the same --milvus-uri)")
    milvus.load_collection(snapshot.collection)
    return snapshot
