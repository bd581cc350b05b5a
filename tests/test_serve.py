"""`rag serve` as a user starts it: a real process on 127.0.0.1, also while both cores are busy.

Issue 14: Gradio's launch() checks its own URL with a 3-second request; a warm-up running beside
it on a busy 2-core machine made that time out and the command die with a traceback.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager

import pytest

from evals.coldstart import ROOT, _env, free_port, serving

STARTS = 5
BURN_LIMIT_S = 600  # the burners stop themselves after this even if the test is killed


@contextmanager
def cpu_burners(n: int = 2):
    """`n` busy-looping processes (one per core here), time-limited, killed on exit."""
    code = f"import time\nend = time.monotonic() + {BURN_LIMIT_S}\nwhile time.monotonic() < end:\n    pass\n"
    procs = [subprocess.Popen([sys.executable, "-c", code]) for _ in range(n)]
    try:
        yield procs
    finally:
        for p in procs:
            p.kill()
        for p in procs:
            p.wait(timeout=10)


def first_answer(url: str) -> dict:
    from gradio_client import Client

    client = Client(url, verbose=False)
    try:
        return client.predict("중기부와 쇼난 I-Park는 언제 업무협약을 맺었나?", api_name="/ask")
    finally:
        client.close()


def test_serve_starts_five_times_in_a_row_while_both_cores_are_busy(seed_index):
    timings = []
    with cpu_burners(2) as burners:
        for start in range(STARTS):
            assert all(p.poll() is None for p in burners), "the CPU burners stopped early"
            began = time.perf_counter()
            with serving(seed_index, timeout=240) as (url, ready_s, lines):
                answer = first_answer(url)
                timings.append((ready_s, time.perf_counter() - began))
                assert "2023년 11월" in answer["answer"] and answer["citations"], (start, answer)
                assert any("loading the model" in line for line in lines), lines
                assert not any("Traceback" in line for line in lines), "\n".join(lines)
    print("under load (2 busy processes on", os.cpu_count(), "CPUs): ready / first answer after start, s:",
          ", ".join(f"{r:.1f}/{f:.1f}" for r, f in timings))
    assert len(timings) == STARTS


def test_serve_idle_first_answer(seed_index):
    began = time.perf_counter()
    with serving(seed_index) as (url, ready_s, lines):
        answer = first_answer(url)
        first = time.perf_counter() - began
    assert "2023년 11월" in answer["answer"]
    print(f"idle: ready after {ready_s:.1f} s, first answer {first:.1f} s after the command")


def test_taken_port_is_one_line_and_non_zero(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        began = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "rag", "serve", "--index", str(tmp_path / "index"),
                               "--port", str(port)], capture_output=True, text=True, cwd=ROOT, env=_env(),
                              timeout=120)
    assert done.returncode != 0
    err = done.stderr.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in done.stderr, done.stderr
    assert f"port {port}" in err and "already in use" in err and "--port" in err, err
    assert time.perf_counter() - began < 30, "the port is checked before the model is loaded"


@pytest.mark.parametrize("host", ["no-such-host.invalid"])
def test_bad_host_is_one_line_and_non_zero(tmp_path, host):
    done = subprocess.run([sys.executable, "-m", "rag", "serve", "--index", str(tmp_path / "index"),
                           "--host", host, "--port", str(free_port())], capture_output=True, text=True,
                          cwd=ROOT, env=_env(), timeout=120)
    assert done.returncode != 0 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert host in done.stderr and "Traceback" not in done.stderr
