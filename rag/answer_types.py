"""What kind of answer a question asks for, chosen by scoring cues (an interrogative together with its head
noun, counter or unit), not by the first pattern that matches: "얼마나 많은" is a count, "연세대" is a
university and not an age, "invest" alone says nothing about money. Also the counter or unit it asks in and
the kinds of measure. rag/question.py reads these once into a `Question`."""

from __future__ import annotations

import re
from enum import Enum

from .sentences import kiwi


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
                r"capital|district|temple|church|mosque|cathedral|museum|prison|jail|embassy|consulate|palace|"
                r"county|village|island|mountain|river|lake|sea|beach|coast|continent|hospital|hotel|airport|stadium|"
                r"port|harbou?r|building|street|square)")
# The Korean word news names a place or body of a kind with ("한빛 호텔", "누리대학"; invented), for the English word a
# "which …" question asks for (general vocabulary, no article's).
ENGLISH_KINDS = {"hotel": "호텔", "hospital": "병원", "airport": "공항", "island": "섬", "stadium": "경기장",
                 "prison": "교도소", "jail": "교도소", "embassy": "대사관", "consulate": "영사관", "museum": "박물관",
                 "temple": "사원", "church": "교회", "cathedral": "성당", "mosque": "사원", "palace": "궁",
                 "base": "기지", "bank": "은행", "university": "대학", "river": "강", "lake": "호수", "mountain": "산",
                 "port": "항", "harbor": "항", "harbour": "항", "station": "역", "square": "광장"}
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
                   r"보석금|몸값|보조금|벌금|보상금|임금|세금|지원금|부채|대출금|수익|이익|투자금|기부금|성금|손실액|판매액|"
                   r"입장료|관람료|사용료|이용료|임대료|보험료|수업료|통행료|등록금|당첨금|계약금|보증금|위약금|상여금|급여|월급|"
                   r"집값|운임|학비|경비")
