"""Conversations: the named things of a question, and follow-ups condensed into a standalone query (no LLM).

Without a generative model we carry names: a follow-up that names nothing, or points back with a
pronoun ("When will it open?", "거기엔 몇 개사가 있어?", "그는 누구를 만났나?"), inherits the names of the
latest earlier turn that had some.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Turn:
    """One exchange of a conversation."""

    question: str
    answer: str = ""


_NAME_WORD = r"[A-Za-z0-9]*[A-Z][A-Za-z0-9]*(?:[-.'’&](?:[A-Za-z0-9]+|[가-힣]+))*"  # B-Lab, Min-su, K-랩
_LATIN_NAME = re.compile(rf"(?<![A-Za-z0-9-]){_NAME_WORD}(?:\s+(?:of\s+|de\s+|the\s+)?{_NAME_WORD})*")
# Capitalised words that are not names: question and function words (capitalised at the start of a
# question), titles and generic business abbreviations, which name a role rather than a thing.
_NOT_NAMES = {w.lower() for w in """When What Who Where Which How Why Whose Whom Is Are Was Were Does Did Do
The A An And Or But Will Would Can Could Should Shall May Might Must Has Have Had According In On At Tell Please
I It Its They Them Their He She His Her We You Give List Name Show With Through By From For Of To About After
Before During Since Until Then If Than That This These Those There Here Also Not No Yes Mr Mrs Ms Dr Prof
Minister Vice Deputy President Chairman Chairwoman Director Chief Governor Mayor Reporter Head CEO CFO CTO COO
MOU AI IT R&D""".split()}
# Months and weekdays are dates (a Korean article writes "4월", "화요일"), not named things.
_CALENDAR = {w.lower() for w in """January February March April May June July August September October November
December Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split()}
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ian|ean|ese|ish|can|yan|ani|aqi|eli|udi)")  # Italian, Chinese, Iraqi …
_POSSESSIVE = re.compile(r"['’]s?$")  # "Hanbit's", "Hanbits'": the name ends there
_HANGUL_TAIL = re.compile(r"(?<=[가-힣])(?:은|는|이|가|을|를|의|에|에서|와|과|로|으로|도|만|이나|에는|에게|께서)$")
_SUFFIXES = re.compile(r"-(?:built|based|led|run|owned|made|backed|funded)$", re.I)
# Countries, continents, home and abroad are too broad to pin a sentence on: not names (a country is kept in
# `countries_named`).
_BROAD_REGIONS = {"아시아", "유럽", "아프리카", "국내", "해외", "Asia", "Asian", "Europe", "European", "Africa", "African"}


def names(text: str) -> list[str]:
    """Named things in `text`, in order: capitalised Latin names and runs of Kiwi proper nouns.

    >>> names("What is Hanbit Lab?"), names("김민수 대표는 부산 X-Tower에서 누구를 만났나?")
    (['Hanbit Lab'], ['김민수', '부산 X-Tower'])
    >>> names("When did Hanbit's Green Lab open?"), names("한빛 2공장은 어디에 있나?")
    (['Hanbit', 'Green Lab'], ['한빛'])
    """
    return list(_names_and_countries(text)[0])


def countries_named(text: str) -> list[str]:
    """The countries `text` names, as written: too broad to be `names`, but what it is about.

    >>> countries_named("How many Thai firms joined Hanbit Lab?"), countries_named("한·일 정상은 무엇을 합의했나?")
    (['Thai'], ['한·일'])
    """
    return list(_names_and_countries(text)[1])


