"""API benchmark: GraphQL requests against the same answers from hand-written Cypher.

Data: the examples folder's reports, the corpus article (when present) and N
synthetic reports, all written through kb's own loader into the bench's own
Neo4j. One uvicorn process (production mode, a reader token) serves kb's app and,
beside it, a minimal Starlette endpoint that runs hand-written Cypher and returns
the same JSON (bench/baseline.py; checked equal before timing). Reported: p50/p95 of
three queries through GraphQL, through that endpoint (the ratio is what GraphQL
itself costs) and through the bare async driver in-process (what HTTP adds too), all
interleaved in the same run; requests per second at 1, 4 and 16 concurrent clients;
Cypher statements per request. Usage: python bench/api.py [--synthetic 200]
[--requests 200] [--server-root OTHER_CHECKOUT]
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

from bench import baseline
from bench.common import REPO, bench_driver, save
from bench.ingest import synthetic_report
from kb.api.auth import TokenCache
from kb.api.context import Context, Db
from kb.api.cypher.lucene import index_query, words
from kb.api.ids import encode_id
from kb.api.schema import build_schema
from kb.model.report import parse_report
from kb.settings import Settings
from kb.store.connection import Target, open_async_driver
from kb.store.tokens import create_token
from kb.store.write import write_report
from loaders.batch import collect_files
from loaders.reports import read_report

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
SEARCH_CYPHER = baseline.SEARCH  # both full-text indexes, as the API's search


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


def start_server(target: Target, port: int, root: Path = REPO, *,
                 anonymous: bool = False) -> subprocess.Popen[bytes]:
    """kb's app with the baseline endpoint (bench/baseline.py), from ``root``: this
    checkout, or another (an earlier version) on the same data; ``anonymous``: reads
    need no token."""
    env = dict(os.environ, NEO4J_URI=target.uri, NEO4J_USER=target.user,
               NEO4J_PASSWORD=target.password, NEO4J_DATABASE=target.database,
               KB_ANONYMOUS_READ="1" if anonymous else "0", KB_DEV="0",
               PYTHONPATH=os.pathsep.join([str(root), str(REPO)]))
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "bench.baseline:app", "--factory",
                             "--port", str(port), "--log-level", "warning", "--no-access-log"],
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


async def latencies(client: httpx.AsyncClient, driver: AsyncDriver, name: str, query: str,
                    variables: dict[str, Any], cypher: str, params: dict[str, Any],
                    n: int) -> dict[str, float]:
    """GraphQL, the baseline endpoint and the bare driver, interleaved."""
    body = {"query": query, "variables": variables}
    api: list[float] = []
    base: list[float] = []
    bare: list[float] = []
    graphql = (await client.post("/graphql", json=body)).json()
    assert not graphql.get("errors"), graphql
    same = (await client.post(f"/baseline/{name}", json=body)).json()
    assert same == graphql, f"the baseline's answer to {name} differs from GraphQL's"
    for _ in range(max(5, n // 10)):  # warm every path (plan caches, connections)
        await client.post("/graphql", json=body)
        await client.post(f"/baseline/{name}", json=body)
        await driver.execute_query(cypher, params, routing_=RoutingControl.READ)
    for _ in range(n):  # interleaved, so all three see the same conditions
        t = time.perf_counter()
        response = await client.post("/graphql", json=body)
        api.append(time.perf_counter() - t)
        assert not response.json().get("errors"), response.text
        t = time.perf_counter()
        response = await client.post(f"/baseline/{name}", json=body)
        base.append(time.perf_counter() - t)
        response.raise_for_status()
        t = time.perf_counter()
        await driver.execute_query(cypher, params, routing_=RoutingControl.READ)
        bare.append(time.perf_counter() - t)
    out = {"api_p50_ms": pct(api, 0.5) * 1e3, "api_p95_ms": pct(api, 0.95) * 1e3,
           "baseline_p50_ms": pct(base, 0.5) * 1e3, "baseline_p95_ms": pct(base, 0.95) * 1e3,
           "cypher_p50_ms": pct(bare, 0.5) * 1e3, "cypher_p95_ms": pct(bare, 0.95) * 1e3}
    out["p50_ratio_baseline"] = out["api_p50_ms"] / out["baseline_p50_ms"]
    out["p95_ratio_baseline"] = out["api_p95_ms"] / out["baseline_p95_ms"]
    out["p50_ratio"] = out["api_p50_ms"] / out["cypher_p50_ms"]
    out["p95_ratio"] = out["api_p95_ms"] / out["cypher_p95_ms"]
    return out


async def throughput(url: str, token: str, concurrency: int, total: int) -> float:
    async with httpx.AsyncClient(base_url=url, timeout=60,
                                 headers={"Authorization": f"Bearer {token}"}) as client:
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


async def statements_per_request(driver: AsyncDriver, token: str) -> int:
    """Statements a token-bearing list request sends once its token is known."""
    ctx: Context | None = None
    schema = build_schema(dev=True)
    tokens = TokenCache(5.0)
    for _ in range(2):
        ctx = Context(None, Db(driver, "neo4j"), Settings(KB_DEV=True), f"Bearer {token}",
                      tokens)
        result = await schema.execute(LIST_QUERY, context_value=ctx)
        assert not result.errors, result.errors
    assert ctx is not None
    return ctx.db.statements


async def measure(target: Target, url: str, n: int, token: str) -> dict[str, Any]:
    from kb.model.graph import model

    driver = open_async_driver(target)
    try:
        a, b = await pick_pair(driver)
        search_term = "Weinstein" if (CORPUS / "nbc-metoo-2017-10-16.txt").exists() else "fraud"
        found = words(search_term)
        search_params = {"stemmed": index_query(found, model().fulltext["entity_search"]),
                         "names": index_query(found, model().fulltext["entity_names"]),
                         "first": 10}
        async with httpx.AsyncClient(base_url=url, timeout=60,
                                     headers={"Authorization": f"Bearer {token}"}) as client:
            results = {
                "allegation_list": await latencies(client, driver, "allegation_list",
                                                   LIST_QUERY, {}, LIST_CYPHER, {}, n),
                "connections": await latencies(
                    client, driver, "connections", PATH_QUERY,
                    {"a": encode_id("Person", a), "b": encode_id("Person", b)},
                    PATH_CYPHER % "|".join(model().cited_types), {"a": a, "b": b}, n),
                "search": await latencies(client, driver, "search", SEARCH_QUERY,
                                          {"t": search_term}, SEARCH_CYPHER, search_params, n),
            }
        statements = await statements_per_request(driver, token)
    finally:
        await driver.close()
    rps = {str(c): await throughput(url, token, c, n) for c in (1, 4, 16)}
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
    driver, target = bench_driver()
    token, _ = create_token(driver, target.database, "reader", "bench")
    driver.close()
    port = free_port()
    server = start_server(target, port, args.server_root.resolve())
    try:
        result = asyncio.run(measure(target, f"http://127.0.0.1:{port}", args.requests,
                                     token))
    finally:
        server.terminate()
        server.wait(timeout=20)
    result.update(reports_loaded=loaded, requests=args.requests)
    print(f"{'query':<16}{'graphql p50/p95':>17}{'baseline p50/p95':>18}{'driver p50/p95':>16}"
          f"{'vs baseline p50/p95':>21}{'vs driver p50':>14}")
    for name, r in result["latency"].items():
        print(f"{name:<16}{r['api_p50_ms']:>8.1f}/{r['api_p95_ms']:>6.1f}ms"
              f"{r['baseline_p50_ms']:>9.1f}/{r['baseline_p95_ms']:>6.1f}ms"
              f"{r['cypher_p50_ms']:>7.1f}/{r['cypher_p95_ms']:>6.1f}ms"
              f"{r['p50_ratio_baseline']:>14.2f}/{r['p95_ratio_baseline']:.2f}"
              f"{r['p50_ratio']:>14.2f}")
    print("requests/s (allegation list): " + ", ".join(
        f"{c} client(s) {v:.0f}" for c, v in result["requests_per_second"].items()))
    print(f"Cypher statements per list request: {result['statements_per_list_request']}")
    print(f"wrote {save('api', result)}")
    print(json.dumps({"reports_loaded": loaded}))


if __name__ == "__main__":
    main()
