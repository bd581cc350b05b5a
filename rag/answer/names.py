"""Spans of names in a sentence: people beside their titles, bodies, places, and the names a sentence gives,
each a run of whole words (rag/answer/words.py), as rag/answer/spans.py asks for them by answer type. Korean
news glues brackets to names ("세레나 윌리엄스(미국)와") and writes bylines ("[한빛일보=박지훈 기자]"; invented), so
names are read past both."""

from __future__ import annotations

import re

from ..countries import is_country
from ..loanwords import spelled_in_hangul, syllable_letters
from ..question import TITLES, Question
from .values import DATE_WORD
from .words import Span, Word, all_tagged, core_tokens, is_bare, run_end, span_of, word_core, words

_HANGUL = re.compile(r"[가-힣]")

_NOUN = ("NN", "SL", "SH", "SN", "XR", "XPN", "XSN")
_PROPER = ("NNP", "SL", "SH")
_LOCATIVE = {"에", "에서", "의", "로", "으로"}
# Nouns of where that follow a place's name ("한빛역 인근에서", "밀라노 출신"): general words, no article's.
_WHEREABOUTS = re.compile(r"인근|근처|근방|부근|일대|주변|일원|앞|옆|뒤|안|내|밖|외곽|앞바다|해상|상공|출신")
# Buildings and sites news names with their kind word ("한빛 호텔", "누리병원"): general words, no article's.
FACILITIES = "공항|기지|병원|호텔|경기장|대사관|영사관|박물관|미술관|도서관|교도소|발전소|공장|역|터미널"
# Common nouns for a part of a named place ("…강 둔치", "…주 북부", "…섬 해안") or a site in it: general words.
_PLACE_PART = re.compile(r"(?:북|남|동|서|중|북동|북서|남동|남서)부|강|하구|둔치|강변|호수|호숫가|섬|반도|해안|연안|해변|"
                         r"주|도|시|군|구|읍|면|리|동|지역|지방|도심|시내|교외|마을|광장|거리|항|항구|산|계곡|사막|해협|국경|"
                         + FACILITIES)

_BODY_NAME = re.compile(r"(?:통신|신문|일보|방송|은행|그룹|전자|증권|대학교?|협회|연구소|연구원|재단|위원회|공사|공단|정부|법원|"
                        r"경찰청?|검찰청?|의회|기구|연합|협의회|센터)$")
_BODY_ENDING = re.compile(r"(?:부|청|처|실|원|당|회|국|지법|고법|지검|고검|경찰|검찰|경찰서|소방서|당국)$")  # 국방부, 경찰청,
# 비서실, 연구원, 의회, 중앙지법, 경찰 …


def _office(sentence: str, w: Word) -> bool:
    """A common noun for a body or an office, not a person: one that starts with a title ("대통령실",
    "장관실") or ends as the names of bodies do ("국방부", "경찰청", "비서실")."""
    if not all_tagged(w, ("NNG",)):
        return False
    core = word_core(sentence, w).lower()
    return (len(core) >= 2 and bool(_BODY_ENDING.search(core))) or any(
        core.startswith(t) for t in TITLES if len(t) > 1 and len(core) > len(t))


# What a place's name ends in (한빛시, 누리군, 미국) and what an occupation ends in (소설가, 과학자, 외교관):
# general Korean word formation, no article's.
_PLACE_ENDING = re.compile(r"[가-힣]+(?:시|군|구|도|주|국|성|현)$")
_COUNTRY_SHORT = re.compile(r"[미중일영독불러북호美中日英獨佛北]")  # one-syllable countries: "미 국무부", "中 외교부"
_OCCUPATION_ENDING = re.compile(r"[가-힣]+(?:가|자|사|인|관|원)$")
# Words of a person's standing written before the name ("무소속 박민재 후보", "신임 김철수 장관"; invented names)
_STANDING_WORDS = frozenset("무소속 신임 전임 후임 초대 차기 현직 전직 현 전".split())


