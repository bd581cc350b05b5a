"""Articles uploaded from the chat page: validate, name safely, save into the docs folder, ingest.

All or nothing: every file is read and parsed before any is saved, so one bad file leaves the
docs folder untouched and the message names the file and the reason.
"""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable

from rag.corpus import ARTICLE_SUFFIXES, Article, decode_article, parse_article, render_article
from rag.errors import ArticleError, HubqaError, IndexNotFound

from .render import md_literal

MAX_STEM = 80  # characters of a saved file's name before the suffix


@dataclass(frozen=True)
class ArticleForm:
    """Header fields for a plain .txt upload that has no `---` header of its own."""

    title: str = ""
    date: str = ""  # YYYY-MM-DD; today when empty
    outlet: str = ""


@dataclass(frozen=True)
class Pending:
    """A validated upload, ready to be written to `target`."""

    upload_name: str
    target: Path
    text: str
    article: Article
    reuse: bool = False  # an identical file is already there: ingest it, write nothing


def safe_name(filename: str) -> str:
    """A name that cannot leave the docs folder: basename only, [A-Za-z0-9._-], a .md or .txt suffix.

    >>> safe_name("../../etc/passwd.md"), safe_name("C:\\\\x\\\\기사 1.TXT"), safe_name("a.md.exe")
    ('passwd.md', '1.txt', 'a.md.exe.txt')
    """
    base = PurePosixPath(str(filename).replace("\\", "/")).name
    stem, suffix = os.path.splitext(base)
    if suffix.lower() not in ARTICLE_SUFFIXES:
        stem, suffix = base, ".txt"
    # Stripping '.', '_' and '-' at the ends keeps the name equal to the id the corpus loader derives.
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem)[:MAX_STEM].strip("._-")
    return (stem or "article") + suffix.lower()


def compose_article(body: str, form: ArticleForm) -> str:
    """The corpus format for a plain text: a `---` header from the form (no id: the file name gives it), then the body."""
    date = " ".join(str(form.date or "").split()) or datetime.date.today().isoformat()
    return render_article(Article(doc_id="", title=form.title, date=date, text=body, outlet=form.outlet))


def _target(docs_dir: Path, name: str, data: bytes, taken: set[Path]) -> tuple[Path, bool]:
    """A free path in docs_dir for `name` (name-2.md, name-3.md, … when taken), or an identical file to reuse."""
    root = docs_dir.resolve()
    stem, suffix = os.path.splitext(name)
    for n in range(1, 10_000):
        candidate = (root / (name if n == 1 else f"{stem}-{n}{suffix}")).resolve()
        if candidate.parent != root:  # cannot happen after safe_name; checked because it must never happen
            raise ArticleError(f"{name}: the file name leads outside the docs folder {root}")
        if candidate in taken:
            continue
        if not candidate.exists():
            return candidate, False
        if candidate.is_file() and candidate.read_bytes() == data:
            return candidate, True
    raise ArticleError(f"{name}: no free file name left in {root}; rename the file")


def prepare(upload: Path, docs_dir: Path, form: ArticleForm, *, max_bytes: int,
            taken: set[Path] | None = None) -> Pending:
    """Read, compose (plain .txt) and parse one upload; raise ArticleError naming the file and the reason."""
    name = Path(upload).name
    if Path(name).suffix.lower() not in ARTICLE_SUFFIXES:
        raise ArticleError(f"{name}: only .txt and .md articles can be added")
    text = decode_article(Path(upload).read_bytes(), name, max_bytes=max_bytes)
    if text.split("\n", 1)[0].strip() != "---":
        if not form.title.strip():
            raise ArticleError(f"{name}: has no '---' header; fill in the Title field (date and outlet are "
                               f"optional) or start the file with a header (title: …, date: YYYY-MM-DD)")
        text = compose_article(text, form)
    data = text.encode("utf-8")
    target, reuse = _target(docs_dir, safe_name(name), data, taken or set())
    article = parse_article(text, source=name, default_id=target.stem)
    return Pending(name, target, text, article, reuse)


def save(pending: list[Pending], docs_dir: Path) -> list[Path]:
    """Write the validated uploads; on any failure remove what this call wrote and raise."""
    problem = (f"the docs folder {docs_dir} is not writable; make it writable or set HUBQA_DOCS_DIR "
               f"to a writable folder")
    try:
        docs_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HubqaError(f"{problem} ({exc.strerror or exc})") from None
    if not os.access(docs_dir, os.W_OK | os.X_OK):
        raise HubqaError(problem)
    written: list[Path] = []
    try:
        for p in pending:
            if not p.reuse:
                with open(p.target, "x", encoding="utf-8", newline="\n") as fh:  # "x": never overwrite
                    fh.write(p.text)
                written.append(p.target)
    except OSError as exc:
        for path in written:
            path.unlink(missing_ok=True)
        raise HubqaError(f"{problem} ({exc.strerror or exc})") from None
    return [p.target for p in pending]


def _indexed_source(assistant, doc_id: str) -> str | None:
    try:
        return assistant.article(doc_id).source_path
    except (KeyError, IndexNotFound):
        return None


def add_articles(assistant, uploads: list[Path], form: ArticleForm,
                 progress: Callable[[int, int], None] | None = None) -> str:
    """Validate, save and ingest uploads; return a Markdown report (raise HubqaError when nothing was added)."""
    if not uploads:
        raise HubqaError("no file chosen; pick one or more .txt or .md articles first")
    docs_dir = Path(assistant.settings.docs_dir)
    pending: list[Pending] = []
    ids: dict[str, str] = {}
    for upload in uploads:
        p = prepare(Path(upload), docs_dir, form, max_bytes=assistant.settings.max_article_bytes,
                    taken={q.target for q in pending})
        indexed = _indexed_source(assistant, p.article.doc_id)
        if indexed and Path(indexed).resolve() != p.target and Path(indexed).exists():
            raise ArticleError(f"{p.upload_name}: article id {p.article.doc_id!r} is already used by {indexed}; "
                               f"give it another id (an 'id:' header line) or rename the file")
        if p.article.doc_id in ids:
            raise ArticleError(f"{p.upload_name}: article id {p.article.doc_id!r} is also used by "
                               f"{ids[p.article.doc_id]} in this upload")
        ids[p.article.doc_id] = p.upload_name
        pending.append(p)
    saved = save(pending, docs_dir)
    report = assistant.ingest(saved, progress=progress)
    lines = [f"**Added {len(report.added)}, updated {len(report.updated)}, unchanged {len(report.unchanged)}, "
             f"failed {len(report.failed)}** ({report.sentences_embedded} sentences embedded in "
             f"{report.seconds:.1f} s)."]
    failed = {Path(f.path).resolve() for f in report.failed}
    for p in pending:
        if p.target in failed and not p.reuse:
            p.target.unlink(missing_ok=True)  # a file the index refused must not linger in docs/
        state = "failed" if p.target in failed else "saved as"
        lines.append(f"- {md_literal(p.upload_name)}: {state} {md_literal(p.target.name)} — "
                     f"“{md_literal(p.article.title)}” ({md_literal(p.article.date)})")
    for f in report.failed:
        lines.append(f"- failed: {md_literal(f.reason)}")
    return "\n".join(lines)
