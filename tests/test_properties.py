"""Property tests (hypothesis): citation mapping, chunk offsets, RRF fusion, and the index manifest."""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from rag.citations import Citation, markers, resolve
from rag.errors import IndexMismatch
from rag.retrieval import reciprocal_rank_fusion
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

RANKINGS = st.lists(st.lists(st.sampled_from("abcdefgh"), unique=True, max_size=8), max_size=4)


@settings(max_examples=300, deadline=None)
@given(RANKINGS, st.integers(min_value=1, max_value=100))
def test_rrf_scores_are_the_sum_of_reciprocal_ranks(rankings, k):
    fused = reciprocal_rank_fusion(rankings, k)
    assert set(fused) == {d for r in rankings for d in r}
    for d, score in fused.items():
        expected = sum(1 / (k + r.index(d) + 1) for r in rankings if d in r)
        assert score == pytest.approx(expected) and 0 < score <= len(rankings) / (k + 1)
    assert reciprocal_rank_fusion(rankings[::-1] + [[]], k) == pytest.approx(fused)  # order-free, [] neutral


@settings(max_examples=300, deadline=None)
@given(RANKINGS, st.integers(min_value=1, max_value=100))
def test_rrf_an_item_ahead_wherever_the_other_is_scores_higher(rankings, k):
    fused = reciprocal_rank_fusion(rankings, k)
    for a in fused:
        for b in fused:
            holding_b = [r for r in rankings if b in r]
            if a != b and all(a in r and r.index(a) < r.index(b) for r in holding_b):
                assert fused[a] > fused[b]


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
