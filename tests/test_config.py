"""Settings: HUBQA_* variables are read, coerced and checked; a misspelled one is refused by name."""

import dataclasses
from pathlib import Path

import pytest

from rag.config import OTHER_VARIABLES, Settings
from rag.errors import ConfigError


def test_environment_variables_override_the_defaults(monkeypatch):
    monkeypatch.setenv("HUBQA_TOP_K", "7")
    monkeypatch.setenv("HUBQA_INDEX_DIR", "/tmp/some-index")
    settings = Settings.from_env(docs_dir="elsewhere")
    assert settings.top_k == 7 and settings.index_dir == Path("/tmp/some-index")
    assert settings.docs_dir == Path("elsewhere")  # an explicit override wins, and is made a Path


def test_a_misspelled_variable_is_refused_with_the_known_names(monkeypatch):
    monkeypatch.setenv("HUBQA_TOPK", "7")
    with pytest.raises(ConfigError) as error:
        Settings.from_env()
    message = str(error.value)
    assert "HUBQA_TOPK" in message
    for f in dataclasses.fields(Settings):
        assert f"HUBQA_{f.name.upper()}" in message
    assert "HUBQA_LLM_MODEL" in message


def test_variables_read_outside_settings_are_known(monkeypatch):
    for name in OTHER_VARIABLES:
        monkeypatch.setenv(name, "1")
    assert Settings.from_env().top_k == Settings().top_k


def test_bad_values_and_unknown_overrides_are_refused(monkeypatch):
    monkeypatch.setenv("HUBQA_TOP_K", "five")
    with pytest.raises(ConfigError, match="HUBQA_TOP_K='five' is not a valid int"):
        Settings.from_env()
    monkeypatch.delenv("HUBQA_TOP_K")
    with pytest.raises(ConfigError, match="unknown setting 'topk'; known settings: index_dir"):
        Settings.from_env(topk=3)
