"""Concurrent chat load: N gradio_client sessions × 3 turns (a question, then two follow-ups) against
`rag serve` on 127.0.0.1; p50/p95 per answer, errors, and cross-talk checks.

    python -m evals.load --sessions 20            # starts `rag serve` on a free port over index/
    python -m evals.load --url http://127.0.0.1:7860/ --sessions 20   # a server already running
    make load

Cross-talk: every session first runs alone once per script (the reference); under load, each
session must show exactly its own questions (each carries a session-unique run of spaces, which
the assistant collapses and the chat echoes) and the reference's answers and sources. A follow-up
("Who founded it?") answered from another session's conversation shows up as a wrong answer.
The questions are about the bundled seed article (docs/).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

TURNS = 3
SCRIPTS = [  # each follow-up needs its own session's entity (Shonan iPark / K-StartHub / CIC)
    ["Who did the vice minister meet at Shonan iPark?", "Who founded it?", "How many Korean ventures are resident there?"],
    ["Where is K-StartHub being built?", "When will it open?", "How large is its floor area?"],
    ["When was CIC founded?", "How many centres does it run?", "Who visited it?"],
    ["케이 스타트허브는 어디에 조성되고 있나요?", "그곳은 언제 개소할 예정인가요?", "연면적은 얼마인가요?"],
]


def tagged(question: str, session: int) -> str:
    """The question with a session-unique run of spaces after its first word (same answer, own echo)."""
    first, rest = question.split(" ", 1)
    return first + " " * (1 + session // len(SCRIPTS)) + rest


def chat_text(message: dict) -> str:
    """The text of a Chatbot message, whether its content is a string or a list of parts."""
    content = message["content"]
    return content if isinstance(content, str) else " ".join(part.get("text", "") for part in content)


def run_session(client, session: int, turns: int = TURNS) -> list[dict]:
    """One chat session: per turn, its latency and what the page showed (questions, answers, sources)."""
    chat, out = [], []
    for question in SCRIPTS[session % len(SCRIPTS)][:turns]:
        started = time.perf_counter()
        textbox, chat, sources = client.predict(tagged(question, session), chat, api_name="/chat")
        out.append({"seconds": time.perf_counter() - started, "textbox": textbox,
                    "questions": [chat_text(m) for m in chat[0::2]],
                    "answers": [chat_text(m) for m in chat[1::2]],
                    "roles": [m["role"] for m in chat], "sources": sources})
    return out


def _client(url: str):
    from gradio_client import Client

    return Client(url, verbose=False)


def check_session(session: int, turns: list[dict], reference: list[dict]) -> list[str]:
    """What is wrong with a session's turns: another session's question, answer or sources shown."""
    from ui.render import chat_markdown

    problems, asked = [], []
    for turn, (got, want) in enumerate(zip(turns, reference)):
        asked.append(chat_markdown(tagged(SCRIPTS[session % len(SCRIPTS)][turn], session)))
        if got["textbox"] != "" or got["roles"] != ["user", "assistant"] * (turn + 1):
            problems.append(f"session {session} turn {turn}: the chat holds {got['roles']}")
        if got["questions"] != asked:
            problems.append(f"session {session} turn {turn}: shows another session's questions")
        if got["answers"] != want["answers"]:
            problems.append(f"session {session} turn {turn}: answer differs from the session run alone "
                            f"({got['answers'][-1][:80]!r} vs {want['answers'][-1][:80]!r})")
        if got["sources"] != want["sources"]:
            problems.append(f"session {session} turn {turn}: sources of another answer")
    return problems


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) by linear interpolation between closest ranks."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    pos = (len(ordered) - 1) * q
    low, high = int(pos), min(int(pos) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def drive(url: str, sessions: int = 20, turns: int = TURNS) -> dict:
    """Reference runs (one session per script, alone), then `sessions` sessions at once.

    Every session's client connects first (a browser has the page open before it asks); then all
    start their first question together and ask each follow-up as soon as the previous answer came.
    """
    import ui.render  # noqa: F401  (imported now, not by the first check while sessions still ask)

    reference = {}
    for i in range(min(sessions, len(SCRIPTS))):
        client = _client(url)
        reference[i] = run_session(client, i, turns)
        client.close()
    latencies: list[float] = []
    errors: list[str] = []
    crosstalk: list[str] = []
    lock = threading.Lock()
    with ThreadPoolExecutor(max_workers=sessions) as pool:
        clients = list(pool.map(lambda _: _client(url), range(sessions)))
    go = threading.Barrier(sessions)

    def session(n: int) -> None:
        go.wait()
        try:
            turns_seen = run_session(clients[n], n, turns)
        except Exception as exc:  # counted and reported: the load test is about errors too
            with lock:
                errors.append(f"session {n}: {type(exc).__name__}: {str(exc)[:200]}")
            return
        problems = check_session(n, turns_seen, reference[n % len(SCRIPTS)])
        with lock:
            latencies.extend(t["seconds"] for t in turns_seen)
            crosstalk.extend(problems)
            finished.append(time.perf_counter())

    finished: list[float] = []
    started = time.perf_counter()
    try:
        with ThreadPoolExecutor(max_workers=sessions) as pool:
            list(pool.map(session, range(sessions)))
    finally:
        for client in clients:
            client.close()
    wall = max(finished, default=started) - started  # first question asked to last answer received
    return {"sessions": sessions, "turns": turns, "answers": len(latencies), "wall_s": round(wall, 2),
            "p50_s": round(statistics.median(latencies), 3) if latencies else None,
            "p95_s": round(percentile(latencies, 0.95), 3) if latencies else None,
            "max_s": round(max(latencies), 3) if latencies else None,
            "errors": errors, "crosstalk": crosstalk,
            "load_average_1m": round(os.getloadavg()[0], 2), "cpus": os.cpu_count()}


def run(sessions: int = 20, index: Path | None = None, url: str | None = None) -> dict:
    """Drive `url`, or a `rag serve` started here over `index` (and stopped afterwards)."""
    if url:
        return drive(url, sessions)
    from evals.coldstart import serving

    with serving(index) as (served, _ready_s, _lines):
        return drive(served, sessions)


def summary(result: dict) -> str:
    lines = [f"{result['sessions']} sessions × {result['turns']} turns: {result['answers']} answers in "
             f"{result['wall_s']} s; per answer p50 {result['p50_s']} s, p95 {result['p95_s']} s, "
             f"max {result['max_s']} s",
             f"errors: {len(result['errors'])}; cross-talk: {len(result['crosstalk'])}",
             f"({result['cpus']} CPUs, 1-minute load average {result['load_average_1m']} at the end)"]
    lines += [f"  error: {e}" for e in result["errors"][:10]]
    lines += [f"  cross-talk: {c}" for c in result["crosstalk"][:10]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.load", description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent chat sessions (default: 20)")
    parser.add_argument("--index", type=Path, default=None, help="index folder for the started server")
    parser.add_argument("--url", default=None, help="drive a server already running at this URL instead")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = run(args.sessions, args.index, args.url)
    print(json.dumps(result, ensure_ascii=False) if args.json else summary(result))
    return 1 if result["errors"] or result["crosstalk"] else 0


if __name__ == "__main__":
    sys.exit(main())
