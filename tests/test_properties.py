"""Property tests (hypothesis): citation mapping, chunk offsets, score fusion, and the index manifest."""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from rag.citations import Citation, markers, resolve
from rag.errors import IndexMismatch
from rag.retrieval import Fusion, fuse
from rag.store import Manifest, current_version, load_snapshot

# -- citation mapping ----------------------------------------------------------------------------

NUMBERS = st.integers(min_value=0, max_value=12)
PIECES = st.one_of(NUMBERS.map(lambda n: f"[{n}]"), st.sampled_from(["[", "]", "[1", "0]", "[[", "]]", "[1000]", " "]),
                   st.text(alphabet="가나 ab.1[]", max_size=6))
ANSWERS = st.lists(PIECES, max_size=25).map("".join)


def citation(n: int) -> Citation:
    return Citation(id=n, doc_id=f"doc{n}", title="t", date="2026-01-01", outlet="", sentence_id=f"doc{n}#0",
                    sentence=f"문장 {n}", start=0, end=4)


@settings(max_examples=400, deadline=None)
@given(ANSWERS, st.sets(NUMBERS))
def test_resolve_keeps_only_markers_with_a_source_in_order_of_first_use(text, known):
    sources = {n: citation(n) for n in known}
    cleaned, cited = resolve(text, sources)
    used = markers(cleaned)
    assert set(used) <= known, "a marker without a source survived"
    assert cited == [sources[n] for n in used] and len(set(used)) == len(used)
    assert [c.id for c in cited] == used  # each marker maps to the citation with its own number
    assert set(markers(text)) & known <= set(used), "a marker with a source was dropped"
    assert resolve(cleaned, sources) == (cleaned, cited)  # idempotent


@given(st.lists(NUMBERS, max_size=20))
def test_markers_lists_first_uses_in_order(numbers):
    text = " ".join(f"문장 [{n}]" for n in numbers)
    assert markers(text) == list(dict.fromkeys(numbers))


# -- chunk offsets (sentence offsets themselves: tests/test_sentences.py) ---------------------------

@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(list("가나다 .?!\n") + ["다. ", "\n\n", "Hi. "]), max_size=60).map("".join),
       st.integers(min_value=1, max_value=4))
def test_nodes_carry_exact_offsets_of_their_sentences(text, per_node):
    from rag.chunking import article_nodes
    from rag.corpus import Article
    from rag.sentences import split_article

    article = Article(doc_id="doc", title="t", date="2026-01-01", text=text)
    sentences = split_article(article)
    nodes = article_nodes(article, sentences, sentences_per_node=per_node)
    assert [i for n in nodes for i in n.metadata["sentence_ids"]] == [s.sentence_id for s in sentences]
    for node in nodes:
        starts, ends = node.metadata["starts"], node.metadata["ends"]
        assert node.get_content() == text[starts[0]:ends[-1]] and node.id_ == node.metadata["sentence_ids"][0]
        assert all(text[s:e].strip() for s, e in zip(starts, ends))


# -- reciprocal rank fusion ----------------------------------------------------------------------

SCORED = st.dictionaries(st.sampled_from("abcdefgh"), st.floats(min_value=0.01, max_value=1.0), max_size=8)
WEIGHTS = st.builds(Fusion, st.floats(min_value=0.0, max_value=1.0), st.floats(min_value=0.25, max_value=4.0))


def _ranked(scores: dict[str, float]) -> list[tuple[str, float]]:
    return sorted(scores.items(), key=lambda item: -item[1])


@settings(max_examples=300, deadline=None)
@given(SCORED, SCORED, st.floats(min_value=0.0, max_value=1.0), WEIGHTS)
def test_fusion_scores_every_candidate_once_within_0_1(dense, bm25, share, fusion):
    fused = fuse(_ranked(dense), _ranked(bm25), share, fusion)
    assert {n for n, _ in fused} == set(dense) | set(bm25)
    assert all(-1e-9 <= s <= 1 + 1e-9 for _, s in fused)
    assert [s for _, s in fused] == sorted((s for _, s in fused), reverse=True)


@settings(max_examples=300, deadline=None)
@given(SCORED, SCORED, WEIGHTS)
def test_fusion_with_nothing_visible_to_bm25_is_the_dense_ranking(dense, bm25, fusion):
    fused = fuse(_ranked(dense), _ranked(bm25), 0.0, fusion)
    assert [n for n, _ in fused][:len(dense)] == [n for n, _ in _ranked(dense)]


@settings(max_examples=300, deadline=None)
@given(SCORED, SCORED, st.floats(min_value=0.0, max_value=1.0), WEIGHTS)
def test_fusion_an_item_ahead_in_both_lists_is_not_ranked_lower(dense, bm25, share, fusion):
    fused = dict(fuse(_ranked(dense), _ranked(bm25), share, fusion))
    for a in fused:
        for b in fused:
            if a in dense and dense[a] >= dense.get(b, 0.0) and bm25.get(a, 0.0) >= bm25.get(b, 0.0):
                assert fused[a] >= fused[b] - 1e-9


# -- the index manifest --------------------------------------------------------------------------

MANIFESTS = st.builds(
    Manifest, format=st.integers(0, 3), model_id=st.text(max_size=20), weights_sha256=st.text("0123456789abcdef", max_size=64),
    dim=st.integers(1, 4096), created=st.text(max_size=25),
    articles=st.dictionaries(st.text(min_size=1, max_size=10), st.fixed_dictionaries(
        {"hash": st.text("0123456789abcdef", max_size=8), "source": st.text(max_size=20),
         "node_ids": st.lists(st.text(max_size=12), max_size=4)}), max_size=4),
    counts=st.dictionaries(st.sampled_from(["articles", "sentences"]), st.integers(0, 10**6)),
    files=st.dictionaries(st.text(min_size=1, max_size=12), st.text("0123456789abcdef", max_size=64), max_size=5))


@given(MANIFESTS)
def test_a_manifest_round_trips_through_json(manifest):
    assert Manifest(**json.loads(json.dumps(asdict(manifest), ensure_ascii=False))) == manifest


@pytest.fixture(scope="module")
def small_index(tmp_path_factory, seed_index):
    """A private copy of the seed index (docs/ ingested once per session) to damage and restore."""
    root = tmp_path_factory.mktemp("manifest-prop") / "index"
    shutil.copytree(seed_index, root)
    version = current_version(root)
    files = sorted(p for p in version.iterdir()) + [root / "CURRENT"]
    return root, load_snapshot(root).manifest, files


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_single_byte_change_of_any_index_file_is_caught(small_index, data):
    """A changed byte is refused with the rebuild fix, unless the index still means the same
    (e.g. CURRENT's newline became a space): never a silently different index."""
    root, manifest, files = small_index
    path = data.draw(st.sampled_from(files))
    original = path.read_bytes()
    offset = data.draw(st.integers(0, len(original) - 1))
    byte = (original[offset] + data.draw(st.integers(1, 255))) % 256
    assume(byte != original[offset])
    try:
        path.write_bytes(original[:offset] + bytes([byte]) + original[offset + 1:])
        try:
            loaded = load_snapshot(root)
        except IndexMismatch as exc:
            assert "rag ingest --rebuild" in str(exc)
        else:
            assert path.name in ("manifest.json", "CURRENT"), f"{path.name} byte {offset} changed unnoticed"
            assert loaded.manifest == manifest, f"{path.name} byte {offset} changed the index unnoticed"
    finally:
        path.write_bytes(original)
