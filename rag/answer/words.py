"""The word layer under spans: a sentence cut into its whitespace words, each with its Kiwi tokens and
its core (the word less trailing particles and endings: "2019년 3월에" → "2019년 3월", "B-Lab을" → "B-Lab").
Spans are runs of whole words, so none starts or ends inside a word or a name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..question import TITLES

# Korean grammar that may trail a word's content: particles, endings, the copula, suffixes.
_GRAMMAR = ("J", "E", "VCP", "XSV", "XSA")
# Words news glues to a value to bound or round it ("60%이상", "100달러미만"): not part of the value.
_BOUND_WORDS = {(w, "NNG") for w in ("이상", "이하", "미만", "초과", "가량", "남짓", "내외", "안팎")}


@dataclass(frozen=True)
class Span:
    text: str
    start: int  # offsets within the sentence
    end: int


@dataclass(frozen=True)
class Word:
    start: int
    end: int  # end of the whole word
    core_start: int  # start without opening brackets and quotes ("(나카타" → 나카타)
    core_end: int  # end without trailing particles/endings
    tokens: tuple  # Kiwi tokens (form, tag, start, end) within the word
    trailing: tuple  # the grammar tokens after the core


@lru_cache(maxsize=8192)
def words(sentence: str) -> tuple[Word, ...]:
    """The sentence's whitespace words with their Kiwi tokens (cached: a sentence is analysed once)."""
    from ..sentences import kiwi

    tokens = [(t.form, t.tag, t.start, t.start + t.len) for t in kiwi().tokenize(sentence)]
    out = []
    spaced = list(re.finditer(r"\S+", sentence))
    for n_word, m in enumerate(spaced):
        inside = [t for t in tokens if t[2] < m.end() and t[3] > m.start()]  # Kiwi may join words ("알바로 우리베")
        following = spaced[n_word + 1:n_word + 3]
        next_tokens = [t for t in tokens if following and following[0].start() <= t[2] < following[0].end()]
        if following and _name_read_as_topic(inside, next_tokens,
                                              [re.sub(r"[은는이가을를의]$", "", f.group()) for f in following]):
            inside = [(sentence[m.start():m.end()], "NNP", m.start(), m.end())]
        if len(inside) >= 2 and inside[-1][1] == "VCP" and inside[-1][3] == m.end() and inside[-2][1].startswith("NN"):
            # a copula with no ending is no copula: Kiwi reading a name's last syllable ("가바라이 장관", an invented name)
            inside[-1] = (inside[-1][0], "NNP", inside[-1][2], inside[-1][3])
        for n in range(1, len(inside)):
            if inside[n][:2] == ("가", "VV") and inside[n - 1][1] in ("SW", "SN"):
                # "53%가": Kiwi reads the subject particle after a number or a sign as the verb 가다
                particle = ("가", "JKS", inside[n][2], inside[n][3])
                inside = inside[:n] + [particle] + [t for t in inside[n + 1:] if t[2] >= particle[3]]
                break
        if len(inside) >= 2 and inside[-1][:2] in (("과", "NNG"), ("와", "NNG")) and inside[-2][1] in ("SL", "SN", "SW"):
            # "12kg과": Kiwi reads the conjunction after a Latin unit or a number as a noun
            inside = inside[:-1] + [(inside[-1][0], "JC", inside[-1][2], inside[-1][3])]
        core = list(inside)
        trailing = []
        while core and (core[-1][1].startswith(_GRAMMAR) or core[-1][1] in ("SF", "SP", "SS", "SE", "SO")
                        or core[-1][:2] == ("짜리", "XSN")):  # "30층짜리": 30층 is the measure
            trailing.insert(0, core.pop())
        if len(core) >= 2 and core[-1][:2] in _BOUND_WORDS and core[-2][1] in ("SN", "SW", "SL", "NNB"):
            trailing.insert(0, core.pop())  # "60%이상을", "100달러미만의": the value is "60%", "100달러"
        core_end = core[-1][3] if core else m.start()
        core_end = min(max(core_end, m.start()), m.end())
        opening = 0
        while opening < len(core) - 1 and core[opening][1] in ("SSO", "SS"):
            opening += 1  # "(나카타", "‘링’": the bracket or quote opens around the word, it is not in it
        core_start = max(core[opening][2], m.start()) if opening else m.start()
        out.append(Word(m.start(), m.end(), core_start, core_end, tuple(inside), tuple(trailing)))
    return tuple(out)


