"""Error codes for clients: expected failures carry a stable code, the rest are masked.

Every error leaves with ``extensions.code``. A ``KBError`` keeps its message
and code; limit violations become ``QUERY_TOO_COMPLEX``; anything unexpected
becomes "Unexpected error." and is logged here with its traceback, never sent.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from graphql import GraphQLError
from neo4j.exceptions import ServiceUnavailable, SessionExpired
from strawberry.extensions import SchemaExtension

from kb.errors import DatabaseUnavailable, KBError, QueryTooComplex

log = logging.getLogger("kb.api")

MASKED = "Unexpected error."
_SUGGESTION = re.compile(r" ?Did you mean [^?]*\?")
_TOO_COMPLEX = re.compile(
    r"exceeds maximum operation depth|aliases found\. Allowed|contains more than \d+ tokens"
)
_CITATION_ARG = re.compile(r"[Aa]rgument '(\w+\.)?citations?' .*required|"
                           r"[Ff]ield '\w+\.citations?' of required type|"
                           r"required field 'citations?'")


class PageTooLarge(QueryTooComplex):
    code = "PAGE_TOO_LARGE"


def _code_for_plain(error: GraphQLError) -> str:
    """The code of an error raised by parsing or validation (no original exception)."""
    message = error.message
    if _TOO_COMPLEX.search(message):
        return QueryTooComplex.code
    if _CITATION_ARG.search(message):
        return "CITATION_REQUIRED"
    if message.startswith("Syntax Error"):
        return "GRAPHQL_PARSE_FAILED"
    if "introspection has been disabled" in message:
        return "INTROSPECTION_DISABLED"
    return "GRAPHQL_VALIDATION_FAILED"


def to_client(error: GraphQLError, *, dev: bool) -> GraphQLError:
    """The error as a client may see it."""
    original = error.original_error
    extensions = dict(error.extensions or {})
    message = error.message
    if isinstance(original, ServiceUnavailable | SessionExpired):
        original = DatabaseUnavailable("the database is not reachable")
    if isinstance(original, KBError):
        extensions["code"] = original.code
        if original.field:
            extensions["field"] = original.field
        message = original.message
    elif original is None or isinstance(original, GraphQLError):
        extensions.setdefault("code", _code_for_plain(error))
        if not dev:
            message = _SUGGESTION.sub("", message)  # no schema hints outside development
    else:
        log.error("unexpected error in %s", ".".join(map(str, error.path or [])) or "request",
                  exc_info=original)
        extensions = {"code": "INTERNAL_ERROR"}
        message = MASKED
    return GraphQLError(message, nodes=error.nodes, source=error.source,
                        positions=error.positions, path=error.path, extensions=extensions)


class ErrorCodes(SchemaExtension):
    """Rewrite every error of the operation into its client form."""

    def __init__(self, *, dev: bool = False) -> None:
        self.dev = dev

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [to_client(e, dev=self.dev) for e in result.errors]
