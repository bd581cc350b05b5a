"""Hostile and odd input: questions, article files, duplicate ids, upload names, unwritable folders.

Each bad input must give a clear error naming the problem (never a traceback) and lose nothing that
is already indexed. Articles written here are test data, titled "(test data)". Bad bytes on the
standard input of `rag ask` are tested in test_crash.py, which has the harness for CLI processes.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from rag.errors import HubqaError, QuestionError
from rag.ingest import ingest
from rag.store import load_snapshot

from conftest import DOCS

QUESTION = "쇼난 I-Park는 누가 조성했어?"
ARTICLE = "---\n{id}title: {title}\ndate: 2026-03-03\noutlet: hubqa test data\n---\n{body}\n"
HTML_BODY = ("시험용 문장에는 <img src=x onerror=alert(1)> 태그가 들어 있다. "
             "둘째 문장은 <script>alert('xss')</script> 코드를 담았다.\n\n"
             "셋째 문장은 [링크](javascript:alert(1)) 형식이다.")


def article(body: str, title: str = "시험용 기사 (test data)", doc_id: str | None = None) -> str:
    return ARTICLE.format(id=f"id: {doc_id}\n" if doc_id else "", title=title, body=body)


def stable(answer) -> dict:
    data = answer.as_json()
    data.pop("timings_ms")
    return data


# -- questions -----------------------------------------------------------------------------------

@pytest.mark.parametrize("question", ["", "   ", "\n\t\u3000 ", None])
def test_empty_questions_are_refused(assistant, question):
    with pytest.raises(QuestionError, match="the question is empty; type a question"):
        assistant.ask(question)
    with pytest.raises(QuestionError, match="the question is empty"):
        assistant.search(question)


def test_a_question_of_control_characters_only_is_refused(assistant):
    with pytest.raises(QuestionError, match="no printable characters"):
        assistant.ask("\x00\x07\x1b\u200b\ud800")


def test_a_1mb_question_is_truncated_with_a_notice_in_bounded_time(assistant):
    question = QUESTION + " " + "가나다라 " * 200_000  # 1,000,000+ characters
    started = time.perf_counter()
    answer = assistant.ask(question)
    seconds = time.perf_counter() - started
    limit = assistant.settings.max_question_chars
    assert len(answer.question) == limit and answer.question.startswith(QUESTION)
    cleaned = len(" ".join(question.split()))  # runs of spaces count as one
    assert answer.notices == [f"the question was {cleaned:,} characters; only the first {limit:,} were used"]
    assert seconds < 10, f"a 1 MB question took {seconds:.1f} s"
    print(f"1 MB question answered in {seconds:.2f} s")


def test_control_characters_and_lone_surrogates_are_removed(assistant):
    dirty = "쇼\x00난 I-Park\u200b는 누\ud800가 조성\x1b했어\udcff?\x07\u202e"
    answer = assistant.ask(dirty)
    assert answer.question == QUESTION
    assert stable(answer) == stable(assistant.ask(QUESTION))
    json.dumps(answer.as_json(), ensure_ascii=False).encode("utf-8")  # strict: no surrogate survives
    assert [h.sentence_id for h in assistant.search(dirty)] == [h.sentence_id for h in assistant.search(QUESTION)]


LONG_NUMBERS = r"""
from rag.answer.spans import best_span, candidates
from rag.question import AnswerType, analyse

runs = ["1" * 60 + "!!", "1," * 60 + "x", "1만" * 60 + "x!", "3." * 60]
for run in runs:
    sentence = f"측정값은 {run}였다."  # a table or an id pasted into an article
    for kind in AnswerType:
        candidates(kind, sentence)
    for question in ("측정값은 얼마인가?", "측정값은 몇 km인가?", "How much was it?", f"{run} 누가 했나?"):
        best_span(analyse(question), sentence)
