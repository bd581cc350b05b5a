"""Concurrency: re-ingest while questions are asked, and 20 chat sessions at once through the real UI.

The fact asked about in the ingest test is made up for the test (a fictional lab, "(test data)"),
padded with KLUE-STS dev sentences (CC BY-SA 4.0, evals/data/klue-sts) so its offsets move every version.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from rag.assistant import Assistant
from rag.conversation import Turn

from conftest import DOCS, chat_text, klue_pairs, private_assistant, running_app

# -- an ingest running while questions are asked ---------------------------------------------------

CHURN = "---\nid: test-churn\ntitle: 가상의 해오름 연구소 (test data)\ndate: 2026-03-04\noutlet: hubqa test data\n---\n"
FACT = "가상의 해오름 연구소에는 연구원 {n}명이 일한다."
QUESTION = "가상의 해오름 연구소에는 연구원이 몇 명 일하나?"
VERSIONS = 10  # ingests the writer runs while the readers ask


def test_readers_never_see_a_half_written_index(tmp_path, settings, embed_model, weights_sha):
    corpus = tmp_path / "docs"
    shutil.copytree(DOCS, corpus, ignore=shutil.ignore_patterns("README*"))
    s = dataclasses.replace(settings, index_dir=tmp_path / "index", docs_dir=corpus)
    filler = [p["sentence2"] for p in klue_pairs()]

    def write_version(n: int) -> None:
        pad = " ".join(filler[n * 3:n * 3 + n % 4])  # 0-3 sentences before the fact: its offsets move
        (corpus / "churn.md").write_text(CHURN + (pad + " " if pad else "") + FACT.format(n=10 + n) + "\n",
                                         encoding="utf-8")
        extra = corpus / "extra.md"  # added and removed in turn
        if n % 2:
            extra.write_text(CHURN.replace("test-churn", "test-extra") + filler[100 + n] + "\n", encoding="utf-8")
        else:
            extra.unlink(missing_ok=True)

    writer = Assistant(s, embed_model, weights_sha)
    write_version(0)
    writer.ingest([corpus])
    done, errors = threading.Event(), []
    counts = {"loads": 0, "answers": 0, "citations": 0}

    def read() -> None:
        reader = Assistant(s, embed_model, weights_sha)
        try:
            while not done.is_set():
                reader.reload()  # must never fail while the writer writes
                snap = reader.retriever.snapshot
                answer = reader.ask(QUESTION)
                for c in answer.citations:  # every citation resolves in the snapshot it came from
                    assert snap.articles[c.doc_id].text[c.start:c.end] == c.sentence, c
                    assert snap.docstore.get_node(c.sentence_id).get_content() == c.sentence
                churn = snap.articles["test-churn"].text
                number = re.search(r"연구원 (\d+)명", churn).group(1)
                assert not answer.abstained and f"{number}명" in answer.answer, (answer.answer, churn)
                for hit in reader.search(QUESTION, k=8):
                    assert snap.articles[hit.doc_id].text[hit.start:hit.end] == hit.text
                counts["loads"] += 1
                counts["answers"] += 1
                counts["citations"] += len(answer.citations)
        except Exception as exc:  # reported by the main thread, with the reader's traceback
            errors.append(exc)
            done.set()

    readers = [threading.Thread(target=read) for _ in range(2)]
    for t in readers:
        t.start()
    started = time.perf_counter()
    try:
        for n in range(1, VERSIONS + 1):
            write_version(n)
            report = writer.ingest([corpus])
            assert report.updated == ["test-churn"] and not report.failed
            if done.is_set():
                break
    finally:
        done.set()
        for t in readers:
            t.join(timeout=120)
    if errors:
        raise errors[0]
    print(f"{VERSIONS} versions written in {time.perf_counter() - started:.1f} s while 2 readers made "
          f"{counts['loads']} loads, {counts['answers']} answers, {counts['citations']} citations checked")
    assert counts["loads"] >= 4, "the readers barely ran while the writer wrote"


# -- 20 chat sessions through the real Gradio server ----------------------------------------------

SESSIONS, TURNS = 20, 3
SCRIPTS = [  # each follow-up needs its own session's entity (Shonan iPark / K-StartHub / CIC)
    ["Who did the vice minister meet at Shonan iPark?", "Who founded it?", "How many Korean ventures are resident there?"],
    ["Where is K-StartHub being built?", "When will it open?", "How large is its floor area?"],
    ["When was CIC founded?", "How many centres does it run?", "Who visited it?"],
    ["케이 스타트허브는 어디에 조성되고 있나요?", "그곳은 언제 개소할 예정인가요?", "연면적은 얼마인가요?"],
]


def tagged(question: str, session: int) -> str:
    """The question with a session-unique run of spaces after its first word: the assistant collapses
    them (same answer), the chat echoes them (so a reply shown in the wrong session is caught)."""
    first, rest = question.split(" ", 1)
    return first + " " * (1 + session // len(SCRIPTS)) + rest


def expected_outputs(assistant, handlers) -> list[list[tuple]]:
    """Per script, per turn: the (chat, sources) one session alone gets, computed in-process."""
    from ui.render import chat_markdown

    out = []
    for script in SCRIPTS:
        history, messages, turns = [], [], []
        for question in script:
            answer = assistant.ask(question, history)
            history.append(Turn(answer.question, answer.answer))
            messages = messages + [chat_markdown(answer.answer)]
            turns.append((list(messages), handlers.sources(answer)))
        out.append(turns)
    return out


@pytest.fixture(scope="module")
def server(tmp_path_factory, seed_index, settings, embed_model, weights_sha):
    from ui.app import ChatHandlers, warm_up

    assistant = private_assistant(tmp_path_factory, "load", seed_index, settings, embed_model, weights_sha)
    warm_up(assistant)
    expected = expected_outputs(assistant, ChatHandlers(assistant))
    with running_app(assistant) as url:
        yield url, expected


def test_twenty_concurrent_chat_sessions(server):
    from gradio_client import Client

    from ui.render import chat_markdown

    url, expected = server
    latencies: list[float] = []

    def session(n: int) -> int:
        client = Client(url, verbose=False)
        script = SCRIPTS[n % len(SCRIPTS)]
        asked, chat = [], []
        for turn, question in enumerate(script[:TURNS]):
            asked.append(chat_markdown(tagged(question, n)))
            started = time.perf_counter()
            # The page sends its chat back; the history the follow-ups read stays on the server, per session.
            textbox, chat, sources = client.predict(tagged(question, n), chat, api_name="/chat")
            latencies.append(time.perf_counter() - started)
            want_answers, want_sources = expected[n % len(SCRIPTS)][turn]
            assert textbox == "" and [m["role"] for m in chat] == ["user", "assistant"] * (turn + 1)
            assert [chat_text(m) for m in chat[0::2]] == asked, f"session {n} shows another session's questions"
            assert [chat_text(m) for m in chat[1::2]] == want_answers, f"session {n} turn {turn}: wrong answer"
            assert sources == want_sources, f"session {n} turn {turn}: sources of another answer"
        client.close()
        return n

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=SESSIONS) as pool:
        finished = sorted(pool.map(session, range(SESSIONS), timeout=120))
    wall = time.perf_counter() - started
    assert finished == list(range(SESSIONS)) and len(latencies) == SESSIONS * TURNS
    p50, p95 = statistics.median(latencies), statistics.quantiles(latencies, n=20)[18]
    print(f"{SESSIONS} sessions × {TURNS} turns in {wall:.1f} s: p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
          f"max {max(latencies) * 1000:.0f} ms")
    assert wall < 60, f"the load test took {wall:.0f} s"
