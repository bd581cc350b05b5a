"""Korean-aware sentence splitting with exact character offsets (kiwipiepy)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .corpus import Article


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article; `article.text[start:end] == text` always holds."""

    sentence_id: str  # "<doc_id>#<n>", n counting from 0 in reading order
    doc_id: str
    index: int
    text: str
    start: int
    end: int


@lru_cache(maxsize=1)
def kiwi():
    """The process-wide Kiwi analyser (loading its model takes ~1 s)."""
    from kiwipiepy import Kiwi

    return Kiwi()


def split_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of `text`: non-empty, in order, non-overlapping, trimmed of whitespace.

    >>> split_spans("첫 문장입니다. Second one.")
    [(0, 8), (9, 20)]
    """
    spans: list[tuple[int, int]] = []
    for paragraph_start, paragraph_end in _paragraphs(text):
        paragraph = text[paragraph_start:paragraph_end]
        for sent in kiwi().split_into_sents(paragraph):
            start, end = _trim(paragraph, sent.start, sent.end)
            if start < end:
                spans.append((paragraph_start + start, paragraph_start + end))
    # Kiwi normally returns ordered, disjoint spans; enforce it so offsets can be trusted blindly.
    clean: list[tuple[int, int]] = []
    for start, end in spans:
        if clean and start < clean[-1][1]:
            start = clean[-1][1]
            start, end = _trim(text, start, end)
        if start < end:
            clean.append((start, end))
    return clean


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Blank-line separated blocks: a sentence never crosses a paragraph break."""
    spans, start = [], 0
    for block in text.split("\n\n"):
        spans.append((start, start + len(block)))
        start += len(block) + 2
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_article(article: Article) -> list[Sentence]:
    """The article's sentences with stable ids `<doc_id>#<n>`."""
    return [Sentence(f"{article.doc_id}#{n}", article.doc_id, n, article.text[s:e], s, e)
            for n, (s, e) in enumerate(split_spans(article.text))]


_CONTENT_TAGS = ("NN", "VV", "VA", "XR", "SL", "SN", "SH", "MAG", "NR", "NP")


def morphemes(text: str) -> list[str]:
    """Content morphemes for BM25: nouns, verb/adjective stems, roots, foreign words, numbers."""
    return [t.form.lower() for t in kiwi().tokenize(text) if t.tag.startswith(_CONTENT_TAGS)]


def morphemes_batch(texts: list[str]) -> list[list[str]]:
    """`morphemes` over many texts, using Kiwi's batched tokenizer."""
    return [[t.form.lower() for t in tokens if t.tag.startswith(_CONTENT_TAGS)]
            for tokens in kiwi().tokenize(texts)]
