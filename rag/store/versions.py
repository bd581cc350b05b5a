"""What both backends share: versioned folders, a manifest with checksums, and an atomic switch.

    index/
      CURRENT              name of the complete version in use (replaced atomically)
      v<time>-<pid>-<n>/   one complete version:
        manifest.json      format, model fingerprint, counts, per-article hashes, file sha256s, backend
        articles.json      article metadata and full text (for the source panel)
        ...                the backend's own files (faiss.py: vectors, docstore, tokens; milvus.py: vocabulary)

A version is written into `v….partial`, fsynced, renamed, and only then named by CURRENT (os.replace),
so a crash at any point leaves CURRENT naming the previous complete version. A backend whose rows live
elsewhere (a Milvus collection) writes them before the rename and names them in the manifest.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import HubqaError, IndexMismatch

FORMAT_VERSION = 1
ARTICLES_FILE = "articles.json"


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
    store: dict = field(default_factory=dict)  # {} = FAISS files here; else {"backend": "milvus", "collection": …}

    @property
    def backend(self) -> str:
        return self.store.get("backend", "faiss")


def rebuild_fix(root: Path) -> str:
    return f"rebuild it with `rag ingest --rebuild --index {root}`"


def current_version(root: Path) -> Path | None:
    pointer = Path(root) / "CURRENT"
    if not pointer.exists():
        return None
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:  # a damaged pointer is a damaged index, not a crash
        raise IndexMismatch(f"index at {root}/ has an unreadable CURRENT pointer ({exc}); rebuild it with "
                            f"`rag ingest --rebuild --index {root}`") from None
    return Path(root) / name if name else None


def manifest_digest(manifest: Manifest) -> str:
    data = {**asdict(manifest), "checksum": ""}
    if not data["store"]:  # a FAISS manifest hashes as it did before backends existed
        del data["store"]
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def read_manifest(root: Path, version: Path, *, weights_sha256: str | None, verify: bool,
                  files: tuple[str, ...] | None = None) -> Manifest:
    """The manifest of `version`, refusing an unknown format, a damaged file or other model weights.
    With `verify`, also every file the backend keeps there (`files`, default: the manifest's own list)."""
    fix = rebuild_fix(root)
    try:
        manifest = Manifest(**json.loads((version / "manifest.json").read_text()))
    except (OSError, ValueError, TypeError) as exc:
        raise IndexMismatch(f"index at {root}/ has no readable manifest ({exc}); {fix}") from None
    if manifest.format != FORMAT_VERSION:
        raise IndexMismatch(f"index at {root}/ has format {manifest.format}, this hubqa reads "
                            f"{FORMAT_VERSION}; {fix}")
    if verify and manifest.checksum != manifest_digest(manifest):
        raise IndexMismatch(f"index file {version / 'manifest.json'} is corrupt (checksum mismatch); {fix}")
    if weights_sha256 and manifest.weights_sha256 != weights_sha256:
        raise IndexMismatch(f"index at {root}/ was built with a different embedding model "
                            f"(weights {manifest.weights_sha256[:12]}…, now {weights_sha256[:12]}…); {fix}")
    if verify:
        for name in files if files is not None else tuple(manifest.files):
            path = version / name
            if not path.exists():
                raise IndexMismatch(f"index file {path} is missing; {fix}")
            if file_sha256(path) != manifest.files.get(name):
                raise IndexMismatch(f"index file {path} is corrupt (checksum mismatch); {fix}")
    return manifest


def known_share(terms: list[str], vocabulary) -> float:
    """Share of `terms` in a keyword index's `vocabulary` (0.0 for no terms): both backends' `vocabulary_share`.

    >>> known_share(["a", "b", "c", "a"], {"a"})
    0.5
    """
    return sum(t in vocabulary for t in terms) / len(terms) if terms else 0.0


def top_keyword_hits(hits, k: int) -> list[tuple[str, float]]:
    """The k best (node id, BM25 score) pairs with a score > 0, equal scores in node id order.

    Scores are compared to 4 decimals: the backends sum the same terms in float32 in different orders, so
    a tie may differ in its last bits; breaking ties by id makes both backends cut a tied group alike.
    Backends fetch more than k from their engine, so a tied group at the cut is whole before it is cut.

    >>> top_keyword_hits([("b", 2.00001), ("a", 2.0), ("c", 3.0), ("d", 0.0)], 2)
    [('c', 3.0), ('a', 2.0)]
    """
    return sorted(((n, s) for n, s in hits if s > 0), key=lambda hit: (-round(hit[1], 4), hit[0]))[:k]


KEYWORD_OVERFETCH = 2  # engine hits fetched per keyword hit returned (see top_keyword_hits)


def new_version_name() -> str:
    return f"v{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}"


def write_version(root: Path, snapshot) -> Path:
    """Persist `snapshot` as a new version folder, then switch CURRENT to it atomically.

    `snapshot` is a backend's index (faiss.py, milvus.py): `write_files(folder, name)` writes its part
    and returns the names of the files it wrote; `prune(root, keep)` removes what older versions hold.
    """
    name = new_version_name()
    tmp = root / (name + ".partial")
    try:
        _write_version(root, name, tmp, snapshot)
    except (OSError, RuntimeError, HubqaError) as exc:  # faiss reports a full disk as RuntimeError
        shutil.rmtree(tmp, ignore_errors=True)
        snapshot.discard(name)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)[-160:]
        raise HubqaError(f"cannot write a new index version in {root}/ ({reason}); free disk space or make "
                         f"the folder writable, then run `rag ingest` again (the index in use is unchanged)") from None
    snapshot.prune(root, keep={name, snapshot.path.name if snapshot.path else ""})
    return root / name


def _write_version(root: Path, name: str, tmp: Path, snapshot) -> None:
    """The files into `tmp` (fsynced), renamed to `name`, then CURRENT switched by os.replace."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    names = tuple(snapshot.write_files(tmp, name)) + (ARTICLES_FILE,)
    write_json(tmp / ARTICLES_FILE, {k: asdict(v) for k, v in snapshot.articles.items()})
    manifest = snapshot.manifest
    manifest.counts = {"articles": len(snapshot.articles), "sentences": snapshot.sentence_count}
    manifest.updated = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    manifest.files = {n: file_sha256(tmp / n) for n in sorted(names)}
    manifest.checksum = manifest_digest(manifest)
    write_json(tmp / "manifest.json", asdict(manifest))
    for path in tmp.iterdir():
        fsync(path)
    final = root / name
    tmp.rename(final)
    fsync(root)
    pointer_tmp = root / "CURRENT.tmp"
    pointer_tmp.write_text(name + "\n")
    fsync(pointer_tmp)
    os.replace(pointer_tmp, root / "CURRENT")
    fsync(root)


def stale_versions(root: Path, keep: set[str]) -> list[Path]:
    """Version folders other than the current and the previous one (a reader may still be loading it)."""
    return [p for p in root.iterdir() if p.is_dir() and p.name.startswith("v") and p.name not in keep]


def load_articles(version: Path) -> dict:
    from ..corpus import Article

    return {k: Article(**v) for k, v in json.loads((version / ARTICLES_FILE).read_text()).items()}


def write_json(path: Path, data) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)


def fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def file_sha256(path: Path) -> str:
    from ..model_build import file_sha256 as sha256

    return sha256(path)


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
