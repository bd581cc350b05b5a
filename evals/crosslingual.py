"""Cross-lingual retrieval check: each English line of the news pairs must find its Korean line.

    PYTHONPATH=$PWD python -m evals.crosslingual [--limit N]

builds a temporary index of `evals/news/articles` (the Korean side, 2,000 lines in 100 files) and,
for every non-empty English line N as the query, ranks `assistant.search(query, k=10, mode=...)`;
a hit is relevant when its sentence lies inside Korean line N. Figures per mode: n, R@1, R@5, MRR
(MRR over the top 10; a line not found there counts 0).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from . import news

K = 10


def crosslingual_check(assistant, modes=("hybrid", "dense", "bm25"), *, limit: int | None = None) -> dict:
    """{mode: {"n", "R@1", "R@5", "MRR"}} over the English lines as queries against the Korean lines."""
    english = news.read_lines(news.EN_FILE)
    spans = news.line_spans()
    queries = [(number, line) for number, line in enumerate(english, start=1) if line.strip()][:limit]
    figures = {}
    for mode in modes:
        ranks = []
        for number, query in queries:
            doc_id, start, end = spans[number]
            hits = assistant.search(query, k=K, mode=mode)
            rank = next((r for r, hit in enumerate(hits, start=1)
                         if hit.doc_id == doc_id and start <= hit.start and hit.end <= end), None)
            ranks.append(rank)
        n = len(ranks)
        figures[mode] = {"n": n,
                         "R@1": sum(r == 1 for r in ranks) / n if n else None,
                         "R@5": sum(r is not None and r <= 5 for r in ranks) / n if n else None,
                         "MRR": sum(1 / r for r in ranks if r) / n if n else None}
    return figures


def main(argv: list[str] | None = None) -> None:
    from rag import Assistant

    parser = argparse.ArgumentParser(prog="python -m evals.crosslingual", description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N English lines (default: all)")
    parser.add_argument("--modes", default="hybrid,dense,bm25", help="comma-separated (default: hybrid,dense,bm25)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hubqa-news-") as tmp:
        assistant = Assistant.open(Path(tmp) / "index", require_index=False)
        started = time.perf_counter()
        report = assistant.ingest([news.ARTICLES])
        print(f"{report.summary()} ({assistant.status()['sentences']} sentences, "
              f"{time.perf_counter() - started:.0f} s)")
        started = time.perf_counter()
        figures = crosslingual_check(assistant, tuple(args.modes.split(",")), limit=args.limit)
        print(f"queries run in {time.perf_counter() - started:.0f} s\n")
    print(f"| mode | n | R@1 | R@5 | MRR@{K} |\n|---|---|---|---|---|")
    for mode, f in figures.items():
        print(f"| {mode} | {f['n']} | {f['R@1']:.3f} | {f['R@5']:.3f} | {f['MRR']:.3f} |")


if __name__ == "__main__":
    main()
