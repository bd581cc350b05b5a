"""The index on disk: incremental ingest, bad files, checksums, atomic versions."""

import json
import shutil
from pathlib import Path

import pytest

from rag.errors import IndexMismatch, IndexNotFound
from rag.ingest import ingest
from rag.store import current_version, load_snapshot

SEED = "herald-2026-02-25-shonan-cic"  # docs/ holds this one article
EXTRA = "---\nid: test-extra\ntitle: 시험용 기사 (test data written for hubqa tests)\ndate: 2026-03-01\n---\n{body}\n"


def _ingest(paths, s, embed_model, sha, **kw):
    return ingest(paths, s, embed_model, weights_sha256=sha, **kw)


def test_incremental_add_update_remove(corpus_copy, fresh_settings, embed_model, weights_sha):
    first = _ingest([corpus_copy], fresh_settings, embed_model, weights_sha)
    assert first.added == [SEED] and first.sentences_embedded >= 20 and not first.failed
    version = current_version(fresh_settings.index_dir)

    again = _ingest([corpus_copy], fresh_settings, embed_model, weights_sha)
    assert again.sentences_embedded == 0 and again.unchanged == [SEED] and not again.changed
    assert current_version(fresh_settings.index_dir) == version  # nothing rewritten

    extra = corpus_copy / "extra.md"
    extra.write_text(EXTRA.format(body="시험 문장 하나입니다. 시험 문장 둘입니다."), encoding="utf-8")
    added = _ingest([corpus_copy], fresh_settings, embed_model, weights_sha)
    assert added.added == ["test-extra"] and added.sentences_embedded == 2

    extra.write_text(EXTRA.format(body="바뀐 문장 하나입니다."), encoding="utf-8")
    updated = _ingest([corpus_copy], fresh_settings, embed_model, weights_sha)
    assert updated.updated == ["test-extra"] and updated.sentences_embedded == 1
    snap = load_snapshot(fresh_settings.index_dir)
    assert snap.docstore.get_node("test-extra#0").get_content() == "바뀐 문장 하나입니다."
    assert snap.docstore.get_node("test-extra#1", raise_error=False) is None
    total = snap.sentence_count

    extra.unlink()
    removed = _ingest([corpus_copy], fresh_settings, embed_model, weights_sha)
    assert removed.removed == ["test-extra"]
    snap = load_snapshot(fresh_settings.index_dir)
    assert snap.sentence_count == total - 1 and "test-extra" not in snap.manifest.articles
    hits = snap.vectors.search(snap.vectors._faiss_index.reconstruct(0)[None, :], 100)[0]
    assert all(not node_id.startswith("test-extra") for node_id, _ in hits)


def test_bad_files_are_reported_and_the_rest_ingests(corpus_copy, fresh_settings, embed_model, weights_sha):
    _ingest([corpus_copy], fresh_settings, embed_model, weights_sha)
    before = load_snapshot(fresh_settings.index_dir).manifest.files
    (corpus_copy / "empty.md").write_bytes(b"")
    (corpus_copy / "latin1.txt").write_bytes("---\ntitle: café\ndate: 2026-01-01\n---\ncafé".encode("latin-1"))
    (corpus_copy / "noheader.md").write_text("본문만 있습니다.", encoding="utf-8")
    (corpus_copy / "ok.md").write_text(EXTRA.format(body="정상 문장입니다."), encoding="utf-8")
    report = _ingest([corpus_copy], fresh_settings, embed_model, weights_sha)
    reasons = {Path(f.path).name: f.reason for f in report.failed}
    assert set(reasons) == {"empty.md", "latin1.txt", "noheader.md"}
    assert "not UTF-8" in reasons["latin1.txt"] and "no header" in reasons["noheader.md"]
    assert report.added == ["test-extra"]
    after = load_snapshot(fresh_settings.index_dir)
    assert set(after.articles) == {SEED, "test-extra"} and before != after.manifest.files


def test_a_file_that_breaks_keeps_its_indexed_version(corpus_copy, fresh_settings, embed_model, weights_sha):
    _ingest([corpus_copy], fresh_settings, embed_model, weights_sha)
    seed = corpus_copy / "01-2026-02-25-herald-shonan-cic.md"
    seed.write_bytes(b"\xff\xfe broken")
    report = _ingest([corpus_copy], fresh_settings, embed_model, weights_sha)
    assert report.failed and not report.removed
    assert SEED in load_snapshot(fresh_settings.index_dir).articles


def test_corrupt_index_file_is_detected(corpus_copy, fresh_settings, embed_model, weights_sha):
    _ingest([corpus_copy], fresh_settings, embed_model, weights_sha)
    version = current_version(fresh_settings.index_dir)
    with open(version / "vector_store.faiss", "r+b") as f:
        f.truncate(100)
    with pytest.raises(IndexMismatch, match="corrupt.*rag ingest --rebuild"):
        load_snapshot(fresh_settings.index_dir)
    rebuilt = _ingest([corpus_copy], fresh_settings, embed_model, weights_sha, rebuild=True)
    assert rebuilt.added == [SEED]
    assert load_snapshot(fresh_settings.index_dir).sentence_count == rebuilt.sentences_embedded


def test_other_model_and_missing_index(corpus_copy, fresh_settings, embed_model, weights_sha):
    with pytest.raises(IndexNotFound, match="rag ingest"):
        load_snapshot(fresh_settings.index_dir)
    _ingest([corpus_copy], fresh_settings, embed_model, weights_sha)
    with pytest.raises(IndexMismatch, match="different embedding model"):
        load_snapshot(fresh_settings.index_dir, weights_sha256="0" * 64)


def test_unfinished_version_is_ignored(corpus_copy, fresh_settings, embed_model, weights_sha):
    _ingest([corpus_copy], fresh_settings, embed_model, weights_sha)
    root = fresh_settings.index_dir
    good = current_version(root)
    shutil.copytree(good, root / "v99999999T000000-1-000000.partial")  # what a crash mid-write leaves
    (root / "CURRENT.tmp").write_text("v-does-not-exist\n")
    snap = load_snapshot(root)
    assert snap.path == good
    manifest = json.loads((good / "manifest.json").read_text())
    assert manifest["counts"]["articles"] == 1 and set(manifest["files"]) >= {"vector_store.faiss", "docstore.json"}
