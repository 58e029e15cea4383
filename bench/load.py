"""Load benchmark: N concurrent clients x M requests of a realistic mix against `kb serve`.

The bench's own Neo4j holds the examples, the corpus article (when present) and
synthetic reports (bench/api.py loads them through kb's loader). `kb serve --workers W`
runs in production mode on loopback with a reader token. Each client sends M requests
drawn from a fixed mix (allegation lists with nested parties and citations, searches a
reporter would type, a person's profile, `connections` between two people, timelines,
people pages), one after another; levels run one after another. Everything is bounded:
a fixed number of requests, a 30-second timeout each, loopback only. Reported per
level: requests/s, errors (HTTP status or GraphQL errors), p50/p95/p99/max latency, and
per kind at the highest level. Usage: python bench/load.py [--clients 1,8,32]
[--requests 200] [--workers 2] [--synthetic 200] [--url http://127.0.0.1:PORT]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from bench.api import free_port, load_data, pct
from bench.common import REPO, bench_driver, save
from kb.api.ids import encode_id
from kb.store.connection import Target
from kb.store.tokens import create_token

PARTIES = "edges { node { name } citations { quote start end publication { title url } } }"
QUERIES = {
    "allegation_list": f"""query ($after: String) {{ allegations(first: 20, after: $after) {{
        totalCount pageInfo {{ hasNextPage endCursor }}
        edges {{ node {{ id summary status firstReported
          accusers {{ {PARTIES} }} accused {{ {PARTIES} }} }} }} }} }}""",
    "search": "query ($t: String!) { search(text: $t, first: 10) { __typename id name } }",
    "profile": """query ($id: ID!) { node(id: $id) { ... on Person { name aliases
        allegationsFaced(first: 10) { totalCount edges { node { summary status
          responses(first: 5) { edges { node { type summary } } } } } }
        allegationsMade(first: 10) { totalCount edges { node { summary } } } } } }""",
    "connections": """query ($a: ID!, $b: ID!) { connections(from: $a, to: $b, maxHops: 4) {
        length hops { type forward from { id } to { id } citations { quote } } } }""",
    "timeline": """query ($id: ID!) { timeline(entity: $id, first: 20) { date kind
        node { __typename id } citations { quote } } }""",
    "people": """query ($after: String) { people(first: 50, after: $after) {
        edges { cursor node { name } } } }""",
}
# How often each kind comes up: lists and searches most, path search least.
MIX = {"allegation_list": 25, "search": 25, "profile": 20, "connections": 10,
       "timeline": 10, "people": 10}
SEARCHES = ["Weinstein", "weinst", "Weinstien", "rape", "harassment", "fraud", "Zoe",
            "Delgado", "Delgato", "Brightwater", "Pratt", "AND", "a AND", "O'Brien",
            "misconduct", "Mc", "Farrow", "retaliation"]


@dataclass
class Pools:
    """Ids to vary the requests with, read once before the run."""

    people: list[str]
    pairs: list[tuple[str, str]]
    allegations: int


@dataclass
class Level:
    clients: int
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


def pools(target: Target) -> Pools:
    from kb.store.connection import open_driver

    driver = open_driver(target)
    try:
        people = [r["id"] for r in driver.execute_query(
            "MATCH (p:Person) WHERE EXISTS { (p)--(:Allegation) } RETURN p.id AS id "
            "ORDER BY id LIMIT 500", database_=target.database).records]
        pairs = [(r["a"], r["b"]) for r in driver.execute_query(
            "MATCH (a:Person)-[:ACCUSES]->(:Allegation)-[:AGAINST]->(b:Person) "
            "RETURN DISTINCT a.id AS a, b.id AS b ORDER BY a, b LIMIT 200",
            database_=target.database).records]
        count = driver.execute_query("MATCH (a:Allegation) RETURN count(a) AS n",
                                     database_=target.database).records[0]["n"]
    finally:
        driver.close()
    if not people or not pairs:
        raise SystemExit("the bench graph has no allegations between people: load data first")
    return Pools(people, pairs, int(count))


def request(kind: str, rng: random.Random, p: Pools) -> dict[str, Any]:
    """One request of ``kind`` with varied arguments."""
    variables: dict[str, Any] = {}
    if kind in ("allegation_list", "people"):
        pages = max(1, p.allegations // 20) if kind == "allegation_list" else 3
        offset = rng.randrange(pages) * 20
        if offset:
            from kb.api.pages import encode_cursor
            variables["after"] = encode_cursor(offset - 1)
    elif kind == "search":
        variables["t"] = rng.choice(SEARCHES)
    elif kind in ("profile", "timeline"):
        variables["id"] = encode_id("Person", rng.choice(p.people))
    elif kind == "connections":
        a, b = rng.choice(p.pairs)
        if rng.random() < 0.5:  # also people further apart than one allegation
            b = rng.choice(p.people)
        variables = {"a": encode_id("Person", a), "b": encode_id("Person", b)}
    return {"query": QUERIES[kind], "variables": variables}


async def run_level(url: str, token: str, clients: int, per_client: int, p: Pools,
                    seed: int) -> Level:
    level = Level(clients)
    kinds = list(MIX)
    weights = [MIX[k] for k in kinds]
    headers = {"Authorization": f"Bearer {token}"}

    async def one_client(n: int) -> None:
        # A client of its own per simulated user: one keep-alive connection, no shared
        # pool (httpx's pool costs more than the requests with dozens of waiters).
        rng = random.Random(seed * 1000 + n)
        async with httpx.AsyncClient(base_url=url, timeout=30, headers=headers,
                                     limits=httpx.Limits(max_connections=1)) as client:
            for _ in range(per_client):
                kind = rng.choices(kinds, weights)[0]
                body = request(kind, rng, p)
                t = time.perf_counter()
                try:
                    response = await client.post("/graphql", json=body)
                    elapsed = time.perf_counter() - t
                    answer = response.json()
                    if response.status_code != 200 or answer.get("errors"):
                        level.errors.append(f"{kind}: {response.status_code} "
                                            f"{str(answer.get('errors'))[:200]}")
                except (httpx.HTTPError, ValueError) as exc:
                    elapsed = time.perf_counter() - t
                    level.errors.append(f"{kind}: {type(exc).__name__}")
                level.latencies.setdefault(kind, []).append(elapsed)

    start = time.perf_counter()
    await asyncio.gather(*(one_client(n) for n in range(clients)))
    level.seconds = time.perf_counter() - start
    return level


def summary(level: Level) -> dict[str, Any]:
    every = [x for values in level.latencies.values() for x in values]
    return {
        "clients": level.clients, "requests": len(every), "errors": len(level.errors),
        "error_samples": level.errors[:5],
        "requests_per_second": len(every) / level.seconds,
        "p50_ms": pct(every, 0.5) * 1e3, "p95_ms": pct(every, 0.95) * 1e3,
        "p99_ms": pct(every, 0.99) * 1e3, "max_ms": max(every) * 1e3,
        "by_kind": {k: {"requests": len(v), "p50_ms": pct(v, 0.5) * 1e3,
                        "p95_ms": pct(v, 0.95) * 1e3} for k, v in sorted(level.latencies.items())},
    }


SERVE_LOG = REPO / ".kb" / "bench" / "load-serve.log"


def start_serve(target: Target, port: int, workers: int) -> subprocess.Popen[bytes]:
    """`kb serve` on loopback; its log goes to SERVE_LOG (worker restarts show there)."""
    SERVE_LOG.parent.mkdir(parents=True, exist_ok=True)
    log = SERVE_LOG.open("wb")
    env = dict(os.environ, NEO4J_URI=target.uri, NEO4J_USER=target.user,
               NEO4J_PASSWORD=target.password, NEO4J_DATABASE=target.database,
               KB_DEV="0", KB_ANONYMOUS_READ="0", PYTHONPATH=str(REPO))
    proc = subprocess.Popen([sys.executable, "-m", "kb", "serve", "--host", "127.0.0.1",
                             "--port", str(port), "--workers", str(workers)],
                            env=env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
    log.close()  # the child keeps its own handle
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            break
        time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("`kb serve` did not become ready")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", default="1,8,32",
                        help="concurrency levels, comma-separated (each at most 256)")
    parser.add_argument("--requests", type=int, default=200,
                        help="requests per client at each level (at most 10,000)")
    parser.add_argument("--workers", type=int, default=2, help="`kb serve` worker processes")
    parser.add_argument("--synthetic", type=int, default=200, help="synthetic reports to load")
    parser.add_argument("--url", help="an already running `kb serve` on loopback "
                                      "(its database must be the bench's)")
    args = parser.parse_args()
    levels = [int(c) for c in args.clients.split(",")]
    if not all(1 <= c <= 256 for c in levels) or not 1 <= args.requests <= 10_000:
        raise SystemExit("clients must be 1..256 and requests 1..10,000")
    if args.url and urlparse(args.url).hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("load runs against loopback only")
    try:  # the client shares the cores with the server: spend as little as it can
        import uvloop

        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    except ImportError:
        pass
    loaded = load_data(args.synthetic)
    driver, target = bench_driver()
    token, _ = create_token(driver, target.database, "reader", "load-bench")
    driver.close()
    p = pools(target)
    server = None
    url = args.url
    if url is None:
        port = free_port()
        server = start_serve(target, port, args.workers)
        url = f"http://127.0.0.1:{port}"
    try:
        asyncio.run(run_level(url, token, 4, 10, p, seed=0))  # warm plans and pools
        results = [summary(asyncio.run(run_level(url, token, c, args.requests, p, seed=c)))
                   for c in levels]
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    print(f"{'clients':>8}{'requests':>10}{'errors':>8}{'req/s':>8}{'p50':>9}{'p95':>9}"
          f"{'p99':>9}{'max':>9}")
    for r in results:
        print(f"{r['clients']:>8}{r['requests']:>10}{r['errors']:>8}"
              f"{r['requests_per_second']:>8.1f}{r['p50_ms']:>7.1f}ms{r['p95_ms']:>7.1f}ms"
              f"{r['p99_ms']:>7.1f}ms{r['max_ms']:>7.1f}ms")
    last = results[-1]
    print(f"by kind at {last['clients']} clients: " + ", ".join(
        f"{k} p50 {v['p50_ms']:.0f} / p95 {v['p95_ms']:.0f} ms"
        for k, v in last["by_kind"].items()))
    for r in results:
        for sample in r["error_samples"]:
            print(f"error at {r['clients']} clients: {sample}")
    restarts = SERVE_LOG.read_text(errors="replace").count("died") if server else None
    if restarts:
        print(f"worker processes that died during the run: {restarts} (see {SERVE_LOG})")
    out = save("load", {"workers": args.workers, "worker_deaths": restarts,
                        "requests_per_client": args.requests, "reports_loaded": loaded,
                        "mix": MIX, "levels": results})
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