def _affiliation(sentence: str, w: Word) -> bool:
    """A word beside a person's name that is no part of it: a place written with its administrative noun
    ("한빛시", read as 한빛 + 시), a country ("미국", "미"), or an occupation, a common noun ("소설가")."""
    core = word_core(sentence, w)
    tags = [t[1] for t in core_tokens(w)]
    if not is_bare(w) or not tags:
        return False
    if _PLACE_ENDING.fullmatch(core) and (tags[-1] == "NNG" or tags == ["NNP"]) and tags[0] == "NNP":
        return True
    if _COUNTRY_SHORT.fullmatch(core) or core in _STANDING_WORDS:
        return True
    return tags == ["NNG"] and _OCCUPATION_ENDING.fullmatch(core) is not None


# The commonest Korean surnames (general Korean, as TITLES are): a Korean name is one word of a surname and a
# given name of two syllables ("김철수"), or of a two-syllable surname and two more ("남궁민수"; invented names).
_SURNAMES = frozenset("김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 손 배 백 허 남 심 노 하 곽 성 "
                      "차 주 우 구 민 진 나 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 마 길 연 위 표 명 기 반 "
                      "라 왕 금 옥 육 인 맹 제 모 탁 국 어 은 편 용 예 경 봉 태 목 형 계 피 두 감 음 빈 동 온 호 범 좌 "
                      "팽 승 간 상".split())
_DOUBLE_SURNAMES = ("남궁", "제갈", "선우", "황보", "독고", "사공", "서문")
_ORGANISATION_ENDING = re.compile(r"(?:제약|바이오|건설|자동차|화학|중공업|물산|상사|항공|해운|카드|생명|보험|화재|금융|"
                                  r"투자|산업|유통|백화점|병원|학회|노조|당|대)$")  # 한빛제약, 누리당, 한빛대 (invented)


def _loanword_syllable(syllable: str) -> bool:
    """A syllable Korean names are not made of but loanwords are: a bare ㅡ vowel ("크", "스", "트") or a
    first ㅋ, ㄲ, ㄸ, ㅃ or ㅉ ("코", "카"), as in 이라크 or 모로코."""
    initial, vowel, final = syllable_letters(syllable)
    return (vowel == 18 and final == 0) or initial in (1, 4, 8, 13, 15)


def _korean_name_shaped(sentence: str, w: Word) -> bool:
    """Is the word shaped like a Korean person's name: a surname and a given name, one proper noun of three
    Hangul syllables (four with a two-syllable surname), none of them a loanword's ("김철수", not "이라크")?"""
    core = word_core(sentence, w)
    if not is_bare(w) or not re.fullmatch(r"[가-힣]{3,4}", core) or not (all_tagged(w, ("NNP",)) or _misread(w)) \
            or any(_loanword_syllable(c) for c in core):
        return False
    return core[:2] in _DOUBLE_SURNAMES if len(core) == 4 else core[0] in _SURNAMES


def _misread(w: Word) -> bool:
    """A word Kiwi reads as Hangul numerals and nouns, as it does some Korean names ("오칠민": 오 + 칠 + 민;
    invented)."""
    tokens = core_tokens(w)
    tags = {t[1] for t in tokens}
    return "NR" in tags and tags <= {"NR", "NNG", "NNP"} and len(tags) > 1 \
        and all(len(t[0]) == 1 for t in tokens if t[1] == "NR")  # a number is one numeral: "오백원" (오백 + 원)


def _organisation_named(sentence: str, w: Word) -> bool:
    """A proper noun that names a body by how it ends ("한빛은행", "누리당", "한빛대"; invented)."""
    core = word_core(sentence, w)
    tokens = core_tokens(w)
    return bool(tokens) and tokens[0][1] == "NNP" and all_tagged(w, ("NNP", "NNG", "XPN", "XSN")) and any(
        len(core) > len(m.group()) for m in (_BODY_NAME.search(core), _ORGANISATION_ENDING.search(core)) if m)


def _name_among(sentence: str, ws, k: int, end: int) -> tuple[int, int]:
    """The person's name among the words k..end before a title (or from the word before them, where Kiwi
    reads one proper noun across the space), less a body's proper name beside it ("박영호 한빛은행 총재" →
    박영호, "한빛제약 김지원 대표" → 김지원; invented)."""
    joined = [(n, m) for n in range(max(0, k - 1), k + 1) for m in range(n + 1, end)
              if any(t[1] == "NNP" and t[2] <= ws[n].core_start and t[3] >= ws[m].core_end for t in ws[n].tokens)]
    if joined:  # Kiwi reads a foreign name across its space as one proper noun: the body follows it
        return joined[0][0], max(m for n, m in joined if n == joined[0][0]) + 1
    if end - k < 2:
        return k, end
    if _organisation_named(sentence, ws[end - 1]):
        return k, end - 1
    if _organisation_named(sentence, ws[k]):
        return k + 1, end
    return k, end


