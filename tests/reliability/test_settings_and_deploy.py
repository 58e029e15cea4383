"""Configuration is read only from its documented names; deployment files keep secrets out."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kb.settings import Settings

REPO = Path(__file__).resolve().parents[2]


def test_only_documented_variables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    # Field names, unprefixed: a shell has HOME, and DEV/HEAP/BOLT_PORT are common too.
    undocumented = {"HOME": "/tmp/elsewhere", "DEV": "1", "HEAP": "9g", "BOLT_PORT": "1",
                    "HOME_DIR": "/x", "REVIEW_THRESHOLD": "0.1", "ANONYMOUS_READ": "1"}
    for name, value in undocumented.items():
        monkeypatch.setenv(name, value)
    for name in ("KB_HOME", "KB_DEV", "KB_NEO4J_HEAP", "KB_BOLT_PORT", "XDG_DATA_HOME",
                 "KB_REVIEW_THRESHOLD", "KB_ANONYMOUS_READ"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings()
    assert settings.home == Path("/tmp/elsewhere") / ".local/share/kb"  # ~ is $HOME, as usual
    assert (settings.dev, settings.heap, settings.bolt_port) == (False, "512m", 7687)
    assert settings.review_threshold == 0.6 and settings.anonymous_read is None


def test_documented_variables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KB_HOME", "/srv/kb")
    monkeypatch.setenv("KB_DEV", "1")
    monkeypatch.setenv("KB_BOLT_PORT", "7777")
    monkeypatch.setenv("KB_DB_TIMEOUT", "2.5")
    settings = Settings()
    assert (settings.home, settings.dev, settings.bolt_port, settings.db_timeout) == (
        Path("/srv/kb"), True, 7777, 2.5)


def test_compose_gives_the_neo4j_image_its_password_only_as_neo4j_auth() -> None:
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    neo4j = compose["services"]["neo4j"]
    # The image writes every other NEO4J_* variable into neo4j.conf.
    assert "NEO4J_PASSWORD" not in neo4j["environment"]
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD")
    assert "NEO4J_AUTH" in " ".join(neo4j["healthcheck"]["test"])
