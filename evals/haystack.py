"""Eval corpora from outside data: Korean text → haystack articles in a temporary corpus folder.

A haystack is real text that is not about the seed articles, indexed beside them so retrieval is
not trivially easy. The loader takes any JSON or JSONL of text: a list of strings, objects with a
text-like field (KLUE STS pairs give both `sentence1` and `sentence2`), or SQuAD/KLUE-MRC
(`data[].paragraphs[].context`). The articles are written in the corpus format (`rag.render_article`) to
a folder the caller owns — never into `docs/`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from rag import Article, HubqaError, render_article

# Object fields read as text, in this order; the first ones cover KLUE STS, the rest common dumps.
TEXT_FIELDS = ("sentence1", "sentence2", "text", "sentence", "content", "context", "body", "document",
               "passage", "article")
# These texts have no publication date, but the corpus format requires one; a visible placeholder.
PLACEHOLDER_DATE = "1970-01-01"
_LICENSES = {"klue": "CC BY-SA 4.0"}  # known sources by file name, so the titles carry the licence


@dataclass(frozen=True)
class HaystackArticle:
    doc_id: str
    title: str
    texts: tuple[str, ...]  # one paragraph each, so no sentence crosses two source texts
    outlet: str

    def article(self) -> Article:
        return Article(doc_id=self.doc_id, title=self.title, date=PLACEHOLDER_DATE, outlet=self.outlet,
                       text="\n\n".join(self.texts))


def read_json_records(path: Path):
    """The parsed JSON value of `path`, or the list of its lines' values for JSONL."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise HubqaError(f"{path}: cannot read ({exc.strerror}); pass an existing JSON or JSONL file") from None
    except UnicodeDecodeError:
        raise HubqaError(f"{path}: not UTF-8 text; save it as UTF-8 JSON or JSONL") from None
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        pass
    records = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise HubqaError(f"{path}: line {number} is not JSON ({exc.msg}); "
                                 f"give one JSON document, or one JSON value per line (JSONL)") from None
    return records


def clean_text(text: str) -> str:
    """One line of text: the corpus format keeps a source text as one paragraph."""
    return " ".join(str(text).split())


def extract_texts(path: Path) -> list[str]:
    """Distinct texts of a JSON/JSONL file, in first-seen order (see the module docstring for shapes).

    >>> import tempfile; f = Path(tempfile.mkdtemp()) / "t.jsonl"
    >>> _ = f.write_text('{"sentence1": "가 나", "sentence2": "다"}\\n"가  나"\\n{"text": "라"}', "utf-8")
    >>> extract_texts(f)
    ['가 나', '다', '라']
    """
    value = read_json_records(path)
    if isinstance(value, dict) and isinstance(value.get("data"), list):  # SQuAD / KLUE-MRC
        value = [p for article in value["data"] for p in article.get("paragraphs", [])]
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        raise HubqaError(f"{path}: expected a list of texts or objects, found {type(value).__name__}")
    seen: dict[str, None] = {}
    for number, record in enumerate(value, start=1):
        if isinstance(record, str):
            texts = [record]
        elif isinstance(record, dict):
            texts = [record[f] for f in TEXT_FIELDS if isinstance(record.get(f), str)]
            if not texts:
                raise HubqaError(f"{path}: record {number} has no text field; its keys are "
                                 f"{', '.join(sorted(record)) or 'none'}, expected one of {', '.join(TEXT_FIELDS)}")
        else:
            raise HubqaError(f"{path}: record {number} is a {type(record).__name__}, not a text or an object")
        for text in map(clean_text, texts):
            if text:
                seen.setdefault(text, None)
    if not seen:
        raise HubqaError(f"{path}: no text found; give a list of strings or objects with a text field")
    return list(seen)


def _label(path: Path) -> tuple[str, str]:
    """A slug for ids and a licence note for titles, from the file name."""
    slug = re.sub(r"[^a-z0-9]+", "-", Path(path).stem.lower()).strip("-")[:40] or "haystack"
    licence = next((v for k, v in _LICENSES.items() if k in slug), "")
    return slug, licence


