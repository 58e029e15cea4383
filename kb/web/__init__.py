"""The reporter's workspace: HTML shells, plain ES-module JavaScript and vendored libraries,
served by `kb serve` next to /graphql. Every datum on a page comes through GraphQL with the
caller's bearer token (kept in the browser, sent as a header, never a cookie)."""

from kb.web.routes import GRAPHIQL_HTML, web_routes

__all__ = ["GRAPHIQL_HTML", "web_routes"]
