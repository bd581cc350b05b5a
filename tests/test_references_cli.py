"""`rag ask --cite`, `rag chat --markdown` and the links in `--json`, as a user runs them (real processes)."""

from __future__ import annotations

import json

from rag.references import citation_text, read_footnotes
from test_cli import rag

SEED_URL = "https://biz.heraldcorp.com/article/10681609"


def test_ask_cite_prints_the_ready_citation_the_ui_copies(seed_index, assistant):
    question = "중기부와 쇼난 I-Park는 언제 업무협약을 맺었나?"
    done = rag("ask", "--index", str(seed_index), "--cite", question)
    assert done.returncode == 0, done.stderr
    answer = assistant.ask(question)
    c = answer.citations[0]
    expected = citation_text(c, assistant.article(c.doc_id), answer.language)
    assert expected.startswith("헤럴드경제, 홍석희, 「") and f'{SEED_URL} — "' in expected
    assert f"  [1] {expected.replace(chr(10), chr(10) + '      ')}" in done.stdout
    assert f"open at the sentence: {c.fragment_url}" in done.stdout
    as_json = json.loads(rag("ask", "--index", str(seed_index), "--cite", "--json", question).stdout)["citations"][0]
    assert as_json["reference"] == expected and as_json["url"] == SEED_URL
    assert as_json["fragment_url"] == c.fragment_url and c.fragment_url.startswith(SEED_URL + "#:~:text=")


def test_chat_markdown_writes_every_turn_with_footnotes_that_round_trip(seed_index, assistant, tmp_path):
    questions = "What is Shonan iPark?\nWho founded it?\nWhen will K-StartHub open?\n"
    out = tmp_path / "chat.md"
    done = rag("chat", "--index", str(seed_index), "--markdown", str(out), stdin=questions)
    assert done.returncode == 0, done.stderr
    assert "Answer" in done.stdout and f"written to {out}" in done.stderr
    text = out.read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        "## 1. What is Shonan iPark?", "## 2. Who founded it?", "## 3. When will K-StartHub open?"]
    assert f"from index version {assistant.status()['version']}." in text
    notes = read_footnotes(text)
    assert notes
    for note in notes:
        assert assistant.article(note["sentence_id"].split("#")[0]).text[note["start"]:note["end"]] == note["sentence"]
    only = rag("chat", "--index", str(seed_index), "--markdown", stdin=questions)
    assert only.stdout.startswith("# hubqa conversation\n") and read_footnotes(only.stdout) == notes
