"""Does a text mention the things a question names? A name is found as written (spacing and hyphens aside),
by the sound of a Hangul word ("Benton" 벤턴; rag/loanwords.py), by a surname and a title ("Park" 박 장관), by
its last word alone ("Clara Benton" 벤턴) or written a little otherwise in Hangul; a term also through the
index's aliases. Names invented. (Countries are no names: rag/countries.py finds them.)"""

from __future__ import annotations

import re
from functools import lru_cache

from ..loanwords import spelled_in_hangul, syllable_letters
from ..answer_types import KOREAN_TITLES
from ..question import Question


def _squash(text: str) -> str:
    return re.sub(r"[\s\-·]+", "", text.lower())


def entity_found(entity: str, text: str) -> bool:
    """Is a named thing in `text`: whole (spacing and hyphens aside), or every part of two or more letters,
    a Latin part also by the sound of a Hangul word ("Haruto" → 하루토, by a general romanisation)?

    >>> entity_found("B Lab Hub", "B-LabHub는"), entity_found("B-LabHub", "B-바이오허브")
    (True, False)
    >>> entity_found("Osaka", "오사카 B-Lab은"), entity_found("Hanbit", "한빛이 조성한")
    (True, True)
    """
    haystack = _squash(text)
    if _squash(entity) in haystack or _written_as_loanword(entity, text) \
            or (re.search(r"[\s\-]", entity.strip()) and spelled_in_hangul(entity, text)):  # "New York" 뉴욕
        return True
    parts = [p for p in re.split(r"[\s\-]+", entity.lower()) if len(p) >= 2]
    return bool(parts) and _parts_found(tuple(parts), text, haystack)


def _parts_found(parts: tuple[str, ...], text: str, haystack: str) -> bool:
    """Is every part found, alone or written solid in Hangul with the parts after it ("Ken Lo Tribune" →
    켄로 트리뷴, invented: "ken" and "lo" alone are too short to be found by sound)?"""
    if not parts:
        return True
    first = parts[0]
    if (first in haystack or any(_sounds_in(v, text) or _written_as_loanword(v, text) or spelled_in_hangul(v, text)
                                 for v in _singular_too(first))) and _parts_found(parts[1:], text, haystack):
        return True
    return any(("".join(parts[:k]) in haystack or spelled_in_hangul(" ".join(parts[:k]), text))
               and _parts_found(parts[k:], text, haystack) for k in range(2, len(parts) + 1))


def _singular_too(part: str) -> tuple[str, ...]:
    """A Latin name part, and without its plural s: Korean often writes the singular ("Hanbit Airlines" →
    한빛 에어라인; invented)."""
    return (part, part[:-1]) if len(part) >= 5 and part.endswith("s") and not part.endswith("ss") else (part,)


MIN_SKELETON = 4  # consonant skeletons shorter than this meet unrelated words


def _skeleton(word: str) -> str:
    """The consonants of a word's sound key: what survives when Korean writes a Latin name in Hangul
    and inserts its own vowels ("Greenhub" and romanised 그린허브 are both "grnb")."""
    from ..aliases import sound_key

    return re.sub(r"[aeiou]", "", sound_key(word))


def _written_as_loanword(name: str, text: str) -> bool:
    """Is a Latin name (or name part) written in `text` in Hangul, by the consonants of its sound
    ("Greenhub" ↔ "그린허브", invented)? Only skeletons of four or more consonants count.

    >>> _written_as_loanword("Greenhub", "부산 그린허브에서"), _written_as_loanword("Greenhub", "부산 그린센터에서")
    (True, False)
    >>> _written_as_loanword("Kamgen", "김경훈 씨는")  # not the start of a longer word
    False
    """
    if not re.search(r"[a-z]", name.lower()) or re.search(r"[가-힣]", name):
        return False
    key = _skeleton(name)
    return len(key) >= MIN_SKELETON and key in _word_skeletons(text)


@lru_cache(maxsize=4096)
def _word_skeletons(text: str) -> frozenset:
    """Skeletons of every word of `text` (Hangul romanised), whole or less the particles after it: "그린허브에서"
    gives 그린허브's, but "김경훈" not 김경's (invented)."""
    from ..aliases import romanise
    from ..loanwords import NAME_SUFFIXES

    out = set()
    for word in re.findall(r"[0-9A-Za-z가-힣\-]+", text):
        if re.search(r"[가-힣]", word):
            out.update(_skeleton(romanise(word[:end])) for end in range(2, len(word) + 1)
                       if end == len(word) or NAME_SUFFIXES.fullmatch(word[end:]))
    return frozenset(out)


def _sounds_in(part: str, text: str) -> bool:
    """Does a Latin word sound like the start of a Hangul word of `text` (its particles aside)?"""
    if not re.fullmatch(r"[a-z]{3,}", part):
        return False
    from ..aliases import sound_key

    key = sound_key(part)
    keys, clipped = _sound_keys(text)
    return key in keys or (len(key) >= 5 and (key[1:] in keys or key in clipped))


