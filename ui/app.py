"""The chat page (Gradio): streamed answers with [n] markers, a source panel, follow-ups, uploads.

`rag serve` calls `serve(assistant)`; tests call `build_app(assistant).launch(...)` on a free port.
The page and the CLI share one `rag.Assistant`; each browser session keeps its own history.
"""

from __future__ import annotations

import datetime
import tempfile
import threading
from collections import OrderedDict
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
EXAMPLES = [
    "중기부와 쇼난 I-Park는 언제 업무협약을 맺었나?",
    "How many Korean ventures are resident at Shonan iPark?",
    "Who did the vice minister meet at Shonan iPark?",
    "노용석 차관은 도쿄에서 어디를 방문했나?",
]


class ChatHandlers:
    """The event handlers, bound to one Assistant (shared by all sessions; history is per session)."""

    REMEMBERED_ANSWERS = 512  # finished answers kept for the export, across sessions

    def __init__(self, assistant):
        self.assistant = assistant
        self._answered: OrderedDict[tuple[str, str], Exchange] = OrderedDict()
        self._answered_lock = threading.Lock()
        self._exports = Path(tempfile.mkdtemp(prefix="hubqa-exports-"))

    def _article(self, doc_id: str):
        try:
            return self.assistant.article(doc_id)
        except (KeyError, HubqaError):
            return None

    def sources(self, answer: Answer | None) -> str:
        if answer is not None:
            self._remember(answer)
        return sources_html(answer, self._article, split_spans)

    # -- the conversation export -------------------------------------------------------------
    def _remember(self, answer: Answer) -> None:
        """Keep a finished answer (with its time and index version) for `record`, keyed by its turn."""
        try:
            version = self.assistant.status()["version"]
        except HubqaError:
            version = "unknown"
        with self._answered_lock:
            self._answered[(answer.question, answer.answer)] = Exchange(answer, utc_now(), version)
            while len(self._answered) > self.REMEMBERED_ANSWERS:
                self._answered.popitem(last=False)

    def record(self, history: list[Turn] | None, transcript: list[Exchange] | None):
        """After each answer: add the session's new turns to its transcript and refresh the export file.

        Returns (transcript, the export button)."""
        import gradio as gr

        transcript, history = list(transcript or []), list(history or [])
        with self._answered_lock:
            for turn in history[len(transcript):]:
                found = self._answered.get((turn.question, turn.answer))
                if found is None:  # forgotten (a very busy server): keep the text without sources
                    found = Exchange(Answer(turn.question, "", turn.answer, True), "unknown", "unknown")
                transcript.append(found)
        if not transcript:
            return transcript, gr.update(value=None, interactive=False)
        folder = Path(tempfile.mkdtemp(dir=self._exports))
        path = folder / f"hubqa-conversation-{datetime.datetime.now(datetime.timezone.utc):%Y%m%d-%H%M%S}.md"
        path.write_text(conversation_markdown(transcript, self._article, utc_now()), encoding="utf-8")
        return transcript, gr.update(value=str(path), interactive=True)

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

    def respond(self, question: str, chat: list[dict] | None, history: list[Turn] | None):
        """Stream one answer into the chat; yields (textbox, chat, history, sources).

        Each yield builds a new list: Gradio streams the difference from the previous value, so an
        in-place edit would send nothing.
        """
        import gradio as gr

        chat, history = list(chat or []), list(history or [])
        text = (question or "").strip()
        if not text:
            yield gr.update(), chat, history, gr.update()
            return
        chat = chat + [{"role": "user", "content": chat_markdown(text)}]
        yield "", chat, history, gr.update()
        asked = chat
        answer = None
        try:
            for item in self.assistant.stream(text, history):
                if isinstance(item, Answer):
                    answer = item
                else:
                    chat = asked + [{"role": "assistant", "content": chat_markdown(item)}]
                    yield "", chat, history, gr.update()
        except IndexNotFound:
            yield "", asked + [{"role": "assistant", "content": md_literal(NO_INDEX)}], history, self.sources(None)
            return
        except HubqaError as exc:
            yield "", asked + [{"role": "assistant", "content": md_literal(f"⚠ {exc}")}], history, self.sources(None)
            return
        chat = asked + [{"role": "assistant", "content": chat_markdown(answer.answer)}]
        history = history + [Turn(answer.question, answer.answer)]
        yield "", chat, history, self.sources(answer)

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
                    question = gr.Textbox(show_label=False, scale=6, max_lines=4, elem_id="question",
                                          placeholder="e.g. 중기부와 쇼난 I-Park는 언제 업무협약을 맺었나?")
                    send = gr.Button("Send", variant="primary", scale=1, min_width=80, elem_id="send")
                with gr.Row():
                    new_chat = gr.Button("New chat", size="sm", elem_id="new-chat")
                    export = gr.DownloadButton("Export conversation (Markdown)", size="sm", interactive=False,
                                               elem_id="export")
                transcript = gr.State([])  # the session's answered exchanges, for the export
                gr.Examples(EXAMPLES, inputs=question, label="Example questions (click to fill in)")
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

        chat_event = gr.on([send.click, question.submit], h.respond, inputs=[question, chatbot, history],
                           outputs=[question, chatbot, history, sources], api_name="chat")
        chat_event.then(h.record, inputs=[history, transcript], outputs=[transcript, export], api_name=False)
        new_chat.click(h.new_chat, outputs=[question, chatbot, history, sources], api_name="new_chat").then(
            h.clear_export, outputs=[transcript, export], api_name=False)
        add.click(upload, inputs=[files, title, date, outlet], outputs=[upload_report, status, files],
                  api_name="upload")
        app.load(h.status, outputs=status, api_name="status")  # another session may have added articles
        gr.api(h.ask, api_name="ask")  # for scripts: the answer as JSON, no chat formatting
    return app


def warm_up(assistant) -> None:
    """Load Kiwi's model and run the encoder once: otherwise the first question waits 5-7 s longer."""
    try:
        assistant.search("쇼난 아이파크 warm-up")
    except HubqaError:  # no index yet: still load the analyser and the encoder
        from rag.sentences import morphemes

        morphemes("워밍업 문장")
        assistant.embed_model.get_query_embedding("warm-up")


def serve(assistant, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Serve the chat page until interrupted."""
    app = build_app(assistant)
    threading.Thread(target=warm_up, args=(assistant,), daemon=True).start()
    print(f"hubqa: chat page on http://{host}:{port} (Ctrl+C stops it)", flush=True)
    try:
        app.queue().launch(server_name=host, server_port=port, ssr_mode=False, show_error=True,
                           max_file_size=assistant.settings.max_article_bytes)
    except OSError as exc:
        raise HubqaError(f"cannot serve on {host}:{port} ({exc}); stop the other server or pass --port N") from None
