"""The chat page through its API: a real Gradio server on 127.0.0.1, driven with gradio_client.

One server for the module, over a temp copy of the seed index and an empty temp docs folder, so
uploads never touch the repo's docs/ or index/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DOCS, chat_text, private_assistant, running_app
from rag.errors import ArticleError, HubqaError
from ui.uploads import ArticleForm, add_articles, prepare, safe_name

# Test data (written by this test, not a news article): a made-up fact to ask about after upload.
TEST_ARTICLE = """---
title: 시험용 기사 (test data) — 가상의 해오름 연구소
date: 2026-03-02
outlet: hubqa test data
---
이 글은 hubqa 테스트를 위해 만든 가상의 기사이다.

가상의 해오름 연구소는 2026년 3월 2일 제주에 문을 열었다. 연구소에는 연구원 42명이 일한다.
"""


@pytest.fixture(scope="module")
def ui_assistant(tmp_path_factory, seed_index, settings, embed_model, weights_sha):
    return private_assistant(tmp_path_factory, "ui-api", seed_index, settings, embed_model, weights_sha)


@pytest.fixture(scope="module")
def client(ui_assistant):
    from gradio_client import Client

    from ui.app import warm_up

    warm_up(ui_assistant)
    with running_app(ui_assistant) as url:
        yield Client(url, verbose=False)


def test_korean_and_english_questions_through_the_json_api(client):
    ko = client.predict("중기부와 쇼난 I-Park는 언제 업무협약을 맺었나?", api_name="/ask")
    assert ko["language"] == "ko" and not ko["abstained"]
    assert "2023년 11월" in ko["answer"] and "[1]" in ko["answer"]
    assert ko["citations"][0]["doc_id"] == "herald-2026-02-25-shonan-cic"
    assert "2023년 11월 업무협약" in ko["citations"][0]["sentence"]

    en = client.predict("How many Korean startups are resident at CIC Tokyo?", api_name="/ask")
    assert en["language"] == "en" and "24개사" in en["answer"]
    span = en["citations"][0]["answer_span"]
    assert span and span["end"] > span["start"]


def test_chat_streams_answer_with_marked_source_and_follow_up(client):
    job = client.submit("Who did the vice minister meet at Shonan iPark?", api_name="/chat")
    textbox, chat, sources = job.result()
    assert textbox == ""
    assert [m["role"] for m in chat] == ["user", "assistant"]
    assert "후지모토 토시오" in chat_text(chat[-1]) and "\\[1\\]" in chat_text(chat[-1])
    assert "<mark>" in sources and '<strong class="answer-span">후지모토 토시오' in sources
    assert len(job.outputs()) == 1, "the answer arrives whole: word prefixes of a finished answer are not streaming"

    # A follow-up in the same client session (its history is session state) carries "Shonan iPark".
    _, chat, sources = client.predict("Who founded it?", chat, api_name="/chat")
    assert len(chat) == 4 and "다케다" in chat_text(chat[-1])
    assert "Follow-up searched as" in sources and "Shonan iPark" in sources

    _, chat, sources = client.predict(api_name="/new_chat")
    assert chat == [] and "<mark>" not in sources


def test_html_in_a_question_is_escaped(client):
    _, chat, sources = client.predict("<img src=x onerror=alert(1)> 쇼난 <script>alert(1)</script>?", api_name="/chat")
    question = chat_text(chat[0])
    assert "<img" not in question and "<script>" not in question
    assert "&lt;img src=x onerror=alert(1)&gt;" in question
    client.predict(api_name="/new_chat")


def test_upload_makes_an_article_answerable(client, ui_assistant, tmp_path):
    from gradio_client import handle_file

    upload = tmp_path / "haeoreum test article.md"
    upload.write_text(TEST_ARTICLE, encoding="utf-8")
    report, status, _ = client.predict([handle_file(str(upload))], "", "", "", api_name="/upload")
    assert "Added 1" in report, report
    saved = Path(ui_assistant.settings.docs_dir) / "haeoreum-test-article.md"
    assert saved.read_text(encoding="utf-8") == TEST_ARTICLE
    assert "2 articles" in status

    answer = client.predict("해오름 연구소에는 연구원이 몇 명 일하나?", api_name="/ask")
    assert "42명" in answer["answer"] and answer["citations"][0]["doc_id"] == "haeoreum-test-article"

    # The same file again is recognised (nothing new written); another file claiming an indexed id is refused.
    report, _, _ = client.predict([handle_file(str(upload))], "", "", "", api_name="/upload")
    assert "unchanged 1" in report and len(list(saved.parent.iterdir())) == 1
    clash = tmp_path / "clash.md"
    clash.write_text(TEST_ARTICLE.replace("---\ntitle", "---\nid: herald-2026-02-25-shonan-cic\ntitle"), encoding="utf-8")
    report, _, _ = client.predict([handle_file(str(clash))], "", "", "", api_name="/upload")
    assert "Nothing added" in report and "clash.md" in report and "already used by" in report
    assert not (saved.parent / "clash.md").exists()


def test_bad_upload_names_the_file_and_saves_nothing(client, ui_assistant, tmp_path):
    from gradio_client import handle_file

    plain = tmp_path / "no-header.txt"
    plain.write_text("제목도 날짜도 없는 본문 (test data).", encoding="utf-8")
    report, _, _ = client.predict([handle_file(str(plain))], "", "", "", api_name="/upload")
    assert "Nothing added" in report and "no-header.txt" in report and "Title" in report
    assert not (Path(ui_assistant.settings.docs_dir) / "no-header.txt").exists()


# -- upload rules without the server --------------------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("../../etc/passwd.md", "passwd.md"), ("/abs/path/x.txt", "x.txt"), ("..\\..\\evil.md", "evil.md"),
    ("기사.txt", "article.txt"), ("a.md.exe", "a.md.exe.txt"), (".hidden.md", "hidden.md"),
    ("x" * 300 + ".md", "x" * 80 + ".md"),
])
def test_safe_name_stays_a_plain_basename(name, expected):
    assert safe_name(name) == expected


def test_plain_text_gets_a_header_from_the_form(tmp_path):
    upload = tmp_path / "plain.txt"
    upload.write_text("첫 문장이다 (test data). 둘째 문장이다.\n", encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    p = prepare(upload, docs, ArticleForm("Plain (test data)\n---\nid: injected", "2026-03-01", "Test"),
                max_bytes=10_000)
    assert p.article.title == "Plain (test data) --- id: injected" and p.article.doc_id == "plain"
    assert p.article.date == "2026-03-01" and p.target == (docs / "plain.txt").resolve()
    (docs / "plain.txt").write_text("something else", encoding="utf-8")
    assert prepare(upload, docs, ArticleForm("T (test data)"), max_bytes=10_000).target.name == "plain-2.txt"
    with pytest.raises(ArticleError, match="plain.txt: date '3/1' is not YYYY-MM-DD"):
        prepare(upload, docs, ArticleForm("T", "3/1"), max_bytes=10_000)


def test_unwritable_docs_folder_gives_a_clear_message(ui_assistant, embed_model, weights_sha, tmp_path):
    import dataclasses

    from rag.assistant import Assistant

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    upload = tmp_path / "ok.md"
    upload.write_text(TEST_ARTICLE.replace("해오름", "바다"), encoding="utf-8")
    # Root ignores file modes, so the folder is made unwritable by putting it under a plain file.
    settings = dataclasses.replace(ui_assistant.settings, docs_dir=blocker / "docs")
    with pytest.raises(HubqaError, match="is not writable; make it writable or set HUBQA_DOCS_DIR"):
        add_articles(Assistant(settings, embed_model, weights_sha), [upload], ArticleForm())


def test_example_questions_come_from_the_corpus_folder(tmp_path):
    """The page's examples are the corpus's own file (docs/example-questions.json), none without one."""
    import json

    from ui.app import EXAMPLES_FILE, example_questions

    assert example_questions(tmp_path) == []
    (tmp_path / EXAMPLES_FILE).write_text("not json", encoding="utf-8")
    assert example_questions(tmp_path) == []
    (tmp_path / EXAMPLES_FILE).write_text(json.dumps(["언제 열리나요?", "", 3, "Who won?"]), encoding="utf-8")
    assert example_questions(tmp_path) == ["언제 열리나요?", "Who won?"]
    shipped = example_questions(DOCS)
    assert shipped and all(isinstance(q, str) for q in shipped)
