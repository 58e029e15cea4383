"""The API benchmark's baseline: hand-written Cypher behind a minimal Starlette endpoint.

``app()`` is kb's own app (same uvicorn, same process, same driver, same body limit)
with one more route, ``POST /baseline/{name}``: it reads the same JSON body a GraphQL
request sends, runs one hand-written statement and returns the JSON the GraphQL query
returns (bench/api.py checks that they are equal). The difference between the two is
what GraphQL itself costs: parsing, validation, limits, compiling the selection to
Cypher and completing the result. Serve it with
``uvicorn bench.baseline:app --factory`` and the usual ``NEO4J_*`` variables.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from neo4j import AsyncDriver, RoutingControl
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from kb.api.app import create_app
from kb.api.cypher.lucene import index_query, words
from kb.api.ids import decode_id, encode_id
from kb.model.graph import model
from kb.settings import load_settings

LIST = """
MATCH (a:Allegation) WHERE NOT coalesce(a.unsupported, false)
WITH a ORDER BY a.first_reported, a.id LIMIT 50
RETURN collect({summary: a.summary,
  accusers: {edges: COLLECT {
    MATCH (a)<-[r:ACCUSES]-(x:Person|Organisation) WHERE NOT coalesce(r.unsupported, false)
    WITH x, r ORDER BY x.name, x.id, r.id LIMIT 20
    RETURN {node: {name: x.name}, citations: COLLECT {
      UNWIND r.citation_ids AS cid MATCH (c:Citation {id: cid})-[:QUOTES]->(:Publication)
      RETURN c {.quote, .start, .end} }} }},
  accused: {edges: COLLECT {
    MATCH (a)-[r:AGAINST]->(x:Person|Organisation) WHERE NOT coalesce(r.unsupported, false)
    WITH x, r ORDER BY x.name, x.id, r.id LIMIT 20
    RETURN {node: {name: x.name}, citations: COLLECT {
      UNWIND r.citation_ids AS cid MATCH (c:Citation {id: cid})-[:QUOTES]->(:Publication)
      RETURN c {.quote, .start, .end} }} }}
}) AS edges
"""

PATHS = """
MATCH (a:Person {id: $a}), (b:Person {id: $b})
MATCH p = allShortestPaths((a)-[:%s*..4]-(b))
WHERE none(r IN relationships(p) WHERE coalesce(r.unsupported, false))
WITH p LIMIT 25
RETURN length(p) AS length, [i IN range(0, length(p) - 1) | {
  type: type(relationships(p)[i]),
  from: [nodes(p)[i].id, labels(nodes(p)[i])], to: [nodes(p)[i + 1].id, labels(nodes(p)[i + 1])],
  citations: COLLECT {
    UNWIND relationships(p)[i].citation_ids AS cid
    MATCH (c:Citation {id: cid})-[:QUOTES]->(:Publication) RETURN {quote: c.quote} }}] AS hops
"""

SEARCH = """
CALL () {
  CALL db.index.fulltext.queryNodes('entity_search', $stemmed, {limit: 200}) YIELD node, score
  RETURN node, score
  UNION ALL
  CALL db.index.fulltext.queryNodes('entity_names', $names, {limit: 200}) YIELD node, score
  RETURN node, score
}
WITH node, sum(score) AS score
UNWIND CASE WHEN node:Allegation THEN COLLECT {
  MATCH (node)-[:AGAINST|ACCUSES]-(e:Person|Organisation) RETURN e } ELSE [node] END AS v
WITH v, max(score) AS score ORDER BY score DESC, v.name, v.id LIMIT $first
RETURN collect({name: v.name}) AS found
"""

# A node's GraphQL type from its labels: the subtypes kb gives responses come first.
TYPES = ("Person", "Organisation", "Allegation", "Denial", "Admission", "Apology", "NoComment",
         "DoesNotRecall", "Publication", "Citation")


def _gid(pair: list[Any]) -> dict[str, str]:
    db_id, labels = pair
    return {"id": encode_id(next(t for t in TYPES if t in labels), db_id)}


async def _read(driver: AsyncDriver, database: str, query: str, **params: Any) -> list[Any]:
    records, _, _ = await driver.execute_query(query, params, database_=database,
                                               routing_=RoutingControl.READ)
    return records


async def allegation_list(driver: AsyncDriver, database: str, v: dict[str, Any]) -> Any:
    records = await _read(driver, database, LIST)
    return {"allegations": {"edges": [{"node": n} for n in records[0]["edges"]]}}


async def connections(driver: AsyncDriver, database: str, v: dict[str, Any]) -> Any:
    (_, a), (_, b) = decode_id(v["a"]), decode_id(v["b"])
    records = await _read(driver, database, PATHS % "|".join(model().cited_types), a=a, b=b)
    return {"connections": [
        {"length": r["length"], "hops": [
            {"type": h["type"], "from": _gid(h["from"]), "to": _gid(h["to"]),
             "citations": h["citations"]} for h in r["hops"]]} for r in records]}


async def search(driver: AsyncDriver, database: str, v: dict[str, Any]) -> Any:
    found = words(v["t"])
    indexes = model().fulltext
    records = await _read(driver, database, SEARCH, first=10,
                          stemmed=index_query(found, indexes["entity_search"]),
                          names=index_query(found, indexes["entity_names"]))
    return {"search": records[0]["found"]}


HANDLERS: dict[str, Callable[[AsyncDriver, str, dict[str, Any]], Awaitable[Any]]] = {
    "allegation_list": allegation_list, "connections": connections, "search": search}


def app() -> Any:
    wrapped = create_app(load_settings())
    inner = wrapped.app  # the Starlette app inside the body limit

    async def baseline(request: Request) -> Response:
        body = json.loads(await request.body())
        state = request.app.state
        data = await HANDLERS[request.path_params["name"]](
            state.driver, state.database, body.get("variables") or {})
        return JSONResponse({"data": data})

    inner.add_route("/baseline/{name}", baseline, methods=["POST"])
    return wrapped
