"""`rag bench`: ingest speed against the model's own speed, latency and memory by corpus size, ANN recall,
cold start — measured on this machine in one run.

The corpora (the output says the same):
- Real articles: docs/. Synthetic articles: real Korean sentences from evals/data/klue-sts/klue-sts-v1.1_dev.json
  (KLUE STS dev, CC BY-SA 4.0) recombined, ten per article, titled "(synthetic test data)".
- The ingest measurement encodes every sentence with the model, at the first size (at most REAL_INGEST_MAX).
- Larger sizes get simulated vectors (`simulate`): the model encodes 20–100 sentences/s on 2 cores, so
  100k real encodings would take longer than the whole bench may. Each sentence keeps a real text (for BM25 and
  the docstore); docs/ keeps its real vectors, so questions about it still find their answers.
- Above FULL_PIPELINE_MAX only the vector index is built (no docstore/BM25/answers): the ANN figures.
"""

from __future__ import annotations

import gc
import json
import math
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from .config import Settings
from .errors import HubqaError

ROOT = Path(__file__).resolve().parents[1]
KLUE_STS = ROOT / "evals" / "data" / "klue-sts" / "klue-sts-v1.1_dev.json"
REAL_INGEST_MAX = 1000  # sentences really encoded: ~20 s per run at the ~50 sentences/s of one thread here
FULL_PIPELINE_MAX = 200_000  # above this, vectors only: a JSON docstore of 1M nodes alone outlasts the budget
PER_ARTICLE = 10  # sentences per synthetic article
NOISE = 0.2  # simulated-vector noise: the mean pairwise cosine then matches real sentence vectors' (0.86 vs 0.85)
SYNTHETIC = "synthetic-"
QUESTIONS = [  # about the real articles in docs/ (the last one has no answer there: the abstention path)
    "노용석 차관이 쇼난 아이파크에서 만난 사람은 누구인가?", "K-바이오랩허브는 언제 완공될 예정인가?",
    "쇼난 I-Park는 누가 조성했나?", "중기부와 쇼난 I-Park는 언제 업무협약을 체결했나?",
    "쇼난 아이파크에 입주한 한국 벤처는 몇 개사인가?", "When will the K-Bio Labhub be completed?",
    "Who did Vice Minister Noh meet at Shonan iPark?", "When did MSS sign its MOU with Shonan iPark?",
    "Which company built Shonan iPark?", "When will K-StartHub open?"]
NOTES = [
    "Corpus: docs/ (real articles) plus synthetic test articles recombining real KLUE STS dev sentences "
    "(CC BY-SA 4.0), ten per article.",
    "Ingest row: every sentence encoded by the model. Other rows: vectors simulated (a random mix of two real "
    f"sentence vectors plus Gaussian noise σ={NOISE}, renormalised); docs/ keeps its real vectors.",
    f"Above {FULL_PIPELINE_MAX:,} sentences: vector index only (no docstore, BM25 or answers).",
    "Latency: dense, bm25 and hybrid are `Assistant.search` end to end (each embeds the query: the answerer "
    "reads dense scores in every mode); vector = FAISS search alone; ask = `Assistant.ask`.",
    "Recall@10: the index against exact search, for real question embeddings / held-out simulated vectors."]


def klue_sentences() -> list[str]:
    """The distinct real Korean sentences of KLUE STS dev, in file order."""
    if not KLUE_STS.exists():
        raise HubqaError(f"{KLUE_STS} is missing; the bench builds its synthetic corpus from it "
                         f"(KLUE STS dev, copied into evals/data/klue-sts/)")
    pairs = json.loads(KLUE_STS.read_text(encoding="utf-8"))
    return list(dict.fromkeys(s for p in pairs for s in (p["sentence1"], p["sentence2"])))


def klue_queries(n: int = 20) -> list[str]:
    """Real Korean queries: the first sentence of KLUE pairs labelled near-paraphrase (≥ 4)."""
    pairs = json.loads(KLUE_STS.read_text(encoding="utf-8"))
    return [p["sentence1"] for p in pairs if p["labels"]["real-label"] >= 4][:n]