@lru_cache(maxsize=256)
def _names_and_countries(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """`names` and `countries_named` of a text, read once (a question is analysed for both)."""
    from .countries import is_country, named_in
    from .sentences import kiwi

    found: list[str] = []
    countries: list[str] = []

    def broad(name: str) -> bool:
        if is_country(name):
            if not re.search(r"[가-힣]", name) or named_in(name, text):  # not "캐나다항공": a company's name
                countries.append(name)
            return True
        return name in _BROAD_REGIONS

    for m in _LATIN_NAME.finditer(text):
        if _capitalised_to_open(text, m):
            continue
        for words in _split_at_possessives([_HANGUL_TAIL.sub("", _SUFFIXES.sub("", w)) for w in m.group().split()]):
            while words and words[0].lower() in _NOT_NAMES | {"of", "de", "the"}:
                words = words[1:]
            while words and words[-1].lower() in _NOT_NAMES | {"of", "de", "the"}:
                words = words[:-1]
            word = " ".join(words)
            if len(words) == 1 and _DEMONYM.fullmatch(word) \
                    and re.search(rf"\b(?:the|a|an)\s+{re.escape(word)}\s+[a-z]", text, re.I):
                broad(word)  # "the Brazilian judges": a nationality describes, it names nothing to pin a sentence
                continue  # on, but its country is what the question is about
            if len(word) > 1 and word not in found and not broad(word) and word.lower() not in _CALENDAR:
                found.append(word)
    # Runs of proper nouns, with Latin words joined to them ("부산 X-Tower", "KDI 세종").
    tokens = kiwi().tokenize(text)
    runs: list[list] = []
    for tok in tokens:
        part = tok.tag == "NNP" or tok.tag == "SL" or (tok.tag == "SO" and tok.form == "-") or tok.tag == "SN"
        if part and runs and runs[-1] and tok.start <= _end(runs[-1][-1]) + 1:
            runs[-1].append(tok)
        elif tok.tag == "NNP":
            runs.append([tok])
        else:
            runs.append([])
    for run in runs:
        # a number with a counter after it is not part of the name: "한빛 2공장" names 한빛 (invented)
        while run and run[-1].tag in ("SN", "SO") and re.match(r"[가-힣]", text[_end(run[-1]):]):
            run = run[:-1]
        if not run:
            continue
        name = text[run[0].start:_end(run[-1])]
        if len(name) < 2 or broad(name):
            continue
        covered = [f for f in found if f in name]
        if any(name in f for f in found):
            continue
        found = [f for f in found if f not in covered]
        found.append(name)
    return tuple(sorted(found, key=lambda n: text.find(n))), tuple(dict.fromkeys(countries))


def _capitalised_to_open(text: str, match: re.Match) -> bool:
    """Is the match one ordinary word capitalised only because it opens the question, a function word right
    after it ("Besides the mayor, who …?", "Outside which city …?", "Firms from which countries …?")?"""
    word = match.group()
    after = re.match(r"\s+([a-z]+)\b", text[match.end():])
    return (match.start() == len(text) - len(text.lstrip()) and re.fullmatch(r"[A-Z][a-z]+", word) is not None
            and after is not None and after.group(1) in _NOT_NAMES)


def _split_at_possessives(words: list[str]) -> list[list[str]]:
    """A run of capitalised words cut after each possessive, which it loses: "Hanbit's Green Lab" names
    two things, "Hanbit" and "Green Lab" (invented)."""
    runs: list[list[str]] = [[]]
    for word in words:
        bare = _POSSESSIVE.sub("", word) if len(word) > 2 else word
        runs[-1].append(bare)
        if bare != word:
            runs.append([])
    return [r for r in runs if r]


def _end(token) -> int:
    return token.start + token.len


_POINTER = re.compile(r"\b(?:it|its|there|they|them|their|this|that|these|those|he|she|his|her|him)\b"
                      r"|거기|그곳|이곳|저곳|그들|그녀|그는|그가|그의|그를|그에게|그\s|이\s?곳|해당|이들|양측|그\s?회사|이\s?회사", re.I)


def condense(question: str, history: list[Turn] | None) -> tuple[str, list[str]]:
    """The standalone query and the names it is about.

    A question that names something and points back at nothing stands alone; otherwise it is prefixed
    with the names of the latest earlier turn that named some ("Hanbit Lab. When will it open?").
    """
    own = names(question)
    if not history or (own and not _POINTER.search(question)):
        return question, own
    for turn in reversed(history):
        carried = [n for n in names(turn.question) if n not in own]
        if carried:
            return ", ".join(carried) + ". " + question, carried + own
    return question, own


entities = names  # the old name, read by rag/answer.py until the answer package replaces it
