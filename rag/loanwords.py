"""Does a Hangul word spell a Latin name? Korean news writes foreign names by their sound ("Benton" → 벤턴,
"Greenhub" → 그린허브; invented), so an English question's names are found in Korean text by comparing sounds.

Both spellings become rough sound strings: English letters by general spelling rules (th, ch, ph, -tion, soft c,
silent final e, an r after a vowel that Korean drops) and the ways Korean transcribes them (a final sh or ch
with ㅣ, 부시; a voiced final s as 스 or 즈; a vowel said by its name, 블레이크; air as 에어; chr as 크르; ng
before l or r with its g, 잉글랜드), Hangul by its letters (the ㅡ Korean inserts between consonants is
marked as a free vowel). A weighted edit distance compares them: vowels and consonants of one class (k/g,
t/d, p/b/f/v, s/z/sh, l/r) differ cheaply; another consonant costs a full step.
"""

from __future__ import annotations

import re
from functools import lru_cache

MAX_DISTANCE = 0.15  # per sound of the Latin spelling; chosen by cross-validation on dev items (evals/README M)
MIN_LATIN_LETTERS = 3  # shorter words ("Li", "Oh") meet too many Hangul words

_LATIN_RULES = (("tion", "Sion"), ("tch", "C"), ("sch", "S"), ("chr", "kr"), ("ch", "C"), ("sh", "S"), ("ph", "f"),
                ("th", "T"), ("ck", "k"), ("qu", "kw"), ("x", "ks"), ("ng", "N"), ("wh", "w"), ("wr", "r"))
_VOWEL_RULES = (("aw", "o"), ("au", "o"), ("ee", "i"), ("oo", "u"), ("ea", "i"))
_VOWELS = frozenset("aeiou_")
_INITIALS = ("g", "k", "n", "d", "t", "r", "m", "b", "p", "s", "s", "", "j", "j", "C", "k", "t", "p", "h")
_MEDIALS = ("a", "e", "ia", "ie", "o", "e", "io", "ie", "o", "ua", "ue", "oe", "io", "u", "uo", "ue", "ui", "iu", "_",
            "ui", "i")
_FINALS = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "N",
           "t", "t", "k", "t", "p", "t")
# Consonants Korean writes alike (T: English th; S: sh; C: ch; R: an r after a vowel; N: ng; Z: a voiced final s).
_CLASSES = ("kgq", "tdT", "pbfv", "sSTzZ", "jzCSZ", "lrR", "nN")
_CLASS_OF = {ch: frozenset(i for i, group in enumerate(_CLASSES) if ch in group) for group in _CLASSES for ch in group}
_CLOSE_VOWELS = ({"a", "e"}, {"e", "i"}, {"o", "u"}, {"a", "o"})
# Particles and suffixes news glues to a name ("벤턴은", "벤턴측", "벤턴씨에게", a state's "벤턴주에서").
NAME_SUFFIXES = re.compile(r"(?:측|씨|家|들|주)?(?:은|는|이|가|을|를|의|에|에서|에게|와|과|로|으로|도|만|까지|부터|보다|처럼|이나|나|께서|"
                       r"와의|과의|에서는|에선|엔|에서도|에서의|에는|에도|으로는|로는|와는|과는|로부터|으로부터|으로서|로서|이라는|라는|"
                       r"이라고|라고|이다|였다|이었다)?$")


