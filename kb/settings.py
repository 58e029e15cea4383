"""One settings object, read once from the environment and passed down."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

NEO4J_VERSION = "5.26.30"  # newest 5.26.x (LTS) patch on Maven Central when pinned


def _xdg(var: str, fallback: str) -> Path:
    import os

    base = os.environ.get(var)
    return Path(base) if base else Path.home() / fallback


class Settings(BaseSettings):
    """Every setting kb reads. The README's configuration table lists them all."""

    # Only the documented KB_*/NEO4J_* names: with populate_by_name the field `home` would
    # also be read from $HOME, `dev` from $DEV and so on.
    model_config = SettingsConfigDict(env_prefix="", extra="ignore", populate_by_name=False)

    # An existing server; when unset, kb runs (and starts) its own local one.
    neo4j_uri: str | None = Field(default=None, alias="NEO4J_URI")
    neo4j_user: str = Field(default="neo4j", alias="NEO4J_USER")
    neo4j_password: SecretStr | None = Field(default=None, alias="NEO4J_PASSWORD")
    neo4j_database: str = Field(default="neo4j", alias="NEO4J_DATABASE")

    # The local server kb manages.
    home: Path = Field(default_factory=lambda: _xdg("XDG_DATA_HOME", ".local/share") / "kb",
                       alias="KB_HOME")
    cache_dir: Path = Field(default_factory=lambda: _xdg("XDG_CACHE_HOME", ".cache") / "kb",
                            alias="KB_CACHE_DIR")
    neo4j_version: str = Field(default=NEO4J_VERSION, alias="KB_NEO4J_VERSION")
    bolt_port: int = Field(default=7687, ge=1, le=65535, alias="KB_BOLT_PORT")
    heap: str = Field(default="512m", pattern=r"^\d+[kmg]$", alias="KB_NEO4J_HEAP")
    pagecache: str = Field(default="256m", pattern=r"^\d+[kmg]$", alias="KB_NEO4J_PAGECACHE")
    start_timeout: float = Field(default=120.0, gt=0, alias="KB_NEO4J_START_TIMEOUT")
    db_timeout: float = Field(default=5.0, gt=0, le=300, alias="KB_DB_TIMEOUT")

    # The API.
    dev: bool = Field(default=False, alias="KB_DEV")
    anonymous_read: bool | None = Field(default=None, alias="KB_ANONYMOUS_READ")
    max_body_bytes: int = Field(default=1_000_000, gt=0, alias="KB_MAX_BODY_BYTES")
    # Exports: the IRI JSON-LD gives kb's ids under (the served API's address by default).
    base_iri: str = Field(default="http://127.0.0.1:8000/", pattern=r"^https?://\S+$",
                          alias="KB_BASE_IRI")
    token_cache_seconds: float = Field(default=5.0, ge=0, le=300, alias="KB_TOKEN_CACHE_SECONDS")

    # Extraction.
    review_threshold: float = Field(default=0.6, ge=0, le=1, alias="KB_REVIEW_THRESHOLD")

    @property
    def uses_local_server(self) -> bool:
        return self.neo4j_uri is None

    @property
    def allow_anonymous_read(self) -> bool:
        return self.dev if self.anonymous_read is None else self.anonymous_read

    @property
    def server_home(self) -> Path:
        return self.home / "neo4j"

    @property
    def jars_dir(self) -> Path:
        return self.cache_dir / f"neo4j-{self.neo4j_version}" / "lib"


def load_settings() -> Settings:
    return Settings()
