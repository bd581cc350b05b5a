"""What a reporter takes away from an answer: a link that opens the publisher's page at the quoted
sentence (a URL text fragment), a ready citation in the question's language, and the conversation
as Markdown with numbered footnotes.

Pure functions of `Citation`s, `Article`s and the question's language: no model, no index.
Text-fragment syntax and matching: https://wicg.github.io/scroll-to-text-fragment/ .
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Mapping
from urllib.parse import quote, urlsplit

from .citations import Citation
from .corpus import Article, outlet_names

EXACT_WORDS = 6  # a sentence of at most this many words is matched whole; longer ones as `start,end`
RANGE_WORDS = 3  # words at each end of a `start,end` match, grown until the match is unambiguous
MAX_RANGE_WORDS = 12  # beyond this the whole sentence is tried instead
CONTEXT_WORDS = 4  # at most this many words of prefix/suffix context, when the sentence recurs

_SPACE = re.compile(r"\s+")
# Characters a URL may keep as they are; everything else (non-ASCII, space, quotes, <>) is percent-encoded.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def web_url(url: str) -> str:
    """The article URL made safe to link, or "" when it is not an http(s) URL with a host.

    >>> web_url("https://example.com/기사 1"), web_url("javascript:alert(1)"), web_url("")
    ('https://example.com/%EA%B8%B0%EC%82%AC%201', '', '')
    """
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    return quote(url, safe=_URL_SAFE)


def _term(text: str) -> str:
    """Percent-encode one text-directive term, including `-`, `&` and `,` that the syntax reserves.

    >>> _term("K-푸드, A&B")
    'K%2D%ED%91%B8%EB%93%9C%2C%20A%26B'
    """
    return quote(text, safe="").replace("-", "%2D")


def _lower(text: str) -> str:
    """Lower-case without changing the length (the browser matches case-insensitively)."""
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def _occurrences(page: str, term: str, prefix: str = "", suffix: str = "") -> Iterator[tuple[int, int]]:
    """Every (start, end) of `term` in `page` with `prefix` right before and `suffix` right after it."""
    at = 0
    while (i := page.find(term, at)) != -1:  # `page` has single spaces: context is 0 or 1 space away
        at, j = i + 1, i + len(term)
        if prefix and not page.endswith(prefix, 0, i - 1 if i and page[i - 1] == " " else i):
            continue
        if suffix and not page.startswith(suffix, j + 1 if page.startswith(" ", j) else j):
            continue
        yield i, j


def _selects(page: str, target: tuple[int, int], prefix: str, start: str, end: str, suffix: str) -> bool:
    """Would the first match of the directive in `page` be exactly `target`?

    Plain substring search with no word-boundary rule finds every match a browser could find and
    more, so a directive that passes here leaves the browser no earlier match either.
    """
    first = next(_occurrences(page, start, prefix, "" if end else suffix), None)
    if first is None or first[0] != target[0]:
        return False
    if not end:
        return first[1] == target[1]
    last = next(((i, j) for i, j in _occurrences(page, end, "", suffix) if i >= first[1]), None)
    return last is not None and last[1] == target[1]


def text_directive(text: str, start: int, end: int, *, before: str = "") -> str | None:
    """The `text=…` directive that makes a browser highlight `text[start:end]`, or None if none is sure to.

    `before` is what the page shows ahead of `text` (the title). Short sentences are matched whole,
    long ones as `start,end` with a few words at each end; context words are added when those recur.

    >>> text_directive("One. Two three four five six seven eight. Nine.", 5, 41)
    'text=Two%20three%20four,six%20seven%20eight.'
    """
    head = _SPACE.sub(" ", before + "\n" + text[:start]).strip()
    sentence = _SPACE.sub(" ", text[start:end]).strip()
    tail = _SPACE.sub(" ", text[end:]).strip()
    if not sentence:
        return None
    page = _lower(" ".join(p for p in (head, sentence, tail) if p))
    target = (len(head) + 1 if head else 0, (len(head) + 1 if head else 0) + len(sentence))
    words = sentence.split(" ")
    ends: list[tuple[str, str]] = [(sentence, "")] if len(words) <= EXACT_WORDS else []
    ends += [(" ".join(words[:k]), " ".join(words[-k:])) for k in range(RANGE_WORDS, min(len(words) // 2, MAX_RANGE_WORDS) + 1)]
    ends.append((sentence, ""))
    # Context comes only from the same paragraph: a browser's prefix/suffix does not cross blocks.
    paragraph_start, paragraph_end = text.rfind("\n\n", 0, start), text.find("\n\n", end)
    left = text[max(paragraph_start, 0):start].split()
    right = text[end:paragraph_end if paragraph_end >= 0 else len(text)].split()
    contexts = [("", "")]
    contexts += [(" ".join(left[-n:]), "") for n in range(1, min(CONTEXT_WORDS, len(left)) + 1)]
    contexts += [("", " ".join(right[:n])) for n in range(1, min(CONTEXT_WORDS, len(right)) + 1)]
    contexts += [(" ".join(left[-n:]), " ".join(right[:n]))
                 for n in range(1, min(CONTEXT_WORDS, len(left), len(right)) + 1)]
    for prefix, suffix in contexts:
        for first, last in ends:
            if _selects(page, target, _lower(prefix), _lower(first), _lower(last), _lower(suffix)):
                parts = ([_term(prefix) + "-"] if prefix else []) + [_term(first)]
                parts += ([_term(last)] if last else []) + (["-" + _term(suffix)] if suffix else [])
                return "text=" + ",".join(parts)
    return None


def fragment_url(url: str, article: Article, start: int, end: int) -> str:
    """`url` with a text fragment for `article.text[start:end]`; any fragment it had is replaced.

    "" when the URL is not a web URL; the plain URL when no directive is sure to select the sentence.
    """
    base = web_url(url).split("#", 1)[0]
    if not base:
        return ""
    directive = text_directive(article.text, start, end, before=article.title)
    return f"{base}#:~:{directive}" if directive else base


def link_citations(citations: Iterable[Citation], articles: Mapping[str, Article]) -> list[Citation]:
    """The citations with `url` and `fragment_url` filled from their articles' headers."""
    linked = []
    for c in citations:
        article = articles.get(c.doc_id)
        url = web_url(article.url) if article is not None else ""
        if url and article.text[c.start:c.end] == c.sentence:
            c = dataclasses.replace(c, url=url, fragment_url=fragment_url(url, article, c.start, c.end))
        elif url:
            c = dataclasses.replace(c, url=url, fragment_url="")
        linked.append(c)
    return linked


