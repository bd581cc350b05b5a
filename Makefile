# hubqa — two commands on a fresh machine: `make run` (install, build, serve) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEPS   := $(VENV)/.deps-installed
HOST   ?= 127.0.0.1
PORT   ?= 7860

.PHONY: run test index model chromium test-llm clean-index load coldstart fit ceiling

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# torch first: the CPU build 2.13.0; a plain `torch` requirement would pull a multi-GB CUDA build.
$(DEPS): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[test]'
	touch $@

model: $(DEPS)
	$(BIN)/python -c "from rag.config import Settings; from rag.embedding import ensure_model; print(ensure_model(Settings.from_env()))"

index: model
	$(BIN)/rag ingest docs

run: index
	$(BIN)/rag serve --host $(HOST) --port $(PORT)

# Debian's chromium drives the UI tests (never a downloaded browser); a Korean font so screenshots show Hangul.
chromium:
	@{ command -v chromium >/dev/null 2>&1 && fc-list :lang=ko 2>/dev/null | grep -q .; } || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-nanum >/dev/null; }

test: model chromium
	$(BIN)/python -m pytest -q -m "not llm"

test-llm: $(DEPS)
	$(BIN)/pip install -q -e '.[llm]'
	$(BIN)/python -m pytest -q -m llm tests/test_llm_local.py

# Re-fit the answerability model (rag/answer/answerability.json) on the dev items of evals/seed.jsonl and
# evals/news.jsonl, each over a fresh index of its own corpus (a few minutes on 2 cores).
fit: model
	OMP_NUM_THREADS=$${OMP_NUM_THREADS:-1} $(BIN)/python -m evals.fit

# Where answers are lost on each QA set: ranking among the answerer's candidates, or abstaining (evals/ceiling.py).
ceiling: model
	OMP_NUM_THREADS=$${OMP_NUM_THREADS:-1} $(BIN)/python -m evals.ceiling

clean-index:
	rm -rf index/v* index/CURRENT index/.lock

# Ingest, latency, memory and ANN figures on this machine (<15 min on 2 cores); paste the table into BENCHMARKS.md.
# One thread per process unless OMP_NUM_THREADS says otherwise: on a small shared machine torch's threads
# wait on each other (a query embedding took ~1 s with 2 threads, ~35 ms with 1; see BENCHMARKS.md).
.PHONY: bench
bench: model
	OMP_NUM_THREADS=$${OMP_NUM_THREADS:-1} $(BIN)/rag bench --sizes 1000,10000,100000,1000000 --plot BENCHMARKS.png

# 20 chat sessions × 3 turns against `rag serve` on 127.0.0.1: p50/p95 per answer, errors, cross-talk.
load: index
	$(BIN)/python -m evals.load --sessions $${SESSIONS:-20}

# One-shot `rag ask` wall time and peak RSS, and `rag serve`'s time to its first answer.
coldstart: index
	$(BIN)/python -m evals.coldstart