# Titles and roles written beside a person's name ("박지훈 차관", "CEO 존 하워드"; invented names): what a person
# question's span stands next to, and a head that makes a question ending in it ask for a person.
TITLES = frozenset("""차관 장관 대표 회장 사장 부회장 이사장 청장 총리 대통령 의원 교수 위원장 원장 국장 실장 처장 소장
시장 도지사 지사 총장 기자 감독 선수 대사 부장 과장 팀장 센터장 본부장 사무총장 대변인 판사 변호사 최고경영자 ceo cto cfo coo 박사 씨
총재 부총재 위원 의장 부의장 총영사 영사 특파원 앵커 작가 코치 단장 관장 비서관 보좌관 특사 부사장 교육감 후보""".split())
# Titles many people hold at once, a kind of person more than an office: "스페인 선수는 누구?" asks which player,
# who need not be written beside the word, as the holder of an office ("…의 대변인") is.
SHARED_TITLES = frozenset("선수 기자 작가 변호사 박사 씨 위원 특파원 앵커 코치 교수 후보 의원 감독".split())
# Titles as heads, less those that more often name a thing in news ("주식 시장은?" a market, "과장" an overstatement).
# The Korean titles as one pattern, longest first, so a longer title wins ("부회장" over "회장").
KOREAN_TITLES = "|".join(sorted((t for t in TITLES if re.fullmatch(r"[가-힣]+", t)), key=len, reverse=True))
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
    ("수", "숫자|인원|층수|횟수|건수|가구수|회원수|좌석수|의석수|병상수|인구수|개수", T.COUNT),
    ("양", _MEASURE_NOUNS_KO, T.MEASURE),  # "소변 양은?": how much of it
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
# A person word followed by a place or organisation noun only describes it ("Which Italian city?")
_NOT_A_MODIFIER = rf"(?!\s+(?:{_PLACE_NOUNS}|{_ORG_NOUNS})\b)"
_POSSESSIVE = r"(?:[\w.]+\s+){0,3}?[\w.]+['’]s\s+"  # "Hanbit Bank's "
# A noun between 어떤/어느/무슨 and the noun it asks for ("어떤 글로벌 기업"): no particle ends it, so
# "어떤 사람이 회사를 세웠나?" asks for a person, not a company.
_MODIFIER_NOUN_KO = r"(?:[가-힣]+(?<![이가은는을를의에도와과])\s)?"
# A Korean copula ending a question: "…인가?", "…이었나?", "…입니까?".
_IS_KO = r"(?:인가|인지|일까|입니까|이에요|예요|이야|이었나|였나|이었어|이었는가|이었던가)"
# How long, in Korean: "얼마 동안", "얼마 만에", "얼마나 걸리나", "얼마나 오래" (a duration, not an amount).
HOW_LONG_KO = r"얼마\s*(?:동안|간|만에)|얼마[나가]\s*(?:걸|오래)|기간(?:은|는|이)?\s*(?:얼마|몇)"
HEAD_WEIGHT = 1.5  # the weight of a question's last noun as a cue: less than any interrogative's
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
    (r"\bhow much\b(?:\s+\S+){0,6}?\s+(?:bail|ransom|compensation|subsid(?:y|ies)|prize|reward|damages|wages?|"
     r"tax(?:es)?|loans?|debts?|profits?|income|investment|bonus(?:es)?|pensions?|tuition|rent|donations?|aid|"
     r"fares?|fees?|prices?|costs?|fines?|tolls?|salar(?:y|ies)|sales|premiums?|dividends?|budget|revenue)\b",
     T.MONEY, 3),
    (r"\b(?:dollars|yen|euros)\b|\d\s*(?:(?:million|billion|trillion)\s+)?won\b", T.MONEY, 1),  # "won" alone is a win
    (r"\bin (?:(?:us|u\.s\.|american|hong kong)\s+)?(?:dollars|won|yen|euros|pounds|yuan)\b", T.MONEY, 3),  # "damage in dollars"
    (r"얼마(?!나|\s*(?:동안|간|만에))", T.MONEY, 2), (_MONEY_NOUNS_KO, T.MONEY, 1.5),  # "예산은 얼마 동안": how long
    (r"몇\s*(?:원|달러|엔|억|만\s*원)", T.MONEY, 3),
    # age ("연세대" is a university: 연세 only when no 대 follows)
    (r"\bhow old\b|\b(?:what|which) age\b|\bat what age\b", T.AGE, 3), (r"\bage\b", T.AGE, 1),
    (r"몇\s*(?:살|세)|나이|연세(?![대가-힣]*대)(?!대)", T.AGE, 3),
    # dates and times
    (r"\bwhen\b|\bby when\b", T.DATE, 2), (r"\b(?:what|which) (?:year|month|date|day|week|season|quarter)\b", T.DATE, 3),
    (r"\bhow long\b", T.DATE, 1), (r"\bhow many (?:days|weeks|months|years|hours|minutes)\b", T.DATE, 4),  # a duration
    (HOW_LONG_KO, T.DATE, 3),  # a duration ("5년 만에"), not an amount
    (r"언제|며칠|몇\s*(?:년|월|일)(?!\s*(?:동안|간))|날짜|시기|연도|무슨\s*요일", T.DATE, 3),
    (r"(?:어느|몇)\s*해(?:에|인가|였나|의|를)?(?![가-힣])(?!\s*(?:동안|간))", T.DATE, 3),  # "어느 해에", not "어느 해역"
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
    (rf"얼마(?:나|만큼)?(?:의)?\s*(?:{_MEASURE_NOUNS_KO})", T.MEASURE, 4),  # "얼마 깊이에 있나?": a depth, not money
    # people, organisations, places
    (_ASKING_WHO, T.PERSON, 2), (r"\b(?:who|whom|whose)\b", T.PERSON, 0.5),  # the latter: a relative "the man who"
    (r"누가|누구|누군|어떤\s*사람|인물", T.PERSON, 2),
    (r"\bname of\b|\bnamed?\b", T.PERSON, 0.5), (r"이름", T.PERSON, 0.5),
    (rf"\b(?:which|what)\s+{_NOT_AUXILIARY}(?:\w+\s+)?{_ORG_NOUNS}\b", T.ORGANISATION, 4),
    (rf"\b(?:which|what)\s+(?:(?!(?:is|are|was|were|do|does|did|has|have|had|will|would|can|could|the|of)\b)\w+\s+){{0,2}}"
     rf"{_PERSON_NOUNS}\b{_NOT_A_MODIFIER}", T.PERSON, 4),
    (rf"(?:어느|어떤|무슨)\s*{_MODIFIER_NOUN_KO}{_PERSON_NOUNS_KO}(?:이|가|은|는|을|를)?(?:\s|$|\?)", T.PERSON, 4),
    (rf"\bname of the\s+(?:\w+\s+)?{_ORG_NOUNS}\b(?!['’])", T.ORGANISATION, 4),
    (rf"\bnames? of (?:the\s+|{_POSSESSIVE})(?:[\w'’]+\s+){{0,2}}?{_PERSON_NOUNS}\b{_NOT_A_MODIFIER}", T.PERSON, 4),
    # "the name of the Dutch pilot", "the name of Norvia's spokesman"
    (rf"\bname of the\s+(?:\w+\s+)?{_PLACE_NOUNS}\b(?!['’])", T.PLACE, 4),
    (rf"(?:어느|어떤|무슨)\s*{_MODIFIER_NOUN_KO}{_ORG_NOUNS_KO}", T.ORGANISATION, 4),
    (rf"{_ORG_NOUNS_KO}(?:은|는|이|가)?\s*(?:어디|누구|무엇|뭐)", T.ORGANISATION, 4),
    (rf"{_ORG_NOUNS_KO}\s*(?:이름|명)|{_ORG_NOUNS_KO}의\s*(?:이름|명칭)", T.ORGANISATION, 4),
    (rf"(?:{_PERSON_NOUNS_KO[3:-1]}|{_TITLE_HEADS}|사람|남성|여성|남자|여자)\s*(?:의\s*)?이름|명의\s*이름", T.PERSON, 4),  # "기자 이름은?", "두 명의 이름은?"
    (r"\bwhere\b", T.PLACE, 2),
    (rf"\b(?:which|what|in what)\s+{_NOT_AUXILIARY}(?:\w+\s+)?{_PLACE_NOUNS}\b", T.PLACE, 3),
    (r"어디", T.PLACE, 2), (rf"(?:어느|어떤|무슨)\s*{_PLACE_NOUNS_KO}", T.PLACE, 3),
    # a question with no interrogative asks for what its last noun names: "…가 설립된 해는?", "…을 이끈 인물은?"
    *[(_last_noun(short, long), kind, HEAD_WEIGHT) for short, long, kind in _HEAD_NOUNS],  # an interrogative outweighs it
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


