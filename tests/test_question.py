"""Question analysis without the embedding model (Kiwi only): typing, names, terms, follow-ups.

The questions are written for these tests; several mention the seed article's names on purpose, to
show the general rules work on them (no rule under rag/ knows them).
"""

import dataclasses

import pytest

from rag.conversation import Turn
from rag.question import AnswerType as T
from rag.question import Question, analyse, answer_type

TYPED = [
    # counts
    ("How many Korean ventures are resident at the park?", T.COUNT),
    ("What is the number of companies in the programme?", T.COUNT),
    ("얼마나 많은 기업이 입주해 있나?", T.COUNT),  # not money: 얼마나 많은 asks how many
    ("입주 기업은 몇 개사인가?", T.COUNT),
    ("연세대 학생은 몇 명인가?", T.COUNT),  # 연세대 is a university, not an age
    ("태풍은 몇 등급으로 약해졌나?", T.COUNT),  # "몇" before any counter noun, not only the listed ones
    ("미사일은 몇 기 배치되나?", T.COUNT),
    ("매출이 몇 배 늘었나?", T.COUNT),
    # money
    ("How much did the new building cost?", T.MONEY),
    ("How much will the ministry invest in the programme?", T.MONEY),
    ("What is the budget of the project?", T.MONEY),
    ("예산은 얼마인가?", T.MONEY),
    ("투자 규모는 얼마인가요?", T.MONEY),
    ("How much bail was set for the driver?", T.MONEY),  # "how much" with a money noun
    ("How much in housing subsidies do renters receive?", T.MONEY),
    ("How much prize money will the person who finishes first take home?", T.MONEY),  # "who" there asks no person
    # age
    ("How old is the chief executive?", T.AGE),
    ("그 대표의 나이는?", T.AGE),
    ("차관은 몇 살인가?", T.AGE),
    # dates and times
    ("When will the hub open?", T.DATE),
    ("In what year was the agreement signed?", T.DATE),
    ("협약은 언제 체결됐나?", T.DATE),
    ("몇 년에 완공되나?", T.DATE),
    ("그는 실종된 지 얼마 만에 발견됐나?", T.DATE),  # a duration, not an amount
    ("복구 작업은 얼마나 걸리나?", T.DATE),  # how long it takes
    ("What time did the visit start?", T.TIME),
    ("Was the visit in the morning or the afternoon?", T.TIME),
    ("방문은 몇 시에 시작했나?", T.TIME),
    # measures: a distance, size, speed, share or rank (questions written for this test)
    ("How far from the coast did the ship sink?", T.MEASURE),
    ("What size of telescope did the team use?", T.MEASURE),
    ("Where did the city rank in the survey?", T.MEASURE),  # a rank, not a place
    ("What place did the team take in the final?", T.MEASURE),
    ("What place did the minister visit?", T.PLACE),
    ("공장은 시내에서 얼마나 떨어져 있나?", T.MEASURE),
    ("회관의 연면적은 얼마인가?", T.MEASURE),  # an area, not money
    ("광맥은 지표 아래 얼마 깊이에 묻혀 있나?", T.MEASURE),  # "얼마" before a measure noun asks that measure
    ("How much office space does the tower have?", T.MEASURE),  # an area, not a count
    ("How many kilometres did the convoy travel?", T.MEASURE),  # a unit, not a thing counted
    ("열차는 몇 km를 달렸나?", T.COUNT),  # counted in a Latin unit
    ("경찰이 압수한 마약의 양은?", T.MEASURE),
    ("올해 쌀 생산량은 얼마인가?", T.MEASURE),
    ("올해 실업률은?", T.MEASURE),
    ("How long did the talks last?", T.DATE),  # a duration
    # people, organisations, places
    ("Who met the vice minister?", T.PERSON),
    ("차관은 누구를 만났나?", T.PERSON),
    ("Which foreign minister resigned over the dispute?", T.PERSON),  # a role names a person
    ("Which character does she play in the new series?", T.PERSON),
    ("어느 선수가 결승에 올랐나?", T.PERSON),
    ("What did the minister say about the plan?", T.DESCRIPTION),  # the role is the subject, not the answer
    ("Which company built the research park?", T.ORGANISATION),
    ("Which company will invest in the hub?", T.ORGANISATION),  # "invest" alone is not money
    ("어느 기업이 연구단지를 조성했나?", T.ORGANISATION),
    ("그 회사는 어디인가?", T.ORGANISATION),  # 어디 with a company as its head
    ("신약을 함께 개발하는 제약사는 어디인가?", T.ORGANISATION),  # a kind of company: 제약사, 항공사, 스타트업
    ("Which airline flew the route?", T.ORGANISATION),
    ("Which court sentenced him?", T.ORGANISATION),
    ("Which drugmakers take part?", T.ORGANISATION),  # a plural
    ("What did police seize?", T.DESCRIPTION),  # an auxiliary after "what": the body is the clause's subject
    ("What did city officials say?", T.DESCRIPTION),
    ("Which nation will host the next games?", T.PLACE),
    ("In which Norvian province is Hanbit?", T.PLACE),  # a demonym before a place noun only describes it
    ("Which Norvian carmaker won the tender?", T.ORGANISATION),
    ("What is the name of Hanbit Bank's spokesman?", T.PERSON),  # a possessive before the role
    ("What is the name of the company's founder?", T.PERSON),
    ("What is the name of the company?", T.ORGANISATION),
    ("계약 기간은 얼마인가?", T.DATE),  # a period: a duration, not money
    ("How much is the new subway fare?", T.MONEY),  # a money noun after "how much"
    ("인터뷰를 내보낸 방송사는 어디인가?", T.ORGANISATION),
    ("Where is the lab hub being built?", T.PLACE),
    ("Where does Lee, the professor who sued the city, teach?", T.PLACE),  # a relative "who" asks for no one
    ("기사를 쓴 기자 이름은?", T.PERSON),  # the name of a person noun
    ("한빛제약 최고경영자 이름이 뭐야?", T.PERSON), ("구조된 두 명의 이름은?", T.PERSON),  # a title; people counted
    ("정부가 지목한 단체의 이름은?", T.ORGANISATION),
    # what kind of person someone named is, not who; a typed noun after 어떤 still decides; a particle ends no modifier
    ("박지훈 이사장은 어떤 인물인가?", T.DESCRIPTION), ("그는 어떤 분야를 연구하는 사람인가?", T.DESCRIPTION),
    ("그는 어떤 단체를 이끄는 인물인가?", T.ORGANISATION), ("어떤 사람이 회사를 세웠나?", T.PERSON),
    ("And to whom did the hub sell it?", T.PERSON),
    ("In the 2031 race, who came second?", T.PERSON),
    ("Do you know who founded the lab?", T.PERSON),
    ("In which city is the campus?", T.PLACE),
    ("연세대는 어디에 있나?", T.PLACE),
    ("차관이 방문한 도시는 어느 곳인가?", T.PLACE),
    ("구조대는 어느 섬에서 배를 찾았나?", T.PLACE),
    ("그는 어느 병원에서 수술을 받았나?", T.PLACE),
    ("어느 산업이 가장 빨리 성장했나?", T.DESCRIPTION),  # 산 (a mountain) only as a word of its own
    # reasons and descriptions
    ("Why did the minister visit Japan?", T.REASON),
    ("차관이 일본을 방문한 이유는?", T.REASON),
    ("왜 협력하기로 했나?", T.REASON),
    ("What did the two sides agree on?", T.DESCRIPTION),
    ("양측은 무엇을 합의했나?", T.DESCRIPTION),
    # no interrogative: the last noun says what is asked (questions written for this test)
    ("한빛랩이 설립된 해는?", T.DATE),
    ("협약을 체결한 날짜는?", T.DATE),
    ("한빛랩은 어느 해에 문을 열었나?", T.DATE),
    ("행사가 열린 개최도시는?", T.PLACE),
    ("그가 태어난 곳은?", T.PLACE),
    ("대회에서 우승한 선수는?", T.PERSON),
    ("이 제품을 개발한 회사는?", T.ORGANISATION),
    ("행사에 참가한 나라의 수는?", T.COUNT),
    ("계획을 발표한 한빛재단의 이사장은?", T.PERSON),  # a title heads the question
    ("회담이 유익했다고 말한 국무차관은?", T.PERSON),  # a compound ending in a title
    ("그가 선거에서 이긴 경쟁자는?", T.PERSON),
    ("부패 의혹을 받는 여당은?", T.ORGANISATION),
    ("올해 가장 크게 성장한 시장은?", T.DESCRIPTION),  # "시장" is more often a market than a mayor
    ("지진 피해는?", T.DESCRIPTION),  # "피해" is no year
    ("뭐 해?", T.DESCRIPTION),  # a bare "해" is the verb
    ("마지막 공연은 어디서 해?", T.PLACE),
    # a quoted phrase is a name the question gives, no cue (invented)
    ("한빛은행이 세운 '1억 달러 펀드'는 무엇에 투자하나?", T.DESCRIPTION),
    ("Who sang 'How Much Is That Doggie'?", T.PERSON),
    ("How much did Hanbit's lab cost?", T.MONEY),  # an apostrophe opens no quote
    ("How much damage in dollars did the storm cause?", T.MONEY),  # a currency the answer is given in
    # "the name of" a person, place or body asks for that name; a death toll is a count (invented)
    ("What is the name of the Hanbit Bank spokesman?", T.PERSON),
    ("What was the name of the pilot who landed the plane?", T.PERSON),
    ("What was the name of the hostage freed on Monday?", T.PERSON),  # any noun for a person
    ("Which guitarist joined the band in 1999?", T.PERSON),  # and the agent suffixes -ist, -ian
    ("What was the name of the comedian who hosted the show?", T.PERSON),
    ("Which checklist did the inspectors use?", T.DESCRIPTION),  # a list is no one
    ("What is the name of the hospital where she was treated?", T.PLACE),
    ("Which island did the tourists sail from?", T.PLACE),
    ("What was the death toll of the landslide?", T.COUNT),
    ("Which team won the relay?", T.ORGANISATION),  # "won" alone is a win, not the currency
    ("How much did she pay in won?", T.MONEY),
    ("Which party nominated the senator?", T.ORGANISATION),
    ("Who is Hanna Berg?", T.DESCRIPTION),  # a name alone: what she is, as "어떤 인물인가?"
    ("Who is the chairman of Hanbit Bank?", T.PERSON),
    ("What was the cause of the blackout?", T.REASON),
    ("What caused the blackout?", T.REASON),
    ("How many years did the mayor serve?", T.DATE),  # a duration: "5년간"
    ("What population does Hanbit county have?", T.COUNT),
    ("한빛시의 인구는?", T.COUNT),
    ("한빛타워의 층수는?", T.COUNT),  # a count of floors
    ("하루에 필요한 물 양은?", T.MEASURE),  # how much of it
    ("태풍 누리의 최대 풍속은?", T.MEASURE),
    ("어제 한빛시의 강수량은 얼마였나?", T.MEASURE),  # not money: 얼마 of a measure noun
    ("한빛시 의회는 몇 시간 동안 열렸나?", T.COUNT),  # 몇 시간: hours counted, not the time of day
    ("씨름 대회 우승팀은?", T.ORGANISATION),
    ("어느 클럽이 그를 영입했나?", T.ORGANISATION),
]


