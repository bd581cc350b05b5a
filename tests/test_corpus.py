"""Corpus format: parsing, the seed article, and bad files named with their reason."""

from pathlib import Path

import pytest

from rag.corpus import Article, load_corpus, parse_article, read_article
from rag.errors import ArticleError

DOCS = Path(__file__).resolve().parents[1] / "docs"
GOOD = "---\nid: test-a\ntitle: 테스트 기사 (test data)\ndate: 2026-01-02\n---\n첫 문장입니다. 둘째 문장입니다.\n"


def test_the_corpus_is_the_complete_seed_article():
    articles, failures = load_corpus([DOCS], max_bytes=5_000_000)
    assert not failures
    [seed] = articles  # the seed article is the whole corpus
    assert (seed.doc_id, seed.date, seed.author) == ("herald-2026-02-25-shonan-cic", "2026-02-25", "홍석희")
    assert "Herald Economy" in seed.outlet and seed.subtitle and seed.url.startswith("https://")
    assert seed.text.startswith("[헤럴드경제=홍석희 기자] 한·일 정상 간 셔틀외교 기조가")
    assert "한국 벤처 10개사가 현지에 입주해 있다." in seed.text
    assert "K-StartHub는 연면적 4016평 규모로 2026년 5월 개소 예정이며" in seed.text
    assert len(seed.text.split("\n\n")) == 10 and seed.text.endswith("적극 지원하겠다”고 말했다.")


def test_render_article_is_read_back_as_written(tmp_path):
    from rag.corpus import render_article

    article = parse_article(GOOD)
    extra = Article("test-b", "제목\n둘째 줄 (test data)", "2026-01-03", "본문.\n\n둘째 문단.", outlet="시험 (test)")
    for original in (article, extra):
        path = tmp_path / f"{original.doc_id}.md"
        path.write_text(render_article(original, complete="yes"), encoding="utf-8")
        back = read_article(path, max_bytes=10_000)
        assert back.text == original.text and back.doc_id == original.doc_id and back.outlet == original.outlet
    assert read_article(tmp_path / "test-b.md", max_bytes=10_000).title == "제목 둘째 줄 (test data)"
    with pytest.raises(ArticleError, match="unknown header field"):
        render_article(article, colour="red")


def test_parse_header_and_body():
    a = parse_article(GOOD)
    assert (a.doc_id, a.title, a.date) == ("test-a", "테스트 기사 (test data)", "2026-01-02")
    assert a.text == "첫 문장입니다. 둘째 문장입니다."


@pytest.mark.parametrize("raw, reason", [
    ("no header at all", "no header"),
    ("---\ntitle: T\ndate: 2026-01-02\nbody without closing", "not closed"),
    ("---\ndate: 2026-01-02\n---\nbody", "lacks title"),
    ("---\ntitle: T\ndate: 25 Feb 2026\n---\nbody", "not YYYY-MM-DD"),
    ("---\ntitle: T\ndate: 2026-01-02\n---\n   \n", "body is empty"),
    ("---\ntitle: T\ndate: 2026-01-02\ncolour: red\n---\nbody", "unknown header field"),
    ("---\nid: ../../etc/passwd\ntitle: T\ndate: 2026-01-02\n---\nbody", "article id"),
])
def test_bad_articles_name_the_problem(raw, reason):
    with pytest.raises(ArticleError, match=reason):
        parse_article(raw, source="x.md", default_id="x")


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00binary", "binary"),
    ("---\ntitle: T\ndate: 2026-01-02\n---\n한국어".encode("euc-kr"), "not UTF-8"),
])
def test_unreadable_files(tmp_path, content, reason):
    path = tmp_path / "bad.md"
    path.write_bytes(content)
    with pytest.raises(ArticleError, match=reason) as info:
        read_article(path, max_bytes=1000)
    assert "bad.md" in str(info.value)


def test_size_limit(tmp_path):
    path = tmp_path / "huge.md"
    path.write_text(GOOD + "가" * 2000, encoding="utf-8")
    with pytest.raises(ArticleError, match="limit"):
        read_article(path, max_bytes=1000)


def test_load_corpus_keeps_going_and_reports_duplicates(tmp_path):
    (tmp_path / "a.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.md").write_text(GOOD, encoding="utf-8")  # same id
    (tmp_path / "c.txt").write_bytes(b"")
    articles, failures = load_corpus([tmp_path], max_bytes=10_000)
    assert [a.doc_id for a in articles] == ["test-a"]
    reasons = " ".join(f.reason for f in failures)
    assert "duplicate article id 'test-a'" in reasons and "c.txt" in reasons