def _title(sentence: str, w: Word) -> bool:
    """A title word: "차관", "제1차관", and compounds ending in a title ("상원의원", "부대변인")."""
    core = re.sub(r"^제\d+", "", word_core(sentence, w).lower())
    if core in TITLES:
        return True
    tags = [t[1] for t in core_tokens(w)]  # Kiwi reads a place's title as one proper noun too: "한빛시장" (invented)
    return (all_tagged(w, ("NNG",)) or tags == ["NNP"]) and any(
        core.endswith(t) for t in TITLES if len(t) > 1 and len(core) > len(t))


def _owner_before_body(sentence: str, ws, end: int) -> bool:
    """Is word end - 1, a proper noun right before a body ("한빛 항공국", "덴버 연방지법"), the body's place or
    owner rather than the last word of the name before it? It is when two or more proper-noun words still stand
    before it. "제임스 로건 항공국" keeps its two words as the name, and so does "오마르 사론 경찰", though its
    first word is shaped like a Korean name (invented names)."""
    def proper(k: int) -> bool:
        return k >= 0 and is_bare(ws[k]) and all_tagged(ws[k], _PROPER)

    if end < 2 or not proper(end - 1):
        return False
    before = 0
    while before < 3 and proper(end - 2 - before):
        before += 1
    return before >= 2


def _people(sentence: str, ws) -> list[Span]:
    """The name before or after a title word, without the title: up to three bare noun words before it
    ("박지훈 제1차관" → "박지훈", "존 하워드 대표와" → "존 하워드"), or up to three proper-noun words after
    it ("전 상원의원 박지훈을" → "박지훈"). Invented names; Kiwi often tags foreign names as common nouns,
    so the words before a title need not be proper nouns."""
    found = []
    for i, w in enumerate(ws):
        if not _title(sentence, w) or any(t[1] == "XSN" for t in w.tokens):  # "대표들" is not one person
            continue
        if [t[1] for t in w.trailing] == ["VCP", "ETM"]:
            continue  # "협상 대표인 존 펠턴 부대표": a title in apposition names the person after it, by a title
        if is_bare(w) and 0 < i < len(ws) - 1 and all_tagged(ws[i - 1], ("NNG",)) \
                and all_tagged(ws[i + 1], ("NNG",)) and not _title(sentence, ws[i + 1]):
            continue  # "해외 시장 진출", "국내 대표 기업": common nouns around a title word make a compound noun
        end = i
        while end > 1 and is_bare(ws[end - 1]) and _office(sentence, ws[end - 1]):
            end -= 1  # "마이클 존슨 미국 국무부 대변인": the name stands before the body it speaks for
        while end < i and end > 1 and is_bare(ws[end - 1]) and _affiliation(sentence, ws[end - 1]):
            end -= 1
        if end < i and _owner_before_body(sentence, ws, end):
            end -= 1  # "클레어 도노반 한빛 항공국 대변인": 한빛 is the body's, the name stands before it
        k = end
        while k > 0 and end - k < 3 and is_bare(ws[k - 1]) \
                and (all_tagged(ws[k - 1], _NOUN) or _korean_name_shaped(sentence, ws[k - 1])) \
                and not any(t[1] == "SN" for t in ws[k - 1].tokens) and not _title(sentence, ws[k - 1]) \
                and not DATE_WORD.fullmatch(word_core(sentence, ws[k - 1])) \
                and not _office(sentence, ws[k - 1]):  # "7일 3개 부처 장관", "대통령실 대변인": no name
            k -= 1
        while k < end - 1 and _affiliation(sentence, ws[k]):
            k += 1  # "한빛시 김철수 시장", "소설가 이영희 씨": the name without the place or occupation before it
        k, end = _name_among(sentence, ws, k, end)
        if end == i and end - k == 3 and all(all_tagged(ws[m], ("NNP",)) for m in range(k, end)):
            end -= 1  # "파블로 로사스 칠레 대통령" (invented): a name of two words and the country or body it serves
        if end < i and end - k < 2 and not (end - k == 1 and _korean_name_shaped(sentence, ws[k])):
            k = end  # past a body, only a Korean name or one of two or more words ("프랑스 외무부 대변인": nobody)
        if k < end and any(all_tagged(ws[m], ("NNP", "NNG", "SL", "SH")) or _korean_name_shaped(sentence, ws[m])
                           for m in range(k, end)):
            found.append(span_of(sentence, ws, k, end))
        elif is_bare(w):
            j = run_end(ws, i + 1, lambda x: all_tagged(x, _PROPER), 3)
            if j > i + 1:
                found.append(span_of(sentence, ws, i + 1, j))
    return found


