"""Question analysis, done once per question: language, standalone query, answer type, names, terms.

`analyse(text, history)` returns a frozen `Question` that retrieval and the answer stage read; neither
looks at the raw string again. The answer type is chosen by scoring cues (an interrogative together
with its head noun, counter or unit), not by the first pattern that matches: "얼마나 많은" is a count,
"연세대" is a university and not an age, "invest" alone says nothing about money.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum

from .conversation import Turn, condense
from .conversation import names as names_in
from .language import detect_language
from .sentences import kiwi, morphemes


class AnswerType(str, Enum):
    COUNT = "count"
    MONEY = "money"
    AGE = "age"
    DATE = "date"
    TIME = "time"
    MEASURE = "measure"  # a quantity in a unit: a distance, a size, a speed, a weight, a share, a rank
    PERSON = "person"
    PLACE = "place"
    ORGANISATION = "organisation"
    REASON = "reason"
    DESCRIPTION = "description"


@dataclass(frozen=True)
class Question:
    text: str  # the cleaned question as asked
    language: str  # "ko" | "en"
    query: str  # standalone retrieval query (follow-ups condensed with earlier turns)
    answer_type: AnswerType
    names: tuple[str, ...]  # named things the question (or the carried turn) is about
    terms: tuple[str, ...]  # content terms of the names and the text: Kiwi content morphemes, lower-cased, no stop words
    modifiers: tuple[str, ...] = ()  # event modifiers that change which event is asked (next, first, 다음 …)
    slot: Slot | None = None  # where a Korean "what" question's answer stands in a sentence (descriptions only)
    head: str | None = None  # the noun a Korean interrogative follows ("당첨금" of "1등 당첨금은 얼마였나?")
    asks_name: bool = False  # it asks what someone or something is called ("…의 이름은?", "the name of …")
    unit: str | None = None  # the counter or unit it asks in ("몇 명" → "명", "how many people" → "명")
    measure_kinds: tuple[str, ...] = ()  # the kinds of unit it asks a measure in ("how far" → length); () any
    money_named: bool = False  # a Korean question names money ("예산은 얼마인가?"), not only "얼마" (how much)
    how_much: bool = False  # an English "how much" question: the count it asks may be an amount of money
    options: tuple[str, ...] = ()  # the alternatives it offers ("낮과 밤 중 언제", "morning or afternoon"): answers
    years: tuple[str, ...] = ()  # the years it names ("2030년에는 …", "in 2030"): the year it asks about
    abbreviation: str | None = None  # the abbreviation whose full form it asks ("What does HBL stand for?" → HBL)
    kind_noun: str | None = None  # the common noun a Korean "어디"/"어느" question asks a name of ("어느 섬" → 섬)
    asks_duration: bool = False  # it asks how long something takes or lasts ("how long", "얼마 동안", "며칠")
    role_titles: tuple[str, ...] = ()  # the Korean titles of the office a "who" asks about ("mayor", 시장은 누구 → 시장)


@dataclass(frozen=True)
class Slot:
    """The grammatical place of the answer to a Korean "무엇/어떤 N" question, read from the question:
    "무엇을 전시했나" asks for the object of 전시, "무엇으로 바꾸나" for what takes 으로, "원인은 무엇인가"
    for the noun phrase a sentence says 원인 is. `rag/answer/slots.py: slot_span` finds it in a sentence."""

    role: str  # "object" (을/를), "means" (으로/로), "subject" (이/가) or "copula" (the noun before 이다)
    predicate: str | None = None  # the stem of the verb the answer goes with ("전시")
    anchor: str | None = None  # the question's word right before the wh-word, as written ("석탄에서")
    topic: str | None = None  # the noun right before the wh-word ("원인" of "원인은 무엇인가"): what a sentence defines
    kind: str | None = None  # the noun of "어떤/무슨 N" ("어떤 로켓에" → 로켓): the answer names one, "누리온 로켓"


T = AnswerType
_I = re.I
# (cue, type, weight). Weights: 3 = an interrogative with its head (decides alone), 2 = an interrogative,
# 1 = a hint. A type's score is the sum of its cues; the highest wins, DESCRIPTION when none fires.
_COUNTERS = r"(?:개사|개국|개|곳|명|군데|건|社|가지|차례|번|회|대|채|종|척|편|권|마리|분)"
_ORG_NOUNS = (r"(?:company|companies|firm|organi[sz]ation|ministry|agency|institution|institute|university|"
              r"group|bank|government|body|department|corporation|startup|business|outlet|newspaper|school|team|club|"
              r"party|union|alliance|coalition|league|army|militia|airline|carrier|automaker|carmaker|drugmaker|"
              r"broadcaster|insurer|lender|retailer|manufacturer|maker|developer|operator|publisher|studio|network|"
              r"court|tribunal|assembly|council|committee|commission|authority|regulator|board|embassy)s?")
_ORG_NOUNS_KO = (r"(?:회사|기업|기관|부처|단체|대학|대학교|조직|업체|은행|정부|언론사|신문사|방송사|방송국|통신사|학교|연구소|재단|협회|"
                 r"팀|구단|클럽|정당|노조|제약사|건설사|항공사|보험사|증권사|카드사|운용사|제조사|계열사|자회사|모회사|협력사|"
                 r"스타트업|벤처|브랜드|완성차)")
# Roles that name a person ("Which minister resigned?", "어느 선수가 이겼나?")
_PERSON_NOUNS = (r"(?:person|man|woman|player|athlete|actor|actress|singer|artist|star|character|official|leader|"
                 r"minister|president|prime minister|senator|lawmaker|politician|candidate|judge|spokes(?:man|woman|person)|"
                 r"director|chief executive|ceo|chairman|founder|author|writer|journalist|reporter|coach|scientist|"
                 r"officer|soldier|victim|suspect|driver|pilot|doctor|lawyer|mayor|governor|ambassador|envoy|commander|"
                 r"priest|bishop|winner|owner|manager|professor|researcher|composer|painter|boy|girl|"
                 r"wife|husband|son|daughter|mother|father|brother|sister|child|baby|hostage|worker|employee|student|"
                 r"teacher|patient|passenger|resident|citizen|climber|survivor|fan|gunman|attacker|prisoner|inmate|"
                 r"spy|monk|nun|king|queen|prince|princess|emperor|dictator|rebel|militant|protester|nurse|teenager|"
                 r"farmer|fisherman|guard|captain|defendant|witness|refugee|immigrant|astronaut|entrepreneur|investor|"
                 r"banker|analyst|expert|dancer|singer|rapper|celebrity|billionaire|rival|opponent|teammate|striker|"
                 r"goalkeeper|pitcher|referee|bride|groom|widow|heir|successor|predecessor|nominee|contestant|champion|"
                 r"inventor|designer|architect|engineer|photographer|filmmaker|producer|poet|diplomat|prosecutor|"
                 r"attorney|detective|policeman|policewoman|firefighter|surgeon|physician|lecturer|"
                 r"(?!(?:check|play|wish|short|black|white|watch|wait|hit)list)\w{3,}(?:ist|ian))s?")  # and agent suffixes:
# tourist, guitarist, musician, comedian (a checklist is no one)
_PERSON_NOUNS_KO = r"(?:선수|배우|가수|감독|장관|의원|대통령|총리|후보|작가|기자|대변인|인사|회장|대표|교수)"
_PLACE_NOUNS = (r"(?:city|country|nation|place|region|prefecture|town|province|state|area|site|location|venue|"
                r"capital|district|"
                r"county|village|island|mountain|river|lake|sea|beach|coast|continent|hospital|hotel|airport|stadium|"
                r"port|harbou?r|building|street|square)")
_PLACE_NOUNS_KO = (r"(?:곳|도시|지역|나라|국가|장소|위치|동네|섬|마을|산|강|호수|바다|해변|해안|공항|항구|병원|호텔|경기장|"
                   r"건물|거리|광장|대륙|주|시|군|구)(?=$|[\s?？.]|에|으로|로|은|는|이|가|을|를|의|와|과|도|인|였|일)")  # not "어느 산업"
_MEASURE_NOUNS = (r"(?:size|distance|speed|height|length|width|depth|weight|area|percentage|proportion|share|rate|"
                  r"ranking|temperature|magnitude)")
_MEASURE_NOUNS_KO = ("거리|면적|넓이|높이|길이|깊이|속도|크기|무게|순위|비율|비중|점유율|지지율|득표율|투표율|증가율|감소율|"
                     "성장률|상승률|하락률|실업률|금리|온도|기온|풍속|속력|강수량|강우량|적설량|수위|두께|지름|반경|"
                     "물량|총량|생산량|판매량|거래량|수출량|수입량|사용량|소비량|매장량|배출량|의 양")
_MONEY_VERBS = (r"(?:cost|costs|spend|spent|invest|invested|investing|pay|paid|raise|raised|fund|funded|worth|charge|"
                r"budget|offer|offered|sell|sold|earn|earned|lose|lost|bid|donate|donated)")
_MONEY_NOUNS_KO = (r"예산|비용|금액|가격|투자액|투자\s*규모|자금|매출|연봉|수수료|값|요금|배상금|포상금|상금|달러|엔화|유로|"
                   r"보석금|몸값|보조금|벌금|보상금|임금|세금|지원금|부채|대출금|수익|이익|투자금|기부금|성금|손실액|판매액")
# Titles and roles written beside a person's name ("박지훈 차관", "CEO 존 하워드"; invented names): what a person
# question's span stands next to, and a head that makes a question ending in it ask for a person.
TITLES = frozenset("""차관 장관 대표 회장 사장 부회장 이사장 청장 총리 대통령 의원 교수 위원장 원장 국장 실장 처장 소장
시장 도지사 지사 총장 기자 감독 선수 대사 부장 과장 팀장 센터장 본부장 사무총장 대변인 판사 변호사 최고경영자 ceo cto cfo coo 박사 씨
총재 부총재 위원 의장 부의장 총영사 영사 특파원 앵커 작가 코치 단장 관장 비서관 보좌관 특사 부사장 교육감 후보""".split())
# Titles as heads, less those that more often name a thing in news ("주식 시장은?" a market, "과장" an overstatement).
_TITLE_HEADS = "|".join(sorted(t for t in TITLES if re.fullmatch(r"[가-힣]{2,}", t) and t not in ("시장", "과장")))
# A question that ends in a noun asks for what that noun names ("…가 설립된 해는?", "…을 이끈 인물은?"). Heads of
# one syllable must be the whole last word ("해는?", not "피해는?"); longer ones may end a compound ("개최도시는?").
_HEAD_NOUNS = [
    ("날|해|때", "날짜|연도|년도|시기|요일|시점", T.DATE),
    ("", "시각", T.TIME),
    ("곳", "장소|지역|도시|나라|국가|위치|지점", T.PLACE),
    ("", rf"사람|인물|{_PERSON_NOUNS_KO[3:-1]}|{_TITLE_HEADS}|우승자|수상자|당선자|창업자|설립자|경쟁자|후계자|후임자|전임자|"
         r"책임자|용의자|범인|주인공", T.PERSON),
    ("팀", rf"{_ORG_NOUNS_KO[3:-1]}|구단|정당|여당|야당", T.ORGANISATION),
    ("수", "숫자|인원", T.COUNT),
    ("", _MEASURE_NOUNS_KO, T.MEASURE),
]


def _last_noun(short: str, long: str) -> str:
    """The pattern of a question ending in one of the heads, with its particle ("해는?"; a bare "해?" is a verb)."""
    heads = "|".join(h for h in (short and rf"(?<!\S)(?:{short})(?=은|는|이|가)", long and rf"(?:{long})") if h)
    return rf"(?:^|\s)\S*?(?:{heads})(?:은|는|이|가)?\s*[?？]*\s*$"


# "Who" asks when it opens the question (after a conjunction or preposition: "And who …?", "To whom …?"), follows a
# comma ("In 2008, who won?") or a verb of asking ("Do you know who …?"); after a noun it opens a relative clause
# ("Where does Kim, the professor who sued, teach?" asks for a place).
_ASKING_WHO = (r"(?:^\W*|[,;:]\s*|\b(?:know|tell me|ask|wonder|say|said|guess)\s+)(?:(?:and|but|so|then|also)\s+)?"
               r"(?:(?:to|with|for|by|from|of|about|against|behind|under)\s+)?(?:who|whom|whose)\b")
# "How much floor space …?" asks for an area, in its typing and in its unit kinds alike.
_HOW_MUCH_SPACE = r"\bhow much\b(?:\s+\S+){0,2}?\s+(?:space|area|land)\b"
# English units a "how many …" asks a measure in, by the kinds of rag/answer/values.py: _UNITS.
_ENGLISH_UNITS = {
    "length": r"(?:kilo|centi|milli)?met(?:er|re)s|km|miles|feet|inches|yards",
    "area": r"square \w+|acres|hectares",
    "volume": r"(?:milli)?lit(?:er|re)s|barrels|gallons|cubic \w+",
    "weight": r"tonnes|tons|(?:kilo)?grams|kilos|kg|pounds|ounces",
    "temperature": r"degrees",
    "data": r"(?:tera|giga|mega|kilo)?bytes",
    "storeys": r"storeys|stories|floors",
}
_HOW_MANY_UNITS = r"\bhow many (?:" + "|".join(_ENGLISH_UNITS.values()) + r")\b"
# "What did police seize?" asks no body: an auxiliary after "what" starts the clause, the noun is its subject.
_NOT_AUXILIARY = r"(?!(?:do|does|did|is|are|was|were|has|have|had|will|would|can|could|should|may|might)\b)"
# A noun between 어떤/어느/무슨 and the noun it asks for ("어떤 글로벌 기업"): no particle ends it, so
# "어떤 사람이 회사를 세웠나?" asks for a person, not a company.
_MODIFIER_NOUN_KO = r"(?:[가-힣]+(?<![이가은는을를의에도와과])\s)?"
# A Korean copula ending a question: "…인가?", "…이었나?", "…입니까?".
_IS_KO = r"(?:인가|인지|일까|입니까|이에요|예요|이야|이었나|였나|이었어|이었는가|이었던가)"
# How long, in Korean: "얼마 동안", "얼마 만에", "얼마나 걸리나", "얼마나 오래" (a duration, not an amount).
_HOW_LONG_KO = r"얼마\s*(?:동안|간|만에)|얼마[나가]\s*(?:걸|오래)|기간(?:은|는|이)?\s*(?:얼마|몇)"
_HEAD_WEIGHT = 1.5  # the weight of a question's last noun as a cue: less than any interrogative's
_CUES: list[tuple[re.Pattern, AnswerType, float]] = [(re.compile(p, _I), t, w) for p, t, w in [
    # counts
    (r"\bhow many\b", T.COUNT, 3), (r"\bnumber of\b", T.COUNT, 2), (r"\bhow much\b", T.COUNT, 1),
    (r"\bpopulation\b|인구(?:는|가)?\s*(?:얼마|몇|\?|$)", T.COUNT, 2),
    (r"\b(?:death|casualty) toll\b", T.COUNT, 3),
    (rf"몇\s*{_COUNTERS}(?![가-힣]*(?:살|세))", T.COUNT, 3), (r"얼마나\s*많", T.COUNT, 3),
    # "몇" before any counter ("몇 등급", "몇 기", "몇 배", "몇 km"); dates, times, ages outweigh it
    (r"몇\s*[가-힣]|몇\s*(?:[A-Za-z]{1,3}|%)(?![A-Za-z])", T.COUNT, 2),
    (r"(?:수|숫자|규모)(?:는|가|를)?\s*(?:얼마|몇)", T.COUNT, 2),
    # money: a unit, a money noun, or "how much" with a money verb
    (rf"\bhow much\b(?:\s+\S+){{0,6}}\s+{_MONEY_VERBS}\b", T.MONEY, 3),
    (r"\bhow much (?:money|funding|capital)\b", T.MONEY, 3),
    (r"\b(?:budget|price|cost|fee|salary|revenue|funding|money|amount of money)\b", T.MONEY, 1.5),
    (r"\bhow much\b(?:\s+\S+){0,4}?\s+(?:bail|ransom|compensation|subsid(?:y|ies)|prize|reward|damages|wages?|"
     r"tax(?:es)?|loans?|debts?|profits?|income|investment|bonus|pension|tuition|rent|donations?|aid|fares?|fees?|"
     r"prices?|costs?|fines?|tolls?|salar(?:y|ies)|sales|premiums?|dividends?|budget|revenue)\b", T.MONEY, 3),
    (r"\b(?:dollars|yen|euros)\b|\d\s*(?:(?:million|billion|trillion)\s+)?won\b", T.MONEY, 1),  # "won" alone is a win
    (r"\bin (?:(?:us|u\.s\.|american|hong kong)\s+)?(?:dollars|won|yen|euros|pounds|yuan)\b", T.MONEY, 3),  # "damage in dollars"
    (r"얼마(?!나)", T.MONEY, 2), (_MONEY_NOUNS_KO, T.MONEY, 1.5),
    (r"몇\s*(?:원|달러|엔|억|만\s*원)", T.MONEY, 3),
    # age ("연세대" is a university: 연세 only when no 대 follows)
    (r"\bhow old\b|\b(?:what|which) age\b|\bat what age\b", T.AGE, 3), (r"\bage\b", T.AGE, 1),
    (r"몇\s*(?:살|세)|나이|연세(?![대가-힣]*대)(?!대)", T.AGE, 3),
    # dates and times
    (r"\bwhen\b|\bby when\b", T.DATE, 2), (r"\b(?:what|which) (?:year|month|date|day|week|season|quarter)\b", T.DATE, 3),
    (r"\bhow long\b", T.DATE, 1), (r"\bhow many (?:days|weeks|months|years|hours|minutes)\b", T.DATE, 4),  # a duration
    (_HOW_LONG_KO, T.DATE, 3),  # a duration ("5년 만에"), not an amount
    (r"언제|며칠|몇\s*(?:년|월|일)(?!\s*(?:동안|간))|날짜|시기|연도|무슨\s*요일", T.DATE, 3),
    (r"\bwhat time\b|\b(?:what|which) hour\b|\btime of day\b|\bmorning or (?:the )?(?:afternoon|evening)\b", T.TIME, 4),
    (r"몇\s*시(?!간)|시각|하루\s*중|오전\S*\s*오후|오후\S*\s*오전", T.TIME, 4),
    # measures: a distance, size, speed, weight, share or rank ("How far …?", "얼마나 떨어져 있나?", "면적은 얼마인가?")
    (r"\bhow (?:far|tall|high|deep|wide|big|large|fast|heavy)\b", T.MEASURE, 3),
    (_HOW_MUCH_SPACE, T.MEASURE, 3),  # "How much floor space …?"
    (_HOW_MANY_UNITS, T.MEASURE, 4),  # "How many kilometres …?" asks a measure, not a count
    (rf"\b(?:what|which)\s+(?:(?:is|was|were|are)\s+(?:the\s+)?)?(?:\w+\s+)?{_MEASURE_NOUNS}\b", T.MEASURE, 3),
    (r"\brank(?:ed|s|ing)?\b", T.MEASURE, 3),
    (r"\bwhat place\b(?:\s+\S+){0,6}\s+(?:take|took|win|won|finish|finished|come|came)\b", T.MEASURE, 4),
    (r"얼마나\s*(?:떨어|멀|먼|가까|높|낮|깊|넓|크|큰|길|긴|빠르|빨리|무거|줄|늘|증가|감소|오르|올랐|내리|내렸|하락|상승|되)",
     T.MEASURE, 3),
    (rf"(?:{_MEASURE_NOUNS_KO})(?:은|는|이|가)?\s*(?:얼마|몇|어느\s*정도)", T.MEASURE, 4),
    # people, organisations, places
    (_ASKING_WHO, T.PERSON, 2), (r"\b(?:who|whom|whose)\b", T.PERSON, 0.5),  # the latter: a relative "the man who"
    (r"누가|누구|누군|어떤\s*사람|인물", T.PERSON, 2),
    (r"\bname of\b|\bnamed?\b", T.PERSON, 0.5), (r"이름", T.PERSON, 0.5),
    (rf"\b(?:which|what)\s+{_NOT_AUXILIARY}(?:\w+\s+)?{_ORG_NOUNS}\b", T.ORGANISATION, 4),
    (rf"\b(?:which|what)\s+(?:(?!(?:is|are|was|were|do|does|did|has|have|had|will|would|can|could|the|of)\b)\w+\s+){{0,2}}"
     rf"{_PERSON_NOUNS}\b", T.PERSON, 4),
    (rf"(?:어느|어떤|무슨)\s*{_MODIFIER_NOUN_KO}{_PERSON_NOUNS_KO}(?:이|가|은|는|을|를)?(?:\s|$|\?)", T.PERSON, 4),
    (rf"\bname of the\s+(?:\w+\s+)?{_ORG_NOUNS}\b", T.ORGANISATION, 4),
    (rf"\bnames? of the\s+(?:\w+\s+){{0,2}}?{_PERSON_NOUNS}\b", T.PERSON, 4),  # "the name of the Dutch pilot"
    (rf"\bname of the\s+(?:\w+\s+)?{_PLACE_NOUNS}\b", T.PLACE, 4),
    (rf"(?:어느|어떤|무슨)\s*{_MODIFIER_NOUN_KO}{_ORG_NOUNS_KO}", T.ORGANISATION, 4),
    (rf"{_ORG_NOUNS_KO}(?:은|는|이|가)?\s*(?:어디|누구|무엇|뭐)", T.ORGANISATION, 4),
    (rf"{_ORG_NOUNS_KO}\s*(?:이름|명)|{_ORG_NOUNS_KO}의\s*(?:이름|명칭)", T.ORGANISATION, 4),
    (rf"(?:{_PERSON_NOUNS_KO[3:-1]}|{_TITLE_HEADS}|사람|남성|여성|남자|여자)\s*(?:의\s*)?이름|명의\s*이름", T.PERSON, 4),  # "기자 이름은?", "두 명의 이름은?"
    (r"\bwhere\b", T.PLACE, 2),
    (rf"\b(?:which|what|in what)\s+{_NOT_AUXILIARY}(?:\w+\s+)?{_PLACE_NOUNS}\b", T.PLACE, 3),
    (r"어디", T.PLACE, 2), (rf"(?:어느|어떤|무슨)\s*{_PLACE_NOUNS_KO}", T.PLACE, 3),
    # a question with no interrogative asks for what its last noun names: "…가 설립된 해는?", "…을 이끈 인물은?"
    *[(_last_noun(short, long), kind, _HEAD_WEIGHT) for short, long, kind in _HEAD_NOUNS],  # an interrogative outweighs it
    # reasons and descriptions
    (r"\bwhy\b|\bfor what (?:reason|purpose)\b|\bwhat (?:is|was|were) the (?:reasons?|purpose|aim|goal|causes?|motive)\b"
     r"|\bwhat caused\b", T.REASON, 3),
    (r"왜|이유|까닭|무엇\s*때문|뭐\s*때문|목적", T.REASON, 3),  # not 원인: "원인은 무엇인가" has a slot (slots.py)
    (r"\bwhat\b|\bhow\b|\bdescribe\b|\bexplain\b", T.DESCRIPTION, 0.5), (r"무엇|뭐|어떻|어떤|무슨", T.DESCRIPTION, 0.5),
    # "X는 어떤 인물인가?", "그는 어떤 일을 하는 사람인가?": what kind of person someone named is, not who; a typed
    # noun after 어떤 still wins a tie ("어떤 단체를 이끄는 인물인가?" asks for the organisation)
    (rf"(?:어떤|무슨)\s*(?:\S+\s+){{0,4}}?(?:인물|사람){_IS_KO}", T.DESCRIPTION, 3.5),
    # "Who is Hanna Berg?": a name alone after "who is" asks what that person is, as "어떤 인물인가?" does
    (r"^\W*who\s+(?:is|was|are|were)\s+(?-i:[A-Z][\w'’.\-]*)(?:\s+(?-i:[A-Z][\w'’.\-]*)){0,3}\s*[?？]*\s*$",
     T.DESCRIPTION, 3.5),
]]


_HOW_MUCH = re.compile(r"\bhow much\b", re.I)


def names_money(text: str) -> bool:
    """Does a Korean question say it asks for money (a money noun or currency), not only "얼마" (how much)?

    >>> names_money("예산은 얼마인가?"), names_money("생산량을 얼마까지 늘리나?")
    (True, False)
    """
    return re.search(_MONEY_NOUNS_KO, text) is not None


# Which kinds a measure question asks for, by its words; a question none of these fits ("얼마나 줄이나",
# "how high") takes any measure, count or amount.
_MEASURE_KINDS = [
    *((re.compile(rf"\bhow many (?:{units})\b", re.I), (kind,)) for kind, units in _ENGLISH_UNITS.items()),
    (re.compile(r"의\s*양(?:은|는|이|가)?\s*(?:얼마|[?？]|$)|물량|총량"), ("weight", "volume")),  # a quantity of a thing
    (re.compile(r"\bhow far\b|\bdistance\b|얼마나\s*(?:떨어져\s*있|멀|먼|가까)|거리", re.I), ("length",)),
    (re.compile(r"\bhow fast\b|\bspeed\b|얼마나\s*(?:빠르|빨리)|속도|풍속|속력", re.I), ("speed", "length")),
    (re.compile(r"\brainfall\b|\bsnowfall\b|강수량|강우량|적설량|수위|두께|지름|반경", re.I), ("length",)),
    (re.compile(r"\bhow heavy\b|\bweight\b|얼마나\s*무거|무게", re.I), ("weight",)),
    (re.compile(r"\bpercentage\b|\bproportion\b|\bshare\b|\brate\b|비율|비중|율|률|금리", re.I), ("share",)),
    (re.compile(r"\brank|\bplace\b|순위", re.I), ("rank",)),
    (re.compile(r"\btemperature\b|온도|기온", re.I), ("temperature",)),
    (re.compile(rf"\barea\b|{_HOW_MUCH_SPACE}|면적|넓이|얼마나\s*넓", re.I), ("area",)),
    (re.compile(r"\bhow (?:tall|high|deep|wide)\b|\b(?:height|length|width|depth)\b|높이|길이|깊이|얼마나\s*(?:높|길|긴|깊)",
                re.I), ("length", "storeys")),
    (re.compile(r"\bhow (?:big|large)\b|\bsize\b|크기|얼마나\s*(?:크|큰)", re.I),
     ("length", "area", "volume", "weight", "storeys")),
]


def asked_measure(question_text: str) -> tuple[str, ...]:
    """The kinds of unit a measure question asks in (the keys of `rag/answer/values.py: _UNITS`), or () for
    any quantity.

    >>> asked_measure("How far did the flight go?"), asked_measure("실업률은?"), asked_measure("얼마나 줄이나?")
    (('length',), ('share',), ())
    """
    return next((kinds for pattern, kinds in _MEASURE_KINDS if pattern.search(question_text)), ())


_UNIT_KO = re.compile(r"몇\s*([가-힣]{1,4}|[A-Za-z]{1,3}(?![A-Za-z])|%)")
# English counted nouns whose Korean counter is fixed (grammar, not vocabulary of any article): people are
# counted in 명, whatever their role
_PEOPLE_COUNTED = ("people persons adults children kids men women employees workers staff residents citizens "
                   "passengers crew students soldiers tourists visitors victims patients voters refugees hostages "
                   "prisoners protesters doctors nurses teachers athletes players journalists volunteers").split()
_ENGLISH_COUNTERS = {"countries": "개국", **{noun: "명" for noun in _PEOPLE_COUNTED}}
# A Korean count of people without 몇: "인구는?", "사망자 수는?", "직원 수는?"
_PEOPLE_COUNTED_KO = re.compile(r"인구|인원|(?:[가-힣]{0,4}(?:자|직원|주민|관중|관객|승객|학생|선수|사람))\s?수"
                                r"(?=[은는이가를의도]?(?:\s|$|[?？.]))")


_CLOCK_ASKED = re.compile(r"\b(?:what|which) (?:time|hour)\b(?! of (?:the )?day)|시각", re.I)


def asked_unit(question_text: str) -> str | None:
    """The counter or unit a question asks in ("몇 명" → "명", "몇 개사" → "개사", "how many people" → "명"),
    else None.

    >>> asked_unit("입주 기업은 몇 개사인가?"), asked_unit("How many people died?"), asked_unit("How many?")
    ('개사', '명', None)
    >>> asked_unit("What time did the ferry leave?"), asked_unit("At what time of day did it leave?")
    ('시', None)
    """
    m = _UNIT_KO.search(question_text)
    if not m:
        if _CLOCK_ASKED.search(question_text):
            return "시"  # the hour, as "몇 시" asks it: "오후" alone does not answer "What time did she land?"
        if _PEOPLE_COUNTED_KO.search(question_text) or re.search(r"\bpopulation\b", question_text, re.I):
            return "명"
        english = re.search(r"\bhow many (\w+)", question_text.lower())
        return _ENGLISH_COUNTERS.get(english.group(1)) if english else None
    if not re.search(r"[가-힣]", m.group(1)):
        return m.group(1)  # a unit in Latin letters: "몇 km를" → km
    tokens = kiwi().tokenize(m.group(1))
    head = [t.form for t in tokens if t.tag.startswith(("NN", "XSN")) and t.form != "짜리"]  # "몇 층짜리" asks in 층
    return "".join(head[:2]) or None


def answer_type(text: str) -> AnswerType:
    """The kind of answer `text` asks for, from its scored cues.

    >>> answer_type("얼마나 많은 기업이 입주했나?"), answer_type("How much did the hub cost?")
    (<AnswerType.COUNT: 'count'>, <AnswerType.MONEY: 'money'>)
    """
    scores = answer_type_scores(text)
    best = max(scores, key=scores.get, default=None)
    return best if best is not None and scores[best] > 0.5 else AnswerType.DESCRIPTION


# A quoted phrase: a name or title the question gives ("'1억 달러 펀드'는 무엇에 …?"), no cue of what it asks.
# An opening quote follows a space or a bracket, so an apostrophe ("Hanbit's") opens none.
_QUOTED = re.compile(r"(?:^|(?<=[\s(]))[‘“'\"]([^’”'\"\n]{1,60}?)[’”'\"](?![A-Za-z])")


def answer_type_scores(text: str) -> dict[AnswerType, float]:
    """Each type's summed cue weight (types without a cue are absent); ties go to the earlier cue. Quoted
    phrases count as a plain name ("X").

    >>> answer_type_scores("'1억 달러 펀드'는 무엇에 투자하나?")
    {<AnswerType.DESCRIPTION: 'description'>: 0.5}
    """
    text = _QUOTED.sub("X", text)
    scores: dict[AnswerType, float] = {}
    for pattern, kind, weight in _CUES:
        if pattern.search(text):
            scores[kind] = scores.get(kind, 0.0) + weight
    return scores


# Modifiers that pick one event among several of the same kind ("the next visit", "첫 방문").
_MODIFIERS = re.compile(r"\b(?:next|first|last|previous|second|third|final|latest|again|initial|upcoming|former)\b"
                        r"|다음|다시|처음|최초|마지막|이전|지난|내년|작년|올해|향후|첫|두\s*번째|세\s*번째|재차", _I)
# Function and question words: not content terms (Kiwi drops Korean particles and endings by their tags).
STOP_WORDS = frozenset("""a an the of in on at to for from by with about into onto over under after before during
since until and or but nor so than then that this these those it its it's they them their there here he she his her
him we our you your me my is are was were be been being am do does did done doing have has had having will would
shall should can could may might must what when where which who whom whose why how whether if not no yes also
any some all each every more most other such only own same very just too tell please according say said says
get got many much
몇 언제 어디 누구 무엇 뭐 왜 얼마 얼마나 어떻 어느 무슨 있 없 하 되 이 그 거기 그곳 이곳 해당 것 알 말""".split())


_ROLES = {"JKO": "object", "JKS": "subject", "VCP": "copula"}
_LIGHT_VERBS = {"하", "되", "있", "이"}  # too general to tie an answer to a sentence
_PASSIVE = {"되", "받", "당하"}  # verbal-noun suffixes that make the clause's head its subject ("승인된 안건")


def _predicate(tokens, indices) -> str | None:
    """The first full verb or verbal noun ("전시" of 전시하다) at `indices`, before the question ends."""
    for k in indices:
        form, tag = tokens[k].form, tokens[k].tag
        if tag == "SF":
            return None
        if tag.startswith(("VV", "VA")) and form not in _LIGHT_VERBS:  # Kiwi may add "-R"/"-I" (regular/irregular)
            return form
        if tag in ("NNG", "XR") and k + 1 < len(tokens) and tokens[k + 1].tag in ("XSV", "XSA"):
            return form
    return None


def asked_slot(text: str) -> Slot | None:
    """Where the answer to a Korean "무엇/뭐/어떤 N/무슨 N" question stands, from its particle and verb.

    >>> asked_slot("한빛랩은 박람회에서 무엇을 전시했나?")
    Slot(role='object', predicate='전시', anchor='박람회에서', topic=None, kind=None)
    >>> asked_slot("공장 연료를 석탄에서 무엇으로 바꾸나?").role, asked_slot("화재의 원인은 무엇인가?").topic
    ('means', '원인')
    >>> asked_slot("시장이 약속한 것은 무엇인가요?")  # "X가 약속한 것" is the object of 약속
    Slot(role='object', predicate='약속', anchor=None, topic=None, kind=None)
    >>> asked_slot("시민들이 요구한 내용은?")  # no interrogative: the object of the clause before the last noun
    Slot(role='object', predicate='요구', anchor=None, topic=None, kind=None)
    >>> asked_slot("탐사선은 어떤 로켓에 실려 발사되나?")  # only the kind of thing asked
    Slot(role='kind', predicate=None, anchor=None, topic=None, kind='로켓')
    >>> asked_slot("세금을 올린 정당은?") is None  # the clause has its object already
    True
    >>> asked_slot("When did it open?") is None
    True
    """
    tokens = kiwi().tokenize(text)
    for i, token in enumerate(tokens):
        kind = None
        if token.tag == "NP" and token.form in ("무엇", "뭐"):
            after = i + 1
        elif token.tag == "MM" and token.form in ("어떤", "무슨") and i + 1 < len(tokens) \
                and tokens[i + 1].tag.startswith("NN"):
            kind = tokens[i + 1].form if tokens[i + 1].tag == "NNG" else None
            after = i + 2
            while after < len(tokens) and tokens[after].tag == "XSN":
                after += 1
        else:
            continue
        if after >= len(tokens):
            return Slot("kind", kind=kind) if kind else None
        particle = tokens[after]
        role = _ROLES.get(particle.tag) or ("means" if particle.tag == "JKB" and particle.form in ("으로", "로") else None)
        if role is None:
            return Slot("kind", kind=kind) if kind else None
        topic = None  # the noun right before the wh-word, with 은/는/이/가/을/를
        if i >= 2 and tokens[i - 1].tag in ("JX", "JKS", "JKO") and tokens[i - 2].tag.startswith(("NN", "XSN")):
            topic = tokens[i - 2 if tokens[i - 2].tag != "XSN" else i - 3].form
        if role == "copula" and topic == "것":  # "…가 약속한 것은 무엇인가": the object of the clause's verb
            clause_end = next((m for m in range(i - 2, max(i - 4, -1), -1) if tokens[m].tag == "ETM"), None)
            verb = _predicate(tokens, range(clause_end - 1, -1, -1)) if clause_end is not None else None
            return Slot("object", verb) if verb else None
        before = text[:token.start].split()
        return Slot(role, _predicate(tokens, range(after + 1, len(tokens))), before[-1] if before else None,
                    topic if topic != "것" else None, kind)
    return _relative_clause_slot(tokens)


def _relative_clause_slot(tokens) -> Slot | None:
    """A question that ends in a noun after a relative clause, with no interrogative ("시민들이 요구한
    내용은?", "시장이 발표한 것은?"), asks for what the clause's verb takes as its object, or, when the verb
    is passive ("회의에서 승인된 안건은?"), as its subject."""
    content = [i for i, t in enumerate(tokens) if t.tag not in ("SF", "JX", "JKS", "EF")]
    if len(content) < 3 or not tokens[content[-1]].tag.startswith("NN") or tokens[content[-2]].tag != "ETM":
        return None
    clause_end = content[-2]
    clause_start = next((k + 1 for k in range(clause_end - 1, -1, -1) if tokens[k].tag in ("ETM", "EC")), 0)
    if any(t.tag == "JKO" for t in tokens[clause_start:clause_end]):
        return None  # the clause has its object ("세금을 올린 정당은?"): the noun is something else
    verb = _predicate(tokens, range(clause_end - 1, -1, -1))
    if verb is None:
        return None
    passive = any(t.tag == "XSV" and t.form in _PASSIVE for t in tokens[clause_start:clause_end])
    return Slot("subject" if passive else "object", verb)


_ASKING = frozenset("얼마 몇 언제 어디 누구 며칠 어느".split())


def asked_head(text: str) -> str | None:
    """The noun right before a Korean question's interrogative, its particles aside: what the asked value
    belongs to ("1등 상금은 얼마였나?" → "상금"). A sentence that names it is about the asked thing.

    >>> asked_head("1등 상금은 얼마였나?"), asked_head("한빛시의 인구는 몇 명인가?"), asked_head("언제 열리나?")
    ('상금', '인구', None)
    """
    tokens = kiwi().tokenize(text)
    for i, token in enumerate(tokens):
        if token.form in _ASKING:
            noun = _before_particles(tokens, i)
            return noun.form if noun is not None and noun.tag.startswith("NN") and len(noun.form) > 1 else None
    return None


def asked_kind_noun(text: str) -> str | None:
    """The common noun whose name a Korean "어디"/"어느" question asks: "발견된 섬은 어디인가?" and "어느 섬에서
    발견됐나?" ask the name of a 섬, which a sentence may write as "한빛섬" or "한빛 섬" (invented).

    >>> asked_kind_noun("발견된 섬은 어디인가?"), asked_kind_noun("어느 병원에서 수술했나?"), asked_kind_noun("남성은 어디서 잡혔나?")
    ('섬', '병원', None)
    """
    tokens = kiwi().tokenize(text)
    for i, token in enumerate(tokens):
        if token.form == "어느" and i + 1 < len(tokens) and tokens[i + 1].tag == "NNG":
            return tokens[i + 1].form
        if token.form == "어디":  # only as the predicate: "섬은 어디인가?", not "남성은 어디에서 잡혔나?"
            after = tokens[i + 1] if i + 1 < len(tokens) else None
            if after is not None and after.tag not in ("VCP", "SF"):
                return None
            noun = _before_particles(tokens, i)
            return noun.form if noun is not None and noun.tag == "NNG" else None
    return None


def _before_particles(tokens, i: int):
    """The token before `tokens[i]`, the particles and endings between them aside (None at the start)."""
    j = i - 1
    while j >= 0 and tokens[j].tag.startswith(("J", "E")):
        j -= 1
    return tokens[j] if j >= 0 else None


_NAME_WORD = re.compile(r"이름|명칭|\bnames?\b", re.I)


def asks_name(text: str) -> bool:
    """Does the question ask for a name? Then only a sentence that gives one can answer it.

    >>> asks_name("한빛시 시장의 이름은?"), asks_name("What is the name of the ship?"), asks_name("Who won?")
    (True, True, False)
    """
    return bool(_NAME_WORD.search(text))


_OPTIONS = re.compile(r"(?:^|(?<=\s))([^\s,]+?)(?:과|와|이나|나|또는)\s+([^\s,]+?)\s*중(?=\s|$)"
                      r"|\b(\w+) or (?:the |a |an )?(\w+)\b", re.I)


def options_of(text: str) -> tuple[str, ...]:
    """The alternatives a question offers: its answer is one of them, so saying them gives nothing away.

    >>> options_of("시장은 낮과 밤 중 언제 도착했나?"), options_of("Did it open in the morning or the afternoon?")
    (('낮', '밤'), ('morning', 'afternoon'))
    """
    return tuple(word for m in _OPTIONS.finditer(text) for word in m.groups() if word)


# A year: 1800-2099 written with 년, or alone and not counting something ("2000 soldiers", "1800시간").
_YEAR = re.compile(r"(?<![\d,.])(1[89]\d\d|20\d\d)(?:\s?년|(?![\d,.]|\s*[가-힣]|\s+[a-z]+s\b))")


def years_of(text: str) -> tuple[str, ...]:
    """The years a text names, in order, without repeats.

    >>> years_of("2030년에는 12개 팀이 참가했다."), years_of("How many of the 2000 soldiers left in 2008?")
    (('2030',), ('2008',))
    >>> years_of("1800시간 분량을 방영한다.")
    ()
    """
    return tuple(dict.fromkeys(m.group(1) for m in _YEAR.finditer(text)))


_SPELLED_OUT = re.compile(r"\bstands? for\b|\bshort for\b|\babbreviat|\bacronym\b|약자|줄임말|약어|준말", re.I)
_ABBREVIATION = re.compile(r"(?<![A-Za-z])[A-Z][A-Z&]{1,7}(?![A-Za-z])")


def asked_abbreviation(text: str, names: tuple[str, ...] = ()) -> str | None:
    """The abbreviation whose full form the question asks for, in its text or else among the names it
    carries from earlier turns ("What does it stand for?"); None when it asks no such thing.

    >>> asked_abbreviation("What does WHO stand for?"), asked_abbreviation("KTX는 무엇의 약자인가?")
    ('WHO', 'KTX')
    >>> asked_abbreviation("What does it stand for?", ("KTX",)), asked_abbreviation("Who runs KTX?")
    ('KTX', None)
    """
    if not _SPELLED_OUT.search(text):
        return None
    return next((m.group() for source in (text, *names) for m in _ABBREVIATION.finditer(source)), None)


def terms_of(text: str) -> tuple[str, ...]:
    """Content terms: Kiwi content morphemes, lower-cased, in order, without stop words or repeats.

    >>> terms_of("When will Hanbit Lab open?")
    ('hanbit', 'lab', 'open')
    """
    return tuple(dict.fromkeys(t for t in morphemes(text) if t not in STOP_WORDS))


_DURATION = re.compile(r"\bhow long\b|\bhow many (?:days|weeks|months|years|hours|minutes)\b|" + _HOW_LONG_KO +
                       r"|며칠|몇\s?(?:년|개월|달|주|시간|분)\s?(?:동안|간|만에|이나|째|후|뒤)", re.I)


# The Korean titles news writes an office with, for the English offices a "who" question asks about
# (general vocabulary, no article's): "Who is the mayor of Hanbit?" is answered beside 시장.
_ROLE_TITLES = {
    "prime minister": "총리", "premier": "총리", "president": "대통령|회장|사장|총장|의장|총재|대표",
    "vice president": "부통령|부회장|부사장|부총재", "mayor": "시장", "governor": "주지사|지사|총재|도지사",
    "minister": "장관|총리", "secretary": "장관|총장|비서", "spokesman": "대변인", "spokeswoman": "대변인",
    "spokesperson": "대변인", "ceo": "최고경영자|ceo|대표|사장|회장", "chief executive": "최고경영자|ceo|대표|사장|회장",
    "chairman": "회장|의장|위원장|이사장", "chairwoman": "회장|의장|위원장|이사장", "coach": "감독|코치",
    "ambassador": "대사", "senator": "상원의원|의원", "judge": "판사|재판관|재판장", "founder": "설립자|창업자|창립자",
    "king": "왕", "queen": "여왕", "pope": "교황", "commander": "사령관|지휘관", "vice minister": "차관",
    "deputy minister": "차관",
}
_OFFICE = "(?P<office>" + "|".join(sorted(_ROLE_TITLES, key=len, reverse=True)) + r")s?\b"
# The office is what is asked ("Who is Hanbit's mayor?", "Which minister resigned?", "the name of the
# spokesman"), not the subject of what is asked ("Who did the minister meet?")
_ASKED_OFFICE = re.compile(r"\b(?:who(?:'s|\s+(?:is|was|are|were|will be|has been|had been|became|becomes))"
                           r"|which|name of|(?:as|named|appointed|elected)(?:\s+the)?(?:\s+new)?)"
                           rf"\s+(?:(?:the|a|an|its|their|his|her)\s+)?(?:[\w'’.-]+\s+){{0,3}}?{_OFFICE}", re.I)
# A Korean office asked as the predicate of 누구 ("총리는 누구야?"), not the subject of a verb ("차관은 누구를 만났나?")
_OFFICE_AS_WHO_KO = r"(?:은|는|이|가)?\s*누구(?!를|와|과|에게|한테|의|로|랑|하고)"


def asked_role_titles(text: str) -> tuple[str, ...]:
    """The Korean titles of the office an English question asks who holds, longest office first, else ().

    >>> asked_role_titles("Who is the prime minister of Hanbit?"), asked_role_titles("Who did the minister meet?")
    (('총리',), ())
    """
    return _titles_of(_ASKED_OFFICE.search(text))


def _titles_of(office: re.Match | None) -> tuple[str, ...]:
    """The Korean titles of the English office a match of `_OFFICE` found, else ()."""
    return tuple(_ROLE_TITLES[office.group("office").lower()].split("|")) if office else ()


def _korean_title(word: str) -> str | None:
    """A Hangul word that is a title, less a topic or subject particle ("대표는" → 대표), else None."""
    core = re.sub(r"(?:은|는|이|가)$", "", word)
    return core if core in TITLES else None


def _office_named(fragment: str) -> tuple[str, ...]:
    """The titles of an office an elliptical follow-up names ("And the governor?", "그럼 대표는?"): it asks who
    holds that office, as the earlier question asked of another."""
    english = _titles_of(re.search(r"\b" + _OFFICE, fragment, re.I))
    korean = next((t for t in map(_korean_title, re.findall(r"[가-힣]+", fragment)) if t), None)
    return english or ((korean,) if korean else ())


def _role_titles(text: str, language: str, kind: AnswerType) -> tuple[str, ...]:
    """The titles of the office a question for a person asks about: an English office's Korean titles, or the
    title a Korean interrogative follows ("일본 총리는 누구야?" → 총리), or a title the question ends on
    ("한빛전자 대표는?")."""
    if kind != AnswerType.PERSON:
        return ()
    if language == "en":
        return asked_role_titles(text)
    head = asked_head(text)
    if head is not None and head in TITLES and re.search(re.escape(head) + _OFFICE_AS_WHO_KO, text):
        return (head,)
    last = re.search(r"([가-힣]+)\s*[?？]*\s*$", text)
    title = _korean_title(last.group(1)) if last else None
    return (title,) if title else ()


# A follow-up that only names what it now asks about ("And the Nuri Hub?", "What about Busan?", "그럼 부산은?",
# "부상자는?"): it asks the earlier question again of that.
_ELLIPSIS_EN = re.compile(r"\s*(?:and|so|then|but)?\s*(?:(?:what|how)\s+about\s+|and\s+)(?P<rest>.+?)[\s?？.]*", re.I)
_ELLIPSIS_KO = re.compile(r"\s*(?:그럼|그러면|그렇다면|또|그리고)?\s*(?P<rest>\S+(?:\s\S+)?(?:은|는|도|의 경우는?))\s*[?？]+\s*")


def _ellipsis(text: str) -> str | None:
    """What a follow-up that only names something ("And …?", "What about …?", "그럼 …은?") names: its few
    words with no interrogative of their own, or None for any other question.

    >>> _ellipsis("And the Nuri Hub?"), _ellipsis("그럼 부산은?"), _ellipsis("When did it open?"), _ellipsis("대표는?")
    ('the Nuri Hub', '부산은', None, None)
    """
    fragment = _ELLIPSIS_EN.fullmatch(text) or _ELLIPSIS_KO.fullmatch(text)
    if fragment is None or len(text.split()) > 5:
        return None
    rest = fragment.group("rest")
    # A noun heading it cues a type weakly: a name's kind ("한빛은행은?") still asks the earlier question of that
    # name, a role or a thing with no name ("대표는?") asks what it cues; an interrogative asks its own question.
    cue = max(answer_type_scores(rest).values(), default=0.0)
    return rest if cue == 0.0 or (cue <= _HEAD_WEIGHT and bool(names_in(rest))) else None


def _completed(text: str, rest: str, history: list[Turn]) -> Question:
    """An elliptical follow-up as the question it stands for. When it names something and the earlier
    question did too, the new name takes the old one's place ("What is the Hanbit Lab?" → "And the Nuri Hub?"
    asks "What is the Nuri Hub?"); otherwise it keeps its own words and asks what the earlier one asked
    ("한빛 화재로 몇 명이 숨졌나?" → "부상자는?" asks a count of people, of 한빛)."""
    earlier = analyse(history[-1].question, history[:-1])
    new_names = names_in(rest)
    old_names = [n for n in earlier.names if n in history[-1].question]
    if new_names and old_names and len(new_names) <= len(old_names) and earlier.language == detect_language(text):
        rewritten = history[-1].question
        for old, new in zip(old_names, new_names):
            rewritten = rewritten.replace(old, new)
        return replace(analyse(rewritten, history[:-1]), text=text)
    asked = _analysed(text, history)
    return replace(asked, answer_type=earlier.answer_type, unit=earlier.unit, measure_kinds=earlier.measure_kinds,
                   money_named=earlier.money_named, how_much=earlier.how_much, asks_duration=earlier.asks_duration,
                   asks_name=earlier.asks_name,
                   role_titles=(_office_named(text) or earlier.role_titles)
                   if earlier.answer_type == AnswerType.PERSON else ())


# "한서윤 씨는 누구인가?": a name alone before "누구" asks what that person is, as "어떤 인물인가?" does.
_WHO_IS_KO = re.compile(r"\s*(?P<topic>.+?)\s*(?:씨)?(?:은|는)\s*누구(?:인가요?|인지|야|예요|에요|입니까|일까요?|죠|지)?\s*[?？]*\s*")


def _asks_who_someone_is(text: str, names: list[str]) -> bool:
    """Is `text` a Korean "<name>은 누구인가?" (what is that person), not "<role>은 누구인가?" (who holds it)?

    >>> _asks_who_someone_is("한서윤 씨는 누구인가?", ["한서윤"]), _asks_who_someone_is("우승자는 누구인가?", [])
    (True, False)
    """
    asked = _WHO_IS_KO.fullmatch(text)
    return asked is not None and asked.group("topic").strip() in names


def analyse(text: str, history: list[Turn] | None = None) -> Question:
    """The one analysis of a (cleaned) question; `history` holds the earlier turns of the conversation.

    >>> q = analyse("When will it open?", [Turn("What is Hanbit Lab?")])
    >>> q.query, q.names, q.answer_type.value
    ('Hanbit Lab. When will it open?', ('Hanbit Lab',), 'date')
    """
    rest = _ellipsis(text) if history else None
    return _analysed(text, history) if rest is None else _completed(text, rest, history)


def _analysed(text: str, history: list[Turn] | None) -> Question:
    """`analyse` of a question as asked (an elliptical follow-up is not completed)."""
    query, names = condense(text, history)
    modifiers = tuple(dict.fromkeys(m.group().lower().replace(" ", "") for m in _MODIFIERS.finditer(text)))
    language, kind = detect_language(text), answer_type(text)
    if kind == AnswerType.PERSON and _asks_who_someone_is(text, names):
        kind = AnswerType.DESCRIPTION
    slot = asked_slot(text) if language == "ko" and kind == AnswerType.DESCRIPTION else None
    return Question(text=text, language=language, query=query, answer_type=kind, names=tuple(names),
                    terms=terms_of("\n".join([*names, text])), modifiers=modifiers, slot=slot,
                    head=asked_head(text) if language == "ko" else None, asks_name=asks_name(text),
                    unit=asked_unit(text), measure_kinds=asked_measure(text),
                    money_named=language == "ko" and names_money(text),
                    how_much=language == "en" and _HOW_MUCH.search(text) is not None, options=options_of(text),
                    years=years_of(text), abbreviation=asked_abbreviation(text, tuple(names)),
                    kind_noun=asked_kind_noun(text) if language == "ko" else None,
                    asks_duration=_DURATION.search(text) is not None,
                    role_titles=_role_titles(text, language, kind))


__all__ = ["AnswerType", "Question", "Slot", "Turn", "analyse", "answer_type", "asked_head", "asked_measure",
           "asked_abbreviation", "asked_kind_noun", "asked_role_titles", "asked_slot", "asked_unit", "asks_name",
           "names_money", "terms_of", "years_of"]
