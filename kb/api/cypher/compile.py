"""Compile a GraphQL selection into Cypher map projections with nested subqueries.

``Compiler.node_map(var, type, selections)`` returns the ``CALL (var) {...}``
subqueries to run where ``var`` is bound, and the map expression to return for
it. Connections become subqueries that page, project their nodes recursively
and collect one list, so a whole root field is one statement. Connection data
is keyed by the response key (alias), so aliased calls with different
arguments do not collide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection
from strawberry.utils.str_converters import to_camel_case, to_snake_case

from kb.api.cypher.spec import (
    ABSTRACT,
    COMPUTED,
    EDGE_SCALARS,
    ORDER,
    TYPES,
    Conn,
    concrete,
    typename_expr,
)
from kb.api.pages import page_window
from kb.api.types import EDGE_CITATIONS
from kb.store.explain import CONTEXT, context_exprs, order_citations
from kb.store.status import latest_status
from kb.store.visible import View, rel_visible, review_ok

# Interfaces a fragment may be typed on, per concrete type.
INTERFACES: dict[str, set[str]] = {}
for _abstract, _members in ABSTRACT.items():
    for _member in _members:
        INTERFACES.setdefault(_member, set()).add(_abstract)


@dataclass
class Field:
    """One response key, with its selections merged across fragments."""

    name: str
    arguments: dict[str, Any]
    selections: list[Selection] = field(default_factory=list)


def _included(directives: dict[str, dict[str, Any]]) -> bool:
    if "skip" in directives and directives["skip"].get("if"):
        return False
    return not ("include" in directives and not directives["include"].get("if"))


def flatten(selections: Iterable[Selection], type_name: str | None = None) -> dict[str, Field]:
    """Fields selected on ``type_name`` (or any of its possible types), by response key.

    Without a type name (connections, edges: one possible type) every fragment applies.
    """
    wanted: set[str] = set()
    if type_name is not None:
        wanted = {type_name, *concrete(type_name)}
        for t in concrete(type_name):
            wanted |= INTERFACES.get(t, set())
    out: dict[str, Field] = {}

    def walk(items: Iterable[Selection]) -> None:
        for sel in items:
            if not _included(sel.directives):
                continue
            if isinstance(sel, SelectedField):
                key = sel.alias or sel.name
                found = out.setdefault(key, Field(sel.name, sel.arguments))
                found.selections.extend(sel.selections)
            elif isinstance(sel, InlineFragment | FragmentSpread) and (
                    type_name is None or sel.type_condition in (None, *wanted)):
                walk(sel.selections)

    walk(selections)
    return out


@cache
def _lookup(types: tuple[str, ...]) -> tuple[dict[str, tuple[str, str]], dict[str, Conn]]:
    """GraphQL field name -> (python name, Cypher) and -> connection, over possible types
    (per process: the spec is fixed; callers only read the maps)."""
    scalars: dict[str, tuple[str, str]] = {}
    conns: dict[str, Conn] = {}
    for t in types:
        spec = TYPES[t]
        for py, expr in spec.scalars.items():
            scalars[to_camel_case(py)] = (py, expr)
        for py, conn in spec.connections.items():
            conns[to_camel_case(py)] = conn
    return scalars, conns


@cache
def _computed(types: tuple[str, ...]) -> dict[str, tuple[str, Any, str]]:
    """Computed fields of these types: GraphQL name -> (python name, builder, owner type)."""
    return {to_camel_case(py): (py, build, t) for t in types
            for py, build in COMPUTED.get(t, {}).items()}


def _type_agnostic(selections: Iterable[Selection], type_name: str) -> bool:
    """Whether a selection on an abstract type reads the same whatever the concrete type:
    no ``__typename``, no fragment on another type."""
    for sel in selections:
        if isinstance(sel, SelectedField):
            if sel.name == "__typename":
                return False
        elif sel.type_condition not in (None, type_name) \
                or not _type_agnostic(sel.selections, type_name):
            return False
    return True


def _identity(var: str, type_name: str, selected: dict[str, Field],
              selections: Iterable[Selection] = ()) -> list[str]:
    """``_t`` (the GraphQL type) where a global id is selected or the type is abstract and
    the selection depends on it, ``_id`` where an id is selected.

    Other rows need neither (types.FromRow trusts the statement; the executor completes a
    row without ``_t`` as any of the possible types, which then read alike), and leaving
    them out keeps large results small.
    """
    names = {f.name for f in selected.values()}
    entries = []
    if names & {"id", "dbId"}:
        entries.append(f"_id: {var}.id")
    if "id" in names or (len(concrete(type_name)) > 1
                         and not _type_agnostic(selections, type_name)):
        entries.append(f"_t: {typename_expr(var, type_name)}")
    return entries


def live(rel: str) -> str:
    """The condition that keeps claims resting only on retracted sources out of reads."""
    return f"({rel}.unsupported IS NULL OR NOT {rel}.unsupported)"


CLAIM_TYPES = {"Allegation", "Response", *ABSTRACT["Response"]}


class Compiler:
    """``include_retracted`` is the root field's choice; a connection may override it.
    ``reviewed``: only what a person accepted (rejected claims are never shown);
    ``as_of``: only relationships cited by a publication dated by then, statuses as of then.
    """

    def __init__(self, include_retracted: bool = False, reviewed: bool = False,
                 as_of: dt.date | None = None) -> None:
        self.params: dict[str, Any] = {}
        self.include_retracted = include_retracted
        self.reviewed = reviewed
        self.as_of = as_of
        if as_of is not None:
            self.params["as_of"] = as_of
        self._n = 0

    def view(self, include_retracted: bool | None = None) -> View:
        retracted = self.include_retracted if include_retracted is None else include_retracted
        return View(retracted, self.reviewed, "$as_of" if self.as_of else None)

    def visible(self, rel: str, node: str, target: str,
                include_retracted: bool | None = None) -> str:
        """The condition a connection's relationship (and claim at its end) must meet."""
        view = self.view(include_retracted)
        cond = rel_visible(rel, view)
        if target in CLAIM_TYPES:
            cond += f" AND {review_ok(node, view)}"
        return cond

    def var(self, prefix: str) -> str:
        self._n += 1
        return f"{prefix}{self._n}"

    def param(self, value: Any) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f"${name}"

    # -- nodes ---------------------------------------------------------------

    def node_map(self, var: str, type_name: str, selections: list[Selection],
                 typed: bool = False) -> tuple[list[str], str]:
        """``typed``: always say the type (the field returning it is abstract)."""
        types = concrete(type_name)
        if types == ("Citation",):
            return self.citation_node(var, selections, typed)
        scalars, conns = _lookup(tuple(t for t in types if t != "Citation"))
        computed = _computed(types)
        calls: list[str] = []
        selected = flatten(selections, type_name)
        entries = _identity(var, type_name, selected, selections)
        if typed and not any(e.startswith("_t:") for e in entries):
            entries.append(f"_t: {typename_expr(var, type_name)}")
        seen: set[str] = set()
        for key, f in selected.items():
            if f.name in scalars:
                py, expr = scalars[f.name]
                value = expr.format(v=var)
                if py == "status" and self.as_of is not None and "Allegation" in types:
                    value = latest_status(var, "$as_of")  # the status as of then
                if py not in seen:  # an aliased scalar is the same value: one map key
                    seen.add(py)
                    entries.append(f"{py}: {value}")
            elif f.name in conns:
                call, value = self.connection(var, conns[f.name], f)
                calls.append(call)
                entries.append(f"`@{key}`: {value}")
            elif f.name in computed:
                py, build, owner = computed[f.name]
                if py not in seen:
                    seen.add(py)
                    out = self.var("cv")
                    # Under an abstract type only the owner's nodes compute it (a hub
                    # organisation next to 200 rows must not count its sources 200 times).
                    calls.append(build(var, out, "$as_of" if self.as_of else None,
                                       owner if len(types) > 1 else None))
                    entries.append(f"{py}: {out}")
        return calls, "{" + ", ".join(entries) + "}"

    def connection(self, parent: str, conn: Conn, f: Field) -> tuple[str, str]:
        """A relationship connection: one subquery pages, projects and collects it."""
        skip, first = page_window(f.arguments.get("first"), f.arguments.get("after"))
        node, rel, out = self.var("n"), self.var("r"), self.var("c")
        pattern = conn.pattern(parent, rel, node)
        sub = flatten(f.selections)
        edge_fields: dict[str, Field] = {}
        for edges in (g for g in sub.values() if g.name == "edges"):
            for key, g in flatten(edges.selections).items():
                edge_fields.setdefault(key, Field(g.name, g.arguments)).selections += g.selections
        # Claims resting only on retracted sources (`unsupported`) leave default reads.
        include = f.arguments.get("includeRetracted")
        include = self.include_retracted if include is None else bool(include)
        body = [f"MATCH {pattern} WHERE {self.visible(rel, node, conn.target, include)}",
                f"WITH {node}, {rel} ORDER BY {ORDER[conn.target].format(v=node)}, {rel}.id "
                f"SKIP {self.param(skip)} LIMIT {self.param(first)}"]
        entries: list[str] = []
        for key, g in edge_fields.items():
            if g.name == "node":
                calls, value = self.node_map(node, conn.target, g.selections)
                body += calls
                entries.append(f"`@{key}`: {value}")
            elif g.name == "citations":
                asked = g.arguments.get("first")
                _, bound = page_window(EDGE_CITATIONS if asked is None else asked, None)
                call, value = self.citations(rel, g.selections, first=bound)
                body.append(call)
                entries.append(f"`@{key}`: {value}")
            elif g.name == "citationCount":
                if "citation_count:" not in " ".join(entries):
                    entries.append(f"citation_count: {self.citation_count(rel)}")
            elif g.name == "explain":
                call, value = self.explain(rel, g.selections)
                body.append(call)
                entries.append(f"`@{key}`: {value}")
            elif to_snake_case(g.name) in EDGE_SCALARS:
                py = to_snake_case(g.name)
                if f"{py}:" not in " ".join(entries):
                    entries.append(f"{py}: {EDGE_SCALARS[py].format(r=rel)}")
        order = f"{ORDER[conn.target].format(v=node)}, {rel}.id"
        body += [f"WITH {node}, {rel}, {{{', '.join(entries)}}} AS item ORDER BY {order}",
                 f"RETURN collect(item) AS {out}"]
        total = "null"
        if any(g.name in ("totalCount", "pageInfo") for g in sub.values()):
            counted = conn.pattern(parent, "cr", "cn")
            total = f"COUNT {{ {counted} WHERE {self.visible('cr', 'cn', conn.target, include)} }}"
        call = f"CALL ({parent}) {{\n  " + "\n  ".join(body) + "\n}"
        # Only the edges (and the total when asked for): the page window is known from the
        # field's arguments where the value is completed (pages.shape), so it is not sent.
        return call, out if total == "null" else f"{{edges: {out}, total: {total}}}"

    # -- citations -------------------------------------------------------------

    def citations(self, rel: str, selections: list[Selection], chain: bool = False,
                  first: int | None = None) -> tuple[str, str]:
        """The citations of one relationship, each with its publication, in one list.

        ``chain``: in provenance order (oldest publication first), else as listed;
        ``first``: only that many (the list is cut before any citation is read, unless
        an as-of date must drop some first). The index hint keeps each id a seek: without
        it the planner may scan every citation for every id (20 ms on 200 reports).
        """
        cit, pub, out = self.var("ct"), self.var("pb"), self.var("cs")
        calls, value = self.citation_map(cit, pub, selections)
        dated = f" WHERE {pub}.published <= $as_of" if self.as_of is not None else ""
        ids = f"coalesce({rel}.citation_ids, [])"
        limit: list[str] = []
        if first is not None and self.as_of is None:
            ids += f"[..{self.param(first)}]"
        elif first is not None:
            limit = [f"WITH {cit}, {pub} LIMIT {self.param(first)}"]
        body = [f"UNWIND {ids} AS {cit}_id",
                f"MATCH ({cit}:Citation {{id: {cit}_id}})-[:QUOTES]->({pub}:Publication) "
                f"USING INDEX {cit}:Citation(id)" + dated, *limit,
                *([f"WITH {cit}, {pub} ORDER BY {order_citations(cit, pub)}"] if chain else []),
                *calls, f"RETURN collect({value}) AS {out}"]
        return f"CALL ({rel}) {{\n  " + "\n  ".join(body) + "\n}", out

    def citation_count(self, rel: str) -> str:
        """How many citations a relationship has (as of a date: those dated by then)."""
        if self.as_of is None:
            return f"size(coalesce({rel}.citation_ids, []))"
        cit, pub = self.var("cc"), self.var("cp")
        return (f"COUNT {{ UNWIND coalesce({rel}.citation_ids, []) AS {cit}_id "
                f"MATCH ({cit}:Citation {{id: {cit}_id}})-[:QUOTES]->({pub}:Publication) "
                f"USING INDEX {cit}:Citation(id) WHERE {pub}.published <= $as_of "
                f"RETURN {cit} }}")

    def explain(self, rel: str, selections: list[Selection]) -> tuple[str, str]:
        """The provenance chain of one relationship (type Provenance), as one subquery."""
        start, end, out = self.var("es"), self.var("ee"), self.var("ex")
        body = [f"WITH {rel}, startNode({rel}) AS {start}, endNode({rel}) AS {end}"]
        entries = [f"relationship_id: {rel}.id", f"relationship_type: type({rel})",
                   f"unsupported: coalesce({rel}.unsupported, false)"]
        for key, f in flatten(selections).items():
            if f.name in ("start", "end"):
                calls, value = self.node_map(start if f.name == "start" else end, "Node",
                                             f.selections)
                body += calls
                entries.append(f"`@{key}`: {value}")
            elif f.name == "citations":
                call, value = self.citations(rel, f.selections, chain=True)
                body.append(call)
                entries.append(f"`@{key}`: {value}")
        body.append(f"RETURN {{{', '.join(entries)}}} AS {out}")
        return f"CALL ({rel}) {{\n  " + "\n  ".join(body) + "\n}", out

    def citation_node(self, var: str, selections: list[Selection], typed: bool = False
                      ) -> tuple[list[str], str]:
        pub, out = self.var("pb"), self.var("cm")
        calls, value = self.citation_map(var, pub, selections, typed)
        body = [f"MATCH ({var})-[:QUOTES]->({pub}:Publication)", *calls,
                f"RETURN {value} AS {out}"]
        return [f"CALL ({var}) {{\n  " + "\n  ".join(body) + "\n}"], out

    def citation_map(self, cit: str, pub: str, selections: list[Selection], typed: bool = False
                     ) -> tuple[list[str], str]:
        scalars, _ = _lookup(("Citation",))
        calls: list[str] = []
        selected = flatten(selections, "Citation")
        entries = _identity(cit, "Citation", selected)
        if typed and not any(e.startswith("_t:") for e in entries):
            entries.append("_t: 'Citation'")
        seen: set[str] = set()
        for key, f in selected.items():
            if f.name in seen:
                continue
            if f.name in scalars:
                py, expr = scalars[f.name]
                entries.append(f"{py}: {expr.format(v=cit)}")
                seen.add(f.name)
            elif f.name in ("contextBefore", "contextAfter"):
                seen.add(f.name)
                part = "before" if f.name == "contextBefore" else "after"
                expr = context_exprs(cit, pub, str(CONTEXT))[part]
                entries.append(f"{to_snake_case(f.name)}: {expr}")
            elif f.name == "verified":
                seen.add(f.name)
                # Re-checked against the stored text on every read, not trusted from the write.
                entries.append(f"verified: substring({pub}.text, {cit}.start, "
                               f"{cit}.end - {cit}.start) = {cit}.quote "
                               f"AND {cit}.superseded_by IS NULL")
            elif f.name == "publication":
                sub_calls, value = self.node_map(pub, "Publication", f.selections)
                calls += sub_calls
                entries.append(f"`@{key}`: {value}")
        return calls, "{" + ", ".join(entries) + "}"


def needs_total(selections: list[Selection]) -> bool:
    return any(f.name in ("totalCount", "pageInfo") for f in flatten(selections).values())


def root_nodes(selections: list[Selection]) -> list[Selection]:
    """The selections under ``edges { node }`` (and ``nodes``) of a root connection."""
    out: list[Selection] = []
    for f in flatten(selections).values():
        if f.name == "edges":
            for g in flatten(f.selections).values():
                if g.name == "node":
                    out += g.selections
        elif f.name == "nodes":
            out += f.selections
    return out