print("read")
"""


def test_long_runs_of_digits_are_read_in_bounded_time():
    """A number pattern whose repeated group can split a digit run many ways backtracks exponentially on a
    long run (measured before the fix: 25 digits took 2 s, and each digit more doubled it); the answerer
    reads such text at once."""
    import subprocess
    import sys

    try:
        done = subprocess.run([sys.executable, "-c", LONG_NUMBERS], capture_output=True, text=True, timeout=120,
                              cwd=Path(__file__).resolve().parents[1])
    except subprocess.TimeoutExpired:
        pytest.fail("reading sentences with long digit runs did not finish in 120 s")
    assert done.returncode == 0 and done.stdout.strip() == "read", done.stderr[-2000:]


def test_html_in_a_question_is_returned_as_data(assistant):
    question = "<script>alert(1)</script> " + QUESTION
    answer = assistant.ask(question)
    assert answer.question == question and answer.as_json()["question"] == question  # escaping is the UI's job
    assert not answer.abstained and "다케다" in answer.answer


# -- article files -------------------------------------------------------------------------------

BAD_FILES = {  # name -> (bytes, what the reason must say)
    "zero.md": (b"", "the file is empty (0 bytes)"),
    "binary.md": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file (contains NUL bytes)"),
    "utf16.md": (article("유니코드 16 인코딩 문장.").encode("utf-16"), "binary file (contains NUL bytes)"),
    "euckr.md": (article("완성형 한글 인코딩 문장입니다.").encode("euc-kr"), "not UTF-8 (invalid byte at offset"),
    "header-only.md": (b"---\ntitle: t (test data)\ndate: 2026-03-03\n---\n\n  \n", "the article body is empty"),
    "huge.md": (None, "5,000,001 bytes is over the 5,000,000-byte article limit"),
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, settings, embed_model, weights_sha):
    """docs/ indexed, then bad files, an HTML article and duplicate ids ingested beside it."""
    root = tmp_path_factory.mktemp("hostile")
    corpus = root / "docs"
    shutil.copytree(DOCS, corpus, ignore=shutil.ignore_patterns("README*"))
    s = dataclasses.replace(settings, index_dir=root / "index", docs_dir=corpus)
    ingest([corpus], s, embed_model, weights_sha256=weights_sha)
    before = load_snapshot(s.index_dir)
    for name, (data, _) in BAD_FILES.items():
        if data is None:  # sparse: the size check must refuse it before reading 5 MB
            with open(corpus / name, "wb") as f:
                f.truncate(s.max_article_bytes + 1)
        else:
            (corpus / name).write_bytes(data)
    (corpus / "html.md").write_text(article(HTML_BODY, "<script>alert('title')</script> (test data)", "test-html"))
    (corpus / "dup-a.md").write_text(article("첫 번째 중복 기사 문장이다.", doc_id="test-dup"))
    (corpus / "dup-b.md").write_text(article("두 번째 중복 기사 문장이다.", doc_id="test-dup"))
    (corpus / "seed-clash.md").write_text(article("기존 기사를 덮어쓰려는 문장이다.", doc_id="herald-2026-02-25-shonan-cic"))
    report = ingest([corpus], s, embed_model, weights_sha256=weights_sha)
    elsewhere = root / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "dup-c.md").write_text(article("다른 폴더의 중복 기사 문장이다.", doc_id="test-dup"))
    later = ingest([elsewhere], s, embed_model, weights_sha256=weights_sha)
    return {"settings": s, "corpus": corpus, "before": before, "report": report, "later": later,
            "after": load_snapshot(s.index_dir)}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_bad_article_file_is_refused_by_name(hostile, name):
    reasons = {Path(f.path).name: f.reason for f in hostile["report"].failed}
    assert name in reasons, reasons
    assert reasons[name].startswith(str(hostile["corpus"] / name)) and BAD_FILES[name][1] in reasons[name]


def test_nothing_indexed_is_lost(hostile):
    before, after = hostile["before"], hostile["after"]
    for doc_id, entry in before.manifest.articles.items():
        assert after.manifest.articles[doc_id]["node_ids"] == entry["node_ids"]
        assert after.articles[doc_id] == before.articles[doc_id]
    assert sorted(hostile["report"].added) == ["test-dup", "test-html"]
    assert set(after.articles) == set(before.articles) | {"test-dup", "test-html"}


def test_a_duplicate_id_is_refused_by_name_and_the_first_kept(hostile):
    corpus = hostile["corpus"]
    reasons = {Path(f.path).name: f.reason for f in hostile["report"].failed}
    assert "duplicate article id 'test-dup'" in reasons["dup-b.md"] and str(corpus / "dup-a.md") in reasons["dup-b.md"]
    assert "duplicate article id 'herald-2026-02-25-shonan-cic'" in reasons["seed-clash.md"]
    later = hostile["later"]
    assert [Path(f.path).name for f in later.failed] == ["dup-c.md"] and not later.changed
    assert f"already indexed from {corpus / 'dup-a.md'}" in later.failed[0].reason
    articles = hostile["after"].articles
    assert articles["test-dup"].text == "첫 번째 중복 기사 문장이다."
    assert articles["herald-2026-02-25-shonan-cic"] == hostile["before"].articles["herald-2026-02-25-shonan-cic"]


def test_html_in_an_article_is_kept_as_data_with_exact_offsets(hostile, embed_model, weights_sha):
    from rag.assistant import Assistant

    a = Assistant(hostile["settings"], embed_model, weights_sha)
    a.reload()
    stored = a.article("test-html")
    assert stored.text == HTML_BODY and stored.title == "<script>alert('title')</script> (test data)"
    hits = [h for h in a.search("onerror=alert 태그가 들어 있는 시험용 문장", k=10) if h.doc_id == "test-html"]
    assert hits, "the HTML article was not found"
    for hit in hits:
        assert stored.text[hit.start:hit.end] == hit.text
    assert any("<img src=x onerror=alert(1)>" in h.text for h in hits)


def test_the_eval_report_escapes_html(assistant, tmp_path):
    from evals.qa import load_set
    from evals.report import write_report
    from evals.runner import evaluate_set

    qa = tmp_path / "hostile.jsonl"
    items = [{"id": "<img src=x onerror=alert(1)>", "language": "ko",
              "question": "<script>alert(1)</script> " + QUESTION, "answers": ["<b>없는 답</b>"], "support": ["x#0"]},
             {"id": "md-link", "language": "ko", "question": "[눌러](javascript:alert(1)) " + QUESTION,
              "answers": ["없는 답"], "support": ["x#0"]}]
    qa.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items), encoding="utf-8")
    result = evaluate_set(assistant, load_set(qa), modes=("hybrid",))
    report = write_report(tmp_path / "report", {"sets": {"<i>hostile</i>": result}, "corpus": "seed"})
    text = report.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "&lt;img src=x" in text
    assert not re.search(r"<(script|img|b|i)\b", text)
    assert not re.search(r"(?<!\\)\]\(javascript:", text), "a Markdown link to javascript: stays clickable"


# -- folders and upload names --------------------------------------------------------------------

def test_an_index_folder_that_cannot_be_created_is_a_clear_error(hostile, embed_model, weights_sha, tmp_path):
    """Root ignores file modes, so the index folder is made impossible by putting it under a regular file."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    s = dataclasses.replace(hostile["settings"], index_dir=blocker / "index")
    with pytest.raises(HubqaError, match=r"a-file/index.*(--index|HUBQA_INDEX_DIR)"):
        ingest([hostile["corpus"] / "html.md"], s, embed_model, weights_sha256=weights_sha)


