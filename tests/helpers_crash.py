"""Harness for tests/test_crash.py: run real `rag` CLI commands in child processes and SIGKILL them.

    python tests/helpers_crash.py PLAN.json   →   one JSON result line per step on stdout

Why fork: importing torch and llama-index is most of a `python -m rag` start (5-25 s on the 2-core
test machine). This parent imports them once and runs nothing (no model, no analysis: the thread
pools those start would not survive a fork), and each step forks a child that runs the real
`rag.cli.main(argv)` — what `python -m rag` runs — with its own stdout and stderr files. A step's
`kill` trigger says when it dies:

    after:SECONDS          the parent SIGKILLs the child SECONDS after it started
    stderr:TEXT            the parent SIGKILLs the child once TEXT shows in its stderr (the progress bar)
    appears:GLOB           the parent SIGKILLs the child once GLOB matches in the step's `watch` folder
    audit:EVENT:MATCH[:N]  the child SIGKILLs itself at the Nth CPython audit event EVENT (open,
                           os.rename, shutil.rmtree, ...) whose first argument contains MATCH: an exact
                           point of the index write protocol, before that call runs

A step may also set `env` (extra environment), `stdin` (a file fed as standard input), `fsize`
(RLIMIT_FSIZE in bytes: a disk that is full for root too) and `save` (copy `watch` there afterwards,
so the test can inspect the state the kill left while later steps go on).
"""

from __future__ import annotations

import glob
import json
import os
import resource
import shutil
import signal
import sys
import time
import traceback

POLL_S = 0.001  # a version folder is written in milliseconds; poll fast enough to land inside
STEP_TIMEOUT_S = 400


def _child(step: dict, out: str, err: str) -> None:
    """Become the `rag` process of one step; never returns."""
    code = 1
    try:
        for fd, path, mode in ((1, out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
                               (2, err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
                               (0, step.get("stdin") or os.devnull, os.O_RDONLY)):
            target = os.open(path, mode, 0o644)
            os.dup2(target, fd)
            os.close(target)
        os.environ.update(step.get("env") or {})
        if step.get("fsize"):
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
            resource.setrlimit(resource.RLIMIT_FSIZE, (step["fsize"], step["fsize"]))
        kill = step.get("kill") or ""
        if kill.startswith("audit:"):
            _arm_audit_kill(*kill.split(":", 3)[1:])
        from rag.cli import main

        code = main(step["argv"])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # what the interpreter does for an uncaught exception: traceback, status 1
        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code or 0)


def _arm_audit_kill(event: str, match: str, nth: str = "1") -> None:
    seen = 0

    def hook(name, args):
        nonlocal seen
        if name == event and args and match in str(args[0]):
            seen += 1
            if seen == int(nth):
                os.write(2, f"\nhelpers_crash: SIGKILL at {name} {args[0]}\n".encode())
                os.kill(os.getpid(), signal.SIGKILL)

    sys.addaudithook(hook)


def _due(step: dict, started: float, err: str) -> bool:
    kill = step.get("kill") or ""
    kind, _, arg = kill.partition(":")
    if kind == "after":
        return time.monotonic() - started >= float(arg)
    if kind == "stderr":
        with open(err, encoding="utf-8", errors="replace") as f:
            return arg in f.read()
    if kind == "appears":
        return bool(glob.glob(os.path.join(step["watch"], arg)))
    return False


def run_step(step: dict, n: int, workdir: str) -> dict:
    out, err = os.path.join(workdir, f"step{n}.out"), os.path.join(workdir, f"step{n}.err")
    for path in (out, err):
        open(path, "w").close()  # exists before the child runs, so the parent can watch it at once
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        _child(step, out, err)
    killed_by_parent = False
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if not killed_by_parent and (_due(step, started, err) or time.monotonic() - started > STEP_TIMEOUT_S):
            os.kill(pid, signal.SIGKILL)
            killed_by_parent = True
        time.sleep(POLL_S if (step.get("kill") or "").startswith("appears:") else 0.02)
    seconds = time.monotonic() - started
    if step.get("save"):
        shutil.copytree(step["watch"], step["save"], symlinks=True)
    with open(out, encoding="utf-8", errors="replace") as f_out, open(err, encoding="utf-8", errors="replace") as f_err:
        stdout, stderr = f_out.read(), f_err.read()
    code = os.waitstatus_to_exitcode(status)
    return {"name": step.get("name", str(n)), "returncode": code, "killed": code == -signal.SIGKILL,
            "seconds": round(seconds, 2), "stdout": stdout[-20000:], "stderr": stderr[-4000:]}


def main(plan_path: str) -> int:
    # The heavy imports every step needs, done once before the first fork (no model is run here).
    import faiss  # noqa: F401
    import kiwipiepy  # noqa: F401
    import llama_index.core  # noqa: F401
    import torch  # noqa: F401

    import rag.assistant  # noqa: F401
    import rag.cli  # noqa: F401

    # Kiwi is not loaded here: loading it runs an analysis, and the worker threads that starts would not
    # survive the fork (a child's first batched analysis then waits on them forever).

    with open(plan_path, encoding="utf-8") as f:
        plan = json.load(f)
    workdir = os.path.dirname(os.path.abspath(plan_path))
    for n, step in enumerate(plan):
        print(json.dumps(run_step(step, n, workdir), ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
