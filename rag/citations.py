"""Citations are data: numbered source sentences, and the mapping of [n] markers back to them."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKER = re.compile(r"\[(\d{1,3})\]")


@dataclass(frozen=True)
class Citation:
    """A cited source sentence; `start`/`end` index into the article text."""

    id: int  # the n in the answer's [n]
    doc_id: str
    title: str
    date: str
    outlet: str
    sentence_id: str
    sentence: str
    start: int
    end: int
    span_start: int | None = None  # the short answer span inside the article text, when located
    span_end: int | None = None
    url: str = ""  # the article's web page (checked http/https), "" when it has none
    fragment_url: str = ""  # that page opened at the sentence (a text fragment); see rag/references.py

    def as_json(self) -> dict:
        return {"id": self.id, "doc_id": self.doc_id, "title": self.title, "date": self.date,
                "outlet": self.outlet, "sentence_id": self.sentence_id, "sentence": self.sentence,
                "start": self.start, "end": self.end,
                "answer_span": None if self.span_start is None else {"start": self.span_start, "end": self.span_end},
                "url": self.url or None, "fragment_url": self.fragment_url or None}


def markers(text: str) -> list[int]:
    """The citation numbers an answer uses, in order of first use.

    >>> markers("A [2] and B [1][2].")
    [2, 1]
    """
    seen: list[int] = []
    for m in _MARKER.finditer(text):
        n = int(m.group(1))
        if n not in seen:
            seen.append(n)
    return seen


def resolve(text: str, sources: dict[int, Citation]) -> tuple[str, list[Citation]]:
    """Drop markers with no source; return the cleaned text and the citations it uses, in order.

    >>> resolve("A [1[9]] B [9]", {})[0]  # dropping [9] from [1[9]] leaves [1]: dropped in turn
    'A  B '
    """
    cleaned = None
    while cleaned != text:  # each pass that drops something shortens the text, so this ends
        cleaned, text = text, _MARKER.sub(lambda m: m.group(0) if int(m.group(1)) in sources else "", text)
    return cleaned, [sources[n] for n in markers(cleaned)]
