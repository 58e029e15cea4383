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

import contextlib
from collections import OrderedDict
from collections.abc import Callable, Iterator
from typing import Any

from graphql import (
    ArgumentNode,
    GraphQLEnumType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLUnionType,
    OperationDefinitionNode,
    VariableNode,
    visit,
)
from graphql import Visitor as GraphQLVisitor
from graphql.execution.values import get_argument_values
from neo4j.time import Date, DateTime
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from kb.api.ids import encode_id
from kb.api.pages import edges_only, page_window, shape
from kb.api.values import native

Completer = Callable[[Any], Any]
# How a field's value is read from its parent row: a kind and its argument.
Access = tuple[str, str]


class _Fallback(Exception):
    """The fast path does not handle this value: complete it the standard way."""


def _accessors() -> dict[Any, str]:
    """Resolver function -> the kind of access that reads the same value from a row."""
    from kb.api import lists, types

    return {types.keyed: "keyed", types.cited: "keyed",
            types._connection: "connection", types._global_id: "global_id",
            types._db_id: "db_id", lists._node: "node"}


_ACCESSORS: dict[Any, str] | None = None
_FIELD_ACCESS: dict[tuple[str, str], Access | None] = {}


def field_access(parent: GraphQLObjectType, name: str) -> Access | None:
    """How to read field ``name`` of ``parent`` from a row; None when only its resolver can.

    ("plain", python name): the row's value; ("keyed", ""): the row's ``@<response key>``;
    ("connection", ""): that, shaped as a connection; ("global_id" | "db_id" | "node", "").
    """
    global _ACCESSORS
    found = _FIELD_ACCESS.get((parent.name, name), False)
    if found is not False:
        return found  # type: ignore[return-value]
    if _ACCESSORS is None:
        _ACCESSORS = _accessors()
    access: Access | None = None
    field = parent.fields.get(name)
    definition = (field.extensions or {}).get("strawberry-definition") if field else None
    if definition is not None and not definition.extensions \
            and not definition.permission_classes:
        resolver = definition.base_resolver
        if resolver is None:
            access = ("plain", definition.python_name)
        else:
            kind = _ACCESSORS.get(resolver.wrapped_func)
            access = (kind, "") if kind is not None else None
    _FIELD_ACCESS[(parent.name, name)] = access
    return access


# Leaf values the built-in scalars would pass through unchanged: their check in Python.
_PLAIN = {"String": "type({x}) is str", "ID": "type({x}) is str",
          "Boolean": "type({x}) is bool", "Float": "type({x}) is float",
          "Int": "(type({x}) is int and -2147483648 <= {x} <= 2147483647)"}
_PLAIN_TYPES = {"String": str, "ID": str, "Boolean": bool, "Float": float}
_NEO4J_TIME = (Date, DateTime)


def _leaf(rtype: GraphQLScalarType | GraphQLEnumType, non_null: bool) -> Completer:
    """A leaf that is not plain: dates, enums, custom scalars (None stays None if allowed)."""
    coerce = rtype.coerce_output_value

    def leaf(value: Any) -> Any:
        if value is None:
            if non_null:
                raise _Fallback  # the standard path reports it, with its path
            return None
        if isinstance(value, _NEO4J_TIME):
            value = value.to_native()
        out = coerce(value)
        if out is None:
            raise _Fallback
        return out
    return leaf


_CODE: dict[str, Any] = {}  # generated source -> compiled (the same text recurs per request)
_READ = {
    "keyed": "v.get({at})",
    "global_id": "encode_id(v['_t'], v['_id'])", "db_id": "str(v['_id'])", "node": "v['node']",
}


def _page_variables(operation: OperationDefinitionNode, fragments: dict[str, Any]
                    ) -> tuple[str, ...]:
    """Variables a completer depends on: page arguments (``first``, ``after``) and
    directive conditions (``@include``/``@skip``), anywhere in the operation."""
    names: set[str] = set()

    class Visitor(GraphQLVisitor):
        def enter_argument(self, node: ArgumentNode, *_: Any) -> None:
            if node.name.value in ("first", "after", "if") \
                    and isinstance(node.value, VariableNode):
                names.add(node.value.name.value)

    for root in (operation, *fragments.values()):
        visit(root, Visitor())
    return tuple(sorted(names))