@pytest.mark.parametrize("text, expected", TYPED)
def test_answer_type_follows_the_strongest_cue(text, expected):
    assert answer_type(text) is expected
    assert analyse(text).answer_type is expected


@pytest.mark.parametrize("text, expected", [
    ("한서윤 씨는 누구인가?", T.DESCRIPTION),  # a name the question gives, alone: what she is (invented name)
    ("김철수는 누구야?", T.DESCRIPTION),
    ("씨름 대회 우승자는 누구인가?", T.PERSON),  # a role: who holds it
    ("한빛전자 대표는 누구인가?", T.PERSON),
])
def test_who_is_a_named_person_asks_what_they_are(text, expected):
    assert analyse(text).answer_type is expected


@pytest.mark.parametrize("text, language", [
    ("When will K-StartHub open?", "en"), ("K-StartHub는 언제 개소해?", "ko"), ("What is 다케다?", "en"),
    ("쇼난 I-Park는 누가 조성했어?", "ko"),
    # invented: a Latin name that opens a Korean question is no English word ("AT" of "AT&T", "A" of "A씨")
    ("AT&T 가입자는 새 요금제를 얼마에 쓸 수 있나?", "ko"), ("A씨는 언제 체포됐나?", "ko"), ("A 교수는 누구를 만났나?", "ko"),
    ("Which 8 bands played the festival in 2019?", "en"), ("What's 한빛랩?", "en"),
])
def test_language(text, language):
    assert analyse(text).language == language