HOW_MUCH = re.compile(r"\bhow much\b", re.I)


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

    >>> asked_unit("참가 기업은 몇 개사인가?"), asked_unit("How many people died?"), asked_unit("How many?")
    ('개사', '명', None)
    >>> asked_unit("How many young people were surveyed?"), asked_unit("How many more people came?")
    ('명', '명')
    >>> asked_unit("What time did the ferry leave?"), asked_unit("At what time of day did it leave?")
    ('시', None)
    """
    m = _UNIT_KO.search(question_text)
    if not m:
        if _CLOCK_ASKED.search(question_text):
            return "시"  # the hour, as "몇 시" asks it: "오후" alone does not answer "What time did she land?"
        if _PEOPLE_COUNTED_KO.search(question_text) or re.search(r"\bpopulation\b", question_text, re.I):
            return "명"
        english = re.search(r"\bhow many((?:\s+[\w-]+){1,3})", question_text.lower())  # "how many young people"
        counted = [_ENGLISH_COUNTERS[w] for w in english.group(1).split() if w in _ENGLISH_COUNTERS] if english else []
        return counted[0] if counted else None
    if not re.search(r"[가-힣]", m.group(1)):
        return m.group(1)  # a unit in Latin letters: "몇 km를" → km
    tokens = kiwi().tokenize(m.group(1))
    head = [t.form for t in tokens if t.tag.startswith(("NN", "XSN")) and t.form != "짜리"]  # "몇 층짜리" asks in 층
    return re.sub(r"(?<=[년월일주달])간$", "", "".join(head[:2])) or None  # "몇 년간" counts in 년 ("45년 간")


def answer_type(text: str) -> AnswerType:
    """The kind of answer `text` asks for, from its scored cues.

    >>> answer_type("얼마나 많은 기업이 참가했나?"), answer_type("How much did the bridge cost?")
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

