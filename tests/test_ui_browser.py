"""End to end in a real browser: Debian's chromium driven by Playwright against the chat page.

One server and one browser page for the module; the tests run in file order as one user's visit:
examples, both languages, a follow-up, an upload with HTML in it, a screenshot.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from conftest import DOCS, private_assistant, running_app

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = ROOT / "build" / "test-output" / "ui-chat.png"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
WAIT_MS = 30_000

# Test data (made up for this test, not news): HTML in the title, outlet and body must show as text.
XSS_ARTICLE = """---
title: (test data) 가상의 별빛 재단 <script>alert(1)</script>
date: 2026-04-01
outlet: hubqa test data <img src=x onerror=alert(1)>
---
이 기사는 hubqa 브라우저 테스트용으로 만든 가상의 글이다 (test data).

가상의 별빛 재단은 2026년 4월 1일 부산에서 문을 열었다 <script>alert(1)</script>. 재단에는 연구원 37명이 일한다 <img src=x onerror=alert(1)>.
"""

# Records when send was clicked and when the first answer text showed up in the chat.
ARM_TTFT = """() => {
  window.__ttft = {clicked: null, first: null};
  const bots = () => [...document.querySelectorAll('#chat .bot-row .message-content')];
  const before = bots().length;
  document.querySelector('#send').addEventListener('click', () => { window.__ttft.clicked = performance.now(); },
                                                   {capture: true, once: true});
  const observer = new MutationObserver(() => {
    const rows = bots();
    if (rows.length > before && rows[rows.length - 1].innerText.trim()) {
      window.__ttft.first = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document.querySelector('#chat'), {childList: true, subtree: true, characterData: true});
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory, seed_index, settings, embed_model, weights_sha):
    """The chat page on 127.0.0.1 over a private copy of the seed index and an empty temp docs folder."""
    from ui.app import warm_up

    assistant = private_assistant(tmp_path_factory, "ui-browser", seed_index, settings, embed_model, weights_sha)
    assistant.settings.docs_dir.mkdir(parents=True, exist_ok=True)  # the corpus's example questions, as in docs/
    shutil.copy(DOCS / "example-questions.json", assistant.settings.docs_dir)
    warm_up(assistant)
    with running_app(assistant) as url:
        yield {"url": url, "root": assistant.settings.index_dir.parent, "assistant": assistant}


@pytest.fixture(scope="module")
def browser_page(server):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: the browser tests drive Debian's chromium; run `make chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="ko-KR")
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(server["url"])
        page.wait_for_selector("#question textarea", timeout=WAIT_MS)
        try:
            yield page, dialogs
        finally:
            browser.close()


def new_chat(page) -> None:
    """Start a new chat and wait until it has cleared, so the next question cannot race the reset."""
    page.click("#new-chat")
    page.wait_for_function("() => !document.querySelector('#sources mark')", timeout=WAIT_MS)


def ask(page, question: str, answer: str, marked: str) -> float:
    """Send a question; wait for `answer` in the chat and `marked` in a highlighted source; return TTFT (ms)."""
    from playwright.sync_api import expect

    page.fill("#question textarea", question)
    page.evaluate(ARM_TTFT)
    page.click("#send")
    expect(page.locator("#sources mark").filter(has_text=marked).first).to_be_visible(timeout=WAIT_MS)
    expect(page.locator("#chat .bot-row").last).to_contain_text(answer, timeout=WAIT_MS)
    ttft = page.evaluate("() => window.__ttft")
    assert ttft["clicked"] is not None and ttft["first"] is not None, ttft
    return ttft["first"] - ttft["clicked"]


def test_page_shows_title_description_examples_and_status(browser_page):
    page, _ = browser_page
    assert "hubqa" in page.title()
    assert "Korean or English" in page.inner_text("#intro")
    assert "1 article ·" in page.inner_text("#index-status")
    from playwright.sync_api import expect

    page.get_by_text("중기부와 쇼난 I-Park는 언제 업무협약을 맺었나?", exact=True).first.click()
    expect(page.locator("#question textarea")).to_have_value("중기부와 쇼난 I-Park는 언제 업무협약을 맺었나?")


def test_korean_and_english_questions_stream_answers_with_highlighted_sources(browser_page):
    page, _ = browser_page
    ttft_ko = ask(page, "중기부와 쇼난 I-Park는 언제 업무협약을 맺었나?", "2023년 11월", "2023년 11월 업무협약")
    assert page.locator("#sources mark strong.answer-span").first.inner_text() == "2023년 11월"
    assert "헤럴드경제" in page.inner_text("#sources") and "2026-02-25" in page.inner_text("#sources")

    new_chat(page)
    ttft_en = ask(page, "Who did the vice minister meet at Shonan iPark?", "후지모토 토시오", "후지모토 토시오")
    print(f"\ntime to first token: Korean {ttft_ko:.0f} ms, English {ttft_en:.0f} ms (warm model, {CHROMIUM})")
    assert ttft_ko < 10_000 and ttft_en < 10_000


def test_follow_up_is_resolved_from_the_conversation(browser_page):
    page, _ = browser_page
    ask(page, "Who founded it?", "다케다", "다케다가 조성한")
    assert "Follow-up searched as" in page.inner_text("#sources")
    assert page.locator("#chat .user-row").count() == 2


def test_upload_with_html_is_answerable_and_rendered_as_text(browser_page, server, tmp_path):
    from playwright.sync_api import expect

    page, dialogs = browser_page
    new_chat(page)
    article = tmp_path / "starlight test.md"
    article.write_text(XSS_ARTICLE, encoding="utf-8")
    page.get_by_text("Add articles (.txt / .md)").click()
    page.locator("#upload-files input[type=file]").set_input_files(str(article))
    expect(page.locator("#upload-files")).to_contain_text("starlight test.md", timeout=WAIT_MS)
    page.click("#upload-add")
    expect(page.locator("#upload-report")).to_contain_text("Added 1", timeout=60_000)
    expect(page.locator("#index-status")).to_contain_text("2 articles")
    assert (server["root"] / "docs" / "starlight-test.md").read_text(encoding="utf-8") == XSS_ARTICLE

    ask(page, "<img src=x onerror=alert(1)> 별빛 재단은 언제 문을 열었나?", "2026년 4월 1일", "부산에서 문을 열었다")
    assert "<img src=x onerror=alert(1)>" in page.locator("#chat .user-row").last.inner_text()
    sources = page.inner_text("#sources")
    assert "<script>alert(1)</script>" in sources and "<img src=x onerror=alert(1)>" in sources
    assert page.locator("#chat img[src='x'], #sources img, #sources script").count() == 0
    page.wait_for_timeout(300)  # an injected onerror handler would fire within a frame or two
    assert dialogs == []


def test_screenshot(browser_page):
    page, dialogs = browser_page
    new_chat(page)
    ask(page, "What is Shonan iPark?", "다케다", "다케다가 조성한")
    ask(page, "Who is its CEO?", "후지모토 토시오", "후지모토 토시오")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert SCREENSHOT.stat().st_size > 10_000 and time.perf_counter() - started < 30
    print(f"\nscreenshot: {SCREENSHOT}")
    assert dialogs == []
