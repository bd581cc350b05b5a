"""Test helpers: a local copy of an article page (made for the tests, labelled test data), served on
127.0.0.1, and a check of what Chromium highlights when it opens a text-fragment link.

How the check works: the page styles Chromium's text-fragment highlight (`::target-text`) and a CSS
custom highlight (`::highlight(expected)`) identically. One screenshot is taken after opening the
fragment link; a second after loading the page without the fragment and marking exactly the expected
sentence (by its offsets in the article) with the custom highlight. The two images are equal only when
the browser highlighted exactly the expected characters.
"""

from __future__ import annotations

import functools
import html
import http.server
import threading
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path

HIGHLIGHT_CSS = """
body { font: 16px/1.6 sans-serif; max-width: 760px; margin: 2rem auto; }
.spacer { height: 1200px; color: #999; }
::target-text, ::highlight(expected) { background-color: rgb(255, 0, 255); color: rgb(0, 96, 0); }
"""

CONTENT_BOX = """() => {
  const top = document.querySelector('h1').getBoundingClientRect().top + scrollY;
  const bottom = document.querySelector('article').getBoundingClientRect().bottom + scrollY;
  return {x: 0, y: top, width: document.documentElement.clientWidth, height: bottom - top};
}"""

MARK_EXPECTED = """([paragraph, start, end]) => {
  const node = document.querySelectorAll('article p')[paragraph].firstChild;
  const range = new Range();
  range.setStart(node, start);
  range.setEnd(node, end);
  CSS.highlights.set('expected', new Highlight(range));
  const box = range.getBoundingClientRect();
  return {top: box.top + scrollY, bottom: box.bottom + scrollY};
}"""


def article_page(article) -> str:
    """An HTML page for `article`: a test-data label, the title, then one <p> per paragraph."""
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs_of(article.text))
    return (f"<!doctype html><html lang=ko><head><meta charset=utf-8><title>{html.escape(article.title)}</title>"
            f"<style>{HIGHLIGHT_CSS}</style></head><body>"
            f"<p class=label>hubqa test data: a local copy of an article page, made for the browser tests.</p>"
            f"<div class=spacer>(space)</div><h1>{html.escape(article.title)}</h1>"
            f"<article>\n{paragraphs}\n</article><div class=spacer>(space)</div></body></html>")


def paragraphs_of(text: str) -> list[str]:
    return text.split("\n\n")


def locate(text: str, start: int, end: int) -> tuple[int, int, int]:
    """(paragraph index, start, end) of an article span inside its paragraph."""
    at = 0
    for i, p in enumerate(paragraphs_of(text)):
        if at <= start and end <= at + len(p):
            return i, start - at, end - at
        at += len(p) + 2
    raise ValueError(f"span {start}-{end} crosses a paragraph break")


@contextmanager
def serve_folder(folder: Path):
    """A tiny static HTTP server for `folder` on a free 127.0.0.1 port; yields its base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _pixels(png: bytes):
    from PIL import Image

    return Image.open(BytesIO(png)).convert("RGB")


def highlight_matches(page, link: str, text: str, start: int, end: int, *, opened: bool = False) -> dict:
    """Open `link` in `page` (unless `opened`: the page already navigated to it, e.g. from a click),
    then compare Chromium's highlight with the article span text[start:end].

    Returns {"same": bool, "scrolled_to": bool, "differing_pixels": int}; the link must lead to a
    page made by `article_page`.
    """
    from PIL import ImageChops

    if not opened:
        page.goto(link)
    page.wait_for_load_state("load")
    page.wait_for_function("() => document.readyState === 'complete'")
    page.wait_for_timeout(150)  # the fragment is searched for and scrolled to just after load
    scrolled = page.evaluate("() => scrollY")
    viewport = page.viewport_size["height"]
    clip = page.evaluate(CONTENT_BOX)  # the title and the article: where any match would be
    fragment = page.screenshot(full_page=True, clip=clip)
    page.goto(link.split("#", 1)[0] + "?plain")
    box = page.evaluate(MARK_EXPECTED, list(locate(text, start, end)))
    expected = page.screenshot(full_page=True, clip=clip)
    a, b = _pixels(fragment), _pixels(expected)
    if a.size != b.size:
        differing = -1
    else:
        diff = ImageChops.difference(a, b).convert("L")
        differing = 0 if diff.getbbox() is None else sum(diff.point(lambda v: 255 if v else 0).histogram()[255:])
    return {"same": differing == 0, "differing_pixels": differing,
            "scrolled_to": scrolled <= box["top"] and box["bottom"] <= scrolled + viewport}