def holds_office(sentence: str, span: Span, titles: tuple[str, ...]) -> bool:
    """Is the name `span` written as the holder of one of these titles: the title right after it, past up to
    two bare words for the body it serves ("박지훈 한빛시 시장은", "존 펠턴 노르비아 대표와"), or right before it,
    bare or in apposition ("대변인 박지훈은", "대변인인 박지훈이")? A name that owns the title ("한빛전자의
    대변인은") or is only near it holds none (invented names)."""
    unbracketed = re.sub(r"\([^()]*\)", lambda m: " " * len(m[0]), sentence)  # "항공국(…) 대변인": offsets kept
    ws = words(unbracketed)

    def titled(w: Word) -> bool:
        return any(word_core(unbracketed, w).lower().endswith(t) for t in titles)

    last = next((k for k, w in enumerate(ws) if w.core_start < span.end <= w.end), None)
    if last is not None and not unbracketed[span.end:ws[last].end].strip():  # nothing but a bracket: "박지훈(45) 대변인"
        for w in ws[last + 1:last + 4]:
            if titled(w):
                return True
            if not is_bare(w):
                break
    first = next((k for k, w in enumerate(ws) if w.start <= span.start < w.end), None)
    for before in reversed(ws[max(0, (first or 0) - 3):first or 0]):  # past a given name the span left out
        if titled(before):
            return is_bare(before) or [t[1] for t in before.trailing] == ["VCP", "ETM"]
        if not is_bare(before):
            break
    return False


# People named by their tie to another ("동생인 NAME", "아내인 NAME"): general Korean kinship and relationship nouns.
_KIN = re.compile(r"(?:아내|남편|부인|딸|아들|동생|형|누나|언니|오빠|아버지|어머니|부친|모친|친구|약혼자|약혼녀|조카|사촌|"
                  r"처남|사위|며느리|손자|손녀|쌍둥이|애인|연인|배우자)$")


def _kin_in_apposition(sentence: str, ws) -> list[Span]:
    """The name written after a kinship noun in apposition: "여동생인 마리엘과" → "마리엘" (invented), its
    first word opening with a proper noun (Kiwi reads many foreign names as a proper and a common noun)."""
    found = []
    for i, w in enumerate(ws[:-1]):
        if [t[1] for t in w.trailing] == ["VCP", "ETM"] and _KIN.search(word_core(sentence, w)) \
                and core_tokens(ws[i + 1])[:1] and core_tokens(ws[i + 1])[0][1] in _PROPER:
            j = run_end(ws, i + 1, lambda x: all_tagged(x, ("NNP", "NNG", "SL", "SH")), 3)  # "마리엘": 마리 + 엘
            if j > i + 1:
                found.append(span_of(sentence, ws, i + 1, j))
    return found


def _named_with_ssi(sentence: str, ws) -> list[Span]:
    """A name with 씨 written onto it, as news writes people it names in full or hides ("한빛씨는", "박모(35)씨를",
    "A씨가"; invented): the name without 씨 and the bracketed age."""
    found = []
    for w in ws:
        tokens = core_tokens(w)
        ssi = [n for n, t in enumerate(tokens) if t[:2] == ("씨", "NNB")]
        if not ssi or ssi[0] == 0 or tokens[0][1] not in ("NNP", "SL"):
            continue
        name = [t for t in tokens[:ssi[0]] if t[1] not in ("SSO", "SSC", "SN")]
        if all(t[1] in ("NNP", "SL") or t[:2] == ("모", "NP") for t in name) and (tokens[0][1] != "SL" or len(name) == 1):
            found.append(Span(sentence[name[0][2]:name[-1][3]], name[0][2], name[-1][3]))
    return found


