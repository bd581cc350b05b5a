"""Show `rag eval` results: a console table, and a Markdown report with a per-language plot (PNG)."""

from __future__ import annotations

from pathlib import Path

from .qa import SPLITS

COLUMNS = [("recall@1", "R@1"), ("recall@5", "R@5"), ("mrr", "MRR"), ("answer_accuracy", "Acc"),
           ("citation_precision", "CitP"), ("citation_recall", "CitR"), ("abstention_precision", "AbsP"),
           ("abstention_recall", "AbsR"), ("span_exact", "SpanEM"), ("span_f1", "SpanF1"),
           ("latency_p50_ms", "p50 ms"), ("latency_p95_ms", "p95 ms")]
PLOTTED = ["recall@1", "recall@5", "mrr", "answer_accuracy", "citation_precision", "citation_recall",
           "abstention_precision", "abstention_recall"]
WORST = 20  # misses listed in the report


def fmt(value, ms: bool = False) -> str:
    """A figure for a table cell: 3 decimals, whole milliseconds, or 'n/a'.

    >>> fmt(0.91234), fmt(None), fmt(153.7, ms=True)
    ('0.912', 'n/a', '154')
    """
    if value is None:
        return "n/a"
    return f"{value:.0f}" if ms else f"{value:.3f}"


def escape_md(text: str) -> str:
    """Text safe inside a Markdown table cell: no HTML, no links or images, no cell breaks.

    >>> escape_md("<b>a|b</b> & c")
    '&lt;b&gt;a\\\\|b&lt;/b&gt; &amp; c'
    """
    text = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|").replace("[", "\\[").replace("]", "\\]").replace("\n", " ")


def set_rows(result: dict, languages: bool = True) -> list[list[str]]:
    """Rows [mode, language, split, n, figures...] of one evaluated set, dev and test side by side; the
    ablation modes (all but the first) only overall unless `languages`."""
    rows = []
    for number, (mode, splits) in enumerate(result["modes"].items()):
        for lang in splits["all"]:
            if lang != "all" and number and not languages:
                continue
            for split in SPLITS:
                figures = splits[split].get(lang)
                if figures is None or not figures["n"]:
                    continue
                rows.append([mode, lang, split, str(figures["n"])] +
                            [fmt(figures[key], ms=key.endswith("_ms")) for key, _ in COLUMNS])
    return rows


def retrieval_rows(result: dict) -> tuple[list[str], list[list[str]]]:
    keys = list(next(iter(result["modes"].values()), {}))
    return keys, [[mode] + [fmt(figures[k]) for k in keys] for mode, figures in result["modes"].items()]