SAFE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?\.(?:md|txt)$")


@hsettings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("./\\.. -_~:aZ9기사\x00\n\u202e")) | st.characters(), max_size=60))
def test_an_upload_name_never_leaves_the_docs_folder(name):
    from rag.corpus import _ID
    from ui.uploads import safe_name

    safe = safe_name(name)
    assert SAFE.match(safe), safe
    docs = Path("/srv/hubqa-docs")
    assert (docs / safe).resolve().parent == docs and _ID.match(Path(safe).stem)


def test_hostile_upload_file_names_are_saved_inside_the_docs_folder(tmp_path):
    from ui.uploads import ArticleForm, prepare, save

    docs, uploads = tmp_path / "docs", tmp_path / "uploads"
    uploads.mkdir()
    names = ["..md", "...md", ".bashrc.md", "-rf .md", "$(reboot).txt", "a\nb.md", "CON.txt", "기사\u202egnp.md"]
    pending = []
    for n, name in enumerate(names):
        (uploads / name).write_text(article(f"{n}번째 이름 시험 문장이다.", doc_id=None), encoding="utf-8")
        pending.append(prepare(uploads / name, docs, ArticleForm(), max_bytes=10_000,
                               taken={p.target for p in pending}))
    saved = save(pending, docs)
    assert sorted(p.name for p in docs.iterdir()) == sorted(p.name for p in saved) and len(saved) == len(names)
    for path in saved:
        assert path.parent == docs.resolve() and SAFE.match(path.name), path
