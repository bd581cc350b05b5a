"""The answer text with [n] markers, and the citations they map to (exact article offsets)."""

from __future__ import annotations


from ..citations import Citation
from ..corpus import UNKNOWN_DATE, outlet_names
from ..question import AnswerType, Question
from .evidence import Candidate
from .glosses import gloss_english

ABSTAIN_TEXT = {
    "ko": "색인된 기사에는 이 질문에 답할 수 있는 내용이 없습니다.",
    "en": "The indexed articles do not answer this question.",
}
_GLOSSED = (AnswerType.DATE, AnswerType.COUNT, AnswerType.MEASURE)


def outlet_name(outlet: str, language: str) -> str:
    """'한빛일보 (Hanbit Daily)' → '한빛일보' for Korean, 'Hanbit Daily' for English."""
    korean, english = outlet_names(outlet)
    return (korean if language == "ko" else english) or ("기사" if language == "ko" else "the article")


def _dated(source: str, date: str, language: str) -> str:
    known = date and date != UNKNOWN_DATE
    if language == "en":
        return f"{source} ({date})" if known else source
    return f"{source}({date})" if known else source


def compose(question: Question, chosen: Candidate | None) -> tuple[str, list[Citation]]:
    """Bold the short span when there is one, then quote the cited sentence(s), each with its [n]."""
    language = question.language
    if chosen is None:
        return ABSTAIN_TEXT[language], []
    lines, citations = [], []
    span_id = next(n for n, s in enumerate(chosen.cite, start=1) if s.sentence_id == chosen.hit.sentence_id)
    if chosen.span is not None:
        text = chosen.span.text
        if language == "en":
            gloss = gloss_english(text) if question.answer_type in _GLOSSED else ""
            lines.append(f"Answer: **{text}**" + (f" ({gloss})" if gloss else "") + f" [{span_id}]")
        else:
            lines.append(f"답: **{text}** [{span_id}]")
    for n, s in enumerate(chosen.cite, start=1):
        span = chosen.span if s.sentence_id == chosen.hit.sentence_id else None
        citations.append(Citation(id=n, doc_id=s.doc_id, title=s.title, date=s.date, outlet=s.outlet,
                                  sentence_id=s.sentence_id, sentence=s.text, start=s.start, end=s.end,
                                  span_start=s.start + span.start if span else None,
                                  span_end=s.start + span.end if span else None))
    first = chosen.cite[0]
    source = _dated(outlet_name(first.outlet, language), first.date, language)
    marks = "".join(f"[{n}]" for n in range(1, len(chosen.cite) + 1))
    if len(chosen.cite) == 1:
        quoted = f"“{first.text}”"
    else:  # the neighbour that names the subject, then the sentence with the fact, each with its marker
        quoted = " ".join(f"“{s.text}” [{n}]" for n, s in enumerate(chosen.cite, start=1))
    lines.append(f"According to {source} {marks}: {quoted}" if language == "en"
                 else f"{source} 보도에 따르면 {marks}: {quoted}")
    return "\n".join(lines), citations
