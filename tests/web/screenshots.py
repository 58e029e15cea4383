"""`make screenshots`: docs/screenshots/*.png of the workspace on the example data, taken
with the same headless chromium the browser tests use. Uses kb's configured database (the
local server by default), loads the examples into it like `make demo`, serves the app on a
free loopback port for the time it takes."""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from kb.api.app import create_app
from kb.settings import Settings
from kb.store.connection import open_driver, resolve_target
from kb.store.tokens import create_token
from tests.api_helpers import free_port

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "docs" / "screenshots"


def main() -> int:
    chromium = os.environ.get("KB_CHROMIUM") or shutil.which("chromium")
    if not chromium:
        print("chromium is not installed (Debian: apt-get install chromium)", file=sys.stderr)
        return 1
    subprocess.run([sys.executable, "-m", "kb", "load", "examples/reports", "examples/articles"],
                   cwd=REPO, check=True, capture_output=True)
    settings = Settings(KB_DEV=True)
    target = resolve_target(settings)
    driver = open_driver(target)
    editor, _ = create_token(driver, target.database, "editor", "make screenshots")

    def gid(label: str, name: str) -> str:
        rows = driver.execute_query(f"MATCH (n:{label} {{name: $name}}) RETURN n.id AS id",
                                    {"name": name}, database_=target.database).records
        return base64.b64encode(f"{label}:{rows[0]['id']}".encode()).decode()

    kessel, marsh = gid("Person", "Raymond Kessel"), gid("Person", "Lena Marsh")
    resorts = gid("Organisation", "Silverline Resorts")
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings, target), host="127.0.0.1",
                                           port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}"
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 860})

        def shot(path: str, name: str, before: str | None = None) -> None:
            page.goto(url + path)
            page.wait_for_selector("body[data-rendered]")
            if before:
                page.evaluate(before)
                page.wait_for_timeout(300)
            page.screenshot(path=str(OUT / f"{name}.png"))
            print(f"docs/screenshots/{name}.png")

        shot("/?q=Kessel", "search")
        shot(f"/entity/{kessel}", "entity")
        # The network with one line selected: its quotes in the side panel.
        shot(f"/graph?focus={kessel}", "network", """() => {
          const e = window.kbGraph.cy.edges().filter(e => e.data('label') === 'accuses')[0];
          e.select(); e.emit('tap'); }""")
        page.click("#edge-panel figcaption a")
        page.wait_for_selector("mark.target")
        page.screenshot(path=str(OUT / "publication.png"))
        print("docs/screenshots/publication.png")
        shot(f"/path?from={marsh}&to={resorts}", "path")
        page.goto(url + "/healthz")
        page.evaluate("t => localStorage.setItem('kb.token', t)", editor)
        shot("/review", "review")
        browser.close()
    server.should_exit = True
    driver.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