def syllable_letters(ch: str) -> tuple[int, int, int] | None:
    """A Hangul syllable's letters as Unicode numbers them (initial 0-18, vowel 0-20, final 0-27 with 0 for
    none), or None for any other character.

    >>> syllable_letters("한"), syllable_letters("a")
    ((18, 0, 4), None)
    """
    code = ord(ch) - 0xAC00
    return (code // 588, (code % 588) // 28, code % 28) if 0 <= code < 11172 else None


def latin_sounds(word: str) -> str:
    """A Latin word as a rough sound string: "Thompson" → "Tompson"."""
    w = re.sub(r"[^a-z]", "", word.lower())
    w = re.sub(r"ng(?=[lr])", "Ng", w)  # England 잉글랜드, Ingrid 잉그리드
    for spelled, sound in _LATIN_RULES:
        w = w.replace(spelled, sound)
    w = re.sub(r"gh(?![aeiou])", "", w)
    w = re.sub(r"c(?=[eiy])", "s", w).replace("c", "k")
    if len(w) > 3:
        # one syllable's vowel before a consonant and a silent e is said by its name: Blake 블레이크, Mike 마이크
        w = re.sub(r"^([^aeiou]*)([ai])([^aeiouwy])e(?=s?$)",
                   lambda m: m[1] + ("ei" if m[2] == "a" else "ai") + m[3], w)
        w = re.sub(r"(?<=[^aeiousSCjzk])e(?=s$)", "", w)  # a silent e before a final s: Stones, Holmes
        w = re.sub(r"(?<=[^aeiou])e$", "", w)  # silent final e
        w = re.sub(r"(?<=[^aeiou])ie$", "i", w)  # a final ie is said i: Annie 애니, Marie 마리
    for spelled, sound in _VOWEL_RULES:  # before doubled letters are made one: "oo" is u (Moon 문)
        w = w.replace(spelled, sound)
    w = re.sub(r"(.)\1+", r"\1", w)
    w = re.sub(r"w(?=u)", "", w)  # Korean writes "wu" and "woo" as 우: Wood 우드
    w = re.sub(r"air(?![aeiou])", "eaR", w)  # Blair 블레어, Airbus 에어버스
    w = re.sub(r"er$", "o", w.replace("y", "i").replace("w", "u"))  # Turner 터너
    w = re.sub(r"(?<=[aeioulmnNrbdgv])s$", "Z", w)  # a voiced final s: 스 or 즈 (Jones 존스, Stones 스톤즈)
    w = re.sub(r"([SC])$", r"\1i", w)  # Korean writes a final sh or ch with ㅣ: Bush 부시, Church 처치
    return re.sub(r"(?<=[aeiou])r(?![aeiou])", "R", w)


def hangul_sounds(word: str) -> str:
    """Hangul syllables letter by letter ("벤턴" → "benton"; ㅡ as "_"); other characters are dropped.

    >>> hangul_sounds("벤턴"), hangul_sounds("모렌나"), hangul_sounds("갈레노")
    ('benton', 'morena', 'galeno')
    """
    out = []
    for letters in filter(None, map(syllable_letters, word)):
        initial, vowel, final = letters
        out.append(_INITIALS[initial] + _MEDIALS[vowel] + _FINALS[final])
    # One consonant written twice across syllables is one sound: "모렌나" (Morenna), and ㄹㄹ an English l
    # between vowels ("갈레노" Galeno; invented names).
    return re.sub(r"([^aeiou_])\1", r"\1", "".join(out).replace("lr", "l"))


def _substitution(a: str, b: str) -> float:
    if a == b or {a, b} == {"Z", "s"}:
        return 0.0
    if a in _VOWELS and b in _VOWELS:
        if "_" in (a, b):
            return 0.3
        return 0.15 if {a, b} in _CLOSE_VOWELS else 0.4
    if a in _VOWELS or b in _VOWELS:
        return 1.0
    if _CLASS_OF.get(a, frozenset()) & _CLASS_OF.get(b, frozenset()):
        return 0.15
    return 0.3 if {a, b} == {"h", "f"} else 1.0  # Japanese "fu" is written 후


def _gap(sound: str) -> float:
    if sound == "_":
        return 0.05
    if sound in _VOWELS:
        return 0.4
    return {"R": 0.2, "h": 0.5}.get(sound, 1.0)


@lru_cache(maxsize=65536)
def sound_distance(latin: str, hangul: str) -> float:
    """Weighted edit distance between two sound strings, per sound of the Latin one."""
    previous = [0.0]
    for sound in hangul:
        previous.append(previous[-1] + _gap(sound))
    for a in latin:
        row = [previous[0] + _gap(a)]
        for j, b in enumerate(hangul, 1):
            row.append(min(previous[j] + _gap(a), row[j - 1] + _gap(b), previous[j - 1] + _substitution(a, b)))
        previous = row
    return previous[-1] / max(len(latin), 1)


def spelled_in_hangul(latin: str, text: str) -> bool:
    """Is the Latin word (or name of words, written solid) written in `text` as a Hangul word (a particle after
    it aside)?

    >>> spelled_in_hangul("Benton", "벤턴은 이날 말했다"), spelled_in_hangul("Benton", "반대편은 이날 말했다")
    (True, False)
    """
    if len(re.sub(r"[^A-Za-z]", "", latin)) < MIN_LATIN_LETTERS or re.search(r"[^A-Za-z.'’\-\s]", latin):
        return False
    sounds = "".join(latin_sounds(word) for word in latin.split())  # "Port Hill": no "th" across words
    return any(sounds_close(sounds, word) for word in _hangul_words(text))


def sounds_close(latin: str, hangul: str) -> bool:
    """Do two sound strings (`latin_sounds`, `hangul_sounds`) spell one name? A Hangul word of one consonant
    ("약", "이") is too short to spell one."""
    return bool(_lengths_fit(len(latin), len(hangul))) and _long_enough(hangul) \
        and sound_distance(latin, hangul) <= MAX_DISTANCE


def _lengths_fit(latin_length, hangul_length):
    """Could sound strings of these lengths spell one name (numbers, or numpy arrays of them)?"""
    return (latin_length / 2 <= hangul_length) & (hangul_length <= latin_length * 2.5)


def _long_enough(hangul: str) -> bool:
    """Does a Hangul sound string hold enough to spell a name: two consonants or three vowels ("약" does not)?"""
    return sum(ch not in _VOWELS for ch in hangul) >= 2 or sum(ch in "aeiou" for ch in hangul) >= 3


class SpellingIndex:
    """Many Hangul sound strings, searched at once for those that spell a Latin one: `sounds_close` for each,
    with the edit distance computed for all of them together (numpy), so a corpus's nouns are searched in a few
    milliseconds."""

    def __init__(self, spellings: list[str]):
        import numpy as np

        self.spellings = list(spellings)
        self._lengths = np.array([len(h) for h in self.spellings], dtype=int)
        width = int(self._lengths.max(initial=0))
        self._codes = np.zeros((len(self.spellings), width), dtype=np.uint8)
        for i, h in enumerate(self.spellings):
            self._codes[i, :len(h)] = [ord(ch) for ch in h]
        alphabet = [chr(c) for c in range(128)]
        self._substitution = np.array([[_substitution(a, b) for b in alphabet] for a in alphabet])
        self._gaps = np.array([_gap(ch) for ch in alphabet])
        self._hangul_gaps = self._gaps[self._codes]
        self._first_row = np.concatenate([np.zeros((len(self.spellings), 1)), np.cumsum(self._hangul_gaps, axis=1)],
                                         axis=1)  # the cost of each prefix of each Hangul string against nothing
        self._long_enough = np.array([_long_enough(h) for h in self.spellings], dtype=bool)

    def spelling(self, latin: str) -> list[tuple[str, float]]:
        """The indexed sound strings that spell `latin` (a `latin_sounds` string), as `sounds_close` judges,
        closest first, each with its distance."""
        import numpy as np

        if not latin or not self.spellings or any(ord(ch) >= 128 for ch in latin):
            return []
        previous = self._first_row
        for a in latin:
            gap = self._gaps[ord(a)]
            best = np.minimum(previous[:, :-1] + self._substitution[ord(a)][self._codes], previous[:, 1:] + gap)
            row = np.empty_like(previous)
            row[:, 0] = previous[:, 0] + gap
            for j in range(1, row.shape[1]):
                row[:, j] = np.minimum(best[:, j - 1], row[:, j - 1] + self._hangul_gaps[:, j - 1])
            previous = row
        distance = previous[np.arange(len(self.spellings)), self._lengths] / len(latin)
        fits = _lengths_fit(len(latin), self._lengths) & self._long_enough
        found = np.flatnonzero(fits & (distance <= MAX_DISTANCE))
        return sorted(((self.spellings[i], float(distance[i])) for i in found), key=lambda pair: pair[1])


@lru_cache(maxsize=4096)
def _hangul_words(text: str) -> frozenset:
    """The sound strings of the Hangul words of `text`, each also without a particle or suffix after it."""
    out = set()
    for word in re.findall(r"[가-힣]+", text):
        out.add(hangul_sounds(word))
        bare = NAME_SUFFIXES.sub("", word)
        if bare and bare != word:
            out.add(hangul_sounds(bare))
    return frozenset(out)
