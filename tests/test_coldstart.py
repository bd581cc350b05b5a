"""Cold start (issue 12 part 5): what a one-shot `rag ask` loads, and what it no longer repeats."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading

import numpy as np

from evals.coldstart import ROOT, _env


def test_encoder_matches_sentence_transformers(settings, embed_model):
    """The BertModel adapter gives what sentence-transformers gives with the folder's modules.json."""
    from rag.embedding import PASSAGE_PREFIX, QUERY_PREFIX, load_sentence_transformer

    st = load_sentence_transformer(settings)
    texts = ["중기부와 쇼난 I-Park는 언제 업무협약을 맺었나?", "How many Korean ventures are resident?", "짧다",
             "긴 문장 " * 400]  # past 512 tokens: truncated the same way
    ours = np.asarray(embed_model.get_text_embedding_batch(texts))
    theirs = st.encode([PASSAGE_PREFIX + t for t in texts], normalize_embeddings=True)
    assert np.all(np.sum(ours * theirs, axis=1) > 0.99999)
    q = np.asarray(embed_model.get_query_embedding(texts[0]))
    assert float(q @ st.encode([QUERY_PREFIX + texts[0]], normalize_embeddings=True)[0]) > 0.99999


def test_weights_are_hashed_again_only_when_they_change(tmp_path):
    from rag.model_build import cached_sha256, file_sha256

    weights, record = tmp_path / "w.bin", tmp_path / "w.json"
    weights.write_bytes(b"a" * 4096)
    first = cached_sha256(weights, record)
    assert first == file_sha256(weights) and json.loads(record.read_text())["sha256"] == first
    stat = weights.stat()
    record.write_text(json.dumps({"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": "remembered"}))
    assert cached_sha256(weights, record) == "remembered"  # same size and mtime: not read again
    weights.write_bytes(b"b" * 4095)  # changed: hashed again
    assert cached_sha256(weights, record) == file_sha256(weights)
    record.write_text("not json")
    assert cached_sha256(weights, record) == file_sha256(weights)


def test_truncated_weights_are_still_caught_with_a_remembered_hash(tmp_path, settings):
    from rag.embedding import VERIFIED, model_dir, model_problem

    target = tmp_path / "model"
    shutil.copytree(model_dir(settings), target)
    assert model_problem(target) is None and (target / VERIFIED).exists()
    with open(target / "model.safetensors", "r+b") as f:
        f.truncate(2_000_000)
    assert "corrupt or truncated" in model_problem(target)


def test_kiwi_loads_once_across_threads():
    from rag import sentences

    seen = []
    threads = [threading.Thread(target=lambda: seen.append(id(sentences.kiwi()))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(seen)) == 1
    first = sentences.kiwi().tokenize("쇼난 아이파크에 입주했다")
    again = sentences.kiwi().tokenize("쇼난 아이파크에 입주했다")
    assert [(t.form, t.tag) for t in first] == [(t.form, t.tag) for t in again] and first is not again


def test_one_shot_ask_leaves_sentence_transformers_unimported(seed_index):
    code = ("import sys\nfrom rag.assistant import Assistant\n"
            f"a = Assistant.open({str(seed_index)!r})\n"
            "print(a.ask('When will K-StartHub open?').answer)\n"
            "print(sorted(m for m in ('sentence_transformers', 'sklearn', 'gradio') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=_env(),
                          timeout=300)
    assert done.returncode == 0, done.stderr
    answer, loaded = done.stdout.strip().splitlines()[-2:]
    assert "2026년 5월" in answer and loaded == "[]", done.stdout
