"""The Milvus backend (real Milvus Lite, real model): parity with FAISS, incremental ingest, crash safety.

Parity: the seed QA set (evals/seed.jsonl over docs/) asked of a FAISS index and of a Milvus index of the
same articles gives the same answers and citations in every retrieval mode, and R@1 within 0.01.
Crash safety: real `rag ingest --store milvus` processes SIGKILLed at each step of writing a new version
(tests/helpers_crash.py); after every kill the index loads and answers as before, and a rerun completes.

Test data: the articles added here are labelled "(test data)": KLUE-STS dev sentences (CC BY-SA 4.0,
evals/data/klue-sts) and sentences written for these tests. They never enter docs/.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from rag.assistant import Assistant
from rag.errors import IndexMismatch
from rag.ingest import ingest
from rag.store import current_version, load_snapshot
from rag.store import milvus

from conftest import DOCS, ROOT, klue_pairs, run_crash_plan
from evals.qa import load_set
from evals.runner import MODES, QueryEmbeddingCache, evaluate_set

SEED_SET = ROOT / "evals" / "seed.jsonl"
QUESTIONS = ["중기부와 쇼난 I-Park는 언제 업무협약을 맺었나?", "Who did the vice minister meet at Shonan iPark?",
             "K-바이오랩허브는 언제 완공되나?"]
EXTRA = "---\nid: test-extra\ntitle: 시험용 기사 (test data written for hubqa tests)\ndate: 2026-03-01\n---\n{body}\n"
KLUE = "---\nid: {id}\ntitle: KLUE 문장 (test data)\ndate: 2026-01-01\noutlet: hubqa test data\n---\n{body}\n"


def _milvus_settings(settings, index_dir: Path):
    return dataclasses.replace(settings, index_dir=index_dir, store="milvus", milvus_uri="")


def _release(index_dir: Path) -> None:
    """Close this process's Milvus Lite server for the index, so another process may open the file."""
    milvus.close(milvus.resolve_uri(index_dir, None))


@pytest.fixture(scope="module")
def milvus_index(tmp_path_factory, settings, embed_model, weights_sha) -> Path:
    """docs/ ingested once into a Milvus Lite index (treat as read-only)."""
    root = tmp_path_factory.mktemp("milvus-seed") / "index"
    report = ingest([DOCS], _milvus_settings(settings, root), embed_model, weights_sha256=weights_sha)
    assert report.added and not report.failed
    yield root
    _release(root)


def _assistant(index_dir: Path, settings, embed_model, sha) -> Assistant:
    a = Assistant(dataclasses.replace(settings, index_dir=index_dir), embed_model, sha)
    a.reload()
    return a


def test_the_milvus_index_holds_the_rows_and_files_it_names(milvus_index, seed_index):
    snap, faiss_snap = load_snapshot(milvus_index), load_snapshot(seed_index)
    assert snap.backend == "milvus" and faiss_snap.backend == "faiss"
    assert snap.manifest.store["collection"] == milvus.collection_name(snap.path.name)
    assert sorted(p.name for p in snap.path.iterdir()) == ["articles.json", "manifest.json", "vocabulary.json"]
    assert snap.sentence_count == faiss_snap.sentence_count > 10
    stats = milvus.client(snap.uri).get_collection_stats(snap.collection)
    assert int(stats["row_count"]) == snap.sentence_count
    assert snap.articles == faiss_snap.articles
    for node_id in faiss_snap.tokens:  # nodes and morphemes read back from Milvus rows are the ones FAISS keeps
        assert snap.tokens[node_id] == faiss_snap.tokens[node_id]
        mine, theirs = snap.node(node_id), faiss_snap.node(node_id)
        assert (mine.get_content(), mine.metadata) == (theirs.get_content(), theirs.metadata)


