"""Retrieval with the real model and real indexes: score fusion, index-learned aliases, vocabulary share."""

from __future__ import annotations

import hashlib

import pytest

from conftest import EVAL_DATA, klue_pairs
from rag.question import analyse

# Written for this test (not a real article): a name spelled out once in parentheses, then used in Korean only.
TEST_ARTICLE = """---
id: test-alias
title: 테스트 기사
date: 2026-01-01
---
한빛연구소(Hanbit Lab)는 2019년 설립된 소재 연구 기관이다.

한빛연구소는 대전에 본사를 두고 있으며 직원은 120명이다.

연구진은 내년에 새로운 배터리 소재를 공개할 계획이다.

연구진을 이끄는 손턴 소장은 소재 분야에서 20년 일했다.
"""


def _assistant(tmp_path_factory, name, files: dict[str, str], settings, embed_model, weights_sha):
    from rag.assistant import Assistant

    root = tmp_path_factory.mktemp(name)
    (root / "docs").mkdir()
    for file_name, text in files.items():
        (root / "docs" / file_name).write_text(text, encoding="utf-8")
    s = settings.__class__.from_env(**{**settings.__dict__, "index_dir": root / "index", "docs_dir": root / "docs"})
    assistant = Assistant(s, embed_model, weights_sha)
    report = assistant.ingest([root / "docs"])
    assert not report.failed
    return assistant


def _lines_article(doc_id: str, lines: list[str]) -> str:
    return f"---\nid: {doc_id}\ntitle: {doc_id}\ndate: 2001-01-01\n---\n" + "\n\n".join(" ".join(l.split()) for l in lines)


@pytest.fixture(scope="module")
def alias_assistant(tmp_path_factory, settings, embed_model, weights_sha):
    return _assistant(tmp_path_factory, "alias", {"test-alias.md": TEST_ARTICLE}, settings, embed_model, weights_sha)


def test_english_question_finds_the_korean_sentence_through_an_alias_the_article_writes(alias_assistant):
    question = analyse("Where is Hanbit Lab headquartered?")
    terms, share = alias_assistant.retriever.keyword_terms(question)
    assert {"한빛", "연구소"} <= set(terms) and share > 0
    hits = alias_assistant.retriever.search(question, k=3, mode="bm25")
    # BM25 sees the Korean-only sentence only through the alias learned from "한빛연구소(Hanbit Lab)".
    assert any(h.sentence_id == "test-alias#1" and h.bm25 > 0 for h in hits)
    assert not any(h.sentence_id == "test-alias#2" for h in hits)  # shares no term, not even through an alias
    assert "test-alias#1" in [h.sentence_id for h in alias_assistant.search("Where is Hanbit Lab headquartered?", k=2)]


def test_romanised_korean_name_reaches_its_hangul_form(alias_assistant):
    terms, _ = alias_assistant.retriever.keyword_terms(analyse("Which institute is based in Daejeon?"))
    assert "대전" in terms


def test_a_western_name_in_an_english_question_reaches_its_hangul_spelling(alias_assistant):
    question = analyse("How long has Thornton worked in the field?")
    terms, share = alias_assistant.retriever.keyword_terms(question)
    assert "손턴" in terms and share > 0  # written 손턴 in the article, found by sound (rag/loanwords.py)
    hits = alias_assistant.retriever.search(question, k=1, mode="bm25")
    assert hits[0].sentence_id == "test-alias#3" and hits[0].bm25 > 0


def test_vocabulary_share(assistant):
    snapshot = assistant.retriever.snapshot
    english = analyse("What did the two sides agree to share after the completion?")
    assert snapshot.vocabulary_share(list(english.terms)) == 0.0
    assert assistant.retriever.keyword_terms(english)[1] == 0.0
    korean = analyse("양측은 완공 이후 무엇을 공유하기로 했나?")
    assert snapshot.vocabulary_share(list(korean.terms)) >= 0.75
    assert snapshot.vocabulary_share([]) == 0.0


