"""Export benchmark: wall time and the exporting process's peak memory, per format.

Builds N cited relationships (a person, an organisation, a citation of one publication each)
in the bench's own Neo4j, then runs `kb export --format F` in a fresh process for each format,
output to /dev/null. A streamed export's peak memory stays flat as N grows.
Usage: python bench/export.py [--relationships 100000] [--formats json,graphml,ftm]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from neo4j import Driver

from bench.common import REPO, bench_driver, save, wipe

BUILD = """
MATCH (p:Publication {id: 'pub_bench'})
UNWIND range($a, $b) AS i
CREATE (x:Person {id: 'per_b' + i, name: 'Person ' + i, name_key: 'person ' + i,
                  aliases: ['Person ' + i]})
CREATE (o:Organisation {id: 'org_b' + i, name: 'Org ' + i, name_key: 'org ' + i,
                        aliases: ['Org ' + i]})
CREATE (c:Citation {id: 'cit_b' + i, rel_id: 'rel_b' + i, rel_type: 'AFFILIATED_WITH',
                    publication_id: 'pub_bench', quote: 'Alpha worked for Beta Corp', start: 0,
                    end: 26, method: 'bench', confidence: 1.0, created_by: 'bench'})
CREATE (c)-[:QUOTES {id: 'quo_b' + i}]->(p)
CREATE (x)-[:AFFILIATED_WITH {id: 'rel_b' + i, role: 'adviser', citation_ids: ['cit_b' + i]}]->(o)
"""

# Runs one export in a child and prints the child's peak RSS (KiB) and wall time.
MEASURE = """
import resource, subprocess, sys, time
t = time.perf_counter()
with open("/dev/null", "w") as out:
    subprocess.run([sys.executable, "-m", "kb", "export", "--format", sys.argv[1]],
                   stdout=out, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.perf_counter() - t)
"""


def build(driver: Driver, database: str, n: int) -> None:
    wipe(driver, database)
    driver.execute_query(
        "CREATE (:Publication {id: 'pub_bench', title: 'Bench', outlet: 'Bench Wire', "
        "url: 'https://bench.example/1', text: $t, sha256: 'x', retracted: false, "
        "published: date('2024-01-01')})",
        t="Alpha worked for Beta Corp as an adviser. " * 50, database_=database)
    for a in range(0, n, 10_000):
        driver.execute_query(BUILD, a=a, b=min(n, a + 10_000) - 1, database_=database)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--relationships", type=int, default=100_000)
    parser.add_argument("--formats", default="json,graphml,ftm")
    args = parser.parse_args()
    driver, target = bench_driver()
    build(driver, target.database, args.relationships)
    env = dict(os.environ, NEO4J_URI=target.uri, NEO4J_USER=target.user,
               NEO4J_PASSWORD=target.password, NEO4J_DATABASE=target.database)
    results = {}
    for fmt in args.formats.split(","):
        proc = subprocess.run([sys.executable, "-c", MEASURE, fmt], env=env, cwd=REPO,
                              capture_output=True, text=True, check=True)
        rss, seconds = proc.stdout.split()
        results[fmt] = {"peak_rss_mib": round(int(rss) / 1024, 1),
                        "seconds": round(float(seconds), 1),
                        "relationships_per_second": round(args.relationships / float(seconds))}
        print(fmt, results[fmt])
    driver.close()
    print(save("export", {"relationships": args.relationships, "at": time.time(),
                          "formats": results}))


if __name__ == "__main__":
    main()
