"""What the chat page shows, as escaped text: chat messages, the source panel, the index status.

Every string that comes from an article, a question or an answer is escaped here, so an article
containing `<script>` or `<img onerror=…>` shows as text and runs nothing.
"""

from __future__ import annotations

import html
import re
from typing import Callable

from rag.answer import Answer
from rag.citations import Citation
from rag.corpus import Article
from rag.references import citation_text

NO_INDEX = "no index yet: upload articles or run `rag ingest`"
CONTEXT_SENTENCES = 2  # sentences shown before and after a cited sentence
SHORT_ARTICLE_CHARS = 700  # an article this short is shown whole

# Markdown punctuation that would otherwise format article text (or start KaTeX with `$$`);
# every ASCII punctuation character may be backslash-escaped in CommonMark and marked.
_MARKDOWN_PUNCT = re.compile(r"([\\`*_\[\]{}~$|#])")

# Scoped to the source panel by gr.HTML's css_template.
SOURCES_CSS = """
.sources { font-size: 0.95rem; line-height: 1.55; }
.sources .empty { color: var(--body-text-color-subdued); }
.sources .query { color: var(--body-text-color-subdued); margin-bottom: 0.6rem; }
.source { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 0.6rem 0.8rem;
          margin-bottom: 0.7rem; background: var(--block-background-fill); }
.source h4 { margin: 0 0 0.15rem 0; font-size: 1rem; }
.source .meta { color: var(--body-text-color-subdued); font-size: 0.85rem; margin-bottom: 0.4rem; }
.source .context { white-space: pre-wrap; }
.source mark { background: #fde68a; color: #111827; padding: 0 2px; border-radius: 3px; }
.source mark strong.answer-span { background: #fbbf24; text-decoration: underline; }
.source .gap { color: var(--body-text-color-subdued); }
.source .actions { display: flex; gap: 0.8rem; align-items: center; margin-top: 0.45rem; font-size: 0.85rem; }
.source .actions button { font: inherit; border: 1px solid var(--border-color-primary); border-radius: 6px; padding: 1px 8px;
                          background: var(--button-secondary-background-fill); cursor: pointer; }
"""

# Copies a source's ready citation (the button's data-cite) to the clipboard. One listener on the panel,
# so it keeps working when the panel's HTML is replaced; execCommand is the fallback for pages served
# over plain http on another host, where the Clipboard API is not available.
COPY_JS = """
element.addEventListener('click', async (event) => {
  const button = event.target.closest('button.copy-cite');
  if (!button) return;
  const text = button.dataset.cite;
  try {
    await navigator.clipboard.writeText(text);
  } catch (error) {
    const area = document.createElement('textarea');
    area.value = text;
    document.body.appendChild(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  button.textContent = button.dataset.done;
  setTimeout(() => { button.textContent = button.dataset.label; }, 1500);
});
"""
ACTION_LABELS = {"ko": ("문장 위치로 열기 ↗", "인용 복사", "복사됨 ✓"),
                 "en": ("Open at the sentence ↗", "Copy citation", "Copied ✓")}


def escape(text: str) -> str:
    """HTML-escape text (quotes too, so it is safe inside attributes)."""
    return html.escape(str(text), quote=True)


def md_literal(text: str) -> str:
    """Text that gr.Markdown / gr.Chatbot show exactly as written (no formatting, no HTML).

    >>> md_literal("<b>*x*</b> & [1]")
    '&lt;b&gt;\\\\*x\\\\*&lt;/b&gt; &amp; \\\\[1\\\\]'
    """
    return html.escape(_MARKDOWN_PUNCT.sub(r"\\\1", str(text)), quote=False)


def chat_markdown(text: str) -> str:
    """Answer or question text for gr.Chatbot, which renders Markdown and HTML.

    `**bold**` (the answer span) stays bold; everything else shows literally.

    >>> chat_markdown("Answer: **12개사** [1] <b>&")
    'Answer: **12개사** \\\\[1\\\\] &lt;b&gt;&amp;'
    """
    parts = str(text).split("**")
    if len(parts) % 2 == 0:  # an unpaired `**` is text, not bold
        parts = [str(text)]
    return "**".join(md_literal(p) for p in parts)


