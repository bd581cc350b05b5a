"""The news test corpus: the Korean side of evals/data/korean-english-news, 20 lines per article file.

    PYTHONPATH=$PWD python -m evals.news      # (re)writes evals/news/articles/news-001.md … news-100.md

Each source line is its own paragraph, so no sentence crosses two lines and every line maps to an
exact span of its article body (`line_spans`), which the cross-lingual check scores against.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "korean-english-news"
KO_FILE = DATA / "korean-english-park.test.ko"
EN_FILE = DATA / "korean-english-park.test.en"
ARTICLES = HERE / "news" / "articles"
LINES_PER_ARTICLE = 20
OUTLET = "한영 뉴스 병렬 말뭉치 (Korean-English news corpus, test data)"
COMPLETE = "no (20 consecutive lines of a sentence-pair corpus, CC BY-SA 3.0)"


def read_lines(path: Path) -> list[str]:
    """The file's lines, each stripped of its newline only (line N is `result[N - 1]`)."""
    text = path.read_text(encoding="utf-8")
    return text[:-1].split("\n") if text.endswith("\n") else text.split("\n")


def doc_id(number: int) -> str:
    """The article id for article `number` (1-based): news-001 …"""
    return f"news-{number:03d}"


def render(number: int, lines: list[str]) -> str:
    """One article file: header, then the lines as paragraphs separated by blank lines."""
    first = (number - 1) * LINES_PER_ARTICLE + 1
    last = first + len(lines) - 1
    header = [f"id: {doc_id(number)}",
              f"title: (test data) Korean–English news, lines {first}–{last}",
              "date: unknown",
              f"outlet: {OUTLET}",
              f"complete: {COMPLETE}"]
    return "---\n" + "\n".join(header) + "\n---\n" + "\n\n".join(lines) + "\n"


def build_articles(out: Path = ARTICLES, source: Path = KO_FILE) -> list[Path]:
    """Write one article file per 20 source lines into `out`; returns the paths written."""
    lines = read_lines(source)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for number, first in enumerate(range(0, len(lines), LINES_PER_ARTICLE), start=1):
        path = out / f"{doc_id(number)}.md"
        path.write_text(render(number, lines[first:first + LINES_PER_ARTICLE]), encoding="utf-8")
        written.append(path)
    return written


def line_spans(source: Path = KO_FILE) -> dict[int, tuple[str, int, int]]:
    """For each source line number (1-based): (doc_id, start, end) of that line in its article body.

    The body is the article text as `rag.corpus.parse_article` returns it (header and the final
    newline removed), so `article.text[start:end]` is the line exactly.
    """
    spans: dict[int, tuple[str, int, int]] = {}
    offset, number = 0, 0
    for index, line in enumerate(read_lines(source)):
        if index % LINES_PER_ARTICLE == 0:
            offset, number = 0, number + 1
        spans[index + 1] = (doc_id(number), offset, offset + len(line))
        offset += len(line) + 2
    return spans


if __name__ == "__main__":
    paths = build_articles()
    print(f"wrote {len(paths)} articles to {ARTICLES}")
