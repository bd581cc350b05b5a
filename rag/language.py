"""Question language: a Hangul-ratio rule first, then langdetect (seeded) for Hangul-free text."""

from __future__ import annotations

import re

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
KOREAN_RATIO = 0.25  # "K-StartHub는 언제 개소해?" has 0.35 Hangul letters; English with one Korean name stays below


def hangul_ratio(text: str) -> float:
    letters = _LETTER.findall(text)
    if not letters:
        return 0.0
    return sum(1 for ch in letters if _HANGUL.match(ch)) / len(letters)


def detect_language(text: str) -> str:
    """'ko' or 'en' (the two languages hubqa answers in).

    >>> detect_language("K-StartHub는 언제 개소해?"), detect_language("When will K-StartHub open?")
    ('ko', 'en')
    """
    ratio = hangul_ratio(text)
    if ratio >= KOREAN_RATIO:
        return "ko"
    if ratio == 0.0 or len(text.strip()) < 3:
        return "en"
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0  # langdetect is random unless seeded
    try:
        return "ko" if detect(text) == "ko" else "en"
    except LangDetectException:
        return "en"
