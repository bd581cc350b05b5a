"""Korean-aware sentence splitting with exact character offsets (kiwipiepy)."""

from __future__ import annotations

import threading
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


_KIWI = None
_KIWI_LOCK = threading.Lock()
ANALYSES_CACHED = 8192  # distinct texts whose analysis is kept (a sentence's tokens are ~1 KB)


class _Analyser:
    """Kiwi with `tokenize(text)` memoised for single texts; everything else goes to Kiwi itself.

    Answering a question analyses the question and each retrieved sentence several times (names,
    spans, language); the same corpus sentences come back for question after question. Kiwi holds
    the GIL while it analyses, so under concurrent chat every repeated analysis delays every session.
    Tokens are immutable; each call gets its own list.
    """

    def __init__(self, analyser):
        from functools import lru_cache

        self._kiwi = analyser
        self._cached = lru_cache(maxsize=ANALYSES_CACHED)(lambda text: tuple(analyser.tokenize(text)))

    def tokenize(self, text, *args, **kwargs):
        if isinstance(text, str) and not args and not kwargs:
            return list(self._cached(text))
        return self._kiwi.tokenize(text, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._kiwi, name)


def kiwi():
    """The process-wide Kiwi analyser, loaded once even when several threads ask at once.

    Kiwi loads its model in two steps, ~1 s each: in `Kiwi()` and lazily in the first analysis.
    Both happen here, under the lock, so no caller (a chat session, say) pays for or races the second.
    """
    global _KIWI
    if _KIWI is None:
        with _KIWI_LOCK:
            if _KIWI is None:
                from kiwipiepy import Kiwi

                analyser = Kiwi()
                analyser.tokenize("한국어 형태소 분석기를 불러온다.")
                _KIWI = _Analyser(analyser)
    return _KIWI


def split_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of `text`: non-empty, in order, non-overlapping, trimmed of whitespace.

    >>> split_spans("첫 문장입니다. Second one.")
    [(0, 8), (9, 20)]
    """
    return list(_split_spans(text))  # the chat's source panel splits the same articles answer after answer


@lru_cache(maxsize=64)
def _split_spans(text: str) -> tuple[tuple[int, int], ...]:
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
    return tuple(clean)


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
    """Content morphemes for BM25: nouns, verb/adjective stems, roots, foreign words, numbers. Kiwi reads some
    names across their space as one proper noun ("조니 뎁"); each word of it is a morpheme too, so that a
    question naming "뎁" alone finds it."""
    return _content_forms(kiwi().tokenize(text))


def morphemes_batch(texts: list[str]) -> list[list[str]]:
    """`morphemes` over many texts, using Kiwi's batched tokenizer."""
    return [_content_forms(tokens) for tokens in kiwi().tokenize(texts)]


def _content_forms(tokens) -> list[str]:
    forms = []
    for t in tokens:
        if t.tag.startswith(_CONTENT_TAGS):
            forms.append(t.form.lower())
            if " " in t.form:
                forms += t.form.lower().split()
    return forms
