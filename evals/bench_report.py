"""`rag bench` output: the results as a Markdown table (for BENCHMARKS.md) and a latency plot."""

from __future__ import annotations

from pathlib import Path

from rag import HubqaError


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
    plt.close(fig)