@pytest.mark.parametrize("text, names", [
    ("What is K-StartHub?", ("K-StartHub",)),
    ("Who is the CEO of CIC Tokyo?", ("CIC Tokyo",)),  # a title is not a name
    ("How many Korean ventures are resident at Shonan iPark?", ("Shonan iPark",)),  # a nationality is not
    ("노용석 차관은 쇼난 I-Park에서 누구를 만났나?", ("노용석", "쇼난 I-Park")),  # Hangul and Latin in one name
    ("K-바이오랩허브는 어디에 조성되고 있나?", ("K-바이오랩허브",)),  # the particle is not part of the name
    ("한국과 일본은 무엇을 합의했나?", ()),  # countries are too broad to be names
    # invented: any country, not a few, in either language; joined by a hyphen or "·" too
    ("태국과 캄보디아는 무엇을 합의했나?", ()), ("How many people did Typhoon Nari kill in Taiwan?", ("Typhoon Nari",)),
    ("한·일 정상은 무엇을 합의했나?", ()), ("Where did the Thai-Cambodian talks take place?", ()),
    ("What did the two sides agree on?", ()),
    # invented: a word capitalised only to open the question, before a function word, is no name; a month is a date
    ("Besides the mayor, who spoke at Hanbit Hall?", ("Hanbit Hall",)), ("Firms from which countries joined?", ()),
    ("How many visitors came to Hanbit Park in April?", ("Hanbit Park",)), ("Marondi met whom?", ("Marondi",)),
    ("What did the Brazilian judges rule?", ()), ("What did Sebastian Marondi say?", ("Sebastian Marondi",)),
    # invented: a number with a counter after it is not part of the name; one written alone is
    ("한빛 2공장은 어디에 있나?", ("한빛",)), ("한빛 3G는 언제 나왔나?", ("한빛 3G",)),
])
def test_names(text, names):
    assert analyse(text).names == names