def test_the_seam_methods_agree_between_backends(milvus_index, seed_index, embed_model):
    snap, faiss_snap = load_snapshot(milvus_index), load_snapshot(seed_index)
    import numpy as np

    vectors = np.asarray([embed_model.get_query_embedding(q) for q in QUESTIONS], dtype="float32")
    for mine, theirs in zip(snap.dense_search(vectors, 5), faiss_snap.dense_search(vectors, 5)):
        assert [n for n, _ in mine] == [n for n, _ in theirs]
        assert np.allclose([s for _, s in mine], [s for _, s in theirs], atol=1e-5)
    from rag.question import analyse

    for question in [q for q in QUESTIONS if analyse(q).language == "ko"]:  # English words are not in a Korean index
        terms = list(analyse(question).terms)
        mine, theirs = snap.keyword_search(terms, 10), faiss_snap.keyword_search(terms, 10)
        assert mine and dict(mine).keys() == dict(theirs).keys()
        assert np.allclose([dict(mine)[n] for n, _ in theirs], [s for _, s in theirs], rtol=1e-4)
        assert snap.vocabulary_share(terms) == faiss_snap.vocabulary_share(terms) > 0
    assert snap.keyword_search(["없는낱말"], 5) == [] and snap.vocabulary_share(["없는낱말"]) == 0.0


def test_parity_on_the_seed_set(milvus_index, seed_index, settings, embed_model, weights_sha):
    """Same answers and citations in every mode from both backends; R@1 within 0.01 per mode."""
    cache = QueryEmbeddingCache(embed_model)  # one embedding per question, shared by both backends
    items = load_set(SEED_SET)
    results = {name: evaluate_set(_assistant(index, settings, cache, weights_sha), items, timed=False)
               for name, index in (("faiss", seed_index), ("milvus", milvus_index))}
    for mode in MODES:
        faiss_records, milvus_records = (results[b]["items"][mode] for b in ("faiss", "milvus"))
        for f, m in zip(faiss_records, milvus_records):
            assert (m["answer"], m["cited"], m["abstained"]) == (f["answer"], f["cited"], f["abstained"]), \
                (mode, f["id"])
        r1 = {b: results[b]["modes"][mode]["all"]["all"]["recall@1"] for b in results}
        assert abs(r1["faiss"] - r1["milvus"]) <= 0.01, (mode, r1)
        print(f"{mode}: R@1 faiss {r1['faiss']:.3f}, milvus {r1['milvus']:.3f}")


def test_incremental_ingest_replaces_and_deletes_rows(corpus_copy, tmp_path, settings, embed_model, weights_sha):
    s = _milvus_settings(settings, tmp_path / "index")
    run = lambda: ingest([corpus_copy], s, embed_model, weights_sha256=weights_sha)  # noqa: E731
    try:
        first = run()
        version = current_version(s.index_dir)
        again = run()
        assert again.sentences_embedded == 0 and not again.changed and current_version(s.index_dir) == version

        extra = corpus_copy / "extra.md"
        extra.write_text(EXTRA.format(body="시험 문장 하나입니다. 시험 문장 둘입니다."), encoding="utf-8")
        added = run()
        assert added.added == ["test-extra"] and added.sentences_embedded == 2
        extra.write_text(EXTRA.format(body="바뀐 문장 하나입니다."), encoding="utf-8")
        updated = run()
        assert updated.updated == ["test-extra"] and updated.sentences_embedded == 1
        snap = load_snapshot(s.index_dir)
        assert snap.node("test-extra#0").get_content() == "바뀐 문장 하나입니다."
        assert snap.tokens["test-extra#0"] == ["바뀌", "문장", "하나"] and "test-extra#1" not in snap.tokens
        assert snap.sentence_count == first.sentences_embedded + 1
        assert snap.vocabulary_share(["둘"]) == 0.0 and snap.vocabulary_share(["바뀌"]) == 1.0

        extra.unlink()
        removed = run()
        assert removed.removed == ["test-extra"]
        snap = load_snapshot(s.index_dir)
        assert snap.sentence_count == first.sentences_embedded and "test-extra" not in snap.articles
        assert not snap.keyword_search(["바뀌", "문장"], 10) or all(
            not n.startswith("test-extra") for n, _ in snap.keyword_search(["바뀌", "문장"], 10))
        vector = snap.dense_search(embed_model.get_query_embedding("바뀐 문장 하나"), 100)[0]
        assert all(not n.startswith("test-extra") for n, _ in vector)
        # Only the current and the previous version keep a collection; the pruned ones were dropped.
        kept = {load_snapshot(s.index_dir).collection} | {
            milvus.collection_name(p.name) for p in s.index_dir.glob("v*") if p.is_dir()}
        assert set(milvus.client(snap.uri).list_collections()) == kept and len(kept) == 2
    finally:
        _release(s.index_dir)


