"""The chat page: `ui.app.build_app(assistant)` and `ui.app.serve(assistant)` (used by `rag serve`)."""