def test_each_mode_ranks_by_its_own_score_and_reports_both_raw_scores(assistant):
    question = analyse("쇼난 아이파크에 입주한 한국 벤처는 몇 개사야?")
    for mode in ("dense", "bm25", "hybrid"):
        hits = assistant.retriever.search(question, k=5, mode=mode)
        assert hits and [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
        assert all(h.dense is not None or h.bm25 is not None for h in hits)
    hybrid = assistant.retriever.search(question, k=5, mode="hybrid")
    assert all(h.fused == h.score for h in hybrid)
    with pytest.raises(ValueError):
        assistant.retriever.search(question, mode="rrf")


def test_llama_index_retrieve_is_the_hybrid_search(assistant):
    text = "쇼난 아이파크에 입주한 한국 벤처는 몇 개사야?"
    nodes = assistant.retriever.retrieve(text)
    assert [n.node.node_id for n in nodes] == [h.sentence_id for h in assistant.retriever.search(analyse(text))]


def _recall_at_1(assistant, queries: list[tuple[str, str]]) -> dict[str, float]:
    from rag.question import analyse

    out = {}
    for mode in ("dense", "bm25", "hybrid"):
        hits = [assistant.retriever.search(analyse(q), k=1, mode=mode) for q, _ in queries]
        out[mode] = sum(bool(h) and h[0].sentence_id == target for h, (_, target) in zip(hits, queries)) / len(queries)
    return out


def _is_test(item_id: str) -> bool:
    return hashlib.sha256(item_id.encode("utf-8")).digest()[0] % 2 == 1


@pytest.mark.xfail(strict=True, reason="known loss (issue 11): on KLUE test pairs BM25 outvotes a confident dense "
                   "hit when the target writes a loanword in Latin letters (와이파이 ↔ Wi-Fi, 넷플릭스 ↔ Netflix); "
                   "hybrid R@1 0.980 vs dense 1.000 here with the dev-chosen fusion weights")
def test_fusion_never_loses_to_its_best_part_korean(tmp_path_factory, settings, embed_model, weights_sha):
    """KLUE STS pairs labelled >= 4 (test split, 54): sentence1 asks for its sentence2 (one sentence) among all."""
    pairs = [p for p in klue_pairs() if p["labels"]["label"] >= 4 and _is_test(p["guid"])][:60]
    passages = [p["sentence2"] for p in pairs]
    a = _assistant(tmp_path_factory, "klue", {"klue.md": _lines_article("klue", passages)}, settings, embed_model,
                   weights_sha)
    node_of = {a.retriever.snapshot.node(n).get_content(): n for n in a.retriever.snapshot.tokens}
    queries = [(p["sentence1"], node_of[" ".join(p["sentence2"].split())]) for p in pairs
               if " ".join(p["sentence2"].split()) in node_of]
    assert len(queries) >= 40
    r1 = _recall_at_1(a, queries)
    assert r1["hybrid"] >= max(r1["dense"], r1["bm25"]) - 0.01, r1


def test_fusion_never_loses_to_its_best_part_english_over_korean(tmp_path_factory, settings, embed_model, weights_sha):
    """English news lines (test split) each find their Korean translation among 60 Korean lines."""
    ko = (EVAL_DATA / "korean-english-news" / "korean-english-park.test.ko").read_text().split("\n")
    en = (EVAL_DATA / "korean-english-news" / "korean-english-park.test.en").read_text().split("\n")
    lines = [i for i in range(len(en)) if _is_test(f"ken-{i}") and en[i].strip() and len(ko[i]) < 150][:60]
    a = _assistant(tmp_path_factory, "xling", {"ken.md": _lines_article("ken", [ko[i] for i in lines])}, settings,
                   embed_model, weights_sha)
    node_of = {a.retriever.snapshot.node(n).get_content(): n for n in a.retriever.snapshot.tokens}
    queries = [(en[i], node_of[" ".join(ko[i].split())]) for i in lines if " ".join(ko[i].split()) in node_of]
    assert len(queries) >= 40
    r1 = _recall_at_1(a, queries)
    assert r1["hybrid"] >= r1["dense"] - 0.01, r1


def test_the_language_offset_brings_english_queries_to_their_korean_translations(tmp_path_factory, settings,
                                                                               embed_model, weights_sha):
    """English news lines find their Korean translation among ~1,000 Korean lines more often with the fitted
    offset (rag/query_shift.py, fitted on QA dev questions, never on these lines) than without: the more
    Korean lines compete, the more the offset matters (0.91 → 0.92 among 300, 0.82 → 0.86 among 1,000)."""
    import dataclasses

    from rag.query_shift import QueryShift

    ko = (EVAL_DATA / "korean-english-news" / "korean-english-park.test.ko").read_text().split("\n")
    en = (EVAL_DATA / "korean-english-news" / "korean-english-park.test.en").read_text().split("\n")
    lines = [i for i in range(len(en)) if _is_test(f"ken-{i}") and en[i].strip() and len(ko[i]) < 150]
    a = _assistant(tmp_path_factory, "shift", {"ken.md": _lines_article("ken", [ko[i] for i in lines])}, settings,
                   embed_model, weights_sha)
    assert a.retriever.query_shift.offsets, "rag/query_shift.json is not fitted for the bundled encoder"
    node_of = {a.retriever.snapshot.node(n).get_content(): n for n in a.retriever.snapshot.tokens}
    queries = [(en[i], node_of[" ".join(ko[i].split())]) for i in lines if " ".join(ko[i].split()) in node_of]
    assert len(queries) >= 800
    analysed = [analyse(q) for q, _ in queries]
    vectors = [a.retriever.embed(question.query) for question in analysed]

    def recall_at_1() -> float:
        hits = [a.retriever.search(question, k=1, mode="dense", query_vector=vector)
                for question, vector in zip(analysed, vectors)]
        return sum(h[0].sentence_id == target for h, (_, target) in zip(hits, queries)) / len(queries)

    shifted = recall_at_1()
    a.retriever.query_shift = dataclasses.replace(a.retriever.query_shift, scale=0.0)
    plain = recall_at_1()
    assert shifted >= plain + 0.02, (shifted, plain)


def test_the_language_offset_moves_english_vectors_only_and_only_for_its_encoder(tmp_path):
    import json

    import numpy as np

    from rag.errors import ConfigError
    from rag.query_shift import load_query_shift, save_query_shift

    path = tmp_path / "shift.json"
    save_query_shift({"en": np.array([0.0, 1.0], dtype="float32")}, "sha-a", {"rule": "test"}, path)
    shift = load_query_shift("sha-a", path=path)
    vector = np.array([1.0, 0.0], dtype="float32")
    moved = shift.apply(vector, "en")
    assert np.allclose(moved, [2 ** -0.5, 2 ** -0.5]) and np.isclose(np.linalg.norm(moved), 1.0)
    assert np.array_equal(shift.apply(vector, "ko"), vector)
    assert not load_query_shift("sha-b", path=path).offsets  # fitted for other weights: not used
    path.write_text(json.dumps({"offsets": {}}))
    with pytest.raises(ConfigError, match="make fit"):
        load_query_shift("sha-a", path=path)
