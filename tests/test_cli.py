"""The `rag` command as a user runs it: real processes, real index folder."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def rag(*args, stdin: str | None = None, cwd: Path = ROOT):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "rag", *args], input=stdin, capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=300)


@pytest.fixture(scope="module")
def cli_index(tmp_path_factory):
    index = tmp_path_factory.mktemp("cli") / "index"
    done = rag("ingest", "--index", str(index), str(ROOT / "docs"))
    assert done.returncode == 0, done.stderr
    assert "1 added" in done.stdout and "sentences embedded" in done.stdout
    return index


def test_reingest_embeds_nothing(cli_index):
    done = rag("ingest", "--index", str(cli_index), str(ROOT / "docs"), "--json")
    report = json.loads(done.stdout)
    assert report["sentences_embedded"] == 0 and report["unchanged"] == ["herald-2026-02-25-shonan-cic"]


def test_search_ranks_the_korean_sentence_first_for_english(cli_index):
    done = rag("search", "--index", str(cli_index), "--json", "--k", "3", "Which company built Shonan iPark?")
    hits = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(hits) == 3 and "다케다가 조성한" in hits[0]["sentence"]
    assert hits[0]["date"] == "2026-02-25" and hits[0]["score"] >= hits[1]["score"]


def test_ask_json_from_stdin_loads_the_model_once(cli_index):
    # the third is a near miss: the article speaks of the K-Bio Labhub's completion but gives no date
    questions = "쇼난 I-Park는 누가 조성했어?\n\nWhen will K-StartHub open?\nK-바이오랩허브는 언제 완공되나?\n"
    done = rag("ask", "--index", str(cli_index), "--json", stdin=questions)
    assert done.returncode == 0, done.stderr
    first, opening, second = [json.loads(line) for line in done.stdout.splitlines()]
    assert set(first) >= {"question", "language", "answer", "abstained", "citations", "timings_ms"}
    assert first["language"] == "ko" and "다케다" in first["answer"]
    cite = first["citations"][0]
    assert set(cite) >= {"id", "doc_id", "title", "date", "sentence_id", "sentence", "start", "end"}
    assert not opening["abstained"] and "2026년 5월" in opening["answer"]
    assert "2026년 5월 개소 예정" in opening["citations"][0]["sentence"]
    assert second["abstained"] and second["citations"] == []


def test_english_near_miss_about_another_named_hub_abstains(cli_index):
    """The article names the lab hub only in Hangul (K-바이오랩허브) and gives no completion date: the other
    hub's opening date must not answer (rag.answer.eligible_among, loanword names in evidence.py)."""
    done = rag("ask", "--index", str(cli_index), "--json", "When will the K-Bio Labhub be completed?")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["abstained"]


def test_errors_are_messages_not_tracebacks(tmp_path, cli_index):
    missing = rag("ask", "--index", str(tmp_path / "nothing"), "Who wrote it?")
    assert missing.returncode == 2 and "rag ingest" in missing.stderr and "Traceback" not in missing.stderr
    empty = rag("ask", "--index", str(cli_index), "   ")
    assert empty.returncode == 2 and "question is empty" in empty.stderr


def test_chat_follow_up(cli_index):
    done = rag("chat", "--index", str(cli_index), "--json",
               stdin="What is K-StartHub?\nWhen will it open?\n")
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert "K-StartHub" in answers[1]["standalone_query"] and "2026년 5월" in answers[1]["answer"]
