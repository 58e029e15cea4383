"""The editorial vocabulary of the API: review states and the view arguments."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated

import strawberry


@strawberry.enum(description="A person's judgement of whether a claim reads its sentence "
                             "right (the quote itself is checked by machine).")
class ReviewState(Enum):
    UNREVIEWED = "unreviewed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


ReviewedArg = Annotated[bool | None, strawberry.argument(description=(
    "true: only claims a person accepted. Rejected claims are never shown."))]
AsOfArg = Annotated[dt.date | None, strawberry.argument(description=(
    "As the published record stood on this day: only relationships cited by publications "
    "dated by then, and allegations' statuses as of then."))]

@strawberry.type(description="What one publication says an allegation's status is, dated "
                             "by the publication, with the quote that says it.")
class StatusEvent:
    status: str
    date: dt.date | None
    quote: str
    outlet: str
    url: str | None
    publication_id: str


# The review state of a node or relationship variable in compiled Cypher.
REVIEW_STATE = "coalesce({v}.review, 'unreviewed')"
