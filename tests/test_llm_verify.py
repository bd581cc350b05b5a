"""The generative-mode verifier as pure logic: crafted bad answers, and real model outputs we saved."""

import json
from pathlib import Path

import pytest

from rag.llm import verify

SOURCES = {
    1: "중기부와 쇼난 I-Park는 2023년 11월 업무협약 체결 이후 협력을 이어오고 있으며, 현재 충북 글로벌혁신특구 "
       "해외실증 지원을 통해 한국 벤처 10개사가 현지에 입주해 있다.",
    2: "노 차관은 오전 일정으로 쇼난 I-Park를 찾아 후지모토 토시오 CEO와 면담을 갖고, 인천 송도에 조성 중인 "
       "K-바이오랩허브와의 연계 방안을 협의했다.",
}

GOOD = [
    "중기부와 쇼난 I-Park는 2023년 11월 업무협약을 체결했다 [1].",
    "Ten Korean ventures, 10 in all, are resident at Shonan I-Park [1].",
    # Latin names meet Hangul ones by sound ("Toshio" 토시오); an acronym the sources never write ("MOU" for
    # 업무협약) is not verifiable without a glossary, so this answer says "agreement".
    "The vice minister met Toshio Fujimoto, the CEO of Shonan iPark [2]. They signed an agreement in November 2023 [1].",
]

BAD = [
    ("", "did not answer"),
    ("NOT_ANSWERABLE", "did not answer"),
    ("중기부와 쇼난 I-Park는 2023년 11월 업무협약을 체결했다.", "without a valid citation"),
    ("중기부와 쇼난 I-Park는 2023년 11월 업무협약을 체결했다 [7].", "do not exist"),
    ("쇼난 I-Park에는 한국 벤처 12개사가 입주해 있다 [1].", "'12'"),
    ("The MOU was signed in November 2024 [1].", "'2024'"),
    ("The vice minister met the CEO of CIC Tokyo [2].", "'CIC'"),
    ("노 차관은 손정의 회장을 만났다 [2].", "'손정의'"),
    ("Ten ventures are resident [1]. The hub opens in 2026 [1].", "'2026'"),  # one bad sentence is enough
    ("Ten ventures are resident [1] [2] [1] [2] [1] [2]", "more than 3 sources"),  # the degenerate output a bad chat template gave
    ("10 [1]", "no words"),
    ("[4]", "no words"),  # what the model answered before the prompt asked for a complete sentence
]


@pytest.mark.parametrize("text", GOOD)
def test_supported_answers_pass(text):
    assert verify(text, SOURCES) == []


@pytest.mark.parametrize("text, problem", BAD)
def test_unsupported_answers_fail(text, problem):
    problems = verify(text, SOURCES)
    assert problems and any(problem in p for p in problems), problems


def test_saved_real_model_outputs():
    """Outputs of the packaged Qwen2.5-Coder-1.5B (saved by tests/test_llm_local.py); each has a verdict."""
    saved = json.loads((Path(__file__).parent / "data" / "llm_outputs.json").read_text(encoding="utf-8"))
    assert len(saved) >= 4
    for case in saved:
        sources = {int(k): v for k, v in case["sources"].items()}
        assert (verify(case["output"], sources) == []) == case["verified"], case