def test_the_countries_a_question_names_are_kept_apart_from_its_names():
    # invented questions: a country is what the question is about, but too broad to look for beside a sentence
    assert analyse("캐나다의 인구는?").countries == ("캐나다",) and analyse("캐나다의 인구는?").names == ()
    assert analyse("How many Thai firms joined Hanbit Lab?").countries == ("Thai",)
    assert analyse("한빛랩은 언제 문을 열었나?").countries == ()
    assert analyse("How many Koreans live in Hanbit?").countries == ("Koreans",), "a people is its country's"
    # a nationality that only describes is no name, but the question is about its country (invented)
    assert analyse("How much did the Bolivian truck cost?").countries == ("Bolivian",)
    # a country inside a company's name, as the article rule reads it ("미국산" does not name the US)
    assert analyse("뉴질랜드항공에서 일하는 조종사는 몇 명인가?").countries == ()


def test_terms_are_content_morphemes_without_question_words():
    q = analyse("쇼난 아이파크에 입주한 한국 벤처는 몇 개사야?")
    assert {"쇼난", "아이파크", "입주", "벤처"} <= set(q.terms)
    assert not {"몇", "는", "야"} & set(q.terms)
    q = analyse("When did the ministry sign the MOU?")
    assert q.terms == ("ministry", "sign", "mou")


