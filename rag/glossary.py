"""English → Korean term glossary for cross-lingual BM25 (dictionary-based query translation).

Dense retrieval carries cross-lingual matching on its own; this list lets BM25 contribute to
English questions too. General news and startup-policy vocabulary, lower-case English keys.
"""

from __future__ import annotations

import re

GLOSSARY: dict[str, list[str]] = {
    "korea": ["한국"], "korean": ["한국"], "japan": ["일본"], "japanese": ["일본"],
    "government": ["정부"], "ministry": ["부"], "minister": ["장관"], "vice": ["차관"], "deputy": ["차관"],
    "smes": ["중소벤처기업부", "중기부"], "mss": ["중소벤처기업부", "중기부"], "sme": ["중소"],
    "startup": ["스타트업", "창업"], "startups": ["스타트업", "창업"], "venture": ["벤처"], "ventures": ["벤처"],
    "hub": ["허브", "거점"], "hubs": ["허브", "거점"], "cooperation": ["협력"], "cooperate": ["협력"],
    "collaboration": ["협력", "협업"], "partnership": ["협력"], "agreement": ["협약"], "mou": ["업무협약", "협약"],
    "signed": ["체결"], "sign": ["체결"], "visit": ["방문"], "visited": ["방문"], "visits": ["방문"],
    "meeting": ["간담회", "면담"], "met": ["면담", "만나"], "meet": ["면담", "만나"],
    "bio": ["바이오"], "biotech": ["바이오"], "pharmaceutical": ["제약"], "pharma": ["제약"],
    "company": ["기업", "사"], "companies": ["기업", "개사"], "firms": ["기업"], "global": ["글로벌"],
    "open": ["개소", "개방"], "opening": ["개소"], "completion": ["완공"], "completed": ["완공"],
    "complete": ["완공"], "built": ["조성", "구축"], "building": ["조성", "구축"], "program": ["프로그램"],
    "programs": ["프로그램"], "equipment": ["장비"], "space": ["공간"], "share": ["공유"], "sharing": ["공유"],
    "research": ["연구"], "joint": ["공동"], "innovation": ["혁신", "이노베이션"], "tiger": ["호랑이"],
    "summit": ["정상"], "leaders": ["정상"], "diplomacy": ["외교"], "shuttle": ["셔틀"], "deeptech": ["딥테크"],
    "ai": ["ai"], "shonan": ["쇼난"], "ipark": ["i-park", "아이파크"], "tokyo": ["도쿄"], "incheon": ["인천"],
    "songdo": ["송도"], "fujisawa": ["후지사와"], "takeda": ["다케다"], "labhub": ["랩허브", "랩", "허브"],
    "lab": ["랩"], "ceo": ["ceo"], "cic": ["cic"], "reporter": ["기자"], "chungbuk": ["충북"],
    "special": ["특구"], "zone": ["특구"], "overseas": ["해외"], "demonstration": ["실증"],
    "tenants": ["입주"], "tenant": ["입주"], "resident": ["입주"], "residents": ["입주"],
    "morning": ["오전"], "afternoon": ["오후"], "schedule": ["일정"], "platform": ["플랫폼"],
    "largest": ["최대"], "biggest": ["최대"], "ecosystem": ["생태계"], "strategic": ["전략"],
    # Korean spellings of the same names, so either spelling in a question finds the other in a sentence
    "아이파크": ["i-park"], "i-park": ["아이파크"], "중기부": ["중소벤처기업부"], "중소벤처기업부": ["중기부"],
    "fujimoto": ["후지모토"], "yong-seok": ["용석"], "yong": ["용석"], "seok": ["용석"],
    "diplomatic": ["외교"], "policy": ["정책", "기조"], "trip": ["방문", "방일"], "agree": ["합의", "하기로"],
    "agreed": ["합의", "하기로"], "begin": ["착공", "시작"], "began": ["착공", "시작"], "construction": ["착공", "건설"],
    "employees": ["직원"], "staff": ["직원"], "budget": ["예산"], "next": ["다음"], "opened": ["개소", "개장"],
    "finished": ["완공"], "finish": ["완공"], "campus": ["캠퍼스"], "university": ["대학"],
    "position": ["차관"], "title": ["차관"], "day": ["일"], "city": ["도시"], "cities": ["도시"], "toshio": ["토시오"], "noh": ["노용석", "노"], "roh": ["노용석", "노"],
}

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]*")


def translate_terms(question: str) -> list[str]:
    """Korean terms for the English words of `question` that the glossary knows."""
    terms: list[str] = []
    for word in _WORD.findall(question.lower()):
        for part in [word, *word.split("-")]:
            terms.extend(GLOSSARY.get(part, []))
    return terms