_GLUED_BRACKET = re.compile(r"(?<=\S)\(([^()]{1,40})\)")  # "세레나 윌리엄스(미국)와", "하비 덴트(아론 에크하트)를"


def person_spans(sentence: str) -> list[Span]:
    """People's names: beside a title, or a subject or topic named by proper nouns only (a subject named
    with a common noun, "K-센터가", is no person's name), read as `as_names_read` gives them (a byline's
    reporter, names past a glued bracket); a bracket holding a name of two or more words gives that name too
    ("하비 덴트(아론 에크하트)를")."""
    plain, back = as_names_read(sentence)
    ws = words(plain)
    agents = [a for a in _agents(plain, ws) if _names_only(plain, ws, a) and _HANGUL.search(a.text)
              and not _BODY_NAME.search(a.text)]
    found = [back(s) for s in _people(plain, ws) + _named_with_ssi(plain, ws) + _kin_in_apposition(plain, ws) + agents]
    return sorted(set(found + _bracketed_names(sentence)), key=lambda s: (s.start, s.end))


_BYLINE = re.compile(r"\[[^\[\]=]{1,30}=|[\[\]]")  # "[한빛일보=박지훈 기자]": the outlet and brackets


def _without_outlet(sentence: str) -> str:
    """The sentence with a byline's outlet and brackets blanked (same length: offsets stay), so its reporter
    reads as a name before a title: "[한빛일보=박지훈 기자]" → "박지훈"."""
    return _BYLINE.sub(lambda m: " " * len(m.group()), sentence)


def _bracketed_names(sentence: str) -> list[Span]:
    """Names of two or more proper-noun words in a bracket glued to a word ("하비 덴트(아론 에크하트)")."""
    found = []
    for m in _GLUED_BRACKET.finditer(sentence):
        inner_words = words(m.group(1))
        if len(inner_words) >= 2 and all(is_bare(w) and all_tagged(w, _PROPER) for w in inner_words) \
                and _HANGUL.search(m.group(1)):
            found.append(Span(m.group(1), m.start(1), m.end(1)))
    return found


def as_names_read(sentence: str, outlet: bool = True):
    """The sentence as names are read in it: a byline's outlet blanked (`_without_outlet`; kept when `outlet`
    is false) and without the brackets news glues to a name ("세레나 윌리엄스(미국)와": a country, an age, an
    actor), so the name's words read as a run; and the map of a span in it back to the sentence, where a name
    ends at its bracket."""
    blanked = _without_outlet(sentence) if outlet else sentence
    gone = {i for m in _GLUED_BRACKET.finditer(blanked) for i in range(m.start(), m.end())}
    kept = [i for i in range(len(sentence)) if i not in gone]
    plain = "".join(blanked[i] for i in kept)

    def back(span: Span) -> Span:  # a name ends where its bracket opens: "박지훈(45) 한빛제약 대표" → "박지훈"
        start, end = kept[span.start], kept[span.end - 1] + 1
        end = min([m.start() for m in _GLUED_BRACKET.finditer(sentence, start) if m.start() < end], default=end)
        return Span(sentence[start:end], start, end)

    return plain, back


def _name_run_before(sentence: str, ws, i: int) -> int:
    """Start index of the run of proper-noun words that ends with word i (i + 1 when word i is no name)."""
    if not all_tagged(ws[i], _PROPER + ("NNG",)) or not any(t[1].startswith(_PROPER) for t in ws[i].tokens):
        return i + 1
    k = i
    while k > 0 and i - k < 3 and is_bare(ws[k - 1]) and all_tagged(ws[k - 1], _PROPER):
        k -= 1
    return k


def _agents(sentence: str, ws) -> list[Span]:
    """Proper-noun subjects and topics: "한빛제약이 조성한" → "한빛제약", "한빛 B-Lab은" → "한빛 B-Lab" (invented)."""
    found = []
    for i, w in enumerate(ws):
        if not w.trailing or w.trailing[0][1] not in ("JKS", "JX"):
            continue
        k = _name_run_before(sentence, ws, i)
        if k > i and _office(sentence, w):
            k = _name_run_before(sentence, ws, i - 1) if i > 0 and is_bare(ws[i - 1]) else i + 1  # "미국 국무부는"
        if k <= i:
            found.append(span_of(sentence, ws, k, i + 1))
    return found