def test_modifiers_pick_the_event():
    assert analyse("When is the next visit?").modifiers == ("next",)
    assert analyse("첫 방문은 언제였나?").modifiers == ("첫",)
    assert analyse("When was the visit?").modifiers == ()


def test_question_is_frozen():
    q = analyse("When will K-StartHub open?")
    assert isinstance(q, Question)
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.query = "x"


def test_follow_up_carries_the_name_of_the_earlier_turn():
    q = analyse("When will it open?", [Turn("What is K-StartHub?")])
    assert q.query == "K-StartHub. When will it open?"
    assert q.names == ("K-StartHub",)
    assert q.text == "When will it open?" and q.answer_type is T.DATE
    assert "starthub" in q.terms  # the carried name's morphemes are terms too


def test_korean_follow_up_with_a_place_pointer():
    q = analyse("거기엔 몇 개사가 입주해 있나?", [Turn("쇼난 아이파크는 어디에 있나?")])
    assert q.query.startswith("쇼난 아이파크") and q.names == ("쇼난 아이파크",)
    assert q.answer_type is T.COUNT


def test_korean_follow_up_with_a_person_pointer():
    q = analyse("그는 누구를 만났나?", [Turn("노용석 차관은 일본에서 어디를 방문했나?")])
    assert "노용석" in q.query and q.names == ("노용석",)
    assert q.answer_type is T.PERSON


def test_follow_up_skips_turns_that_named_nothing():
    history = [Turn("What is the K-Bio Labhub?"), Turn("Tell me more.")]
    assert analyse("When will it be completed?", history).names == ("K-Bio Labhub",)


def test_a_question_that_names_its_subject_stands_alone():
    q = analyse("When will K-StartHub open?", [Turn("What is Shonan iPark?")])
    assert q.query == "When will K-StartHub open?" and q.names == ("K-StartHub",)
    assert analyse("When will it open?").query == "When will it open?"  # no history, nothing to carry


def test_a_money_noun_without_how_much_asks_no_money():
    assert answer_type("Which coach received the biggest bonus?") != T.MONEY  # invented
    assert answer_type("How much was the coach's bonus?") == T.MONEY
    assert answer_type("How much did the coach receive in bonuses?") == T.MONEY  # plural money nouns


def test_a_bare_how_much_does_not_name_money():
    assert analyse("건립 예산은 얼마인가?").money_named and analyse("포상금은 얼마였나?").money_named
    assert analyse("전시회 입장료는 얼마인가?").money_named and analyse("당첨금은 얼마였나?").money_named  # fees, prizes
    assert not analyse("하루 생산량을 얼마까지 늘리나?").money_named and not analyse("연구원은 누구인가?").money_named
    assert analyse("How much did she get for the farm?").how_much and not analyse("얼마를 받았나?").how_much


def test_a_question_says_the_years_it_names():
    assert analyse("2030년 리그에는 몇 개 팀이 참가했나?").years == ("2030",)  # invented
    assert analyse("How many of the 2000 soldiers went home in 2008?").years == ("2008",)
    assert analyse("한빛방송은 1800시간을 방영하나?").years == ()


def test_a_question_says_the_alternatives_it_offers():
    assert analyse("시장은 야시장을 낮과 밤 중 언제 찾았나?").options == ("낮", "밤")  # invented
    assert analyse("Was the ship sunk by a storm or a mine?").options == ("storm", "mine")
    assert analyse("차관은 오후에 어디를 방문했나?").options == ()


