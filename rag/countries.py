"""The Korean names news gives countries, for the English names a question uses: "Thailand" and "Thai" are
태국, "United States" 미국, "Britain" 영국. Korean news writes many countries by their sound (캐나다), which
rag/loanwords.py finds, but many by their own words, which no sound rule finds.

The names come from two general gazetteers, no article's: pycountry (ISO 3166 and its Korean translation) and
the Unicode CLDR through Babel, whose Korean names are the everyday ones (북한, 대만, 러시아 where ISO has
조선민주주의인민공화국, 타이완, 러시아 연방). An English name is a country's name, common name, official name
or CLDR name, a word only that country's official name has ("Britain", "America"), an adjective of one ("Thai",
"Japanese", "German") or one of the English adjectives and short names no rule derives ("French", "Dutch").
The Korean side is both translations and, for a formal name, its first word (이란 이슬람 공화국 → 이란),
with the few names Korean news uses that neither source gives (한국, 호주).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .loanwords import NAME_SUFFIXES

MIN_ADJECTIVE = 4  # shorter words ("Ira", "Per") begin too many country names by chance

# English adjectives and short names no rule derives from a country's name, by ISO code: general English.
# ("English" is left out: it names the language as often.)
_IRREGULAR_ENGLISH = {
    "GB": "british,england,uk", "FR": "french", "NL": "dutch,holland", "CH": "swiss", "PH": "filipino,philippine",
    "DK": "danish", "SE": "swedish", "FI": "finnish", "PL": "polish", "ES": "spanish", "GR": "greek", "IE": "irish",
    "TR": "turkish,turkey", "SA": "saudi", "PT": "portuguese", "CZ": "czech", "IS": "icelandic", "AR": "argentine",
    "NO": "norwegian", "BE": "belgian", "LB": "lebanese", "LA": "laotian", "MM": "burmese,burma",
    "KR": "korea,korean,south korean", "KP": "north korean", "ZA": "south african", "LK": "sri lankan"}
# Korean names news uses that neither gazetteer gives: the country's own everyday name, short and former names
_EVERYDAY_KOREAN = {"KR": ("한국", "남한"), "AU": ("호주",), "AF": ("아프간",), "TR": ("터키",), "SA": ("사우디",)}


@lru_cache(maxsize=1024)
def korean_names(english: str) -> tuple[str, ...]:
    """The Korean names of the country an English name or adjective stands for, or () when it is none.

    >>> korean_names("Thai"), korean_names("United States"), korean_names("Britain"), korean_names("Hanbit")
    (('태국',), ('미국',), ('영국',), ())

    A name in capitals is an ISO code: "U.S." and "USA" are 미국, but "Us" is no country.

    >>> korean_names("U.S."), korean_names("USA"), korean_names("Us")
    (('미국',), ('미국',), ())

    Korean news names some countries otherwise than ISO's translation, and English some irregularly.

    >>> korean_names("North Korea"), korean_names("Taiwan"), korean_names("Russia"), korean_names("French")
    (('조선민주주의인민공화국', '북한'), ('타이완', '대만'), ('러시아 연방', '러시아'), ('프랑스',))
    >>> korean_names("Afghans"), korean_names("Orleans"), korean_names("KOREANS.")
    (('아프가니스탄', '아프간'), (), ('대한민국', '한국', '남한'))
    """
    key = _key(english.replace("’s", "").replace("'s", ""))
    names, words, codes = _gazetteer()
    code = re.sub(r"[.\s]", "", english)
    if re.fullmatch(r"[A-Z]{2,3}", code):
        return codes.get(code, names.get(key, ()))
    if key in names:
        return names[key]
    if key in words:
        return words[key]
    if key.endswith("ans"):  # a people: "Koreans", "Afghans"
        return korean_names(key[:-1])
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
    from babel import Locale

    korean = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ko"])
    cldr_korean, cldr_english = Locale("ko").territories, Locale("en").territories
    names: dict[str, tuple[str, ...]] = {}
    codes: dict[str, tuple[str, ...]] = {}
    official_words: dict[str, set[tuple[str, ...]]] = {}  # a word of an official name → the countries' names
    short_words: set[str] = set()  # the words of names and common names ("American" names American Samoa)
    for country in pycountry.countries:
        translations = [t for t in (korean.gettext(country.name), cldr_korean.get(country.alpha_2, ""))
                        if re.search(r"[가-힣]", t)]
        if not translations:
            continue
        wholes = [re.split(r"[,(]", t)[0].strip() for t in translations]
        forms = tuple(dict.fromkeys(f for whole in wholes for f in (whole, _short_name(whole)) if f and len(f) >= 2))
        forms += _EVERYDAY_KOREAN.get(country.alpha_2, ())
        codes[country.alpha_2] = codes[country.alpha_3] = forms
        english = {field: getattr(country, field) for field in ("name", "common_name", "official_name")
                   if hasattr(country, field)}
        if country.alpha_2 in cldr_english:
            english["cldr_name"] = cldr_english[country.alpha_2]
        for field, name in english.items():
            key = _key(name)
            names[key] = forms
            if field == "official_name":
                for word in key.split():
                    official_words.setdefault(word, set()).add(forms)
            else:
                short_words.update(key.split())
        for name in _IRREGULAR_ENGLISH.get(country.alpha_2, "").split(","):
            if name:
                names[name] = forms
    words = {w: next(iter(owners)) for w, owners in official_words.items()
             if len(owners) == 1 and len(w) >= MIN_ADJECTIVE and w not in short_words}
    return names, words, codes


def is_country(name: str) -> bool:
    """Is a name, English or Korean, a country ("Thai", "태국"), or countries joined by a hyphen or "·"
    ("Thai-Cambodian", "한·일")?

    >>> is_country("Thai"), is_country("태국"), is_country("한·일"), is_country("Korea-Japan"), is_country("한빛")
    (True, True, True, True, False)
    """
    return bool(_korean_forms_of(name))


def _korean_forms_of(name: str) -> list[tuple[str, ...]]:
    """For each country a name stands for (it, or each of those a hyphen or "·" joins: "Thai-Cambodian",
    "한·일"), its Korean names; [] when it is no country."""
    latin = not re.search(r"[가-힣]", name)
    by_name, by_first_syllable = _korean_forms()
    whole = korean_names(name) if latin else by_name.get(name)
    if whole:
        return [whole]
    parts = re.split(r"[·\-]", name)
    if len(parts) < 2:
        return []
    countries = [korean_names(part) if latin else by_name.get(part) or by_first_syllable.get(part, ())
                 for part in parts]
    return countries if all(countries) else []


@lru_cache(maxsize=1)
def _korean_forms() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Each Korean name of a country → all its Korean names, and each first syllable of one (how "·" joins
    them: 한·일) → the names of the countries it begins."""
    by_name: dict[str, tuple[str, ...]] = {}
    by_first_syllable: dict[str, tuple[str, ...]] = {}
    for forms in _gazetteer()[2].values():
        for form in forms:
            by_name[form] = forms
            by_first_syllable[form[0]] = tuple(dict.fromkeys(by_first_syllable.get(form[0], ()) + forms))
    return by_name, by_first_syllable


