"""Deep links, ready citations and the Markdown export: pure logic, no model."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from hypothesis import given, settings, strategies as st

from rag.citations import Citation
from rag.corpus import parse_article, read_article
from rag.references import (Exchange, citation_text, conversation_markdown, fragment_url, link_citations,
                            markdown_escape, read_footnotes, text_directive, web_url)
from rag.sentences import split_spans

ROOT = Path(__file__).resolve().parents[1]
SEED = read_article(ROOT / "docs" / "01-2026-02-25-herald-shonan-cic.md", max_bytes=5_000_000)

# Test data (made up for these tests, not news): hostile text in every field an export shows.
HOSTILE_SOURCE = """---
id: hostile-test
title: (test data) 제목 [x](javascript:alert(1)) <script>alert(1)</script>
date: 2026-04-01
outlet: 가짜일보 <img src=x onerror=alert(1)> (Fake *Daily* | test)
author: 테스트 `기자`
url: https://example.test/a?b=1&c=2#old
---
이 글은 테스트용으로 만든 가상의 글이다 (test data).

링크 [클릭](javascript:alert(1)) 와 <script>alert(1)</script> 와 `code` 와 *별표* 와 | 표 | 가 들어 있다."""
HOSTILE = parse_article(HOSTILE_SOURCE)


def directive_terms(directive: str) -> tuple[str, str, str, str]:
    """(prefix, start, end, suffix) of a `text=` directive, percent-decoded."""
    parts = directive.removeprefix("text=").split(",")
    prefix = unquote(parts.pop(0)[:-1]) if parts[0].endswith("-") else ""
    suffix = unquote(parts.pop()[1:]) if parts[-1].startswith("-") else ""
    start = unquote(parts[0])
    end = unquote(parts[1]) if len(parts) > 1 else ""
    assert all(c not in p for p in parts for c in "-&") and len(parts) <= 2, directive
    return prefix, start, end, suffix


def browser_match(page: str, prefix: str, start: str, end: str, suffix: str) -> tuple[int, int] | None:
    """An independent reading of the spec's matching: case-insensitive, whitespace-collapsed, matches on
    word boundaries (letters and digits of any script form words), the first match wins."""
    page, boundary = re.sub(r"\s+", " ", page).lower(), r"(?<!\w){}(?!\w)"
    head = (boundary.format(re.escape(prefix.lower())) + r"\s?" if prefix else "")
    for m in re.finditer("(?=" + head + "(" + boundary.format(re.escape(start.lower())) + "))", page):
        s, e = m.start(1), m.end(1)
        if not end:
            if not suffix or re.match(r"\s?" + boundary.format(re.escape(suffix.lower())), page[e:]):
                return s, e
            continue
        for n in re.finditer("(?=(" + boundary.format(re.escape(end.lower())) + "))", page[e:]):
            f = e + n.end(1)
            if not suffix or re.match(r"\s?" + boundary.format(re.escape(suffix.lower())), page[f:]):
                return s, f
    return None


def test_every_seed_sentence_gets_a_directive_that_selects_exactly_it():
    page = SEED.title + " " + re.sub(r"\s+", " ", SEED.text)
    for start, end in split_spans(SEED.text):
        directive = text_directive(SEED.text, start, end, before=SEED.title)
        prefix, first, last, suffix = directive_terms(directive)
        sentence = SEED.text[start:end]
        assert browser_match(page, prefix, first, last, suffix) == (page.index(sentence), page.index(sentence) + len(sentence))
        if len(sentence.split()) > 6:
            assert last and len(first) + len(last) < len(sentence)  # start,end for long sentences


def test_reserved_characters_are_percent_encoded():
    text = "First line here. A-B & C, D. Last one."
    directive = text_directive(text, 17, 28)
    assert directive == "text=A%2DB%20%26%20C%2C%20D."
    assert directive_terms(directive)[1] == "A-B & C, D."


def test_a_recurring_sentence_is_told_apart_by_its_neighbours():
    text = "Alpha says yes. Same words here.\n\nBeta says no. Same words here."
    at = text.rindex("Same words here.")
    directive = text_directive(text, at, at + len("Same words here."))
    prefix, first, _, _ = directive_terms(directive)
    assert prefix and first == "Same words here."
    assert browser_match(text, *directive_terms(directive)) == (text.rindex("Same") - 1, len(text) - 1)


def test_a_sentence_that_cannot_be_told_apart_gets_no_directive():
    text = "Same. Same. Same.\n\nSame."
    assert directive_terms(text_directive(text, 12, 17)) == ("Same. Same.", "Same.", "", "")
    assert text_directive(text, 19, 24) is None  # alone in its paragraph, and the words occur before it
    article = parse_article("---\ntitle: T\ndate: 2026-01-01\nurl: https://example.test/x\n---\n" + text,
                            default_id="x")
    assert fragment_url(article.url, article, 19, 24) == "https://example.test/x"  # the page, never a wrong highlight


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["가나", "다라", "I-Park", "A&B,", "10개사", "x"]), min_size=1, max_size=9)
                .map(lambda ws: " ".join(ws) + "."), min_size=1, max_size=6), st.data())
def test_directives_select_their_sentence_or_are_withheld(sentences, data):
    text = " ".join(sentences)
    n = data.draw(st.integers(0, len(sentences) - 1))
    start = len(" ".join(sentences[:n])) + (1 if n else 0)
    end = start + len(sentences[n])
    directive = text_directive(text, start, end)
    if directive is not None:
        assert browser_match(text, *directive_terms(directive)) == (start, end)


def test_source_panel_actions_escape_the_citation_and_link_only_web_urls():
    from ui.render import actions_html

    c = link_citations([_citation(HOSTILE, 1)], {HOSTILE.doc_id: HOSTILE})[0]
    html_text = actions_html(c, HOSTILE, "ko")
    assert "<script" not in html_text and "<img" not in html_text and 'data-cite="가짜일보 &lt;img' in html_text
    assert f'href="{c.fragment_url.replace("&", "&amp;")}"' in html_text and 'rel="noopener noreferrer"' in html_text
    bad = parse_article(HOSTILE_SOURCE.replace("https://example.test/a?b=1&c=2#old", "javascript:alert(1)"))
    c = link_citations([_citation(bad, 1)], {bad.doc_id: bad})[0]
    assert c.url == c.fragment_url == "" and "<a " not in actions_html(c, bad, "en")


def test_fragment_replaces_an_existing_fragment_and_only_web_urls_link():
    link = fragment_url(HOSTILE.url, HOSTILE, 0, 30)
    assert link.startswith("https://example.test/a?b=1&c=2#:~:text=") and "#old" not in link
    assert web_url("javascript:alert(1)") == web_url("ftp://x/y") == web_url("https://") == ""
    assert web_url('https://x.test/"><script>') == "https://x.test/%22%3E%3Cscript%3E"


def _citation(article, n: int, cid: int = 1) -> Citation:
    start, end = split_spans(article.text)[n]
    return Citation(id=cid, doc_id=article.doc_id, title=article.title, date=article.date, outlet=article.outlet,
                    sentence_id=f"{article.doc_id}#{n}", sentence=article.text[start:end], start=start, end=end)


def test_links_are_filled_only_for_articles_with_urls():
    no_url = parse_article("---\ntitle: T\ndate: 2026-01-01\n---\n첫 문장이다. 둘째 문장이다.", default_id="nourl")
    linked = link_citations([_citation(SEED, 6), _citation(no_url, 0, 2)], {SEED.doc_id: SEED, "nourl": no_url})
    assert linked[0].url == SEED.url and linked[0].fragment_url.startswith(SEED.url + "#:~:text=")
    assert linked[1].url == linked[1].fragment_url == "" and linked[1].as_json()["fragment_url"] is None


def test_ready_citation_in_korean_and_english():
    c = link_citations([_citation(SEED, 6)], {SEED.doc_id: SEED})[0]
    sentence = SEED.text[c.start:c.end]
    assert citation_text(c, SEED, "ko") == (
        f'헤럴드경제, 홍석희, 「{SEED.title}」, 2026-02-25, {SEED.url} — "{sentence}"\n'
        f"기록: {SEED.doc_id}#6 (문자 {c.start}-{c.end})")
    assert citation_text(c, SEED, "en") == (
        f'Herald Economy, 홍석희, “{SEED.title}”, 2026-02-25, {SEED.url} — "{sentence}"\n'
        f"Record: {SEED.doc_id}#6 (chars {c.start}-{c.end})")
    bare = parse_article("---\ntitle: T\ndate: 2026-01-01\n---\n첫 문장이다.", default_id="bare")
    assert citation_text(_citation(bare, 0), bare, "en").startswith('“T”, 2026-01-01 — "첫 문장이다."')


class _Answer:  # the fields of rag.Answer that the export reads
    def __init__(self, question, answer, citations):
        self.question, self.answer, self.citations = question, answer, citations


def _hostile_export() -> tuple[str, list[Citation]]:
    articles = {SEED.doc_id: SEED, HOSTILE.doc_id: HOSTILE}
    cites = link_citations([_citation(HOSTILE, 1), _citation(SEED, 6, 2)], articles)
    answers = [Exchange(_Answer("<img src=x onerror=alert(1)> [q](javascript:x) 질문?",
                                "Answer: **10개사** [1]\n“" + cites[0].sentence + "” [2] [9]", cites),
                        "2026-11-25 23:00:00 UTC", "v1-test"),
               Exchange(_Answer("again?", "Same [1]", cites[:1]), "2026-11-25 23:01:00 UTC", "v1-test")]
    return conversation_markdown(answers, articles.get, "2026-11-25 23:02:00 UTC"), cites


def test_export_escapes_hostile_text_so_nothing_renders_as_html_or_links():
    from markdown_it import MarkdownIt

    text, cites = _hostile_export()
    rendered = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(text)
    assert "<script" not in rendered and "<img" not in rendered and "javascript:" not in re.sub(
        r">[^<]*<", "><", rendered)  # javascript: may appear as text, never inside a tag
    assert not re.findall(r'<a href="(?!https://)', rendered) and "<code>" not in rendered and "<table" not in rendered
    hrefs = re.findall(r'<a href="([^"]+)"', rendered)
    assert hrefs and all(h.startswith(("https://example.test/a?", "https://biz.heraldcorp.com/")) for h in hrefs)
    assert "<strong>10개사</strong>" in rendered  # the answer span stays bold
    assert "<script>alert(1)</script>" in rendered.replace("&lt;", "<").replace("&gt;", ">")  # shown as text


def test_export_footnotes_round_trip_to_the_article_offsets_and_are_shared():
    text, cites = _hostile_export()
    notes = read_footnotes(text)
    assert [n["number"] for n in notes] == [1, 2] and text.count("[^1]") == 3  # [9] had no source: dropped
    for note, c in zip(notes, cites):
        article = SEED if c.doc_id == SEED.doc_id else HOSTILE
        assert article.text[note["start"]:note["end"]] == note["sentence"] == c.sentence
        assert note["sentence_id"] == c.sentence_id and c.fragment_url in note["head"]
    assert "index version v1\\-test" in text or "index version v1-test" in text
    assert "Answered 2026-11-25 23:00:00 UTC" in text and "Exported 2026-11-25 23:02:00 UTC" in text


def test_markdown_escape_is_reversible():
    from rag.references import markdown_unescape

    for s in ["[x](javascript:alert(1))", "<script>", "`a` *b* _c_ | d | ~e~ $f$ #g &amp; \\h !i"]:
        assert markdown_unescape(markdown_escape(s)) == s