@lru_cache(maxsize=4096)
def _sound_keys(text: str) -> tuple[frozenset, frozenset]:
    """Sound keys of every start of every Hangul word in `text`, and the same keys without their first
    sound (keys of five or more), computed once per text."""
    from ..aliases import romanise, sound_key

    keys = {sound_key(romanise(run[:end])) for run in re.findall(r"[가-힣]+", text) for end in range(2, len(run) + 1)}
    return frozenset(keys), frozenset(k[1:] for k in keys if len(k) >= 6)


def words_of(text: str, morphemes_of_text=None) -> set[str]:
    """The words a `Matcher` looks for terms among: the text's content morphemes (those the index stored,
    when given, else Kiwi's) and its lower-cased Latin words."""
    if morphemes_of_text is None:
        from ..sentences import morphemes

        morphemes_of_text = morphemes(text)
    return set(morphemes_of_text) | set(re.findall(r"[a-z0-9]+", text.lower()))


class Matcher:
    """Finds the question's terms and names in a set of words, directly or through the index's aliases
    ("hanbit" → 한빛, "blab" → b, lab; names invented), so an English question meets a Korean sentence."""

    def __init__(self, question: Question, aliases=None):
        from ..sentences import morphemes

        self.name_terms = {n: [t for t in morphemes(n) if len(t) > 1 or t.isdigit()] or [n.lower()]
                           for n in question.names}
        own = [t for terms in self.name_terms.values() for t in terms]
        wanted = list(dict.fromkeys(list(question.terms) + own))
        self.expand = aliases.expand(wanted) if aliases is not None and wanted else {}

    def term(self, term: str, words: set[str]) -> bool:
        return term in words or any(e in words for e in self.expand.get(term, ()))

    def name(self, name: str, text: str, words: set[str]) -> bool:
        return all(self.term(t, words) for t in self.name_terms[name]) or name_found(name, text)


def name_found(name: str, text: str) -> bool:
    """Is the name in `text` in any of the ways news writes it again, the index's aliases aside: whole or by
    sound, by surname and title, by its last word, or a Hangul name written a little otherwise?"""
    return entity_found(name, text) or _surname_and_title(name, text) or _last_name_found(name, text) \
        or hangul_name_variant(name, text)


def hangul_name_variant(name: str, text: str) -> bool:
    """A Hangul name written another way: by one of its words of two or more syllables, as news names a
    person again by one name and a body by its short name, or transliterated one letter apart, spacing
    aside (invented names).

    >>> hangul_name_variant("마리오 벨로티", "벨로티는 이날"), hangul_name_variant("스톡홀름", "스톡홀롬에서")
    (True, True)
    >>> hangul_name_variant("파이낸셜타임스", "파이낸셜 타임즈는"), hangul_name_variant("스톡홀름", "스톡옵션을")
    (True, False)
    """
    if not re.fullmatch(r"[가-힣]+(?: [가-힣]+)*", name):
        return False
    parts = name.split()
    if len(parts) > 1 and any(re.search(rf"(?<![가-힣]){re.escape(p)}", text) for p in parts if len(p) >= 2):
        return True
    whole = name.replace(" ", "")
    if len(whole) < 3:
        return False  # two syllables one letter apart are another word as often as not
    wanted = _jamo(whole)
    syllables, starts = [], []  # the text without spaces, and where each Hangul word starts in it
    for i, ch in enumerate(text):
        if "가" <= ch <= "힣" and not (i and "가" <= text[i - 1] <= "힣"):
            starts.append(len(syllables))
        if not ch.isspace():
            syllables.append(ch)
    return any(_within_one_edit(_jamo("".join(syllables[i:i + len(whole)])), wanted) for i in starts)


def _jamo(hangul: str) -> tuple[int, ...]:
    """Hangul syllables as their letters (initial, vowel and final, each numbered apart)."""
    letters: list[int] = []
    for ch in hangul:
        parts = syllable_letters(ch)
        if parts is None:
            return ()
        initial, vowel, final = parts
        letters += [initial, 100 + vowel] + ([200 + final] if final else [])
    return tuple(letters)


def _within_one_edit(a: tuple, b: tuple) -> bool:
    """Are two sequences equal but for one substitution, insertion or deletion?"""
    if not a or not b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((i for i, (x, y) in enumerate(zip(short, long)) if x != y), len(short))
    return short[i:] == long[i + 1:]


