"""Crash safety: real `rag` processes SIGKILLed while they write the index, and damaged index files.

Faults are injected by tests/helpers_crash.py (its docstring lists the kill triggers): kills by time,
by progress output, by a `*.partial` folder appearing, and at exact calls of the write protocol
(store.write_snapshot: files into v….partial → rename to v… → CURRENT.tmp → os.replace → prune).
After every kill the index must load and answer exactly as before, and a rerun must complete.
The same harness runs `rag ask` on hostile standard input (bad bytes, control characters, HTML).

Test data: articles built from KLUE-STS dev sentences (CC BY-SA 4.0, evals/data/klue-sts), each titled
"(test data)"; they are not news articles and never enter docs/.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from pathlib import Path

import pytest

from rag.assistant import Assistant
from rag.errors import HubqaError, IndexMismatch
from rag.ingest import ingest
from rag.store import current_version, load_snapshot

from conftest import DOCS, klue_pairs, run_crash_plan

BIG_ARTICLES = 200  # one KLUE sentence each: a large ingest in article count, quick to embed
QUESTIONS = ["중기부와 쇼난 I-Park는 언제 업무협약을 맺었나?", "Who did the vice minister meet at Shonan iPark?",
             "K-바이오랩허브는 언제 완공되나?"]
HEADER = "---\nid: {id}\ntitle: KLUE 문장 {n} (test data)\ndate: 2026-01-01\noutlet: hubqa test data\n---\n"


def klue_article(doc_id: str, n: int, sentences: list[str]) -> str:
    return HEADER.format(id=doc_id, n=n) + " ".join(sentences) + "\n"


_REFERENCE: dict[str, dict] = {}  # answers of the saved reference states, which never change


def answers(index_dir: Path, settings, embed_model, sha) -> dict:
    """What a user sees for QUESTIONS: ranked sentences with scores, and the full answers."""
    a = Assistant(dataclasses.replace(settings, index_dir=index_dir), embed_model, sha)
    a.reload()
    out = {}
    for q in QUESTIONS:
        answer = a.ask(q).as_json()
        answer.pop("timings_ms")
        out[q] = {"search": [(h.sentence_id, round(h.score, 6)) for h in a.search(q)], "answer": answer}
    return out


@pytest.fixture(scope="module")
def base(tmp_path_factory, settings, embed_model, weights_sha):
    """An index of docs/, what it answers, and the test-data corpora the killed ingests add."""
    root = tmp_path_factory.mktemp("crash")
    index = root / "base-index"
    ingest([DOCS], dataclasses.replace(settings, index_dir=index), embed_model, weights_sha256=weights_sha)
    sentences = [p["sentence1"] for p in klue_pairs()]
    big = root / "klue-big"
    big.mkdir()
    for n in range(BIG_ARTICLES):
        (big / f"klue-{n:03d}.md").write_text(klue_article(f"klue-{n:03d}", n, [sentences[n]]), encoding="utf-8")
    delta = root / "delta"
    delta.mkdir()
    (delta / "klue-delta.md").write_text(klue_article("klue-delta", 999, sentences[300:303]), encoding="utf-8")
    return {"root": root, "index": index, "big": big, "delta": delta,
            "answers": answers(index, settings, embed_model, weights_sha)}


def _copy_index(base, name: str) -> Path:
    target = base["root"] / name
    shutil.copytree(base["index"], target)
    return target


@pytest.fixture(scope="module")
def runs(base):
    """Run every killed and unkilled `rag` step once (one harness process), keyed by step name.

    One index goes through all the kills: a large ingest killed at start-up and mid-embedding, then
    completed; then a one-article ingest into that large index, killed at each step of the write.
    """
    root = base["root"]
    index = _copy_index(base, "index")
    trunc, full = _copy_index(base, "trunc-index"), _copy_index(base, "full-index")
    with open(current_version(trunc) / "docstore.json", "r+b") as f:
        f.truncate(f.seek(0, os.SEEK_END) // 2)
    docstore_size = (current_version(full) / "docstore.json").stat().st_size
    stdin = root / "questions.txt"
    stdin.write_bytes(b"\n".join(BAD_STDIN) + b"\n")

    def ingest_step(name, paths, kill=None, target=index, **extra):
        return {"name": name, "argv": ["ingest", "--index", str(target), *map(str, paths)], "kill": kill,
                "watch": str(target), "save": str(root / f"after-{name}"), **extra}

    big, delta = [DOCS, base["big"]], [base["delta"]]
    plan = [
        ingest_step("big-startup", big, "after:1.0"),
        ingest_step("big-embedding", big, "stderr:embedding:", env={"HUBQA_EMBED_BATCH_SIZE": "8"}),
        ingest_step("big-rerun", big),
        ingest_step("mid-write", delta, "appears:*.partial"),  # killed from outside, files half written
        ingest_step("before-rename", delta, "audit:os.rename:.partial"),
        ingest_step("before-switch", delta, "audit:os.rename:CURRENT.tmp"),
        # The 1st rmtree clears the new .partial name; the 2nd is the prune, after CURRENT switched.
        ingest_step("mid-prune", delta, f"audit:shutil.rmtree:{index}/v:2"),
        ingest_step("delta-rerun", delta),
        {"name": "ingest-truncated", "argv": ["ingest", "--index", str(trunc), str(base["delta"])]},
        {"name": "rebuild-truncated", "argv": ["ingest", "--rebuild", "--index", str(trunc), str(DOCS)]},
        ingest_step("disk-full", delta, target=full, fsize=docstore_size // 2),
        {"name": "ask-bad-bytes", "argv": ["ask", "--index", str(base["index"]), "--json"], "stdin": str(stdin)},
    ]
    return run_crash_plan(plan, root / "plan.json", label_width=18)


def _state(path: Path, before: Path, settings, embed_model, sha) -> str:
    """'old' when the index at `path` is the version `before` held and answers exactly as it did,
    'new' when it is a complete later version that still holds every earlier article unchanged."""
    snap, old = load_snapshot(path, weights_sha256=sha), load_snapshot(before)
    if snap.path.name == old.path.name:
        if str(before) not in _REFERENCE:
            _REFERENCE[str(before)] = answers(before, settings, embed_model, sha)
        assert answers(path, settings, embed_model, sha) == _REFERENCE[str(before)]
        return "old"
    assert all(snap.articles[k] == v for k, v in old.articles.items())
    assert snap.sentence_count == sum(len(e["node_ids"]) for e in snap.manifest.articles.values())
    return "new"


def test_kills_during_a_large_ingest_keep_the_old_index_and_a_rerun_completes(runs, base, settings,
                                                                               embed_model, weights_sha):
    root = base["root"]
    for name in ("big-startup", "big-embedding"):
        assert runs[name]["killed"], f"{name} finished before the kill: {runs[name]['stderr'][-500:]}"
        assert _state(root / f"after-{name}", base["index"], settings, embed_model, weights_sha) == "old", name
    rerun = runs["big-rerun"]
    assert rerun["returncode"] == 0 and f"{BIG_ARTICLES} added, 0 updated, 1 unchanged" in rerun["stdout"]
    index = root / "after-big-rerun"
    assert _state(index, base["index"], settings, embed_model, weights_sha) == "new"
    assert len(load_snapshot(index).articles) == BIG_ARTICLES + 1
    after = answers(index, settings, embed_model, weights_sha)
    # 200 more sentences may enter the ranked lists, but the answers must not change: the test data
    # says nothing about the questions.
    assert {q: a["answer"] for q, a in after.items()} == {q: a["answer"] for q, a in base["answers"].items()}
    assert not list(index.glob("*.partial")) and len(list(index.glob("v*"))) <= 2  # leftovers pruned


@pytest.mark.parametrize("name, expected", [
    ("mid-write", "old"), ("before-rename", "old"), ("before-switch", "old"),
    ("mid-prune", "new"),
])
def test_a_kill_at_each_step_of_the_write_protocol(runs, base, settings, embed_model, weights_sha, name, expected):
    run, root = runs[name], base["root"]
    assert run["killed"], f"{name} finished before the kill: {run['stderr'][-800:]}"
    if name != "mid-write":
        assert "helpers_crash: SIGKILL at" in run["stderr"], run["stderr"][-800:]
    state = root / f"after-{name}"
    current = (state / "CURRENT").read_text().strip()
    unswitched = [v for v in state.glob("v*") if v.is_dir() and not v.name.endswith(".partial") and v.name != current]
    # Mid-write and before-rename leave a .partial folder; before-switch a complete version CURRENT does not name.
    landed = {"before-switch": unswitched, "mid-prune": [True]}.get(name, list(state.glob("v*.partial")))
    assert landed, "the kill did not land inside the write"
    assert _state(state, root / "after-big-rerun", settings, embed_model, weights_sha) == expected
    assert ("klue-delta" in load_snapshot(state).articles) == (expected == "new")
    rerun = runs["delta-rerun"]
    assert rerun["returncode"] == 0 and "1 unchanged" in rerun["stdout"]
    final = load_snapshot(root / "after-delta-rerun")
    assert "klue-delta" in final.articles and len(final.articles) == BIG_ARTICLES + 2


def _clean_error(run, *needles):
    assert run["returncode"] == 2, run
    assert "Traceback" not in run["stderr"], run["stderr"]
    for needle in needles:
        assert needle in run["stderr"], run["stderr"]


def test_a_damaged_index_gives_the_fix_not_a_traceback(runs):
    _clean_error(runs["ingest-truncated"], "docstore.json is corrupt", "rag ingest --rebuild")


def test_the_rebuild_the_message_names_repairs_a_damaged_index(runs, base):
    rebuild = runs["rebuild-truncated"]
    assert rebuild["returncode"] == 0 and "1 added" in rebuild["stdout"], rebuild["stderr"][-1500:]
    repaired = load_snapshot(base["root"] / "trunc-index")
    assert repaired.articles == load_snapshot(base["index"]).articles


def test_a_full_disk_during_ingest_is_a_clear_error_and_keeps_the_index(runs, base, settings, embed_model,
                                                                        weights_sha):
    """RLIMIT_FSIZE makes a write past the limit fail with EFBIG, as a full disk does, even for root."""
    _clean_error(runs["disk-full"], "full-index")
    full = base["root"] / "full-index"
    assert _state(full, base["index"], settings, embed_model, weights_sha) == "old"
    assert not list(full.glob("*.partial")), "the failed write left its files behind"


QUESTION = "쇼난 I-Park는 누가 조성했어?"
BAD_STDIN = [b"\xff\xfe" + QUESTION.encode(), b"\x00\x01\x1b", b"<script>alert(1)</script> " + QUESTION.encode(),
             "가".encode() * 5_000]


def test_cli_questions_with_bad_bytes_give_answers_or_messages(runs):
    """`rag ask` reading stdin: invalid UTF-8, control characters only, HTML, a 5,000-character line."""
    run = runs["ask-bad-bytes"]
    assert "Traceback" not in run["stderr"], run["stderr"][-2000:]
    answers = [json.loads(line) for line in run["stdout"].splitlines()]
    assert run["returncode"] == 2 and "no printable characters" in run["stderr"]
    assert len(answers) == 3 and "다케다" in answers[0]["answer"]
    assert answers[1]["question"].startswith("<script>alert(1)</script>")
    assert answers[2]["notices"] and len(answers[2]["question"]) == 1000


def _damage_manifest_node_id(version: Path) -> None:
    manifest = json.loads((version / "manifest.json").read_text())
    entry = next(iter(manifest["articles"].values()))
    entry["node_ids"][-1] = entry["node_ids"][-1][:-1] + "9"  # one byte: the last sentence is forgotten
    (version / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False))


def _swap_id_map(version: Path) -> None:
    id_map = json.loads((version / "id_map.json").read_text())
    forward = id_map["faiss_id_to_node_id_map"]
    a, b = list(forward)[:2]
    forward[a], forward[b] = forward[b], forward[a]  # still valid JSON; answers would cite the wrong sentence
    (version / "id_map.json").write_text(json.dumps(id_map))


DAMAGE = {
    "docstore.json truncated to 0 bytes": lambda v: (v / "docstore.json").write_bytes(b""),
    "tokens.json deleted": lambda v: (v / "tokens.json").unlink(),
    "id_map.json entries swapped": _swap_id_map,
    "manifest.json truncated": lambda v: (v / "manifest.json").write_bytes((v / "manifest.json").read_bytes()[:50]),
    "manifest.json with an unknown key": lambda v: (v / "manifest.json").write_text(
        json.dumps({**json.loads((v / "manifest.json").read_text()), "extra": 1})),
    "manifest.json node id edited": _damage_manifest_node_id,
    "version folder deleted": shutil.rmtree,
    "CURRENT not UTF-8": lambda v: (v.parent / "CURRENT").write_bytes(b"\xffv2026\n"),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damaged_index_files_are_refused_with_the_rebuild_fix(base, tmp_path, damage):
    index = tmp_path / "index"
    shutil.copytree(base["index"], index)
    DAMAGE[damage](current_version(index))
    with pytest.raises(IndexMismatch, match="rag ingest --rebuild"):
        load_snapshot(index)


def test_an_empty_current_pointer_says_how_to_build(base, tmp_path):
    index = tmp_path / "index"
    shutil.copytree(base["index"], index)
    (index / "CURRENT").write_text("")
    with pytest.raises(HubqaError, match="rag ingest"):
        load_snapshot(index)