def test_the_store_setting_is_checked_and_reads_follow_the_index(milvus_index, settings, embed_model, weights_sha):
    from rag.config import Settings
    from rag.errors import ConfigError

    with pytest.raises(ConfigError, match="faiss, milvus"):
        Settings.from_env(store="qdrant")
    a = _assistant(milvus_index, settings, embed_model, weights_sha)  # settings say faiss; the manifest says milvus
    assert a.status()["store"].startswith("milvus, FLAT (Milvus Lite")
    ids, vectors = a.retriever.snapshot.node_vectors()
    assert len(ids) == vectors.shape[0] == a.retriever.snapshot.sentence_count and vectors.shape[1] == 384


def test_backend_mismatch_and_damage_are_refused_with_the_fix(milvus_index, tmp_path, settings, embed_model,
                                                               weights_sha):
    index = tmp_path / "index"
    _release(milvus_index)
    shutil.copytree(milvus_index, index)
    try:
        with pytest.raises(IndexMismatch, match="--store milvus"):  # a FAISS ingest into a Milvus index
            ingest([DOCS], dataclasses.replace(settings, index_dir=index), embed_model, weights_sha256=weights_sha)
        version = current_version(index)
        vocabulary = version / "vocabulary.json"
        good = vocabulary.read_bytes()
        vocabulary.write_bytes(good[:-20])
        with pytest.raises(IndexMismatch, match="vocabulary.json is corrupt.*rag ingest --rebuild"):
            load_snapshot(index)
        vocabulary.write_bytes(good)
        snap = load_snapshot(index)
        milvus.client(snap.uri).drop_collection(snap.collection)
        with pytest.raises(IndexMismatch, match="does not hold.*rag ingest --rebuild"):
            load_snapshot(index)
        rebuilt = ingest([DOCS], _milvus_settings(settings, index), embed_model, weights_sha256=weights_sha,
                         rebuild=True)
        assert rebuilt.added and load_snapshot(index).sentence_count == rebuilt.sentences_embedded
    finally:
        _release(index)


# -- crash safety --------------------------------------------------------------------------------------
def _answers(index_dir: Path, settings, embed_model, sha) -> dict:
    """What a user sees for QUESTIONS: ranked sentences with scores, and the full answers."""
    a = _assistant(index_dir, settings, embed_model, sha)
    out = {}
    for q in QUESTIONS:
        answer = a.ask(q).as_json()
        answer.pop("timings_ms")
        out[q] = {"search": [(h.sentence_id, round(h.score, 5)) for h in a.search(q)], "answer": answer}
    _release(index_dir)
    return out