def _context_bounds(article: Article, c: Citation, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """Character range of the article shown around a citation: a few sentences, or all of a short one."""
    if len(article.text) <= SHORT_ARTICLE_CHARS or not spans:
        return 0, len(article.text)
    at = next((i for i, (s, e) in enumerate(spans) if s <= c.start < e or s >= c.start), len(spans) - 1)
    first = max(0, at - CONTEXT_SENTENCES)
    last = min(len(spans) - 1, at + CONTEXT_SENTENCES)
    return min(spans[first][0], c.start), max(spans[last][1], c.end)


def highlight(text: str, start: int, end: int, span: tuple[int, int] | None, lo: int, hi: int) -> str:
    """Escaped `text[lo:hi]` with `<mark>` on [start, end) and `<strong>` on the answer span inside it.

    >>> highlight("A b <c> d.", 2, 7, (4, 7), 0, 10)
    'A <mark>b <strong class="answer-span">&lt;c&gt;</strong></mark> d.'
    """
    start, end = max(lo, start), min(hi, end)
    out = [escape(text[lo:start]), "<mark>"]
    if span is not None and start <= span[0] < span[1] <= end:
        out += [escape(text[start:span[0]]), '<strong class="answer-span">', escape(text[span[0]:span[1]]),
                "</strong>", escape(text[span[1]:end])]
    else:
        out.append(escape(text[start:end]))
    out += ["</mark>", escape(text[end:hi])]
    return "".join(out)


def actions_html(c: Citation, article: Article | None, language: str) -> str:
    """The link that opens the publisher's page at the sentence (when the article has a URL) and the
    button that copies a ready citation in the question's language."""
    open_label, copy_label, done = ACTION_LABELS.get(language, ACTION_LABELS["en"])
    link = ""
    if c.fragment_url or c.url:
        link = (f'<a class="open-at" href="{escape(c.fragment_url or c.url)}" target="_blank" '
                f'rel="noopener noreferrer">{escape(open_label)}</a>')
    button = (f'<button type="button" class="copy-cite" data-cite="{escape(citation_text(c, article, language))}" '
              f'data-label="{escape(copy_label)}" data-done="{escape(done)}">{escape(copy_label)}</button>')
    return f'<div class="actions">{link}{button}</div>'


def citation_html(c: Citation, article: Article | None, spans: list[tuple[int, int]], language: str = "en") -> str:
    """One card of the source panel: title, outlet and date, the highlighted article text, the actions."""
    meta = " · ".join(escape(x) for x in (c.outlet, c.date, c.sentence_id) if x)
    head = f'<div class="source" id="source-{c.id}"><h4>[{c.id}] {escape(c.title)}</h4><div class="meta">{meta}</div>'
    actions = actions_html(c, article, language)
    if article is None or article.text[c.start:c.end] != c.sentence:
        # The index changed since the answer (re-ingest): show the cited sentence alone.
        return f'{head}<div class="context"><mark>{escape(c.sentence)}</mark></div>{actions}</div>'
    lo, hi = _context_bounds(article, c, spans)
    span = None if c.span_start is None else (c.span_start, c.span_end)
    body = highlight(article.text, c.start, c.end, span, lo, hi)
    before = '<span class="gap">… </span>' if lo > 0 else ""
    after = '<span class="gap"> …</span>' if hi < len(article.text) else ""
    return f'{head}<div class="context">{before}{body}{after}</div>{actions}</div>'


def sources_html(answer: Answer | None, article: Callable[[str], Article | None],
                 split: Callable[[str], list[tuple[int, int]]]) -> str:
    """The source panel for an answer; `article(doc_id)` and `split(text)` come from the assistant."""
    if answer is None:
        return '<div class="sources"><p class="empty">Sources of the latest answer appear here, ' \
               'with the cited sentence highlighted.</p></div>'
    parts = ['<div class="sources">']
    if answer.standalone_query and answer.standalone_query != answer.question:
        parts.append(f'<p class="query">Follow-up searched as: “{escape(answer.standalone_query)}”</p>')
    for notice in answer.notices:
        parts.append(f'<p class="query">Note: {escape(notice)}</p>')
    if not answer.citations:
        parts.append('<p class="empty">No source sentence answers this question, so nothing is cited.</p>')
    for c in answer.citations:
        doc = article(c.doc_id)
        parts.append(citation_html(c, doc, split(doc.text) if doc else [], answer.language))
    parts.append("</div>")
    return "".join(parts)


def status_markdown(status: dict | None, problem: str | None = None) -> str:
    """The index status line (articles, sentences, model, last update), or what is missing."""
    if status is None:
        return f"**Index:** {html.escape(problem or NO_INDEX, quote=False)}"
    def count(n: int, noun: str) -> str:
        return f"{n:,} {noun}{'' if n == 1 else 's'}"

    return (f"**Index:** {count(status['articles'], 'article')} · {count(status['sentences'], 'sentence')} · "
            f"model {html.escape(str(status['model']), quote=False)} · "
            f"updated {html.escape(str(status['updated']), quote=False)}")
