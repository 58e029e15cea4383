"""Browser tests of the workspace: Debian's chromium, headless, driven by Playwright.

No browser is downloaded: Playwright is pointed at /usr/bin/chromium (or KB_CHROMIUM).
Without it the tests skip with the reason, except under CI, where they must run.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.api_helpers import Api, load, start_server, token
from tests.conftest import Graph
from tests.web.data import (
    ambiguous_reports,
    corrected_report,
    hostile_report,
    hub_report,
    retracted_report,
)


def chromium_path() -> str | None:
    found = os.environ.get("KB_CHROMIUM") or shutil.which("chromium") \
        or shutil.which("chromium-browser")
    return found if found and Path(found).exists() else None


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    """Package scope: Playwright's sync API runs an event loop, closed before other tests."""
    path = chromium_path()
    if path is None:
        reason = "chromium is not installed (Debian: apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + "; CI must have it")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, headless=True,
                               args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield b
        b.close()


@pytest.fixture(scope="package")
def examples(session_graph: Graph) -> Graph:
    """The example reports and articles, a hostile report and a 200-node hub, loaded once
    through the product's own loader (the API tests elsewhere wipe the graph: this package
    reloads it)."""
    session_graph.driver.execute_query("MATCH (n) DETACH DELETE n",
                                       database_=session_graph.database)
    session_graph.kb("load", "examples/reports", "examples/articles", check=True)
    load(session_graph, hostile_report())
    load(session_graph, hub_report(199))
    load(session_graph, retracted_report())
    load(session_graph, corrected_report())
    for report in ambiguous_reports():
        load(session_graph, report)
    return session_graph


@pytest.fixture(scope="package")
def web(examples: Graph) -> Iterator[Api]:
    """kb serve in development mode: anonymous reads, GraphiQL."""
    yield from start_server(examples, KB_DEV=True)


@pytest.fixture(scope="package")
def web_prod(examples: Graph) -> Iterator[Api]:
    """kb serve as deployed: every request needs a token."""
    yield from start_server(examples, KB_DEV=False)


@pytest.fixture(scope="package")
def tokens(examples: Graph) -> dict[str, str]:
    return {role: token(examples, role) for role in ("reader", "editor", "admin")}


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page; fails the test on any script error or request off this machine."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
    pg.on("console", lambda m: problems.append(f"console error: {m.text}")
          if m.type == "error" and "favicon" not in m.text else None)

    def local_only(route: Any) -> None:
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            problems.append(f"request off this machine: {url}")
            route.abort()
    pg.route("**/*", local_only)
    pg.set_default_timeout(15_000)
    yield pg
    context.close()
    assert not problems, problems


def open_page(pg: Any, api: Api, path: str) -> float:
    """Go to a page and wait until it has rendered; the time it took in the browser (ms)."""
    pg.goto(api.url + path)
    pg.wait_for_selector("body[data-rendered]")
    return float(pg.evaluate("Number(document.body.dataset.rendered)"))


def use_token(pg: Any, api: Api, secret: str) -> None:
    pg.goto(api.url + "/healthz")
    pg.evaluate("t => localStorage.setItem('kb.token', t)", secret)