# Completers shared by requests: (root type, its field nodes, the values of the variables
# they depend on) -> (completer, what keeps those nodes alive so their ids stay unique).
_SHARED: OrderedDict[tuple[Any, ...], tuple[Completer, Any]] = OrderedDict()
_SHARED_MAX = 256
_OPERATION_VARS: OrderedDict[int, tuple[Any, tuple[str, ...]]] = OrderedDict()


class FastExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Completes a root field's rows with functions built once per selection (and values
    of the variables the selection's shape depends on), shared by requests."""

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
                    return self._shared(return_type, field_details_list)(result)
                except (_Fallback, KeyError, AttributeError, TypeError):
                    pass
            result = native(result)  # rows may come raw from the driver (see Db.read)
        return super().complete_value(return_type, field_details_list, info, path, result,
                                      position_context)

    def _shared(self, rtype: Any, details: Any) -> Completer:
        """The root field's completer, from the process-wide cache when it was built before.

        A completer depends only on the document's nodes (cached documents are reused,
        kb/api/execution.DocumentCache) and on the variables that shape pages or skip
        fields; it holds nothing of the request that built it.
        """
        op = self.operation
        known = _OPERATION_VARS.get(id(op))
        if known is None or known[0] is not op:
            known = (op, _page_variables(op, self.fragments))
            _OPERATION_VARS[id(op)] = known
            if len(_OPERATION_VARS) > _SHARED_MAX:
                _OPERATION_VARS.popitem(last=False)
        # graphql-core 3.3 wraps the coerced values (``VariableValues.coerced``); 3.2 gave
        # the mapping itself.
        values: Any = getattr(self.variable_values, "coerced", self.variable_values)
        key = (id(rtype), tuple(id(d.node) for d in details),
               tuple(repr(values.get(name)) for name in known[1]))
        found = _SHARED.get(key)
        if found is None or found[1][0] is not op:
            found = (self._completer(rtype, details), (op, details))
            _SHARED[key] = found
            if len(_SHARED) > _SHARED_MAX:
                _SHARED.popitem(last=False)
        else:
            _SHARED.move_to_end(key)
        return found[0]

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
            plain = _PLAIN_TYPES.get(rtype.name)
            general = _leaf(rtype, False)
            return lambda value: value if type(value) is plain else general(value)
        if isinstance(rtype, GraphQLInterfaceType | GraphQLUnionType):
            # Built for every possible type now, so that nothing refers to this request.
            by_type: dict[str, Completer] = {}
            for concrete in self.schema.get_possible_types(rtype):
                with contextlib.suppress(_Fallback):
                    by_type[concrete.name] = self._completer(concrete, details)

            # A row without `_t`: its selection reads alike on every type (cypher/compile.py).
            untyped = next(iter(by_type.values()), None)

            def abstract(value: Any) -> Any:
                if value is None:
                    return None
                found = by_type.get(value["_t"]) if "_t" in value else untyped
                if found is None:
                    raise _Fallback
                return found(value)
            return abstract
        if not isinstance(rtype, GraphQLObjectType):
            raise _Fallback
        return self._object(rtype, details)

    def _object(self, rtype: GraphQLObjectType, details: Any) -> Completer:
        """An object's completer as one generated function: leaves inline, one call per
        nested object (calls through closures per value cost more than the query)."""
        grouped, defers, forbidden = self.collect_subfields(rtype, details)
        if defers or forbidden:
            raise _Fallback
        name = rtype.name
        ns: dict[str, Any] = {"_Fallback": _Fallback, "shape": shape, "encode_id": encode_id,
                              "edges_only": edges_only}
        lines = [f"if type(v) is not dict or v.get('_t', {name!r}) != {name!r}:",
                 "    raise _Fallback", "r = {}"]
        for n, (key, sub) in enumerate(grouped.items()):
            field_name = sub[0].node.name.value
            if field_name == "__typename":
                lines.append(f"r[{key!r}] = {name!r}")
                continue
            access = field_access(rtype, field_name)
            if access is None:
                raise _Fallback
            kind, py = access
            if kind == "plain":
                lines.append(f"x = v.get({py!r})")
            elif kind == "connection" and self._edges_only(rtype.fields[field_name].type, sub):
                lines.append(f"x = edges_only(v.get({'@' + key!r}))")
            elif kind == "connection":  # its page window, from the field's own arguments
                skip, first = self._window(rtype.fields[field_name], sub[0].node)
                lines.append(f"x = shape(v.get({'@' + key!r}), {skip}, {first})")
            else:
                lines.append("x = " + _READ[kind].format(at=repr(f"@{key}")))
            lines += self._value(rtype.fields[field_name].type, sub, f"c{n}", ns)
            lines.append(f"r[{key!r}] = x")
        lines.append("return r")
        source = "def complete(v):\n" + "\n".join("    " + line for line in lines)
        code = _CODE.get(source)
        if code is None:
            if len(_CODE) > 2048:
                _CODE.clear()
            code = _CODE[source] = compile(source, f"<completer {name}>", "exec")
        exec(code, ns)
        completer: Completer = ns["complete"]
        return completer

    def _edges_only(self, ftype: Any, sub: Any) -> bool:
        """Whether a connection's selection reads only its edges, without cursors (no
        need to number them, count or describe the page)."""
        conn = ftype.of_type if isinstance(ftype, GraphQLNonNull) else ftype
        if not isinstance(conn, GraphQLObjectType):
            return False
        grouped, _, _ = self.collect_subfields(conn, sub)
        names = {f[0].node.name.value for f in grouped.values()}
        if not names <= {"edges", "__typename"}:
            return False
        if "edges" not in names:
            return True
        edge = conn.fields["edges"].type
        while isinstance(edge, GraphQLNonNull | GraphQLList):
            edge = edge.of_type
        edge_fields = [d for f in grouped.values() if f[0].node.name.value == "edges"
                       for d in f]
        inner, _, _ = self.collect_subfields(edge, edge_fields)
        return "cursor" not in {f[0].node.name.value for f in inner.values()}

    def _window(self, definition: Any, node: Any) -> tuple[int, int]:
        try:
            args = get_argument_values(definition, node, self.variable_values)
            return page_window(args.get("first"), args.get("after"))
        except Exception:  # refused when the statement was compiled; here: the standard way
            raise _Fallback from None

    def _value(self, ftype: Any, sub: Any, name: str, ns: dict[str, Any]) -> list[str]:
        """Statements completing ``x`` (a field's value) in place."""
        non_null = isinstance(ftype, GraphQLNonNull)
        inner = ftype.of_type if non_null else ftype
        if isinstance(inner, GraphQLScalarType | GraphQLEnumType):
            plain = _PLAIN.get(inner.name)
            ns[name] = _leaf(inner, non_null)
            if plain is None:
                return [f"x = {name}(x)"]
            return [f"if not {plain.format(x='x')}:", f"    x = {name}(x)"]
        if isinstance(inner, GraphQLList):
            item = inner.of_type
            item_non_null = isinstance(item, GraphQLNonNull)
            base = item.of_type if item_non_null else item
            if isinstance(base, GraphQLList):  # lists of lists: the general way
                ns[name] = self._completer(ftype, sub)
                return [f"x = {name}(x)"]
            if isinstance(base, GraphQLScalarType | GraphQLEnumType):
                ns[name] = _leaf(base, item_non_null)
                plain = _PLAIN.get(base.name)
                each = f"i if {plain.format(x='i')} else {name}(i)" if plain else f"{name}(i)"
            else:
                ns[name] = self._completer(base, sub)
                each = f"{name}(i)" if item_non_null else f"None if i is None else {name}(i)"
            # A list or, where the field allows it, null; anything else: the standard way.
            return ["if type(x) is list:", f"    x = [{each} for i in x]",
                    "else:" if non_null else "elif x is not None:", "    raise _Fallback"]
        ns[name] = self._completer(inner, sub)  # an object, interface or union
        if non_null:
            return ["if x is None:", "    raise _Fallback", f"x = {name}(x)"]
        return ["if x is not None:", f"    x = {name}(x)"]


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
