"""Shared fixtures: the real model (built once into the user cache), real indexes in temp folders."""

from __future__ import annotations

import shutil
import socket
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
EVAL_DATA = ROOT / "evals" / "data"
KLUE_STS = EVAL_DATA / "klue-sts" / "klue-sts-v1.1_dev.json"


@pytest.fixture(scope="session")
def settings():
    from rag.config import Settings

    return Settings.from_env(index_dir=Path("/nonexistent-index"), docs_dir=DOCS)


@pytest.fixture(scope="session")
def embed_model(settings):
    from rag.embedding import load_embedding

    return load_embedding(settings)


@pytest.fixture(scope="session")
def weights_sha(settings, embed_model):
    from rag.embedding import weights_fingerprint

    return weights_fingerprint(settings)


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory, settings, embed_model, weights_sha) -> Path:
    """The bundled corpus ingested once into a session temp folder (treat as read-only)."""
    from rag.ingest import ingest

    root = tmp_path_factory.mktemp("seed-index")
    s = replace(settings, index_dir=root)
    report = ingest([DOCS], s, embed_model, weights_sha256=weights_sha)
    assert not report.failed and report.added
    return root


@pytest.fixture(scope="session")
def assistant(seed_index, settings, embed_model, weights_sha):
    from rag.assistant import Assistant

    s = replace(settings, index_dir=seed_index)
    a = Assistant(s, embed_model, weights_sha)
    a.reload()
    return a


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A writable copy of docs/ for tests that add, change or remove articles."""
    target = tmp_path / "docs"
    shutil.copytree(DOCS, target, ignore=shutil.ignore_patterns("README*"))
    return target


@pytest.fixture
def fresh_settings(tmp_path, settings):
    return replace(settings, index_dir=tmp_path / "index")


def klue_pairs():
    """KLUE STS dev pairs, copied into the repo with their license (CC BY-SA 4.0, evals/data/klue-sts/)."""
    import json

    return json.loads(KLUE_STS.read_text(encoding="utf-8"))


def private_assistant(tmp_path_factory, name: str, seed_index: Path, settings, embed_model, weights_sha):
    """An Assistant over a private copy of the seed index, with an empty temp docs folder for uploads."""
    from rag.assistant import Assistant

    root = tmp_path_factory.mktemp(name)
    shutil.copytree(seed_index, root / "index")
    s = replace(settings, index_dir=root / "index", docs_dir=root / "docs")
    assistant = Assistant(s, embed_model, weights_sha)
    assistant.reload()
    return assistant


@contextmanager
def running_app(assistant):
    """The Gradio app for `assistant` on a free 127.0.0.1 port; yields its URL and closes it afterwards."""
    from ui.app import build_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = build_app(assistant)
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, ssr_mode=False, quiet=True)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        app.close()


def chat_text(message: dict) -> str:
    """The text of a Chatbot message, whether its content is a string or a list of parts."""
    content = message["content"]
    return content if isinstance(content, str) else " ".join(part.get("text", "") for part in content)


def run_crash_plan(plan: list[dict], plan_path: Path, label_width: int = 14) -> dict[str, dict]:
    """Run a tests/helpers_crash.py plan (real `rag` processes, killed where each step says); results by step."""
    import json
    import os
    import subprocess
    import sys

    plan_path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    # PYTHONIOENCODING=utf-8 decodes stdin strictly, as a user's en_US.UTF-8 or ko_KR.UTF-8 locale does
    # (this container only has C.UTF-8, where Python decodes with surrogateescape instead).
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "helpers_crash.py"), str(plan_path)],
                          capture_output=True, text=True, env=env, timeout=900, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    results = {r["name"]: r for r in map(json.loads, done.stdout.splitlines())}
    for r in results.values():
        print(f"{r['name']:>{label_width}}: exit {r['returncode']:>3} after {r['seconds']:6.2f} s")
    return results
