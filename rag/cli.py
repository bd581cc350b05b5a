"""The `rag` command: ingest, search, ask, chat, serve — each a thin layer over `rag.Assistant`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import HubqaError


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--index", type=Path, default=None, metavar="DIR",
                        help="index folder (default: index/, or $HUBQA_INDEX_DIR)")
    _store_options(parser)


def _store_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", choices=("faiss", "milvus"), default=None,
                        help="backend an ingest writes; reads follow the index (default: faiss, or $HUBQA_STORE)")
    parser.add_argument("--milvus-uri", default=None, metavar="URI",
                        help="Milvus for --store milvus: http://host:19530 or a Milvus Lite FILE.db "
                             "(default: DIR/milvus.db, or $HUBQA_MILVUS_URI)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rag", description="hubqa: citation-first Q&A over Korean news articles")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", help="add or update articles in the index (incremental)")
    p.add_argument("paths", nargs="*", type=Path, help="article files or folders (default: docs/)")
    p.add_argument("--rebuild", action="store_true", help="start from an empty index instead of updating")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    _common(p)

    p = sub.add_parser("search", help="ranked source sentences for a query")
    p.add_argument("query", nargs="+")
    p.add_argument("--k", type=int, default=5, help="how many sentences (default: 5)")
    p.add_argument("--mode", choices=("hybrid", "dense", "bm25"), default="hybrid",
                   help="retrieval mode (default: hybrid)")
    p.add_argument("--json", action="store_true", help="one JSON object per sentence")
    _common(p)

    for name, text in (("ask", "answer questions with sentence citations (stdin: one per line)"),
                       ("chat", "one conversation from stdin, one question per line; follow-ups allowed")):
        p = sub.add_parser(name, help=text)
        if name == "ask":
            p.add_argument("question", nargs="*")
            p.add_argument("--k", type=int, default=None, help="sentences retrieved (default: 8)")
            p.add_argument("--cite", action="store_true",
                           help="print a ready citation per source in the question's language, with the "
                                "sentence id and offsets (with --json: a 'reference' per citation)")
        else:
            p.add_argument("--markdown", nargs="?", const="-", default=None, metavar="FILE",
                           help="write the conversation as Markdown with footnotes to FILE "
                                "(no FILE or '-': print only the Markdown)")
        p.add_argument("--json", action="store_true", help="one JSON answer per line")
        p.add_argument("--llm", default="none", metavar="none|local|URL",
                       help="generative mode, verified against the sources (default: none)")
        _common(p)

    p = sub.add_parser("status", help="what the index holds")
    p.add_argument("--json", action="store_true")
    _common(p)

    p = sub.add_parser("eval", help="run the QA sets and report retrieval, answer and abstention metrics")
    p.add_argument("sets", nargs="*", type=Path,
                   help="QA set JSONL files (default: the sets declared in evals/qa.py, each over its own corpus)")
    p.add_argument("--json", action="store_true", help="print the metrics as JSON")
    p.add_argument("--report", type=Path, metavar="DIR", help="write a Markdown report with a plot to DIR")
    p.add_argument("--haystack", type=Path, action="append", metavar="FILE",
                   help="also evaluate with this JSON/JSONL of Korean text indexed beside the corpus")
    p.add_argument("--pairs", type=Path, metavar="FILE", help="KLUE-STS-format pairs: paraphrase retrieval check")
    p.add_argument("--squad", type=Path, metavar="FILE", help="SQuAD/KLUE-MRC-format JSON: passage retrieval check")
    p.add_argument("--crosslingual", action="store_true",
                   help="also run the cross-lingual retrieval check over the news articles (evals/crosslingual.py)")
    p.add_argument("--update-baseline", action="store_true",
                   help="write the test-split figures to evals/baseline.json")
    p.add_argument("--check-baseline", action="store_true",
                   help="exit 1 when a gated test-split metric regressed")
    _common(p)

    p = sub.add_parser("bench", help="measure ingest, retrieval and answer speed at several corpus sizes")
    p.add_argument("--sizes", default="1000,10000,100000", help="sentence counts (default: 1000,10000,100000)")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument("--plot", type=Path, metavar="FILE", help="write a PNG plot of latency by size")
    p.add_argument("--load", type=int, metavar="N", default=0,
                   help="instead: N chat sessions x 3 turns against `rag serve` on 127.0.0.1 (p50/p95, errors, cross-talk)")
    p.add_argument("--coldstart", action="store_true",
                   help="instead: one-shot `rag ask` wall time and peak RSS, and `rag serve`'s time to first answer")
    p.add_argument("--index", type=Path, default=None, metavar="DIR",
                   help="index for --load / --coldstart (default: index/, or $HUBQA_INDEX_DIR)")
    _store_options(p)

    p = sub.add_parser("serve", help="start the chat UI (Gradio) on this machine")
    p.add_argument("--host", default="127.0.0.1", help="(default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=7860, help="(default: 7860)")
    _common(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except HubqaError as exc:
        print(f"rag: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _settings(args):
    from .config import Settings

    return Settings.from_env(index_dir=args.index, store=args.store, milvus_uri=args.milvus_uri)


def _open(args, **kwargs):
    from .assistant import Assistant

    return Assistant.open(settings=_settings(args), **kwargs)


def cmd_ingest(args) -> int:
    from tqdm import tqdm

    assistant = _open(args, require_index=False)
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, unit="sentence", desc="embedding", file=sys.stderr, disable=args.json)
        bar.update(done - bar.n)

    paths = args.paths or [assistant.settings.docs_dir]
    report = assistant.ingest(paths, rebuild=args.rebuild, progress=progress)
    if bar is not None:
        bar.close()
    if args.json:
        print(json.dumps({"added": report.added, "updated": report.updated, "unchanged": report.unchanged,
                          "removed": report.removed, "sentences_embedded": report.sentences_embedded,
                          "seconds": round(report.seconds, 2), "version": report.version,
                          "failed": [{"path": f.path, "reason": f.reason} for f in report.failed]},
                         ensure_ascii=False))
    else:
        for failure in report.failed:
            print(f"rag: skipped {failure.reason}", file=sys.stderr)
        print(report.summary())
    return 1 if report.failed else 0


def cmd_search(args) -> int:
    assistant = _open(args)
    hits = assistant.search(" ".join(args.query), k=args.k, mode=args.mode)
    for rank, hit in enumerate(hits, start=1):
        if args.json:
            print(json.dumps({"rank": rank, "sentence_id": hit.sentence_id, "doc_id": hit.doc_id,
                              "title": hit.title, "date": hit.date, "score": round(hit.score, 5),
                              "dense": None if hit.dense is None else round(hit.dense, 4),
                              "bm25": None if hit.bm25 is None else round(hit.bm25, 4),
                              "sentence": hit.text, "start": hit.start, "end": hit.end}, ensure_ascii=False))
        else:
            print(f"{rank}. [{hit.score:.4f}] {hit.text}\n   — {hit.title} ({hit.date}) {hit.sentence_id}")
    return 0


def _print_answer(answer, as_json: bool, references: dict[int, str] | None = None) -> None:
    """One answer; `references` (citation id → ready citation) comes from `rag ask --cite`."""
    if as_json:
        data = answer.as_json()
        for c in data["citations"] if references else []:
            c["reference"] = references[c["id"]]
        print(json.dumps(data, ensure_ascii=False), flush=True)
        return
    for notice in answer.notices:
        print(f"note: {notice}", file=sys.stderr)
    print(answer.answer)
    for c in answer.citations:
        if references:
            print(f"  [{c.id}] " + references[c.id].replace("\n", "\n      "))
        else:
            print(f"  [{c.id}] {c.title} — {c.outlet}, {c.date} ({c.sentence_id}, chars {c.start}-{c.end})")
        if c.fragment_url:
            print(f"      open at the sentence: {c.fragment_url}")
    print(flush=True)


def _references(assistant, answer) -> dict[int, str]:
    from .references import citation_text

    return {c.id: citation_text(c, _article_or_none(assistant, c.doc_id), answer.language)
            for c in answer.citations}


def _questions(args):
    if getattr(args, "question", None):
        yield " ".join(args.question)
        return
    if hasattr(sys.stdin, "reconfigure"):  # a stray non-UTF-8 byte costs one character, not the whole batch
        sys.stdin.reconfigure(errors="replace")
    for line in sys.stdin:
        if line.strip():
            yield line.rstrip("\n")


def cmd_ask(args) -> int:
    from .errors import QuestionError

    assistant = _open(args, llm=args.llm)
    status = 0
    for question in _questions(args):
        try:
            answer = assistant.ask(question, k=args.k)
            _print_answer(answer, args.json, _references(assistant, answer) if args.cite else None)
        except QuestionError as exc:
            print(f"rag: error: {exc}", file=sys.stderr)
            status = 2
    return status


def cmd_chat(args) -> int:
    from .conversation import Turn
    from .errors import QuestionError

    from .references import Exchange, conversation_markdown, utc_now

    assistant = _open(args, llm=args.llm)
    history: list[Turn] = []
    exchanges: list[Exchange] = []
    markdown_only = args.markdown == "-"
    for question in _questions(args):
        try:
            answer = assistant.ask(question, history)
        except QuestionError as exc:
            print(f"rag: error: {exc}", file=sys.stderr)
            continue
        history.append(Turn(answer.question, answer.answer))
        exchanges.append(Exchange(answer, utc_now(), assistant.status()["version"]))
        if not markdown_only:
            _print_answer(answer, args.json)
    if args.markdown is not None:
        text = conversation_markdown(exchanges, lambda doc_id: _article_or_none(assistant, doc_id), utc_now())
        if markdown_only:
            sys.stdout.write(text)
        else:
            try:
                Path(args.markdown).write_text(text, encoding="utf-8")
            except OSError as exc:
                raise HubqaError(f"cannot write the conversation to {args.markdown} ({exc.strerror}); "
                                 f"pass another --markdown FILE") from None
            print(f"rag: conversation written to {args.markdown}", file=sys.stderr)
    return 0


def _article_or_none(assistant, doc_id: str):
    try:
        return assistant.article(doc_id)
    except (KeyError, HubqaError):
        return None


def cmd_status(args) -> int:
    status = _open(args).status()
    print(json.dumps(status, ensure_ascii=False) if args.json else
          "\n".join(f"{k}: {v}" for k, v in status.items()))
    return 0


def cmd_serve(args) -> int:
    import time

    from ui.app import port_problem, serve

    problem = port_problem(args.host, args.port)  # before seconds of loading, not after
    if problem:
        raise HubqaError(f"cannot serve the chat page: {problem}; stop the other server or pass --port N")
    started = time.perf_counter()
    print("hubqa: loading the model and the index…", flush=True)
    assistant = _open(args, require_index=False)
    print(f"hubqa: model and index loaded in {time.perf_counter() - started:.1f} s", flush=True)
    serve(assistant, host=args.host, port=args.port)
    return 0


def cmd_eval(args) -> int:
    from evals.runner import run_eval

    return run_eval(args.sets, settings=_settings(args), index=args.index, as_json=args.json, report=args.report,
                    haystack=args.haystack, pairs=args.pairs, squad=args.squad, crosslingual=args.crosslingual,
                    update_baseline=args.update_baseline, check_baseline=args.check_baseline)


def cmd_bench(args) -> int:
    from evals.bench import parse_sizes, run_bench

    from .config import Settings

    settings = Settings.from_env(store=args.store, milvus_uri=args.milvus_uri, index_dir=args.index)
    if args.load:
        from evals import load

        result = load.run(sessions=args.load, index=settings.index_dir)
        print(json.dumps(result, ensure_ascii=False) if args.json else load.summary(result))
        return 1 if result["errors"] or result["crosstalk"] else 0
    if args.coldstart:
        from evals import coldstart

        return coldstart.main(["--index", str(settings.index_dir)] + (["--json"] if args.json else []))
    return run_bench(parse_sizes(args.sizes), settings=settings, as_json=args.json, plot_path=args.plot)


COMMANDS = {"ingest": cmd_ingest, "search": cmd_search, "ask": cmd_ask, "chat": cmd_chat,
            "status": cmd_status, "serve": cmd_serve, "eval": cmd_eval, "bench": cmd_bench}

if __name__ == "__main__":
    sys.exit(main())
