"""The chat page (Gradio): streamed answers with [n] markers, a source panel, follow-ups, uploads.

`rag serve` calls `serve(assistant)`; tests call `build_app(assistant).launch(...)` on a free port.
The page and the CLI share one `rag.Assistant`; each browser session keeps its own history.
"""

from __future__ import annotations

import datetime
import errno
import socket
import sys
import tempfile
import time
from pathlib import Path

from rag.answer import Answer
from rag.conversation import Turn
from rag.errors import HubqaError, IndexNotFound
from rag.references import Exchange, conversation_markdown, utc_now
from rag.sentences import split_spans

from .render import COPY_JS, NO_INDEX, SOURCES_CSS, chat_markdown, md_literal, sources_html, status_markdown
from .uploads import ArticleForm, add_articles

TITLE = "hubqa · 뉴스 질의응답"
DESCRIPTION = ("Ask in Korean or English about the indexed news articles: every answer quotes the exact "
               "source sentence [n], highlighted with its article on the right — or says the articles do not "
               "answer.")
EXAMPLES_FILE = "example-questions.json"  # beside the corpus: the questions the page offers (a list of strings)


def example_questions(docs_dir: Path) -> list[str]:
    """The example questions the corpus ships (docs/example-questions.json); none when it has none.
    They live with the articles they are about, not in the page's code."""
    import json

    try:
        questions = json.loads((Path(docs_dir) / EXAMPLES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [q for q in questions if isinstance(q, str) and q.strip()] if isinstance(questions, list) else []

# Answers computed at once (chat and /ask share the slots). An answer is ~20-50 ms of CPU (torch and
# Kiwi, one thread each); with 2 in flight both cores can work. On 2 cores, limits of 1, 2, 4 and 8
# gave p95 within noise of each other (`make load`, 20 sessions); 4 lets a short question pass a
# long one without letting 20 sessions thrash the GIL.
CHAT_CONCURRENCY = 4


class ChatHandlers:
    """The event handlers, bound to one Assistant (shared by all sessions; history is per session)."""

    def __init__(self, assistant):
        self.assistant = assistant
        self._exports = Path(tempfile.mkdtemp(prefix="hubqa-exports-"))

    def _article(self, doc_id: str):
        try:
            return self.assistant.article(doc_id)
        except (KeyError, HubqaError):
            return None

    def sources(self, answer: Answer | None) -> str:
        return sources_html(answer, self._article, split_spans)

    # -- the conversation export -------------------------------------------------------------
    def _exchange(self, answer: Answer) -> Exchange:
        """A finished answer with when and from which index version it was answered, for the export."""
        try:
            version = self.assistant.status()["version"]
        except HubqaError:
            version = "unknown"
        return Exchange(answer, utc_now(), version)

    def record(self, transcript: list[Exchange] | None):
        """After each answer: rewrite the session's export file from its transcript; returns the export button."""
        import gradio as gr

        if not transcript:
            return gr.update(value=None, interactive=False)
        folder = Path(tempfile.mkdtemp(dir=self._exports))
        path = folder / f"hubqa-conversation-{datetime.datetime.now(datetime.timezone.utc):%Y%m%d-%H%M%S}.md"
        path.write_text(conversation_markdown(transcript, self._article, utc_now()), encoding="utf-8")
        return gr.update(value=str(path), interactive=True)

    def clear_export(self):
        import gradio as gr

        return [], gr.update(value=None, interactive=False)

    def status(self) -> str:
        try:
            return status_markdown(self.assistant.status())
        except IndexNotFound:
            return status_markdown(None)
        except HubqaError as exc:
            return status_markdown(None, str(exc))

    def respond(self, question: str, chat: list[dict] | None, history: list[Turn] | None,
                transcript: list[Exchange] | None = None):
        """Answer one chat message; returns (textbox, chat, history, sources, transcript).

        Not streamed: the extractive answer is made in one piece in ~20-50 ms, so there is nothing
        truthful to show in between (the page shows Gradio's progress while a question waits).
        """
        import gradio as gr

        chat, history, transcript = list(chat or []), list(history or []), list(transcript or [])
        text = (question or "").strip()
        if not text:
            return gr.update(), chat, history, gr.update(), transcript
        asked = chat + [{"role": "user", "content": chat_markdown(text)}]
        try:
            answer = self.assistant.ask(text, history)
        except IndexNotFound:
            return ("", asked + [{"role": "assistant", "content": md_literal(NO_INDEX)}], history,
                    self.sources(None), transcript)
        except HubqaError as exc:
            return ("", asked + [{"role": "assistant", "content": md_literal(f"⚠ {exc}")}], history,
                    self.sources(None), transcript)
        chat = asked + [{"role": "assistant", "content": chat_markdown(answer.answer)}]
        return ("", chat, history + [Turn(answer.question, answer.answer)], self.sources(answer),
                transcript + [self._exchange(answer)])

    def ask(self, question: str, history: list[dict] | None = None) -> dict:
        """One answer as JSON (the `rag ask --json` schema); history: [{"question": …, "answer": …}, …]."""
        import gradio as gr

        turns = [Turn(str(t.get("question", "")), str(t.get("answer", ""))) for t in (history or [])]
        try:
            return self.assistant.ask(question, turns).as_json()
        except IndexNotFound:
            raise gr.Error(NO_INDEX) from None
        except HubqaError as exc:
            raise gr.Error(str(exc)) from None

    def new_chat(self):
        """Clear the chat, the session's history and the source panel."""
        return "", [], [], self.sources(None)

    def upload(self, files, title, date, outlet, progress=None):
        """Save and ingest uploaded articles; returns (report, status, file box)."""
        import gradio as gr

        def embedded(done: int, total: int) -> None:
            if progress is not None:
                progress(done / max(total, 1), desc=f"embedding sentences {done}/{total}")

        if progress is not None:
            progress(0, desc="checking the files")
        paths = [Path(f) for f in (files or [])]
        form = ArticleForm(title or "", date or "", outlet or "")
        try:
            report = add_articles(self.assistant, paths, form, embedded)
        except HubqaError as exc:
            return f"**Nothing added.** {md_literal(exc)}", self.status(), gr.update()
        return report, self.status(), None


def build_app(assistant):
    """The Gradio Blocks app for one Assistant (which may not have an index yet)."""
    import gradio as gr

    h = ChatHandlers(assistant)

    def upload(files, title, date, outlet, progress=gr.Progress()):
        return h.upload(files, title, date, outlet, progress)

    with gr.Blocks(title=TITLE, analytics_enabled=False) as app:
        gr.Markdown(f"# {TITLE}\n{DESCRIPTION}", elem_id="intro")
        history = gr.State([])
        with gr.Row(equal_height=False):
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(label="Chat", height=560, elem_id="chat", latex_delimiters=[],
                                     feedback_options=None, buttons=["copy"],
                                     placeholder="Ask a question in Korean or English.")
                with gr.Row():
                    question = gr.Textbox(
                        show_label=False, scale=6, max_lines=4, elem_id="question",
                        placeholder="Ask about the indexed articles, e.g. 누가 발표했나요? / When did it happen?")
                    send = gr.Button("Send", variant="primary", scale=1, min_width=80, elem_id="send")
                with gr.Row():
                    new_chat = gr.Button("New chat", size="sm", elem_id="new-chat")
                    export = gr.DownloadButton("Export conversation (Markdown)", size="sm", interactive=False,
                                               elem_id="export")
                transcript = gr.State([])  # the session's answered exchanges, for the export
                examples = example_questions(assistant.settings.docs_dir)
                if examples:
                    gr.Examples(examples, inputs=question, label="Example questions (click to fill in)")
            with gr.Column(scale=2):
                gr.Markdown("### Sources")
                sources = gr.HTML(h.sources(None), css_template=SOURCES_CSS, js_on_load=COPY_JS, elem_id="sources")
        status = gr.Markdown(h.status(), elem_id="index-status")
        with gr.Accordion("Add articles (.txt / .md)", open=False, elem_id="add-articles"):
            gr.Markdown("Files in the corpus format (a `---` header with `title:` and `date:`) are added as "
                        "they are. For a plain .txt without a header, fill in the title; the date defaults "
                        "to today.")
            files = gr.File(file_count="multiple", file_types=[".txt", ".md"], type="filepath",
                            label="Article files", elem_id="upload-files")
            with gr.Row():
                title = gr.Textbox(label="Title (plain .txt only)", elem_id="upload-title")
                date = gr.Textbox(label="Date (YYYY-MM-DD)", placeholder=datetime.date.today().isoformat(),
                                  elem_id="upload-date")
                outlet = gr.Textbox(label="Outlet", elem_id="upload-outlet")
            add = gr.Button("Add to the index", variant="primary", elem_id="upload-add")
            upload_report = gr.Markdown(elem_id="upload-report")

        # Questions are answered in parallel (Assistant is thread-safe; see CHAT_CONCURRENCY).
        chat_event = gr.on([send.click, question.submit], h.respond, inputs=[question, chatbot, history, transcript],
                           outputs=[question, chatbot, history, sources, transcript], api_name="chat",
                           concurrency_limit=CHAT_CONCURRENCY, concurrency_id="answers")
        chat_event.then(h.record, inputs=[transcript], outputs=[export], api_name=False)
        new_chat.click(h.new_chat, outputs=[question, chatbot, history, sources], api_name="new_chat").then(
            h.clear_export, outputs=[transcript, export], api_name=False)
        add.click(upload, inputs=[files, title, date, outlet], outputs=[upload_report, status, files],
                  api_name="upload")
        app.load(h.status, outputs=status, api_name="status")  # another session may have added articles
        gr.api(h.ask, api_name="ask", concurrency_limit=CHAT_CONCURRENCY,  # for scripts: JSON, no chat formatting
               concurrency_id="answers")
    return app


def warm_up(assistant) -> None:
    """Load everything a first question needs (Kiwi's model, the encoder, the language profiles).

    Otherwise the first question waits seconds longer, and lazy loaders would race when several
    sessions ask at once.
    """
    from rag.language import detect_language
    from rag.sentences import kiwi

    kiwi()
    detect_language("워밍업 질문입니다")
    detect_language("a warm-up question")
    try:
        assistant.search("워밍업 질문 warm-up question")
    except HubqaError:  # no index yet: still load the encoder
        assistant.embed_model.get_query_embedding("warm-up question")


def port_problem(host: str, port: int) -> str | None:
    """Why `host:port` cannot be served on (taken, not an address of this machine), or None."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        return f"{host} is not a host name or address of this machine ({exc.strerror})"
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: TIME_WAIT is no obstacle
        try:
            probe.bind(address)
        except PermissionError:
            return f"port {port} needs administrator rights"
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return f"port {port} on {host} is already in use"
            return f"cannot listen on {host}:{port} ({exc.strerror or exc})"
    return None


def serve(assistant, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Warm up, start the chat page, and serve it until interrupted.

    Everything slow happens before the server listens: Gradio's launch() checks its own URL with a
    3-second request, which a warm-up running beside it on a busy machine could make time out.
    """
    problem = port_problem(host, port)
    if problem:
        raise HubqaError(f"cannot serve the chat page: {problem}; stop the other server or pass --port N")
    started = time.perf_counter()
    _say("warming up (Kiwi's model, the encoder)…")
    warm_up(assistant)
    app = build_app(assistant)
    # Uploads one at a time (the chat and /ask events set their own limit). Queue positions are sent
    # every 5 s, not after every finished job ("auto"): with 20 sessions waiting, those broadcasts
    # made p95 per answer 2.1 s instead of 1.2 s (evals/load.py, same machine, back to back).
    app.queue(default_concurrency_limit=1, status_update_rate=5)
    try:
        app.launch(server_name=host, server_port=port, ssr_mode=False, show_error=True, quiet=True,
                   prevent_thread_lock=True, max_file_size=assistant.settings.max_article_bytes)
    except OSError as exc:  # taken between the check and the launch
        raise HubqaError(f"cannot serve the chat page on {host}:{port} ({exc}); "
                         f"stop the other server or pass --port N") from None
    except ValueError:  # Gradio's self-check could not reach the page it had just started
        app.close()
        raise HubqaError(f"the chat page started but did not answer on http://{host}:{port}/ within Gradio's "
                         f"time limit; check that nothing (a proxy, a firewall) intercepts {host}") from None
    _say(f"ready on http://{host}:{port} in {time.perf_counter() - started:.1f} s (Ctrl+C stops it)")
    try:
        while True:
            time.sleep(0.5)
    except KeyboardInterrupt:
        _say("stopping")
    finally:
        app.close()


def _say(message: str) -> None:
    print(f"hubqa: {message}", file=sys.stdout, flush=True)