def haystack_articles(path: Path, per_article: int = 10) -> list[HaystackArticle]:
    """The texts of `path` grouped `per_article` to an article titled as test data."""
    texts = extract_texts(path)
    slug, licence = _label(path)
    name = Path(path).name
    note = "test data" + (f", {licence}" if licence else "")
    return [HaystackArticle(doc_id=f"haystack-{slug}-{n:03d}", title=f"{name} haystack {n:03d} ({note})",
                            texts=tuple(texts[i:i + per_article]), outlet=f"{name} ({note}, not news)")
            for n, i in enumerate(range(0, len(texts), per_article), start=1)]


def write_articles(folder: Path, articles: list[HaystackArticle]) -> Path:
    """Write `articles` as corpus files into `folder` (created); returns the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for article in articles:
        text = render_article(article.article(), complete="yes (evaluation data, not a news article)")
        (folder / f"{article.doc_id}.md").write_text(text, encoding="utf-8")
    return folder


# -- external retrieval checks -------------------------------------------------------------------
@dataclass(frozen=True)
class RetrievalTask:
    """Passages to index and questions whose relevant passage (an article id) is known."""

    articles: list[HaystackArticle]
    questions: list[tuple[str, str, tuple[str, ...]]]  # (question, relevant doc_id, gold answers)
    skipped: int = 0  # questions left out (label below the bar, or no answer)


def load_pairs(path: Path, min_label: float = 4.0) -> RetrievalTask:
    """KLUE STS pairs: every distinct `sentence2` is an article; `sentence1` of a pair labelled
    `min_label` or more (`labels.real-label`) is a question whose answer is its own `sentence2`."""
    records = read_json_records(path)
    if not isinstance(records, list) or not all(isinstance(r, dict) and "sentence2" in r for r in records):
        raise HubqaError(f"{path}: expected KLUE STS records with sentence1, sentence2 and labels.real-label")
    slug, licence = _label(path)
    note = "test data" + (f", {licence}" if licence else "")
    ids: dict[str, str] = {}
    articles, questions, skipped = [], [], 0
    for record in records:
        target = clean_text(record["sentence2"])
        if target not in ids:
            ids[target] = f"pairs-{slug}-{len(ids) + 1:04d}"
            articles.append(HaystackArticle(ids[target], f"{Path(path).name} sentence2 {len(ids):04d} ({note})",
                                            (target,), f"{Path(path).name} ({note}, not news)"))
        label = (record.get("labels") or {}).get("real-label", record.get("label"))
        if label is None or float(label) < min_label:
            skipped += 1
            continue
        questions.append((clean_text(record["sentence1"]), ids[target], (target,)))
    return RetrievalTask(articles, questions, skipped)


def load_squad(path: Path) -> RetrievalTask:
    """SQuAD / KLUE-MRC: every context is an article; each question's relevant article is its own
    context. Questions without an answer (SQuAD 2.0 `is_impossible`) are skipped and counted."""
    value = read_json_records(path)
    if not isinstance(value, dict) or not isinstance(value.get("data"), list):
        raise HubqaError(f"{path}: expected SQuAD-format JSON: "
                         '{"data": [{"paragraphs": [{"context": …, "qas": […]}]}]}')
    slug, _ = _label(path)
    articles, questions, skipped = [], [], 0
    for a, entry in enumerate(value["data"], start=1):
        title = clean_text(entry.get("title", "")) or f"article {a}"
        for p, paragraph in enumerate(entry.get("paragraphs", []), start=1):
            doc_id = f"squad-{slug}-{a:03d}-{p:03d}"
            articles.append(HaystackArticle(doc_id, f"{title} — paragraph {p} ({Path(path).name})",
                                            (clean_text(paragraph["context"]),), f"{Path(path).name} (eval data)"))
            for qa in paragraph.get("qas", []):
                answers = tuple(clean_text(x["text"]) for x in qa.get("answers", []) if x.get("text"))
                if qa.get("is_impossible") or not answers:
                    skipped += 1
                    continue
                questions.append((clean_text(qa["question"]), doc_id, answers))
    if not articles:
        raise HubqaError(f"{path}: no paragraphs found under data[].paragraphs[]")
    return RetrievalTask(articles, questions, skipped)