def _name_read_as_topic(inside: list, following: list, next_words: list[str]) -> bool:
    """Has Kiwi read a name ending in ㄴ as a noun and the short topic particle ("로건" as 로거 + ㄴ, "사론" as
    사 + 로 + ㄴ; invented names), or one ending in 인 as a proper noun and
    the copula ("라사인" as 라사 + 이 + ㄴ, before a proper noun)? News seldom writes that particle after a
    noun, and a name runs on: a proper noun or a Latin word follows (`following`: the next word's tokens), or a
    title within the next two words (`next_words`), as in "사론 경찰 대변인". "서울에선 물가가" stays."""
    forms = [t[:2] for t in inside]
    if len(forms) < 2 or forms[-1] not in (("ᆫ", "JX"), ("ᆫ", "ETM")) or not following:
        return False
    runs_on = following[0][1] in ("NNP", "SL") or any(w in TITLES for w in next_words)
    if len(forms) == 3 and forms[1:] == [("이", "VCP"), ("ᆫ", "ETM")] and forms[0][1] == "NNP":
        return following[0][1] in ("NNP", "SL")  # "라사인 로크" read as 라사 + 이 + ㄴ ("가수인 박지민" stays)
    body = forms[:-2] if forms[-2] in (("도", "JX"), ("로", "JKB"), ("에", "JKB")) else forms[:-1]
    return forms[-1] == ("ᆫ", "JX") and runs_on and bool(body) and all(tag in ("NNP", "NNG") for _, tag in body)


def word_core(sentence: str, w: Word) -> str:
    return sentence[w.core_start:w.core_end]


def is_bare(w: Word) -> bool:
    """A word that is all content (no particle or ending): it can sit inside a multi-word name."""
    return not w.trailing and w.core_end == w.end


def core_tokens(w: Word) -> list:
    """The word's Kiwi tokens that lie within its core (no particle, ending or opening bracket)."""
    return [t for t in w.tokens if w.core_start <= t[2] and t[3] <= w.core_end]


def all_tagged(w: Word, tags: tuple) -> bool:
    content = [t for t in w.tokens if t[3] > w.core_start and t[2] < w.core_end and t[1] not in ("SO", "SW")]
    return bool(content) and all(t[1].startswith(tags) for t in content)


def run_end(ws, i: int, word_ok, max_words: int | None = None) -> int:
    """Where the run of words from i that pass `word_ok` ends (exclusive); only its last word may carry a
    particle or ending, and it has at most `max_words` words."""
    j = i
    while j < len(ws) and (max_words is None or j - i < max_words) and word_ok(ws[j]):
        j += 1
        if not is_bare(ws[j - 1]):
            break
    return j


_RANGE_START = re.compile(r"^\d[\d,.]*\s?[~∼〜](?=\d)")  # the lower end of a range written "3~5분"


def upper_end(core: str) -> str:
    """A word's core less the lower end of a range: "3~5분" → "5분"; any other core as it is."""
    return _RANGE_START.sub("", core)


def word_runs(sentence: str, ws, pattern: re.Pattern, max_words: int = 4) -> list[tuple[int, int]]:
    """Runs of consecutive words whose cores fully match `pattern`; only the last may carry a particle. A range
    matches as its upper end does ("3~5분" as "5분", "10∼20명" as "20명")."""
    spans, i = [], 0
    while i < len(ws):
        j = run_end(ws, i, lambda w: pattern.fullmatch(upper_end(word_core(sentence, w)) or "-") is not None,
                    max_words)
        if j > i:
            spans.append((i, j))
            i = j
        else:
            i += 1
    return spans


def written_beside(text: str, start: int, end: int, noun: str, before: int, after: int) -> bool:
    """Is `noun` written within `before` characters before `start` or `after` characters after `end` of
    `text` ("당첨금은 3만달러", "방송인 ‘한빛 아침’"; invented)?"""
    return noun in text[max(0, start - before):start] or noun in text[end:end + after]


def span_of(sentence: str, ws, i: int, j: int) -> Span:
    start, end = ws[i].core_start, ws[j - 1].core_end
    return Span(sentence[start:end], start, end)
