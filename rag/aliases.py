"""Cross-lingual keyword help learned from the indexed articles themselves (no hand-made glossary).

Four general sources, read from the articles' text when a snapshot is first searched:

- aliases the articles write in parentheses: "한빛연구소(Hanbit Lab)", "KDI(Korea Development Institute)",
  "‘미래 포럼(Future Forum)’": the Latin form maps to the Korean words before it;
- Latin-letter names inside Korean text ("부산 X-Tower는"): the name written solid ("xtower") maps to its
  own morphemes and to the proper noun right before it;
- Korean proper nouns (Kiwi NNP) by a lossy sound key of their Revised Romanisation, so the English
  spelling of a Korean or Japanese name ("Busan", "Kyoto") finds its Hangul form ("부산", "교토").
- Hangul nouns by how Korean writes a foreign name's sound (rag/loanwords.py), so a Western name in an English
  question ("Thornton") finds the Hangul the articles spell it in ("손턴"): `AliasTable.spelled`.

`AliasTable.expand(terms)` gives, for each query term, the index terms it may stand for.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .loanwords import MIN_LATIN_LETTERS, SpellingIndex, hangul_sounds, latin_sounds, syllable_letters

_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-.&'’][A-Za-z0-9]+)*(?:\s+[A-Za-z][A-Za-z0-9]*(?:[-.&'’][A-Za-z0-9]+)*)*")
_PAREN = re.compile(r"([^\s()\[\]]+(?:\s[^\s()\[\]]+){0,3})\(([^()]{1,60})\)")
_HANGUL = re.compile(r"[가-힣]")
_QUOTES = "‘’“”'\"「」『』<>《》〈〉"
MIN_SOUND_KEY = 4  # shorter sound keys match too many unrelated words
# Nouns an English name may be spelled as, by Kiwi tag and least length: Kiwi tags many foreign names as
# common nouns ("카르단"), so those of three syllables or more count too.
_FOREIGN_NOUN = {"NNP": 2, "NNG": 3}
_ALL_HANGUL = re.compile(r"[가-힣]+")


def squash(text: str) -> str:
    """Lower-case letters and digits only: "B-Lab" and "bLab" are both "blab"."""
    return re.sub(r"[^0-9a-z]", "", text.lower())


# Revised Romanisation of Korean, letter by letter (no sound-change rules: the sound key absorbs them).
_INITIALS = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
_VOWELS = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
           "yu", "eu", "ui", "i"]
_FINALS = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t",
           "ng", "t", "t", "k", "t", "p", "t"]


def romanise(hangul: str) -> str:
    """Revised Romanisation of Hangul syllables (other characters pass through).

    >>> romanise("부산"), romanise("광주")
    ('busan', 'gwangju')
    """
    out = []
    for ch in hangul:
        letters = syllable_letters(ch)
        out.append(ch if letters is None else _INITIALS[letters[0]] + _VOWELS[letters[1]] + _FINALS[letters[2]])
    return "".join(out)


_SOUND_RULES = [("sh", "s"), ("ch", "j"), ("ph", "p"), ("ts", "j"), ("tch", "j"), ("ck", "k"), ("x", "ks"),
                ("eo", "o"), ("eu", "u"), ("ae", "e"), ("ou", "o"), ("oo", "u"), ("ee", "i"), ("ng", "n")]
_SOUND_LETTERS = str.maketrans({"f": "h", "k": "g", "c": "g", "q": "g", "t": "d", "p": "b", "v": "b", "l": "r",
                                "z": "j", "y": None, "w": None, "h": None})


def sound_key(word: str) -> str:
    """A lossy key under which a Latin spelling and the romanised Hangul of one name meet: voicing,
    aspiration, glides and doubled letters are ignored.

    >>> sound_key("Osaka") == sound_key(romanise("오사카")), sound_key("Kyoto") == sound_key(romanise("교토"))
    (True, True)
    """
    key = squash(word)
    for a, b in _SOUND_RULES:
        key = key.replace(a, b)
    key = key.translate(_SOUND_LETTERS)
    return re.sub(r"(.)\1+", r"\1", key)


@dataclass
class AliasTable:
    """Query key (a squashed Latin form, or a sound key) → index terms it stands for."""

    by_form: dict[str, set[str]] = field(default_factory=dict)
    by_sound: dict[str, set[str]] = field(default_factory=dict)
    by_spelling: dict[str, set[str]] = field(default_factory=dict)  # loanword sounds of Hangul nouns → the nouns
    _spelled: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _spelling_index: SpellingIndex | None = field(default=None, repr=False)

    @classmethod
    def learn(cls, texts: list[str]) -> "AliasTable":
        from .sentences import kiwi, morphemes

        table = cls()
        for text in texts:
            for m in _PAREN.finditer(text):
                table._pair(m.group(1), m.group(2), morphemes)
            tokens = kiwi().tokenize(text)
            for i, tok in enumerate(tokens):
                if tok.tag == "NNP" and _HANGUL.search(tok.form):
                    key = sound_key(romanise(tok.form))
                    if len(key) >= MIN_SOUND_KEY:
                        table.by_sound.setdefault(key, set()).add(tok.form.lower())
                if _FOREIGN_NOUN.get(tok.tag, 99) <= len(tok.form) and _ALL_HANGUL.fullmatch(tok.form):
                    table.by_spelling.setdefault(hangul_sounds(tok.form), set()).add(tok.form)
            for m in _LATIN.finditer(text):
                if not _near_hangul(text, m.start(), m.end()):
                    continue
                key = squash(m.group())
                if len(key) >= 2:
                    own = morphemes(m.group())
                    table.by_form.setdefault(key, set()).update(own + _proper_noun_before(tokens, m.start()))
        return table

    def _pair(self, outside: str, inside: str, morphemes) -> None:
        """One parenthesised alias: the Latin side maps to the other side's last words (as many as it has)."""
        outside = outside.strip(_QUOTES + " ")
        inside = inside.strip(_QUOTES + " ")
        if _HANGUL.search(inside) and not _HANGUL.search(outside):  # "B-Lab(비랩)": swap
            outside, inside = inside, outside
        if _HANGUL.search(inside) or not re.search(r"[A-Za-z]", inside):
            return
        words = outside.split()
        n = max(1, len(inside.split()))
        if not _HANGUL.search(outside) and len(words) == 1:
            n = 1  # "HIC(Hanbit Innovation Center)": an abbreviation for the spelled-out name
        target = [t for t in morphemes(" ".join(words[-n:]).strip(_QUOTES)) if t]
        if not target:
            return
        for key in {squash(inside), *(squash(w) for w in inside.split() if n == 1)}:
            if len(key) >= 2:
                self.by_form.setdefault(key, set()).update(target)
        if len(words) == 1 and not _HANGUL.search(outside):
            self.by_form.setdefault(squash(outside), set()).update(morphemes(inside))

    def spelled(self, name_words: list[str]) -> dict[str, list[str]]:
        """For each Latin word of a name, the Hangul nouns of the articles that spell it by sound
        (`loanwords.sounds_close`: "Thornton" 손턴), so an English question's names reach BM25."""
        out = {}
        for word in name_words:
            key = word.lower()
            if key not in self._spelled:
                sounds = latin_sounds(key) if len(key) >= MIN_LATIN_LETTERS and key.isalpha() else ""
                if self._spelling_index is None:
                    self._spelling_index = SpellingIndex(sorted(self.by_spelling))
                spellings = self._spelling_index.spelling(sounds) if sounds else []
                self._spelled[key] = tuple(sorted(form for spelling, _ in spellings
                                                  for form in self.by_spelling[spelling]))
            if self._spelled[key]:
                out[key] = list(self._spelled[key])
        return out

    def expand(self, terms: list[str]) -> dict[str, list[str]]:
        """For each query term, the index terms it stands for (Latin runs of 2–3 consecutive terms are
        looked up written solid too, so "Future Forum" meets "futureforum" and "Min su" 민수)."""
        out: dict[str, list[str]] = {}
        latin = [t if re.fullmatch(r"[0-9a-z][0-9a-z.\-]*", t) else None for t in terms]
        for i, term in enumerate(terms):
            if latin[i] is None:
                continue
            found: list[str] = []
            for n in (3, 2, 1):
                run = latin[i:i + n]
                if len(run) < n or None in run:
                    continue
                found += self.by_form.get(squash("".join(run)), ())
                key = sound_key("".join(run))
                if len(key) >= MIN_SOUND_KEY:
                    found += self.by_sound.get(key, ())
            if found:
                out[term] = sorted(set(found) - {term})
        return {t: v for t, v in out.items() if v}


def _near_hangul(text: str, start: int, end: int) -> bool:
    """Latin text written inside Korean prose (a Hangul letter within two characters on either side)."""
    return bool(_HANGUL.search(text[max(0, start - 2):start]) or _HANGUL.search(text[end:end + 2]))


def _proper_noun_before(tokens, start: int) -> list[str]:
    """The Hangul proper noun right before `start` ("부산" in "부산 X-Tower"), as a list of 0 or 1 terms."""
    i = bisect.bisect_left([t.start for t in tokens], start) - 1
    if i >= 0 and tokens[i].tag == "NNP" and 0 <= start - (tokens[i].start + tokens[i].len) <= 1:
        return [tokens[i].form.lower()]
    return []
