"""Cold-start figures, from real processes: a one-shot `rag ask` (wall time, peak RSS) and `rag serve`
(time from the command to its first answer through gradio_client).

    python -m evals.coldstart [--index DIR] [--runs 3] [--json]

The model must already be in the cache (`make model`); the index must exist (`rag ingest`).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUESTION = "How many Korean ventures are resident at Shonan iPark?"  # about the bundled seed article


def _env() -> dict:
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": str(ROOT) + (os.pathsep + path if path else ""), "HF_HUB_OFFLINE": "1"}


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def one_shot_ask(question: str = QUESTION, index: Path | None = None) -> dict:
    """Run `rag ask --json QUESTION` once; its wall time, its own peak RSS (wait4) and its answer."""
    args = [sys.executable, "-m", "rag", "ask", "--json", question]
    if index is not None:
        args += ["--index", str(index)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out, stderr=err, cwd=ROOT, env=_env())
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own rusage, not the max over all children
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise RuntimeError(f"rag ask exited {proc.returncode}: {stderr.strip()[-500:]}")
    answer = json.loads(stdout.splitlines()[-1])
    return {"wall_s": round(wall, 2), "max_rss_mb": round(usage.ru_maxrss / 1024), "answer": answer["answer"]}


@contextmanager
def serving(index: Path | None = None, host: str = "127.0.0.1", port: int | None = None, timeout: float = 180):
    """`rag serve` as a subprocess; yields (url, seconds from the command to "ready", output lines so far).

    Raises RuntimeError (with the output) when it exits or does not say "ready on" within `timeout`.
    """
    port = port or free_port(host)
    args = [sys.executable, "-u", "-m", "rag", "serve", "--host", host, "--port", str(port)]
    if index is not None:
        args += ["--index", str(index)]
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT, env=_env(),
                            text=True, encoding="utf-8", errors="replace")
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:  # keeps draining, so a chatty server never blocks on a full pipe
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))
            if "ready on http://" in line:
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        while not ready.wait(0.1):
            if proc.poll() is not None or time.perf_counter() - started > timeout:
                reader.join(timeout=2)
                raise RuntimeError(f"rag serve did not start (exit code {proc.poll()}):\n" + "\n".join(lines[-30:]))
        yield f"http://{host}:{port}/", time.perf_counter() - started, lines
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def serve_first_answer(index: Path | None = None, question: str = QUESTION) -> dict:
    """Start `rag serve`, ask one question through gradio_client as soon as it says ready; the delays."""
    from gradio_client import Client

    started = time.perf_counter()
    with serving(index) as (url, ready_s, _lines):
        client = Client(url, verbose=False)
        answer = client.predict(question, api_name="/ask")
        first = time.perf_counter() - started
        client.close()
    return {"ready_s": round(ready_s, 2), "first_answer_s": round(first, 2), "answer": answer["answer"]}


def run(index: Path | None = None, runs: int = 3) -> dict:
    asks = [one_shot_ask(index=index) for _ in range(runs)]
    serves = [serve_first_answer(index) for _ in range(max(1, runs // 2))]
    return {
        "ask_wall_s": [a["wall_s"] for a in asks],
        "ask_wall_s_median": statistics.median(a["wall_s"] for a in asks),
        "ask_max_rss_mb": max(a["max_rss_mb"] for a in asks),
        "serve_first_answer_s": [s["first_answer_s"] for s in serves],
        "serve_ready_s": [s["ready_s"] for s in serves],
        "load_average_1m": round(os.getloadavg()[0], 2),
        "cpus": os.cpu_count(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.coldstart", description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None, help="index folder (default: index/)")
    parser.add_argument("--runs", type=int, default=3, help="one-shot asks (serve starts: half as many)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = run(args.index, args.runs)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"one-shot rag ask: wall {result['ask_wall_s']} s (median {result['ask_wall_s_median']} s), "
              f"peak RSS {result['ask_max_rss_mb']} MB")
        print(f"rag serve: ready after {result['serve_ready_s']} s, first answer after "
              f"{result['serve_first_answer_s']} s")
        print(f"({result['cpus']} CPUs, 1-minute load average {result['load_average_1m']} at the end)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
