"""The error tree: every expected failure has a stable code.

The CLI prints an error as one line and exits non-zero; the API puts the code
in the GraphQL error's ``extensions``. Messages never carry secrets.
"""

from __future__ import annotations


class KBError(Exception):
    """Root of every expected kb failure."""

    code = "KB_ERROR"
    exit_code = 1

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ConfigError(KBError):
    code = "CONFIG_ERROR"


class MissingPrerequisite(KBError):
    """Java, Maven or the network is missing for the local Neo4j."""

    code = "MISSING_PREREQUISITE"


class DatabaseUnavailable(KBError):
    code = "DATABASE_UNAVAILABLE"


class InvalidInput(KBError):
    code = "INVALID_INPUT"


class InvalidReport(InvalidInput):
    code = "INVALID_REPORT"


class CitationRequired(InvalidInput):
    code = "CITATION_REQUIRED"


class QuoteNotFound(InvalidInput):
    code = "QUOTE_NOT_FOUND"


class QuoteAmbiguous(InvalidInput):
    code = "QUOTE_AMBIGUOUS"


class PublicationConflict(InvalidInput):
    code = "PUBLICATION_CONFLICT"


class NotFound(KBError):
    code = "NOT_FOUND"


class Unauthenticated(KBError):
    """No token, or one that is unknown or revoked: the caller is nobody we know."""

    code = "UNAUTHENTICATED"


class Forbidden(KBError):
    """A known caller whose role does not allow this."""

    code = "FORBIDDEN"


class QueryTooComplex(KBError):
    code = "QUERY_TOO_COMPLEX"