def _one_line(text: str) -> str:
    return _SPACE.sub(" ", str(text)).strip()


def citation_text(c: Citation, article: Article | None, language: str) -> str:
    """A ready reference in the question's language, then the sentence id and offsets for the record.

    Korean: `매체, 기자, 「제목」, 날짜, URL — "인용 문장"`; English uses the outlet's English name. The
    author is given exactly as the article header writes it.
    """
    korean = language == "ko"
    outlet = outlet_names(article.outlet if article is not None else c.outlet)[0 if korean else 1]
    author = article.author if article is not None else ""
    title = _one_line(c.title)
    parts = [outlet, author, f"「{title}」" if korean else f"“{title}”", c.date, c.url]
    reference = ", ".join(_one_line(p) for p in parts if p and _one_line(p)) + f' — "{_one_line(c.sentence)}"'
    record = (f"기록: {c.sentence_id} (문자 {c.start}-{c.end})" if korean
              else f"Record: {c.sentence_id} (chars {c.start}-{c.end})")
    return f"{reference}\n{record}"


# -- the conversation as Markdown -------------------------------------------------------------
# Characters that could start Markdown or HTML inside a line (emphasis, code, links, images, tags,
# entities, tables, strikethrough, math); text is always placed mid-line, so block syntax cannot start.
_MARKDOWN = re.compile(r"([\\`*_\[\]{}<>&|~$#!])")
_FOOTNOTE = re.compile(r"^\[\^(\d+)\]: (.*)\\\n {4}“(.*)”\\\n {4}(\S+) \(chars (\d+)-(\d+)\)$", re.M)
_MARKER = re.compile(r"\[(\d{1,3})\]")
_LIST_START = re.compile(r"^(\d{0,9})([-+.)])")


def markdown_escape(text: str) -> str:
    """Text shown literally by any CommonMark renderer: no links, no HTML, no formatting.

    >>> markdown_escape("[x](javascript:alert(1)) <b>*|`")
    '\\\\[x\\\\](javascript:alert(1)) \\\\<b\\\\>\\\\*\\\\|\\\\`'
    """
    return _MARKDOWN.sub(r"\\\1", _SPACE.sub(" ", str(text)))