@pytest.mark.parametrize("text, unit, measure_kinds", [
    # invented questions: the counter a count asks in, the kinds of unit a measure asks in (() for any)
    ("입주 기업은 몇 개사인가?", "개사", ()),
    ("그는 몇 층에서 현수막을 걸었나?", "층", ()),
    ("How many people died?", "명", ()),
    ("How many employees were laid off?", "명", ()),  # people of any role are counted in 명
    ("How many crew members survived?", "명", ()),
    ("한빛시의 인구는?", "명", ()),
    ("사고 사망자 수는?", "명", ()),
    ("입주 기업 수는?", None, ()),
    ("What is the population of Hanbit?", "명", ()),
    ("How high is the new tower?", None, ("length", "storeys")),
    ("How many ships sank?", None, ()),
    ("How far from the port did the ship sink?", None, ("length",)),
    ("실업률은 얼마인가?", None, ("share",)),
    ("군은 유류 사용량을 얼마나 줄이나?", None, ()),
    ("How much office space does the tower have?", None, ("area",)),
    ("How many kilometres did the convoy travel?", None, ("length",)),
    ("How many terabytes of records did the bank hand over?", None, ("data",)),
    ("How many tons of rice were shipped?", None, ("weight",)),
    ("열차는 몇 km를 달렸나?", "km", ()),  # a unit in Latin letters
    ("What time did the ferry leave?", "시", ()),  # the hour on the clock, as "몇 시" asks it
    ("배는 몇 시에 떠났나?", "시", ()),
    ("At what time of day did the ferry leave?", None, ()),  # a part of the day answers
    ("경찰이 압수한 마약의 양은?", None, ("weight", "volume")),  # a quantity of a thing, not money
])
def test_a_question_says_the_unit_it_asks_in(text, unit, measure_kinds):
    question = analyse(text)
    assert (question.unit, question.measure_kinds) == (unit, measure_kinds)


@pytest.mark.parametrize("text, role, predicate, anchor, topic", [
    ("기업들은 간담회에서 무엇을 건의했나?", "object", "건의", "간담회에서", None),
    ("뭘 발표했어?", "object", "발표", None, None),
    ("양측은 어떤 프로그램을 추진하기로 했나?", "object", "추진", "양측은", "양측"),
    ("경찰은 시신의 신원을 무엇으로 확인했나?", "means", "확인", "신원을", "신원"),
    ("무엇이 문제였나?", "subject", None, None, None),
    ("이 센터의 운영 방식은 무엇인가?", "copula", None, "방식은", "방식"),
    ("차관이 강조한 것은 무엇인가요?", "object", "강조", None, None),
    ("그들이 받은 상은?", "object", "받", None, None),  # no interrogative: the clause before the last noun
    ("기업들이 건의한 내용은?", "object", "건의", None, None),
    ("회의에서 승인된 안건은?", "subject", "승인", None, None),  # passive: the noun is its subject
])
def test_a_korean_what_question_says_where_its_answer_stands(text, role, predicate, anchor, topic):
    slot = analyse(text).slot
    assert (slot.role, slot.predicate, slot.anchor, slot.topic) == (role, predicate, anchor, topic)


@pytest.mark.parametrize("text, asks", [
    # questions written for this test
    ("한빛시 시장의 이름은 무엇인가?", True), ("새 다리의 명칭은?", True), ("What is the name of the ship?", True),
    ("What are the names of the ten firms?", True), ("한빛시 시장은 누구인가?", False), ("Who named the ship?", False),
])
def test_a_question_that_asks_for_a_name_says_so(text, asks):
    assert analyse(text).asks_name is asks


@pytest.mark.parametrize("text", ["What did the two sides agree on?", "차관은 언제 방문했나?", "왜 협력하기로 했나?",
                                  "누가 무엇을 말했나?"])
def test_only_korean_description_questions_get_a_slot(text):
    """Typed questions have spans of their type; English questions meet Korean sentences by meaning only."""
    assert analyse(text).slot is None


@pytest.mark.parametrize("text, owners", [
    # questions written for this test
    ("교황의 나이는?", ("교황",)),
    ("한빛시의 인구는 몇 명인가?", ("한빛시",)),
    ("그 회사의 대표는 누구야?", ()),  # "그 회사" points back to an earlier turn
    ("입주한 기업 10개사의 이름은?", ()),  # a count, not an owner
    ("공항 20곳의 활주로에 설치할 것은?", ()),
    ("대표는 누구인가?", ()),
    ("What is the age of the pope?", ()),  # English questions meet Korean sentences by meaning
])
def test_a_korean_question_names_whose_value_it_asks(text, owners):
    assert analyse(text).owners == owners