def synthetic_article(k: int, sentences: list[str]):
    from .corpus import Article

    return Article(doc_id=f"{SYNTHETIC}{k:07d}", date="2026-01-01", text="\n\n".join(sentences),
                   title=f"합성 기사 {k} (synthetic test data: KLUE STS sentences recombined)",
                   outlet="KLUE STS dev (CC BY-SA 4.0), recombined")


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


def measure_ingest(settings: Settings, embed_model, sha: str, work: Path, n: int, reps: int) -> dict:
    """Ingest ~n real sentences into work/index0, timed against `SentenceTransformer.encode` of the same sentences."""
    from .corpus import load_corpus
    from .embedding import PASSAGE_PREFIX, load_sentence_transformer
    from .ingest import ingest
    from .sentences import split_article

    docs = work / "docs"
    docs.mkdir(parents=True)
    for path in Path(settings.docs_dir).glob("*.md"):
        if not path.name.startswith("README"):
            (docs / path.name).write_bytes(path.read_bytes())
    real, _ = load_corpus([docs], max_bytes=settings.max_article_bytes)
    klue = klue_sentences()[:max(0, n - sum(len(split_article(a)) for a in real))]
    for k in range(0, len(klue), PER_ARTICLE):
        a = synthetic_article(k // PER_ARTICLE, klue[k:k + PER_ARTICLE])
        (docs / f"{a.doc_id}.md").write_text(f"---\nid: {a.doc_id}\ntitle: {a.title}\ndate: {a.date}\n"
                                             f"outlet: {a.outlet}\n---\n{a.text}\n", encoding="utf-8")
    articles, _ = load_corpus([docs], max_bytes=settings.max_article_bytes)
    passages = [PASSAGE_PREFIX + s.text for a in articles for s in split_article(a)]
    encoder = load_sentence_transformer(settings)
    encoder.encode(passages[:8], normalize_embeddings=True)  # warm-up, like the ingest's dimension probe
    runs = []
    for rep in range(reps):  # alternate, so load from other processes hits both sides alike
        t, cpu = time.perf_counter(), time.process_time()
        encoder.encode(passages, batch_size=settings.embed_batch_size, normalize_embeddings=True)
        run = {"encode_s": time.perf_counter() - t, "encode_cpu_s": time.process_time() - cpu}
        t, cpu = time.perf_counter(), time.process_time()
        report = ingest([docs], replace(settings, index_dir=work / f"index{rep}"), embed_model, weights_sha256=sha,
                        rebuild=True)
        runs.append({**run, "ingest_s": time.perf_counter() - t, "ingest_cpu_s": time.process_time() - cpu,
                     "ingest_embed_s": report.embed_seconds})
    t = time.perf_counter()
    again = ingest([docs], replace(settings, index_dir=work / "index0"), embed_model, weights_sha256=sha)
    reingest_s = time.perf_counter() - t
    if again.sentences_embedded or report.sentences_embedded != len(passages):
        raise HubqaError(f"bench ingest embedded {report.sentences_embedded} of {len(passages)} sentences and "
                         f"{again.sentences_embedded} on an unchanged re-ingest; the figures would be wrong")
    mean = lambda key: sum(r[key] for r in runs) / len(runs)
    return {"sentences": len(passages), "articles": len(articles), "encode_per_s": len(passages) / mean("encode_s"),
            "ingest_per_s": len(passages) / mean("ingest_s"),
            "ratio": sum(r["encode_s"] / r["ingest_s"] for r in runs) / len(runs),  # mean of adjacent pairs
            "cpu_ratio": mean("encode_cpu_s") / mean("ingest_cpu_s"),
            "overhead_s": mean("ingest_s") - mean("ingest_embed_s"), "reingest_unchanged_s": reingest_s,
            "load_avg": os.getloadavg()[0], "runs": runs}


def _real_base(real_root: Path):
    """The really ingested index, its vectors, and which rows are synthetic (the simulation's bases)."""
    from .store import load_snapshot

    real = load_snapshot(real_root)
    node_ids, vectors = real.vectors.node_vectors()
    return real, node_ids, vectors, np.array([i.startswith(SYNTHETIC) for i in node_ids])


def build_simulated(real_root: Path, root: Path, n: int, ann_threshold: int) -> None:
    """An index of ~n sentences: docs/ articles as really ingested, the rest synthetic with simulated vectors."""
    from llama_index.core.storage.docstore import SimpleDocumentStore

    from .chunking import article_nodes
    from .sentences import Sentence
    from .store import IndexSnapshot, Manifest, write_snapshot
    from .vector_store import SentenceVectorStore

    real, node_ids, vectors, synthetic = _real_base(real_root)
    base_ids = [i for i, s in zip(node_ids, synthetic) if s]
    texts = [real.docstore.get_node(i).get_content() for i in base_ids]
    keep_ids = [i for i, s in zip(node_ids, synthetic) if not s]
    sim, source = simulate(vectors[synthetic], max(0, n - len(keep_ids)))
    nodes = [real.docstore.get_node(i) for i in keep_ids]
    articles = {d: a for d, a in real.articles.items() if not d.startswith(SYNTHETIC)}
    manifest = Manifest(**{**real.manifest.__dict__, "articles": {d: e for d, e in real.manifest.articles.items()
                                                                  if d in articles}})
    tokens = {i: real.tokens[i] for i in keep_ids}
    for k, start in enumerate(range(0, len(source), PER_ARTICLE)):
        rows = source[start:start + PER_ARTICLE].tolist()
        article = synthetic_article(k, [texts[r] for r in rows])
        ends = np.cumsum([len(texts[r]) + 2 for r in rows]) - 2  # "\n\n" between sentences
        sentences = [Sentence(f"{article.doc_id}#{j}", article.doc_id, j, texts[r], int(e) - len(texts[r]), int(e))
                     for j, (r, e) in enumerate(zip(rows, ends))]
        new = article_nodes(article, sentences)
        nodes.extend(new)
        articles[article.doc_id] = article
        manifest.articles[article.doc_id] = {"hash": article.content_hash, "source": "",
                                             "node_ids": [x.id_ for x in new]}
        tokens.update((x.id_, real.tokens[base_ids[r]]) for x, r in zip(new, rows))
    docstore = SimpleDocumentStore()
    docstore.add_documents(nodes)
    store = SentenceVectorStore.from_vectors([x.id_ for x in nodes], np.concatenate([vectors[~synthetic], sim]),
                                             ann_threshold=ann_threshold)
    write_snapshot(root, IndexSnapshot(Path(""), manifest, store, docstore, articles, tokens))


def measure_size(n: int, real_size: int | None, work: Path, settings: Settings, n_queries: int | None = None,
                 embed_model=None, sha: str = "") -> dict:
    """Every per-size figure. `run` calls it in a fresh process, so peak RSS belongs to this size."""
    from .assistant import Assistant
    from .embedding import load_embedding, weights_fingerprint
    from .store import current_version

    if embed_model is None:
        embed_model, sha = load_embedding(settings), weights_fingerprint(settings)
    real_root, queries = work / "index0", (QUESTIONS + klue_queries())[:n_queries]
    embed = lambda q: np.asarray(embed_model.get_query_embedding(q), dtype="float32")
    qvecs = np.stack([embed(q) for q in queries])
    _, node_ids, real_vectors, synthetic = _real_base(real_root)
    if n > FULL_PIPELINE_MAX:
        kept = [i for i, s in zip(node_ids, synthetic) if not s]
        return measure_vectors_only(n, kept, real_vectors[~synthetic], real_vectors[synthetic], work, settings,
                                    embed, queries, qvecs)
    root = real_root if n == real_size else work / f"index-{n}"
    t = time.perf_counter()
    if root != real_root:
        build_simulated(real_root, root, n, settings.ann_threshold)
    out = {"vectors": "real" if root == real_root else "simulated", "build_s": time.perf_counter() - t}
    disk = sum(p.stat().st_size for p in current_version(root).iterdir())
    gc.collect()
    rss0, t = _rss(), time.perf_counter()
    assistant = Assistant(replace(settings, index_dir=root), embed_model, sha)
    assistant.reload()
    snap = assistant.retriever.snapshot
    n = snap.sentence_count
    out.update(sentences=n, load_s=time.perf_counter() - t, disk_mb=disk / 1e6, disk_bytes_per_sentence=disk / n,
               ram_bytes_per_sentence=(_rss() - rss0) / n)
    assistant.ask(queries[0])  # warm-up: first-call allocations are not latency
    out["latency_ms"] = _latencies(len(queries), {
        "embed": lambda i: embed(queries[i]),
        "vector": lambda i: snap.vectors.search(qvecs[i][None, :], settings.candidate_k),
        **{mode: lambda i, mode=mode: assistant.search(queries[i], mode=mode) for mode in ("dense", "bm25", "hybrid")},
        "ask": lambda i: assistant.ask(queries[i])})
    ids, vectors = snap.vectors.stored_vectors()
    out.update(_recall(snap.vectors, ids, vectors, qvecs, real_vectors[synthetic]))
    return {**out, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def measure_vectors_only(n: int, kept_ids: list[str], kept: np.ndarray, bases: np.ndarray, work: Path,
                         settings: Settings, embed, queries, qvecs) -> dict:
    """Above FULL_PIPELINE_MAX: docs/ vectors plus simulated ones in the vector index alone; build, persist,
    reload, search and recall figures."""
    from .store import ID_MAP_FILE, VECTOR_FILE
    from .vector_store import SentenceVectorStore

    vectors = np.concatenate([kept, simulate(bases, n - len(kept))[0]])
    ids = kept_ids + [f"{SYNTHETIC}{i // PER_ARTICLE:07d}#{i % PER_ARTICLE}" for i in range(n - len(kept))]
    t = time.perf_counter()
    store = SentenceVectorStore.from_vectors(ids, vectors, ann_threshold=settings.ann_threshold)
    out = {"sentences": n, "vectors": "simulated (vector index only)", "build_s": time.perf_counter() - t}
    path = work / f"vectors-{n}" / VECTOR_FILE
    store.persist(persist_path=str(path))
    del store
    gc.collect()
    rss0, t = _rss(), time.perf_counter()
    store = SentenceVectorStore.load(str(path))
    disk = path.stat().st_size + (path.parent / ID_MAP_FILE).stat().st_size
    out.update(load_s=time.perf_counter() - t, disk_mb=disk / 1e6, disk_bytes_per_sentence=disk / n,
               ram_bytes_per_sentence=(_rss() - rss0) / n)
    k = settings.candidate_k
    out["latency_ms"] = _latencies(len(queries), {"embed": lambda i: embed(queries[i]),
                                                  "vector": lambda i: store.search(qvecs[i][None, :], k),
                                                  "dense": lambda i: store.search(embed(queries[i])[None, :], k)})
    out.update(_recall(store, np.arange(n), vectors, qvecs, bases))
    return {**out, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _recall(store, ids: np.ndarray, vectors: np.ndarray, qvecs: np.ndarray, bases: np.ndarray, k: int = 10) -> dict:
    """Recall@k of the store against exact search over the same vectors (1.0 by construction when exact)."""
    import faiss

    from .vector_store import recall_at_k

    out = {"index": store.kind}
    for name, queries in (("recall_real", qvecs), ("recall_simulated", simulate(bases, 200, seed=7)[0])):
        _, exact = faiss.knn(queries, vectors, k, metric=faiss.METRIC_INNER_PRODUCT)
        out[name] = recall_at_k(store.search_ids(queries, k)[1], ids[exact])
    return out


def _latencies(n: int, stages: dict, reps: int = 2) -> dict:
    """p50/p95 in ms over n queries per stage (`fn(i)` runs query i). Stages are interleaved query by query
    and each query is timed `reps` times, keeping its fastest: on a shared machine another process's burst
    is not this pipeline's latency, and it hits every stage alike."""
    times = {name: np.full((reps, n), np.inf) for name in stages}
    for rep in range(reps):
        for i in range(n):
            for name, fn in stages.items():
                t = time.perf_counter()
                fn(i)
                times[name][rep, i] = (time.perf_counter() - t) * 1000
    return {name: {"p50": float(np.percentile(t.min(axis=0), 50)), "p95": float(np.percentile(t.min(axis=0), 95))}
            for name, t in times.items()}


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def cold_start(index_dir: Path, settings: Settings) -> float:
    """Seconds from process start to the first answer printed by `python -m rag ask` (model already cached)."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HUBQA_CACHE_DIR": str(settings.cache_dir),
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "rag", "ask", "--index", str(index_dir), QUESTIONS[1]],
                          capture_output=True, text=True, env=env, timeout=600)
    seconds = time.perf_counter() - t
    if done.returncode != 0 or not done.stdout.strip():
        raise HubqaError(f"cold-start run of `rag ask` failed (exit {done.returncode}): {done.stderr[-500:]}")
    return seconds


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
               if line.startswith("MemTotal"))
    import faiss
    import torch

    return {"nproc": len(os.sched_getaffinity(0)), "cpu": cpu, "ram_gb": round(mem / 1024 ** 2, 1),
            "python": platform.python_version(), "torch_threads": torch.get_num_threads(),
            "faiss": faiss.__version__, "load_avg_at_start": os.getloadavg()[0]}


def run(sizes: list[int], *, settings: Settings, embed_model=None, sha: str = "", reps: int = 2,
        n_queries: int | None = None, isolate: bool = True, log=lambda msg: print(f"bench: {msg}", file=sys.stderr, flush=True)) -> dict:
    """The whole benchmark as one dict. `isolate` measures each size in a fresh process (own peak RSS)."""
    import shutil
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from .embedding import load_embedding, weights_fingerprint

    started, sizes = time.perf_counter(), sorted(set(sizes))
    if embed_model is None:
        embed_model, sha = load_embedding(settings), weights_fingerprint(settings)
    work = Path(tempfile.mkdtemp(prefix="hubqa-bench-"))
    try:
        results = {"machine": machine(), "notes": NOTES,
                   "settings": {k: getattr(settings, k) for k in ("ann_threshold", "embed_batch_size", "candidate_k")}}
        n_real = min(sizes[0], REAL_INGEST_MAX)
        log(f"ingest of {n_real} sentences, really encoded, {reps} run(s)")
        results["ingest"] = measure_ingest(settings, embed_model, sha, work, n_real, reps)
        log("cold start")
        results["cold_start_s"] = cold_start(work / "index0", settings)
        real_size = sizes[0] if sizes[0] <= REAL_INGEST_MAX else None
        results["sizes"] = []
        for n in sizes:
            log(f"{n:,} sentences")
            if isolate:
                with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
                    row = pool.submit(measure_size, n, real_size, work, settings, n_queries).result()
            else:
                row = measure_size(n, real_size, work, settings, n_queries, embed_model, sha)
            row["queries"] = len((QUESTIONS + klue_queries())[:n_queries])
            results["sizes"].append(row)
        results["total_s"] = time.perf_counter() - started
        return results
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _ms(row: dict, key: str) -> str:
    lat = row["latency_ms"].get(key)
    return f"{lat['p50']:.1f} / {lat['p95']:.1f}" if lat else "—"


def table(results: dict) -> str:
    """The results as Markdown: headline lines, one row per size, the notes."""
    m, ing = results["machine"], results["ingest"]
    lines = [f"Machine: {m['nproc']} cores ({m['cpu']}), {m['ram_gb']} GB RAM; Python {m['python']}, torch threads "
             f"{m['torch_threads']}, FAISS {m['faiss']}; load average at start {m['load_avg_at_start']:.1f}.", "",
             f"Ingest of {ing['sentences']:,} sentences ({ing['articles']} articles, every sentence encoded, "
             f"{len(ing['runs'])} alternating runs): **{ing['ingest_per_s']:.1f} sentences/s** vs "
             f"SentenceTransformer.encode {ing['encode_per_s']:.1f} sentences/s: **ratio {ing['ratio']:.2f}** "
             f"(CPU-time ratio {ing['cpu_ratio']:.2f}; ingest beyond the model: {ing['overhead_s']:.2f} s; "
             f"load average {ing['load_avg']:.1f}).", "",
             f"Re-ingest of the unchanged corpus: {ing['reingest_unchanged_s']:.2f} s. Cold start (`python -m rag ask`, "
             f"process start to first answer, model cached): {results['cold_start_s']:.1f} s.", "",
             "| sentences | vectors | index | recall@10 real / sim | disk B/sentence | RAM B/sentence | peak RSS MB "
             "| embed p50 | vector | dense | bm25 | hybrid | ask |", "|" + "---|" * 13]
    for r in results["sizes"]:
        lines.append(f"| {r['sentences']:,} | {r['vectors']} | {r['index']} | {r['recall_real']:.3f} / "
                     f"{r['recall_simulated']:.3f} | {r['disk_bytes_per_sentence']:,.0f} | {r['ram_bytes_per_sentence']:,.0f} "
                     f"| {r['peak_rss_mb']:,.0f} | {r['latency_ms']['embed']['p50']:.1f} | "
                     + " | ".join(_ms(r, k) for k in ("vector", "dense", "bm25", "hybrid", "ask")) + " |")
    lines += ["", f"Latencies in ms, p50 / p95 over {results['sizes'][0]['queries']} queries, each the fastest "
              "of 2 timings interleaved across stages.", "",
              *(f"- {note}" for note in results["notes"]), f"Total bench time: {results['total_s']:.0f} s."]
    return "\n".join(lines)


def plot(results: dict, path: Path) -> None:
    """Latency p50 (solid) and p95 (dashed) by corpus size, one colour per stage."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise HubqaError("--plot needs matplotlib: pip install 'hubqa[eval]'") from None
    fig, ax = plt.subplots(figsize=(7, 4.2))
    for key in ("vector", "dense", "bm25", "hybrid", "ask"):
        rows = [r for r in results["sizes"] if key in r["latency_ms"]]
        xs = [r["sentences"] for r in rows]
        line, = ax.plot(xs, [r["latency_ms"][key]["p50"] for r in rows], marker="o", label=key)
        ax.plot(xs, [r["latency_ms"][key]["p95"] for r in rows], linestyle="--", color=line.get_color())
    for r in results["sizes"]:
        if r["index"] != "exact":
            ax.annotate(f"{r['index']}\n{r['vectors']}", (r["sentences"], r["latency_ms"]["vector"]["p50"]),
                        textcoords="offset points", xytext=(-6, 8), ha="right", fontsize=7)
    ax.set(xscale="log", yscale="log", xlabel="sentences in the index", ylabel="latency, ms (p50 solid, p95 dashed)",
           title=f"hubqa on {results['machine']['nproc']} cores ({results['machine']['cpu']})")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def run_bench(args) -> int:
    try:
        sizes = [int(s.strip().replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        sizes = []
    if not sizes or min(sizes) < 100:
        raise HubqaError(f"--sizes {args.sizes!r} is not a comma-separated list of sentence counts of at least "
                         f"100, e.g. --sizes 1000,10000,100000")
    results = run(sizes, settings=Settings.from_env())
    if args.plot:
        plot(results, args.plot)
    print(json.dumps(results, ensure_ascii=False, indent=1) if args.json else table(results))
    return 0
