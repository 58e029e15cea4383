"""API benchmark: GraphQL requests against the same answers from hand-written Cypher.

Data: the examples folder's reports, the corpus article (when present) and N
synthetic reports, all written through kb's own loader into the bench's own
Neo4j. A `kb serve` process (production mode, anonymous reads on) is started
on loopback; httpx sends the requests. Reported: p50/p95 of three queries and
their ratio to the bare async driver running hand-written Cypher, measured in
the same run; requests per second at 1, 4 and 16 concurrent clients; Cypher
statements per request. Usage: python bench/api.py [--synthetic 200] [--requests 200]
[--server-root OTHER_CHECKOUT]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
from neo4j import AsyncDriver, RoutingControl

from bench.common import REPO, bench_driver, save
from bench.ingest import synthetic_report
from kb.api.context import Context, Db
from kb.api.ids import encode_id
from kb.api.schema import build_schema
from kb.model.report import parse_report, read_report
from kb.settings import Settings
from kb.store.connection import Target, open_async_driver
from kb.store.write import write_report
from loaders.batch import collect_files

CORPUS = Path(os.environ.get("KB_CORPUS_DIR", REPO.parent / "shared" / "corpus"))

LIST_QUERY = """{ allegations(first: 50) { edges { node { summary
  accusers { edges { node { name } citations { quote start end } } }
  accused { edges { node { name } citations { quote start end } } } } } } }"""
LIST_CYPHER = """
MATCH (a:Allegation) WITH a ORDER BY a.first_reported, a.id LIMIT 50
CALL (a) { MATCH (x:Person|Organisation)-[r:ACCUSES]->(a) WITH x, r ORDER BY x.name LIMIT 20
  RETURN collect({name: x.name, citations: [cid IN r.citation_ids |
    head(COLLECT { MATCH (c:Citation {id: cid}) RETURN c {.quote, .start, .end} })]}) AS accusers }
CALL (a) { MATCH (a)-[r:AGAINST]->(x:Person|Organisation) WITH x, r ORDER BY x.name LIMIT 20
  RETURN collect({name: x.name, citations: [cid IN r.citation_ids |
    head(COLLECT { MATCH (c:Citation {id: cid}) RETURN c {.quote, .start, .end} })]}) AS accused }
RETURN a.summary AS summary, accusers, accused
"""
PATH_QUERY = """query ($a: ID!, $b: ID!) { connections(from: $a, to: $b) { length
  hops { type from { id } to { id } citations { quote } } } }"""
PATH_CYPHER = """
MATCH (a:Person {id: $a}), (b:Person {id: $b})
MATCH p = allShortestPaths((a)-[:%s*..4]-(b))
RETURN length(p) AS length, [i IN range(0, length(p) - 1) | {
  type: type(relationships(p)[i]), from: nodes(p)[i].id, to: nodes(p)[i + 1].id,
  citations: [cid IN relationships(p)[i].citation_ids |
    head(COLLECT { MATCH (c:Citation {id: cid}) RETURN c.quote })]}] AS hops LIMIT 25
"""
SEARCH_QUERY = """query ($t: String!) { search(text: $t, first: 10) { name } }"""
SEARCH_CYPHER = """
CALL db.index.fulltext.queryNodes('entity_search', $t) YIELD node, score
WITH score, CASE WHEN node:Allegation THEN COLLECT {
  MATCH (node)-[:AGAINST|ACCUSES]-(e:Person|Organisation) RETURN e } ELSE [node] END AS found