@pytest.fixture(scope="module")
def crash_runs(milvus_index, tmp_path_factory, settings, embed_model, weights_sha):
    """Real `rag ingest --store milvus` processes, killed at each step of writing a version (one harness run)."""
    root = tmp_path_factory.mktemp("milvus-crash")
    _release(milvus_index)
    index = root / "index"
    shutil.copytree(milvus_index, index)
    before = _answers(index, settings, embed_model, weights_sha)
    sentences = [p["sentence1"] for p in klue_pairs()]
    delta = root / "delta"
    delta.mkdir()
    (delta / "klue-delta.md").write_text(KLUE.format(id="klue-delta", body=" ".join(sentences[300:303])),
                                         encoding="utf-8")

    more = []  # one more article each: a third and a fourth version, whose writes prune older ones
    for n in (2, 3):
        more.append(root / f"delta{n}")
        more[-1].mkdir()
        (more[-1] / f"klue-delta{n}.md").write_text(KLUE.format(id=f"klue-delta{n}", body=sentences[300 + 10 * n]),
                                                    encoding="utf-8")

    def step(name, kill=None, folder=delta):
        return {"name": name, "argv": ["ingest", "--store", "milvus", "--index", str(index), str(folder)],
                "kill": kill, "watch": str(index), "save": str(root / f"after-{name}")}

    plan = [
        step("mid-insert", "audit:open:wal_data"),  # the new collection's first rows being written
        step("mid-flush", "audit:os.remove:wal_data"),  # its segment written, write-ahead log not yet cleared
        step("before-rename", "audit:os.rename:.partial"),  # collection complete, version folder not renamed
        step("before-switch", "audit:os.rename:CURRENT.tmp"),  # version complete, CURRENT not switched
        step("rerun"),
        # CURRENT switched, then killed while Milvus deletes the first version's collection files
        step("mid-drop", "audit:os.remove:schema.json", more[0]),
        step("after-drop", None, more[1]),  # the next write prunes the half-dropped collection
    ]
    results = run_crash_plan(plan, root / "plan.json")
    return {"root": root, "runs": results, "before": before, "base_version": current_version(milvus_index).name}


@pytest.mark.parametrize("name", ["mid-insert", "mid-flush", "before-rename", "before-switch"])
def test_a_kill_while_writing_a_version_keeps_the_old_index(crash_runs, settings, embed_model, weights_sha, name):
    run, state = crash_runs["runs"][name], crash_runs["root"] / f"after-{name}"
    assert run["killed"] and "helpers_crash: SIGKILL at" in run["stderr"], run["stderr"][-800:]
    assert current_version(state).name == crash_runs["base_version"]
    assert _answers(state, settings, embed_model, weights_sha) == crash_runs["before"]
    assert "klue-delta" not in load_snapshot(state).articles


def test_a_rerun_completes_and_drops_what_the_kills_left(crash_runs, settings, embed_model, weights_sha):
    runs, root = crash_runs["runs"], crash_runs["root"]
    rerun = runs["rerun"]
    assert rerun["returncode"] == 0 and "1 added" in rerun["stdout"], rerun["stderr"][-1500:]
    state = root / "after-rerun"
    snap = load_snapshot(state, weights_sha256=weights_sha)
    assert "klue-delta" in snap.articles and snap.sentence_count == sum(
        len(e["node_ids"]) for e in snap.manifest.articles.values())
    assert not list(state.glob("*.partial")) and len([p for p in state.glob("v*") if p.is_dir()]) == 2
    # The orphan collections of the killed writes are gone: only the two kept versions have one.
    assert set(milvus.client(snap.uri).list_collections()) == {
        milvus.collection_name(p.name) for p in state.glob("v*") if p.is_dir()}
    after = _answers(state, settings, embed_model, weights_sha)
    assert {q: a["answer"] for q, a in after.items()} == {q: a["answer"] for q, a in crash_runs["before"].items()}


def test_a_kill_while_dropping_an_old_collection_leaves_the_new_version(crash_runs, settings, embed_model,
                                                                        weights_sha):
    runs, root = crash_runs["runs"], crash_runs["root"]
    assert runs["mid-drop"]["killed"] and "helpers_crash: SIGKILL at" in runs["mid-drop"]["stderr"]
    assert runs["after-drop"]["returncode"] == 0 and "1 added" in runs["after-drop"]["stdout"], \
        runs["after-drop"]["stderr"][-1500:]
    for name, new in (("mid-drop", "klue-delta2"), ("after-drop", "klue-delta3")):
        state = root / f"after-{name}"
        assert new in load_snapshot(state, weights_sha256=weights_sha).articles, name
        assert {q: a["answer"] for q, a in _answers(state, settings, embed_model, weights_sha).items()} == \
            {q: a["answer"] for q, a in crash_runs["before"].items()}, name
    state = root / "after-after-drop"
    snap = load_snapshot(state)
    assert set(milvus.client(snap.uri).list_collections()) == {
        milvus.collection_name(p.name) for p in state.glob("v*") if p.is_dir()}
    _release(state)
