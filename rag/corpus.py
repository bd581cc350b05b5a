"""Corpus loading: article files in `docs/` (a small front-matter header, then the body)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .errors import ArticleError

ARTICLE_SUFFIXES = (".md", ".txt")
REQUIRED_FIELDS = ("title", "date")
KNOWN_FIELDS = ("id", "title", "subtitle", "date", "outlet", "author", "url", "complete", "language")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
UNKNOWN_DATE = "unknown"  # a header may say so rather than invent a date; answers then show none
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


@dataclass(frozen=True)
class Article:
    """One news article. `text` is the body exactly as written; offsets index into it."""

    doc_id: str
    title: str
    date: str
    text: str
    outlet: str = ""
    author: str = ""
    url: str = ""
    subtitle: str = ""
    source_path: str = ""

    @property
    def content_hash(self) -> str:
        """Hash of everything that ends up in the index, so a header edit also re-ingests."""
        h = hashlib.sha256()
        for part in (self.doc_id, self.title, self.subtitle, self.date, self.outlet, self.author, self.url, self.text):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()


@dataclass(frozen=True)
class LoadFailure:
    """A file that could not be loaded, and why."""

    path: str
    reason: str


def parse_article(raw: str, *, source: str = "<text>", default_id: str | None = None) -> Article:
    """Parse the corpus format: a `---` fenced header of `key: value` lines, then the body.

    >>> parse_article("---\\ntitle: T\\ndate: 2026-02-25\\n---\\nBody.", default_id="a").text
    'Body.'
    """
    if raw.startswith("\ufeff"):
        raw = raw[1:]
    lines = raw.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ArticleError(f"{source}: no header; an article starts with a line '---', then "
                           f"'title: …' and 'date: YYYY-MM-DD' lines, then '---' and the body")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise ArticleError(f"{source}: the header is not closed; add a line '---' before the body") from None
    header: dict[str, str] = {}
    for number, line in enumerate(lines[1:end], start=2):
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if not sep or not key:
            raise ArticleError(f"{source}: header line {number} is not 'key: value': {line[:80]!r}")
        if key not in KNOWN_FIELDS:
            raise ArticleError(f"{source}: unknown header field {key!r} on line {number}; "
                               f"known fields: {', '.join(KNOWN_FIELDS)}")
        header[key] = value.strip()
    missing = [f for f in REQUIRED_FIELDS if not header.get(f)]
    if missing:
        raise ArticleError(f"{source}: header lacks {', '.join(missing)}")
    if header["date"] != UNKNOWN_DATE and not _DATE.match(header["date"]):
        raise ArticleError(f"{source}: date {header['date']!r} is not YYYY-MM-DD (or '{UNKNOWN_DATE}')")
    body = "\n".join(lines[end + 1:]).strip("\n")
    if not body.strip():
        raise ArticleError(f"{source}: the article body is empty")
    doc_id = header.get("id") or default_id
    if not doc_id or not _ID.match(doc_id):
        raise ArticleError(f"{source}: article id {doc_id!r} must be 1-128 letters, digits, '.', '_' or '-'")
    return Article(doc_id=doc_id, title=header["title"], date=header["date"], text=body,
                   outlet=header.get("outlet", ""), author=header.get("author", ""),
                   url=header.get("url", ""), subtitle=header.get("subtitle", ""), source_path=source)


def _check_size(size: int, source: str, max_bytes: int) -> None:
    if size > max_bytes:
        raise ArticleError(f"{source}: {size:,} bytes is over the {max_bytes:,}-byte article limit")


def decode_article(data: bytes, source: str, *, max_bytes: int) -> str:
    """The one check of an article file's bytes (size, binary, UTF-8, empty) → its text, newlines as \\n.

    >>> decode_article("\\ufeff---\\r\\n".encode(), "a.md", max_bytes=100)
    '---\\n'
    >>> decode_article(b"  ", "a.md", max_bytes=100)
    Traceback (most recent call last):
    rag.errors.ArticleError: a.md: the file is empty (only whitespace)
    """
    if not data.strip():
        raise ArticleError(f"{source}: the file is empty ({'only whitespace' if data else '0 bytes'})")
    _check_size(len(data), source, max_bytes)
    if b"\x00" in data:
        raise ArticleError(f"{source}: looks like a binary file (contains NUL bytes), not UTF-8 text")
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(f"{source}: not UTF-8 (invalid byte at offset {exc.start}); "
                           f"save it as UTF-8 and try again") from None
    return raw.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_article(path: Path, *, max_bytes: int) -> Article:
    """Read and parse one article file, with errors that name the file."""
    try:
        size = path.stat().st_size
        _check_size(size, str(path), max_bytes)  # before reading: a huge file must not be loaded into memory
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read ({exc.strerror})") from None
    raw = decode_article(data, str(path), max_bytes=max_bytes)
    return parse_article(raw, source=str(path), default_id=_slug(path.stem))


def outlet_names(outlet: str) -> tuple[str, str]:
    """The `outlet` header, 'Korean name (English name)', as (Korean, English); a name without
    parentheses serves both.

    >>> outlet_names("한빛일보 (Hanbit Daily)"), outlet_names("Yonhap")
    (('한빛일보', 'Hanbit Daily'), ('Yonhap', 'Yonhap'))
    """
    m = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", outlet or "")
    return (m.group(1), m.group(2)) if m and m.group(1) else (outlet or "", outlet or "")


def render_article(article: Article, **extra: str) -> str:
    """The corpus format of `article`: the `---` header (fields it has, then `extra` known fields), the body.
    The one writer of article files; `parse_article` reads back what it writes. An empty `doc_id` writes
    no id line (the loader then takes the file name).

    >>> print(render_article(Article("a", "T\\nU", "2026-01-02", "Body.\\n"), complete="yes"), end="")
    ---
    id: a
    title: T U
    date: 2026-01-02
    complete: yes
    ---
    Body.
    """
    fields = {"id": article.doc_id, "title": article.title, "subtitle": article.subtitle, "date": article.date,
              "outlet": article.outlet, "author": article.author, "url": article.url, **extra}
    unknown = sorted(set(fields) - set(KNOWN_FIELDS))
    if unknown:
        raise ArticleError(f"unknown header field(s) {', '.join(unknown)}; known fields: {', '.join(KNOWN_FIELDS)}")
    # one line per field: a newline inside a value would end the header early
    header = [f"{key}: {' '.join(str(value).split())}" for key, value in fields.items() if str(value or "").strip()]
    return "---\n" + "\n".join(header) + "\n---\n" + article.text.strip("\n") + "\n"


def _slug(stem: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.")
    return slug[:128] or "article"


def find_article_files(paths: Iterable[Path]) -> list[Path]:
    """Expand directories into their article files, sorted for a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*")
                                if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                                and not p.name.lower().startswith("readme")))
        else:
            found.append(path)
    return found


def load_corpus(paths: Iterable[Path], *, max_bytes: int) -> tuple[list[Article], list[LoadFailure]]:
    """Load every article it can; collect a failure for each file it cannot, including duplicate ids."""
    articles: list[Article] = []
    failures: list[LoadFailure] = []
    seen: dict[str, str] = {}
    for path in find_article_files(paths):
        try:
            article = read_article(path, max_bytes=max_bytes)
        except ArticleError as exc:
            failures.append(LoadFailure(str(path), str(exc)))
            continue
        if article.doc_id in seen:
            failures.append(LoadFailure(str(path), f"{path}: duplicate article id {article.doc_id!r} "
                                                   f"(already used by {seen[article.doc_id]}); give it another id"))
            continue
        seen[article.doc_id] = str(path)
        articles.append(article)
    return articles, failures