def _text_table(header: list[str], rows: list[list[str]], labels: int = 2) -> str:
    """Aligned columns: the first `labels` to the left, the figures to the right."""
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]
    line = lambda r: "  ".join(c.ljust(w) if i < labels else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
    return "\n".join([line(header)] + [line(r) for r in rows])


def _md_table(header: list[str], rows: list[list[str]]) -> str:
    return "\n".join(["| " + " | ".join(map(escape_md, header)) + " |", "|" + "---|" * len(header)]
                     + ["| " + " | ".join(map(escape_md, r)) + " |" for r in rows])


def _sections(results: dict):
    """(title, evaluated set) for the plain and the haystack runs."""
    for name, result in results.get("sets", {}).items():
        yield f'QA set "{name}" — {result.get("corpus", "")}', name, result
    hay = results.get("haystack")
    if hay:
        for name, result in hay["sets"].items():
            yield (f'QA set "{name}" with haystack ({hay["articles"]} haystack articles, {hay["sentences"][name]} '
                   f'sentences in the index; {", ".join(Path(f).name for f in hay["files"])})'), name, result


HEADER = ["mode", "lang", "split", "n"] + [label for _, label in COLUMNS]


def print_table(results: dict) -> None:
    for title, _, result in _sections(results):
        unanswerable = result["modes"]["hybrid"]["all"]["all"]["unanswerable"] if "hybrid" in result["modes"] else 0
        print(f"\n{title}: {result['n']} items ({result['n_dev']} dev, {result['n_test']} test), "
              f"{unanswerable} unanswerable")
        print(_text_table(HEADER, set_rows(result, languages=False), labels=3))
        misses = [r for r in result["items"].get("hybrid", []) if not r["correct"]]
        if misses:
            print(f"misses (hybrid, {len(misses)}):")
            for r in misses:
                print(f"  {r['id']} ({r['split']}): {r['reason']}")
    for flag in ("pairs", "squad"):
        if flag in results:
            r = results[flag]
            print(f"\n{flag}: {r['file']} — {r['questions']} questions over {r['articles']} passages"
                  f" ({r['skipped']} skipped)")
            keys, rows = retrieval_rows(r)
            print(_text_table(["mode"] + keys, rows, labels=1))


def crosslingual_rows(result: dict) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the cross-lingual check's {mode: {"n", figure: value, ...}}."""
    keys = ["n"] + [k for k in next(iter(result.values()), {}) if k != "n"]
    return ["mode"] + keys, [[mode, str(f["n"])] + [fmt(f[k]) for k in keys[1:]] for mode, f in result.items()]


def print_crosslingual(result: dict) -> None:
    """The cross-lingual check's figures, one row per mode."""
    print("\ncross-lingual check (evals/crosslingual.py) over the news articles")
    print(_text_table(*crosslingual_rows(result), labels=1))


def plot_languages(results: dict, path: Path) -> Path:
    """Grouped bars: the hybrid figures of the test split per question language, one panel per corpus."""
    import matplotlib

    matplotlib.use("Agg")  # files only; no display on servers and in tests
    import matplotlib.pyplot as plt

    panels = [(title + " (test split)", result["modes"]["hybrid"]["test"]) for title, _, result in _sections(results)
              if "hybrid" in result["modes"]]
    fig, axes = plt.subplots(len(panels), 1, figsize=(11, 3.6 * max(1, len(panels))), squeeze=False)
    for ax, (title, groups) in zip(axes[:, 0], panels):
        languages = [g for g in groups if g != "all"] + ["all"]
        width = 0.8 / len(languages)
        languages = [g for g in languages if groups[g]["n"]]
        for i, lang in enumerate(languages):
            values = [groups[lang][k] if groups[lang][k] is not None else 0.0 for k in PLOTTED]
            ax.bar([x + i * width for x in range(len(PLOTTED))], values, width,
                   label=f"{lang} (n={groups[lang]['n']})")
        ax.set_xticks([x + width * (len(languages) - 1) / 2 for x in range(len(PLOTTED))])
        ax.set_xticklabels([label for key, label in COLUMNS if key in PLOTTED])
        ax.set_ylim(0, 1.05)
        ax.set_title(title[:110], fontsize=9)
        ax.legend(fontsize=8, ncol=len(languages), loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def write_report(folder: Path, results: dict) -> Path:
    """report.md (tables, worst misses, per-item calibration data) and per_language.png in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["# hubqa eval report", ""]
    if any(True for _ in _sections(results)):
        plot = plot_languages(results, folder / "per_language.png")
        lines += [f"![hybrid figures by question language]({plot.name})", ""]
    for title, _, result in _sections(results):
        lines += [f"## {escape_md(title)}", "", _md_table(HEADER, set_rows(result)), ""]
        hybrid = result["items"].get("hybrid", [])
        misses = sorted((r for r in hybrid if not r["correct"]),
                        key=lambda r: (not r["unanswerable"], r["abstained"], r["id"]))[:WORST]
        if misses:
            lines += ["### Worst misses (hybrid; answering an unanswerable question first)", "",
                      _md_table(["id", "lang", "split", "question", "answer", "reason"],
                                [[r["id"], r["language"], r["split"], r["question"], r["answer"][:120], r["reason"]]
                                 for r in misses]), ""]
        lines += ["### Per item (hybrid): top dense cosine vs. outcome, for abstention thresholds", "",
                  _md_table(["id", "lang", "split", "detected", "top dense", "support rank", "abstained", "correct"],
                            [[r["id"], r["language"], r["split"], r["detected"], fmt(r["top_dense"]),
                              str(r["support_rank"] or "-"), str(r["abstained"]), str(r["correct"])]
                             for r in hybrid]), ""]
    if "crosslingual" in results:
        lines += ["## Cross-lingual check (news articles)", "", _md_table(*crosslingual_rows(results["crosslingual"])), ""]
    for flag in ("pairs", "squad"):
        if flag in results:
            r = results[flag]
            keys, rows = retrieval_rows(r)
            lines += [f"## {flag}: {escape_md(r['file'])}", "",
                      f"{r['questions']} questions over {r['articles']} passages ({r['skipped']} skipped).", "",
                      _md_table(["mode"] + keys, rows), ""]
    path = folder / "report.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
