"""Routes of the workspace: one HTML shell per page, the static files, the vendored ones.

The shells carry no data and nothing from the request: each page's script reads its
parameters from the URL and asks /graphql, so the server never writes user text into HTML.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from kb.settings import Settings

HERE = Path(__file__).parent
# path, page script (kb/web/static/pages/NAME.js), title
PAGES: list[tuple[str, str, str]] = [
    ("/", "home", "kb"),
    ("/entity/{id:path}", "entity", "Entity"),
    ("/allegation/{id:path}", "allegation", "Allegation"),
    ("/publication/{id:path}", "publication", "Publication"),
    ("/graph", "graph", "Network"),
    ("/path", "path", "Connections"),
    ("/review", "review", "Review queue"),
    ("/audit", "audit", "Audit"),
]
# Pages render before data arrives; no framing by other sites, no inline script.
HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; img-src 'self' data:; "
                                "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}

SHELL = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · kb</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/kb.css">
<script type="module" src="/static/pages/{page}.js"></script>
</head>
<body data-page="{page}" data-anonymous-read="{anonymous}">
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <a class="brand" href="/">kb</a>
  <nav aria-label="Workspace">
    <a href="/">Search</a> <a href="/graph">Network</a> <a href="/path">Connections</a>
    <a href="/review">Review</a> <a href="/audit">Audit</a>{graphiql}
  </nav>
  <div id="auth" class="auth"></div>
</header>
<main id="main" tabindex="-1"><p class="loading" role="status">Loading…</p></main>
</body>
</html>
"""


def shell(page: str, title: str, settings: Settings) -> str:
    return SHELL.format(page=escape(page), title=escape(title),
                        anonymous="true" if settings.allow_anonymous_read else "false",
                        graphiql=' <a href="/graphql">GraphiQL</a>' if settings.dev else "")


def web_routes(settings: Settings) -> list[BaseRoute]:
    """The workspace's routes, to mount next to /graphql."""

    def page(name: str, title: str):  # type: ignore[no-untyped-def]
        html = shell(name, title, settings)

        async def endpoint(request: Request) -> Response:
            return HTMLResponse(html, headers=HEADERS)
        return endpoint

    return [
        *(Route(path, page(name, title), methods=["GET"], name=f"web-{name}")
          for path, name, title in PAGES),
        Mount("/static/vendor", StaticFiles(directory=HERE / "vendor"), name="vendor"),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]


# GraphiQL from the vendored files: works offline. The token, when one is kept, goes as a
# bearer header like every page's requests.
GRAPHIQL_HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>GraphiQL · kb</title>
<link rel="stylesheet" href="/static/vendor/graphiql/graphiql.min.css">
<style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
<script src="/static/vendor/react/react.production.min.js"></script>
<script src="/static/vendor/react-dom/react-dom.production.min.js"></script>
<script src="/static/vendor/graphiql/graphiql.min.js"></script>
</head>
<body>
<div id="graphiql" role="main">Loading GraphiQL…</div>
<script src="/static/graphiql.js"></script>
</body>
</html>
"""
