"""The Korean names news gives countries, for the English names a question uses: "Thailand" and "Thai" are
태국, "United States" 미국, "Britain" 영국. Korean news writes many countries by their sound (캐나다), which
rag/loanwords.py finds, but many by their own words, which no sound rule finds.

The names come from pycountry (ISO 3166 and its Korean translation): a general gazetteer, no article's. An
English name is a country's name, common name or official name, a word only that country's official name
has ("Britain", "America"), or an adjective of one ("Thai", "Japanese", "German"). The Korean side is the
translation and, for one of several words, its first word (러시아 연방 → 러시아).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .loanwords import NAME_SUFFIXES

MIN_ADJECTIVE = 4  # shorter words ("Ira", "Per") begin too many country names by chance


@lru_cache(maxsize=1024)
def korean_names(english: str) -> tuple[str, ...]:
    """The Korean names of the country an English name or adjective stands for, or () when it is none.

    >>> korean_names("Thai"), korean_names("United States"), korean_names("Britain"), korean_names("Hanbit")
    (('태국',), ('미국',), ('영국',), ())

    A name in capitals is an ISO code: "U.S." and "USA" are 미국, but "Us" is no country.

    >>> korean_names("U.S."), korean_names("USA"), korean_names("Us")
    (('미국',), ('미국',), ())
    """
    key = _key(english.replace("’s", "").replace("'s", ""))
    names, words, codes = _gazetteer()
    code = re.sub(r"[.\s]", "", english)
    if re.fullmatch(r"[A-Z]{2,3}", code):
        return codes.get(code, ())
    if key in names:
        return names[key]
    if key in words:
        return words[key]
    if len(key) < MIN_ADJECTIVE or " " in key:
        return ()
    found = {k for k in (*names, *words) if " " not in k and len(k) >= MIN_ADJECTIVE and _adjective_of(key, k)}
    korean = {name for k in found for name in (names[k] if k in names else words[k])}
    return tuple(sorted(korean)) if len(found) == 1 and korean else ()


_DEMONYM_ENDING = re.compile(r"(?:n|an|ian|ean|ese|i|ic)?")


def _adjective_of(word: str, country: str) -> bool:
    """Is a word (lower case) an adjective of a country's name: the name less "-land" or "-istan" ("thai",
    "afghan"), or the name without a final vowel and with a demonym ending ("american", "chinese", "iraqi")?
    A bare stem must be five letters or more, so "chin" is not China.

    >>> _adjective_of("thai", "thailand"), _adjective_of("chinese", "china"), _adjective_of("german", "germany")
    (True, True, True)
    >>> _adjective_of("chin", "china"), _adjective_of("chan", "chad"), _adjective_of("perry", "peru")
    (False, False, False)
    >>> _adjective_of("guardian", "guam"), _adjective_of("roman", "romania")
    (False, False)
    """
    if country.startswith(word) and country[len(word):] in ("land", "stan", "istan"):
        return True
    stem = re.sub(r"[aeiouy]$", "", country)
    rest = word[len(stem):]
    return word.startswith(stem) and bool(_DEMONYM_ENDING.fullmatch(rest)) and (bool(rest) or len(word) >= 5)


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """English country name → Korean names, a word only one country's official name has → its names, and an
    ISO code ("US", "USA") → its names."""
    import gettext

    import pycountry

    korean = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ko"])
    names: dict[str, tuple[str, ...]] = {}
    codes: dict[str, tuple[str, ...]] = {}
    official_words: dict[str, set[tuple[str, ...]]] = {}  # a word of an official name → the countries' names
    short_words: set[str] = set()  # the words of names and common names ("American" names American Samoa)
    for country in pycountry.countries:
        translated = korean.gettext(country.name)
        if translated == country.name:
            continue
        whole = re.split(r"[,(]", translated)[0].strip()
        forms = tuple(dict.fromkeys(f for f in (whole, whole.split()[0]) if len(f) >= 2))
        codes[country.alpha_2] = codes[country.alpha_3] = forms
        for field in ("name", "common_name", "official_name"):
            if hasattr(country, field):
                key = _key(getattr(country, field))
                names[key] = forms
                if field == "official_name":
                    for word in key.split():
                        official_words.setdefault(word, set()).add(forms)
                else:
                    short_words.update(key.split())
    words = {w: next(iter(owners)) for w, owners in official_words.items()
             if len(owners) == 1 and len(w) >= MIN_ADJECTIVE and w not in short_words}
    return names, words, codes


def _key(name: str) -> str:
    """A name in lower-case ASCII letters and spaces ("Türkiye" → "turkiye")."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z ]", "", folded.lower()).strip()


def named_in(english: str, text: str) -> bool:
    """Does `text` name the country an English name stands for, by a Korean name of it as a word or before a
    particle ("태국은", not "인도적" for India)?

    >>> named_in("Thai", "태국 법원의 판결은"), named_in("India", "인도적 지원을"), named_in("Hanbit", "한빛은")
    (True, False, False)
    >>> named_in("Thai", "“태국은 (말레이시아, 태국)"), named_in("USA", "미국산 쇠고기")
    (True, False)
    """
    names = korean_names(english)
    return bool(names) and any(word.startswith(name) and NAME_SUFFIXES.fullmatch(word[len(name):])
                               for word in re.findall(r"[가-힣]+", text) for name in names)
