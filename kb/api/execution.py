"""Fast completion of compiled results, and a parse/validation cache.

A root field's statement returns its whole answer as nested maps keyed the way
the schema's resolvers read them (kb/api/types.py), so nothing below a root
field does any I/O. graphql-core would still run its generic machinery for
every field of every row (resolver info, argument conversion, awaitable
checks), which on a list of fifty allegations costs more than the query.
``FastExecutionContext`` completes such a root value in one tight pass over
the selection instead; any case it does not know (a non-null field without a
value, an unknown resolver, @defer, a row of another type) falls back to the
standard completion of that root field, which then behaves, and reports
errors, exactly as before.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLUnionType,
)
from neo4j.time import Date, DateTime
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from kb.api.ids import encode_id
from kb.api.pages import shape
from kb.api.values import native

Getter = Callable[[Any, str], Any]
Completer = Callable[[Any], Any]


class _Fallback(Exception):
    """The fast path does not handle this value: complete it the standard way."""


def _row_get(root: Any, name: str) -> Any:
    return root.get(name) if isinstance(root, dict) else getattr(root, name)


def _getters() -> dict[Any, Callable[[str], Getter]]:
    """Resolver function -> getter (given the python name) reading the same value."""
    from kb.api import lists, types

    from_key: Callable[[str], Getter] = lambda _py: lambda root, key: root.get(f"@{key}")  # noqa: E731
    return {
        types.keyed: from_key,
        types._connection: lambda _py: lambda root, key: shape(root.get(f"@{key}")),
        types._global_id: lambda _py: lambda root, key: encode_id(root["_t"], root["_id"]),
        types._db_id: lambda _py: lambda root, key: str(root["_id"]),
        lists._node: lambda _py: lambda root, key: root["node"],
    }


_GETTERS: dict[Any, Callable[[str], Getter]] | None = None
_FIELD_GETTERS: dict[tuple[str, str], Getter | None] = {}


def field_getter(parent: GraphQLObjectType, name: str) -> Getter | None:
    """How to read field ``name`` of ``parent`` from a row; None when only its resolver can."""
    global _GETTERS
    found = _FIELD_GETTERS.get((parent.name, name), False)
    if found is not False:
        return found  # type: ignore[return-value]
    if _GETTERS is None:
        _GETTERS = _getters()
    getter: Getter | None = None
    field = parent.fields.get(name)
    definition = (field.extensions or {}).get("strawberry-definition") if field else None
    if definition is not None and not definition.extensions \
            and not definition.permission_classes:
        py = definition.python_name
        resolver = definition.base_resolver
        if resolver is None:
            getter = lambda root, key: _row_get(root, py)  # noqa: E731
        else:
            make = _GETTERS.get(resolver.wrapped_func)
            getter = make(py) if make is not None else None
    _FIELD_GETTERS[(parent.name, name)] = getter
    return getter


# Leaf values the built-in scalars would pass through unchanged.
_PLAIN = {"String": str, "ID": str, "Boolean": bool, "Float": float}
_NEO4J_TIME = (Date, DateTime)


class FastExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Completes a root field's rows with functions built once per selection and request."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._completers: dict[tuple[int, int], tuple[Completer, Any]] = {}

    fast = True

    def complete_value(self, return_type: Any, field_details_list: Any, info: Any, path: Any,
                       result: Any, position_context: Any) -> Any:
        # Only a root field's own value, and only the rows the compiled statements build.
        if path.prev is None and isinstance(result, dict | list):
            if self.fast:
                try:
                    return self._completer(return_type, field_details_list)(result)
                except (_Fallback, KeyError, AttributeError, TypeError):
                    pass
            result = native(result)  # rows may come raw from the driver (see Db.read)
        return super().complete_value(return_type, field_details_list, info, path, result,
                                      position_context)

    def _completer(self, rtype: Any, details: Any) -> Completer:
        key = (id(rtype), id(details))
        found = self._completers.get(key)
        if found is None:
            found = (self._build(rtype, details), details)  # details kept alive: ids unique
            self._completers[key] = found
        return found[0]

    def _build(self, rtype: Any, details: Any) -> Completer:
        if isinstance(rtype, GraphQLNonNull):
            inner = self._completer(rtype.of_type, details)

            def non_null(value: Any) -> Any:
                out = inner(value)
                if out is None:
                    raise _Fallback  # the standard path reports it, with its path
                return out
            return non_null
        if isinstance(rtype, GraphQLList):
            item = self._completer(rtype.of_type, details)

            def listed(value: Any) -> Any:
                if value is None:
                    return None
                if type(value) is not list:
                    raise _Fallback
                return [item(v) for v in value]
            return listed
        if isinstance(rtype, GraphQLScalarType | GraphQLEnumType):
            plain = _PLAIN.get(rtype.name)
            coerce = rtype.coerce_output_value

            def leaf(value: Any) -> Any:
                if value is None or type(value) is plain:
                    return value
                if isinstance(value, _NEO4J_TIME):
                    value = value.to_native()
                out = coerce(value)
                if out is None:
                    raise _Fallback
                return out
            return leaf
        if isinstance(rtype, GraphQLInterfaceType | GraphQLUnionType):
            type_map, schema = self.schema.type_map, self.schema

            def abstract(value: Any) -> Any:
                if value is None:
                    return None
                concrete = type_map.get(value["_t"])
                if not isinstance(concrete, GraphQLObjectType) \
                        or not schema.is_sub_type(rtype, concrete):
                    raise _Fallback
                return self._completer(concrete, details)(value)
            return abstract
        if not isinstance(rtype, GraphQLObjectType):
            raise _Fallback
        grouped, defers, forbidden = self.collect_subfields(rtype, details)
        if defers or forbidden:
            raise _Fallback
        name = rtype.name
        plan: list[tuple[str, Getter, Completer | None]] = []
        for response_key, sub in grouped.items():
            field_name = sub[0].node.name.value
            if field_name == "__typename":
                plan.append((response_key, lambda root, key: name, None))
                continue
            getter = field_getter(rtype, field_name)
            if getter is None:
                raise _Fallback
            plan.append((response_key, getter,
                         self._completer(rtype.fields[field_name].type, sub)))

        def obj(value: Any) -> Any:
            if value is None:
                return None
            if type(value) is not dict or value.get("_t", name) != name:
                raise _Fallback
            return {key: getter(value, key) if complete is None
                    else complete(getter(value, key)) for key, getter, complete in plan}
        return obj


class StandardExecutionContext(FastExecutionContext):
    """graphql-core's own completion throughout (to compare against, in the tests)."""

    fast = False


class DocumentCache(SchemaExtension):
    """Parse and validate each distinct query text once (per process, bounded LRU).

    Only documents that parsed and validated cleanly are kept, so an invalid
    query is refused the same way every time. The validation rules (limits,
    introspection) are fixed per schema, so the query text is the whole key.
    """

    def __init__(self, cache: OrderedDict[str, Any], maxsize: int = 512) -> None:
        self.cache = cache
        self.maxsize = maxsize

    def on_parse(self) -> Iterator[None]:
        ctx = self.execution_context
        query = ctx.query
        if query is not None and query in self.cache:
            self.cache.move_to_end(query)
            ctx.graphql_document = self.cache[query]
            ctx.pre_execution_errors = []  # validated when it was stored
        yield

    def on_validate(self) -> Iterator[None]:
        yield
        ctx = self.execution_context
        query = ctx.query
        if query is not None and not ctx.pre_execution_errors \
                and ctx.graphql_document is not None and query not in self.cache:
            self.cache[query] = ctx.graphql_document
            if len(self.cache) > self.maxsize:
                self.cache.popitem(last=False)