def markdown_unescape(text: str) -> str:
    """Inverse of `markdown_escape` (for reading an export back)."""
    return re.sub(r"\\([\\`*_\[\]{}<>&|~$#!])", r"\1", text)


@dataclass(frozen=True)
class Exchange:
    """One answered question of a conversation, with when and from which index version."""

    answer: object  # rag.Answer
    answered_at: str  # ISO 8601, UTC
    index_version: str


def utc_now() -> str:
    """The time an exchange is recorded or exported, as the export shows it."""
    import datetime

    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


def _answer_markdown(text: str, numbers: dict[int, int]) -> str:
    """Answer text on one line, escaped, `**span**` kept bold, `[n]` turned into the footnote `[^k]`.

    >>> _answer_markdown("Answer: **10 <b>** [1]\\nAccording to X [1][7]", {1: 3})
    'Answer: **10 \\\\<b\\\\>** [^3] According to X [^3]'
    >>> _answer_markdown("1. - x", {}), _answer_markdown("- x", {})
    ('1\\\\. - x', '\\\\- x')
    """
    parts = str(text).split("**")
    if len(parts) % 2 == 0:
        parts = [str(text)]
    out = []
    for part in parts:
        pieces = _MARKER.split(part)
        out.append("".join(markdown_escape(p) if i % 2 == 0 else
                           (f"[^{numbers[int(p)]}]" if int(p) in numbers else "")
                           for i, p in enumerate(pieces)))
    return _LIST_START.sub(r"\1\\\2", "**".join(out).strip())  # it starts a line: no list item


def conversation_markdown(exchanges: list[Exchange], article: Callable[[str], Article | None],
                          exported_at: str) -> str:
    """The conversation as Markdown: each question and answer, then numbered footnotes.

    A footnote gives outlet, date, title, the link that opens the page at the sentence, the quoted
    sentence, and its `doc_id#n` with character offsets. Everything from articles, questions and
    answers is escaped.
    """
    lines = ["# hubqa conversation", "",
             f"Exported {exported_at}. Each answer quotes source sentences, given in the footnotes with "
             f"their sentence id and character offsets in the article.", ""]
    footnotes: dict[tuple, int] = {}
    notes: list[str] = []
    for n, ex in enumerate(exchanges, start=1):
        a = ex.answer
        numbers = {}
        for c in a.citations:
            key = (c.doc_id, c.sentence_id, c.start, c.end)
            if key not in footnotes:
                footnotes[key] = len(footnotes) + 1
                notes.append(_footnote(footnotes[key], c, article(c.doc_id)))
            numbers[c.id] = footnotes[key]
        lines += [f"## {n}. {markdown_escape(a.question)}", "",
                  f"*Answered {markdown_escape(ex.answered_at)} from index version "
                  f"{markdown_escape(ex.index_version)}.*", "",
                  _answer_markdown(a.answer, numbers), ""]
    if notes:
        lines += ["---", ""] + [line for note in notes for line in (note, "")]
    return "\n".join(lines).rstrip("\n") + "\n"


def _footnote(number: int, c: Citation, article: Article | None) -> str:
    outlet = (article.outlet if article is not None else c.outlet) or ""
    head = ", ".join(markdown_escape(p) for p in (outlet, c.date, f"「{_one_line(c.title)}」") if p)
    link = c.fragment_url or c.url
    if link and web_url(link) == link:  # only a checked http(s) URL becomes a link
        head += f" — <{link}>"
    return (f"[^{number}]: {head}\\\n    “{markdown_escape(c.sentence)}”\\\n"
            f"    {markdown_escape(c.sentence_id)} (chars {c.start}-{c.end})")


def read_footnotes(markdown: str) -> list[dict]:
    """The footnotes of an exported conversation: number, heading, sentence, sentence id, offsets."""
    return [{"number": int(m.group(1)), "head": m.group(2), "sentence": markdown_unescape(m.group(3)),
             "sentence_id": markdown_unescape(m.group(4)), "start": int(m.group(5)), "end": int(m.group(6))}
            for m in _FOOTNOTE.finditer(markdown)]