@pytest.mark.parametrize("text, head", [
    # questions written for this test
    ("1등 상금은 얼마였나?", "상금"),
    ("한빛시의 인구는 몇 명인가?", "인구"),
    ("새 공장은 어디에 짓나요?", "공장"),
    ("협약은 언제 체결됐나?", "협약"),
    ("언제 열리나?", None),  # nothing before the interrogative
    ("How much was the prize?", None),  # English questions meet Korean sentences by meaning
])
def test_a_korean_question_names_the_noun_its_interrogative_follows(text, head):
    assert analyse(text).head == head


@pytest.mark.parametrize("text, duration", [
    ("How long will the repairs take?", True), ("복구 작업은 얼마나 걸리나?", True), ("공사는 얼마 동안 진행되나?", True),
    ("그는 몇 년 만에 우승했나?", True), ("며칠 동안 머물렀나?", True), ("그는 얼마나 오래 머물렀나?", True),
    ("When did the repairs start?", False), ("몇 년에 설립됐나?", False), ("공사는 언제 끝나나?", False),
])
def test_a_question_for_how_long_asks_a_duration(text, duration):
    assert analyse(text).asks_duration is duration


def test_how_long_a_money_thing_lasts_is_a_duration_not_money():
    """Invented: "얼마 동안" asks how long even of wages; "얼마" alone with a money noun still asks money."""
    assert analyse("임금은 얼마 동안 동결되나?").answer_type == T.DATE
    assert analyse("보상금은 얼마 만에 지급됐나?").answer_type == T.DATE
    assert analyse("임금은 얼마인가?").answer_type == T.MONEY


@pytest.mark.parametrize("earlier, follow_up, query, kind", [
    # invented names: a follow-up that only names something asks the earlier question of it
    ("What is the Hanbit Lab?", "And the Nuri Hub?", "What is the Nuri Hub?", T.DESCRIPTION),
    ("When will the Hanbit Lab open?", "What about the Nuri Hub?", "When will the Nuri Hub open?", T.DATE),
    ("부산에는 몇 개 기업이 입주했나?", "그럼 대구는?", "대구에는 몇 개 기업이 입주했나?", T.COUNT),
    ("Who is the CEO of Hanbit Electronics?", "And Nuri Motors?", "Who is the CEO of Nuri Motors?", T.PERSON),
])
def test_an_elliptical_follow_up_asks_the_earlier_question_of_what_it_names(earlier, follow_up, query, kind):
    asked = analyse(follow_up, [Turn(earlier)])
    assert (asked.query, asked.answer_type, asked.text) == (query, kind, follow_up)


def test_an_elliptical_follow_up_with_no_name_keeps_its_words_and_the_earlier_type():
    injured = analyse("부상자는?", [Turn("한빛 화재로 몇 명이 숨졌나?")])
    assert (injured.answer_type, injured.unit) == (T.COUNT, "명") and "부상자" in injured.query
    assert "한빛" in injured.query  # the earlier turn's name is carried
    # a role noun asks what it names, not the earlier question: "대표는?" after "언제 설립됐나?" asks who
    assert analyse("대표는?", [Turn("한빛전자는 언제 설립됐나?")]).answer_type is T.PERSON
    # an interrogative asks its own question; with no history there is nothing to complete
    assert analyse("언제 일어났어?", [Turn("한빛 화재로 몇 명이 숨졌나?")]).answer_type is T.DATE
    assert analyse("부산은?").answer_type is T.DESCRIPTION
    # asked in another language, it is answered in its own
    english = analyse("And Nuri Motors?", [Turn("한빛전자의 대표는 누구인가?")])
    assert (english.language, english.answer_type) == ("en", T.PERSON)
    # the office asked about goes on, or the follow-up names another (invented)
    mayor = [Turn("Who is the mayor of Hanbit?")]
    assert analyse("What about Nuri City?", mayor).role_titles == ("시장",)
    assert analyse("And the governor?", mayor).role_titles[0] == "주지사"
    assert analyse("그럼 부산은?", [Turn("한빛시 시장은 누구인가?")]).role_titles == ("시장",)
    assert analyse("그럼 대표는?", [Turn("한빛시 시장은 누구인가?")]).role_titles == ("대표",)