UNWIND found AS v WITH v, max(score) AS score ORDER BY score DESC, v.name LIMIT 10
RETURN v.name AS name
"""


def load_data(synthetic: int) -> int:
    """Everything goes in through the product's loader; loading twice changes nothing."""
    driver, _ = bench_driver()
    loaded = 0
    for path in collect_files([REPO / "examples"], articles=False):
        item = read_report(path)
        write_report(driver, "neo4j", item.report, item.text, created_by="bench")
        loaded += 1
    if (CORPUS / "nbc-metoo-2017-10-16.gold.json").exists():
        sys.path.insert(0, str(REPO))
        from tests.conftest import corpus_report

        report, text = parse_report(corpus_report(CORPUS))
        write_report(driver, "neo4j", report, text, created_by="bench")
        loaded += 1
    rng = random.Random(7)
    for i in range(synthetic):
        report, text = synthetic_report(i, rng)
        write_report(driver, "neo4j", report, text, created_by="bench")
        loaded += 1
    driver.close()
    return loaded


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(target: Target, port: int, root: Path = REPO) -> subprocess.Popen[bytes]:
    """`kb serve` from ``root``: this checkout, or another (a baseline) on the same data."""
    env = dict(os.environ, NEO4J_URI=target.uri, NEO4J_USER=target.user,
               NEO4J_PASSWORD=target.password, NEO4J_DATABASE=target.database,
               KB_ANONYMOUS_READ="1", KB_DEV="0", PYTHONPATH=str(root))
    proc = subprocess.Popen([sys.executable, "-m", "kb", "serve", "--port", str(port)],
                            env=env, cwd=root, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("the API server did not become ready")


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def pick_pair(driver: AsyncDriver) -> tuple[str, str]:
    """Two people joined by a path: Milano and Weinstein when the corpus is loaded."""
    records, _, _ = await driver.execute_query(
        "OPTIONAL MATCH (a:Person {name: 'Alyssa Milano'}), (b:Person {name: 'Harvey Weinstein'})"
        " WITH a, b WHERE a IS NOT NULL RETURN a.id AS a, b.id AS b "
        "UNION MATCH (a:Person)-[:ACCUSES]->(:Allegation)-[:AGAINST]->(b:Person) "
        "RETURN a.id AS a, b.id AS b LIMIT 1", routing_=RoutingControl.READ)
    return records[0]["a"], records[0]["b"]


async def latencies(client: httpx.AsyncClient, driver: AsyncDriver, query: str,
                    variables: dict[str, Any], cypher: str, params: dict[str, Any],
                    n: int) -> dict[str, float]:
    api: list[float] = []
    bare: list[float] = []
    for _ in range(max(5, n // 10)):  # warm both paths (plan caches, connections)
        await client.post("/graphql", json={"query": query, "variables": variables})
        await driver.execute_query(cypher, params, routing_=RoutingControl.READ)
    for _ in range(n):  # interleaved, so both see the same conditions
        t = time.perf_counter()
        response = await client.post("/graphql", json={"query": query, "variables": variables})
        api.append(time.perf_counter() - t)
        assert not response.json().get("errors"), response.text
        t = time.perf_counter()
        await driver.execute_query(cypher, params, routing_=RoutingControl.READ)
        bare.append(time.perf_counter() - t)
    out = {"api_p50_ms": pct(api, 0.5) * 1e3, "api_p95_ms": pct(api, 0.95) * 1e3,
           "cypher_p50_ms": pct(bare, 0.5) * 1e3, "cypher_p95_ms": pct(bare, 0.95) * 1e3}
    out["p50_ratio"] = out["api_p50_ms"] / out["cypher_p50_ms"]
    out["p95_ratio"] = out["api_p95_ms"] / out["cypher_p95_ms"]
    return out


async def throughput(url: str, concurrency: int, total: int) -> float:
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        remaining = total

        async def worker() -> None:
            nonlocal remaining
            while remaining > 0:
                remaining -= 1
                response = await client.post("/graphql", json={"query": LIST_QUERY})
                response.raise_for_status()

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return total / (time.perf_counter() - start)


async def statements_per_request(driver: AsyncDriver) -> int:
    ctx = Context(None, Db(driver, "neo4j"), Settings(KB_DEV=True), None)
    result = await build_schema(dev=True).execute(LIST_QUERY, context_value=ctx)
    assert not result.errors, result.errors
    return ctx.db.statements


async def measure(target: Target, url: str, n: int) -> dict[str, Any]:
    from kb.model.graph import model

    driver = open_async_driver(target)
    try:
        a, b = await pick_pair(driver)
        search_term = "Weinstein" if (CORPUS / "nbc-metoo-2017-10-16.txt").exists() else "fraud"
        async with httpx.AsyncClient(base_url=url, timeout=60) as client:
            results = {
                "allegation_list": await latencies(client, driver, LIST_QUERY, {},
                                                   LIST_CYPHER, {}, n),
                "connections": await latencies(
                    client, driver, PATH_QUERY,
                    {"a": encode_id("Person", a), "b": encode_id("Person", b)},
                    PATH_CYPHER % "|".join(model().cited_types), {"a": a, "b": b}, n),
                "search": await latencies(client, driver, SEARCH_QUERY, {"t": search_term},
                                          SEARCH_CYPHER, {"t": search_term}, n),
            }
        statements = await statements_per_request(driver)
    finally:
        await driver.close()
    rps = {str(c): await throughput(url, c, n) for c in (1, 4, 16)}
    return {"latency": results, "requests_per_second": rps,
            "statements_per_list_request": statements}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=200, help="synthetic reports to load")
    parser.add_argument("--requests", type=int, default=200,
                        help="requests per query (latency) and per concurrency level")
    parser.add_argument("--server-root", type=Path, default=REPO,
                        help="serve the API from this checkout (e.g. `git archive` of a "
                             "baseline), to compare before/after under the same conditions")
    args = parser.parse_args()
    loaded = load_data(args.synthetic)
    _, target = bench_driver()
    port = free_port()
    server = start_server(target, port, args.server_root.resolve())
    try:
        result = asyncio.run(measure(target, f"http://127.0.0.1:{port}", args.requests))
    finally:
        server.terminate()
        server.wait(timeout=20)
    result.update(reports_loaded=loaded, requests=args.requests)
    print(f"{'query':<17}{'api p50':>9}{'api p95':>9}{'cypher p50':>12}{'cypher p95':>12}"
          f"{'p50 x':>7}{'p95 x':>7}")
    for name, r in result["latency"].items():
        print(f"{name:<17}{r['api_p50_ms']:>8.1f}ms{r['api_p95_ms']:>7.1f}ms"
              f"{r['cypher_p50_ms']:>10.1f}ms{r['cypher_p95_ms']:>10.1f}ms"
              f"{r['p50_ratio']:>7.2f}{r['p95_ratio']:>7.2f}")
    print("requests/s (allegation list): " + ", ".join(
        f"{c} client(s) {v:.0f}" for c, v in result["requests_per_second"].items()))
    print(f"Cypher statements per list request: {result['statements_per_list_request']}")
    print(f"wrote {save('api', result)}")
    print(json.dumps({"reports_loaded": loaded}))


if __name__ == "__main__":
    main()
