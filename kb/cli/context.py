"""What every command shares: settings, and a driver opened (and schema applied) on demand."""

from __future__ import annotations

from dataclasses import dataclass, field

from neo4j import Driver

from kb.settings import Settings
from kb.store.connection import open_driver, resolve_target
from kb.store.schema import apply_schema


@dataclass
class App:
    settings: Settings
    _driver: Driver | None = field(default=None, init=False)

    @property
    def database(self) -> str:
        return self.settings.neo4j_database

    def driver(self) -> Driver:
        """Connect (starting the local server if needed) and make sure `kb init` has run."""
        if self._driver is None:
            driver = open_driver(resolve_target(self.settings))
            apply_schema(driver, self.database)
            self._driver = driver
        return self._driver

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None