def _names_only(sentence: str, ws, span: Span) -> bool:
    """Is every word of the span all proper nouns (Latin, Hangul names), no common noun among them?"""
    return all(all_tagged(w, _PROPER) for w in ws if span.start <= w.start < span.end)


def _proper_runs(sentence: str, ws) -> list[Span]:
    found, i = [], 0
    while i < len(ws):
        if all_tagged(ws[i], _PROPER):
            j = run_end(ws, i, lambda w: all_tagged(w, _PROPER))
            found.append(span_of(sentence, ws, i, j))
            i = j
        else:
            i += 1
    return found


def place_spans(sentence: str, ws) -> list[Span]:
    """Proper-noun runs followed by a place particle ("광주 북구에", "오사카의", "부산에서"), or by the
    copula that makes them the sentence's predicate ("도시는 … 오사카다"); the last word may be a name
    written with a common noun ("한빛센터에서"), and a noun of where may stand between the name and its
    particle ("한빛역 인근에서", "밀라노 출신이다"; invented)."""
    found = []
    for i, w in enumerate(ws):
        if not w.trailing or (w.trailing[0][0] not in _LOCATIVE and w.trailing[0][1] != "VCP"):
            continue
        if i > 0 and is_bare(ws[i - 1]) and _WHEREABOUTS.fullmatch(word_core(sentence, w)):
            i -= 1
        j = i  # a name's place parts before the particle ("한빛 강 하구에서", "누리 주 북부에"; invented)
        while j > 0 and i - j < 2 and is_bare(ws[j - 1]) and (_PLACE_PART.fullmatch(word_core(sentence, ws[j]))
                                                              or j < i and all_tagged(ws[j], ("NNG",))):
            j -= 1  # a common noun may stand before the part that takes the particle ("한빛 공군 기지에서")
        if j < i and (all_tagged(ws[j], _PROPER) or ws[j].tokens[0][1] in _PROPER):
            found.append(span_of(sentence, ws, _name_run_before(sentence, ws, j), i + 1))
            continue
        k = _name_run_before(sentence, ws, i)
        if k <= i and (all_tagged(ws[i], _PROPER) or ws[i].tokens[0][1] in _PROPER):
            found.append(span_of(sentence, ws, k, i + 1))
    return found


def listed_before_kind(sentence: str, ws, noun: str) -> list[Span]:
    """The names a sentence lists before "등" and the kind of thing asked ("한빛제약, 누리바이오 등 국내 제약사가"
    → "한빛제약, 누리바이오"; invented): each listed word bare or ending in a comma, all nouns."""
    found = []
    for i, w in enumerate(ws):
        if not word_core(sentence, w).endswith(noun):
            continue
        at = next((j for j in range(i - 1, max(i - 3, 0) - 1, -1)
                   if word_core(sentence, ws[j]) == "등" and is_bare(ws[j])), None)
        if at is None or at == 0:
            continue
        k = at
        while k > 0 and all_tagged(ws[k - 1], _NOUN) and (is_bare(ws[k - 1]) or sentence[ws[k - 1].end - 1] == ","):
            k -= 1
        if k < at:
            found.append(span_of(sentence, ws, k, at))
    return found


def named_kind(sentence: str, ws, noun: str) -> list[Span]:
    """Names of the kind of thing a question asks ("어느 섬" → 섬): a proper noun written with the common noun,
    glued or after it ("한빛섬에서", "한빛 섬에서"; invented)."""
    found = []
    for i, w in enumerate(ws):
        core = word_core(sentence, w)
        if len(core) > len(noun) and core.endswith(noun) and all_tagged(w, _NOUN) \
                and any(t[1].startswith(_PROPER) for t in w.tokens):
            found.append(span_of(sentence, ws, _name_run_before(sentence, ws, i - 1) if i else i, i + 1))
        elif (core == noun or core.endswith(noun) and all_tagged(w, _NOUN)) and i > 0 and is_bare(ws[i - 1]):
            # "한빛 섬에서", and a compound of the kind ("한빛 공군기지" asked "기지")
            k = _name_run_before(sentence, ws, i - 1)
            if k < i:
                found.append(span_of(sentence, ws, k, i + 1))
    return found


