"""Project error types. Each message says what went wrong and what to do next."""


class HubqaError(Exception):
    """Base class: the CLI prints these without a traceback and exits non-zero."""


class ArticleError(HubqaError):
    """An article file cannot be read or parsed (names the file and the reason)."""


class ModelError(HubqaError):
    """The embedding model cannot be built or loaded."""


class IndexNotFound(HubqaError):
    """No index at the given directory."""


class IndexMismatch(HubqaError):
    """The index on disk is corrupt or was built with another model or format."""


class QuestionError(HubqaError):
    """The question is empty or otherwise unusable."""


class ConfigError(HubqaError):
    """An unknown or invalid setting."""
