"""Scale benchmark: a synthetic graph of N relationships, then how the reads hold up.

The generator writes fictional sourced reports with a realistic shape: people
and outlets drawn from power laws (a few people face many allegations, one
outlet reports a large share of them, so it becomes a hub), the same
allegation carried by several publications and quoted twice in each (several
citations per edge), denials, affiliations. Every report goes through the
product's bulk loader (`load_files`: validated, quotes located, citations
checked), and 1 publication in 20 is then retracted through `kb retract`'s
code path. Then, against `kb serve` on loopback:

- p50/p95 of `connections` (maxHops 4, both directions) between random people,
  `search` of names, an allegation list page (50) with nested accusers, accused
  and their citations, and the `timeline` of the hub entity;
- the wall time of `kb audit --format json` and the peak RSS of
  `kb export --format json` (each a separate process).

Relationships are counted as `MATCH ()-[r]->()` counts them (cited claims plus
the QUOTES edges of their citations). The bench's Neo4j lives under
.kb/scale-N (its own KB_HOME per size, port 7703 or a free one) so tests and
other benches are never disturbed; the load is skipped when the graph already
has the requested size. Stop them with `KB_HOME=.kb/scale-N kb db stop`.

Usage: python bench/scale.py --relationships 100000 [--requests 100] [--pagecache 1g]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
from neo4j import Driver

from bench.api import free_port, pct, start_server
from bench.common import REPO, save
from kb.api.ids import encode_id
from kb.api.paths import HUB_DEGREE
from kb.db.server import LocalServer
from kb.settings import Settings
from kb.store.connection import Target, open_driver, resolve_target
from kb.store.retract import retract
from kb.store.schema import apply_schema
from loaders.batch import load_files

FIRST = ["Ada", "Bram", "Cleo", "Dev", "Esme", "Fitz", "Gia", "Hugo", "Ines", "Jory", "Kai",
         "Lena", "Milo", "Nell", "Otis", "Pia", "Quin", "Rhea", "Saul", "Tova", "Ugo", "Vera",
         "Wren", "Xavi", "Yara", "Zeno"]
SYLLABLES = ["bar", "cel", "dun", "fen", "gal", "hol", "kir", "lom", "mar", "nor", "pel",
             "quil", "ros", "sal", "tor", "vel", "wick", "yar", "zan", "brook"]
SUMMARIES = [("fraud", "defrauding investors"), ("harassment", "harassing staff"),
             ("assault", "assaulting a colleague"), ("bribery", "bribing officials"),
             ("misconduct", "misusing company funds")]
COMPANIES = ["Holdings", "Studios", "Capital", "Logistics", "Health", "Foods", "Media"]


def surname(i: int) -> str:
    """A unique invented surname per index: the index written in syllables."""
    parts = []
    n = i + 1
    while n:
        n, d = divmod(n, len(SYLLABLES))
        parts.append(SYLLABLES[d])
    word = "".join(parts)
    return word[0].upper() + word[1:]


def person(i: int) -> str:
    return f"{FIRST[i % len(FIRST)]} {surname(i)}"


def outlet(i: int) -> str:
    return f"The {surname(10_000 + i)} Courier"


def company(i: int) -> str:
    return f"{surname(50_000 + i)} {COMPANIES[i % len(COMPANIES)]}"


class Shape:
    """Power-law draws (Zipf-like, exponent about 1) over people, outlets and companies."""

    def __init__(self, reports: int, seed: int = 13) -> None:
        self.rng = random.Random(seed)
        self.people = max(50, reports * 2)
        self.outlets = max(10, reports // 200)
        self.companies = max(10, reports // 20)

    def zipf(self, n: int, s: float = 1.1) -> int:
        # Inverse transform of a continuous power law on [1, n]: index 0 is the head.
        u = self.rng.random()
        x = ((n ** (1 - s) - 1) * u + 1) ** (1 / (1 - s))
        return min(n - 1, int(x) - 1)


def synthetic(i: int, shape: Shape) -> dict[str, Any]:
    """One report: one to three allegations, their denials, affiliations; all quoted."""
    rng = shape.rng
    pub_outlet = outlet(shape.zipf(shape.outlets))
    sentences: list[str] = []
    people: dict[str, None] = {}
    orgs: dict[str, None] = {pub_outlet: None}
    allegations, denials, relations = [], [], []
    for j in range(rng.choice([1, 1, 2, 2, 3])):
        accuser = person(shape.zipf(shape.people, 1.05))
        accused = person(shape.zipf(shape.people, 1.3))
        if accuser == accused:
            continue
        category, act = SUMMARIES[shape.zipf(len(SUMMARIES))]
        # The hub: one outlet reports most allegations; the others share the rest.
        reporter = outlet(0 if rng.random() < 0.6 else shape.zipf(shape.outlets))
        people.update({accuser: None, accused: None})
        orgs[reporter] = None
        claim = f"In account {i}-{j}, {accuser} accused {accused} of {act}"
        again = f"The claim by {accuser} (account {i}-{j}) was first reported by {reporter}"
        sentences += [claim + ".", again + "."]
        allegations.append({"accuser": accuser, "accused": accused, "summary": act,
                            "categories": [category], "quote": claim, "alt_quotes": [again],
                            "reported_by": [reporter]})
        if rng.random() < 0.5:
            quote = f"{accused} denied the account {i}-{j}"
            sentences.append(quote + " through a lawyer.")
            denials.append({"denier": accused, "kind": "full", "quote": quote,
                            "denies_allegation_by": accuser})
        if rng.random() < 0.6:
            org = company(shape.zipf(shape.companies))
            orgs[org] = None
            quote = f"{accused}, an executive at {org} (account {i}-{j})"
            sentences.append(quote + ", did not respond.")
            relations.append({"kind": "affiliation", "person": accused, "organisation": org,
                              "role": "executive", "quote": quote})
    if rng.random() < 0.5 or not sentences:  # staff reporters, affiliated with outlets
        writer = person(shape.people + shape.zipf(shape.people // 10 + 1))
        people[writer] = None
        quote = f"{writer} of {pub_outlet} reported account {i}"
        sentences.append(quote + ".")
        relations.append({"kind": "affiliation", "person": writer, "organisation": pub_outlet,
                          "role": "reporter", "quote": quote})
    return {
        "publication": {"title": f"Account {i}", "outlet": pub_outlet,
                        "url": f"https://scale.example.org/{i}",
                        "published": f"{2000 + i % 25}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                        "retrieved": "2025-01-01T00:00:00Z", "text": " ".join(sentences)},
        "people": list(people), "organisations": list(orgs),
        "allegations": allegations, "denials": denials, "relations": relations,
    }


def scale_settings(relationships: int, pagecache: str) -> Settings:
    """A server per size (.kb/scale-N), so the sizes are kept side by side."""
    port = int(os.environ.get("KB_BENCH_BOLT_PORT", 7703))
    return Settings(KB_HOME=REPO / ".kb" / f"scale-{relationships}", KB_BOLT_PORT=port,
                    KB_NEO4J_PAGECACHE=pagecache)


def count_rels(driver: Driver) -> int:
    return int(driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS c").records[0]["c"])


def generate(driver: Driver, database: str, relationships: int, folder: Path) -> dict[str, Any]:
    """Write reports and load them, a chunk at a time, until the graph is big enough."""
    # About 20 relationships a report (claims, their citations' QUOTES edges).
    shape = Shape(relationships // 20)
    i = 0
    started = time.perf_counter()
    loaded_rels = count_rels(driver)
    failures = 0
    while loaded_rels < relationships:
        chunk = max(200, min(5_000, (relationships - loaded_rels) // 20))
        files = []
        for _ in range(chunk):
            path = folder / f"r{i:07d}.json"
            path.write_text(json.dumps(synthetic(i, shape)))
            files.append(path)
            i += 1
        result = load_files(driver, database, files, review_threshold=0.0, progress=False)
        failures += len(result.failures)
        if result.failures:
            print("failures:", result.failures[:3], file=sys.stderr)
        for path in files:
            path.unlink()
        loaded_rels = count_rels(driver)
        rate = loaded_rels / (time.perf_counter() - started)
        print(f"  {i} reports, {loaded_rels} relationships, {rate:.0f}/s", file=sys.stderr)
    load_seconds = time.perf_counter() - started
    retracted = 0
    start = time.perf_counter()
    for j in range(0, i, 20):  # 1 in 20 publications retracted
        retract(driver, database, f"https://scale.example.org/{j}", "bench: retracted",
                "bench")
        retracted += 1
    return {"reports": i, "load_seconds": round(load_seconds, 1),
            "load_relationships_per_s": round(loaded_rels / load_seconds, 1),
            "load_failures": failures, "retracted": retracted,
            "retract_seconds": round(time.perf_counter() - start, 1)}


def shape_of(driver: Driver) -> dict[str, Any]:
    rec = driver.execute_query("""
        CALL () { MATCH (n) RETURN count(n) AS nodes }
        CALL () { MATCH ()-[r]->() RETURN count(r) AS rels }
        CALL () { MATCH ()-[r:QUOTES]->() RETURN count(r) AS quotes }
        CALL () { MATCH (c:Citation) RETURN count(c) AS citations }
        CALL () { MATCH (p:Publication) RETURN count(p) AS pubs,
                  sum(CASE WHEN p.retracted THEN 1 ELSE 0 END) AS retracted }
        CALL () { MATCH (a:Allegation) RETURN count(a) AS allegations }
        RETURN nodes, rels, quotes, citations, pubs, retracted, allegations""").records[0]
    hub = driver.execute_query("""
        MATCH (o:Organisation) WITH o, COUNT { (o)--() } AS degree
        ORDER BY degree DESC LIMIT 1 RETURN o.id AS id, o.name AS name, degree""").records[0]
    top = driver.execute_query("""
        MATCH (p:Person) WITH p, COUNT { (p)<-[:AGAINST]-() } AS faced
        ORDER BY faced DESC LIMIT 1 RETURN p.name AS name, faced""").records[0]
    out = dict(rec)
    out["cited_relationships"] = out["rels"] - out["quotes"]
    out["citations_per_cited_edge"] = round(out["citations"] / max(1, out["cited_relationships"]),
                                            2)
    out["hub"] = dict(hub)
    out["most_accused"] = dict(top)
    return out


PATH_QUERY = """query ($a: ID!, $b: ID!) { connections(from: $a, to: $b, maxHops: 4) { length
  hops { type from { id } to { id } citations { quote start end } } } }"""
SEARCH_QUERY = """query ($t: String!) { search(text: $t, first: 10) { name } }"""
LIST_QUERY = """query ($after: String) { allegations(first: 50, after: $after) {
  edges { node { summary status
    accusers { edges { node { name } citations { quote start end publication { url } } } }
    accused { edges { node { name } citations { quote start end publication { url } } } } } }
  pageInfo { endCursor } } }"""
TIMELINE_QUERY = """query ($e: ID!) { timeline(entity: $e, first: 50) { date kind
  relationshipType citations { quote } } }"""


async def timed(client: httpx.AsyncClient, query: str, variables: list[dict[str, Any]],
                n: int) -> dict[str, float]:
    times: list[float] = []
    errors = 0
    for k in range(n + 5):
        t = time.perf_counter()
        response = await client.post("/graphql", json={"query": query,
                                                       "variables": variables[k % len(variables)]})
        elapsed = time.perf_counter() - t
        if response.status_code != 200 or response.json().get("errors"):
            errors += 1
            if errors == 1:
                print("error:", response.text[:300], file=sys.stderr)
        if k >= 5:  # the first few warm plan caches
            times.append(elapsed)
    return {"p50_ms": round(pct(times, 0.5) * 1e3, 1), "p95_ms": round(pct(times, 0.95) * 1e3, 1),
            "requests": n, "errors": errors}


async def measure_queries(driver: Driver, url: str, n: int, hub_id: str) -> dict[str, Any]:
    rng = random.Random(5)
    people = [r["id"] for r in driver.execute_query(
        "MATCH (p:Person) WHERE EXISTS { (p)--(:Allegation) } RETURN p.id AS id "
        "ORDER BY p.id LIMIT 5000").records]
    names = [r["name"] for r in driver.execute_query(
        "MATCH (p:Person) RETURN p.name AS name ORDER BY p.id LIMIT 2000").records]
    pairs = [{"a": encode_id("Person", rng.choice(people)), "b": encode_id("Person",
                                                                            rng.choice(people))}
             for _ in range(n)]
    # Pairs known to be linked in 4 hops: two accusers of the same person (not a hub,
    # which connections never walk through).
    linked = [{"a": encode_id("Person", r["a"]), "b": encode_id("Person", r["b"])}
              for r in driver.execute_query("""
        MATCH (t:Person) WHERE 4 <= COUNT { (t)--() } <= $hub
        MATCH (x:Person)-[:ACCUSES]->(:Allegation)-[:AGAINST]->(t)
              <-[:AGAINST]-(:Allegation)<-[:ACCUSES]-(y:Person)
        WHERE x.id < y.id
        WITH x, y LIMIT 2000 RETURN x.id AS a, y.id AS b""", hub=HUB_DEGREE).records]
    rng.shuffle(linked)
    top = driver.execute_query("""
        MATCH (p:Person) WITH p, COUNT { (p)<-[:AGAINST]-() } AS faced
        ORDER BY faced DESC LIMIT 1 RETURN p.id AS id""").records[0]["id"]
    terms = [{"t": rng.choice(names).split()[-1]} for _ in range(n)]
    cursors: list[dict[str, Any]] = [{"after": None}]
    out: dict[str, Any] = {}
    async with httpx.AsyncClient(base_url=url, timeout=120) as client:
        page = await client.post("/graphql", json={"query": LIST_QUERY, "variables": {}})
        end = page.json()["data"]["allegations"]["pageInfo"]["endCursor"]
        cursors.append({"after": end})
        out["connections_random_pairs"] = await timed(client, PATH_QUERY, pairs, n)
        out["connections_linked_pairs"] = await timed(client, PATH_QUERY, linked[:n], n)
        paths = 0
        for pair in linked[:20]:
            found = await client.post("/graphql", json={"query": PATH_QUERY, "variables": pair})
            paths += len(found.json()["data"]["connections"] or [])
        out["connections_linked_pairs"]["paths_per_pair"] = round(paths / 20, 1)
        out["search"] = await timed(client, SEARCH_QUERY, terms, n)
        out["allegation_list_page"] = await timed(client, LIST_QUERY, cursors, n)
        out["timeline_hub_outlet"] = await timed(client, TIMELINE_QUERY,
                                                 [{"e": encode_id("Organisation", hub_id)}], n)
        out["timeline_most_accused"] = await timed(client, TIMELINE_QUERY,
                                                   [{"e": encode_id("Person", top)}], n)
    return out


def run_cli(target: Target, args: list[str]) -> dict[str, Any]:
    """Run `kb ...` in its own process: wall time, peak RSS, exit code."""
    env = dict(os.environ, NEO4J_URI=target.uri, NEO4J_USER=target.user,
               NEO4J_PASSWORD=target.password, NEO4J_DATABASE=target.database)
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "kb", *args], env=env, cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)  # ru_maxrss: KiB on Linux
    seconds = time.perf_counter() - start
    err = proc.stderr.read().decode()[-300:] if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    return {"seconds": round(seconds, 1), "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),
            "exit_code": code, **({"stderr": err} if code not in (0, 1) else {})}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relationships", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--pagecache", default="1g",
                        help="the bench server's page cache (its heap stays the default)")
    parser.add_argument("--fresh", action="store_true", help="wipe the bench graph first")
    parser.add_argument("--skip-queries", action="store_true", help="only build the graph")
    parser.add_argument("--skip-cli", action="store_true",
                        help="only the reads through the API (no `kb audit`, `kb export`)")
    args = parser.parse_args()
    settings = scale_settings(args.relationships, args.pagecache)
    server = LocalServer(settings)
    server.start(say=lambda line: print(line, file=sys.stderr))
    target = resolve_target(settings, start=False)
    driver = open_driver(target)
    apply_schema(driver, target.database)
    result: dict[str, Any] = {"command": "python bench/scale.py " + " ".join(sys.argv[1:]),
                              "load_average_before": os.getloadavg()[0],
                              "target_relationships": args.relationships,
                              "neo4j_heap": settings.heap,
                              "neo4j_pagecache": args.pagecache}
    try:
        if args.fresh:
            with driver.session(database=target.database) as session:
                session.run("MATCH (n) CALL (n) { DETACH DELETE n } "
                            "IN TRANSACTIONS OF 5000 ROWS").consume()
        have = count_rels(driver)
        if have < args.relationships * 0.95:
            with tempfile.TemporaryDirectory() as tmp:
                result["load"] = generate(driver, target.database, args.relationships, Path(tmp))
        result["graph"] = shape_of(driver)
        print(json.dumps(result, indent=2), file=sys.stderr)
        if args.skip_queries:
            return
        port = free_port()
        api = start_server(target, port, anonymous=True)
        try:
            result["queries"] = asyncio.run(measure_queries(
                driver, f"http://127.0.0.1:{port}", args.requests,
                result["graph"]["hub"]["id"]))
        finally:
            api.terminate()
            api.wait(timeout=30)
        if not args.skip_cli:
            result["audit"] = run_cli(target, ["audit", "--format", "json"])
            with tempfile.TemporaryDirectory() as tmp:
                result["export_json"] = run_cli(target, ["export", "--format", "json", "-o",
                                                         str(Path(tmp) / "graph.json")])
                result["export_json"]["bytes"] = (Path(tmp) / "graph.json").stat().st_size \
                    if (Path(tmp) / "graph.json").exists() else 0
    finally:
        driver.close()
    size = args.relationships
    label = f"{size // 1000}k" if size < 1_000_000 else f"{size // 1_000_000}M"
    print(json.dumps(result, indent=2))
    result["load_average_after"] = os.getloadavg()[0]
    suffix = "-reads" if args.skip_cli else ""
    print(f"written to {save(f'scale-{label}{suffix}', result)}")


if __name__ == "__main__":
    main()
