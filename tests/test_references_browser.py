"""A reporter's workflow in the real browser (Debian chromium): open the source at the quoted sentence,
copy a ready citation, export the conversation.

The "publisher's page" is a local copy made for the test (labelled test data) and served on
127.0.0.1; the index holds the seed article with its URL pointed at that copy.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DOCS, running_app
from fragment_page import article_page, highlight_matches, serve_folder

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
WAIT_MS = 30_000
SEED_FILE = DOCS / "01-2026-02-25-herald-shonan-cic.md"

# Test data (made up for this test, not news): reserved characters of the text-fragment syntax, and a
# sentence that occurs twice so only its neighbours tell the copies apart.
MADE_UP = """---
id: fragment-test
title: (test data) 가상의 기사
date: 2026-04-01
outlet: 테스트일보 (Test Daily)
author: 테스트 기자
url: {url}
---
이 글은 브라우저 테스트용으로 만든 가상의 글이다 (test data). 같은 문장이 두 번 나온다.

A-B & C, D-E 계획은 3-4월에 시작된다. 비용은 1,200만 원 & 추가 예산이다. 같은 문장이 두 번 나온다.

짧다.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("publisher-site")
    with serve_folder(folder) as base:
        yield folder, base


@pytest.fixture(scope="module")
def linked(tmp_path_factory, site, settings, embed_model, weights_sha):
    """An Assistant whose index holds the seed article with its URL on the local test site."""
    from rag.assistant import Assistant
    from rag.corpus import read_article

    folder, base = site
    root = tmp_path_factory.mktemp("references-browser")
    docs = root / "docs"
    docs.mkdir()
    seed = SEED_FILE.read_text(encoding="utf-8")
    url_line = next(line for line in seed.splitlines() if line.startswith("url: "))
    (docs / SEED_FILE.name).write_text(seed.replace(url_line, f"url: {base}/herald-copy.html#top"), encoding="utf-8")
    s = settings.__class__.from_env(**{**settings.__dict__, "index_dir": root / "index", "docs_dir": docs})
    assistant = Assistant(s, embed_model, weights_sha)
    assistant.ingest([docs])
    article = read_article(docs / SEED_FILE.name, max_bytes=s.max_article_bytes)
    (folder / "herald-copy.html").write_text(article_page(article), encoding="utf-8")
    return assistant


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: the browser tests drive Debian's chromium; run `make chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def context(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="ko-KR", accept_downloads=True)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture(scope="module")
def chat(linked, context):
    """The chat page for the linked index, opened in the browser."""
    with running_app(linked) as url:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector("#question textarea", timeout=WAIT_MS)
        yield page
        page.close()


def ask(page, question: str, marked: str) -> None:
    from playwright.sync_api import expect

    page.fill("#question textarea", question)
    page.click("#send")
    expect(page.locator("#sources mark").filter(has_text=marked).first).to_be_visible(timeout=WAIT_MS)
    expect(page.locator("#export")).to_be_enabled(timeout=WAIT_MS)


def new_chat(page) -> None:
    page.click("#new-chat")
    page.wait_for_function("() => !document.querySelector('#sources mark')", timeout=WAIT_MS)


def test_fragment_links_highlight_exactly_each_sentence(linked, site, context):
    """Every sentence of the seed article, and of a made-up article full of reserved characters."""
    from rag.corpus import parse_article
    from rag.references import fragment_url
    from rag.sentences import split_spans

    folder, base = site
    made_up = parse_article(MADE_UP.format(url=f"{base}/made-up.html"), source="test data")
    (folder / "made-up.html").write_text(article_page(made_up), encoding="utf-8")
    seed = linked.article("herald-2026-02-25-shonan-cic")
    page = context.new_page()
    try:
        checked = 0
        for article in (seed, made_up):
            for start, end in split_spans(article.text):
                link = fragment_url(article.url, article, start, end)
                assert "#:~:text=" in link, (article.text[start:end], link)
                result = highlight_matches(page, link, article.text, start, end)
                assert result["same"] and result["scrolled_to"], (article.text[start:end], link, result)
                checked += 1
        # The check can fail: one character short of the sentence is not what the browser highlights.
        start, end = split_spans(seed.text)[6]
        off_by_one = highlight_matches(page, fragment_url(seed.url, seed, start, end), seed.text, start, end - 1)
        assert not off_by_one["same"] and off_by_one["differing_pixels"] > 0
    finally:
        page.close()
    print(f"\n{checked} sentences highlighted exactly by {CHROMIUM}")


def test_source_panel_link_opens_the_page_at_the_cited_sentence(chat, linked, context):
    question = "중기부와 쇼난 I-Park는 언제 업무협약을 맺었나?"
    ask(chat, question, "2023년 11월 업무협약")
    citation = linked.ask(question).citations[0]
    link = chat.locator("#sources a.open-at").first
    assert link.get_attribute("href") == citation.fragment_url and link.get_attribute("target") == "_blank"
    assert "noopener" in link.get_attribute("rel")
    with context.expect_page(timeout=WAIT_MS) as popup_info:
        link.click()
    popup = popup_info.value
    try:
        article = linked.article(citation.doc_id)
        result = highlight_matches(popup, citation.fragment_url, article.text, citation.start, citation.end, opened=True)
        assert result["same"] and result["scrolled_to"], result
    finally:
        popup.close()


@pytest.mark.parametrize("question, marked", [("How many Korean startups are resident at CIC Tokyo?", "24개사"),
                                              ("쇼난 I-Park는 누가 조성했나?", "다케다가 조성한")])
def test_copy_button_puts_the_ready_citation_on_the_clipboard(chat, linked, question, marked):
    from rag.references import citation_text

    new_chat(chat)
    ask(chat, question, marked)
    answer = linked.ask(question)
    c = answer.citations[0]
    expected = citation_text(c, linked.article(c.doc_id), answer.language)
    button = chat.locator("#sources button.copy-cite").first
    button.click()
    chat.wait_for_function("() => document.querySelector('#sources button.copy-cite').textContent.includes('✓')")
    assert chat.evaluate("() => navigator.clipboard.readText()") == expected
    outlet = "헤럴드경제, 홍석희, 「" if answer.language == "ko" else "Herald Economy, 홍석희, “"
    assert expected.startswith(outlet) and f"{c.sentence_id} (" in expected


def test_export_round_trips_to_the_article_offsets(chat, linked, tmp_path):
    from rag.references import read_footnotes

    new_chat(chat)
    questions = [("What is Shonan iPark?", "다케다가 조성한"), ("Who is its CEO?", "후지모토 토시오"),
                 ("CIC 도쿄에 입주한 한국 스타트업은 몇 개사인가?", "24개사")]
    for question, marked in questions:
        ask(chat, question, marked)
    chat.wait_for_timeout(500)  # the export file is rewritten after the last answer
    with chat.expect_download(timeout=WAIT_MS) as download_info:
        chat.click("#export")
    path = tmp_path / "export.md"
    download_info.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    for question, _ in questions:
        assert question.replace("?", "") in text
    assert f"from index version {linked.status()['version']}." in text
    notes = read_footnotes(text)
    assert len(notes) >= len(questions)
    for note in notes:
        doc_id = note["sentence_id"].split("#")[0]
        assert linked.article(doc_id).text[note["start"]:note["end"]] == note["sentence"]
        assert "#:~:text=" in note["head"]
    new_chat(chat)
    from playwright.sync_api import expect

    expect(chat.locator("#export")).to_be_disabled(timeout=WAIT_MS)
