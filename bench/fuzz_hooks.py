"""schemathesis hooks for `make fuzz`: what counts as a failure for kb.

An expected failure is a GraphQL error with a stable code (INVALID_INPUT, UNAUTHENTICATED,
...); schemathesis's own GraphQL check counts those too. Here only a 5xx or a masked
INTERNAL_ERROR fails.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import strategies as st
from schemathesis.graphql import nodes

# kb's JSON scalar takes a report object; a string literal exercises its refusals.
schemathesis.graphql.scalar("JSON", st.text(max_size=40).map(nodes.String))


@schemathesis.check
def no_internal_error(ctx: Any, response: Any, case: Any) -> bool | None:
    if response.status_code >= 500:
        raise AssertionError(f"HTTP {response.status_code}")
    try:
        body = response.json()
    except ValueError as exc:
        raise AssertionError("the response is not JSON") from exc
    codes = [(e.get("extensions") or {}).get("code") for e in body.get("errors") or []]
    if "INTERNAL_ERROR" in codes or None in codes:
        raise AssertionError(f"an error without a stable code: {codes}")
    return None
