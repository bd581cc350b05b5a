"""hubqa's evaluation and benchmark harness, built on rag's public API only (`from rag import ...`).

- `evals.runner.run_eval`: `rag eval` — QA sets (evals/qa.py) over temp indexes of their corpora,
  dev and test splits side by side, external retrieval checks, the regression gate (evals/gate.py).
- `evals.bench.run_bench`: `rag bench` — ingest, latency, memory and ANN figures by corpus size.

`rag/` never imports this package; the `rag eval` and `rag bench` commands import it when they run.
"""