def _named_as(korean: str, words: list[str], text: str) -> bool:
    """Is a Korean name of a country in `text` (its Hangul `words`) as a word, before a particle, or abbreviated
    (`_abbreviated_in`)?"""
    return any(word.startswith(korean) and NAME_SUFFIXES.fullmatch(word[len(korean):]) for word in words) \
        or _abbreviated_in(korean, text)


# The words of a state's formal Korean name after its own name ("러시아 연방", "이란 이슬람 공화국")
_STATE_WORDS = {"공화국", "연방", "연합국", "왕국", "시국", "시티", "지구", "인민", "민주", "민주주의", "이슬람", "아랍",
                "다국가", "볼리바르", "다루살람"}


def _short_name(korean: str) -> str | None:
    """The country's own name in a formal Korean name, its first word when only state words follow ("러시아 연방"
    → 러시아); None for "중앙 아프리카 공화국" or "크리스마스 섬", whose first word alone names no country."""
    first, *rest = korean.split()
    return first if rest and all(word in _STATE_WORDS for word in rest) else None


def _key(name: str) -> str:
    """A name in lower-case ASCII letters and spaces ("Türkiye" → "turkiye")."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z ]", "", folded.lower()).strip()


def named_in(name: str, text: str) -> bool:
    """Does `text` name the country an English or Korean name stands for, by any Korean name of it ("타이완" and
    "대만" are one country) as a word or before a particle ("태국은", not "인도적" for India)? Countries joined by
    a hyphen or "·" are named when each is.

    >>> named_in("Thai", "태국 법원의 판결은"), named_in("India", "인도적 지원을"), named_in("Hanbit", "한빛은")
    (True, False, False)
    >>> named_in("Thai", "“태국은 (말레이시아, 태국)"), named_in("USA", "미국산 쇠고기"), named_in("대만", "타이완 당국은")
    (True, False, True)
    >>> named_in("Thai-Cambodian", "태국과 캄보디아는"), named_in("Thai-Cambodian", "태국은"), named_in("한·일", "한국과 일본은")
    (True, False, True)
    """
    countries = _korean_forms_of(name)
    words = re.findall(r"[가-힣]+", text)
    return bool(countries) and all(any(_named_as(form, words, text) for form in forms) for forms in countries)


def _abbreviated_in(korean: str, text: str) -> bool:
    """Is a country written as the first syllable of its Korean name, as news writes "한·일 정상" and, for a
    name of a syllable and 국, "미 국무부"? Only where Kiwi reads the syllable as a proper noun: "회의 중" is
    "during", "노·사" labour and management.

    >>> _abbreviated_in("미국", "미 국무부 대변인은"), _abbreviated_in("일본", "한·일 정상"), _abbreviated_in("중국", "회의 중")
    (True, True, False)
    >>> _abbreviated_in("일본", "일 외무상은"), _abbreviated_in("노르웨이", "노·사 합의")
    (False, False)
    """
    first = korean[0]
    alone = re.fullmatch(r"[가-힣]국", korean) is not None
    spots = [(m.start(), m.end()) for m in re.finditer(rf"(?<![가-힣])(?:[가-힣]·)*{first}(?:·[가-힣])*(?![가-힣])", text)
             if alone or "·" in m.group()]
    if not spots:
        return False
    from .sentences import kiwi

    return any(token.tag == "NNP" and first in token.form.split("·") and any(a <= token.start < b for a, b in spots)
               for token in kiwi().tokenize(text))