def said_in_question(span: str, question: str, named: bool = True) -> bool:
    """Does the question already say the span (or a name in it, titles aside)? Then it is not the answer:
    "박지훈 차관은 누구를 만났나?" is not answered by "박지훈 제1차관" (invented name)."""
    q = question.lower()
    if re.sub(r"\s+", "", span.lower()) in re.sub(r"\s+", "", q):
        return True
    number = re.match(r"\d[\d,.]*\d|\d", span)
    if number and re.search(r"(?<![\d.,])" + re.escape(number.group()) + r"(?![\d]|[.,]\d)", q) \
            and re.fullmatch(r"[\d,.]+\s?[^\d\s]{0,3}", span):
        return True  # "after its $2.40 drop" is not answered by "2.40달러"
    if not named:  # a number with its counted noun: "몇 개 도시?" is answered by "6개"
        return False
    words = [w for w in span.lower().split() if re.sub(r"^제\d+", "", w) not in TITLES]
    return bool(words) and any(re.search(r"(?<![\w-])" + re.escape(w) + r"(?![a-z0-9])", q) for w in words)


def said_in_latin(span: str, latin_names: tuple[str, ...]) -> bool:
    """Is every word of a name span (titles aside) an English question's Latin name spelled in Hangul? Then
    the question already says it: "the Norvia hospital" is not answered by "노르비아" (invented)."""
    spoken = [w for w in span.split() if re.sub(r"^제\d+", "", w) not in TITLES]
    return bool(spoken) and bool(latin_names) and all(
        any(spelled_in_hangul(part, w) for name in latin_names for part in (name, *name.split())) for w in spoken)



def organisation_spans(sentence: str) -> list[Span]:
    """Bodies named as a subject or topic, or by proper nouns, read past a glued bracket ("한빛환경연합(HEF)이";
    invented)."""
    plain, back = as_names_read(sentence, outlet=False)
    plain_words = words(plain)
    return [back(s) for s in _agents(plain, plain_words) + _proper_runs(plain, plain_words)]


def less_said(sentence: str, span: Span, question_text: str, latin_names: tuple[str, ...] = ()) -> Span:
    """A name beside a title less the words at either end that the question already says: "한빛재단 박지훈
    이사장" asked about "한빛재단의 이사장은?" → "박지훈" (invented), or says in Latin letters (`latin_names`, an
    English question's: "Norvia's minister" → "노르비아", by sound). What is left must hold a proper noun; words cut
    at its end free room for the bare nouns before it (a name of up to three words). Otherwise the span is left
    whole (and refused when the question says a word of it)."""
    ws = words(sentence)
    inside = [i for i, w in enumerate(ws) if span.start <= w.start and w.core_end <= span.end]
    beside_title = inside and ((inside[-1] + 1 < len(ws) and _title(sentence, ws[inside[-1] + 1]))
                               or (inside[0] > 0 and _title(sentence, ws[inside[0] - 1])))
    if not beside_title:
        return span

    def said(i: int) -> bool:  # or a country: a person's name holds none ("카림 오르한 터키 내무장관"; invented)
        core = word_core(sentence, ws[i])
        return said_in_question(core, question_text) or any(spelled_in_hangul(name, core) for name in latin_names) \
            or is_country(core)

    start, end = _unsaid(inside[0], inside[-1] + 1, said)
    if start == end or (start == inside[0] and end == inside[-1] + 1) \
            or not any(t[1].startswith(_PROPER) for i in range(start, end) for t in ws[i].tokens):
        return span  # "한빛 재단측" is no name left
    while start <= inside[0] and start > 0 and end - start < 3 and is_bare(ws[start - 1]) \
            and all_tagged(ws[start - 1], _NOUN) and not said(start - 1) and not _title(sentence, ws[start - 1]):
        start -= 1
    return span_of(sentence, ws, start, end)