def _last_name_found(name: str, text: str) -> bool:
    """A Latin name of two or more words named again by its last word, as news writing does after the
    first mention (invented): that word of four or more letters is found.

    >>> _last_name_found("Clara Benton", "벤턴은 이날 말했다"), _last_name_found("Clara Benton", "클라라는")
    (True, False)

    A place's or a body's name is not a person's: its last word alone names something else.

    >>> _last_name_found("North Dakota", "다코타 출신"), _last_name_found("Hanbit City", "시티은행")
    (False, False)
    >>> _last_name_found("Norvia Union", "유니언 광장")
    False
    """
    parts = name.split()
    if len(parts) < 2 or _PLACE_FIRST_WORD.fullmatch(parts[0]) or _COMMON_LAST_WORD.fullmatch(parts[-1]):
        return False
    return all(re.fullmatch(r"[A-Za-z.\-']+", p) for p in parts) and len(parts[-1]) >= 4 \
        and entity_found(parts[-1], text)


# How English place names open and how names of places and bodies end (general English, no article's)
_PLACE_FIRST_WORD = re.compile(r"(?:north|south|east|west|northern|southern|eastern|western|central|new|old|"
                               r"upper|lower|great|greater|british|saint|st\.?|san|santa|los|las|el|port|mount|"
                               r"mt\.?|lake|cape|fort|gulf|bay|isle)", re.I)
_COMMON_LAST_WORD = re.compile(r"(?:city|park|center|centre|hall|island|islands|river|street|square|university|"
                               r"college|school|hospital|airport|station|bank|group|company|institute|hub|lab|labs|"
                               r"tower|bridge|valley|county|province|state|republic|kingdom|sea|ocean|bay|"
                               r"mountains?|hills?|union|council|committee|association|organi[sz]ation|agency|party|"
                               r"league|alliance|forum|summit|conference|games|cup|festival|foundation|federation|"
                               r"corporation|times|post|news|herald|tribune|journal|daily|airlines?|airways|museum|"
                               r"library|church|cathedral|temple|palace|stadium|court|ministry|department|office)", re.I)


def _surname_and_title(name: str, text: str) -> bool:
    """A Korean person named again by surname and title, as news writing does: "박지훈" → "박 차관" (an invented
    name); in an English question by the surname alone, as English writes it ("Minister Park" → "박 장관").

    >>> _surname_and_title("박지훈", "박 차관은"), _surname_and_title("Park", "박 장관은"), _surname_and_title("Park", "박물관")
    (True, True, False)
    >>> _surname_and_title("Park", "박지훈 장관은")
    True
    """
    if re.fullmatch(r"[가-힣]{2,4}", name):
        return re.search(rf"(?<![가-힣]){re.escape(name[0])}\s?(?:제\d+)?(?:{KOREAN_TITLES})", text) is not None
    surnames = "|".join(sorted(_KOREAN_SURNAMES.get(name.strip().lower(), ())))
    return bool(surnames) and re.search(rf"(?<![가-힣])(?:{surnames})(?:[가-힣]{{2}}\s)?\s?(?:제\d+)?(?:{KOREAN_TITLES})",
                                        text) is not None


# Korean surnames as English writes them, by custom rather than by one romanisation ("Lee" 이, "Park" 박,
# "Roh" 노): the commonest surnames of Korea, a closed set of the language like its titles.
_SURNAME_SPELLINGS = {
    "김": "kim gim", "이": "lee yi rhee ri rhie", "박": "park pak bak", "최": "choi choe",
    "정": "jung chung jeong cheong", "강": "kang gang", "조": "cho jo joh", "윤": "yoon yun", "장": "jang chang",
    "임": "lim im yim", "한": "han", "오": "oh", "서": "seo suh", "신": "shin sin", "권": "kwon gwon", "황": "hwang",
    "안": "ahn an", "송": "song", "류": "ryu yoo yu", "유": "yoo yu", "전": "jeon chun jun", "홍": "hong",
    "고": "ko go koh", "문": "moon mun", "양": "yang", "손": "son sohn", "배": "bae", "백": "baek paik baik",
    "허": "heo hur huh", "남": "nam", "노": "noh roh no ro", "하": "ha", "곽": "kwak", "성": "sung seong",
    "차": "cha", "주": "joo ju chu", "우": "woo", "구": "koo ku gu", "민": "min", "나": "na ra", "진": "jin chin",
    "지": "ji chi", "엄": "um eom", "채": "chae", "원": "won", "천": "cheon", "방": "bang", "공": "kong gong",
    "현": "hyun", "함": "ham", "변": "byun byeon", "염": "yeom", "여": "yeo", "추": "choo chu", "도": "do doh",
    "석": "seok suk", "설": "seol sul", "마": "ma", "길": "gil kil", "연": "yeon", "표": "pyo", "명": "myung",
    "반": "ban", "왕": "wang", "탁": "tak", "국": "kook", "은": "eun", "황보": "hwangbo",
    "남궁": "namgoong namgung", "선우": "sunwoo", "제갈": "jegal"}
_KOREAN_SURNAMES = {spelling: frozenset(h for h, written in _SURNAME_SPELLINGS.items() if spelling in written.split())
                    for spelling in {sp for written in _SURNAME_SPELLINGS.values() for sp in written.split()}}
