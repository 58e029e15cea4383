"""Query cost: how many objects an answer may hold, refused over a limit before any I/O.

Depth alone refuses the natural nested question ("allegations this person faces →
their responses → who issued them, for whom") and lets a shallow but wide one
through. The cost counts every object the answer could contain: a list field
multiplies what is under it by its size, which is its page size for a connection
(``first``, its default when not given), the bound the API keeps for the few
lists it caps itself, and ``DEFAULT_LIST`` for any other list (the citations of
one edge, say). Scalars are free. Variables are known, so the estimate is the
request's own, computed on every request (cached documents included).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
)
from graphql.execution import ExecutionResult
from strawberry.extensions import AddValidationRules

from kb.api.pages import MAX_PAGE
from kb.api.paths import MAX_HOPS, MAX_PATHS
from kb.errors import QueryTooComplex

MAX_COST = 100_000
DEFAULT_LIST = 5
# Lists the API bounds itself: (parent type, field) -> at most this many items.
LIST_BOUNDS = {("Query", "connections"): MAX_PATHS, ("Path", "hops"): MAX_HOPS}

Composite = GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType


class _Walk:
    def __init__(self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode],
                 variables: dict[str, Any]) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.used: set[str] = set()  # variables the estimate read

    def first(self, node: FieldNode, default: Any) -> int:
        """The page size a field asks for: its argument, a variable, or the default."""
        value = default
        for arg in node.arguments or ():
            if arg.name.value == "first":
                if isinstance(arg.value, IntValueNode):
                    value = int(arg.value.value)
                elif isinstance(arg.value, VariableNode):
                    self.used.add(arg.value.name.value)
                    value = self.variables.get(arg.value.name.value, default)
        if not isinstance(value, int) or isinstance(value, bool):
            return MAX_PAGE  # unusable: the resolver refuses it; estimate the worst case
        return max(0, min(value, MAX_PAGE))

    def fields(self, selection_set: SelectionSetNode | None, parent: Composite,
               seen: frozenset[str]) -> Iterator[tuple[FieldNode, Composite]]:
        """Field nodes under a selection set, fragments expanded (each on its own type)."""
        for sel in selection_set.selections if selection_set else ():
            if isinstance(sel, FieldNode):
                yield sel, parent
            elif isinstance(sel, InlineFragmentNode):
                on = self.schema.get_type(sel.type_condition.name.value) \
                    if sel.type_condition else parent
                if isinstance(on, Composite):
                    yield from self.fields(sel.selection_set, on, seen)
            elif isinstance(sel, FragmentSpreadNode) and sel.name.value not in seen:
                fragment = self.fragments.get(sel.name.value)
                on = self.schema.get_type(fragment.type_condition.name.value) \
                    if fragment else None
                if fragment and isinstance(on, Composite):
                    yield from self.fields(fragment.selection_set, on,
                                           seen | {sel.name.value})

    def cost(self, selection_set: SelectionSetNode | None, parent: Composite, times: int,
             page: int | None, seen: frozenset[str] = frozenset()) -> int:
        """Objects under ``selection_set`` for ``times`` parents; ``page``: the size of
        the lists of the connection being walked (``edges``, ``nodes``)."""
        total = 0
        for node, on in self.fields(selection_set, parent, seen):
            if node.name.value.startswith("__") or isinstance(on, GraphQLUnionType):
                continue
            definition = on.fields.get(node.name.value)
            if definition is None:
                continue
            rtype = definition.type
            if isinstance(rtype, GraphQLNonNull):
                rtype = rtype.of_type
            count, child_page = times, None
            arg = definition.args.get("first")
            if isinstance(rtype, GraphQLList):
                if arg is not None:
                    size = self.first(node, arg.default_value)
                elif page is not None:
                    size = page
                else:
                    size = LIST_BOUNDS.get((on.name, node.name.value), DEFAULT_LIST)
                count = times * size
            elif arg is not None:  # a connection: its edges are the page
                child_page = self.first(node, arg.default_value)
            named = rtype
            while isinstance(named, GraphQLList | GraphQLNonNull):
                named = named.of_type
            if isinstance(named, Composite):
                total += count + self.cost(node.selection_set, named, count, child_page, seen)
        return total


# (document, operation) -> (document, variables the estimate reads, their values -> cost):
# a document is parsed once and reused (DocumentCache), so its cost is usually known.
_COSTS: OrderedDict[tuple[int, str | None], tuple[DocumentNode, tuple[str, ...],
                                                   dict[tuple[str, ...], int]]] = OrderedDict()


def query_cost(schema: GraphQLSchema, document: DocumentNode, operation_name: str | None,
               variables: dict[str, Any] | None) -> int:
    """The estimated number of objects the operation's answer may hold (remembered per
    document and values of the variables it depends on)."""
    variables = variables or {}
    key = (id(document), operation_name)
    entry = _COSTS.get(key)
    if entry is not None and entry[0] is document:
        values = tuple(repr(variables.get(n)) for n in entry[1])
        if values in entry[2]:
            return entry[2][values]
    walk = _Walk(schema, {}, variables)
    cost = _estimate(walk, document, operation_name)
    names = tuple(sorted(walk.used))
    if entry is None or entry[0] is not document or entry[1] != names:
        entry = (document, names, {})
        _COSTS[key] = entry
        if len(_COSTS) > 512:
            _COSTS.popitem(last=False)
    if len(entry[2]) < 64:
        entry[2][tuple(repr(variables.get(n)) for n in names)] = cost
    return cost


def _estimate(walk: _Walk, document: DocumentNode, operation_name: str | None) -> int:
    walk.fragments = {d.name.value: d for d in document.definitions
                      if isinstance(d, FragmentDefinitionNode)}
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)
                  and (operation_name is None or (d.name and d.name.value == operation_name))]
    if not operations:
        return 0  # graphql-core reports the missing operation
    op = operations[0]
    root = walk.schema.get_root_type(op.operation)
    if root is None:
        return 0
    return walk.cost(op.selection_set, root, 1, None)


class CostLimit(AddValidationRules):
    """Refuse an operation whose estimated cost is over ``max_cost`` (QUERY_TOO_COMPLEX);
    also adds the given validation rules (one extension for all limits: fewer hooks)."""

    def __init__(self, validation_rules: list[Any] | None = None,
                 max_cost: int = MAX_COST) -> None:
        super().__init__(validation_rules or [])
        self.max_cost = max_cost

    def on_execute(self) -> Iterator[None]:
        ctx = self.execution_context
        document = ctx.graphql_document
        if document is not None and not ctx.result:
            cost = query_cost(ctx.schema._schema, document, ctx.operation_name, ctx.variables)
            if cost > self.max_cost:
                error = QueryTooComplex(
                    f"the query may return {cost:,} objects (page sizes multiplied through "
                    f"nested lists); the limit is {self.max_cost:,}: ask for smaller pages "
                    "(`first`) or fewer nested lists")
                ctx.result = ExecutionResult(
                    data=None, errors=[GraphQLError(error.message, original_error=error)])
        yield