def place_less_said(sentence: str, span: Span, question_text: str, latin_names: tuple[str, ...] = ()) -> Span:
    """A place span less the words at its start that the question already says (in Latin letters too, by
    sound: `latin_names`) or that name a country, when a proper noun is left: Korean writes a place from the
    largest part down ("한빛시 동문 광장"), so a question that names the larger part asks for the smaller one
    ("한빛시의 어디에서 열렸나?" → "동문 광장"), and the country before a city is not the city's name ("이탈리아
    밀라노" → "밀라노"; invented), unless it is ("멕시코 시티"). Otherwise the span as it was (and refused, as
    before, when the question says a word of it)."""
    ws = words(sentence)
    inside = [i for i, w in enumerate(ws) if span.start <= w.start and w.core_end <= span.end]
    if not inside:
        return span

    def said(i: int) -> bool:
        core = word_core(sentence, ws[i])
        country = is_country(core) and i + 1 < len(ws) and word_core(sentence, ws[i + 1]) != "시티"
        return said_in_question(core, question_text) or country \
            or any(spelled_in_hangul(part, core) for name in latin_names for part in (name, *name.split()))

    start, end = inside[0], inside[-1] + 1
    while start < end and said(start):
        start += 1
    if start == inside[0] or start == end \
            or not any(t[1].startswith(_PROPER) for i in range(start, end) for t in ws[i].tokens):
        return span
    return span_of(sentence, ws, start, end)


def _unsaid(start: int, end: int, said) -> tuple[int, int]:
    """The word range [start, end) less the words at either end for which `said(index)` holds."""
    while start < end and said(start):
        start += 1
    while end > start and said(end - 1):
        end -= 1
    return start, end



def full_names(sentence: str, question_text: str) -> list[Span]:
    """Runs of two or more proper-noun words (Latin ones capitalised, not followed by a place particle or a
    noun of where: "한빛 누리 출신") less the words at either end that the question already says or that are
    titles, and the countries they open with (a country and its city are no one's name): "하산 알리 레자
    바르단" asked about "바르단 석유부 장관" → "하산 알리 레자", "레아 몬테를" → "레아 몬테" (invented)."""
    ws = words(sentence)

    def proper(w: Word) -> bool:
        return all_tagged(w, _PROPER) and not re.match(r"[a-z]", word_core(sentence, w))

    def said(w: Word) -> bool:
        core = word_core(sentence, w)
        return re.sub(r"^제\d+", "", core.lower()) in TITLES or said_in_question(core, question_text)

    out, i = [], 0
    while i < len(ws):
        if not proper(ws[i]):
            i += 1
            continue
        j = run_end(ws, i, proper)
        start, end = _unsaid(i, j, lambda k: said(ws[k]))
        while start < end and is_country(word_core(sentence, ws[start])):  # "프랑스 리옹의 한 남성" names no one
            start += 1
        placed = end > start and bool(ws[end - 1].trailing) and ws[end - 1].trailing[0][0] in _LOCATIVE - {"의"} \
            or end == j < len(ws) and is_bare(ws[end - 1]) and bool(_WHEREABOUTS.match(word_core(sentence, ws[end])))
        if end - start >= 2 and not placed:
            out.append(span_of(sentence, ws, start, end))
        i = j
    return out


_QUOTED = re.compile(r"[‘“'\"]([^’”'\"]{2,40})[’”'\"]")


def given_names(sentence: str, question: Question) -> list[str]:
    """The names a sentence gives that the question does not already say: a name beside a title, a run of
    two or more proper nouns, or a quoted phrase. Invented sentences:

    >>> from ..question import analyse
    >>> given_names("[박지훈 기자] 시장이 사퇴했다.", analyse("기사를 쓴 기자의 이름은?"))
    ['박지훈']
    >>> given_names("한 남성이 다리에서 강으로 뛰어들었다.", analyse("강으로 뛰어든 남성의 이름은?"))
    []
    >>> given_names("한빛시는 새 다리를 ‘은하교’로 명명했다.", analyse("새 다리의 이름은?"))
    ['은하교']
    """
    plain, back = as_names_read(sentence)
    ws = words(plain)
    found = [back(span).text for span in _people(plain, ws) + full_names(plain, question.text)]
    found += [span.text for span in _bracketed_names(sentence)]
    found += [m.group(1) for m in _QUOTED.finditer(sentence)]
    return [name for name in found if name.strip() and not said_in_question(name, question.text)]

