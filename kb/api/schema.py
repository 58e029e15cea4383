"""Assemble the schema: the query groups, the mutations, the extensions. Nothing else."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from kb.api.admin import AdminQueries
from kb.api.allegations import AllegationQueries
from kb.api.entities import EntityQueries
from kb.api.errors import ErrorCodes
from kb.api.execution import DocumentCache, FastExecutionContext, StandardExecutionContext
from kb.api.limits import limit_extensions
from kb.api.mutations import Mutation as RecordMutations
from kb.api.neighbourhood import NeighbourhoodQueries
from kb.api.paths import PathQueries
from kb.api.provenance import ProvenanceQueries
from kb.api.publications import PublicationQueries
from kb.api.review import ReviewMutations, ReviewQueries
from kb.api.timeline import TimelineQueries
from kb.api.types import RESPONSE_CLASSES, Citation, Organisation, Person, Publication

Query = merge_types("Query", (EntityQueries, AllegationQueries, PublicationQueries,
                              PathQueries, TimelineQueries, AdminQueries, ProvenanceQueries,
                              ReviewQueries, NeighbourhoodQueries))
Mutation = merge_types("Mutation", (RecordMutations, ReviewMutations))


def row_get(obj: Any, name: str) -> Any:
    """Rows from Cypher are dicts; everything else is an object."""
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name)


class StatementCount(SchemaExtension):
    """Development aid: how many Cypher statements the request sent, in `extensions`."""

    def get_results(self) -> dict[str, Any]:
        ctx = self.execution_context.context
        db = getattr(ctx, "db", None)
        return {"cypherStatements": db.statements} if db is not None else {}


class KBSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError],
                       execution_context: ExecutionContext | None = None) -> None:
        """Expected errors are the client's business; ErrorCodes logs the unexpected ones."""


def build_schema(*, dev: bool = False, fast: bool = True) -> strawberry.Schema:
    """``fast``: complete compiled rows in one pass (kb/api/execution.py); off only to
    compare against graphql-core's own completion in the tests."""
    documents: OrderedDict[str, Any] = OrderedDict()  # this schema's parsed, valid queries
    extensions: list[Any] = [lambda: DocumentCache(documents), *limit_extensions(dev),
                             lambda: ErrorCodes(dev=dev)]
    if dev:
        extensions.append(StatementCount)
    return KBSchema(
        query=Query, mutation=Mutation,
        types=[Person, Organisation, Publication, Citation, *RESPONSE_CLASSES],
        extensions=extensions,
        config=StrawberryConfig(default_resolver=row_get),
        execution_context_class=FastExecutionContext if fast else StandardExecutionContext,
    )


def sdl() -> str:
    """The schema as SDL (schema/schema.graphql is this, derived by `kb schema derive`)."""
    return str(build_schema()) + "\n"
