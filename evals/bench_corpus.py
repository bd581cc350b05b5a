"""The benchmark's corpora: synthetic articles of real KLUE STS sentences, and simulated vectors for them.

Every index the bench measures is built by the product's ingest (`rag.ingest`). At the sizes where the
model cannot encode every sentence in time, ingest is handed a `SimulatedEmbedding` instead of the
model: it returns, for each synthetic sentence, a simulated vector whose larger share is that
sentence's real vector, and for the articles of `docs/` their real vectors. Splitting, nodes, BM25
morphemes, the docstore and the vector index are the product's own.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from pathlib import Path

import numpy as np

from rag import Article, HubqaError, render_article

PER_ARTICLE = 10  # sentences per synthetic article
NOISE = 0.2  # simulated-vector noise: the mean pairwise cosine then matches real sentence vectors' (0.86 vs 0.85)
SYNTHETIC = "synthetic-"


def klue_pairs(path: Path) -> list[dict]:
    if not Path(path).exists():
        raise HubqaError(f"{path} is missing; the bench builds its synthetic corpus from it "
                         f"(KLUE STS dev, in evals/data/klue-sts/)")
    return json.loads(Path(path).read_text(encoding="utf-8"))


def klue_sentences(path: Path) -> list[str]:
    """The distinct real Korean sentences of KLUE STS dev, in file order."""
    return list(dict.fromkeys(s for p in klue_pairs(path) for s in (p["sentence1"], p["sentence2"])))


def klue_queries(path: Path, n: int = 20) -> list[str]:
    """Real Korean queries: the first sentence of KLUE pairs labelled near-paraphrase (≥ 4)."""
    return [p["sentence1"] for p in klue_pairs(path) if p["labels"]["real-label"] >= 4][:n]


def synthetic_article(k: int, sentences: list[str]) -> Article:
    return Article(doc_id=f"{SYNTHETIC}{k:07d}", date="2026-01-01", text="\n\n".join(sentences),
                   title=f"합성 기사 {k} (synthetic test data: KLUE STS sentences recombined)",
                   outlet="KLUE STS dev (CC BY-SA 4.0), recombined")


def write_synthetic(folder: Path, sentences: list[str]) -> Path:
    """`sentences`, PER_ARTICLE to an article, as corpus files in `folder` (created)."""
    folder.mkdir(parents=True, exist_ok=True)
    for k, start in enumerate(range(0, len(sentences), PER_ARTICLE)):
        article = synthetic_article(k, sentences[start:start + PER_ARTICLE])
        (folder / f"{article.doc_id}.md").write_text(render_article(article), encoding="utf-8")
    return folder


def simulate(bases: np.ndarray, n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """n unit vectors, each a random mix of two rows of `bases` plus noise; and, per vector, the row whose
    text it carries (the larger share). Built in chunks so 1M vectors need no 1.5 GB temporaries."""
    rng, dim = np.random.default_rng(seed), bases.shape[1]
    out, source = np.empty((n, dim), dtype="float32"), np.empty(n, dtype=np.int64)
    for start in range(0, n, 1 << 16):
        m = min(1 << 16, n - start)
        a, b = rng.integers(0, len(bases), (2, m))
        w = rng.random((m, 1), dtype=np.float32)
        v = w * bases[a] + (1 - w) * bases[b] + rng.standard_normal((m, dim), dtype=np.float32) * (NOISE / math.sqrt(dim))
        out[start:start + m] = v / np.linalg.norm(v, axis=1, keepdims=True)
        source[start:start + m] = np.where(w[:, 0] >= 0.5, a, b)
    return out, source


class SimulatedEmbedding:
    """What `rag.ingest` needs of an embedding model, answering from precomputed vectors.

    `queues[text]` holds the simulated vectors made for that text (each carries it as its larger share),
    handed out one per occurrence, so which node of that text gets which of them does not matter.
    `real[text]` is a text's real vector (the articles of docs/). Any other text — it should not happen,
    but a sentence splitter may cut a text differently the second time — is encoded by `model`.
    """

    def __init__(self, model, queues: dict[str, list[np.ndarray]], real: dict[str, np.ndarray]):
        self.model, self.queues, self.real = model, queues, real
        self.embed_batch_size = model.embed_batch_size
        self.encoded_by_model = 0

    def get_text_embedding_batch(self, texts: list[str], **_) -> list:
        out, missing = [], []
        for i, text in enumerate(texts):
            queue = self.queues.get(text)
            vector = queue.pop() if queue else self.real.get(text)
            out.append(vector)
            if vector is None:
                missing.append(i)
        if missing:
            self.encoded_by_model += len(missing)
            for i, vector in zip(missing, self.model.get_text_embedding_batch([texts[i] for i in missing])):
                out[i] = vector
        return [np.asarray(v, dtype="float32") for v in out]

    def get_text_embedding(self, text: str) -> list:
        return self.get_text_embedding_batch([text])[0]


def simulated_corpus(folder: Path, n: int, texts: list[str], vectors: np.ndarray, model,
                     real: dict[str, np.ndarray]) -> SimulatedEmbedding:
    """Write n synthetic sentences (texts recombined, PER_ARTICLE to an article) into `folder`; return the
    embedding that gives each its simulated vector at ingest."""
    sim, source = simulate(vectors, n)
    sentences = [texts[r] for r in source.tolist()]
    write_synthetic(folder, sentences)
    queues: dict[str, list[np.ndarray]] = defaultdict(list)
    for text, vector in zip(sentences, sim):
        queues[text].append(vector)
    return SimulatedEmbedding(model, queues, real)
