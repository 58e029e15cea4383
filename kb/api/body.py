"""Request bodies, read strictly: anything that is not a GraphQL request is a 400, said as one.

strawberry answered ``null``, ``123`` or invalid UTF-8 with a 500, and let a lone
surrogate through to the driver, which failed later as a masked internal error.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse

from kb.errors import InvalidInput, InvalidReport
from kb.model.strict_parse import load_json


class BadRequest(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def error_response(code: str, message: str, status: int) -> JSONResponse:
    """The one error shape, also for requests that never reached GraphQL."""
    return JSONResponse({"data": None, "errors": [{"message": message,
                                                   "extensions": {"code": code}}]},
                        status_code=status)


def decode_body(data: str | bytes) -> dict[str, Any]:
    try:
        body = load_json(data)
    except InvalidReport as exc:
        raise BadRequest("BAD_REQUEST", f"the request body: {exc.message}") from None
    except InvalidInput as exc:  # a lone surrogate: JSON allows it, text does not
        raise BadRequest(exc.code, exc.message) from None
    if not isinstance(body, dict):
        kind = "null" if body is None else type(body).__name__
        raise BadRequest("BAD_REQUEST", "the request body must be a JSON object with a "
                                        f"`query`, not {kind}")
    return body
